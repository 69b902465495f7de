"""The `border_scales` table of the GeoPackage: every border's length from each source and scale, and the divider
series on the atlas's own line (geo.scales), computed when `make data` runs and stored so that nothing at run time
needs more than data/atlas.gpkg.

Sources (pinned; provenance and licences in data/README.md):
- the atlas's own line: land and inland-water sections of `border_segments` (OpenStreetMap via geo-maps, 10 m);
- Natural Earth 1:10m, 1:50m and 1:110m admin-0 countries, as quantized TopoJSON in the npm package world-atlas;
- the Digital Chart of the World at 1:1,000,000 as packaged for GMT (DCW-GMT), read from Debian's gmt-dcw package
  (/usr/share/gmt-dcw/dcw-gmt.nc, checked by its SHA-256).
Each map's border is its countries' shared edge by the same rule as the atlas's (geo.build.edges.shared_segments).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo.build.edges import EDGE_TOLERANCE, shared_segments
from geo.build.sources import PinnedSource, fetch_source, polygonal, sha256_of
from geo.errors import AtlasError
from geo.geodesy import geodesic_length_km
from geo.gpkg import load_geopackage
from geo.pairs import codes
from geo.scales import RULERS_KM, SCALE_COLUMNS, divider_length_km, tobler_resolution_km
from geo.settings import REGION

Log = Callable[[str], None]

# world-atlas 2.0.2 = Natural Earth 4.1.0 (its sha1 is the registry's shasum, 4bca4a578f3a413bd409c3f07f2054fe7375824f)
WORLD_ATLAS = ("world-atlas", "2.0.2", "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97")
NATURAL_EARTH = {
    10_000_000: PinnedSource(
        "natural-earth-10m", *WORLD_ATLAS, "Natural Earth 1:10m countries", member="package/countries-10m.json"
    ),
    50_000_000: PinnedSource(
        "natural-earth-50m", *WORLD_ATLAS, "Natural Earth 1:50m countries", member="package/countries-50m.json"
    ),
    110_000_000: PinnedSource(
        "natural-earth-110m", *WORLD_ATLAS, "Natural Earth 1:110m countries", member="package/countries-110m.json"
    ),
}
# Natural Earth countries carry ISO 3166-1 numeric ids and names (checked), not ISO3 codes
NATURAL_EARTH_IDS = {
    "FIN": ("246", "Finland"),
    "NOR": ("578", "Norway"),
    "SWE": ("752", "Sweden"),
    "EST": ("233", "Estonia"),
    "LVA": ("428", "Latvia"),
    "LTU": ("440", "Lithuania"),
    "POL": ("616", "Poland"),
    "RUS": ("643", "Russia"),
    "BLR": ("112", "Belarus"),
    "UKR": ("804", "Ukraine"),
}


@dataclass(frozen=True)
class DebianFile:
    """A data file installed by a Debian package (`apt-get install PACKAGE`), pinned by version and SHA-256."""

    package: str
    version: str
    path: Path
    sha256: str


DCW = DebianFile(
    "gmt-dcw",
    "2.1.1-1",
    Path("/usr/share/gmt-dcw/dcw-gmt.nc"),
    "adbe53c2c4d2196797755de03769347951695412e0f4c6a3fe0a3607f1ab0979",
)
DCW_DENOMINATOR = 1_000_000
DCW_CODES = {
    "FIN": "FI",
    "NOR": "NO",
    "SWE": "SE",
    "EST": "EE",
    "LVA": "LV",
    "LTU": "LT",
    "POL": "PL",
    "RUS": "RU",
    "BLR": "BY",
    "UKR": "UA",
}
# DCW-GMT packs each country into 16 bits on its own grid, so two countries' outlines do not coincide: its shared
# edges are found within 0.002° (about 200 m, 0.2 mm at 1:1,000,000); at 0.0005° (the atlas's rule) Finland–Russia
# loses a fifth of its line, at 0.01° no border gains a kilometre
DCW_TOLERANCE = 0.002
EDGE_TOLERANCES = {"dcw": DCW_TOLERANCE}  # the others: geo.build.edges.EDGE_TOLERANCE
DCW_PEN_UP = 65535  # DCW-GMT starts each ring with this longitude (as GMT reads it: gmt_dcw.c)


def unwrap_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """A geometry spanning all longitudes with its western ones moved east by 360° (Russia, stitched across the
    antimeridian, otherwise has edges from 180° to -180° that run across the whole map, through the region).
    """
    west, _, east, _ = shapely.bounds(geom)
    if east - west <= 180:
        return geom
    shift = np.array([360.0, 0.0])
    return shapely.transform(geom, lambda xy: np.where(xy[:, :1] < 0, xy + shift, xy))


def in_region(geom: shapely.Geometry) -> shapely.Geometry:
    """A country clipped to the atlas region and repaired to polygons."""
    clipped = shapely.clip_by_rect(geom, *REGION)
    return polygonal(shapely.make_valid(clipped, method="structure", keep_collapsed=False))


def natural_earth_countries(path: Path) -> dict[str, shapely.Geometry]:
    """The atlas's countries in one of world-atlas's TopoJSON files, by ISO3 code (each id's name checked)."""
    frame = gpd.read_file(path, layer="countries", engine="pyogrio")
    out = {}
    for code, (number, name) in NATURAL_EARTH_IDS.items():
        rows = frame.loc[frame["id"] == number]
        if len(rows) != 1 or rows["name"].iloc[0] != name:
            found = list(rows["name"]) if len(rows) else "no country"
            raise AtlasError(path, f"countries.id {number}", found, f"expected exactly one country named {name}")
        out[code] = in_region(unwrap_antimeridian(rows.geometry.iloc[0]))
    return out


def dcw_rings(lon: np.ndarray, lat: np.ndarray, scale: tuple[float, float, float, float]) -> list[np.ndarray]:
    """The rings of one DCW-GMT country: its packed 16-bit coordinates decoded (value / scale + min), split where a
    longitude of 65535 starts a ring.
    """
    lon_min, lon_scale, lat_min, lat_scale = scale
    breaks = np.nonzero(lon == DCW_PEN_UP)[0]
    rings = []
    for chunk in np.split(np.arange(len(lon)), breaks):
        chunk = chunk[lon[chunk] != DCW_PEN_UP]
        if len(chunk) >= 4:
            rings.append(np.column_stack([lon[chunk] / lon_scale + lon_min, lat[chunk] / lat_scale + lat_min]))
    return rings


def dcw_countries(source: DebianFile = DCW) -> dict[str, shapely.Geometry]:
    """The atlas's countries in the Digital Chart of the World (DCW-GMT), by ISO3 code, clipped to the region."""
    import h5py  # the netCDF-4 file is HDF5; only the build reads it

    if not source.path.is_file():
        raise AtlasError(
            source.path, "file", source.package, f"not installed: `apt-get install {source.package}={source.version}`"
        )
    actual = sha256_of(source.path)
    if actual != source.sha256:
        raise AtlasError(source.path, "sha256", actual, f"expected {source.sha256} ({source.package} {source.version})")
    out = {}
    with h5py.File(source.path, "r") as data:
        for code, dcw in DCW_CODES.items():
            lon_var, lat_var = data[f"{dcw}_lon"], data[f"{dcw}_lat"]
            scale = (
                float(lon_var.attrs["min"][0]),
                float(lon_var.attrs["scale"][0]),
                float(lat_var.attrs["min"][0]),
                float(lat_var.attrs["scale"][0]),
            )
            rings = dcw_rings(np.asarray(lon_var[:]), np.asarray(lat_var[:]), scale)
            polygons = [unwrap_antimeridian(shapely.Polygon(ring)) for ring in rings]
            polygons = [p for p in polygons if shapely.intersects(p, shapely.box(*REGION))]
            out[code] = in_region(shapely.union_all(shapely.make_valid(np.array(polygons))))
    return out


def shared_km(geoms: dict[str, shapely.Geometry], pair: str, tolerance: float = EDGE_TOLERANCE) -> float | None:
    """Geodesic km of a pair's shared edge in one source (None: no shared edge there)."""
    a, b = codes(pair)
    if a not in geoms or b not in geoms:
        return None
    segments = shared_segments(geoms[a], geoms[b], tolerance)
    if len(segments) == 0:
        return None
    return geodesic_length_km(shapely.multilinestrings(shapely.linestrings(segments)))


def atlas_line(segments: gpd.GeoDataFrame, pair: str) -> shapely.Geometry:
    """The atlas's own line of a border as its computed length counts it: land and inland water, merged."""
    rows = segments.loc[(segments["pair"] == pair) & segments["kind"].isin(["land", "inland_water"])]
    return shapely.line_merge(shapely.union_all(list(rows.geometry)))


def _row(
    pair: str, source: str, label: str, denominator: int | None, ruler: float | None, km: float
) -> dict[str, object]:
    resolution = ruler if ruler is not None else tobler_resolution_km(denominator or 0)
    return dict(zip(SCALE_COLUMNS, [pair, source, label, denominator, ruler, resolution, round(km, 3)], strict=True))


def scale_frame(
    borders: gpd.GeoDataFrame,
    segments: gpd.GeoDataFrame,
    maps: dict[tuple[str, int], dict[str, shapely.Geometry]],
    log: Log = print,
) -> pd.DataFrame:
    """One row per border, source and scale: the atlas's line (computed: land + inland water), each map in `maps`
    ((source, denominator) -> countries) and the divider series at RULERS_KM on the atlas's line.
    """
    rows = []
    labels = {"natural-earth": "Natural Earth", "dcw": "Digital Chart of the World"}
    for pair in borders["pair"]:
        line = atlas_line(segments, pair)
        rows.append(_row(pair, "atlas", "atlas line (OpenStreetMap, geo-maps 10 m)", None, None, 0.0))
        rows[-1]["resolution_km"] = 0.01  # the geo-maps source's 10 m
        rows[-1]["length_km"] = round(geodesic_length_km(line), 3)
        for (source, denominator), geoms in maps.items():
            km = shared_km(geoms, pair, EDGE_TOLERANCES.get(source, EDGE_TOLERANCE))
            if km is not None:
                rows.append(_row(pair, source, f"{labels[source]} 1:{denominator:,}", denominator, None, km))
        for ruler in RULERS_KM:
            rows.append(
                _row(pair, "divider", f"divider, {ruler:g} km ruler", None, ruler, divider_length_km(line, ruler))
            )
        log(f"  {pair}: {sum(1 for r in rows if r['pair'] == pair)} lengths")
    frame = pd.DataFrame(rows, columns=list(SCALE_COLUMNS))
    frame["denominator"] = frame["denominator"].astype("Int64")
    return frame


def scale_maps(cache_dir: Path, log: Log = print) -> dict[tuple[str, int], dict[str, shapely.Geometry]]:
    """The pinned maps at other scales: DCW 1:1M and Natural Earth 1:10m, 1:50m, 1:110m, by (source, denominator)."""
    maps = {("dcw", DCW_DENOMINATOR): dcw_countries()}
    log("  DCW read")
    for denominator, source in NATURAL_EARTH.items():
        maps[("natural-earth", denominator)] = natural_earth_countries(fetch_source(source, cache_dir))
    log("  Natural Earth read")
    return maps


def write_scales(gpkg: Path, cache_dir: Path, log: Log = print) -> pd.DataFrame:
    """Writes (or replaces) the `border_scales` table of the GeoPackage from its borders and the pinned maps,
    atomically.
    """
    stored = load_geopackage(gpkg)
    table = scale_frame(stored.borders, stored.border_segments, scale_maps(cache_dir, log), log)
    handle, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=gpkg.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        shutil.copy(gpkg, tmp)
        pyogrio.write_dataframe(table, tmp, layer="border_scales", driver="GPKG", layer_options={"OVERWRITE": "YES"})
        os.replace(tmp, gpkg)
    finally:
        tmp.unlink(missing_ok=True)
    log(f"wrote {len(table)} lengths at several scales to {gpkg} (table border_scales)")
    return table
