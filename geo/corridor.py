"""The Suwałki Gap: the corridor in Poland and Lithuania between Kaliningrad and Belarus, its narrowest line, and what
the atlas computes for each definition a published width or length of the gap uses (reconciled).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import geopandas as gpd
import shapely
from pyproj import CRS

from geo.facts.schema import GapFigure, GapMeasure
from geo.geodesy import geodesic_length_km, reprojected, transformer

# Azimuthal equidistant projection centred on the gap: distances from the centre are true, and nearly so
# across the ~100 km of the corridor, so the shortest line found there is the geodesic shortest line.
LOCAL_CRS = CRS.from_proj4("+proj=aeqd +lat_0=54.3 +lon_0=23.0 +datum=WGS84 +units=m")
CORRIDOR_MARGIN_M = 10_000  # the corridor reaches this far beyond the border and the narrowest line


@dataclass(frozen=True)
class SuwalkiGap:
    """The corridor polygon and the narrowest line across it, in lon/lat."""

    corridor: shapely.Geometry
    narrowest: shapely.LineString

    @property
    def narrowest_km(self) -> float:
        """Geodesic length of the narrowest line."""
        return geodesic_length_km(self.narrowest)


def suwalki_gap(
    kaliningrad: shapely.Geometry,
    belarus: shapely.Geometry,
    poland_lithuania: shapely.Geometry,
    pol_ltu_border: shapely.Geometry,
) -> SuwalkiGap:
    """The narrowest line from Kaliningrad to Belarus, and the corridor around it and the Polish–Lithuanian border."""
    to_local, to_lonlat = transformer("EPSG:4326", LOCAL_CRS), transformer(LOCAL_CRS, "EPSG:4326")
    kgd = reprojected(kaliningrad, to_local)
    blr = reprojected(belarus, to_local)
    line = shapely.shortest_line(kgd, blr)
    border = reprojected(pol_ltu_border, to_local)
    hull = shapely.convex_hull(shapely.union_all([line, border])).buffer(CORRIDOR_MARGIN_M)
    hull_lonlat = reprojected(hull, to_lonlat)
    corridor = shapely.intersection(poland_lithuania, hull_lonlat)
    narrowest = reprojected(line, to_lonlat)
    return SuwalkiGap(corridor=corridor, narrowest=narrowest)


def gap_layer(gap: SuwalkiGap) -> gpd.GeoDataFrame:
    """The gap as a layer: one corridor polygon row and one narrowest-line row, with the line's length."""
    return gpd.GeoDataFrame(
        {
            "kind": ["corridor", "narrowest"],
            "name": ["Suwałki Gap", "Narrowest line, Kaliningrad to Belarus"],
            "length_km": [None, round(gap.narrowest_km, 3)],
        },
        geometry=[gap.corridor, gap.narrowest],
        crs="EPSG:4326",
    )


def narrowest_km(layer: gpd.GeoDataFrame) -> float | None:
    """Geodesic length of the narrowest line in the GeoPackage's suwalki layer; None if the layer has none."""
    narrowest = layer.loc[layer["kind"] == "narrowest"]
    return geodesic_length_km(narrowest.geometry.iloc[0]) if len(narrowest) else None


# each definition a published figure may use, as a reader reads it beside the figure
MEASURE_TEXTS: dict[GapMeasure, str] = {
    "border_length": "the length of the Polish–Lithuanian border",
    "tripoint_line": "the straight line between the two ends of the Polish–Lithuanian border (its tripoints with "
    "Russia's Kaliningrad Oblast and with Belarus)",
    "not_stated": "no definition stated",
}


def tripoint_line(border: shapely.Geometry) -> shapely.LineString | None:
    """The straight line between the two ends of a border line that runs between two tripoints (of its pieces'
    ends, the two farthest apart); None for a border with no two ends (a ring, or empty).
    """
    ends = [shapely.Point(xy) for xy in shapely.get_coordinates(shapely.boundary(shapely.line_merge(border)))]
    if len(ends) < 2:
        return None
    a, b = max(itertools.combinations(ends, 2), key=lambda pair: shapely.distance(*pair))
    return shapely.LineString([a, b])


@dataclass(frozen=True)
class GapMeasures:
    """What the atlas computes for each definition of the gap's size, in km on the WGS84 ellipsoid."""

    border_km: float  # the Polish–Lithuanian border along the atlas's line
    tripoint_km: float  # the straight (geodesic) line between its two ends
    narrowest_km: float  # the shortest line between Kaliningrad Oblast and Belarus

    def of(self, measure: GapMeasure) -> float | None:
        """The computed figure for a definition; None where the source states none."""
        return {"border_length": self.border_km, "tripoint_line": self.tripoint_km}.get(measure)

    @property
    def tripoints_are_nearest(self) -> bool:
        """Whether the tripoint line is also the shortest line Kaliningrad–Belarus (to 0.05 km)."""
        return abs(self.tripoint_km - self.narrowest_km) < 0.05


@dataclass(frozen=True)
class Reconciled:
    """A published figure beside what the atlas computes for the definition it uses (None: no definition stated)."""

    figure: GapFigure
    computed_km: float | None

    @property
    def definition(self) -> str:
        """What the figure measures, in words."""
        return MEASURE_TEXTS[self.figure.measures]


def reconciled(widths: list[GapFigure], measures: GapMeasures) -> list[Reconciled]:
    """Each published width or length of the gap with the atlas's figure for its definition."""
    return [Reconciled(w, measures.of(w.measures)) for w in widths]
