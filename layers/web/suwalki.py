"""Suwałki Gap layer: the corridor, the narrowest line labelled with its computed width, and why it matters."""

from __future__ import annotations

import folium
import shapely

from geo.settings import LAYERS
from geo.view import MapView
from layers.style import SUWALKI_COLOUR, SUWALKI_CORRIDOR_STYLE, SUWALKI_NARROWEST_STYLE
from layers.web.details import suwalki_details
from layers.web.vector import VectorLayer, feature


def suwalki_layer(view: MapView) -> folium.FeatureGroup:
    """The corridor polygon and the narrowest line, with a permanent width label and its details."""
    group = folium.FeatureGroup(name=LAYERS["suwalki"], overlay=True, control=True)
    details = suwalki_details(view)
    features = []
    for row in view.suwalki.itertuples(index=False):
        if row.kind == "corridor":
            style = {"color": SUWALKI_COLOUR, **SUWALKI_CORRIDOR_STYLE}
            features.append(
                feature(
                    row.geometry,
                    style,
                    details=details,
                    tooltip="<b>Suwałki Gap</b>",
                    kind="corridor",
                    title="Suwałki Gap",
                )
            )
        else:
            style = {"color": SUWALKI_COLOUR, **SUWALKI_NARROWEST_STYLE}
            features.append(
                feature(
                    row.geometry,
                    style,
                    details=details,
                    kind="narrowest",
                    title="Suwałki Gap: narrowest line",
                    km=round(view.narrowest_km, 1),
                )
            )
            # its width under its western end: clear of the names of Belarus (near its eastern end) and Lithuania
            # (north of it), and almost wholly off the corridor it measures (browser tests check both)
            west = min(shapely.get_coordinates(row.geometry).tolist())
            features.append(
                feature(
                    shapely.Point(west),
                    {"radius": 0, "weight": 0, "opacity": 0, "fillOpacity": 0},
                    label=f"{view.narrowest_km:.1f} km",
                    labelDir="bottom",
                    kind="width",
                    interactive=False,
                )
            )
    VectorLayer(features, name="suwalki").add_to(group)
    return group
