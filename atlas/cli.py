"""The command line: `python -m atlas {lengths,status,plans,changes,suwalki,validate,claims,export,figure,report,
sources,build-data,build-places}`.

Each command calls the core (geo) or the drawing (layers.web, layers.figure) and prints; bad input is one line on
stderr, exit 2.
Heavy modules are imported inside the commands, so `--help` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from geo import TOOL_NAME, __version__
from geo.citations import FORMATS
from geo.claims.schema import VERDICTS
from geo.errors import AtlasError
from geo.settings import CLAIMS_PATH, FACTS_PATH, GPKG_PATH, LAYERS
from layers.files import remove_staged

if TYPE_CHECKING:
    import datetime as dt

    from geo.facts.schema import Facts, StageEvent

# control characters, and the marks that reorder text (bidirectional controls): data must not send them to a terminal
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# json.dumps escapes the other control characters itself
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str) -> str:
    """Text that cannot move the cursor or reorder a line: control and bidirectional characters escaped."""
    return _UNSAFE.sub(_escaped, text)


def say(*lines: str, file: TextIO | None = None) -> None:
    """Print each line, terminal-safe: a line break in data shows as an escape, never as a new line."""
    out = file or sys.stdout
    for line in lines:
        out.write(terminal_safe(line) + "\n")
    out.flush()


def say_json(value: object) -> None:
    """Print a value as indented JSON, terminal-safe (an escaped character is still valid JSON)."""
    sys.stdout.write(_UNSAFE_IN_JSON.sub(_escaped, json.dumps(value, ensure_ascii=False, indent=1)) + "\n")
    sys.stdout.flush()


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print one line and exit 2."""
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


def _gpkg_option(parser: argparse.ArgumentParser, what: str = "GeoPackage to read") -> None:
    parser.add_argument("--gpkg", type=Path, default=None, metavar="PATH", help=f"{what} (default data/atlas.gpkg)")


def _json_option(parser: argparse.ArgumentParser, what: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=what)


def _on_option(parser: argparse.ArgumentParser, what: str = "the 'as of' date (default today)") -> None:
    parser.add_argument("--on", default=None, metavar="YYYY-MM-DD", help=what)


def _layers_option(parser: argparse.ArgumentParser, what: str = "layers to show") -> None:
    parser.add_argument(
        "--layers", nargs="+", default=None, metavar="LAYER", help=f"{what} (default all): {', '.join(LAYERS)}"
    )


