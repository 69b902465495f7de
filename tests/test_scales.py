"""Lengths at several scales (issue 25): the divider and roughness on made-up lines, the stored border_scales table
against the atlas's own line, the command line and tables, and land and water shown only as the geometry supports."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np
import pytest
import shapely

from geo.borders import border_lengths
from geo.build.pipeline import border_frame, border_segment_frame, write_gpkg
from geo.build.scales import atlas_line, dcw_rings, scale_frame
from geo.facts.schema import OfficialFigure
from geo.geodesy import geodesic_length_km
from geo.scales import RULERS_KM, border_scales, divider_length_km, roughness, tobler_resolution_km
from geo.tables import scales_official_table, scales_table
from geo.view import map_view
from helpers import run_cli


def zigzag(teeth: int, amplitude: float) -> shapely.LineString:
    """A line from 20° E, 60° N northwards with `teeth` teeth of `amplitude` degrees of longitude over one degree."""
    lats = np.linspace(60, 61, 2 * teeth + 1)
    lons = 20 + amplitude * (np.arange(len(lats)) % 2)
    return shapely.LineString(np.column_stack([lons, lats]))


def test_a_straight_line_measures_the_same_with_every_ruler() -> None:
    meridian = shapely.LineString([(21, 60), (21, 61)])
    true = geodesic_length_km(meridian)
    for ruler in RULERS_KM:
        assert divider_length_km(meridian, ruler) == pytest.approx(true, abs=0.01)
    assert roughness(RULERS_KM, [divider_length_km(meridian, r) for r in RULERS_KM]) == pytest.approx(1.0, abs=1e-4)


def test_a_jagged_line_is_shorter_with_a_longer_ruler_and_rougher_than_a_straight_one() -> None:
    line = zigzag(20, 0.05)  # right-angled teeth 2.8 km wide, 5.6 km apart: a 20 km ruler walks nearly straight over
    true = geodesic_length_km(line)
    fine, coarse = divider_length_km(line, 0.1), divider_length_km(line, 20)
    assert fine == pytest.approx(true, rel=0.01)
    assert coarse == pytest.approx(geodesic_length_km(shapely.LineString([(20, 60), (20, 61)])), rel=0.02)
    lengths = [divider_length_km(line, r) for r in RULERS_KM]
    assert all(a >= b - 1e-6 for a, b in itertools.pairwise(lengths))
    rough = roughness(RULERS_KM, lengths)
    assert rough is not None and rough > 1.05


def test_roughness_recovers_the_dimension_of_a_richardson_series() -> None:
    lengths = [1000 * r ** (1 - 1.25) for r in RULERS_KM]
    assert roughness(RULERS_KM, lengths) == pytest.approx(1.25)
    assert roughness([1.0], [5.0]) is None


def test_a_map_shows_half_a_millimetre_of_its_scale() -> None:
    assert tobler_resolution_km(1_000_000) == 0.5 and tobler_resolution_km(110_000_000) == 55


def test_dcw_rings_are_decoded_and_split_where_a_longitude_of_65535_starts_a_ring() -> None:
    lon = np.array([65535, 0, 100, 100, 0, 65535, 200, 300, 300, 200], dtype=np.uint16)
    lat = np.array([0, 0, 0, 100, 0, 0, 0, 0, 100, 0], dtype=np.uint16)
    rings = dcw_rings(lon, lat, (20.0, 100.0, 60.0, 100.0))
    assert [r.tolist() for r in rings] == [
        [[20.0, 60.0], [21.0, 60.0], [21.0, 61.0], [20.0, 60.0]],
        [[22.0, 60.0], [23.0, 60.0], [23.0, 61.0], [22.0, 60.0]],
    ]


def test_the_build_measures_each_map_and_the_divider_on_made_up_countries() -> None:
    squares = {"FIN": shapely.box(20, 60, 21, 61), "RUS": shapely.box(21, 60, 22, 61)}
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"iso3": list(squares)}, geometry=list(squares.values()), crs="EPSG:4326")
    segments = border_segment_frame(frame, frame, log=lambda message: None)
    table = scale_frame(border_frame(segments), segments, {("dcw", 1_000_000): squares}, log=lambda m: None)
    meridian = geodesic_length_km(shapely.LineString([(21, 60), (21, 61)]))
    assert set(table["source"]) == {"atlas", "dcw", "divider"}
    assert sorted(table.loc[table["source"] == "divider", "ruler_km"]) == list(RULERS_KM)
    assert table["length_km"].to_numpy() == pytest.approx(np.full(len(table), meridian), abs=0.01)
    assert table.loc[table["source"] == "dcw", "resolution_km"].iloc[0] == 0.5


# ---------------------------------------------------------------- the stored table


def test_every_border_has_each_source_and_scale(gpkg) -> None:
    table = gpkg.border_scales
    for pair in gpkg.borders["pair"]:
        rows = table.loc[table["pair"] == pair]
        labels = set(rows["label"])
        assert {
            "Digital Chart of the World 1:1,000,000",
            "Natural Earth 1:10,000,000",
            "Natural Earth 1:50,000,000",
            "Natural Earth 1:110,000,000",
        } <= labels, pair
        assert sorted(rows.loc[rows["source"] == "divider", "ruler_km"]) == list(RULERS_KM), pair


def test_the_atlas_line_is_the_computed_length_and_the_divider_is_walked_on_it(gpkg, facts) -> None:
    lengths = {b.pair: b for b in border_lengths(gpkg, facts)}
    table = gpkg.border_scales
    for pair, b in lengths.items():
        atlas = table.loc[(table["pair"] == pair) & (table["source"] == "atlas"), "length_km"].iloc[0]
        assert atlas == pytest.approx(b.computed_km, abs=0.01), pair
    line = atlas_line(gpkg.border_segments, "POL-LTU")  # measured again from the stored line
    stored = table.loc[(table["pair"] == "POL-LTU") & (table["source"] == "divider")].set_index("ruler_km")
    for ruler in (0.5, 5.0):
        assert stored.loc[ruler, "length_km"] == pytest.approx(divider_length_km(line, ruler), abs=0.01)


def test_a_river_border_loses_more_at_a_coarse_scale_than_the_1945_line(gpkg) -> None:
    scales = {s.pair: s for s in border_scales(gpkg.border_scales, ["POL-RUS", "POL-BLR", "LTU-BLR"])}
    loss = {pair: s.loss_pct or 0.0 for pair, s in scales.items()}
    rough = {pair: s.roughness or 0.0 for pair, s in scales.items()}
    assert loss["POL-RUS"] < 5 and rough["POL-RUS"] < 1.01  # the 1945 line across East Prussia: almost straight
    for river in ("POL-BLR", "LTU-BLR"):
        assert loss[river] > 20 and rough[river] > 1.04
    natural_earth = {s.denominator: s.length_km for s in scales["LTU-BLR"].lengths if s.source == "natural-earth"}
    assert natural_earth[10_000_000] > natural_earth[50_000_000] > natural_earth[110_000_000]


# ---------------------------------------------------------------- what a reader sees


def test_lengths_scales_json_places_each_official_figure_by_what_it_measures() -> None:
    done = run_cli("lengths", "--scales", "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["pair"]: row for row in json.loads(done.stdout)}
    pol_blr = rows["POL-BLR"]
    labels = {x["label"] for x in pol_blr["lengths"]}
    assert "Natural Earth 1:110,000,000" in labels and "divider, 0.1 km ruler" in labels
    assert 1 < pol_blr["roughness_d"] < 1.2
    by = {(p["measures"], p["km"]): p for p in pol_blr["official"]}
    total = by[("total", 427.9)]
    assert total["beside"].startswith("atlas line") and total["beside_km"] == pytest.approx(417.4, abs=0.1)
    for kind, km in (("land", 186.1), ("water", 241.8)):  # stated, never set against the geometry's split
        assert by[(kind, km)]["beside_km"] is None
        assert "draws this river border as land" in by[(kind, km)]["note"]
    est = {(p["measures"], p["km"]): p for p in rows["EST-RUS"]["official"]}
    assert est[("land", 135.6)]["beside_km"] == pytest.approx(177.2, abs=0.1)  # the geometry does draw its water
    assert est[("land", 135.6)]["note"] == "shown as stated, not compared"


def test_lengths_scales_text_gives_the_roughness_and_each_scale() -> None:
    done = run_cli("lengths", "--scales")
    assert done.returncode == 0
    block = done.stdout.split("\nLTU-BLR")[1].split("\n\n")[0]
    assert "roughness D 1." in block and "Digital Chart of the World 1:1,000,000" in block
    assert "total 678.819 km" in block and "land 380 km" in block


def test_lengths_scales_needs_the_table(tmp_path) -> None:
    import geopandas as gpd

    squares = gpd.GeoDataFrame(
        {"iso3": ["RUS", "FIN"]}, geometry=[shapely.box(21, 60, 22, 61), shapely.box(20, 60, 21, 61)], crs="EPSG:4326"
    )
    segments = border_segment_frame(squares, squares, log=lambda message: None)
    suwalki = gpd.GeoDataFrame(
        {"kind": ["narrowest"], "name": ["line"]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs="EPSG:4326"
    )
    out = tmp_path / "old.gpkg"
    countries = squares.assign(name=["Russia", "Finland"], part="")
    write_gpkg({"countries": countries, "borders": border_frame(segments), "border_segments": segments,
                "suwalki": suwalki}, out)  # fmt: skip
    done = run_cli("lengths", "--scales", "--gpkg", str(out))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "border_scales" in done.stderr and "make data" in done.stderr


def test_the_tables_carry_every_scale_and_the_official_figures(gpkg, facts) -> None:
    lengths = {b.pair: b for b in border_lengths(gpkg, facts)}
    scales = border_scales(gpkg.border_scales, list(lengths))
    table = scales_table(scales, lengths)
    assert len(table) == len(gpkg.border_scales)
    official = scales_official_table(scales, lengths)
    fin = official.loc[official["border"] == "FIN-RUS"]
    assert sorted(fin["km"]) == [1309, 1340, 1343.6] and set(fin["measures"]) == {"total"}


def test_the_report_chart_gives_each_border_its_panel_roughness_and_official_totals(gpkg, facts) -> None:
    from xml.etree import ElementTree

    from layers.figure.scales import scales_figure_svg

    lengths = {b.pair: b for b in border_lengths(gpkg, facts)}
    scales = border_scales(gpkg.border_scales, list(lengths))
    official = scales_official_table(scales, lengths)
    svg = scales_figure_svg(scales, official)
    assert svg == scales_figure_svg(scales, official)  # the same lengths, the same bytes
    ns = {"svg": "http://www.w3.org/2000/svg"}
    panels = {}
    for axes in ElementTree.fromstring(svg).iterfind(".//svg:g[@id]", ns):
        if not axes.get("id", "").startswith("axes_"):
            continue
        title = next(t.text for t in axes.iterfind(".//svg:text", ns) if t.text and " · D = " in t.text)
        dashed = [p for p in axes.iterfind(".//svg:path", ns) if "stroke: #d55e00" in (p.get("style") or "")]
        panels[title.split(" · ")[0]] = (float(title.split("D = ")[1]), len(dashed))
    assert list(panels) == [s.pair for s in scales]  # every border, in the table's order
    for border in scales:
        rough, rules = panels[border.pair]
        assert rough == pytest.approx(border.roughness, abs=5e-4)
        assert rules == (official.loc[official["border"] == border.pair, "measures"] == "total").sum()
    assert panels["POL-BLR"][1] >= 2 and panels["LTU-BLR"][0] > panels["POL-RUS"][0]  # the river border is rougher


def test_land_is_not_set_against_an_official_land_figure_on_a_river_border(gpkg, facts) -> None:
    done = run_cli("lengths")
    pol_blr = done.stdout.split("\nPOL-BLR")[1].split("\nPOL-LTU")[0]
    assert "drawn as land 404.0 (narrow rivers included), drawn as water 13.4" in pol_blr
    assert "the source draws this river border as land" in pol_blr
    assert "stated: 186.1 km on land, 241.8 km along water (of 427.9 km)" in pol_blr
    assert " land 404.0" not in pol_blr.replace("drawn as land 404.0", "")
    est = done.stdout.split("\nEST-RUS")[1].split("\nLVA-RUS")[0]
    assert "land 177.2, inland water 163.6" in est and "draws this river border as land" not in est

    rows = {row["pair"]: row for row in json.loads(run_cli("lengths", "--json").stdout)}
    assert rows["POL-BLR"]["land_and_water"]["split_by_geometry"] is False
    assert rows["POL-BLR"]["land_and_water"]["stated"][0]["water_km"] == 241.8
    assert rows["EST-RUS"]["land_and_water"]["split_by_geometry"] is True

    from layers.web.details import border_details

    view = map_view(gpkg, facts, dt.date(2026, 3, 1))
    html = border_details(view, "LTU-BLR", {"LTU": "Lithuania", "BLR": "Belarus"})
    assert "the source draws this river border as land" in html and "drawn as land 650.4" in html
    assert "stated: 380.0 km on land, 299.0 km along water" in html


def test_a_part_kind_must_name_a_part_and_rounded_parts_may_exceed_the_total() -> None:
    with pytest.raises(ValueError, match="part_kinds names 'river'"):
        OfficialFigure.model_validate(
            {"km": 10, "covers": "x", "sources": SEED, "parts": {"land": 5}, "part_kinds": {"river": "water"}}
        )
    figure = OfficialFigure.model_validate(
        {"km": 678.819, "covers": "x", "sources": SEED, "parts": {"land": 380, "water": 299}}
    )
    assert figure.parts == {"land": 380, "water": 299}  # 679 written in whole km: within their rounding
    with pytest.raises(ValueError, match="more than the total"):
        OfficialFigure.model_validate({"km": 600, "covers": "x", "sources": SEED, "parts": {"land": 380, "water": 299}})
    with pytest.raises(ValueError, match="more than the total"):
        OfficialFigure.model_validate({"km": 427.7, "covers": "x", "sources": SEED, "parts": {"a": 241.8, "b": 186.1}})


SEED = [{"seed": "x", "quote": "x"}]
