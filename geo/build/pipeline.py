"""The pipeline behind `make data`: pinned sources → shared edges → data/atlas.gpkg."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geo.borders import KINDS
from geo.build.countries import KALININGRAD, country_parts, stored_geometry
from geo.build.edges import WaterContext, neighbour_pairs, shared_segments
from geo.build.gazetteer import gazetteer_places
from geo.build.scales import write_scales
from geo.build.sources import SOURCES, fetch_source, read_region
from geo.corridor import gap_layer, suwalki_gap
from geo.geodesy import geodesic_length_km
from geo.pairs import PAIR_ORDER, codes
from geo.settings import GPKG_PATH, REGION, ROOT

CACHE_DIR = ROOT / "build-cache"
Log = Callable[[str], None]


def segments_to_lines(segments: np.ndarray) -> shapely.Geometry:
    """Segments merged into as few lines as they make."""
    if len(segments) == 0:
        return shapely.MultiLineString()
    merged = shapely.line_merge(shapely.multilinestrings(shapely.linestrings(segments)))
    return shapely.multilinestrings(shapely.get_parts(merged))


def border_segment_frame(maritime: gpd.GeoDataFrame, land: gpd.GeoDataFrame, log: Log = print) -> gpd.GeoDataFrame:
    """One row per border pair and kind of section (land, inland water, lagoon, sea), at full resolution."""
    geoms = dict(zip(maritime["iso3"], maritime.geometry, strict=True))
    kept = [code for code in PAIR_ORDER if code in geoms]
    context = WaterContext(list(maritime.geometry), list(land.geometry))
    rows = []
    for pair in neighbour_pairs(geoms, kept):
        started = time.time()
        a, b = codes(pair)
        segments = shared_segments(geoms[a], geoms[b])
        kinds = context.classify(segments)
        for kind in KINDS:
            chosen = segments[kinds == kind]
            if len(chosen):
                rows.append({"pair": pair, "a": a, "b": b, "kind": kind, "geometry": segments_to_lines(chosen)})
        log(f"  {pair}: {len(segments)} segments, {time.time() - started:.1f} s")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def border_frame(segments: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One line per pair: every section but open sea, with the length of each kind of section."""
    region_edge = shapely.box(*REGION).exterior
    rows = []
    for pair, group in segments.groupby("pair", sort=False):
        lengths = dict.fromkeys(KINDS, 0.0)
        for kind, geom in zip(group["kind"], group.geometry, strict=True):
            lengths[kind] += geodesic_length_km(geom)
        line = shapely.union_all(list(group.loc[group["kind"] != "sea"].geometry))
        if line.is_empty:
            continue  # a maritime boundary only (e.g. across the Gulf of Finland): not a land border
        row = {"pair": pair, "a": group["a"].iloc[0], "b": group["b"].iloc[0]}
        row["length_km"] = round(lengths["land"] + lengths["inland_water"], 3)
        row.update({f"{kind}_km": round(km, 3) for kind, km in lengths.items()})
        # a border that runs off the atlas region is only partly in the layer (e.g. Russia–Ukraine south of 49° N)
        row["clipped"] = bool(
            shapely.dwithin(region_edge, line, 1e-9)
        )  # clip_by_rect puts cut ends exactly on the edge
        row["geometry"] = shapely.multilinestrings(shapely.get_parts(shapely.line_merge(line)))
        rows.append(row)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def write_gpkg(layers: dict[str, gpd.GeoDataFrame], out: Path) -> None:
    """Writes the layers to a GeoPackage through a temporary file, so a failure leaves no partial file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=out.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        for name, frame in layers.items():
            pyogrio.write_dataframe(
                frame, tmp, layer=name, driver="GPKG", geometry_type="Unknown" if name == "suwalki" else None
            )
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def build_data(out: Path = GPKG_PATH, cache_dir: Path = CACHE_DIR, log: Log = print) -> dict[str, gpd.GeoDataFrame]:
    """Fetches and checks the sources, derives every layer and writes the GeoPackage; returns the layers."""
    started = time.time()
    paths = {key: fetch_source(source, cache_dir) for key, source in SOURCES.items()}
    log(f"sources checked ({time.time() - started:.0f} s)")
    maritime = read_region(paths["maritime"])
    land = read_region(paths["land"])
    log(f"sources read and repaired ({time.time() - started:.0f} s)")
    segments = border_segment_frame(maritime, land, log)
    borders = border_frame(segments)
    log(f"borders derived ({time.time() - started:.0f} s)")
    parts = country_parts(land)
    countries = stored_geometry(parts)
    log(f"display geometry simplified ({time.time() - started:.0f} s)")
    land_of = dict(zip(land["iso3"], land.geometry, strict=True))
    territory_of = dict(
        zip(maritime["iso3"], maritime.geometry, strict=True)
    )  # with lakes and rivers, so the border lies inside
    kaliningrad = parts.loc[parts["part"] == KALININGRAD].geometry.iloc[0]
    pol_ltu = segments.loc[segments["pair"] == "POL-LTU"].geometry
    gap = suwalki_gap(
        kaliningrad,
        land_of["BLR"],
        shapely.union_all([territory_of["POL"], territory_of["LTU"]]),
        shapely.union_all(list(pol_ltu)),
    )
    corridor = gap_layer(gap)
    places = gazetteer_places(borders)
    layers = {
        "countries": countries,
        "borders": borders,
        "border_segments": segments,
        "suwalki": corridor,
        "places": places,
    }
    write_gpkg(layers, out)
    write_scales(out, cache_dir, log)  # every border's length at other scales, from the layers just written
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {time.time() - started:.0f} s)")
    return layers