def _frame_options(parser: argparse.ArgumentParser, country: str, box: str) -> None:
    """--country ISO3 or --bbox W,S,E,N, one or the other."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--country", default=None, metavar="ISO3", help=country)
    where.add_argument("--bbox", default=None, metavar="W,S,E,N", help=box)


def _dpi_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--dpi", type=int, default=300, help=f"resolution of {what} (default 300)")


def make_parser() -> Parser:
    """The parser of every command."""
    parser = Parser(
        prog="python -m atlas",
        description=f"{TOOL_NAME} {__version__}: border geometry, treaty status and sourced facts.",
    )
    parser.add_argument("--version", action="version", version=f"{TOOL_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def command(name: str, help: str) -> Parser:
        sub: Parser = commands.add_parser(name, help=help, description=help)
        sub.add_argument(
            "--facts", type=Path, default=None, metavar="PATH", help="facts file to use (default data/facts.yaml)"
        )
        return sub

    lengths = command("lengths", "every border: computed km beside each official figure")
    _gpkg_option(lengths)
    _json_option(lengths)
    status = command("status", "treaty status of every country on a date")
    _on_option(status, "the date (from 1997-01-01; default today)")
    _json_option(status, "print JSON: the day, the record's reach and, by ISO3 code, each status, its label and why")
    plans = command("plans", "every deterrence plan known on a date, at its stage then, with its located parts")
    _on_option(plans, "the date (from 1997-01-01; default today)")
    plans.add_argument("--country", default=None, metavar="ISO3", help="only the plans this country states or shares")
    _json_option(plans, "print JSON: the day, the record's reach and a list of plans")
    _gpkg_option(plans)
    changed = command("changes", "what changed between two days: treaty steps, plan and part stages, crossings")
    changed.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day of the window")
    changed.add_argument("--to", dest="end", default=None, metavar="YYYY-MM-DD", help="last day (default today)")
    changed.add_argument("--country", default=None, metavar="ISO3", help="only this country's treaty steps and plans")
    _json_option(changed, "print JSON: the window, the record's reach and the changes with their sources")
    suwalki = command("suwalki", "the Suwałki Gap: narrowest width and Polish–Lithuanian border length")
    _gpkg_option(suwalki)
    _json_option(suwalki)
    validate = command("validate", "check a facts file and report the first problem")
    validate.add_argument("path", nargs="?", type=Path, default=None, help="facts file (default data/facts.yaml)")
    _gpkg_option(validate, "GeoPackage whose countries must all have a status")
    validate.add_argument(
        "--claims", type=Path, default=None, metavar="PATH", help="claims ledger to check (default data/claims.yaml)"
    )
    claims = command("claims", "what each seed article claims, with its verdict against the facts")
    claims.add_argument(
        "--seed",
        default=None,
        metavar="FILE",
        help="only this seed (file name in seeds/, or a unique prefix such as 002)",
    )
    claims.add_argument("--verdict", default=None, choices=VERDICTS, help="only claims with this verdict")
    claims.add_argument(
        "--claims", type=Path, default=None, metavar="PATH", help="claims ledger to use (default data/claims.yaml)"
    )
    _gpkg_option(claims, "GeoPackage for the computed border lengths")
    _json_option(claims, "print JSON: a list of objects")
    export = command("export", "write a self-contained, offline HTML map (and PNG/PDF snapshots) for reports")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="HTML file to write")
    _on_option(export)
    _layers_option(export)
    export.add_argument("--title", default="", help="title on the map")
    _frame_options(export, "open on this country (default: the focus)", "open on this box, in degrees")
    export.add_argument(
        "--basemap",
        default="none",
        metavar="none|NAME",
        help="'none' (default: no network request at all) or an xyzservices tile provider, e.g. OpenTopoMap",
    )
    _gpkg_option(export)
    export.add_argument(
        "--png", type=Path, default=None, metavar="FILE", help="also write a PNG snapshot (needs Chromium)"
    )
    export.add_argument(
        "--pdf", type=Path, default=None, metavar="FILE", help="also write an A4 landscape PDF (needs Chromium)"
    )
    export.add_argument(
        "--static",
        action="store_true",
        help="show the --on date only: no date control in the map (smaller; what is not known that day is left out)",
    )
    export.add_argument(
        "--timestamp",
        action="store_true",
        help="write the time of export into the page (the output then differs on every run)",
    )
    export.add_argument(
        "--claims",
        default=None,
        metavar="PATH|none",
        help="claims ledger whose verdicts the map shows (default data/claims.yaml; 'none': no verdicts)",
    )
    figure = command("figure", "a print figure drawn from the data: SVG or PDF (text as text) or PNG, equal-area")
    figure.add_argument("--out", type=Path, required=True, metavar="FILE.svg|.pdf|.png", help="figure to write")
    _on_option(figure)
    _layers_option(figure)
    _frame_options(figure, "frame this country (default: the focus countries)", "frame this box, in degrees")
    figure.add_argument("--crs", default="EPSG:3035", help="projection (default EPSG:3035, equal-area for Europe)")
    figure.add_argument(
        "--size",
        default="A4-landscape",
        help="A3/A4/A5-landscape or -portrait, or WIDTHxHEIGHTmm (default A4-landscape)",
    )
    _dpi_option(figure, "a PNG")
    figure.add_argument("--title", default="", help="title above the map")
    _gpkg_option(figure)
    report = command("report", "a report pack: figures, offline maps, CSV tables, sources and a manifest, for one date")
    report.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to create (must not exist)")
    _on_option(report)
    _layers_option(report)
    report.add_argument(
        "--since",
        default=None,
        metavar="YYYY-MM-DD",
        help="first day of the pack's 'What changed' section and changes.csv (default a year before --on)",
    )
    _dpi_option(report, "the PNG figures")
    _gpkg_option(report)
    sources = command("sources", "the sources of what a map shows, for a reference manager or a bibliography")
    _on_option(sources, "the map's date (default today)")
    _layers_option(sources, "the map's layers")
    sources.add_argument(
        "--format", default="text", choices=FORMATS, help="text (a Harvard reference list), csl-json, bibtex or ris"
    )
    sources.add_argument(
        "--summary",
        action="store_true",
        help="instead: every source of the record counted by grade, undated, and with a title made from its address",
    )
    _gpkg_option(sources)
    build = command("build-data", "fetch the pinned sources and rebuild data/atlas.gpkg (needs the npm registry)")
    build.add_argument("--out", type=Path, default=None, help="GeoPackage to write (default data/atlas.gpkg)")
    places = command("build-places", "rewrite the gazetteer layer (places) of data/atlas.gpkg from the pinned GeoNames")
    _gpkg_option(places)
    return parser


def run_lengths(args: argparse.Namespace) -> None:
    """Every border's computed length beside each official figure."""
    from geo.borders import border_lengths
    from geo.facts import load_facts
    from geo.gpkg import load_atlas

    facts = load_facts(args.facts)
    atlas = load_atlas(args.gpkg)
    lengths = border_lengths(atlas.borders, atlas.border_segments, facts)
    if args.json:
        rows = [
            {
                "pair": b.pair,
                "computed_km": round(b.computed_km, 1),
                **{f"{kind}_km": round(km, 1) for kind, km in b.km_by_kind.items()},
                "clipped_to_region": b.clipped,
                "official": [
                    {
                        "km": c.figure.km,
                        "source": c.source,
                        "covers": c.figure.covers,
                        "compared_km": round(c.computed_km, 1),
                        "diff_pct": round(c.diff_pct, 1),
                        "comparison": c.text(1),
                    }
                    for c in b.official
                ],
            }
            for b in lengths
        ]
        say_json(rows)
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


