"""`atlas status` and `atlas changes`: each country's treaty status on a day, and what changed in a window."""

from __future__ import annotations

import argparse

from atlas.commands.options import Command, Parser, country_option, day_on, json_option, on_option
from atlas.commands.output import say, say_json, say_notice


def run_status(args: argparse.Namespace) -> None:
    """Each country's treaty status on a date."""
    day = day_on(args)  # a bad date is refused before the record's libraries are imported
    from geo.record import open_record
    from geo.rows import StatusRow
    from geo.treaty import statuses_on, timeline
    from layers.style import STATUS_LABELS

    record = open_record(args.facts)
    statuses = statuses_on(record.facts, day)
    names = {c.iso3: c.name for c in record.facts.countries}
    if args.json:
        events = timeline(record.facts)
        countries = {
            code: StatusRow(code, names[code], day, s).as_json(STATUS_LABELS[s.status], events)
            for code, s in statuses.items()
        }
        say_json({"on": day.isoformat(), "record": record.reach.as_json(), "countries": countries})
        return
    say(f"Ottawa Convention status on {day.isoformat()}")
    say_notice(record.facts, day)
    for code, s in statuses.items():
        say(f"{code}  {names[code]:10} {s.status:20} {s.explanation}")


def run_changes(args: argparse.Namespace) -> None:
    """Every treaty step, plan or part stage and crossing closure or reopening between two days, with sources."""
    import datetime as dt

    from geo.dates import parse_day

    start = parse_day(args.start, "--from")
    end = parse_day(args.end, "--to") if args.end is not None else dt.date.today()
    from geo.changes import KIND_LABELS, changes
    from geo.facts.cite import short_citations
    from geo.record import open_record

    record = open_record(args.facts)
    found = changes(record.facts, start, end, args.country)
    if args.json:
        say_json(
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "country": args.country,
                "record": record.reach.as_json(),
                "changes": [c.as_json() for c in found],
            }
        )
        return
    where = f" ({args.country})" if args.country else ""
    say(f"Changes from {start.isoformat()} to {end.isoformat()}{where}: {len(found)}")
    say_notice(record.facts, end)
    for c in found:
        owners = ", ".join(c.countries) or "-"
        say(f"{c.date:10}  {owners:13} {KIND_LABELS[c.kind]:16} {c.text}")
        say(f"{'':12}sources: {'; '.join(short_citations(c.sources))}")


def _status_options(parser: Parser) -> None:
    on_option(parser, "the date (from 1997-01-01; default today)")
    json_option(parser, "print JSON: the day, the record's reach and, by ISO3 code, each status, its label and why")


def _changes_options(parser: Parser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day of the window")
    parser.add_argument("--to", dest="end", default=None, metavar="YYYY-MM-DD", help="last day (default today)")
    country_option(parser, "only this country's treaty steps and plans")
    json_option(parser, "print JSON: the window, the record's reach and the changes with their sources")


COMMANDS = {
    "status": Command("treaty status of every country on a date", _status_options, run_status),
    "changes": Command(
        "what changed between two days: treaty steps, plan and part stages, crossings", _changes_options, run_changes
    ),
}
