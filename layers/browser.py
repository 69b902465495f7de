"""Headless Chromium through Playwright: the browser the export's snapshots (layers.web.snapshot) and the print
figure's tagged PDF (layers.report) are taken with.

The browser is Debian's /usr/bin/chromium, or the one the ATLAS_CHROMIUM environment variable names. Each step
(starting the browser, loading a page, printing it) may take at most BROWSER_TIMEOUT seconds (the
ATLAS_BROWSER_TIMEOUT variable sets another); a browser that is missing, fails, exits or hangs gives one line naming
it. A page loads nothing from the network: every request but about: and data: is refused.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from geo.errors import AtlasError
from geo.settings import seconds_from

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

CHROMIUM = "/usr/bin/chromium"
BROWSER_TIMEOUT = 60.0  # seconds, for each step
# The features Playwright itself turns off (playwright-core's chromiumSwitches.ts, in the pinned Playwright): several
# keep a headless start from reaching the network. Chromium honours only the last --disable-features switch on its
# command line, and Playwright puts ours after its own, so ours must repeat them (a test reads the browser's command
# line and fails when an update of Playwright adds one).
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
# Chromium 150 and later load the address bar's suggestions popup, a web page of its own in a renderer process of its
# own, for every window a page opens in: a headless browser has no address bar to type in, and it took about half the
# CPU of opening a map page (Puppeteer turns them off too).
ADDRESS_BAR_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
# the flags every headless start uses (no sandbox as root; nothing that reaches out to the network)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + ADDRESS_BAR_FEATURES),
]
INSTALL = "install it with `apt-get install chromium`"

T = TypeVar("T")


def chromium_path() -> str:
    """The browser to start: ATLAS_CHROMIUM, or Debian's."""
    return os.environ.get("ATLAS_CHROMIUM") or CHROMIUM


def browser_timeout() -> float:
    """Seconds each browser step may take: ATLAS_BROWSER_TIMEOUT, or BROWSER_TIMEOUT."""
    return seconds_from("ATLAS_BROWSER_TIMEOUT", BROWSER_TIMEOUT, 3600)


def browser_ready(field: str, why: str = "", chromium: str | None = None) -> None:
    """AtlasError naming `field` unless headless Chromium and Playwright are there (`why`: what needs them)."""
    chromium = chromium or chromium_path()
    browser_timeout()
    needs = f"{why}; " if why else ""
    if not Path(chromium).is_file():
        raise AtlasError(None, field, chromium, f"Chromium is not installed; {needs}{INSTALL}")
    if importlib.util.find_spec("playwright") is None:
        raise AtlasError(
            None, field, "playwright", f"the Python package playwright is not installed; {needs}`make test` installs it"
        )


def in_worker(
    work: Callable[[], T], timeout: float | None = None, expired: Callable[[], BaseException] | None = None
) -> T:
    """work() run in a worker thread while this one waits in short steps: a signal (Ctrl-C, SIGTERM) may be
    delivered to any thread of the process, and Python runs its handler only when the main thread is awake. With a
    `timeout`, the waiting thread raises expired() once work() has run that many seconds (the worker, a daemon,
    ends with the process). An idle worker is used again (_Worker): what a thread makes for itself, as pyproj does
    each transformer, is then made once in a process that renders many times, not once a render.
    """
    done: list[T] = []
    failed: list[BaseException] = []
    finished = threading.Event()
    try:
        worker = _IDLE.pop()
    except IndexError:
        worker = _Worker()

    def run() -> None:
        try:
            done.append(work())
        except BaseException as error:  # handed to the waiting thread, which raises it
            failed.append(error)
        _IDLE.append(worker)  # free for the next work before this one is seen done
        finished.set()

    worker.jobs.put(run)
    started = time.monotonic()
    while not finished.wait(0.1):
        if timeout is not None and expired is not None and time.monotonic() - started > timeout:
            raise expired()
    if failed:
        raise failed[0]
    return done[0]


