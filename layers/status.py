"""Treaty status layer: every country filled by its status on the date, with its popup."""

from __future__ import annotations

import folium

from geo.settings import LAYERS
from geo.view import MapView
from layers.html import esc
from layers.popups import country_popup
from layers.style import STATUS_COLOURS, STATUS_LABELS
from layers.vector import VectorLayer, feature


def status_layer(view: MapView) -> folium.FeatureGroup:
    """The countries filled by treaty status (context countries light grey), each with its popup."""
    group = folium.FeatureGroup(name=LAYERS["status"], overlay=True, control=True)
    features = []
    for row in view.countries.itertuples(index=False):
        country = view.country(row.iso3)
        focus = bool(country and country.focus)
        style = {
            "color": "#ffffff",
            "weight": 0.8,
            "fillColor": STATUS_COLOURS[row.status],
            "fillOpacity": 0.75 if row.status else 0.9,
        }
        tooltip = (
            f"<b>{esc(row.name)}</b>: {esc(STATUS_LABELS[row.status])}" if row.status else f"<b>{esc(row.name)}</b>"
        )
        features.append(
            feature(
                row.geometry,
                style,
                popup=country_popup(view, row.iso3, row.name, row.part),
                tooltip=tooltip,
                iso3=row.iso3,
                title=row.name,
                part=row.part,
                status=row.status,
                focus=focus,
            )
        )
    VectorLayer(features, name="countries").add_to(group)
    return group