def run_status(args: argparse.Namespace) -> None:
    """Each country's treaty status on a date."""
    import datetime as dt

    from geo.dates import parse_day
    from geo.facts import EVENT_LABELS, load_facts
    from geo.facts.cite import cite
    from geo.reach import reach
    from geo.treaty import statuses_on, timeline
    from layers.style import STATUS_LABELS

    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    facts = load_facts(args.facts)
    statuses = statuses_on(facts, day)
    names = {c.iso3: c.name for c in facts.countries}
    if args.json:
        events = timeline(facts)
        countries = {
            code: {
                "name": names[code],
                "on": day.isoformat(),
                "status": s.status,
                "label": STATUS_LABELS[s.status],
                "explanation": s.explanation,
                "disputed": s.disputed or None,
                "events": [  # what the status rests on, with sources
                    {
                        "date": e.date.isoformat(),
                        "event": EVENT_LABELS[e.kind],
                        "sources": [cite(x) for x in e.sources],
                    }
                    for e in events
                    if e.iso3 == code and e.date <= day
                ],
            }
            for code, s in statuses.items()
        }
        say_json({"on": day.isoformat(), "record": reach(facts).as_json(), "countries": countries})
        return
    say(f"Ottawa Convention status on {day.isoformat()}")
    _say_notice(facts, day)
    for code, s in statuses.items():
        say(f"{code}  {names[code]:10} {s.status:20} {s.explanation}")


