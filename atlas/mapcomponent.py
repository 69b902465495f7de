"""The app's map as a small Streamlit component with no build step (atlas/component/: index.html, component.js): the
offline map page (layers.web.page, with its own time and every layer) is written once per basemap into the
component's folder and loaded once; a date, layer, country or position change reaches the page already in the
browser, and one made in the map comes back as the component's value. Nothing is sent again but the date, layers,
bounds and position.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

SOURCE = Path(__file__).parent / "component"  # its page and script (index.html, component.js)
NAME = "atlas_map"


@functools.cache
def component_dir() -> Path:
    """The folder the component is served from: its page and script, and the map pages under maps/. The app makes it
    itself, once per process, under the temporary folder with a name no one can guess beforehand and mode 0700
    (tempfile.mkdtemp), so no other user can plant or read a page there; it is removed when the process ends.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"eastern-flank-atlas-{os.getpid()}-"))
    atexit.register(functools.partial(shutil.rmtree, folder, ignore_errors=True))
    (folder / "maps").mkdir(mode=0o700)
    for name in ("index.html", "component.js"):
        shutil.copyfile(SOURCE / name, folder / name)
    return folder


def map_src(html: str) -> str:
    """The map page written (once, atomically) under the component's folder; its address relative to the component."""
    name = hashlib.sha256(html.encode("utf-8")).hexdigest()[:20] + ".html"
    path = component_dir() / "maps" / name
    if not path.exists():
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(html)
        os.replace(tmp, path)
    return f"maps/{name}"


_declared: list[Any] = []


def reports_answered(value: Any) -> int:
    """The number of the map's last report (its value's 'report'; 0 before the first). Every render carries it, so the
    run that follows a report always reaches the map, even when the view it sends equals the last one the map was sent:
    Streamlit sends a component nothing when its arguments are unchanged, and a run cut short by Back or Forward may
    never have sent the view the report made (the map would stay where the reader had moved it).
    """
    report = value.get("report") if isinstance(value, dict) else None
    return report if isinstance(report, int) and not isinstance(report, bool) else 0


def atlas_map(
    src: str,
    day: str,
    layers: list[str],
    bounds: tuple[float, float, float, float],
    position: str,
    height: int,
    key: str,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """Show the map page `src` on `day` with these layers, fitted to `bounds` (west, south, east, north: the country
    chosen or the focus) or at `position` ('zoom/lat/lon'; '' for the bounds); the value is {'date': ISO day,
    'layers': [keys], 'position': 'zoom/lat/lon', 'report': n} once the reader moves the date, ticks a layer or moves
    the map.
    """
    west, south, east, north = bounds
    if not _declared:
        _declared.append(components.declare_component(NAME, path=str(component_dir())))
    return _declared[0](
        src=src, day=day, layers=layers, bounds=[[south, west], [north, east]], position=position, height=height,
        answered=reports_answered(st.session_state.get(key)), key=key, default=None, on_change=on_change,
    )  # fmt: skip
