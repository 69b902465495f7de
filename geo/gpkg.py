"""Reading the atlas GeoPackage (data/atlas.gpkg), with one-line errors for a missing, corrupt or wrong file."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from geo import settings
from geo.display import DrawnLayers, drawn_layers
from geo.errors import AtlasError
from geo.kept import Kept
from geo.scales import SCALE_COLUMNS

# the columns each layer must have (besides its geometry), and the geometry types it may hold
LAYER_COLUMNS = {
    "countries": ("iso3", "name", "part"),
    "borders": ("pair", "a", "b", "clipped"),
    "border_segments": ("pair", "a", "b", "kind"),
    "suwalki": ("kind", "name"),
    "places": ("geonameid", "name", "country"),
}
OPTIONAL = ("places",)  # read when present: only plan parts located by a GeoNames place need it
MAY_BE_EMPTY = ("places",)  # every other layer holds at least one feature: an empty one is a damaged file
_AREAS = {shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON}
_LINES = {shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING}
_POINTS = {shapely.GeometryType.POINT}
LAYER_GEOMETRIES = {
    "countries": _AREAS,
    "borders": _LINES,
    "border_segments": _LINES,
    "suwalki": _AREAS | _LINES,
    "places": _POINTS,
}
REBUILD = "rebuild it with `make data`"
SIMPLIFIED_KEPT = 16  # the simplified countries of this many frames are kept (GeoPackage.countries_simplified)
SCALES_TABLE = "border_scales"  # a table without geometry: every border's length at several scales (geo.scales)


@dataclass(frozen=True)
class GeoPackage:
    """The geometry layers of the GeoPackage (data/atlas.gpkg), read into GeoDataFrames in lon/lat (EPSG:4326)."""

    countries: gpd.GeoDataFrame
    borders: gpd.GeoDataFrame
    border_segments: gpd.GeoDataFrame
    suwalki: gpd.GeoDataFrame
    places: gpd.GeoDataFrame = field(default_factory=lambda: empty_layer("places"))
    path: Path | None = None  # the file it was read from
    # every border's length from each source and scale (geo.scales); empty in a GeoPackage built before it
    border_scales: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(SCALE_COLUMNS)))
    _projected: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, init=False, repr=False, compare=False)
    _simplified: Kept[tuple[str, frozenset[str], float], gpd.GeoDataFrame] = field(
        default_factory=lambda: Kept(SIMPLIFIED_KEPT), init=False, repr=False, compare=False
    )

    @cached_property
    def drawn(self) -> DrawnLayers:
        """The layers thinned for drawing (geo.display): made once, the slow part of a map base, shared by every map
        of every facts file over this GeoPackage, not to be changed.
        """
        return drawn_layers(self.countries, self.borders, self.suwalki)

    @cached_property
    def section_km(self) -> dict[str, dict[str, float]]:
        """Geodesic km of each pair's land, inland-water, lagoon and sea sections (geo.borders.lengths_by_kind):
        measured once, shared by every record over this GeoPackage, not to be changed.
        """
        from geo.borders import lengths_by_kind

        return lengths_by_kind(self.border_segments)

    def countries_in(self, crs: CRS) -> gpd.GeoDataFrame:
        """The country polygons projected to `crs` and made valid, what a print figure's land is drawn from: made
        once per projection (the slow part of drawing a map; a report pack draws nine), shared, not to be changed.
        """
        key = crs.to_wkt()
        if key not in self._projected:
            projected = self.countries.to_crs(crs)
            projected["geometry"] = shapely.make_valid(projected.geometry.values)
            self._projected[key] = projected
        return self._projected[key]

    def countries_simplified(self, crs: CRS, iso3: frozenset[str], tolerance: float) -> gpd.GeoDataFrame:
        """The countries of `iso3` projected to `crs` (countries_in), coverage-simplified together to `tolerance`
        (metres; shared edges stay shared): what a print figure draws. Made once per projection, set and tolerance
        (the same frame drawn again, in another format or on another day, reuses it), shared, not to be changed.
        """
        key = (crs.to_wkt(), iso3, tolerance)
        found = self._simplified.get(key)
        if found is None:  # (two threads drawing one frame at once may both make it: the same frame, kept once)
            countries = self.countries_in(crs)
            found = countries.loc[countries["iso3"].isin(iso3)].copy()
            found["geometry"] = shapely.coverage_simplify(found.geometry.values, tolerance)
            self._simplified.put(key, found)
        return found


def empty_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer with its columns and no feature (a GeoPackage without its optional layer)."""
    return gpd.GeoDataFrame({column: [] for column in LAYER_COLUMNS[layer]}, geometry=[], crs="EPSG:4326")


