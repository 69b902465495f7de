"""The exporter: self-contained, reproducible HTML maps (and PNG/PDF snapshots), for the CLI and the app's download.

This is the end of the data flow (data → geo core → layers → here), so it may use folium and `layers`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import folium
from branca.element import Element

from geo import TOOL_NAME, __version__
from geo.assets import asset
from geo.basemaps import basemap_provider
from geo.errors import AtlasError
from geo.mapview import LAYERS, MapView, sources_on_map
from geo.treaty import fmt
from layers.furniture import Raw, sources_section
from layers.html import esc
from layers.map import DEFAULT_TITLE, atlas_map

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip


@dataclass(frozen=True)
class ExportOptions:
    """What an export shows: the date, layers, title and basemap (None: the vector countries alone)."""

    layers: tuple[str, ...] = tuple(LAYERS)
    title: str = ""
    basemap: str = "none"
    timestamp: bool = False  # write the time of export into the page (off: byte-identical output)


def elements(root: Element) -> Iterator[Element]:
    """Every element under root, depth first in document order."""
    yield root
    for child in list(root._children.values()):
        yield from elements(child)


def fix_ids(figure: Element) -> None:
    """Replace folium's random element ids by ids counted in document order, so the same map renders the same."""
    for number, element in enumerate(elements(figure)):
        if element._id != "atlas":
            element._id = f"{number:03d}"


def asset_names(figure: Element) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts the elements ask for, in first-use order, and clears the elements' own links."""
    css: list[str] = []
    js: list[str] = []
    for element in elements(figure):
        for name, _ in getattr(element, "default_css", []):
            css += [name] if name not in css else []
        for name, _ in getattr(element, "default_js", []):
            js += [name] if name not in js else []
    return css, js


def inline_assets(figure: Element) -> None:
    """Put every script and stylesheet the map uses into the page itself, from the pinned offline copies."""
    css, js = asset_names(figure)
    for element in elements(figure):
        if hasattr(element, "default_js"):
            element.default_js, element.default_css = [], []
    header = figure.header
    existing = dict(header._children)
    header._children.clear()
    for name in css:
        header.add_child(Raw(f"<style>{_raw_text(asset(name).text, 'style')}</style>"), name=name)
    for name in js:
        header.add_child(Raw(f"<script>{_raw_text(asset(name).text, 'script')}</script>"), name=name)
    for name, child in existing.items():
        header.add_child(child, name=name)


def data_url_assets(m: folium.Map) -> None:
    """Point every script and stylesheet link at a data: URL of the offline copy (for streamlit-folium, which loads links)."""
    for element in elements(m.get_root()):
        if hasattr(element, "default_js"):
            element.default_js = [(name, asset(name).data_url()) for name, _ in element.default_js]
            element.default_css = [(name, asset(name).data_url()) for name, _ in element.default_css]


def _raw_text(text: str, tag: str) -> str:
    """Text that cannot end its <script> or <style> element early."""
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def map_html(view: MapView, options: ExportOptions) -> str:
    """The whole self-contained page: map, furniture and sources list, every asset inline."""
    title = options.title or DEFAULT_TITLE
    m = atlas_map(view, options.layers, title=title, basemap=basemap_provider(options.basemap), height="100vh")
    figure = m.get_root()
    tool = f"{TOOL_NAME} {__version__}"
    stamp = f"<p>Exported {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.</p>" if options.timestamp else ""
    figure.html.add_child(Raw(""), name=m.get_name())  # holds the map's place: the map first, the sources under it
    figure.html.add_child(sources_section(sources_on_map(view, options.layers), title, fmt(view.day), tool, stamp, view.claims), name="sources")
    fix_ids(figure)
    inline_assets(figure)
    html = figure.render()
    return html.replace("<head>", f"<head>\n<title>{esc(title)}</title>", 1)


def check_writable(path: Path, field: str = "--out") -> None:
    """AtlasError unless a file can be written at path (its folder exists and is writable, it is not a folder)."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise AtlasError(None, field, str(path), "is a folder; give a file name")
    if not folder.is_dir():
        raise AtlasError(None, field, str(path), "folder does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise AtlasError(None, field, str(path), "not writable")


def write_atomic(path: Path, data: str | bytes, field: str = "--out") -> None:
    """Write through a temporary file in the same folder and rename, so a failure leaves no partial file."""
    path = Path(path)
    check_writable(path, field)
    folder = path.parent
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AtlasError(None, field, str(path), f"cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise AtlasError(None, field, str(path), f"cannot write there ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export_html(view: MapView, out: Path, options: ExportOptions = ExportOptions()) -> str:
    """Write the self-contained HTML map to `out`; returns the page."""
    html = map_html(view, options)
    write_atomic(out, html)
    return html


def snapshot_ready(kind: str, chromium: str = CHROMIUM) -> None:
    """AtlasError unless headless Chromium and Playwright are there to take a PNG or PDF snapshot."""
    if not Path(chromium).is_file():
        raise AtlasError(None, f"--{kind}", chromium, "Chromium is not installed; install it with `apt-get install chromium`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise AtlasError(None, f"--{kind}", "playwright", "the Python package playwright is not installed; `make test` installs it") from None


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
            page.wait_for_function("() => document.querySelector('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path') !== null")
            page.wait_for_timeout(300)
            if kind == "png":
                data = page.screenshot(full_page=False)
            else:
                page.emulate_media(media="screen")
                data = page.pdf(width="297mm", height="210mm", print_background=True, page_ranges="1")
        finally:
            browser.close()
    write_atomic(out, data, f"--{kind}")
