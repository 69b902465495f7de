"""Shared edges of neighbouring countries, split into land, inland water, lagoon and open sea.

Method (documented in docs/border-method.md):
1. The shared edge of A and B is every segment of A's maritime polygon whose midpoint lies within
   EDGE_TOLERANCE degrees of B's maritime boundary (the two were simplified separately, so their
   vertices do not coincide).
2. A segment is on land when its midpoint lies within WET_TOLERANCE of the land polygons.
3. Water near the border = maritime union minus land union, in a box around the border. Water that
   does not reach the open sea (the area outside every maritime polygon) is inland water.
   A large body of inland water within LAGOON_MAX_DISTANCE of sea-connected water is a lagoon all the same
   (the land source closes some lagoon mouths).
4. Sea-connected water is "opened" (eroded, then dilated, by OPENING degrees), which cuts narrow
   channels: a point whose water vanishes (a river mouth) is inland water; a point in a part that
   still reaches the open sea is sea; a part cut off from the sea but close to it (within
   LAGOON_MAX_DISTANCE) is a lagoon if it is at least LAGOON_MIN_AREA, else sea; a part cut off and far
   from the sea (a lake that drains by a river) is inland water.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import shapely
from shapely.geometry import box

from geo.pairs import pair_name

EDGE_TOLERANCE = 0.0005  # degrees
WET_TOLERANCE = 0.0003  # degrees, about 30 m
OPENING = 0.005  # degrees
LAGOON_MIN_AREA = 0.02  # square degrees, about 140 km² at 55° N
LAGOON_MAX_DISTANCE = 0.1  # degrees
BOX_MARGIN = 0.3  # degrees around a border when looking for its water


def boundary_segments(geom: shapely.Geometry) -> np.ndarray:
    """Every segment of every ring of a (multi)polygon, as an (n, 2, 2) array of lon/lat end points."""
    chunks = []
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        coords = shapely.get_coordinates(ring)
        chunks.append(np.stack([coords[:-1], coords[1:]], axis=1))
    segments: np.ndarray = np.concatenate(chunks) if chunks else np.zeros((0, 2, 2))
    return segments


def midpoints(segments: np.ndarray) -> np.ndarray:
    """Midpoints of segments as Shapely points."""
    points: np.ndarray = shapely.points((segments[:, 0] + segments[:, 1]) / 2)
    return points


def shared_segments(a: shapely.Geometry, b: shapely.Geometry, tolerance: float = EDGE_TOLERANCE) -> np.ndarray:
    """Segments of a's boundary that run along b's boundary."""
    segments = boundary_segments(a)
    other = shapely.boundary(b)
    shapely.prepare(other)
    along: np.ndarray = segments[shapely.dwithin(other, midpoints(segments), tolerance)]
    return along


def neighbour_pairs(maritime: dict[str, shapely.Geometry], codes: list[str]) -> list[str]:
    """Pairs among `codes` whose maritime polygons share an edge."""
    pairs = []
    for a, b in combinations(codes, 2):
        if shapely.dwithin(maritime[a], maritime[b], EDGE_TOLERANCE) and len(shared_segments(maritime[a], maritime[b])):
            pairs.append(pair_name(a, b))
    return pairs


def opening(geom: shapely.Geometry, distance: float) -> shapely.Geometry:
    """Morphological opening: erode then dilate, which removes parts narrower than 2 * distance."""
    return shapely.buffer(shapely.buffer(geom, -distance), distance)


class WaterContext:
    """Land and maritime polygons of the region, indexed for classifying border segments."""

    def __init__(self, maritime: list[shapely.Geometry], land: list[shapely.Geometry]) -> None:
        self.maritime = np.asarray(shapely.get_parts(maritime))
        self.land = np.asarray(shapely.get_parts(land))
        self.maritime_tree = shapely.STRtree(self.maritime)
        self.land_tree = shapely.STRtree(self.land)

    def _union_in(self, tree: shapely.STRtree, parts: np.ndarray, area: shapely.Geometry) -> shapely.Geometry:
        found = parts[tree.query(area)]
        return shapely.union_all(shapely.clip_by_rect(found, *area.bounds))

    def classify(self, segments: np.ndarray) -> np.ndarray:
        """The kind of each segment: 'land', 'inland_water', 'lagoon' or 'sea'."""
        kinds = np.full(len(segments), "land", dtype=object)
        if len(segments) == 0:
            return kinds
        points = midpoints(segments)
        x0, y0, x1, y1 = shapely.total_bounds(points)
        area = box(x0 - BOX_MARGIN, y0 - BOX_MARGIN, x1 + BOX_MARGIN, y1 + BOX_MARGIN)
        land = self._union_in(self.land_tree, self.land, area)
        shapely.prepare(land)
        wet = ~shapely.dwithin(land, points, WET_TOLERANCE)
        if not wet.any():
            return kinds
        territory = self._union_in(self.maritime_tree, self.maritime, area)
        water = shapely.get_parts(shapely.difference(territory, land))
        open_sea = shapely.buffer(opening(shapely.difference(area, territory), OPENING), 0.001)
        shapely.prepare(open_sea)
        sea_water = shapely.union_all(water[shapely.intersects(open_sea, water)])
        wet_index = np.nonzero(wet)[0]
        nearest = shapely.STRtree(water).query_nearest(points[wet_index], all_matches=False)[1]
        for component in np.unique(nearest):
            chosen = wet_index[nearest == component]
            kinds[chosen] = self._classify_in(water[component], points[chosen], open_sea, sea_water)
        return kinds

    def _classify_in(
        self, water: shapely.Geometry, points: np.ndarray, open_sea: shapely.Geometry, sea_water: shapely.Geometry
    ) -> np.ndarray:
        """Kinds of points lying in one connected water body."""
        if not shapely.intersects(open_sea, water):
            # not connected to the sea in the source; a large body just behind the coast is still a lagoon
            # (the land source closes some lagoon mouths, e.g. the Klaipėda strait of the Curonian Lagoon)
            near_sea = not sea_water.is_empty and shapely.distance(water, sea_water) < LAGOON_MAX_DISTANCE
            kind = "lagoon" if near_sea and water.area >= LAGOON_MIN_AREA else "inland_water"
            return np.full(len(points), kind, dtype=object)
        parts = shapely.get_parts(opening(water, OPENING))
        if len(parts) == 0:
            return np.full(len(points), "inland_water", dtype=object)
        reaches_sea = shapely.intersects(open_sea, parts)
        sea_parts = shapely.union_all(parts[reaches_sea])
        part_kind = np.empty(len(parts), dtype=object)
        for i, part in enumerate(parts):
            if reaches_sea[i]:
                part_kind[i] = "sea"
            elif not sea_parts.is_empty and shapely.distance(part, sea_parts) < LAGOON_MAX_DISTANCE:
                part_kind[i] = "lagoon" if part.area >= LAGOON_MIN_AREA else "sea"
            else:
                part_kind[i] = "inland_water"
        tree = shapely.STRtree(parts)
        point_index, part_index = tree.query_nearest(points, max_distance=OPENING, all_matches=False)
        kinds = np.full(len(points), "inland_water", dtype=object)  # water cut away by the opening: a river or strait
        kinds[point_index] = part_kind[part_index]
        return kinds
