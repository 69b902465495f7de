"""Reading the atlas GeoPackage (data/atlas.gpkg), with one-line errors for a missing or broken file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from geo.errors import AtlasError
from geo.settings import GPKG_PATH

# the columns each layer must have (besides its geometry)
LAYER_COLUMNS = {
    "countries": ("iso3", "name", "part"),
    "borders": ("pair", "a", "b", "clipped"),
    "border_segments": ("pair", "a", "b", "kind"),
    "suwalki": ("kind", "name"),
}


@dataclass(frozen=True)
class Atlas:
    """The atlas's geometry layers, in lon/lat (EPSG:4326)."""

    countries: gpd.GeoDataFrame
    borders: gpd.GeoDataFrame
    border_segments: gpd.GeoDataFrame
    suwalki: gpd.GeoDataFrame


def read_layer(path: Path, layer: str) -> gpd.GeoDataFrame:
    """One layer of the GeoPackage, checked for its columns."""
    try:
        frame = pyogrio.read_dataframe(path, layer=layer)
    except DataLayerError:
        raise AtlasError(path, "layer", layer, "missing from the GeoPackage; rebuild it with `make data`") from None
    except DataSourceError as exc:
        message = " ".join(str(exc).split())[:120]
        raise AtlasError(path, "file", path.name, f"not a readable GeoPackage ({message})") from None
    missing = [column for column in LAYER_COLUMNS[layer] if column not in frame.columns]
    if missing:
        raise AtlasError(
            path, f"{layer}.columns", missing[0], "column missing; rebuild the GeoPackage with `make data`"
        )
    return frame


def load_atlas(path: Path | str | None = None) -> Atlas:
    """All layers of the atlas GeoPackage (default data/atlas.gpkg)."""
    path = Path(path) if path is not None else GPKG_PATH
    if not path.is_file():
        raise AtlasError(path, "file", str(path), "GeoPackage not found; rebuild it with `make data`")
    try:
        available = {name for name, _ in pyogrio.list_layers(path)}
    except DataSourceError as exc:
        message = " ".join(str(exc).split())[:120]
        raise AtlasError(path, "file", path.name, f"not a readable GeoPackage ({message})") from None
    for layer in LAYER_COLUMNS:
        if layer not in available:
            raise AtlasError(path, "layer", layer, "missing from the GeoPackage; rebuild it with `make data`")
    return Atlas(**{layer: read_layer(path, layer) for layer in LAYER_COLUMNS})
