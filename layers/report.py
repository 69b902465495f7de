"""Products for reports, built in memory from one view: a print figure with its caption and numbered sources, and a
report pack of figures, maps, tables and sources. Arguments are checked here, in one place, for the command line and
the app; they write or offer the bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shlex
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from geo import TOOL_NAME, __version__
from geo.caption import caption, changes_between, comparison_caption, country_title
from geo.changes import KIND_LABELS, Change, changes
from geo.citations import reference_list, references
from geo.dates import day_text
from geo.facts.cite import full_citation
from geo.frame import DEFAULT_CRS, Format, check_resolvable, fitted_extent, parse_bbox, parse_crs, parse_paper
from geo.framing import frame_area, view_in_frame
from geo.gis import layer_frames
from geo.gpkg import GeoPackage
from geo.model import map_model
from geo.scales import border_scales
from geo.tables import (
    border_table,
    changes_table,
    csv_bytes,
    parts_table,
    plans_table,
    scales_official_table,
    scales_table,
    status_table,
)
from geo.view import MapView, map_references, sources_on_map
from layers.browser import Printer, PrintJob, print_pdfs
from layers.figure.draw import DrawnFigure, FigureRequest, draw_panels, figure_bytes
from layers.figure.layout import map_aspect, map_boxes
from layers.figure.scales import scales_figure_svg
from layers.figure.tagged import FONTS_READY, figure_page, finished_pdf
from layers.qgis import styled_gpkg
from layers.web.compare import compare_html
from layers.web.map import DEFAULT_TITLE
from layers.web.page import ExportOptions, map_html

PDF_NEEDS = "a figure's tagged PDF is printed by Chromium (SVG and PNG need no browser)"


@dataclass(frozen=True)
class FigureProduct:
    """A drawn figure, its caption (with the numbered sources) and the text its files carry as a description."""

    drawn: DrawnFigure
    request: FigureRequest
    caption: str

    @property
    def description(self) -> str:
        """What the figure's files carry as their description: the caption's first paragraph."""
        return self.caption.split("\n", 1)[0]

    def render(self, fmt: Format, printer: Printer | None = None) -> bytes:
        """The figure's bytes in one format: SVG and PNG drawn by matplotlib, the PDF printed from the SVG as a
        tagged PDF by Chromium (layers.figure.tagged), in the printer given (started ahead) or one of its own.
        """
        if fmt == "pdf":
            jobs = [self.print_job()]
            printed = printer.print_pdfs(jobs) if printer else print_pdfs(jobs, why=PDF_NEEDS)
            return tagged_figure(self.request, self.description, printed[0])
        return figure_bytes(self.drawn, fmt, self.description, self.request.title)

    def print_job(self, svg: bytes | None = None) -> PrintJob:
        """The figure's own page (its SVG, or the one given), to be printed on its paper."""
        paper = self.request.paper
        drawing = svg if svg is not None else self.render("svg")
        page = figure_page(drawing, paper, self.request.title, self.description)
        return PrintJob(page, paper.width_mm, paper.height_mm, ready=FONTS_READY)


def tagged_figure(request: FigureRequest, description: str, printed: bytes) -> bytes:
    """A figure's printed PDF finished: its title, description and credit as metadata, no dates, the paper's size."""
    return finished_pdf(printed, request.paper, request.title, description, request.credit)