def run_plans(args: argparse.Namespace) -> None:
    """Every plan known on a date, its stage then and since when, its borders, its located parts and sources."""
    import datetime as dt

    from geo.dates import parse_day
    from geo.errors import AtlasError
    from geo.facts import load_facts
    from geo.facts.cite import full_citations
    from geo.gpkg import load_atlas
    from geo.parts import located_parts, parts_on
    from geo.plans import chronology_text, plans_on
    from geo.reach import reach

    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    facts = load_facts(args.facts)
    known = {c.iso3 for c in facts.countries}
    if args.country is not None and args.country not in known:
        raise AtlasError(None, "--country", args.country, f"not in the record; choose from {', '.join(sorted(known))}")
    atlas = load_atlas(args.gpkg)
    parts = parts_on(located_parts(facts, atlas.borders, atlas.places, str(atlas.path)), day)
    stages = [s for s in plans_on(facts, day) if args.country is None or args.country in s.plan.country]
    parts_of = {s.plan.id: [p for p in parts if p.located.plan.id == s.plan.id] for s in stages}
    rows = [
        {
            "id": s.plan.id,
            "title": s.plan.title,
            "countries": s.plan.country,
            "organisation": s.plan.organisation,
            "kind": s.plan.kind,
            "stage": s.stage,
            "since": s.since,
            "events": [_event_json(e) for e in s.plan.events],
            "start_unknown": s.plan.start_reason,
            "borders": s.plan.borders,
            "parts": [
                {
                    "id": p.located.part.id,
                    "kind": p.located.part.kind,
                    "title": p.located.part.title,
                    "border": p.located.border,
                    "stage": p.stage,
                    "since": p.since,
                    "events": [_event_json(e) for e in p.located.part.events],
                    "start_unknown": p.located.part.start_reason,
                    "precision": p.located.precision,
                    "places": [place.name for place in p.located.places],
                    "located_km": round(p.located.located_km, 2) if p.located.located_km is not None else None,
                    "stated_km": p.located.part.stated_km,
                    "confidence": p.located.part.confidence,
                    "sources": full_citations(p.located.part.sources),
                }
                for p in parts_of[s.plan.id]
            ],
            "sources": full_citations(s.plan.sources),
        }
        for s in stages
    ]
    if args.json:
        say_json({"on": day.isoformat(), "record": reach(facts).as_json(), "plans": rows})
        return
    say(f"Plans known on {day.isoformat()}{f' ({args.country})' if args.country else ''}: {len(rows)}")
    _say_notice(facts, day)
    for s in stages:
        owner = ", ".join(s.plan.country) or s.plan.organisation or ""
        borders = f" along {', '.join(s.plan.borders)} (not located)" if s.plan.borders else ""
        say(f"{s.plan.id:38} {owner:24} {s.text}{borders}")
        say(f"    events: {chronology_text(s.plan)}")
        for p in parts_of[s.plan.id]:
            where = " – ".join(place.name for place in p.located.places)
            km = f", {p.located.located_km:.1f} km located" if p.located.located_km is not None else ""
            stated = f" (stated {p.located.part.stated_km:g} km)" if p.located.part.stated_km is not None else ""
            how = f"{p.located.precision} {where} on {p.located.border}"
            say(f"    {p.located.part.title} ({p.located.part.kind.replace('_', ' ')}): {p.text}; {how}{km}{stated}")


def _event_json(event: StageEvent) -> dict[str, object]:
    from geo.facts.cite import full_citation
    from geo.plans import EVENT_LABELS

    return {
        "kind": event.kind,
        "label": EVENT_LABELS[event.kind],
        "date": event.date,
        "note": event.note,
        "sources": [full_citation(x) for x in event.sources],
    }


def _say_notice(facts: Facts, day: dt.date) -> None:
    """The notice a day after the record's verification needs, on its own line."""
    from geo.reach import reach

    notice = reach(facts).notice(day)
    if notice:
        say(f"Note: {notice}")


def run_changes(args: argparse.Namespace) -> None:
    """Every treaty step, plan or part stage and crossing closure or reopening between two days, with sources."""
    import datetime as dt

    from geo.changes import KIND_LABELS, changes
    from geo.dates import parse_day
    from geo.facts import load_facts
    from geo.facts.cite import short_citations
    from geo.reach import reach

    start = parse_day(args.start, "--from")
    end = parse_day(args.end, "--to") if args.end is not None else dt.date.today()
    facts = load_facts(args.facts)
    found = changes(facts, start, end, args.country)
    if args.json:
        say_json(
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "country": args.country,
                "record": reach(facts).as_json(),
                "changes": [c.as_json() for c in found],
            }
        )
        return
    where = f" ({args.country})" if args.country else ""
    say(f"Changes from {start.isoformat()} to {end.isoformat()}{where}: {len(found)}")
    _say_notice(facts, end)
    for c in found:
        owners = ", ".join(c.countries) or "-"
        say(f"{c.date:10}  {owners:13} {KIND_LABELS[c.kind]:16} {c.text}")
        say(f"{'':12}sources: {'; '.join(short_citations(c.sources))}")


