"""Where each located part of a plan lies, and its stage on any date.

A part is located by named places (data/facts.yaml, `places`): a GeoNames id in the gazetteer layer of
data/atlas.gpkg, or coordinates a source gives, quoted. Its geometry is derived from the full-resolution border by
linear referencing, never drawn by hand:

- between two places: the border line between the border points nearest each place;
- around a place: the part's stated length, centred on the border point nearest the place (the source says the part
  runs on both sides of it, not where it ends);
- at a place: the border point nearest the place;
- along, from a place at one end of the border (a tripoint, say): the first stated km of the border from there,
  measured geodesically along the atlas's line; the part lies somewhere within it (where, its sources do not say).

A tripoint is found in the border lines: the end of one of the country's borders that meets its other one.

Each place must lie within settings.MAX_PLACE_KM of the part's border. Lengths are geodesic (WGS84).
"""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import shapely

from geo.errors import AtlasError
from geo.facts.schema import Along, Facts, Place, Plan, PlanPart, StageEvent
from geo.geodesy import EQUAL_AREA, WGS84, geodesic_length_km, reprojected, transformer
from geo.pairs import canonical
from geo.plans import STAGE_OF_EVENT, Chronology, Stage, chronology, deciding_event, stage_text
from geo.settings import MAX_PLACE_KM

Precision = Literal["between", "around", "at", "along"]
PRECISION_LABELS: dict[Precision, str] = {
    "between": "stretch between named places",
    "around": "stated length centred on a named place (its ends are not published)",
    "at": "at a named place (its extent is not published)",
    "along": "within a stated length along the border from a named point (where in it is not published)",
}
TRIPOINT_KM = 1.0  # how close the two borders of a tripoint must come to each other in the atlas's lines


def _to_metres(geom: shapely.Geometry) -> shapely.Geometry:
    """lon/lat to EQUAL_AREA metres: linear referencing is done in metres, lengths on the ellipsoid."""
    return reprojected(geom, transformer("EPSG:4326", EQUAL_AREA))


def _to_degrees(geom: shapely.Geometry) -> shapely.Geometry:
    return reprojected(geom, transformer(EQUAL_AREA, "EPSG:4326"))


@dataclass(frozen=True)
class LocatedPart:
    """A part of a plan with its derived geometry (lon/lat) and its located length in km (None for a point)."""

    plan: Plan
    part: PlanPart
    border: str  # canonical pair key
    precision: Precision
    geometry: shapely.Geometry
    located_km: float | None
    places: tuple[Place, ...]


@dataclass(frozen=True)
class PartStage:
    """A located part's stage on a date, and the event it follows from."""

    located: LocatedPart
    stage: Stage
    event: StageEvent

    @property
    def since(self) -> str:
        """The event's date as the record gives it (YYYY, YYYY-MM or YYYY-MM-DD)."""
        return self.event.date

    @property
    def text(self) -> str:
        """'under construction since Sep 2024'."""
        return stage_text(self.stage, self.located.part.kind, self.event)

    @property
    def chronology(self) -> Chronology:
        """The part's chronology, written."""
        return chronology(self.located.part)


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def tripoint(lines: dict[str, shapely.Geometry], codes: list[str]) -> shapely.Point | None:
    """Where the first country's borders with the other two meet: the end of the one border nearest the other
    (None when the atlas lacks either border, or they come no closer than TRIPOINT_KM).
    """
    first, second = (lines.get(canonical(f"{codes[0]}-{other}")) for other in codes[1:])
    if first is None or second is None:
        return None
    ends = [shapely.Point(xy) for xy in shapely.get_coordinates(shapely.boundary(shapely.line_merge(first)))]
    if not ends:
        return None
    end = min(ends, key=lambda e: shapely.distance(e, second))
    nearest = shapely.line_interpolate_point(second, shapely.line_locate_point(second, end))
    _, _, metres = WGS84.inv(end.x, end.y, nearest.x, nearest.y)
    return end if metres / 1000.0 <= TRIPOINT_KM else None


