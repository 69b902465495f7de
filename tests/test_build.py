"""The data pipeline (geo.build) on made-up countries: no download, the same code `make data` runs."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo.build.pipeline import border_frame, border_segment_frame, write_gpkg
from geo.geodesy import geodesic_length_km
from geo.gpkg import load_geopackage


def squares() -> gpd.GeoDataFrame:
    """Finland and Russia as two one-degree squares sharing the meridian 21° E from 60° to 61° N."""
    return gpd.GeoDataFrame(
        {"iso3": ["RUS", "FIN"]}, geometry=[shapely.box(21, 60, 22, 61), shapely.box(20, 60, 21, 61)], crs="EPSG:4326"
    )


def test_two_squares_share_one_land_border_named_in_the_atlas_order() -> None:
    segments = border_segment_frame(squares(), squares(), log=lambda message: None)
    assert list(zip(segments["pair"], segments["a"], segments["b"], segments["kind"], strict=True)) == [
        ("FIN-RUS", "FIN", "RUS", "land")
    ]
    meridian = shapely.LineString([(21, 60), (21, 61)])
    assert geodesic_length_km(segments.geometry.iloc[0]) == pytest.approx(geodesic_length_km(meridian), abs=1e-6)
    borders = border_frame(segments)
    row = borders.iloc[0]
    assert row["pair"] == "FIN-RUS" and not row["clipped"]
    assert row["length_km"] == pytest.approx(geodesic_length_km(meridian), abs=1e-3)
    assert row["sea_km"] == 0 and row["inland_water_km"] == 0


def test_the_geopackage_is_written_whole_or_not_at_all(tmp_path) -> None:
    segments = border_segment_frame(squares(), squares(), log=lambda message: None)
    countries = squares().assign(name=["Russia", "Finland"], part="")
    suwalki = gpd.GeoDataFrame(
        {"kind": ["narrowest"], "name": ["line"]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs="EPSG:4326"
    )
    out = tmp_path / "atlas.gpkg"
    write_gpkg(
        {"countries": countries, "borders": border_frame(segments), "border_segments": segments, "suwalki": suwalki},
        out,
    )
    gpkg = load_geopackage(out)
    assert list(gpkg.borders["pair"]) == ["FIN-RUS"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.gpkg"]  # no temporary file left beside it