def run_suwalki(args: argparse.Namespace) -> None:
    """The gap's computed narrowest width and the Polish–Lithuanian border, beside the reported widths."""
    from geo.borders import border_length, border_lengths
    from geo.corridor import narrowest_km
    from geo.facts import load_facts
    from geo.facts.cite import cite
    from geo.gpkg import load_atlas

    facts = load_facts(args.facts)
    atlas = load_atlas(args.gpkg)
    width = narrowest_km(atlas.suwalki)
    if width is None:
        raise AtlasError(args.gpkg or GPKG_PATH, "suwalki.kind", "narrowest", "no narrowest line in the layer")
    border_km = border_length(border_lengths(atlas.borders, atlas.border_segments, facts), "POL-LTU").computed_km
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
                    {"km": w.km, "covers": w.covers, "sources": [cite(s) for s in w.sources]}
                    for w in (facts.suwalki.widths if facts.suwalki else [])
                ],
            }
        )
        return
    say(f"Suwałki Gap: narrowest line Kaliningrad–Belarus {width:.1f} km; Polish–Lithuanian border {border_km:.1f} km")
    if facts.suwalki:
        for stated in facts.suwalki.widths:
            say(f"  reported: {stated.km:g} km ({stated.covers}) — {'; '.join(cite(s) for s in stated.sources)}")


def run_validate(args: argparse.Namespace) -> None:
    """Check a facts file, and the record as a whole: every country drawn has a status, every source can be opened."""
    from geo.borders import border_lengths
    from geo.claims import conflicting_verdicts, load_claims, verdicts
    from geo.facts import load_facts
    from geo.gpkg import load_atlas
    from geo.parts import located_parts
    from geo.record import check_record

    path = args.path or args.facts or FACTS_PATH
    facts = load_facts(path)
    atlas = load_atlas(args.gpkg)
    check_record(facts, path, atlas.countries)
    parts = located_parts(facts, atlas.borders, atlas.places, str(atlas.path))
    ledger_path = args.claims or CLAIMS_PATH
    ledger = load_claims(ledger_path, facts=facts)
    computed = {b.pair: b.computed_km for b in border_lengths(atlas.borders, atlas.border_segments, facts)}
    for earlier, later in conflicting_verdicts(verdicts(ledger, facts, computed)):
        raise AtlasError(
            ledger_path,
            f"{later.id}.verdict",
            later.verdict,
            f"the same statement as {earlier.id} ({later.subject} {later.attribute}: {later.stated}), which is "
            f"{earlier.verdict}: one statement, one verdict (or say why in 'differs')",
        )
    say(
        f"{path}: valid ({len(facts.countries)} countries, {len(facts.borders)} borders, "
        f"{len(facts.plans)} plans with {len(parts)} located parts, {len(facts.positions)} positions), "
        f"every source with its address, date and grade; {ledger_path}: {len(ledger.claims)} claims, one verdict "
        "for each statement"
    )


def run_claims(args: argparse.Namespace) -> None:
    """Each seed article's claims with their verdicts."""
    from geo.borders import border_lengths
    from geo.claims import counts_by_seed, load_claims, resolve_seed, select, verdicts
    from geo.facts import load_facts
    from geo.gpkg import load_atlas

    facts = load_facts(args.facts)
    ledger = load_claims(args.claims, facts=facts)
    seed = resolve_seed(ledger, args.seed) if args.seed is not None else None
    atlas = load_atlas(args.gpkg)
    computed = {b.pair: b.computed_km for b in border_lengths(atlas.borders, atlas.border_segments, facts)}
    checked = select(verdicts(ledger, facts, computed), seed, args.verdict)
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
            f"\nseeds/{name}: {total} claim{'s' if total != 1 else ''}: "
            + ", ".join(f"{n} {v}" for v, n in counts.items())
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


