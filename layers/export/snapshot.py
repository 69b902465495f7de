"""PNG and PDF snapshots of an exported map, taken in headless Chromium (Debian's /usr/bin/chromium) with Playwright."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from geo.errors import AtlasError
from layers.export.files import write_atomic

CHROMIUM = "/usr/bin/chromium"
# the flags every headless start uses (no sandbox as root; nothing that reaches out to the network)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def snapshot_ready(kind: str, chromium: str = CHROMIUM) -> None:
    """AtlasError unless headless Chromium and Playwright are there to take a PNG or PDF snapshot."""
    if not Path(chromium).is_file():
        raise AtlasError(
            None, f"--{kind}", chromium, "Chromium is not installed; install it with `apt-get install chromium`"
        )
    if importlib.util.find_spec("playwright") is None:
        raise AtlasError(
            None, f"--{kind}", "playwright", "the Python package playwright is not installed; `make test` installs it"
        )


def snapshot(html_path: Path, out: Path, kind: str) -> None:
    """A PNG screenshot or an A4 landscape PDF of an exported map, through headless Chromium."""
    snapshot_ready(kind)
    from playwright.sync_api import sync_playwright

    width, height = (1600, 1000) if kind == "png" else (1123, 794)  # A4 landscape at 96 dpi
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            page.wait_for_function(
                "() => document.querySelector('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path') !== null"
            )
            page.wait_for_timeout(300)
            if kind == "png":
                data = page.screenshot(full_page=False)
            else:
                page.emulate_media(media="screen")
                data = page.pdf(width="297mm", height="210mm", print_background=True, page_ranges="1")
        finally:
            browser.close()
    write_atomic(out, data, f"--{kind}")
