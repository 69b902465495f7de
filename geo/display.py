"""Geometry thinned for drawing (never for measuring): small islands and lakes dropped, shared edges kept shared.

The thresholds are in geo.settings.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geo.settings import (
    BORDER_TOLERANCE,
    DECIMALS,
    DISPLAY_MIN_AREA,
    DISPLAY_TOLERANCE,
    OVERVIEW_MIN_AREA,
    OVERVIEW_TOLERANCE,
)


def without_small_rings(geom: shapely.Geometry, min_area: float) -> shapely.Geometry:
    """A MultiPolygon without the parts and holes smaller than min_area (square degrees)."""
    kept = []
    for polygon in shapely.get_parts(geom):
        if polygon.area < min_area:
            continue
        holes = [ring for ring in polygon.interiors if shapely.area(shapely.polygons(ring)) >= min_area]
        kept.append(shapely.Polygon(polygon.exterior, holes))
    return shapely.multipolygons(kept)


def rounded(geom: shapely.Geometry, decimals: int = DECIMALS) -> shapely.Geometry:
    """The geometry with coordinates rounded to `decimals` places."""
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def display_countries(
    countries: gpd.GeoDataFrame, min_area: float = DISPLAY_MIN_AREA, tolerance: float = DISPLAY_TOLERANCE
) -> gpd.GeoDataFrame:
    """Country polygons without small islands and lakes, coverage-simplified (shared edges stay shared), for drawing."""
    out = countries.copy()
    kept = np.array([without_small_rings(g, min_area) for g in countries.geometry.values], dtype=object)
    out["geometry"] = shapely.coverage_simplify(kept, tolerance)
    return out


def display_lines(frame: gpd.GeoDataFrame, tolerance: float = BORDER_TOLERANCE) -> gpd.GeoDataFrame:
    """Lines and polygons simplified (topology kept), for drawing."""
    out = frame.copy()
    out["geometry"] = shapely.simplify(frame.geometry.values, tolerance, preserve_topology=True)
    return out


@dataclass(frozen=True)
class DrawnLayers:
    """A GeoPackage's layers as maps draw them (geo.gpkg.GeoPackage.drawn: made once per GeoPackage, shared by every
    map of every facts file drawn over it, not to be changed).
    """

    countries: gpd.GeoDataFrame  # iso3, name, part: display_countries
    borders: gpd.GeoDataFrame  # pair, a, b: display_lines
    suwalki: gpd.GeoDataFrame  # kind, name, length_km: display_lines
    overview: gpd.GeoDataFrame  # iso3, name, part: overview_countries of the drawn countries


def drawn_layers(countries: gpd.GeoDataFrame, borders: gpd.GeoDataFrame, suwalki: gpd.GeoDataFrame) -> DrawnLayers:
    """The countries, borders and Suwałki Gap layers thinned for drawing, and the countries of an overview map."""
    drawn = display_countries(countries)
    return DrawnLayers(
        drawn, display_lines(borders[["pair", "a", "b", "geometry"]]), display_lines(suwalki), overview_countries(drawn)
    )


def overview_countries(countries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The countries as an overview map draws them (the web map's minimap, a print figure's locator): big islands
    only, each simplified on its own (Douglas–Peucker: coverage simplification keeps about five times the vertices
    here, and a sliver between neighbours is far under a pixel of a 130-pixel minimap or a locator); a country with
    nothing that big is left out.
    """
    out = countries.copy()
    kept = [without_small_rings(g, OVERVIEW_MIN_AREA) for g in countries.geometry.values]
    out["geometry"] = shapely.simplify(kept, OVERVIEW_TOLERANCE, preserve_topology=True)
    return out.loc[~out.geometry.is_empty]
