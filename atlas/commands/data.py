"""`atlas build-data`, `build-places` and `build-scales`: the data pipeline (the only importer of geo.build)."""

from __future__ import annotations

import argparse
from pathlib import Path

from atlas.commands.guard import inputs_of, refuse_overwriting
from atlas.commands.options import Command, Parser, gpkg_option
from atlas.commands.output import say
from geo.settings import GPKG_PATH


def run_build(args: argparse.Namespace) -> None:
    """Rebuild data/atlas.gpkg from the pinned sources."""
    from geo.build import build_data

    out = Path(args.out or GPKG_PATH)
    refuse_overwriting([("--out", out)], inputs_of(args, gpkg=False))  # the GeoPackage is what it writes
    build_data(out, log=lambda message: say(message))


def run_build_places(args: argparse.Namespace) -> None:
    """Rewrite the places layer of the GeoPackage from its borders and the pinned gazetteer."""
    from geo.build.gazetteer import write_places

    write_places(Path(args.gpkg or GPKG_PATH), log=lambda message: say(message))


def run_build_scales(args: argparse.Namespace) -> None:
    """Rewrite the border_scales table of the GeoPackage from its borders and the pinned maps at other scales."""
    from geo.build.pipeline import CACHE_DIR
    from geo.build.scales import write_scales

    write_scales(Path(args.gpkg or GPKG_PATH), CACHE_DIR, log=lambda message: say(message))


def _build_options(parser: Parser) -> None:
    parser.add_argument("--out", type=Path, default=None, help="GeoPackage to write (default data/atlas.gpkg)")


COMMANDS = {
    "build-data": Command(
        "fetch the pinned sources and rebuild data/atlas.gpkg (needs the npm registry)", _build_options, run_build
    ),
    "build-places": Command(
        "rewrite the gazetteer layer (places) of data/atlas.gpkg from the pinned GeoNames",
        gpkg_option,
        run_build_places,
    ),
    "build-scales": Command(
        "rewrite the lengths at several scales (border_scales) of data/atlas.gpkg: Natural Earth from the npm "
        "registry, the Digital Chart of the World from Debian's gmt-dcw",
        gpkg_option,
        run_build_scales,
    ),
}
