"""The names a print figure writes on the map, from the view and the gazetteer (pure): countries, capitals,
Kaliningrad Oblast, the Suwałki Gap and its computed width, and the places the plans' located parts name. Where each
goes is decided when the figure is drawn (layers.figure.labelling), most important first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import shapely

from geo.parts import LocatedPart
from geo.view import MapView

LabelKind = Literal["country", "region", "capital", "corridor", "width", "place"]
PRIORITY: dict[LabelKind, int] = {"region": 0, "corridor": 1, "country": 2, "width": 3, "capital": 4, "place": 5}


@dataclass(frozen=True)
class Label:
    """A name and what it names (a polygon for an area, a point for a place, the line a width measures), in lon/lat."""

    text: str
    kind: LabelKind
    geometry: shapely.Geometry

    @property
    def priority(self) -> int:
        """Lower is placed first."""
        return PRIORITY[self.kind]


def map_labels(view: MapView, with_places: bool = True) -> list[Label]:
    """Every label a map tries to place, most important first: areas, the corridor's narrowest width (computed from
    its geometry), capitals, and (`with_places`) the places the plans' located parts name.
    """
    labels: list[Label] = []
    for name, part, geom in zip(view.countries["name"], view.countries["part"], view.countries.geometry, strict=True):
        if part and part != "mainland":
            labels.append(Label(f"{part} ({name})", "region", geom))
        else:
            labels.append(Label(str(name), "country", geom))
    corridor = view.suwalki.loc[view.suwalki["kind"] == "corridor"]
    labels += [Label("Suwałki Gap", "corridor", geom) for geom in corridor.geometry]
    narrowest = view.suwalki.loc[view.suwalki["kind"] == "narrowest"]
    labels += [Label(f"{view.narrowest_km:.1f} km", "width", geom) for geom in narrowest.geometry]
    labels += [Label(str(n), "capital", g) for n, g in zip(view.capitals["name"], view.capitals.geometry, strict=True)]
    seen: set[str] = set()
    for stage in view.part_stages if with_places else ():
        located = stage.located
        text = " – ".join(p.name for p in located.places)
        if text and text not in seen:
            seen.add(text)
            labels.append(Label(text, "place", _place_anchor(located)))
    return sorted(labels, key=lambda label: label.priority)


def _place_anchor(located: LocatedPart) -> shapely.Geometry:
    """Where a located part's place name goes: at its point, the middle of a stretch between or around places, or
    the start of a stretch measured along the border from a named point (the point named).
    """
    if located.located_km is None:
        return located.geometry
    if located.precision == "along":
        return shapely.Point(shapely.get_coordinates(located.geometry)[0])
    return shapely.line_interpolate_point(located.geometry, 0.5, normalized=True)
