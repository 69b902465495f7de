"""A GeoJSON layer whose features carry their own style, popup and tooltip HTML (already escaped), in compact JSON."""

from __future__ import annotations

from typing import Any

import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.display import rounded
from geo.settings import DECIMALS
from layers.html import Raw, RawJSON, js_json, page_of


def feature(
    geom: shapely.Geometry,
    style: dict[str, Any],
    popup: str = "",
    tooltip: str = "",
    label: str = "",
    decimals: int = DECIMALS,
    **props: Any,
) -> dict[str, Any]:
    """One GeoJSON feature (coordinates rounded) with its style and its escaped popup, tooltip and permanent label."""
    properties: dict[str, Any] = {"style": style, **props}
    for key, value in (("popup", popup), ("tooltip", tooltip), ("label", label)):
        if value:
            properties[key] = value
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": RawJSON(shapely.to_geojson(rounded(geom, decimals))),
    }


class VectorLayer(MacroElement):
    """Features drawn with Leaflet's L.geoJSON into the parent feature group; popups and tooltips bound per feature."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
  {% if this.pane %}pane: {{ this.pane|tojson }},{% endif %}
  style: function (f) { return f.properties.style; },
  pointToLayer: function (f, latlng) { return L.circleMarker(latlng, Object.assign({interactive: f.properties.interactive !== false,  {% if this.pane %}pane: {{ this.pane|tojson }}{% endif %} }, f.properties.style)); },
  onEachFeature: function (f, layer) {
    var p = f.properties;
    if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 460, maxHeight: 440, autoPanPaddingTopLeft: [50, 80], autoPanPaddingBottomRight: [20, 20]}); }
    if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true, className: "atlas-tooltip"}); }
    if (p.label) { layer.bindTooltip(p.label, {permanent: true, direction: "center", className: "atlas-label"}); }
    if (p.name) { layer.bindTooltip(p.name, {permanent: true, direction: p.nameDir, offset: p.nameDir === "right" ? [4, 0] : [0, 0], className: "atlas-name " + p.nameClass}); }
  }
}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""  # noqa: E501 - the Leaflet script, one statement a line
    )

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's MacroElement.render returns None; its base says str
        """Put the script into the page as it is: branca would compile it as a Jinja template again, which for
        a megabyte of GeoJSON takes most of a map's render time (the data is already Jinja-inert).
        """
        script = self._template.module.__dict__["script"]
        page_of(self).script.add_child(Raw(str(script(self, kwargs))), name=self.get_name())

    def __init__(self, features: list[dict[str, Any]], name: str = "vector", pane: str | None = None) -> None:
        super().__init__()
        self._name = name
        self.pane = pane  # a map pane (folium CustomPane) to draw into, above the default overlay pane
        self.data = js_json({"type": "FeatureCollection", "features": features})
