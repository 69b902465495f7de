"""`atlas lengths` and `atlas suwalki`: the borders' computed lengths beside the official figures; the Suwałki Gap."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from atlas.commands.options import Command, Parser, gpkg_option, json_option
from atlas.commands.output import say, say_json
from geo.errors import AtlasError

if TYPE_CHECKING:
    from geo.record import Record


def run_lengths(args: argparse.Namespace) -> None:
    """Every border's computed length beside each official figure."""
    from geo.record import open_record
    from geo.rows import LengthRow

    record = open_record(args.facts, args.gpkg)
    if args.scales:
        _print_scales(record, args.json)
        return
    lengths = record.lengths()
    if args.json:
        say_json([LengthRow(b).as_json() for b in lengths])
        return
    say("Border lengths, computed from geometry (geodesic, WGS84) beside official figures.")
    say("computed = land + inland water (rivers, lakes); lagoon and sea sections are shown apart.")
    say(
        "inland water is what the source polygons draw as water: lakes and wide rivers; a narrow river is land in them."
    )
    say("")
    for b in lengths:
        k = b.km_by_kind
        note = "  (clipped to the atlas region)" if b.clipped else ""
        say(
            f"{b.pair:8} computed {b.computed_km:,.1f} km: {b.drawn_split()}, lagoon {k['lagoon']:,.1f}, "
            f"sea {k['sea']:,.1f}{note}"
        )
        if b.water_unseen is not None:
            say(f"         {b.split_note()}")
        for c in b.official:
            say(f"         {c.text(1)} — {c.source}: {c.figure.covers}")
        for split in b.stated_splits:
            say(f"         {split.text()}, as its source splits it — {split.source}")
    say("")


def _print_scales(record: Record, as_json: bool) -> None:
    """Every border's length from each source and scale, its divider series and roughness, and each official
    figure with what it measures.
    """
    from geo.rows import ScalesRow

    lengths = {b.pair: b for b in record.lengths()}
    rows = [ScalesRow(s, lengths[s.pair]) for s in record.scales()]
    if not rows:
        raise AtlasError(
            record.gpkg_path, "layer", "border_scales", "missing from the GeoPackage; rebuild it with `make data`"
        )
    if as_json:
        say_json([row.as_json() for row in rows])
        return
    say("Border lengths at several scales (geodesic, WGS84): the atlas's line, the Digital Chart of the World 1:1M,")
    say("Natural Earth 1:10M, 1:50M, 1:110M, and a divider walked along the atlas's line with rulers of 0.1 to 20 km.")
    say(
        "Each map's detail follows Tobler's rule (0.5 mm on paper); roughness D = 1 - slope of log length on log ruler."
    )
    for row in rows:
        say("", *row.text_lines())
    say("")


def run_suwalki(args: argparse.Namespace) -> None:
    """The gap's size as the atlas computes it by each definition, and each published width or length beside the
    atlas's figure for the definition it uses (or marked as stating none).
    """
    from geo.corridor import narrowest_km, reconciled
    from geo.facts.cite import cite
    from geo.record import open_record
    from geo.view import gap_measures

    record = open_record(args.facts, args.gpkg)
    facts = record.facts
    width = narrowest_km(record.gpkg.suwalki)
    if width is None:
        raise AtlasError(record.gpkg_path, "suwalki.kind", "narrowest", "no narrowest line in the layer")
    lengths = {b.pair: b for b in record.lengths()}
    gap = gap_measures(record.gpkg.borders, facts, lengths, width)
    if gap is None:
        pair = facts.suwalki.border_pair if facts.suwalki else None
        raise AtlasError(record.gpkg_path, "borders.pair", pair, "no border with two ends for the Suwałki Gap")
    rows = reconciled(facts.suwalki.widths, gap) if facts.suwalki else []
    if args.json:
        say_json(
            {
                "computed": {
                    "polish_lithuanian_border_km": round(gap.border_km, 1),
                    "tripoint_line_km": round(gap.tripoint_km, 1),
                    "narrowest_line_km": round(gap.narrowest_km, 1),
                    "computed_as": "geodesic on the WGS84 ellipsoid, from the atlas's full-resolution border",
                },
                "published": [
                    {
                        "km": r.figure.km,
                        "stated": r.figure.stated,
                        "measures": r.figure.measures,
                        "definition": r.definition,
                        "computed_km": None if r.computed_km is None else round(r.computed_km, 1),
                        "covers": r.figure.covers,
                        "sources": [cite(s) for s in r.figure.sources],
                    }
                    for r in rows
                ],
            }
        )
        return
    nearest = (
        ", also the shortest line Kaliningrad–Belarus"
        if gap.tripoints_are_nearest
        else f"; shortest line Kaliningrad–Belarus {gap.narrowest_km:.1f} km"
    )
    say(
        f"Suwałki Gap, computed: Polish–Lithuanian border {gap.border_km:,.1f} km; straight line between its ends "
        f"(the tripoints) {gap.tripoint_km:.1f} km{nearest}"
    )
    for r in rows:
        stated = f" ({r.figure.stated})" if r.figure.stated else ""
        beside = f"computed {r.computed_km:,.1f} km" if r.computed_km is not None else "nothing to compute beside it"
        sources = "; ".join(cite(s) for s in r.figure.sources)
        say(f"  published {r.figure.km:g} km{stated}: {r.definition}; {beside} — {sources}")


def _lengths_options(parser: Parser) -> None:
    gpkg_option(parser)
    json_option(parser)


def _lengths_command_options(parser: Parser) -> None:
    _lengths_options(parser)
    parser.add_argument(
        "--scales",
        action="store_true",
        help="each border's length from every source and scale, a divider series on the atlas's line and its roughness",
    )


COMMANDS = {
    "lengths": Command(
        "every border: computed km beside each official figure (--scales: at several scales)",
        _lengths_command_options,
        run_lengths,
    ),
    "suwalki": Command(
        "the Suwałki Gap: its size by each definition, beside each published width or length",
        _lengths_options,
        run_suwalki,
    ),
}
