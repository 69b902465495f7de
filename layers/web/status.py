"""Treaty status layer: every country filled by its status on the date, with its details."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.settings import DISPLAY_DECIMALS, LAYERS
from geo.view import MapView
from layers.style import COUNTRY_OUTLINE, LAND, STATUS_COLOURS, STATUS_FILL_OPACITY, STATUS_LABELS
from layers.web.details import country_details
from layers.web.html import esc, js_json
from layers.web.vector import VectorLayer, feature


def land_layer(view: MapView, coloured: bool = True) -> folium.FeatureGroup:
    """The countries: the land under every other layer, always drawn (not in the layer switcher), each with its
    details; filled by treaty status while the status layer is shown (context countries light grey), plain land when
    it is not.
    """
    group = folium.FeatureGroup(name="Land", overlay=True, control=False)
    features = []
    for row in view.countries.itertuples(index=False):
        country = view.country(row.iso3)
        focus = bool(country and country.focus)
        style = {
            **COUNTRY_OUTLINE,
            "fillColor": STATUS_COLOURS[row.status] if coloured else LAND,
            "fillOpacity": STATUS_FILL_OPACITY[row.status] if coloured else 1.0,
        }
        tooltip = (
            f"<b>{esc(row.name)}</b>: {esc(STATUS_LABELS[row.status])}" if row.status else f"<b>{esc(row.name)}</b>"
        )
        features.append(
            feature(
                row.geometry,
                style,
                decimals=DISPLAY_DECIMALS,
                details=country_details(view, row.iso3, row.name, row.part),
                tooltip=tooltip,
                iso3=row.iso3,
                title=row.name,
                part=row.part,
                status=row.status,
                colour=STATUS_COLOURS[row.status],
                focus=focus,
            )
        )
    VectorLayer(features, name="countries").add_to(group)
    return group


def status_layer(view: MapView) -> folium.FeatureGroup:
    """The switch for treaty status: an empty layer whose presence on the map colours the land by status (the
    land itself stays when it is switched off).
    """
    group = folium.FeatureGroup(name=LAYERS["status"], overlay=True, control=True)
    StatusColours().add_to(group)
    return group


class StatusColours(MacroElement):
    """Colours the countries by status while its group is on the map, and as plain land while it is not; with the
    map's own time (window.atlasTime), by the status on the map's day.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMap.statusColours({{ this._parent._parent.get_name() }}, "
        "{{ this._parent.get_name() }}, {{ this.land|tojson }}, {{ this.opacity }});{% endmacro %}"
    )
    default_js = [("atlas_map_js", "layers/web/static/map.js")]

    def __init__(self) -> None:
        super().__init__()
        self._name = "status_colours"
        self.land = LAND
        self.opacity = js_json(STATUS_FILL_OPACITY)
