"""`atlas export`, `atlas figure` and `atlas report`: the offline HTML map, the print figure and the report pack,
each written all or nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from atlas.commands.guard import inputs_of, refuse_overwriting
from atlas.commands.limits import bounded
from atlas.commands.options import (
    Command,
    Parser,
    claims_option,
    day_on,
    days_on,
    dpi_option,
    frame_options,
    gpkg_option,
    layers_option,
    on_option,
)
from atlas.commands.output import say
from geo.errors import AtlasError

if TYPE_CHECKING:
    import datetime as dt


def run_export(args: argparse.Namespace) -> None:
    """An offline HTML map, and its snapshots."""
    from geo.frame import parse_bbox
    from geo.model import map_model
    from geo.record import open_record
    from geo.view import parse_layers
    from layers.files import check_writable
    from layers.web.basemaps import basemap_provider
    from layers.web.compare import export_compare
    from layers.web.page import ExportOptions, export_html, parse_title
    from layers.web.snapshot import snapshot_ready

    day = day_on(args)
    bbox = parse_bbox(args.bbox) if args.bbox is not None else None
    layers = parse_layers(args.layers, "--layers")
    options = ExportOptions(parse_title(args.title), args.basemap, args.timestamp, bbox)
    basemap_provider(args.basemap)
    pictures = {kind: path for kind, path in (("png", args.png), ("pdf", args.pdf)) if path}
    outputs = [("--out", args.out), *((f"--{kind}", path) for kind, path in pictures.items())]
    refuse_overwriting(outputs, inputs_of(args))
    for flag, path in outputs:
        check_writable(path, flag)
    for kind in pictures:
        snapshot_ready(kind)
    compare = compared_day(args, day)
    verdicts = args.claims != "none"
    record = open_record(args.facts, args.gpkg, args.claims if verdicts else None, ledger=verdicts)
    record.ledger  # noqa: B018  # a bad ledger stops the export here, before the GeoPackage is read
    view = record.view(day)
    if args.country is not None:
        options = dataclasses.replace(options, bounds=view.country_bounds(args.country))
    other = record.view(compare) if compare is not None else None
    model = map_model(view, layers, timed=not args.static)
    write = (lambda: export_compare(model, other, args.out, options)) if other else None
    html = bounded(write or (lambda: export_html(model, args.out, options, pictures)), "the map")
    size = len(html.encode("utf-8")) / 1e6
    compared = f", compared with {other.day.isoformat()}" if other else ""
    say(f"wrote {args.out} ({size:.2f} MB, as of {day.isoformat()}{compared}, layers {', '.join(layers)})")
    for path in pictures.values():
        say(f"wrote {path}")


def compared_day(args: argparse.Namespace, day: dt.date) -> dt.date | None:
    """The day --compare gives (checked before the record is read: not the --on day, and not with --static or
    snapshots), or None.
    """
    from geo.dates import parse_day

    if args.compare is None:
        return None
    other = parse_day(args.compare, "--compare")
    if other == day:
        raise AtlasError(None, "--compare", args.compare, "the same day as --on; give another day to compare with")
    for flag, given in (("--static", vars(args).get("static")), ("--png", vars(args).get("png")),
                        ("--pdf", vars(args).get("pdf"))):  # fmt: skip
        if given:
            raise AtlasError(None, "--compare", args.compare, f"not with {flag}: the comparison page is two live maps")
    return other


def run_figure(args: argparse.Namespace) -> None:
    """A print figure of one view (or small multiples of two or three dates), and its caption beside it."""
    from geo.frame import parse_bbox, parse_crs, parse_format, parse_paper
    from geo.record import open_record
    from geo.view import parse_layers
    from layers.browser import Printer
    from layers.files import check_writable
    from layers.report import PDF_NEEDS, FigureProduct, figure_product
    from layers.web.page import parse_title

    out = Path(args.out)
    fmt = parse_format(out)
    caption_path = out.with_suffix(".caption.txt")
    refuse_overwriting([("--out", out), ("--out (its caption)", caption_path)], inputs_of(args))
    for path in (out, caption_path):
        check_writable(path)
    days = days_on(args)
    layers = parse_layers(args.layers, "--layers")
    title = parse_title(args.title)
    parse_paper(args.size, args.dpi)  # the paper, projection and box are refused before the record is read
    parse_crs(args.crs)
    if args.bbox is not None:
        parse_bbox(args.bbox)
    # a PDF's browser starts now (or says in one line that it is missing), while the figure is drawn
    with Printer("--out", PDF_NEEDS) if fmt == "pdf" else contextlib.nullcontext() as printer:
        record = open_record(args.facts, args.gpkg, ledger=False)
        view, *compare = [record.view(day) for day in days]

        def drawn() -> tuple[FigureProduct, bytes]:
            product = figure_product(
                view, record.gpkg, layers=layers, data_version=record.data_version, crs=args.crs, size=args.size,
                dpi=args.dpi, country=args.country, bbox=args.bbox, title=title, sources_where=caption_path.name,
                compare=compare,
            )  # fmt: skip
            return product, product.render(fmt, printer)

        product, data = bounded(drawn, "the figure")
    write_files({out: data, caption_path: product.caption + "\n"})
    left_out = ", ".join(label.text for label in product.drawn.left_out)
    left = f"; left out for want of room: {left_out}" if left_out else ""
    say(
        f"wrote {out} ({len(data) / 1e3:,.0f} kB, {fmt.upper()}, as of {', '.join(d.isoformat() for d in days)}) and "
        f"{caption_path.name}{left}"
    )


def run_report(args: argparse.Namespace) -> None:
    """A report pack in a new folder, written all or nothing (staged beside it, then renamed)."""
    from geo.dates import parse_day, year_before
    from geo.frame import parse_paper
    from geo.provenance import report_command
    from geo.record import open_record
    from geo.view import parse_layers
    from layers.browser import browser_ready
    from layers.report import PDF_NEEDS, report_files

    out = Path(args.out)
    refuse_overwriting([("--out", out)], inputs_of(args))
    if out.exists():
        raise AtlasError(None, "--out", str(out), "already exists; give a new folder")
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise AtlasError(None, "--out", str(out), "its parent folder does not exist or is not writable")
    browser_ready("--out", PDF_NEEDS)
    day = day_on(args)
    since = parse_day(args.since, "--since") if args.since is not None else year_before(day)
    if since > day:
        raise AtlasError(None, "--since", since.isoformat(), f"after the pack's date ({day.isoformat()})")
    layers = parse_layers(args.layers, "--layers")
    parse_paper("A4-landscape", args.dpi)
    compare = compared_day(args, day)
    record = open_record(args.facts, args.gpkg, ledger=False)
    view = record.view(day)
    other = record.view(compare) if compare is not None else None
    version = record.data_version
    again = report_command(
        out.name, day, since, layers, args.dpi, record.facts_path, record.gpkg_path, other.day if other else None
    )
    files = bounded(
        lambda: report_files(
            view, record.gpkg, layers=layers, data_version=version, command=again.argv, inputs=again.inputs,
            since=since, dpi=args.dpi, compare=other,
        ),
        "the report pack",
    )  # fmt: skip
    write_folder(out, files)
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


def write_folder(out: Path, files: dict[str, bytes]) -> None:
    """A new folder holding these files, written all or nothing: staged beside it, then renamed."""
    import shutil
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        try:
            staging.rename(out)
        except OSError as error:  # another run made the folder meanwhile (packs written at once): its pack stands
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.EISDIR, errno.ENOTDIR):
                raise AtlasError(None, "--out", str(out), f"cannot be written ({error.strerror})") from None
            raise AtlasError(
                None, "--out", str(out), "in use: another run wrote this folder meanwhile; give a new folder"
            ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _export_options(parser: Parser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="HTML file to write")
    on_option(parser)
    layers_option(parser)
    parser.add_argument("--title", default="", help="title on the map")
    frame_options(parser, "open on this country (default: the focus)", "open on this box, in degrees")
    parser.add_argument(
        "--basemap",
        default="none",
        metavar="none|NAME",
        help="'none' (default: no network request at all) or an xyzservices tile provider, e.g. OpenTopoMap",
    )
    gpkg_option(parser)
    parser.add_argument(
        "--png", type=Path, default=None, metavar="FILE", help="also write a PNG snapshot (needs Chromium)"
    )
    parser.add_argument(
        "--pdf", type=Path, default=None, metavar="FILE", help="also write an A4 landscape PDF (needs Chromium)"
    )
    parser.add_argument(
        "--static",
        action="store_true",
        help="show the --on date only: no date control in the map (smaller; what is not known that day is left out)",
    )
    parser.add_argument(
        "--timestamp",
        action="store_true",
        help="write the time of export into the page (the output then differs on every run)",
    )
    claims_option(parser, "claims ledger whose verdicts the map shows", none=True)
    compare_option(
        parser, "a page of two maps, this day's and --on's, side by side, that pan and zoom together, and what changed"
    )


def _figure_options(parser: Parser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.svg|.pdf|.png", help="figure to write")
    on_option(
        parser, "the 'as of' date (default today); two or three --on: one map per date, side by side", repeat=True
    )
    layers_option(parser)
    frame_options(parser, "frame this country (default: the focus countries)", "frame this box, in degrees")
    parser.add_argument("--crs", default="EPSG:3035", help="projection (default EPSG:3035, equal-area for Europe)")
    parser.add_argument(
        "--size",
        default="A4-landscape",
        help="A3/A4/A5-landscape or -portrait, or WIDTHxHEIGHTmm (default A4-landscape)",
    )
    dpi_option(parser, "a PNG")
    parser.add_argument("--title", default="", help="title above the map")
    gpkg_option(parser)


def _report_options(parser: Parser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to create (must not exist)")
    on_option(parser)
    layers_option(parser)
    parser.add_argument(
        "--since",
        default=None,
        metavar="YYYY-MM-DD",
        help="first day of the pack's 'What changed' section and changes.csv (default a year before --on)",
    )
    dpi_option(parser, "the PNG figures")
    compare_option(parser, "also compare/: the region on this day and --on side by side (figure and map page)")
    gpkg_option(parser)


def compare_option(parser: Parser, what: str) -> None:
    """--compare YYYY-MM-DD: a second day, shown beside --on's."""
    parser.add_argument("--compare", default=None, metavar="YYYY-MM-DD", help=what)


COMMANDS = {
    "export": Command(
        "write a self-contained, offline HTML map (and PNG/PDF snapshots) for reports", _export_options, run_export
    ),
    "figure": Command(
        "a print figure drawn from the data: SVG, tagged PDF (text as text; the PDF needs Chromium) or PNG, equal-area",
        _figure_options,
        run_figure,
    ),
    "report": Command(
        "a report pack: figures, offline maps, CSV tables, sources and a manifest, for one date",
        _report_options,
        run_report,
    ),
}
