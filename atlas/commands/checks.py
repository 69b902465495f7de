"""`atlas validate` and `atlas claims`: the record checked as a whole, and each seed article's claims with their
verdicts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from atlas.commands.options import Command, Parser, claims_option, gpkg_option, json_option
from atlas.commands.output import say, say_json
from geo.claims.schema import VERDICTS
from geo.errors import AtlasError


def run_validate(args: argparse.Namespace) -> None:
    """Check a facts file, and the record as a whole: every country drawn has a status, every source can be opened."""
    from geo.audit import check_record
    from geo.claims import conflicting_verdicts
    from geo.record import open_record

    record = open_record(args.path or args.facts, args.gpkg, args.claims)
    facts, path = record.facts, record.facts_path
    check_record(facts, path, record.gpkg.countries)
    parts = record.parts()
    ledger = record.ledger
    for earlier, later in conflicting_verdicts(record.checked_claims()):
        raise AtlasError(
            record.claims_path,
            f"{later.id}.verdict",
            later.verdict,
            f"the same statement as {earlier.id} ({later.subject} {later.attribute}: {later.stated}), which is "
            f"{earlier.verdict}: one statement, one verdict (or say why in 'differs')",
        )
    say(
        f"{path}: valid ({len(facts.countries)} countries, {len(facts.borders)} borders, "
        f"{len(facts.plans)} plans with {len(parts)} located parts, {len(facts.positions)} positions), "
        f"every source with its address, date and grade; {record.claims_path}: "
        f"{len(ledger.claims) if ledger else 0} claims, one verdict for each statement"
    )


def run_claims(args: argparse.Namespace) -> None:
    """Each seed article's claims with their verdicts."""
    from geo.claims import counts_by_seed, resolve_seed, select
    from geo.record import open_record

    record = open_record(args.facts, args.gpkg, args.claims)
    ledger = record.ledger
    seed = resolve_seed(ledger, args.seed) if ledger is not None and args.seed is not None else None
    checked = select(record.checked_claims(), seed, args.verdict)
    if args.json:
        say_json([c.as_dict() for c in checked])
        return
    say(
        "Claims of the seed articles, checked against the facts "
        "(computed: verdict computed from the facts; hand: entered with a reason)."
    )
    for name, counts in counts_by_seed(checked).items():
        total = sum(counts.values())
        say(
            "",
            f"seeds/{name}: {total} claim{'s' if total != 1 else ''}: "
            + ", ".join(f"{n} {v}" for v, n in counts.items()),
        )
        for c in (c for c in checked if c.seed == name):
            say(
                f"  {c.verdict:12}  {c.subject}  {c.attribute}: {c.stated}  "
                f"[{'computed' if c.computed else 'hand'}] {c.id}"
            )
            say(f"                says    “{c.quote}”")
            if c.record or c.source:
                say(f"                record  {c.record or ''}{' — ' + c.source if c.source else ''}")
            say(f"                why     {c.reason}")
    if not checked:
        say("", "no claims match")


def _validate_options(parser: Parser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=None, help="facts file (default data/facts.yaml)")
    gpkg_option(parser, "GeoPackage whose countries must all have a status")
    claims_option(parser, "claims ledger to check")


def _claims_options(parser: Parser) -> None:
    parser.add_argument(
        "--seed",
        default=None,
        metavar="FILE",
        help="only this seed (file name in seeds/, or a unique prefix such as 002)",
    )
    parser.add_argument("--verdict", default=None, choices=VERDICTS, help="only claims with this verdict")
    claims_option(parser, "claims ledger to use")
    gpkg_option(parser, "GeoPackage for the computed border lengths")
    json_option(parser, "print JSON: a list of objects")


COMMANDS = {
    "validate": Command("check a facts file and report the first problem", _validate_options, run_validate),
    "claims": Command("what each seed article claims, with its verdict against the facts", _claims_options, run_claims),
}
