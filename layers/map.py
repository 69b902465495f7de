"""The atlas map: the chosen layers over the countries (or a tile basemap), with legend, title and controls."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template
from xyzservices import TileProvider

from geo import TOOL_NAME, __version__
from geo.mapview import LAYERS, MapView
from geo.treaty import fmt
from layers.borders import border_layer
from layers.controls import add_controls
from layers.furniture import ATTRIBUTION, Attribution, Raw, legend_control, stylesheet, title_control
from layers.plans import plans_layer
from layers.status import status_layer
from layers.style import BACKGROUND, STATUS_LABELS
from layers.suwalki import suwalki_layer

BUILDERS = {"status": status_layer, "borders": border_layer, "suwalki": suwalki_layer, "plans": plans_layer}
CENTRE = (60.0, 24.0)
ZOOM = 4
DEFAULT_TITLE = "The Ottawa Convention on NATO's eastern flank"


def atlas_map(
    view: MapView,
    layers: tuple[str, ...] = tuple(LAYERS),
    title: str = DEFAULT_TITLE,
    basemap: TileProvider | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    height: str = "100%",
) -> folium.Map:
    """The map of `view` with the given layers; no basemap draws the vector countries on a plain sea colour."""
    m = folium.Map(location=CENTRE, zoom_start=ZOOM, tiles=None, prefer_canvas=True, control_scale=True, zoom_control=False, min_zoom=3, max_zoom=11, height=height)
    m.options["zoomSnap"] = 0.25  # fit the region closely
    m._id = "atlas"  # a fixed name (map_atlas): pages and tests can find the map
    m.default_js = [("leaflet", folium.Map.default_js[0][1])]  # no jQuery, Bootstrap or Font Awesome: nothing uses them
    m.default_css = [("leaflet_css", folium.Map.default_css[0][1])]
    m.get_root().header.add_child(stylesheet(), name="atlas_css")
    if basemap is not None:
        folium.TileLayer(basemap, name=basemap.name, overlay=False, control=True).add_to(m)
    else:
        m.get_root().header.add_child(Raw(f"<style>.leaflet-container{{background:{BACKGROUND}}}</style>"), name="atlas_sea")
    title_control(title, fmt(view.day), f"{TOOL_NAME} {__version__}").add_to(m)
    ZoomControl().add_to(m)
    for key in layers:
        BUILDERS[key](view).add_to(m)
    statuses = [s for s in STATUS_LABELS if s in set(view.countries["status"])]
    legend_control(layers, statuses).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)
    add_controls(m, view)
    west, south, east, north = bounds or view.focus_bounds()
    FitBounds((west, south, east, north)).add_to(m)
    FocusWithoutScroll().add_to(m)
    return m


class FocusWithoutScroll(MacroElement):
    """A click on the map focuses it without scrolling the page.

    Leaflet's keyboard handler focuses the map on mousedown, and the browser then scrolls a map that is partly out of
    view into it (in the app, the page around the map's iframe): the click that follows lands on another place, e.g.
    Latvia's popup for a click on Estonia.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
  const keyboard = map.keyboard;
  if (!keyboard) { return; }
  keyboard.disable();
  keyboard._onMouseDown = function () { if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); } };
  keyboard.enable();
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "focus"


class ZoomControl(MacroElement):
    """Leaflet's zoom buttons, added after the title so they sit under it."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.control.zoom({position: "topleft"}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "zoom"


class FitBounds(MacroElement):
    """Fits the view to bounds at once (folium's animated fit leaves canvas paths unprojected, so clicks miss)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, {animate: false});
{% endmacro %}
"""
    )

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        super().__init__()
        self._name = "fit"
        west, south, east, north = bounds
        self.bounds = [[south, west], [north, east]]
