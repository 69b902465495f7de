"""Geodesic lengths: known distances, and independence from how a line is split."""

from __future__ import annotations

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.build.edges import boundary_segments, shared_segments
from geo.geodesy import geodesic_length_km


def test_one_degree_of_latitude_at_the_equator() -> None:
    # WGS84: one degree of latitude at the equator is 110.574 km
    assert abs(geodesic_length_km(shapely.LineString([(0, 0), (0, 1)])) - 110.574) < 0.01


def test_one_degree_of_longitude_at_60_north_is_about_half_the_equator() -> None:
    km = geodesic_length_km(shapely.LineString([(25, 60), (26, 60)]))
    assert 55.7 < km < 55.9


def test_empty_is_zero() -> None:
    assert geodesic_length_km(shapely.MultiLineString()) == 0.0
    assert geodesic_length_km(None) == 0.0


coords = st.lists(st.tuples(st.floats(4, 45), st.floats(49, 71.5)), min_size=2, max_size=30, unique=True)


@settings(max_examples=100, deadline=None)
@given(coords, st.data())
def test_length_does_not_depend_on_how_the_line_is_split(points, data) -> None:
    line = shapely.LineString(points)
    cuts = sorted(data.draw(st.sets(st.integers(1, len(points) - 2), max_size=5))) if len(points) > 2 else []
    pieces, start = [], 0
    for cut in [*cuts, len(points) - 1]:
        pieces.append(shapely.LineString(points[start : cut + 1]))
        start = cut
    whole = geodesic_length_km(line)
    split = geodesic_length_km(shapely.MultiLineString(pieces))
    assert abs(whole - split) <= 1e-9 * max(whole, 1)


def test_shared_segments_of_two_squares_is_their_common_side() -> None:
    a = shapely.box(20, 60, 21, 61)
    b = shapely.box(21, 60, 22, 61)
    shared = shared_segments(a, b)
    assert len(shared) == 1
    assert sorted(map(tuple, shared[0])) == [(21.0, 60.0), (21.0, 61.0)]
    assert len(boundary_segments(a)) == 4
