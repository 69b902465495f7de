"""PNG and PDF snapshots of an exported map, taken in headless Chromium with Playwright.

The browser is Debian's /usr/bin/chromium, or the one the ATLAS_CHROMIUM environment variable names. Each step
(starting the browser, loading the page, drawing the map) may take at most BROWSER_TIMEOUT seconds (the
ATLAS_BROWSER_TIMEOUT variable sets another); a browser that fails, exits or hangs gives one line naming it.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from geo.errors import AtlasError

CHROMIUM = "/usr/bin/chromium"
BROWSER_TIMEOUT = 60.0  # seconds, for each step
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
DRAWN_JS = "AtlasVector.drawn()"  # layers/web/static/vector.js
SIZES = {"png": (1600, 1000), "pdf": (1123, 794)}  # pixels; the PDF page is A4 landscape at 96 dpi


def chromium_path() -> str:
    """The browser to start: ATLAS_CHROMIUM, or Debian's."""
    return os.environ.get("ATLAS_CHROMIUM") or CHROMIUM


def browser_timeout() -> float:
    """Seconds each browser step may take: ATLAS_BROWSER_TIMEOUT, or BROWSER_TIMEOUT."""
    value = os.environ.get("ATLAS_BROWSER_TIMEOUT")
    if value is None:
        return BROWSER_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise AtlasError(None, "ATLAS_BROWSER_TIMEOUT", value, "not a number of seconds from 0 to 3600")
    return seconds


def snapshot_ready(kind: str, chromium: str | None = None) -> None:
    """AtlasError unless headless Chromium and Playwright are there to take a PNG or PDF snapshot."""
    chromium = chromium or chromium_path()
    browser_timeout()
    if not Path(chromium).is_file():
        raise AtlasError(
            None, f"--{kind}", chromium, "Chromium is not installed; install it with `apt-get install chromium`"
        )
    if importlib.util.find_spec("playwright") is None:
        raise AtlasError(
            None, f"--{kind}", "playwright", "the Python package playwright is not installed; `make test` installs it"
        )


def snapshots(html_path: Path, kinds: Sequence[str]) -> dict[str, bytes]:
    """PNG screenshots and A4 landscape PDFs of a page (by kind), taken in one headless Chromium.

    Playwright runs in a worker thread while this one waits in short steps: a signal (Ctrl-C, SIGTERM) may be
    delivered to any thread of the process, and Python runs its handler only when the main thread is awake.
    """
    chromium = chromium_path()
    for kind in kinds:
        snapshot_ready(kind, chromium)
    taken: dict[str, bytes] = {}
    failed: list[BaseException] = []

    def work() -> None:
        try:
            taken.update(_snapshots(html_path, kinds, chromium))
        except BaseException as error:  # handed to the waiting thread, which raises it
            failed.append(error)

    worker = threading.Thread(target=work, name="snapshots", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
    if failed:
        raise failed[0]
    return taken


def _snapshots(html_path: Path, kinds: Sequence[str], chromium: str) -> dict[str, bytes]:
    """The snapshots, taken in the calling thread."""
    from playwright.sync_api import Error, sync_playwright

    timeout = browser_timeout() * 1000
    taken: dict[str, bytes] = {}
    kind = kinds[0] if kinds else "png"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, timeout=timeout)
            try:
                for kind in kinds:
                    width, height = SIZES[kind]
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.set_default_timeout(timeout)
                    page.route(
                        "**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                    )
                    page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
                    page.wait_for_function(DRAWN_JS)
                    page.wait_for_timeout(300)
                    if kind == "png":
                        taken[kind] = page.screenshot(full_page=False)
                    else:
                        page.emulate_media(media="screen")
                        taken[kind] = page.pdf(width="297mm", height="210mm", print_background=True, page_ranges="1")
                    page.close()
            finally:
                browser.close()
    except Error as error:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise AtlasError(None, f"--{kind}", chromium, f"the browser failed: {first}") from None
    return taken