def _why(error: Exception) -> str:
    """An exception as a short phrase for the end of an error line."""
    return " ".join(f"{type(error).__name__}: {error}".split())[:120]


def check_database(path: Path) -> None:
    """AtlasError unless the file is an SQLite database that passes SQLite's own quick check (a GeoPackage is one)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise AtlasError(path, "file", path.name, f"not a readable GeoPackage ({_why(error)}); {REBUILD}") from None
    if rows != [("ok",)]:
        first = " ".join(str(rows[0][0]).split())[:120] if rows else "no answer"
        raise AtlasError(path, "file", path.name, f"the GeoPackage is damaged (SQLite: {first}); {REBUILD}")


def read_layer(path: Path, layer: str) -> gpd.GeoDataFrame:
    """One layer of the GeoPackage, checked for its columns and geometry types."""
    try:
        frame = pyogrio.read_dataframe(path, layer=layer)
    except pyogrio.errors.DataLayerError:
        raise AtlasError(path, "layer", layer, f"missing from the GeoPackage; {REBUILD}") from None
    except Exception as error:  # pyogrio and GDAL raise many kinds on a damaged file: each is one line here
        raise AtlasError(path, "layer", layer, f"cannot be read ({_why(error)}); {REBUILD}") from None
    missing = [column for column in LAYER_COLUMNS[layer] if column not in frame.columns]
    if missing:
        raise AtlasError(path, f"{layer}.columns", missing[0], f"column missing; {REBUILD}")
    if frame.empty and layer not in MAY_BE_EMPTY:
        raise AtlasError(path, "layer", layer, f"empty: it holds no feature; {REBUILD}")
    for kind in sorted(set(shapely.get_type_id(frame.geometry.values).tolist())):
        if kind < 0 or shapely.GeometryType(kind) not in LAYER_GEOMETRIES[layer]:
            found = shapely.GeometryType(kind).name if kind >= 0 else "no geometry"
            raise AtlasError(path, f"{layer}.geometry", found, f"not a geometry this layer holds; {REBUILD}")
    return frame


def read_scales(path: Path) -> pd.DataFrame:
    """The border_scales table, checked for its columns (an empty table when the GeoPackage has none)."""
    try:
        frame: pd.DataFrame = pyogrio.read_dataframe(path, layer=SCALES_TABLE, read_geometry=False)
    except Exception as error:  # as in read_layer: one line, whatever GDAL says
        raise AtlasError(path, "layer", SCALES_TABLE, f"cannot be read ({_why(error)}); {REBUILD}") from None
    missing = [column for column in SCALE_COLUMNS if column not in frame.columns]
    if missing:
        raise AtlasError(path, f"{SCALES_TABLE}.columns", missing[0], f"column missing; {REBUILD}")
    return frame


def load_geopackage(path: Path | str | None = None) -> GeoPackage:
    """Every layer of a GeoPackage (default data/atlas.gpkg), checked."""
    path = Path(path) if path is not None else settings.GPKG_PATH  # read at call time
    if not path.is_file():
        raise AtlasError(path, "file", str(path), f"GeoPackage not found; {REBUILD}")
    check_database(path)
    try:
        available = {name for name, _ in pyogrio.list_layers(path)}
    except Exception as error:  # as in read_layer: one line, whatever GDAL says
        raise AtlasError(path, "file", path.name, f"not a readable GeoPackage ({_why(error)}); {REBUILD}") from None
    for layer in LAYER_COLUMNS:
        if layer not in available and layer not in OPTIONAL:
            raise AtlasError(path, "layer", layer, f"missing from the GeoPackage; {REBUILD}")
    layers = {layer: read_layer(path, layer) for layer in LAYER_COLUMNS if layer in available}
    if SCALES_TABLE in available:
        return GeoPackage(**layers, path=path, border_scales=read_scales(path))
    return GeoPackage(**layers, path=path)
