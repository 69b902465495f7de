"""`atlas sources`: the sources of a map, for a reference manager or a bibliography, or the record's sources counted."""

from __future__ import annotations

import argparse
import json

from atlas.commands.options import Command, Parser, day_on, gpkg_option, layers_option, on_option
from atlas.commands.output import say, say_json
from geo.citations import FORMATS


def run_sources(args: argparse.Namespace) -> None:
    """The sources of the map of a date, as references."""
    from geo.citations import formatted
    from geo.record import open_record
    from geo.view import map_references, parse_layers

    if args.summary:
        from geo.audit import source_summary

        say(*source_summary(open_record(args.facts).facts).lines())
        return
    day = day_on(args)
    layers = parse_layers(args.layers, "--layers")
    view = open_record(args.facts, args.gpkg, ledger=False).view(day)
    text = formatted(map_references(view, layers), args.format)
    if args.format == "csl-json":
        say_json(json.loads(text))
    else:
        say(*text.rstrip("\n").split("\n"))


def _sources_options(parser: Parser) -> None:
    on_option(parser, "the map's date (default today)")
    layers_option(parser, "the map's layers")
    parser.add_argument(
        "--format", default="text", choices=FORMATS, help="text (a Harvard reference list), csl-json, bibtex or ris"
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="instead: every source of the record counted by grade, undated, and with a title made from its address",
    )
    gpkg_option(parser)


COMMANDS = {
    "sources": Command(
        "the sources of what a map shows, for a reference manager or a bibliography", _sources_options, run_sources
    ),
}
