"""Plans layer: a halo along each border that plans known on the map's day apply to (the border's own geometry),
styled by the most advanced stage among them: dotted when only reported, dashed while stated, decided or under
construction, solid once complete.
"""

from __future__ import annotations

import folium

from geo.dates import day_text
from geo.plans import STAGE_LABELS, STAGES
from geo.settings import LAYERS
from geo.view import MapView
from layers.html import esc
from layers.popups import plans_popup
from layers.style import PLAN_COLOUR, PLAN_STAGE_STYLES
from layers.vector import VectorLayer, feature


def plans_layer(view: MapView) -> folium.FeatureGroup:
    """One halo per border with plans on the day, its popup listing them; plans without a border are in country
    popups.
    """
    group = folium.FeatureGroup(name=LAYERS["plans"], overlay=True, control=True)
    geometry = dict(zip(view.borders["pair"], view.borders.geometry, strict=True))
    features = []
    for pair, plans in view.plans_by_border().items():
        if pair not in geometry:
            continue
        stage = max((p.stage for p in plans), key=STAGES.index)
        style = {"color": PLAN_COLOUR, "lineCap": "butt"} | PLAN_STAGE_STYLES[stage]
        count = f"{len(plans)} plan{'s' if len(plans) > 1 else ''}"
        tooltip = f"<b>{count} along {esc(pair)}</b>: furthest {esc(STAGE_LABELS[stage])}"
        features.append(
            feature(
                geometry[pair],
                style,
                popup=plans_popup(pair, plans, day_text(view.day)),
                tooltip=tooltip,
                pair=pair,
                stage=stage,
                plans=[p.plan.id for p in plans],
            )
        )
    VectorLayer(features, name="plans").add_to(group)
    return group
