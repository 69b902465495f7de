"""Geodesic measurement on the WGS84 ellipsoid (pyproj)."""

from __future__ import annotations

import functools

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer

WGS84 = Geod(ellps="WGS84")
EQUAL_AREA = "EPSG:3035"  # ETRS89 Lambert azimuthal equal-area, in metres: true areas across Europe


@functools.lru_cache(maxsize=64)
def transformer(source: CRS | str, target: CRS | str) -> Transformer:
    """The pyproj transformer from one CRS to another (always_xy: longitude first), made once per pair in a process,
    as GeoPandas keeps its own: making one costs about 25 ms, and a report pack asks for the same few dozens of times.
    """
    return Transformer.from_crs(source, target, always_xy=True)


def reprojected(geom: shapely.Geometry, transformer: Transformer) -> shapely.Geometry:
    """The geometry with its coordinates passed through a pyproj transformer (built with always_xy=True)."""

    def apply(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, apply)


def geodesic_length_km(geom: shapely.Geometry | None) -> float:
    """Geodesic length in km of a (multi)line in lon/lat degrees; 0 for an empty or missing geometry."""
    if geom is None or geom.is_empty:
        return 0.0
    return float(WGS84.geometry_length(geom)) / 1000.0
