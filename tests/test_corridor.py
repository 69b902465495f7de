"""The Suwałki Gap layer: corridor, narrowest line, and the construction on made-up shapes."""

from __future__ import annotations

import shapely

from geo.corridor import suwalki_gap
from geo.geodesy import geodesic_length_km
from helpers import dump_yaml, load_yaml


def test_narrowest_line_is_between_60_and_70_km(gpkg) -> None:
    narrowest = gpkg.suwalki.loc[gpkg.suwalki["kind"] == "narrowest"].geometry.iloc[0]
    assert 60 <= geodesic_length_km(narrowest) <= 70


def test_corridor_lies_in_poland_and_lithuania_and_holds_their_whole_border(gpkg) -> None:
    corridor = gpkg.suwalki.loc[gpkg.suwalki["kind"] == "corridor"].geometry.iloc[0]
    countries = gpkg.countries.copy()
    # only the countries around the gap matter: clip them to its box (with a margin far wider than the 0.01° slack)
    west, south, east, north = corridor.bounds
    countries["geometry"] = shapely.clip_by_rect(
        countries.geometry.values, west - 0.1, south - 0.1, east + 0.1, north + 0.1
    )
    pol_ltu = shapely.union_all(list(countries.loc[countries["iso3"].isin(["POL", "LTU"])].geometry))
    others = shapely.union_all(list(countries.loc[~countries["iso3"].isin(["POL", "LTU"])].geometry))
    # the corridor is Polish and Lithuanian territory (display polygons are simplified, hence the small slack)
    assert shapely.area(shapely.difference(corridor, pol_ltu.buffer(0.01))) < 0.001 * corridor.area
    assert shapely.area(shapely.intersection(corridor, others.buffer(-0.01))) < 0.001 * corridor.area
    border = shapely.union_all(list(gpkg.border_segments.loc[gpkg.border_segments["pair"] == "POL-LTU"].geometry))
    assert corridor.buffer(1e-6).covers(border)
    # it reaches both Kaliningrad and Belarus
    kaliningrad = countries.loc[countries["part"] == "Kaliningrad Oblast"].geometry.iloc[0]
    belarus = countries.loc[countries["iso3"] == "BLR"].geometry.iloc[0]
    assert corridor.distance(kaliningrad) < 0.02 and corridor.distance(belarus) < 0.02


def test_narrowest_line_joins_kaliningrad_to_belarus(gpkg) -> None:
    line = gpkg.suwalki.loc[gpkg.suwalki["kind"] == "narrowest"].geometry.iloc[0]
    countries = gpkg.countries
    kaliningrad = countries.loc[countries["part"] == "Kaliningrad Oblast"].geometry.iloc[0]
    belarus = countries.loc[countries["iso3"] == "BLR"].geometry.iloc[0]
    start, end = shapely.points(shapely.get_coordinates(line)[[0, -1]])
    assert start.distance(kaliningrad) < 0.02 and end.distance(belarus) < 0.02


def test_construction_on_two_squares() -> None:
    west = shapely.box(20.0, 54.0, 21.0, 55.0)
    east = shapely.box(22.0, 54.0, 23.0, 55.0)
    between = shapely.box(21.0, 53.0, 22.0, 56.0)
    border = shapely.LineString([(21.5, 54.0), (21.5, 55.0)])
    gap = suwalki_gap(west, east, between, border)
    # meridians converge northwards, so the gap is narrowest along its northern edge, at 55° N
    at_55 = geodesic_length_km(shapely.LineString([(21, 55), (22, 55)]))
    at_54 = geodesic_length_km(shapely.LineString([(21, 54), (22, 54)]))
    assert at_55 < at_54
    assert abs(gap.narrowest_km - at_55) < 0.05
    assert between.buffer(1e-9).covers(gap.corridor)
    assert gap.corridor.covers(border)


def test_the_tripoint_line_joins_the_two_ends_of_a_border_in_pieces() -> None:
    from geo.corridor import tripoint_line

    # a winding border in two touching pieces, listed out of order: its ends are (0, 0) and (1, 1)
    border = shapely.MultiLineString([[(0.5, 0.2), (1.0, 0.5), (1, 1)], [(0, 0), (0.3, 0.4), (0.5, 0.2)]])
    line = tripoint_line(border)
    assert line is not None and {tuple(p) for p in shapely.get_coordinates(line)} == {(0.0, 0.0), (1.0, 1.0)}
    assert tripoint_line(shapely.LinearRing([(0, 0), (1, 0), (1, 1)])) is None  # a ring has no ends


def test_a_published_width_must_say_what_it_measures(tmp_path) -> None:
    import pytest

    from geo.errors import AtlasError
    from geo.facts.load import load_facts
    from helpers import ROOT

    data = load_yaml((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    data["suwalki"]["widths"][0]["measures"] = "as the crow flies"
    bad = tmp_path / "facts.yaml"
    bad.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(AtlasError) as raised:
        load_facts(bad)
    line = str(raised.value)
    assert "suwalki.widths[0].measures" in line and "as the crow flies" in line and len(line.splitlines()) == 1