def figure_product(
    view: MapView,
    gpkg: GeoPackage,
    *,
    layers: tuple[str, ...],
    data_version: str,
    crs: str = DEFAULT_CRS,
    size: str = "A4-landscape",
    dpi: int = 300,
    country: str | None = None,
    bbox: str | None = None,
    title: str = "",
    sources_where: str = "the caption file beside this figure",
    compare: Sequence[MapView] = (),
) -> FigureProduct:
    """The figure of `view` framed on a country (made for it: its title, its own countries at full colour and
    highlighted on the locator), a box or the focus countries, with its caption; caption, sources, legend and labels
    speak of what the frame shows. With views of other dates to `compare`, small multiples of the same frame, one
    map per date in date order (layers.figure.draw.draw_panels), and a caption that lists what changed between them.
    """
    views = sorted([view, *compare], key=lambda v: v.day)
    paper = parse_paper(size, dpi)
    projection = parse_crs(crs)
    if bbox is not None:
        bounds = parse_bbox(bbox)
    elif country is not None:
        bounds = view.country_bounds(country)
    else:
        bounds = view.focus_bounds()
    extent = fitted_extent(bounds, projection, map_aspect(paper, len(views)))
    width = map_boxes(paper, len(views))[0][2]
    check_resolvable(extent, width * paper.width_mm / 25.4 * paper.dpi, "--bbox", bbox)
    area = frame_area(extent, projection)
    framed = [view_in_frame(v, area) for v in views]  # what the paper shows, and the sources of that
    models = [map_model(f, layers) for f in framed]
    between = changes_between(framed, country if bbox is None else None)
    cited = [s for f in framed for s in sources_on_map(f, layers)]
    cited += [s for *_, found in between for c in found for s in c.sources]  # the changes' sources too
    refs = references(cited, view.facts) if compare else models[0].references
    name = projection.to_string()
    titled = country_title(framed[-1], country, [f.day for f in framed]) if country and bbox is None else ""
    request = FigureRequest(
        paper,
        projection,
        extent,
        title or titled or DEFAULT_TITLE,
        f"Sources: {len(refs)}, listed in {sources_where}. Map data © OpenStreetMap contributors; "
        "places © GeoNames (CC BY 4.0). Projection: " + f"{name} ({projection.name}).",
        f"{TOOL_NAME} {__version__} · data {data_version}",
        country if bbox is None else None,
    )
    drawn = draw_panels(models, request, gpkg)
    crs_name = f"{name} ({projection.name})"
    text = (
        comparison_caption(framed, between, crs_name, len(refs), data_version, drawn.left_out)
        if compare
        else caption(framed[0], crs_name, len(refs), data_version, drawn.left_out)
    )
    numbered = "\n".join(f"{n}. {entry}" for n, entry in enumerate(reference_list(refs), 1))
    return FigureProduct(drawn, request, f"{text}\n\nSources\n{numbered}")


