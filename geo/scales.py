"""A border's length at several scales (Richardson's effect): the same border from each source and map scale, and
a divider (ruler) series walked along the atlas's own line, with the roughness (fractal dimension) it implies.

The lengths are computed when `make data` runs (geo.build.scales) and stored in the GeoPackage's `border_scales`
table; this module holds the divider, the roughness and the reading of that table, so nothing at run time needs
more than data/atlas.gpkg.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geo.geodesy import WGS84

# the divider's rulers, in km (issue 25): from 100 m, about the atlas line's own detail, to 20 km
RULERS_KM = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0)
# Tobler's rule: a map at 1:S shows nothing smaller than about 0.5 mm on paper, S × 0.5 mm on the ground
TOBLER_MM = 0.5
# the columns of the GeoPackage's border_scales table
SCALE_COLUMNS = ("pair", "source", "label", "denominator", "ruler_km", "resolution_km", "length_km")
_SAMPLES = 33  # points tried along a segment per refinement when placing the divider's next point
_BRACKET_M = 1.0  # refined until the step's end is bracketed within 1 m, then interpolated between the two


def tobler_resolution_km(denominator: int) -> float:
    """The smallest detail a map at 1:denominator shows, in km on the ground (Tobler's rule, 0.5 mm on paper)."""
    return denominator * TOBLER_MM / 1e6


def _distances_m(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Geodesic distances in metres from one point to many (WGS84)."""
    _, _, dist = WGS84.inv(np.full(len(lons), lon), np.full(len(lats), lat), lons, lats)
    out: np.ndarray = np.asarray(dist, dtype=float)
    return out


def _divide_line(coords: np.ndarray, ruler_m: float) -> tuple[int, float]:
    """The divider walked along one line: the number of whole steps of ruler_m and the geodesic remainder in metres.

    Each step ends at the first point further along the line whose geodesic distance from the step's start is the
    ruler (a segment with both ends within the ruler lies within it, so the first vertex beyond the ruler marks the
    segment where the step ends).
    """
    lons, lats = coords[:, 0], coords[:, 1]
    n = len(coords)
    px, py = float(lons[0]), float(lats[0])
    i, steps, chunk = 1, 0, 16
    while True:
        j = -1
        while i < n:
            stop = min(n, i + chunk)
            beyond = np.nonzero(_distances_m(px, py, lons[i:stop], lats[i:stop]) >= ruler_m)[0]
            if beyond.size:
                j = i + int(beyond[0])
                break
            i = stop
        if j < 0:
            remainder = float(_distances_m(px, py, lons[-1:], lats[-1:])[0])
            return steps, remainder
        ax, ay = (px, py) if j == i else (float(lons[j - 1]), float(lats[j - 1]))
        bx, by = float(lons[j]), float(lats[j])
        segment_m = float(_distances_m(ax, ay, np.array([bx]), np.array([by]))[0])
        low, high = 0.0, 1.0  # the step ends at a + t (b - a), with low inside the ruler and high beyond it
        d_low, d_high = 0.0, 0.0
        while (high - low) * segment_m > _BRACKET_M or d_high == 0.0:
            ts = np.linspace(low, high, _SAMPLES)
            dist = _distances_m(px, py, ax + ts * (bx - ax), ay + ts * (by - ay))
            k = max(int(np.argmax(dist >= ruler_m)), 1)
            low, high, d_low, d_high = float(ts[k - 1]), float(ts[k]), float(dist[k - 1]), float(dist[k])
        t = low + (high - low) * (ruler_m - d_low) / (d_high - d_low) if d_high > d_low else high
        px, py = ax + t * (bx - ax), ay + t * (by - ay)
        steps += 1
        i = j


def divider_length_km(line: shapely.Geometry, ruler_km: float) -> float:
    """A (multi)line's length measured with a ruler of ruler_km: steps × ruler plus the remainder, each part of a
    multi-line walked on its own; geodesic on WGS84.
    """
    if ruler_km <= 0:
        raise ValueError("the ruler must be longer than 0 km")
    total_m = 0.0
    for part in shapely.get_parts(line):
        coords = shapely.get_coordinates(part)
        if len(coords) < 2:
            continue
        steps, remainder = _divide_line(coords, ruler_km * 1000.0)
        total_m += steps * ruler_km * 1000.0 + remainder
    return total_m / 1000.0


def roughness(rulers_km: Sequence[float], lengths_km: Sequence[float]) -> float | None:
    """The fractal dimension D of a line from its divider series: 1 - the slope of log(length) on log(ruler)
    (least squares; Richardson). D = 1 for a smooth line; None with fewer than two rulers or a length of 0.
    """
    if len(rulers_km) < 2 or len(rulers_km) != len(lengths_km) or min(lengths_km) <= 0:
        return None
    slope = float(np.polyfit(np.log(np.asarray(rulers_km)), np.log(np.asarray(lengths_km)), 1)[0])
    return 1.0 - slope


@dataclass(frozen=True)
class ScaleLength:
    """One border's length from one source at one scale, or walked with one ruler along the atlas's line."""

    source: str  # 'atlas', 'dcw', 'natural-earth', 'divider'
    label: str  # what a reader reads: 'Natural Earth 1:10,000,000', 'divider, 0.5 km ruler'
    denominator: int | None  # the map's scale 1:denominator (None for the divider)
    ruler_km: float | None  # the divider's ruler (None for a map)
    resolution_km: float  # the smallest detail it shows: the ruler, or Tobler's rule for a map
    length_km: float  # geodesic


@dataclass(frozen=True)
class BorderScales:
    """A border's lengths at every scale the GeoPackage holds, and the roughness its divider series implies."""

    pair: str
    lengths: tuple[ScaleLength, ...]

    @property
    def divider(self) -> tuple[ScaleLength, ...]:
        """The divider series, shortest ruler first."""
        return tuple(sorted((s for s in self.lengths if s.ruler_km is not None), key=lambda s: s.resolution_km))

    @property
    def roughness(self) -> float | None:
        """Fractal dimension D from the divider series (1 - slope of log length on log ruler)."""
        series = self.divider
        return roughness([s.ruler_km or 0.0 for s in series], [s.length_km for s in series])

    @property
    def loss_pct(self) -> float | None:
        """How much shorter the longest ruler measures the line than the shortest, in percent."""
        series = self.divider
        if len(series) < 2 or series[0].length_km <= 0:
            return None
        return (1 - series[-1].length_km / series[0].length_km) * 100


def border_scales(table: pd.DataFrame, pairs: Sequence[str]) -> list[BorderScales]:
    """The GeoPackage's border_scales table as one entry per border, in the order of `pairs` (those it holds)."""
    out = []
    for pair in pairs:
        rows = table.loc[table["pair"] == pair]
        if rows.empty:
            continue
        lengths = tuple(
            ScaleLength(
                str(r.source),
                str(r.label),
                None if pd.isna(r.denominator) else int(r.denominator),
                None if pd.isna(r.ruler_km) else float(r.ruler_km),
                float(r.resolution_km),
                float(r.length_km),
            )
            for r in rows.itertuples(index=False)
        )
        out.append(BorderScales(pair, tuple(sorted(lengths, key=lambda s: (s.resolution_km, s.source)))))
    return out