def place_points(
    facts: Facts, gazetteer: gpd.GeoDataFrame, borders: gpd.GeoDataFrame, gpkg: str | None = None
) -> dict[str, shapely.Point]:
    """Each place's point (lon/lat): from the gazetteer layer by GeoNames id, the coordinates quoted, or (a
    tripoint) where the border lines meet.
    """
    by_id = dict(zip(gazetteer["geonameid"], zip(gazetteer["name"], gazetteer.geometry, strict=True), strict=True))
    lines = {canonical(p): g for p, g in zip(borders["pair"], borders.geometry, strict=True)}
    points: dict[str, shapely.Point] = {}
    for k, place in enumerate(facts.places):
        if place.tripoint is not None:
            found_point = tripoint(lines, place.tripoint)
            if found_point is None:
                raise AtlasError(
                    facts.path, f"places[{k}].tripoint", place.tripoint, "no such tripoint in the atlas's border lines"
                )
            points[place.id] = found_point
            continue
        if place.geonames is None:
            points[place.id] = shapely.Point(place.lon, place.lat)
            continue
        found = by_id.get(place.geonames)
        if found is None:
            raise AtlasError(
                facts.path,
                f"places[{k}].geonames",
                place.geonames,
                f"not in the gazetteer layer of {gpkg or 'the GeoPackage'} (GeoNames places within 25 km of a border)",
            )
        name, point = found
        if _fold(name) != _fold(place.name):
            raise AtlasError(facts.path, f"places[{k}].name", place.name, f"GeoNames {place.geonames} is {name!r}")
        points[place.id] = point
    return points


def _nearest(line: shapely.Geometry, point: shapely.Geometry) -> tuple[float, float]:
    """Position of the line's point nearest `point` (metres along it) and the geodesic distance to it in km."""
    along = float(shapely.line_locate_point(line, point))
    nearest = _to_degrees(shapely.line_interpolate_point(line, along))
    lon, lat = _to_degrees(point).coords[0]
    _, _, metres = WGS84.inv(lon, lat, nearest.x, nearest.y)
    return along, metres / 1000.0


def locate_part(
    part: PlanPart, border: shapely.Geometry, points: dict[str, shapely.Point], field: str, facts: Facts
) -> tuple[Precision, shapely.Geometry]:
    """The part's precision and geometry on `border` (a lon/lat line), AtlasError for a place far from it."""
    if part.along is not None:
        return "along", _along(part.along, part.border, border, points[part.along.start], field, facts)
    precision: Precision = "between" if part.between else "around" if part.around else "at"
    line = shapely.line_merge(_to_metres(border))
    places = [_to_metres(points[p]) for p in part.places]
    components = list(line.geoms) if isinstance(line, shapely.MultiLineString) else [line]
    component = min(components, key=lambda c: c.distance(places[0]))
    positions = []
    for k, (ident, place) in enumerate(zip(part.places, places, strict=True)):
        at = f"{field}.{precision}" + (f"[{k}]" if precision == "between" else "")
        along, km = _nearest(component, place)
        if km > MAX_PLACE_KM:
            raise AtlasError(
                facts.path, at, ident, f"{km:.1f} km from the border {part.border} (more than {MAX_PLACE_KM:g} km)"
            )
        positions.append(along)
    if precision == "at":
        return precision, _to_degrees(shapely.line_interpolate_point(component, positions[0]))
    if precision == "around":
        half = (part.stated_km or 0.0) * 500.0
        start, end = max(0.0, positions[0] - half), min(component.length, positions[0] + half)
    else:
        start, end = sorted(positions)
    stretch = shapely.ops.substring(component, start, end)
    if stretch.length <= 0:
        raise AtlasError(facts.path, f"{field}.between", part.between, "both places are at the same border point")
    return precision, _to_degrees(stretch)


