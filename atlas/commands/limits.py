"""Every render is bounded: a figure, a map or a report pack is made in a worker thread while the command's own thread
waits in short steps (layers.browser.in_worker), so Ctrl-C and SIGTERM are answered within a tenth of a second (a long
drawing call does not hold them up), and a render that takes longer than ATLAS_RENDER_TIMEOUT seconds ends with one
line; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from geo.errors import AtlasError
from geo.settings import seconds_from
from layers.browser import in_worker

RENDER_TIMEOUT = 600.0  # seconds: a report pack takes about 15 s on a 2-core machine, a figure about 3 s
T = TypeVar("T")


def render_timeout() -> float:
    """Seconds a render may take: ATLAS_RENDER_TIMEOUT, or RENDER_TIMEOUT."""
    return seconds_from("ATLAS_RENDER_TIMEOUT", RENDER_TIMEOUT, 86_400)


def bounded(work: Callable[[], T], what: str) -> T:
    """work() in a worker thread, waited for in short steps; AtlasError once it has run past render_timeout()."""
    seconds = render_timeout()
    return in_worker(
        work,
        seconds,
        lambda: AtlasError(
            None, "ATLAS_RENDER_TIMEOUT", f"{seconds:g}", f"{what} took longer than that; stopped, nothing written"
        ),
    )