def run_export(args: argparse.Namespace) -> None:
    """An offline HTML map, and its snapshots."""
    import datetime as dt

    from geo.claims import load_claims
    from geo.dates import parse_day
    from geo.facts import load_facts
    from geo.frame import parse_bbox
    from geo.gpkg import load_atlas
    from geo.model import map_model
    from geo.view import map_view, parse_layers
    from layers.files import check_writable
    from layers.web.basemaps import basemap_provider
    from layers.web.page import ExportOptions, export_html, parse_title
    from layers.web.snapshot import snapshot_ready

    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    bbox = parse_bbox(args.bbox) if args.bbox is not None else None
    layers = parse_layers(args.layers, "--layers")
    options = ExportOptions(parse_title(args.title), args.basemap, args.timestamp, bbox)
    basemap_provider(args.basemap)
    pictures = {kind: path for kind, path in (("png", args.png), ("pdf", args.pdf)) if path}
    for flag, path in [("--out", args.out), *((f"--{kind}", path) for kind, path in pictures.items())]:
        check_writable(path, flag)
    for kind in pictures:
        snapshot_ready(kind)
    facts = load_facts(args.facts)
    ledger = (
        None if args.claims == "none" else load_claims(args.claims, facts=facts)
    )  # its verdicts: against these facts
    view = map_view(load_atlas(args.gpkg), facts, day, ledger)
    if args.country is not None:
        options = dataclasses.replace(options, bounds=view.country_bounds(args.country))
    html = export_html(map_model(view, layers, timed=not args.static), args.out, options, pictures)
    size = len(html.encode("utf-8")) / 1e6
    say(f"wrote {args.out} ({size:.2f} MB, as of {day.isoformat()}, layers {', '.join(layers)})")
    for path in pictures.values():
        say(f"wrote {path}")


def run_figure(args: argparse.Namespace) -> None:
    """A print figure of one view, and its caption beside it (FILE.caption.txt)."""
    import datetime as dt

    from geo.dates import parse_day
    from geo.facts import load_facts
    from geo.frame import parse_format
    from geo.gpkg import load_atlas
    from geo.provenance import data_version
    from geo.view import map_view, parse_layers
    from layers.files import check_writable
    from layers.report import figure_product
    from layers.web.page import parse_title

    out = Path(args.out)
    fmt = parse_format(out)
    caption_path = out.with_suffix(".caption.txt")
    for path in (out, caption_path):
        check_writable(path)
    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    layers = parse_layers(args.layers, "--layers")
    title = parse_title(args.title)
    facts = load_facts(args.facts)
    atlas = load_atlas(args.gpkg)
    view = map_view(atlas, facts, day)
    version = data_version(Path(facts.path or FACTS_PATH), Path(atlas.path or GPKG_PATH))
    product = figure_product(
        view, atlas, layers=layers, data_version=version, crs=args.crs, size=args.size, dpi=args.dpi,
        country=args.country, bbox=args.bbox, title=title, sources_where=caption_path.name,
    )  # fmt: skip
    data = product.render(fmt)
    write_files({out: data, caption_path: product.caption + "\n"})
    left = (
        f"; left out for want of room: {', '.join(label.text for label in product.drawn.left_out)}"
        if product.drawn.left_out
        else ""
    )
    say(
        f"wrote {out} ({len(data) / 1e3:,.0f} kB, {fmt.upper()}, as of {day.isoformat()}) and {caption_path.name}{left}"
    )


def run_report(args: argparse.Namespace) -> None:
    """A report pack in a new folder, written all or nothing (staged beside it, then renamed)."""
    import datetime as dt
    import shutil
    import tempfile

    from geo.dates import parse_day, year_before
    from geo.facts import load_facts
    from geo.frame import parse_paper
    from geo.gpkg import load_atlas
    from geo.provenance import data_version
    from geo.view import map_view, parse_layers
    from layers.report import report_files

    out = Path(args.out)
    if out.exists():
        raise AtlasError(None, "--out", str(out), "already exists; give a new folder")
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise AtlasError(None, "--out", str(out), "its parent folder does not exist or is not writable")
    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    since = parse_day(args.since, "--since") if args.since is not None else year_before(day)
    if since > day:
        raise AtlasError(None, "--since", since.isoformat(), f"after the pack's date ({day.isoformat()})")
    layers = parse_layers(args.layers, "--layers")
    parse_paper("A4-landscape", args.dpi)
    facts = load_facts(args.facts)
    atlas = load_atlas(args.gpkg)
    version = data_version(Path(facts.path or FACTS_PATH), Path(atlas.path or GPKG_PATH))
    command = (
        f"python -m atlas report --out {out.name} --on {day.isoformat()} --since {since.isoformat()} "
        f"--layers {' '.join(layers)} --dpi {args.dpi}"
    )
    files = report_files(
        map_view(atlas, facts, day), atlas, layers=layers, data_version=version, command=command, since=since,
        dpi=args.dpi,
    )  # fmt: skip
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    size = sum(len(data) for data in files.values()) / 1e6
    say(f"wrote {out}/ ({len(files)} files, {size:.1f} MB, as of {day.isoformat()}, data {version})")


