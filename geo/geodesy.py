"""Geodesic measurement on the WGS84 ellipsoid (pyproj)."""

from __future__ import annotations

import shapely
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def geodesic_length_km(geom: shapely.Geometry | None) -> float:
    """Geodesic length in km of a (multi)line in lon/lat degrees; 0 for an empty or missing geometry."""
    if geom is None or geom.is_empty:
        return 0.0
    return float(WGS84.geometry_length(geom)) / 1000.0
