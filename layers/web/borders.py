"""Borders layer: the borders with Russia and Belarus bold, coloured by neighbour; the others thin."""

from __future__ import annotations

import folium

from geo.settings import LAYERS
from geo.view import MapView
from layers.style import BORDER_STYLES, NEIGHBOUR_COLOURS
from layers.web.details import border_details, border_hover, border_title
from layers.web.vector import VectorLayer, feature


def border_layer(view: MapView) -> folium.FeatureGroup:
    """Every border line with a tooltip and details giving its computed length beside each official figure."""
    group = folium.FeatureGroup(name=LAYERS["borders"], overlay=True, control=True)
    names = view.names
    features = []
    frame = view.borders.sort_values("main", kind="stable")  # bold lines drawn last, on top
    for row in frame.itertuples(index=False):
        look = "main" if row.main else "context" if row.neighbour else "other"
        style = {"color": NEIGHBOUR_COLOURS[row.neighbour], **BORDER_STYLES[look]}
        features.append(
            feature(
                row.geometry,
                style,
                details=border_details(view, row.pair, names),
                tooltip=border_hover(view, row.pair, names),
                pair=row.pair,
                title=border_title(row.pair, names),
                neighbour=row.neighbour,
                main=bool(row.main),
            )
        )
    VectorLayer(features, name="borders").add_to(group)
    return group
