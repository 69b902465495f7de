"""Plans layer: a halo along each border that stated deterrence plans apply to (the border's own geometry)."""

from __future__ import annotations

import folium

from geo.settings import LAYERS
from geo.view import MapView
from layers.html import esc
from layers.popups import plans_popup
from layers.style import PLAN_COLOUR
from layers.vector import VectorLayer, feature


def plans_layer(view: MapView) -> folium.FeatureGroup:
    """One halo per border with plans, its popup listing them; plans without a border are in country popups."""
    group = folium.FeatureGroup(name=LAYERS["plans"], overlay=True, control=True)
    geometry = dict(zip(view.borders["pair"], view.borders.geometry, strict=True))
    features = []
    for pair, plans in view.plans_by_border.items():
        if pair not in geometry:
            continue
        style = {"color": PLAN_COLOUR, "weight": 12, "opacity": 0.7, "lineCap": "round"}
        tooltip = f"<b>{len(plans)} stated plan{'s' if len(plans) > 1 else ''} along {esc(pair)}</b>"
        features.append(
            feature(
                geometry[pair],
                style,
                popup=plans_popup(pair, plans),
                tooltip=tooltip,
                pair=pair,
                plans=[p.id for p in plans],
            )
        )
    VectorLayer(features, name="plans").add_to(group)
    return group
