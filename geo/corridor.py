"""The Suwałki Gap: the corridor in Poland and Lithuania between Kaliningrad and Belarus, and its narrowest line."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import shapely
from pyproj import CRS

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
