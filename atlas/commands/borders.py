"""`atlas lengths` and `atlas suwalki`: the borders' computed lengths beside the official figures; the Suwałki Gap."""

from __future__ import annotations

import argparse

from atlas.commands.options import Command, Parser, gpkg_option, json_option
from atlas.commands.output import say, say_json
from geo.errors import AtlasError


def run_lengths(args: argparse.Namespace) -> None:
    """Every border's computed length beside each official figure."""
    from geo.record import open_record
    from geo.rows import LengthRow

    lengths = open_record(args.facts, args.gpkg).lengths()
    if args.json:
        say_json([LengthRow(b).as_json() for b in lengths])
        return
    say("Border lengths, computed from geometry (geodesic, WGS84) beside official figures.")
    say("computed = land + inland water (rivers, lakes); lagoon and sea sections are shown apart.", "")
    for b in lengths:
        k = b.km_by_kind
        note = "  (clipped to the atlas region)" if b.clipped else ""
        say(
            f"{b.pair:8} computed {b.computed_km:,.1f} km: land {k['land']:,.1f}, inland water "
            f"{k['inland_water']:,.1f}, lagoon {k['lagoon']:,.1f}, sea {k['sea']:,.1f}{note}"
        )
        for c in b.official:
            say(f"         {c.text(1)} — {c.source}: {c.figure.covers}")
    say("")


def run_suwalki(args: argparse.Namespace) -> None:
    """The gap's computed narrowest width and the Polish–Lithuanian border, beside the reported widths."""
    from geo.borders import border_length
    from geo.corridor import narrowest_km
    from geo.facts.cite import cite
    from geo.record import open_record

    record = open_record(args.facts, args.gpkg)
    facts = record.facts
    width = narrowest_km(record.gpkg.suwalki)
    if width is None:
        raise AtlasError(record.gpkg_path, "suwalki.kind", "narrowest", "no narrowest line in the layer")
    border_km = border_length(record.lengths(), "POL-LTU").computed_km
    stated = facts.suwalki.widths if facts.suwalki else []
    if args.json:
        say_json(
            {
                "narrowest_width": {
                    "km": round(width, 1),
                    "between": ["Kaliningrad Oblast (Russia)", "Belarus"],
                    "computed_as": "the shortest line between their land, measured on the WGS84 ellipsoid",
                },
                "polish_lithuanian_border": {"km": round(border_km, 1), "computed_as": "land and inland water"},
                "reported_widths": [
                    {"km": w.km, "covers": w.covers, "sources": [cite(s) for s in w.sources]} for w in stated
                ],
            }
        )
        return
    say(f"Suwałki Gap: narrowest line Kaliningrad–Belarus {width:.1f} km; Polish–Lithuanian border {border_km:.1f} km")
    for w in stated:
        say(f"  reported: {w.km:g} km ({w.covers}) — {'; '.join(cite(s) for s in w.sources)}")


def _lengths_options(parser: Parser) -> None:
    gpkg_option(parser)
    json_option(parser)


COMMANDS = {
    "lengths": Command("every border: computed km beside each official figure", _lengths_options, run_lengths),
    "suwalki": Command(
        "the Suwałki Gap: narrowest width and Polish–Lithuanian border length", _lengths_options, run_suwalki
    ),
}