def write_files(files: dict[Path, str | bytes]) -> None:
    """Write several files, each atomically; if one fails, those written before are removed (all or nothing)."""
    from layers.files import write_atomic

    done: list[Path] = []
    try:
        for path, data in files.items():
            write_atomic(path, data)
            done.append(path)
    except BaseException:
        for path in done:
            path.unlink(missing_ok=True)
        raise


def run_sources(args: argparse.Namespace) -> None:
    """The sources of the map of a date, as references."""
    import datetime as dt

    from geo.citations import formatted
    from geo.dates import parse_day
    from geo.facts import load_facts
    from geo.gpkg import load_atlas
    from geo.view import map_references, map_view, parse_layers

    if args.summary:
        from geo.record import source_summary

        summary = source_summary(load_facts(args.facts))
        say(*summary.lines())
        return
    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    layers = parse_layers(args.layers, "--layers")
    view = map_view(load_atlas(args.gpkg), load_facts(args.facts), day)
    text = formatted(map_references(view, layers), args.format)
    if args.format == "csl-json":
        say_json(json.loads(text))
    else:
        say(*text.rstrip("\n").split("\n"))


def run_build(args: argparse.Namespace) -> None:
    """Rebuild data/atlas.gpkg from the pinned sources."""
    from geo.build import build_data

    build_data(args.out or GPKG_PATH, log=lambda message: say(message))


def run_build_places(args: argparse.Namespace) -> None:
    """Rewrite the places layer of the GeoPackage from its borders and the pinned gazetteer."""
    from geo.build.gazetteer import write_places

    write_places(Path(args.gpkg or GPKG_PATH), log=lambda message: say(message))


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "lengths": run_lengths,
    "status": run_status,
    "plans": run_plans,
    "changes": run_changes,
    "suwalki": run_suwalki,
    "validate": run_validate,
    "claims": run_claims,
    "export": run_export,
    "sources": run_sources,
    "figure": run_figure,
    "report": run_report,
    "build-data": run_build,
    "build-places": run_build_places,
}


def _descendants(root: int) -> list[int]:
    """The ids of every process below root, read from /proc (none where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the fields after the command name: state, ppid, ...
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def stop_children() -> None:
    """Kill the processes this one started (Playwright's driver and its browser), for a signal handler about to exit:
    it cannot wait for Playwright to close them.
    """
    for pid in _descendants(os.getpid()):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM or SIGINT (Ctrl-C): remove what a write in progress holds, say so in one line, and exit at once.

    Exiting from the handler, rather than raising, also works while the process waits inside Playwright's event
    loop, which would not pass an exception on.
    """
    remove_staged()
    stop_children()
    if signum == signal.SIGTERM:
        say("error: stopped by SIGTERM", file=sys.stderr)
        os._exit(2)
    say("error: interrupted (Ctrl-C)", file=sys.stderr)
    os._exit(130)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Bad input, a fault or a signal gives one line on stderr: exit code 2 (130 for Ctrl-C).

    An unexpected error is one line too; ATLAS_DEBUG=1 shows its traceback instead.
    """
    args = make_parser().parse_args(argv)
    main_thread = threading.current_thread() is threading.main_thread()
    handled = [s for s in (signal.SIGTERM, signal.SIGINT) if main_thread and signal.getsignal(s) != signal.SIG_IGN]
    previous = {signum: signal.signal(signum, _stop) for signum in handled}
    try:
        COMMANDS[args.command](args)
    except AtlasError as exc:
        say(f"error: {exc.line()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # where the handler above is not installed (a caller that is not the main thread)
        say("error: interrupted (Ctrl-C)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except MemoryError:
        say("error: out of memory", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get("ATLAS_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:200]
        say(f"error: unexpected {type(exc).__name__}: {detail} (a bug: ATLAS_DEBUG=1 shows where)", file=sys.stderr)
        return 2
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
