"""Reading the GeoPackage: the committed file, and one-line errors for broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyogrio
import pytest

from geo.errors import AtlasError
from geo.gpkg import load_geopackage
from geo.settings import DATA_DIR, GPKG_PATH

FOCUS = {"FIN", "EST", "LVA", "LTU", "POL", "NOR"}


def test_countries_layer(gpkg) -> None:
    codes = set(gpkg.countries["iso3"])
    assert FOCUS | {"RUS", "BLR", "UKR", "SWE"} <= codes
    assert (gpkg.countries["part"] == "Kaliningrad Oblast").sum() == 1
    assert gpkg.countries.geometry.is_valid.all()
    assert gpkg.countries.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = gpkg.countries.total_bounds
    assert minx >= 4 and miny >= 49 and maxx <= 45 and maxy <= 71.5


def test_display_geometry_is_light(gpkg) -> None:
    import shapely

    vertices = int(shapely.get_num_coordinates(gpkg.countries.geometry.values).sum())
    assert vertices < 200_000, vertices


def test_data_folder_under_15_mb() -> None:
    total = sum(p.stat().st_size for p in DATA_DIR.rglob("*") if p.is_file())
    assert total < 15_000_000, total


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AtlasError, match="not found"):
        load_geopackage(tmp_path / "nope.gpkg")


def test_truncated_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(GPKG_PATH.read_bytes()[:5000])
    with pytest.raises(AtlasError) as info:
        load_geopackage(broken)
    assert "broken.gpkg" in str(info.value) and "\n" not in str(info.value)


def test_layer_missing(tmp_path: Path) -> None:
    partial = tmp_path / "partial.gpkg"
    shutil.copy(GPKG_PATH, partial)
    frame = pyogrio.read_dataframe(GPKG_PATH, layer="countries")
    lacking = tmp_path / "lacking.gpkg"
    pyogrio.write_dataframe(frame, lacking, layer="countries", driver="GPKG")
    with pytest.raises(AtlasError, match="layer = 'borders'"):
        load_geopackage(lacking)