class _Worker:
    """A daemon thread that runs the work handed to it, one piece at a time (in_worker)."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="worker", daemon=True).start()

    def _serve(self) -> None:
        while True:
            self.jobs.get()()


_IDLE: list[_Worker] = []  # workers waiting for work (list.pop and list.append are atomic)


def browser_failed(error: BaseException, field: str, chromium: str) -> AtlasError:
    """A browser's error as one line naming the field and the browser."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return AtlasError(None, field, chromium, f"the browser failed: {first}")


@dataclass(frozen=True)
class PrintJob:
    """A self-contained HTML document to print on a page of this size, with no margins, once `ready` (a selector)
    matches: the document marks itself when what it loads (its fonts) has loaded.
    """

    html: str
    width_mm: float
    height_mm: float
    ready: str = "html"


def print_pdfs(jobs: Sequence[PrintJob], field: str = "--out", why: str = "") -> list[bytes]:
    """Each document printed to a tagged PDF by the process's warm printer: one headless Chromium, started by the
    first document and kept for those that follow (a figure asked for again in the app, another format) until it
    has been idle WARM_IDLE seconds, when it stops; a printer that failed is not used again.
    """
    global _warm
    with _WARM_LOCK:
        printer = _warm
        futures = printer.submit_all(jobs) if printer is not None and printer.serves(field) else None
        if printer is None or futures is None:
            printer = _warm = Printer(field, why, idle=WARM_IDLE).__enter__()
            futures = [printer.submit(job) for job in jobs]  # (one that failed to start fails each at once)
    return [printer.result(future) for future in futures]


@atexit.register
def _stop_warm_printer() -> None:
    """The warm printer closed with the process (its browser too)."""
    if _warm is not None:
        _warm.__exit__()