def _along(
    along: Along, pair: str, border: shapely.Geometry, start: shapely.Point, field: str, facts: Facts
) -> shapely.LineString:
    """The first `along.km` of the border `pair` (a lon/lat line) from its end nearest `start`, measured on the
    ellipsoid; the start must lie within MAX_PLACE_KM of an end of one of the border's pieces.
    """
    pieces = shapely.line_merge(border)
    lines = list(pieces.geoms) if isinstance(pieces, shapely.MultiLineString) else [pieces]
    ends = [(line, k) for line in lines for k in (0, -1)]
    line, k = min(ends, key=lambda e: _km_between(start, shapely.Point(e[0].coords[e[1]])))
    gap = _km_between(start, shapely.Point(line.coords[k]))
    if gap > MAX_PLACE_KM:
        raise AtlasError(
            facts.path, f"{field}.along.start", along.start,
            f"{gap:.1f} km from either end of the border {pair}: 'along' starts at an end",
        )  # fmt: skip
    coords = list(line.coords) if k == 0 else list(reversed(line.coords))
    wanted, walked, kept = along.km, 0.0, [coords[0]]
    for a, b in itertools.pairwise(coords):
        step = _km_between(shapely.Point(a), shapely.Point(b))
        if walked + step >= wanted:
            t = (wanted - walked) / step if step else 0.0
            kept.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
            return shapely.LineString(kept)
        walked += step
        kept.append(b)
    raise AtlasError(
        facts.path, f"{field}.along.km", along.km,
        f"longer than the border {pair} in the atlas ({walked:,.1f} km from that end)",
    )  # fmt: skip


def _km_between(a: shapely.Point, b: shapely.Point) -> float:
    """Geodesic distance between two lon/lat points, in km."""
    return float(WGS84.inv(a.x, a.y, b.x, b.y)[2]) / 1000.0


def located_parts(
    facts: Facts, borders: gpd.GeoDataFrame, gazetteer: gpd.GeoDataFrame, gpkg: str | None = None
) -> tuple[LocatedPart, ...]:
    """Every located part of every plan, with its geometry derived from the full-resolution border lines."""
    lines = {canonical(p): g for p, g in zip(borders["pair"], borders.geometry, strict=True)}
    points = place_points(facts, gazetteer, borders, gpkg)
    places = {p.id: p for p in facts.places}
    found = []
    for i, plan in enumerate(facts.plans):
        for j, part in enumerate(plan.parts):
            field = f"plans[{i}].parts[{j}]"
            if not part.places:
                continue  # not located: the plan's own borders say where it applies
            border = lines.get(canonical(part.border))
            if border is None:
                raise AtlasError(facts.path, f"{field}.border", part.border, "the atlas has no such border line")
            precision, geometry = locate_part(part, border, points, field, facts)
            km = geodesic_length_km(geometry) if precision != "at" else None
            found.append(
                LocatedPart(
                    plan, part, canonical(part.border), precision, geometry, km, tuple(places[p] for p in part.places)
                )
            )
    return tuple(found)


def located_how(located: LocatedPart) -> str:
    """How a part is located, in words: the way, and for a stretch along the border from a point, what it is."""
    along = located.part.along
    if along is None:
        return PRECISION_LABELS[located.precision]
    return (
        f"within the first {along.km:,g} km of the border from the {located.places[0].name}, measured along the "
        f"atlas's line ({along.what}); where in that stretch the part stands is not published"
    )


def parts_on(parts: tuple[LocatedPart, ...], day: dt.date) -> list[PartStage]:
    """Every located part known on `day` and not cancelled or reopened by then, with its stage."""
    found = []
    for located in parts:
        event = deciding_event(located.part.events, day)
        if event is None:
            continue
        stage = STAGE_OF_EVENT[event.kind]
        if stage != "cancelled":
            found.append(PartStage(located, stage, event))
    return found
