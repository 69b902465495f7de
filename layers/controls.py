"""Map controls: layer switcher, scale bar, measure tool, fullscreen and an overview minimap."""

from __future__ import annotations

import folium
import folium.plugins
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.mapview import MapView
from layers.html import js_json
from layers.vector import feature

class OverviewMap(JSCSSMixin, MacroElement):
    """Leaflet-MiniMap over the countries' outlines, so it needs no tiles (works offline)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }}_layer = L.geoJSON({{ this.data }}, {style: {color: "#555", weight: 0.6, fillColor: "#bbb", fillOpacity: 1}, interactive: false});
var {{ this.get_name() }} = new L.Control.MiniMap({{ this.get_name() }}_layer, {position: "bottomleft", toggleDisplay: true, zoomLevelOffset: -3, width: 130, height: 130}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )
    default_js = [("Control_MiniMap_js", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js")]
    default_css = [("Control_MiniMap_css", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css")]

    def __init__(self, view: MapView) -> None:
        super().__init__()
        self._name = "overview"
        features = [feature(g, {}, decimals=2) for g in view.overview]
        self.data = js_json({"type": "FeatureCollection", "features": features})


def add_controls(m: folium.Map, view: MapView) -> None:
    """Measure tool, fullscreen button, overview map and the layer switcher."""
    folium.plugins.Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen").add_to(m)
    folium.plugins.MeasureControl(position="topleft", primary_length_unit="kilometers", secondary_length_unit="miles", primary_area_unit="sqkilometers").add_to(m)
    OverviewMap(view).add_to(m)
    folium.LayerControl(position="topright", collapsed=False).add_to(m)