class Printer:
    """A headless Chromium, started in a worker thread when the `with` block begins, so that it starts while the
    caller draws what it will print; it prints each document to a tagged PDF (a structure tree, its language, its
    title) on a page of the document's size with no margins. A document submitted is printed at once, while the
    caller draws the next (submit); print_pdfs waits for a list. With `idle` seconds, the printer stops once it has
    waited that long for a document (print_pdfs's warm printer).

    A document that asks for anything but about: or data: is refused (AtlasError naming the address): nothing phones
    home, and a printed page that needed something from the network would be wrong. The calling thread waits in short
    steps (signals, as in_worker).
    """

    def __init__(self, field: str = "--out", why: str = "", idle: float | None = None) -> None:
        self.field = field
        self.chromium = chromium_path()
        self.timeout = browser_timeout()
        browser_ready(field, why, self.chromium)
        self.idle = idle
        self._jobs: queue.Queue[tuple[PrintJob, Future[bytes]] | None] = queue.Queue()
        self._lock = threading.Lock()  # held to queue a document, and to stop taking them
        self._failure: BaseException | None = None
        self._stopped = False
        self._worker = threading.Thread(target=self._serve, name="printer", daemon=True)

    def __enter__(self) -> Printer:
        self._worker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._jobs.put(None)  # the worker closes the browser and ends
        while self._worker.is_alive():
            self._worker.join(0.1)

    def serves(self, field: str) -> bool:
        """Whether documents for `field` may be printed here: the same field, browser and time limit as asked now."""
        return (self.field, self.chromium, self.timeout) == (field, chromium_path(), browser_timeout())

    def submit(self, job: PrintJob) -> Future[bytes]:
        """The document queued for printing; its PDF comes with result() (a printer that failed fails it at once)."""
        future: Future[bytes] = Future()
        with self._lock:
            if self._failure is not None:
                future.set_exception(self._failure)
            else:
                self._jobs.put((job, future))
        return future

    def submit_all(self, jobs: Sequence[PrintJob]) -> list[Future[bytes]] | None:
        """The documents queued for printing, or None (none queued) if this printer has stopped or failed."""
        with self._lock:
            if self._stopped or self._failure is not None:
                return None
            futures: list[Future[bytes]] = [Future() for _ in jobs]
            for job, future in zip(jobs, futures, strict=True):
                self._jobs.put((job, future))
        return futures

    def result(self, future: Future[bytes]) -> bytes:
        """A submitted document's PDF, waited for in short steps (or the error that printing it raised)."""
        while True:
            try:
                return future.result(timeout=0.1)
            except FutureTimeout:
                if not self._worker.is_alive() and not future.done():
                    raise AtlasError(None, self.field, self.chromium, "the browser stopped") from None

    def print_pdfs(self, jobs: Sequence[PrintJob]) -> list[bytes]:
        """The documents printed, in order."""
        return [self.result(future) for future in [self.submit(job) for job in jobs]]

    def _next(self) -> tuple[PrintJob, Future[bytes]] | None:
        """The next document, or None when told to stop or, with `idle`, when none came in time."""
        while True:
            try:
                return self._jobs.get(timeout=self.idle)
            except queue.Empty:
                with self._lock:
                    if self._jobs.empty():
                        self._stopped = True
                        return None

    def _serve(self) -> None:
        """The worker: start the browser and a page, then print each document as it comes until told to stop. The
        first error fails its document and every later one, unprinted (a browser that cannot start, every one).
        """
        from playwright.sync_api import Error, sync_playwright

        timeout = self.timeout * 1000
        failure: BaseException | None = None
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=self.chromium, args=CHROMIUM_ARGS, timeout=timeout)
                try:
                    page = browser.new_page()  # ready for the first document
                    tried = refused_addresses(page, timeout)
                    while (item := self._next()) is not None:
                        job, future = item
                        try:
                            future.set_result(_printed(page, tried, job, self.field))
                        except Error as error:
                            failure = browser_failed(error, self.field, self.chromium)
                        except BaseException as error:  # handed to the waiting thread
                            failure = error
                        if failure is not None:
                            with self._lock:  # taking no more documents before the caller hears of it
                                self._failure = failure
                            future.set_exception(failure)
                            break  # a browser that failed once prints nothing more (nor waits again)
                finally:
                    browser.close()
        except Error as error:
            failure = browser_failed(error, self.field, self.chromium)
        except BaseException as error:  # handed to the waiting thread
            failure = error
        with self._lock:  # no document is queued after this: those submitted later fail at once
            self._stopped, self._failure = True, failure
        while failure is not None:  # every document already asked for fails with it
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[1].set_exception(failure)


WARM_IDLE = 120.0  # seconds the warm printer (print_pdfs) waits for another document before it stops
_WARM_LOCK = threading.Lock()
_warm: Printer | None = None


def local_only(route: Route, tried: list[str], own: str = "") -> None:
    """Let about:, data: and the page's own address through; abort every other request and note its address."""
    url = route.request.url
    if url.startswith(("about:", "data:")) or (own and url == own):
        route.continue_()
    else:
        tried.append(url)
        route.abort()


def refused_addresses(page: Page, timeout: float, own: str = "") -> list[str]:
    """The list that fills with the addresses the page asks for and is refused (local_only: all but about:, data: and
    `own`, the address of the file it shows), once its time limit is set. The page every document is printed in, one
    after another, and the page a map's snapshots are taken in: one page for all (a fresh page for each document cost
    Chromium more than twice the CPU, as measured in README's Development section).
    """
    tried: list[str] = []
    page.set_default_timeout(timeout)
    page.route("**/*", lambda route: local_only(route, tried, own))
    return tried


def _printed(page: Page, tried: list[str], job: PrintJob, field: str) -> bytes:
    """One document printed in the printing page (`tried`: its refused addresses); AtlasError if it asked for the
    network.
    """
    page.set_content(job.html, wait_until="load")
    page.wait_for_selector(job.ready, state="attached")
    pdf = page.pdf(
        width=f"{job.width_mm}mm",
        height=f"{job.height_mm}mm",
        margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
        print_background=True,
        tagged=True,
    )
    if tried:
        raise AtlasError(None, field, tried[0], "the printed page asked for something from the network; refused")
    return pdf
