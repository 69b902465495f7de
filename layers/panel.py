"""The details panel: a click on a country, border, plan or the Suwałki Gap opens its details (status and why,
timeline, borders, plans, sources with working links) in a panel of the page beside the map (under it on a phone),
not in a popup inside the map. The map gives it room, so it covers nothing; the feature is outlined and kept in
view. The legend's finder opens any feature shown from the keyboard; Escape or the close button closes the panel
and returns the focus to where it came from.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from layers.html import Raw

PANEL_WIDTH = "min(420px, 42%)"  # beside the map on a wide screen
NARROW = 700  # px: under this width the panel opens under the map
MAP_SHARE = 45  # % of the window the map keeps on a narrow screen while the panel is open

CSS = f"""
.atlas-stage{{position:relative}}
.atlas-stage.atlas-with-details>.folium-map{{width:calc(100% - {PANEL_WIDTH})!important}}
.atlas-details{{position:absolute;z-index:1;top:0;right:0;bottom:0;width:{PANEL_WIDTH};box-sizing:border-box;display:flex;flex-direction:column;background:#fff;border-left:1px solid #999;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}}
.atlas-details[hidden]{{display:none}}
.atlas-details-bar{{display:flex;justify-content:flex-end;padding:4px 6px 0}}
.atlas-details-close{{font:600 20px/1 system-ui,sans-serif;min-width:36px;min-height:36px;border:1px solid #888;border-radius:4px;background:#fff;cursor:pointer}}
.atlas-details-body{{flex:1 1 auto;overflow-y:auto;padding:0 14px 14px}}
.atlas-details-body:focus-visible,.atlas-details-close:focus-visible,.atlas-find select:focus-visible,.atlas-find button:focus-visible{{outline:3px solid #1d4ed8;outline-offset:-3px}}
.atlas-detail h2{{font-size:17px;margin:0 0 6px}}.atlas-detail h3{{font-size:14px;margin:12px 0 3px}}
.atlas-detail ul,.atlas-detail ol{{margin:2px 0;padding-left:20px}}.atlas-detail .future{{color:#666}}
.atlas-detail blockquote{{margin:6px 0;padding-left:8px;border-left:3px solid #ccc}}.atlas-detail .plan{{margin:6px 0}}
.atlas-find{{margin-top:6px;display:flex;flex-wrap:wrap;gap:4px;align-items:center}}.atlas-find select{{max-width:100%;font:12px system-ui,sans-serif}}
@media (max-width:{NARROW}px){{.atlas-stage.atlas-with-details{{padding-bottom:{100 - MAP_SHARE}vh}}.atlas-stage.atlas-with-details>.folium-map{{width:100%!important;height:{MAP_SHARE}vh!important}}
.atlas-details{{top:{MAP_SHARE}vh;left:0;bottom:auto;width:100%;height:{100 - MAP_SHARE}vh;border-left:0;border-top:1px solid #999}}}}
@media print{{.atlas-details{{display:none!important}}.atlas-stage.atlas-with-details>.folium-map{{width:100%!important}}}}
"""  # noqa: E501 - one CSS rule set a line


class DetailsPanel(MacroElement):
    """The page's details panel and the legend finder: layers/web/static/panel.js (window.atlasDetails)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "AtlasPanel.install({{ this._parent.get_name() }}, {{ this.narrow }});"
        "{% endmacro %}"
    )
    default_js = [("atlas_panel_js", "layers/web/static/panel.js")]

    def __init__(self) -> None:
        super().__init__()
        self._name = "details_panel"
        self.narrow = NARROW


def panel_stylesheet() -> Raw:
    """The panel's CSS, for the page header."""
    return Raw(f"<style>{CSS}</style>")
