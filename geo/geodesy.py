"""Geodesic measurement on the WGS84 ellipsoid (pyproj)."""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def geodesic_length_km(geom: shapely.Geometry | None) -> float:
    """Geodesic length in km of a (multi)line in lon/lat degrees; 0 for an empty or missing geometry."""
    if geom is None or geom.is_empty:
        return 0.0
    return float(WGS84.geometry_length(geom)) / 1000.0


def segment_lengths_km(segments: np.ndarray) -> np.ndarray:
    """Geodesic length in km of each segment of an (n, 2, 2) array of lon/lat segment end points."""
    if len(segments) == 0:
        return np.zeros(0)
    _, _, metres = WGS84.inv(segments[:, 0, 0], segments[:, 0, 1], segments[:, 1, 0], segments[:, 1, 1])
    return np.asarray(metres) / 1000.0
