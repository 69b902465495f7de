"""Command line: `python -m geo {build-data,lengths,status,suwalki,validate,export,claims}`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from geo import TOOL_NAME, __version__
from geo.errors import AtlasError

LAYER_KEYS = ("status", "plans", "suwalki", "borders")  # geo.mapview.LAYERS, without importing geopandas for --help
VERDICT_CHOICES = ("consistent", "contradicted", "imprecise", "unverified")  # geo.claims.VERDICTS, likewise


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


def parse_day(value: str) -> dt.date:
    """A YYYY-MM-DD date from the command line."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AtlasError(None, "--on", value, "not a date; use YYYY-MM-DD, e.g. 2026-03-01") from None


def make_parser() -> Parser:
    parser = Parser(prog="python -m geo", description=f"{TOOL_NAME} {__version__}: border geometry, treaty status and sourced facts.")
    parser.add_argument("--version", action="version", version=f"{TOOL_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def command(name: str, help: str) -> Parser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--facts", type=Path, default=None, metavar="PATH", help="facts file to use (default data/facts.yaml)")
        return sub

    build = command("build-data", "fetch the pinned sources and rebuild data/atlas.gpkg (needs the npm registry)")
    build.add_argument("--out", type=Path, default=None, help="GeoPackage to write (default data/atlas.gpkg)")
    for name, help in (("lengths", "every border: computed km beside each official figure"), ("suwalki", "the Suwałki Gap: narrowest width and Polish–Lithuanian border length")):
        sub = command(name, help)
        sub.add_argument("--gpkg", type=Path, default=None, metavar="PATH", help="GeoPackage to read (default data/atlas.gpkg)")
        sub.add_argument("--json", action="store_true", help="print JSON")
    status = command("status", "treaty status of every country on a date")
    status.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the date")
    status.add_argument("--json", action="store_true", help="print JSON: ISO3 to status word")
    export = command("export", "write a self-contained, offline HTML map (and PNG/PDF snapshots) for reports")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="HTML file to write")
    export.add_argument("--on", default=None, metavar="YYYY-MM-DD", help="the 'as of' date (default today)")
    export.add_argument("--layers", nargs="+", default=None, metavar="LAYER", help=f"layers to show (default all): {', '.join(LAYER_KEYS)}")
    export.add_argument("--title", default="", help="title on the map")
    export.add_argument("--basemap", default="none", metavar="none|NAME", help="'none' (default: no network request at all) or an xyzservices tile provider, e.g. OpenTopoMap")
    export.add_argument("--gpkg", type=Path, default=None, metavar="PATH", help="GeoPackage to read (default data/atlas.gpkg)")
    export.add_argument("--png", type=Path, default=None, metavar="FILE", help="also write a PNG snapshot (needs Chromium)")
    export.add_argument("--pdf", type=Path, default=None, metavar="FILE", help="also write an A4 landscape PDF (needs Chromium)")
    export.add_argument("--timestamp", action="store_true", help="write the time of export into the page (the output then differs on every run)")
    export.add_argument("--claims", default=None, metavar="PATH|none",
                        help="claims ledger whose verdicts the popups and sources list show (default data/claims.yaml; 'none' leaves them out)")  # fmt: skip
    claims = command("claims", "what each seed article claims, with its verdict against the facts")
    claims.add_argument("--seed", default=None, metavar="FILE", help="only this seed (file name in seeds/, or a unique prefix such as 002)")
    claims.add_argument("--verdict", default=None, choices=VERDICT_CHOICES, help="only claims with this verdict")
    claims.add_argument("--json", action="store_true", help="print JSON: a list of objects")
    claims.add_argument("--claims", type=Path, default=None, metavar="PATH", help="claims ledger to use (default data/claims.yaml)")
    claims.add_argument("--gpkg", type=Path, default=None, metavar="PATH", help="GeoPackage for the computed border lengths (default data/atlas.gpkg)")
    validate = command("validate", "check a facts file and report the first problem")
    validate.add_argument("path", nargs="?", type=Path, default=None, help="facts file (default data/facts.yaml)")
    return parser


def run_lengths(args: argparse.Namespace) -> None:
    from geo.atlas import load_atlas
    from geo.borders import border_lengths
    from geo.facts import load_facts

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
                    {"km": c.figure.km, "source": c.source, "covers": c.figure.covers, "compared_km": round(c.computed_km, 1), "diff_pct": round(c.diff_pct, 1)}
                    for c in b.official
                ],
            }
            for b in lengths
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    print("Border lengths, computed from geometry (geodesic, WGS84) beside official figures. km.")
    print("computed = land + inland water (rivers, lakes); lagoon and sea sections are shown apart.\n")
    for b in lengths:
        k = b.km_by_kind
        note = "  (clipped to the atlas region)" if b.clipped else ""
        print(f"{b.pair:8} computed {b.computed_km:7.1f}   land {k['land']:.1f}, inland water {k['inland_water']:.1f}, lagoon {k['lagoon']:.1f}, sea {k['sea']:.1f}{note}")
        for c in b.official:
            counted = " + ".join(["computed", *c.figure.includes]) if c.figure.includes else "computed"
            print(f"         official {c.figure.km:7.1f}   {c.diff_pct:+5.1f}% vs {counted} {c.computed_km:.1f}   {c.source}: {c.figure.covers}")
    print()


def run_status(args: argparse.Namespace) -> None:
    from geo.facts import load_facts
    from geo.treaty import statuses_on

    day = parse_day(args.on)
    facts = load_facts(args.facts)
    statuses = statuses_on(facts, day)
    if args.json:
        print(json.dumps({code: s.status for code, s in statuses.items()}, indent=1))
        return
    names = {c.iso3: c.name for c in facts.countries}
    print(f"Ottawa Convention status on {day.isoformat()}")
    for code, s in statuses.items():
        print(f"{code}  {names[code]:10} {s.status:20} {s.explanation}")


