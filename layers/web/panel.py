"""The details panel: a click on a country, border, plan or the Suwałki Gap opens its details (status and why,
timeline, borders, plans, sources with working links) in a panel of the page beside the map (under it on a phone),
not in a popup inside the map. The map gives it room, so it covers nothing; the feature is outlined and kept in
view. The legend's finder opens any feature shown from the keyboard; Escape or the close button closes the panel
and returns the focus to where it came from.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from layers.web.assets import asset
from layers.web.html import Raw, packed_json

NARROW = 700  # px: under this map width the title and date control turn compact (also in web/static/*.css)


class DetailsPanel(MacroElement):
    """The page's details panel and the legend finder: layers/web/static/panel.js (window.atlasDetails)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "AtlasPanel.install({{ this._parent.get_name() }}, {{ this.narrow }}, {{ this.packed|tojson }});"
        "{% endmacro %}"
    )
    default_js = [("atlas_panel_js", "layers/web/static/panel.js")]

    def __init__(self, citations: list[list[str]], details: list[str]) -> None:
        super().__init__()
        self._name = "details_panel"
        self.narrow = NARROW
        # the features' details (a feature holds its number, from 1) and the sources they cite by number
        # (layers.web.cites), compressed: most of what the page says, a fifth of the bytes
        self.packed = packed_json({"citations": citations, "details": details})


def panel_stylesheet() -> Raw:
    """The panel's CSS, for the page header."""
    return Raw(f"<style>{asset('atlas_panel_css').text}</style>")
