"""PNG and PDF snapshots of an exported map, taken in headless Chromium with Playwright (the browser, its flags and
its time limits: layers.browser).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from layers.browser import (
    CHROMIUM_ARGS,
    browser_failed,
    browser_ready,
    browser_timeout,
    chromium_path,
    in_worker,
    refused_addresses,
)

DRAWN_JS = "AtlasVector.drawn()"  # layers/web/static/vector.js
SIZES = {"png": (1600, 1000), "pdf": (1123, 794)}  # pixels; the PDF page is A4 landscape at 96 dpi


def snapshot_ready(kind: str, chromium: str | None = None) -> None:
    """AtlasError unless headless Chromium and Playwright are there to take a PNG or PDF snapshot."""
    browser_ready(f"--{kind}", chromium=chromium)


def snapshots(html_path: Path, kinds: Sequence[str]) -> dict[str, bytes]:
    """PNG screenshots and A4 landscape PDFs of a page (by kind), taken in one headless Chromium (in a worker
    thread: layers.browser.in_worker).
    """
    chromium = chromium_path()
    for kind in kinds:
        snapshot_ready(kind, chromium)
    return in_worker(lambda: _snapshots(html_path, kinds, chromium))


def _snapshots(html_path: Path, kinds: Sequence[str], chromium: str) -> dict[str, bytes]:
    """The snapshots, taken in the calling thread, one after another in one page. Offline: the page's file and data:
    addresses load, nothing else (a basemap's tiles are not in the snapshots).
    """
    from playwright.sync_api import Error, sync_playwright

    timeout = browser_timeout() * 1000
    address = Path(html_path).resolve().as_uri()
    taken: dict[str, bytes] = {}
    kind = kinds[0] if kinds else "png"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, timeout=timeout)
            try:
                page = browser.new_page()
                refused_addresses(page, timeout, address)
                for kind in kinds:
                    width, height = SIZES[kind]
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(address, wait_until="load")
                    page.wait_for_function(DRAWN_JS)
                    page.wait_for_timeout(300)
                    if kind == "png":
                        taken[kind] = page.screenshot(full_page=False)
                    else:
                        page.emulate_media(media="screen")
                        taken[kind] = page.pdf(width="297mm", height="210mm", print_background=True, page_ranges="1")
            finally:
                browser.close()
    except Error as error:
        raise browser_failed(error, f"--{kind}", chromium) from None
    return taken
