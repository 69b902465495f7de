"""Country polygons as stored: parts (Kaliningrad Oblast on its own), thinned once (geo.settings.STORED_*)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

from geo.build.sources import COUNTRY_NAMES
from geo.display import without_small_rings
from geo.settings import STORED_MIN_AREA, STORED_TOLERANCE

KALININGRAD_BOX = box(19.0, 54.2, 23.0, 55.5)  # holds Russia's exclave and nothing else of Russia
KALININGRAD = "Kaliningrad Oblast"


def country_parts(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per country (iso3, name, part), with Russia's Kaliningrad Oblast as a row of its own."""
    rows = []
    for code, geom in zip(land["iso3"], land.geometry, strict=True):
        if code == "RUS":
            pieces = shapely.get_parts(geom)
            inside = shapely.within(shapely.point_on_surface(pieces), KALININGRAD_BOX)
            rows.append((code, COUNTRY_NAMES[code], "mainland", shapely.multipolygons(pieces[~inside])))
            rows.append((code, COUNTRY_NAMES[code], KALININGRAD, shapely.multipolygons(pieces[inside])))
        else:
            rows.append((code, COUNTRY_NAMES[code], "", geom))
    codes, names, parts, geoms = zip(*rows, strict=True)
    return gpd.GeoDataFrame({"iso3": codes, "name": names, "part": parts}, geometry=list(geoms), crs="EPSG:4326")


def stored_geometry(
    parts: gpd.GeoDataFrame, min_area: float = STORED_MIN_AREA, tolerance: float = STORED_TOLERANCE
) -> gpd.GeoDataFrame:
    """The countries as stored: small islands and lakes dropped, coverage-simplified so shared edges stay shared."""
    geoms = np.array([without_small_rings(g, min_area) for g in parts.geometry.values], dtype=object)
    simplified = shapely.coverage_simplify(geoms, tolerance)
    simplified = shapely.make_valid(simplified, method="structure", keep_collapsed=False)
    out = parts.copy()
    out["geometry"] = [
        shapely.multipolygons(shapely.get_parts(g)[np.isin(shapely.get_type_id(shapely.get_parts(g)), [3])])
        for g in simplified
    ]
    return out