def run_suwalki(args: argparse.Namespace) -> None:
    from geo.atlas import load_atlas
    from geo.borders import border_length, border_lengths
    from geo.facts import load_facts
    from geo.geodesy import geodesic_length_km

    facts = load_facts(args.facts)
    atlas = load_atlas(args.gpkg)
    narrowest = atlas.suwalki.loc[atlas.suwalki["kind"] == "narrowest"]
    if narrowest.empty:
        raise AtlasError(args.gpkg or "data/atlas.gpkg", "suwalki.kind", "narrowest", "no narrowest line in the layer")
    narrowest_km = geodesic_length_km(narrowest.geometry.iloc[0])
    border_km = border_length(border_lengths(atlas.borders, atlas.border_segments, facts), "POL-LTU").computed_km
    if args.json:
        print(json.dumps({"narrowest_km": round(narrowest_km, 1), "border_km": round(border_km, 1)}))
        return
    print(f"Suwałki Gap: narrowest line Kaliningrad–Belarus {narrowest_km:.1f} km; Polish–Lithuanian border {border_km:.1f} km")
    if facts.suwalki:
        for width in facts.suwalki.widths:
            print(f"  reported: {width.km:g} km ({width.covers}) — {'; '.join(_cites(width.sources))}")


def _cites(sources: Sequence[object]) -> list[str]:
    from geo.facts import cite

    return [cite(s) for s in sources]  # type: ignore[arg-type]


def run_validate(args: argparse.Namespace) -> None:
    from geo.facts import load_facts
    from geo.paths import FACTS_PATH

    path = args.path or args.facts or FACTS_PATH
    facts = load_facts(path)
    print(f"{path}: valid ({len(facts.countries)} countries, {len(facts.borders)} borders, {len(facts.plans)} plans, {len(facts.positions)} positions)")


def run_export(args: argparse.Namespace) -> None:
    import datetime as dt

    from geo.atlas import load_atlas
    from geo.basemaps import basemap_provider
    from geo.claims import load_claims
    from geo.export import ExportOptions, check_writable, export_html, snapshot, snapshot_ready
    from geo.facts import load_facts
    from geo.mapview import map_view, parse_day, parse_layers

    day = parse_day(args.on, "--on") if args.on is not None else dt.date.today()
    options = ExportOptions(layers=parse_layers(args.layers, "--layers"), title=args.title, basemap=args.basemap, timestamp=args.timestamp)
    basemap_provider(args.basemap)
    targets = [("--out", args.out)] + [(f"--{kind}", path) for kind, path in (("png", args.png), ("pdf", args.pdf)) if path]
    for flag, path in targets:
        check_writable(path, flag)
    for kind in ("png", "pdf"):
        if getattr(args, kind):
            snapshot_ready(kind)
    facts = load_facts(args.facts)
    ledger = None if args.claims == "none" else load_claims(args.claims, facts=facts)  # its verdicts: against these facts
    view = map_view(load_atlas(args.gpkg), facts, day, ledger)
    html = export_html(view, args.out, options)
    print(f"wrote {args.out} ({len(html.encode('utf-8')) / 1e6:.2f} MB, as of {day.isoformat()}, layers {', '.join(options.layers)})")
    for kind in ("png", "pdf"):
        path = getattr(args, kind)
        if path:
            snapshot(args.out, path, kind)
            print(f"wrote {path}")


def run_claims(args: argparse.Namespace) -> None:
    from geo.atlas import load_atlas
    from geo.borders import border_lengths
    from geo.claims import counts_by_seed, load_claims, resolve_seed, select, verdicts
    from geo.facts import load_facts

    facts = load_facts(args.facts)
    ledger = load_claims(args.claims, facts=facts)
    seed = resolve_seed(ledger, args.seed) if args.seed is not None else None
    atlas = load_atlas(args.gpkg)
    computed = {b.pair: b.computed_km for b in border_lengths(atlas.borders, atlas.border_segments, facts)}
    checked = select(verdicts(ledger, facts, computed), seed, args.verdict)
    if args.json:
        print(json.dumps([c.as_dict() for c in checked], ensure_ascii=False, indent=1))
        return
    print("Claims of the seed articles, checked against the facts (computed: verdict computed from the facts; hand: entered with a reason).")
    for name, counts in counts_by_seed(checked).items():
        total = sum(counts.values())
        print(f"\nseeds/{name}: {total} claim{'s' if total != 1 else ''}: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
        for c in (c for c in checked if c.seed == name):
            print(f"  {c.verdict:12}  {c.subject}  {c.attribute}: {c.stated}  [{'computed' if c.computed else 'hand'}] {c.id}")
            print(f"                says    “{c.quote}”")
            if c.record or c.source:
                print(f"                record  {c.record or ''}{' — ' + c.source if c.source else ''}")
            print(f"                why     {c.reason}")
    if not checked:
        print("\nno claims match")


def run_build(args: argparse.Namespace) -> None:
    from geo.build import build_data
    from geo.paths import GPKG_PATH

    build_data(args.out or GPKG_PATH, log=lambda message: print(message, flush=True))


COMMANDS = {"lengths": run_lengths, "status": run_status, "suwalki": run_suwalki, "validate": run_validate, "claims": run_claims, "build-data": run_build, "export": run_export}


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; bad input gives one line on stderr and exit code 2."""
    args = make_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except AtlasError as exc:
        print(f"error: {exc.line()}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return 0
