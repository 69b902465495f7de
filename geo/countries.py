"""Country polygons: parts (Kaliningrad Oblast on its own) and the simplified display geometry."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

from geo.sources import COUNTRY_NAMES

KALININGRAD_BOX = box(19.0, 54.2, 23.0, 55.5)  # holds Russia's exclave and nothing else of Russia
KALININGRAD = "Kaliningrad Oblast"
DISPLAY_MIN_AREA = 0.003  # square degrees (about 20 km² at 60° N): smaller islands and lakes leave the display layer
DISPLAY_TOLERANCE = 0.005  # degrees, coverage simplification tolerance


def country_parts(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per country (iso3, name, part), with Russia's Kaliningrad Oblast as a row of its own."""
    rows = []
    for code, geom in zip(land["iso3"], land.geometry):
        if code == "RUS":
            pieces = shapely.get_parts(geom)
            inside = shapely.within(shapely.point_on_surface(pieces), KALININGRAD_BOX)
            rows.append((code, COUNTRY_NAMES[code], "mainland", shapely.multipolygons(pieces[~inside])))
            rows.append((code, COUNTRY_NAMES[code], KALININGRAD, shapely.multipolygons(pieces[inside])))
        else:
            rows.append((code, COUNTRY_NAMES[code], "", geom))
    codes, names, parts, geoms = zip(*rows)
    return gpd.GeoDataFrame({"iso3": codes, "name": names, "part": parts}, geometry=list(geoms), crs="EPSG:4326")


def without_small_rings(geom: shapely.Geometry, min_area: float) -> shapely.Geometry:
    """A MultiPolygon without the parts and holes smaller than min_area (square degrees)."""
    kept = []
    for polygon in shapely.get_parts(geom):
        if polygon.area < min_area:
            continue
        holes = [ring for ring in polygon.interiors if shapely.area(shapely.polygons(ring)) >= min_area]
        kept.append(shapely.Polygon(polygon.exterior, holes))
    return shapely.multipolygons(kept)


def display_geometry(parts: gpd.GeoDataFrame, min_area: float = DISPLAY_MIN_AREA, tolerance: float = DISPLAY_TOLERANCE) -> gpd.GeoDataFrame:
    """The countries for drawing: small islands and lakes dropped, then coverage-simplified so shared edges stay shared."""
    geoms = np.array([without_small_rings(g, min_area) for g in parts.geometry.values], dtype=object)
    simplified = shapely.coverage_simplify(geoms, tolerance)
    simplified = shapely.make_valid(simplified, method="structure", keep_collapsed=False)
    out = parts.copy()
    out["geometry"] = [shapely.multipolygons(shapely.get_parts(g)[np.isin(shapely.get_type_id(shapely.get_parts(g)), [3])]) for g in simplified]
    return out
