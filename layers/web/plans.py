"""Plans layer, in two kinds of mark:

- not located: a broken yellow band along each border that plans name without saying where along it, styled by the
  most advanced stage among them (never solid: where such a plan runs is not known);
- located parts (geo.parts): a line along the stretch of border a source locates, or a dot at the named place, its
  colour saying what the part is (fence, obstacles, closed crossing, ...) and its dashes what state it is in.
"""

from __future__ import annotations

import folium

from geo.plans import STAGES, stage_label
from geo.settings import LAYERS
from geo.view import MapView
from layers.style import (
    CLOSED_CROSSING_STYLE,
    PART_KIND_COLOURS,
    PART_LINE_STYLES,
    PART_POINT_STYLES,
    PART_STAGE_GROUP,
    PLAN_COLOUR,
    PLAN_STAGE_STYLES,
)
from layers.web.details import border_title, part_details, part_tooltip, plans_details
from layers.web.html import esc
from layers.web.vector import VectorLayer, feature

PARTS_PANE = "atlas-parts"  # a map pane above the border lines, so a part is never hidden under its border


def _not_located(view: MapView) -> list[dict[str, object]]:
    """One band per border with plans on the day that name it without locating them."""
    geometry = dict(zip(view.borders["pair"], view.borders.geometry, strict=True))
    names = view.names
    features = []
    for pair, plans in view.plans_by_border().items():
        if pair not in geometry:
            continue
        stage = max((p.stage for p in plans), key=STAGES.index)
        style = {"color": PLAN_COLOUR, "lineCap": "butt"} | PLAN_STAGE_STYLES[stage]
        count = f"{len(plans)} plan{'s' if len(plans) > 1 else ''}"
        tooltip = f"<b>{count} named for {esc(pair)}, not located</b> · furthest: {esc(stage_label(stage, 'plan'))}"
        features.append(
            feature(
                geometry[pair],
                style,
                details=plans_details(pair, plans, view.day),
                tooltip=tooltip,
                pair=pair,
                title=f"Plans named for the {border_title(pair, names)}, not located",
                stage=stage,
                located=False,
                planIds=[p.plan.id for p in plans],
            )
        )
    return features


def _located(view: MapView) -> list[dict[str, object]]:
    """One line or dot per located part known on the day; lines first, so dots stay on top."""
    features = []
    for stage in sorted(view.part_stages, key=lambda s: s.located.located_km is None):
        located = stage.located
        group = PART_STAGE_GROUP[stage.stage]
        colour = PART_KIND_COLOURS[located.part.kind]
        point = located.located_km is None
        style: dict[str, object] = (
            {"color": colour, "fillColor": colour} if point else {"color": colour, "lineCap": "butt"}
        )
        style |= (PART_POINT_STYLES if point else PART_LINE_STYLES)[group]
        if located.part.kind == "closed_crossing":
            style |= CLOSED_CROSSING_STYLE
        features.append(
            feature(
                located.geometry,
                style,
                details=part_details(stage, view.day),
                tooltip=part_tooltip(stage),
                decimals=5,
                part=located.part.id,
                title=located.part.title,
                plan=located.plan.id,
                kind=located.part.kind,
                stage=stage.stage,
                located=True,
                precision=located.precision,
                km=round(located.located_km, 2) if located.located_km is not None else None,
            )
        )
    return features


def plans_layer(view: MapView) -> folium.FeatureGroup:
    """The plans known on the map's day: not-located bands along borders, then located parts on top; plans without
    a border are in the countries' details.
    """
    group = folium.FeatureGroup(name=LAYERS["plans"], overlay=True, control=True)
    VectorLayer(_not_located(view), name="plans").add_to(group)
    VectorLayer(_located(view), name="plan_parts", pane=PARTS_PANE).add_to(group)
    return group
