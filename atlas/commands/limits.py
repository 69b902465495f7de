"""Every render is bounded: a figure, a map or a report pack is made in a worker thread while the command's own thread
waits in short steps, so Ctrl-C and SIGTERM are answered within a tenth of a second (a long drawing call does not
hold them up), and a render that takes longer than ATLAS_RENDER_TIMEOUT seconds ends with one line; nothing is
written then.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from geo.errors import AtlasError

RENDER_TIMEOUT = 600.0  # seconds: a report pack takes about 15 s on a 2-core machine, a figure about 3 s
T = TypeVar("T")


def render_timeout() -> float:
    """Seconds a render may take: ATLAS_RENDER_TIMEOUT, or RENDER_TIMEOUT."""
    value = os.environ.get("ATLAS_RENDER_TIMEOUT")
    if value is None:
        return RENDER_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 86_400:
        raise AtlasError(None, "ATLAS_RENDER_TIMEOUT", value, "not a number of seconds from 0 to 86400")
    return seconds


def bounded(work: Callable[[], T], what: str) -> T:
    """work() in a worker thread, waited for in short steps; AtlasError once it has run past render_timeout()."""
    seconds = render_timeout()
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as error:  # handed to the waiting thread, which raises it
            failed.append(error)

    worker = threading.Thread(target=run, name="render", daemon=True)
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
        if worker.is_alive() and time.monotonic() - started > seconds:
            raise AtlasError(
                None, "ATLAS_RENDER_TIMEOUT", f"{seconds:g}", f"{what} took longer than that; stopped, nothing written"
            )
    if failed:
        raise failed[0]
    return done[0]
