"""`atlas plans`: every deterrence plan known on a day, at its stage then, with its chronology and located parts."""

from __future__ import annotations

import argparse

from atlas.commands.options import Command, Parser, country_option, day_on, gpkg_option, json_option, on_option
from atlas.commands.output import say, say_json, say_notice
from geo.errors import AtlasError


def run_plans(args: argparse.Namespace) -> None:
    """Every plan known on a date, its stage then and since when, its borders, its located parts and sources."""
    from geo.parts import parts_on
    from geo.plans import chronology_text, plans_on
    from geo.record import open_record
    from geo.rows import PlanRow

    day = day_on(args)
    record = open_record(args.facts, args.gpkg)
    known = {c.iso3 for c in record.facts.countries}
    if args.country is not None and args.country not in known:
        raise AtlasError(None, "--country", args.country, f"not in the record; choose from {', '.join(sorted(known))}")
    parts = parts_on(record.parts(), day)
    stages = [s for s in plans_on(record.facts, day) if args.country is None or args.country in s.plan.country]
    rows = [PlanRow.of(s, [p for p in parts if p.located.plan.id == s.plan.id]) for s in stages]
    if args.json:
        say_json({"on": day.isoformat(), "record": record.reach.as_json(), "plans": [r.as_json() for r in rows]})
        return
    say(f"Plans known on {day.isoformat()}{f' ({args.country})' if args.country else ''}: {len(rows)}")
    say_notice(record.facts, day)
    for row in rows:
        s = row.stage
        owner = ", ".join(s.plan.country) or s.plan.organisation or ""
        borders = f" along {', '.join(s.plan.borders)} (not located)" if s.plan.borders else ""
        say(f"{s.plan.id:38} {owner:24} {s.text}{borders}")
        say(f"    events: {chronology_text(s.plan)}")
        for part in row.parts:
            p = part.stage
            where = " – ".join(place.name for place in p.located.places)
            km = f", {p.located.located_km:.1f} km located" if p.located.located_km is not None else ""
            stated = f" (stated {p.located.part.stated_km:g} km)" if p.located.part.stated_km is not None else ""
            how = f"{p.located.precision} {where} on {p.located.border}"
            say(f"    {p.located.part.title} ({p.located.part.kind.replace('_', ' ')}): {p.text}; {how}{km}{stated}")


def _plans_options(parser: Parser) -> None:
    on_option(parser, "the date (from 1997-01-01; default today)")
    country_option(parser, "only the plans this country states or shares")
    json_option(parser, "print JSON: the day, the record's reach and a list of plans")
    gpkg_option(parser)


COMMANDS = {
    "plans": Command(
        "every deterrence plan known on a date, at its stage then, with its located parts", _plans_options, run_plans
    ),
}
