"""The offline page: a map with every script and stylesheet inline, counted element ids, and the sources list under it.

The same view and options give the same bytes (no random ids, no clock unless asked): maps can live in version control.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from branca.element import Element, Figure
from folium.elements import JSCSSMixin

from geo import TOOL_NAME, __version__
from geo.dates import day_text
from geo.errors import AtlasError
from geo.model import MapModel
from layers.files import fill, staged, write_atomic
from layers.web.assets import asset
from layers.web.basemaps import basemap_provider
from layers.web.html import Raw, elements, page_of
from layers.web.map import DEFAULT_TITLE, atlas_map
from layers.web.maptable import map_table, table_stylesheet
from layers.web.snapshot import snapshots
from layers.web.sources_list import sources_section

MAX_TITLE = 200  # characters: a title wraps in its box on the map; a longer one is refused


def parse_title(title: str, field: str = "--title") -> str:
    """A map title: one line of at most MAX_TITLE characters (AtlasError naming the field otherwise)."""
    text = " ".join(title.split())
    if len(text) > MAX_TITLE:
        raise AtlasError(None, field, text, f"longer than {MAX_TITLE} characters; give a shorter title")
    return text


@dataclass(frozen=True)
class ExportOptions:
    """How an export shows its map model: the title and basemap ('none': the vector countries alone)."""

    title: str = ""
    basemap: str = "none"
    timestamp: bool = False  # write the time of export into the page (off: byte-identical output)
    bounds: tuple[float, float, float, float] | None = None  # west, south, east, north to open on (None: focus)
    embedded: bool = False  # in the app, which has its own title, date, layers, table and sources: the map alone


def fix_ids(figure: Element) -> None:
    """Replace folium's random element ids by ids counted in document order, so the same map renders the same."""
    for number, element in enumerate(elements(figure)):
        if element._id != "atlas":
            element._id = f"{number:03d}"


def asset_names(figure: Element) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts the elements ask for, in first-use order, and clears the elements' own links."""
    css: list[str] = []
    js: list[str] = []
    body = elements(figure.html) if isinstance(figure, Figure) else iter(())  # the page around the map
    for element in [*elements(figure), *body]:
        for name, _ in getattr(element, "default_css", []):
            css += [name] if name not in css else []
        for name, _ in getattr(element, "default_js", []):
            js += [name] if name not in js else []
    return css, js


def inline_assets(figure: Figure) -> None:
    """Put every script and stylesheet the map uses into the page itself, from the pinned offline copies."""
    css, js = asset_names(figure)
    for element in elements(figure):
        if isinstance(element, JSCSSMixin):
            element.default_js, element.default_css = [], []
    header = figure.header
    existing = dict(header._children)
    header._children.clear()
    for name in css:
        header.add_child(Raw(f"<style>{raw_text(asset(name).text, 'style')}</style>"), name=name)
    for name in js:
        header.add_child(Raw(f"<script>{raw_text(asset(name).text, 'script')}</script>"), name=name)
    for name, child in existing.items():
        header.add_child(child, name=name)


def raw_text(text: str, tag: str) -> str:
    """Text that cannot end its <script> or <style> element early."""
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def map_html(model: MapModel, options: ExportOptions = ExportOptions()) -> str:
    """The whole self-contained page of a map model (geo.model): map, furniture and sources list, every asset
    inline; a model with its own time (geo.model.map_model(..., timed=True)) gives a page with a date control.
    """
    title = options.title or DEFAULT_TITLE
    view = model.view
    m = atlas_map(
        model, title, basemap_provider(options.basemap), options.bounds, height="100vh", standalone=not options.embedded
    )
    figure = page_of(m)
    tool = f"{TOOL_NAME} {__version__}"
    stamp = f"<p>Exported {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.</p>" if options.timestamp else ""
    figure.html.add_child(Raw(""), name=m.get_name())  # holds the map's place: the map first, then its table, sources
    if not options.embedded:  # a mouse user in the app would never see them, a keyboard user would tab through them
        figure.header.add_child(table_stylesheet(), name="atlas_table_css")
        figure.html.add_child(map_table(view), name="table")
        figure.html.add_child(
            sources_section(
                model.references, model.citation_entries, title, day_text(view.day), tool, stamp, view.claims
            ),
            name="sources",
        )
    fix_ids(figure)
    inline_assets(figure)
    return _without_trailing_spaces(figure.render())


_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def _without_trailing_spaces(html: str) -> str:
    """The page without the spaces folium's element templates leave at line ends (bytes, not structure)."""
    return _TRAILING.sub("", html)


def export_html(
    model: MapModel, out: Path, options: ExportOptions = ExportOptions(), pictures: Mapping[str, Path] | None = None
) -> str:
    """Write the page to out and, for each kind in pictures ('png', 'pdf'), its snapshot to the path given.

    All or nothing: the snapshots are taken from the staged page, which becomes `out` only when they are written.
    Returns the page.
    """
    html = map_html(model, options)
    wanted = dict(pictures or {})
    with staged(out) as page:
        fill(page, html.encode("utf-8"))
        taken = snapshots(page, list(wanted)) if wanted else {}
        for kind, path in wanted.items():
            write_atomic(path, taken[kind], f"--{kind}")
    return html