def report_files(
    view: MapView,
    gpkg: GeoPackage,
    *,
    layers: tuple[str, ...],
    data_version: str,
    command: list[str],
    inputs: dict[str, dict[str, str]],
    since: dt.date,
    dpi: int = 300,
    compare: MapView | None = None,
) -> dict[str, bytes]:
    """A report pack for one date, as file names and contents: for the whole region and each focus country the
    figure (SVG, PDF, PNG) with its caption and the offline HTML map; the facts shown as CSV tables; the map's layers
    as a GeoPackage that opens styled in QGIS (gis/layers.gpkg); what changed
    from `since` to the date (changes.csv and the section what-changed.txt); the numbered sources; and a manifest
    with the command (its argument list, and as one shell-quoted line), the files it read with their SHA-256, the
    tool version and data version that make the same pack again. With a view of another day to `compare`, also
    compare/: the region's figure on both days side by side with its caption and sources, and the page of both maps
    that move together (layers.web.compare).
    """
    focus = [c.iso3 for c in view.facts.countries if c.focus]
    timed = map_model(view, layers, timed=True)  # every country's map page: the same model, framed on the country
    files: dict[str, bytes] = {}
    to_print: list[tuple[str, FigureRequest, str, Future[bytes]]] = []  # each printed while the next is drawn
    views: list[tuple[str, str | None, tuple[MapView, ...]]] = [
        ("region", None, ()),
        *((code.lower(), code, ()) for code in focus),
    ]
    views += [("compare", None, (compare,))] if compare else []
    with Printer("--out", PDF_NEEDS) as printer:  # the browser starts while the figures are drawn
        for name, country, other in views:
            product = figure_product(
                view, gpkg, layers=layers, data_version=data_version, dpi=dpi, country=country,
                sources_where=f"{name}/sources.txt" if other else "sources.txt in this pack", compare=other,
            )  # fmt: skip
            files[f"{name}/figure.svg"] = product.render("svg")
            files[f"{name}/figure.png"] = product.render("png")
            job = printer.submit(product.print_job(files[f"{name}/figure.svg"]))
            to_print.append((f"{name}/figure.pdf", product.request, product.description, job))
            files[f"{name}/caption.txt"] = (product.caption.split("\n\nSources\n", 1)[0] + "\n").encode("utf-8")
            bounds = view.country_bounds(country) if country else None
            page = (
                compare_html(timed, other[0], ExportOptions())
                if other
                else map_html(timed, ExportOptions(bounds=bounds))
            )
            files[f"{name}/map.html"] = page.encode("utf-8")
            if other:  # its own sources: both days' and those of the changes between them
                files[f"{name}/sources.txt"] = (product.caption.split("\n\nSources\n", 1)[1] + "\n").encode("utf-8")
        for path, request, description, job in to_print:
            files[path] = tagged_figure(request, description, printer.result(job))
    files["appendix/status.csv"] = csv_bytes(status_table(view.statuses, view.facts, view.day))
    files["appendix/plans.csv"] = csv_bytes(plans_table(view.plans))
    files["appendix/plan-parts.csv"] = csv_bytes(parts_table(view.part_stages))
    files["appendix/border-lengths.csv"] = csv_bytes(border_table(view.lengths.values()))
    files["gis/layers.gpkg"] = styled_gpkg(layer_frames(gpkg, view, layers))
    scales = border_scales(gpkg.border_scales, list(view.lengths))
    files["appendix/border-scales.csv"] = csv_bytes(scales_table(scales, view.lengths))
    placed = scales_official_table(scales, view.lengths)
    files["appendix/border-scales-official.csv"] = csv_bytes(placed)
    files["appendix/border-scales.svg"] = scales_figure_svg(scales, placed)
    found = changes(view.facts, since, view.day, field="--since")
    files["changes.csv"] = csv_bytes(changes_table(found))
    files["what-changed.txt"] = what_changed(view, since, found).encode("utf-8")
    refs = map_references(view, layers)
    files["sources.txt"] = "".join(f"{n}. {entry}\n" for n, entry in enumerate(reference_list(refs), 1)).encode()
    manifest = {
        "tool": f"{TOOL_NAME} {__version__}",
        "data_version": data_version,
        "as_of": view.day.isoformat(),
        "since": since.isoformat(),
        **({"compare": compare.day.isoformat()} if compare else {}),
        "record": view.reach.as_json(),
        "layers": list(layers),
        "command": shlex.join(command),
        "argv": command,
        "inputs": inputs,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def what_changed(view: MapView, since: dt.date, found: list[Change]) -> str:
    """The pack's "What changed" section: the window, the record's reach (and the notice past it), and each change
    in date order with its sources.
    """
    notice = view.reach.notice(view.day)
    lines = [
        f"What changed from {day_text(since)} to {day_text(view.day)}",
        "",
        *([notice, ""] if notice else []),
        view.reach.text,
        f"{len(found)} change{'s' if len(found) != 1 else ''}: treaty steps, plan and part stages, border crossings.",
        "",
    ]
    for c in found:
        owners = f" ({', '.join(c.countries)})" if c.countries else ""
        lines.append(f"{c.date}  {KIND_LABELS[c.kind]}: {c.text}{owners}")
        lines += [f"    {full_citation(s)}" for s in c.sources]
    return "\n".join(lines) + "\n"


def zip_bytes(files: dict[str, bytes], folder: str) -> bytes:
    """The files in one zip under `folder/`, with fixed member dates (the same files give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(f"{folder}/{name}", date_time=(2000, 1, 1, 0, 0, 0)), files[name],
                             zipfile.ZIP_DEFLATED)  # fmt: skip
    return buffer.getvalue()
