"""Map controls: zoom, layer switcher, measure tool, fullscreen, an overview minimap, the initial view, click focus.

Their scripts are layers/web/static/controls.js (AtlasControls); each element hands it the map and its data.
"""

from __future__ import annotations

import folium
import folium.plugins
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.view import MapView
from layers.web.html import js_json, packed_json
from layers.web.panel import NARROW
from layers.web.vector import feature

CONTROLS_JS = ("atlas_controls_js", "layers/web/static/controls.js")  # the script of every control below


class OverviewMap(JSCSSMixin, MacroElement):
    """Leaflet-MiniMap over the countries' outlines, so it needs no tiles (works offline)."""

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.overview({{ this._parent.get_name() }}, {{ this.data }});"
        "{% endmacro %}"
    )
    default_js = [
        ("Control_MiniMap_js", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js"),
        CONTROLS_JS,
    ]
    default_css = [
        ("Control_MiniMap_css", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css")
    ]

    def __init__(self, view: MapView) -> None:
        super().__init__()
        self._name = "overview"
        features = [feature(g, {}, decimals=2) for g in view.overview.geometry]
        self.data = js_json(packed_json({"type": "FeatureCollection", "features": features}))  # AtlasApi.unpacked


def add_controls(m: folium.Map, view: MapView, layer_switcher: bool = True) -> None:
    """Measure tool, fullscreen button, overview map and (unless a host page has its own) the layer switcher."""
    folium.plugins.Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen").add_to(m)
    MeasureTool().add_to(m)
    OverviewMap(view).add_to(m)
    if layer_switcher:
        folium.LayerControl(position="topright", collapsed=False).add_to(m)
    CooperativeWheel().add_to(m)


class MeasureTool(MacroElement):
    """The measuring tool: a path's great-circle length and the area it closes (AtlasMeasure)."""

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMeasure.control({{ this._parent.get_name() }});{% endmacro %}"
    )
    default_js = [("atlas_measure_js", "layers/web/static/measure.js")]

    def __init__(self) -> None:
        super().__init__()
        self._name = "measure"


class CooperativeWheel(MacroElement):
    """The wheel scrolls the page around the map and zooms the map only with Ctrl or ⌘ held or after a click into it,
    and the map says so (AtlasControls.cooperativeWheel).
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.cooperativeWheel({{ this._parent.get_name() }});{% endmacro %}"
    )
    default_js = [CONTROLS_JS]


class FocusWithoutScroll(MacroElement):
    """A click on the map focuses it without scrolling the page.

    Leaflet's keyboard handler focuses the map on mousedown, and the browser then scrolls a map that is partly out of
    view into it (in the app, the page around the map's iframe): the click that follows lands on another place, e.g.
    Latvia's details for a click on Estonia.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.focusWithoutScroll({{ this._parent.get_name() }});{% endmacro %}"
    )
    default_js = [CONTROLS_JS]

    def __init__(self) -> None:
        super().__init__()
        self._name = "focus"


class ZoomControl(MacroElement):
    """Leaflet's zoom buttons, added after the title so they sit under it."""

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.zoom({{ this._parent.get_name() }});{% endmacro %}"
    )
    default_js = [CONTROLS_JS]

    def __init__(self) -> None:
        super().__init__()
        self._name = "zoom"


class FitBounds(MacroElement):
    """Fits the view to bounds at once (folium's animated fit leaves canvas paths unprojected, so clicks miss), clear
    of the boxes in the map's corners (AtlasControls.fit): added after them.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.fit({{ this._parent.get_name() }}, {{ this.bounds|tojson }});"
        "{% endmacro %}"
    )
    default_js = [CONTROLS_JS]

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        super().__init__()
        self._name = "fit"
        west, south, east, north = bounds
        self.bounds = [[south, west], [north, east]]


class LayerSwitch(MacroElement):
    """`window.atlasLayers`: which layers the map shows (`shown()`) and a way to show just some (`show(keys)`), for a
    host page (the app); the legend shows the sections of the layers shown. Ticking a layer in the map's layer
    switcher fires `atlas:layers` on the document with the keys shown.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.layerSwitch({{ this._parent.get_name() }}, { "
        "{% for key, group in this.groups.items() %}{{ key|tojson }}: {{ group.get_name() }}"
        '{{ ", " if not loop.last }}{% endfor %} });{% endmacro %}'
    )
    default_js = [CONTROLS_JS]

    def __init__(self, groups: dict[str, folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "layer_switch"
        self.groups = groups


class SmallScreen(MacroElement):
    """On a phone-sized map (under 700 px wide or 440 tall) the legend starts folded and the layer switcher
    collapsed, so the focus countries stay in view (the reader opens either with a tap); a narrow map (the class
    atlas-narrow) has a compact title and date control and no overview map.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.smallScreen({{ this._parent.get_name() }}, {{ this.narrow }});"
        "{% endmacro %}"
    )
    default_js = [CONTROLS_JS]

    def __init__(self) -> None:
        super().__init__()
        self._name = "small_screen"
        self.narrow = NARROW


class MapPosition(MacroElement):
    """`window.atlasPosition`: where the map is, as 'zoom/latitude/longitude' (`get()`), a way to move it there
    (`set(text)`) or back to where it opened (`home()`), for a host page (the app's address bar). When the reader has
    moved the map it fires `atlas:position` on the document with the position, once the map has come to rest.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasControls.mapPosition({{ this._parent.get_name() }});{% endmacro %}"
    )
    default_js = [CONTROLS_JS]

    def __init__(self) -> None:
        super().__init__()
        self._name = "map_position"
