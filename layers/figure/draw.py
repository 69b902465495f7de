"""Print figures drawn from the data with matplotlib and GeoPandas, not screenshots: the map of one view in an
equal-area projection (EPSG:3035 by default) with title, "as of" date, legend, scale bar, north arrow, locator, labels
that overlap neither one another nor the furniture, a source line, the tool's version and the data's version.

SVG and PDF keep their text as text; the same arguments give the same bytes (no dates in the metadata, fixed SVG
ids). matplotlib is used through its object API (no pyplot): nothing global changes but inside rc_context.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import matplotlib
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import CRS, Transformer

from geo.catalogue import CATALOGUE, implementation
from geo.dates import day_text
from geo.frame import Extent, Format, Paper, region_outline
from geo.geodesy import reprojected
from geo.labels import Label
from geo.model import MapModel
from geo.view import MapView
from layers.figure.labelling import Placed, anchors, place_labels, slug
from layers.figure.marks import PART_DASHES, Canvas, band_stages, band_style, draw_land
from layers.legend import LegendEntry, LegendInputs, legend_sections
from layers.style import (
    PART_KIND_LABELS,
    STATUS_LABELS,
)

SEA = "#dcebf5"
# the page around the map, in millimetres: a title band above, a footer below, and beside the map (landscape) or
# below it (portrait) a panel for the locator, the north arrow and the legend, so they never cover the data
MARGIN_MM, TITLE_MM, FOOTER_MM, GAP_MM = 5.0, 15.0, 9.0, 3.0
PANEL_SHARE = 0.24  # of the paper's width (landscape) or height (portrait)
RC: dict[Any, Any] = {  # matplotlib's rc keys are typed as literals; these are checked by matplotlib
    "svg.fonttype": "none",  # text stays text
    "svg.hashsalt": "eastern-flank-atlas",  # fixed ids
    "pdf.fonttype": 42,  # TrueType: text stays text and can be searched
    "font.family": "DejaVu Sans",
    "path.simplify": True,
}


@dataclass(frozen=True)
class FigureRequest:
    """How to draw a map model on paper: the paper, the projection and extent, and the texts around the map."""

    paper: Paper
    crs: CRS
    extent: Extent
    title: str
    source_line: str
    credit: str  # tool and data version


@dataclass(frozen=True)
class DrawnFigure:
    """A drawn figure with the labels placed on it and those left out for want of room."""

    figure: Figure
    placed: tuple[Placed, ...]
    left_out: tuple[Label, ...]


def _landscape(paper: Paper) -> bool:
    return paper.width_mm >= paper.height_mm


def map_box(paper: Paper) -> tuple[float, float, float, float]:
    """The map's axes in figure fractions: left, bottom, width, height."""
    w, h = paper.width_mm, paper.height_mm
    if _landscape(paper):
        width = w - 2 * MARGIN_MM - GAP_MM - PANEL_SHARE * w
        return MARGIN_MM / w, FOOTER_MM / h, width / w, (h - TITLE_MM - FOOTER_MM) / h
    panel = PANEL_SHARE * h
    return (
        MARGIN_MM / w,
        (FOOTER_MM + panel + GAP_MM) / h,
        (w - 2 * MARGIN_MM) / w,
        (h - TITLE_MM - FOOTER_MM - panel - GAP_MM) / h,
    )


def panel_box(paper: Paper) -> tuple[float, float, float, float]:
    """The panel beside or below the map, in figure fractions: left, bottom, width, height."""
    w, h = paper.width_mm, paper.height_mm
    if _landscape(paper):
        return (w - MARGIN_MM - PANEL_SHARE * w) / w, FOOTER_MM / h, PANEL_SHARE * w / w, (h - TITLE_MM - FOOTER_MM) / h
    return MARGIN_MM / w, FOOTER_MM / h, (w - 2 * MARGIN_MM) / w, PANEL_SHARE * h / h


def map_aspect(paper: Paper) -> float:
    """Width over height of the map frame, for fitting the extent to it."""
    _, _, width, height = map_box(paper)
    return (width * paper.width_mm) / (height * paper.height_mm)


def _draw_layers(ax: Axes, model: MapModel, countries: gpd.GeoDataFrame, request: FigureRequest) -> None:
    """The land, then each layer shown with its spec's drawer (geo.catalogue); z-orders keep them stacked."""
    # as fine as the paper shows: a quarter of a millimetre at the figure's scale, shared edges kept shared
    metres_per_mm = (request.extent[2] - request.extent[0]) / (map_box(request.paper)[2] * request.paper.width_mm)
    shown = countries.to_crs(request.crs)
    shown["geometry"] = shapely.coverage_simplify(shapely.make_valid(shown.geometry.values), 0.25 * metres_per_mm)
    canvas = Canvas(request.crs, shown, model.view.borders.to_crs(request.crs))
    if "status" not in model.layers:
        draw_land(ax, canvas)
    for key in model.layers:
        implementation(CATALOGUE[key].drawer)(ax, model.view, canvas)


def _visible(view: MapView, request: FigureRequest) -> set[str]:
    """The countries (ISO3), borders (pairs) and parts (ids) the frame shows, so the legend explains only those."""
    to_ll = Transformer.from_crs(request.crs, "EPSG:4326", always_xy=True)
    frame = reprojected(
        shapely.segmentize(shapely.box(*request.extent), (request.extent[2] - request.extent[0]) / 50), to_ll
    )
    found = {
        str(c) for c, g in zip(view.countries["iso3"], view.countries.geometry, strict=True) if g.intersects(frame)
    }
    found |= {str(p) for p, g in zip(view.borders["pair"], view.borders.geometry, strict=True) if g.intersects(frame)}
    found |= {s.located.part.id for s in view.part_stages if s.located.geometry.intersects(frame)}
    return found


def _legend(fig: Figure, model: MapModel, request: FigureRequest) -> matplotlib.legend.Legend:
    """The legend model (layers.legend) narrowed to what the frame shows, as matplotlib handles."""
    view = model.view
    visible = _visible(view, request)
    shown = {v.status for code, v in view.statuses.items() if code in visible}
    kinds = {s.located.part.kind for s in view.part_stages if s.located.part.id in visible}
    stages = {stage for stage, pairs in band_stages(view).items() if pairs & visible}
    inputs = LegendInputs(
        statuses=[s for s in STATUS_LABELS if s and s in shown],
        kinds=sorted(kinds, key=list(PART_KIND_LABELS).index),
        neighbours=("RUS", "BLR"),  # the print draws the borders with Russia and Belarus alone
        stages=stages,
    )
    sections = legend_sections(model.layers, inputs)
    handles = [
        _handle(entry, f"{group.short}: {entry.label}" if group.short else entry.label)
        for section in sections
        for group in section.groups
        for entry in group.entries
    ]
    left, bottom, width, height = panel_box(request.paper)
    if _landscape(request.paper):  # under the locator and the north arrow
        anchor, loc = (left, bottom + height * 0.6), "upper left"
    else:  # right of the locator
        anchor, loc = (left + width * 0.42, bottom + height), "upper left"
    options: dict[str, Any] = {
        "loc": loc, "bbox_to_anchor": anchor, "bbox_transform": fig.transFigure, "fontsize": 6, "frameon": False,
        "borderaxespad": 0, "borderpad": 0, "handlelength": 2.2, "labelspacing": 0.4, "title": "Legend",
        "title_fontproperties": {"size": 7, "weight": "bold"}, "alignment": "left",
    }  # fmt: skip
    legend: matplotlib.legend.Legend = fig.legend(handles=handles, **options)
    legend.set_zorder(20)
    legend.set_gid("legend")
    return legend


def _handle(entry: LegendEntry, label: str) -> Patch | Line2D:
    """A legend entry's swatch as drawn on paper."""
    if entry.swatch == "status":
        return Patch(facecolor=entry.colour, edgecolor="white", label=label)
    if entry.swatch == "corridor":
        return Patch(facecolor="none", edgecolor=entry.colour, hatch="////", label=label)
    if entry.swatch == "band":
        return Line2D([], [], color=entry.colour, lw=4, label=label, **band_style(entry.key))
    if entry.swatch == "state":
        return Line2D([], [], color=entry.colour, lw=2, ls=PART_DASHES[entry.key], label=label)
    if entry.swatch == "kind":
        closed = entry.key == "closed_crossing"
        face = "white" if closed else entry.colour
        return Line2D([], [], color=entry.colour, lw=0 if closed else 2.4, marker="o", markersize=4,
                      markerfacecolor=face, label=label)  # fmt: skip
    return Line2D([], [], color=entry.colour, lw=1.2, label=label)  # a border


def _north_arrow(fig: Figure, request: FigureRequest) -> matplotlib.text.Text:
    """An arrow to true north at the frame's centre (in an azimuthal or conic projection north turns across the map),
    in the panel beside the map.
    """
    xmin, ymin, xmax, ymax = request.extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    to_lonlat = Transformer.from_crs(request.crs, "EPSG:4326", always_xy=True)
    from_lonlat = Transformer.from_crs("EPSG:4326", request.crs, always_xy=True)
    lon, lat = to_lonlat.transform(cx, cy)
    nx, ny = from_lonlat.transform(lon, lat + 0.1)
    angle = math.atan2(nx - cx, ny - cy)  # clockwise from the frame's up
    left, bottom, width, height = panel_box(request.paper)
    x, y = (
        (left + width * 0.9, bottom + height * 0.66)
        if _landscape(request.paper)
        else (left + width * 0.36, bottom + height * 0.7)
    )
    length = 9.0 / request.paper.height_mm  # 9 mm
    dx = math.sin(angle) * length * request.paper.height_mm / request.paper.width_mm
    dy = math.cos(angle) * length
    arrow = fig.text(x + dx / 2, y + dy / 2 + 2.5 / request.paper.height_mm, "N", ha="center", va="bottom",
                     fontsize=7, fontweight="bold", gid="north-arrow")  # fmt: skip
    fig.add_artist(
        matplotlib.patches.FancyArrowPatch(
            (x - dx / 2, y - dy / 2),
            (x + dx / 2, y + dy / 2),
            transform=fig.transFigure,
            arrowstyle="-|>",
            mutation_scale=9,
            color="#222",
            lw=1.2,
        )
    )
    return arrow


def _locator(fig: Figure, view: MapView, request: FigureRequest) -> Axes:
    """A small map of the whole region with the frame's extent marked, at the top of the panel."""
    left, bottom, width, height = panel_box(request.paper)
    if _landscape(request.paper):
        box = (left, bottom + height * 0.62, width * 0.78, height * 0.38)
    else:
        box = (left, bottom, width * 0.3, height)
    inset = fig.add_axes(box)
    inset.set_gid("locator")
    outlines = gpd.GeoSeries(list(view.overview), crs="EPSG:4326").to_crs(request.crs)
    outlines.plot(ax=inset, color="#d9d9d9", edgecolor="white", linewidth=0.3)
    xmin, ymin, xmax, ymax = request.extent
    inset.add_patch(Rectangle((xmin, ymin), xmax - xmin, ymax - ymin, fill=False, edgecolor="#c0392b", linewidth=1))
    bx0, by0, bx1, by1 = outlines.total_bounds
    inset.set_xlim(min(bx0, xmin), max(bx1, xmax))
    inset.set_ylim(min(by0, ymin), max(by1, ymax))
    inset.set_facecolor(SEA)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_aspect("equal", adjustable="box", anchor="NW")
    for spine in inset.spines.values():
        spine.set_linewidth(0.5)
    return inset


def _fade_beyond_region(ax: Axes, request: FigureRequest) -> None:
    """Fade the data out towards the atlas region's edge where the frame reaches beyond it (no cut edge)."""
    xmin, ymin, xmax, ymax = request.extent
    frame = shapely.box(xmin, ymin, xmax, ymax)
    outside = shapely.difference(frame, region_outline(request.crs))
    if outside.is_empty:
        return
    step = 0.006 * (xmax - xmin)
    for k in range(12):  # veils reaching further in, one over another: opaque outside, fading in over 12 steps
        veil = shapely.intersection(outside.buffer(step * k), frame)
        gpd.GeoSeries([veil]).plot(ax=ax, color="white", alpha=0.5 if k == 0 else 0.09, linewidth=0, zorder=8)


def draw_figure(model: MapModel, request: FigureRequest, countries: gpd.GeoDataFrame) -> DrawnFigure:
    """The figure of a map model (geo.model; countries: the stored country polygons, finer than the view's display
    geometry).
    """
    view = model.view
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=request.paper.inches, dpi=request.paper.dpi)
        canvas = FigureCanvasAgg(fig)  # a canvas that can measure text, for placing labels
        ax = fig.add_axes(map_box(request.paper))
        ax.set_gid("map")
        ax.patch.set_gid("map-frame")
        ax.set_facecolor(SEA)
        xmin, ymin, xmax, ymax = request.extent
        ax.set_xlim(xmin, xmax)
        ax.set_ylim(ymin, ymax)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        _draw_layers(ax, model, countries, request)
        _fade_beyond_region(ax, request)
        ax.set_xlim(xmin, xmax)
        ax.set_ylim(ymin, ymax)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_aspect("equal", adjustable="box")
        legend = _legend(fig, model, request)
        scale = ScaleBar(
            1, "m", location="lower left", length_fraction=0.2, font_properties={"size": 6}, box_alpha=0.8,
            scale_loc="top",
        )  # fmt: skip
        scale.set_zorder(12)
        scale.set_gid("scale-bar")
        ax.add_artist(scale)
        _north_arrow(fig, request)
        _locator(fig, view, request)
        page_w, page_h = request.paper.width_mm, request.paper.height_mm
        fig.text(MARGIN_MM / page_w, 1 - 7 / page_h, request.title, fontsize=12, fontweight="bold", va="baseline",
                 gid="title")  # fmt: skip
        notice = view.reach.notice(view.day)
        as_of = f"as of {day_text(view.day)}" + (f". {notice}" if notice else "")
        fig.text(MARGIN_MM / page_w, 1 - 12.5 / page_h, as_of, fontsize=8.5, va="baseline", gid="as-of")
        fig.text(MARGIN_MM / page_w, 5.2 / page_h, request.source_line, fontsize=5.3, va="baseline", gid="source-line")
        fig.text(MARGIN_MM / page_w, 2.2 / page_h, request.credit, fontsize=5.3, va="baseline", gid="credit")
        renderer = canvas.get_renderer()
        frame = shapely.intersection(shapely.box(xmin, ymin, xmax, ymax), region_outline(request.crs))
        to_crs = Transformer.from_crs("EPSG:4326", request.crs, always_xy=True)
        wanted = []
        for label in model.labels:
            projected = reprojected(label.geometry, to_crs)
            points = anchors(projected, frame, small=label.kind in ("region", "corridor"))
            if points:
                wanted.append((label, points))
        markers = [line for line in ax.get_lines() if str(line.get_gid() or "").startswith("part-")]
        for label, (point, *_) in wanted:
            if label.kind == "capital":
                markers += ax.plot(
                    point.x, point.y, marker="s", markersize=2.6, color="#1a1a1a", linestyle="none", zorder=7,
                    gid=f"place-{slug(label.text)}",
                )  # fmt: skip
        keep_clear = [scale.get_window_extent(renderer), legend.get_window_extent(renderer)]
        keep_clear += [marker.get_window_extent(renderer).expanded(1.6, 1.6) for marker in markers]
        short_side = min(request.paper.width_mm, request.paper.height_mm)
        placed, left_out = place_labels(ax, wanted, keep_clear, renderer, min(1.0, (short_side / 210) ** 0.75))
        return DrawnFigure(fig, tuple(placed), tuple(left_out))


def figure_bytes(drawn: DrawnFigure, fmt: Format, description: str, title: str = "") -> bytes:
    """The figure as SVG, PDF or PNG bytes, the same for the same figure (no dates in the metadata), with its title
    and description in the file's own metadata (a PDF's Title and Subject, an SVG's title and description, PNG text).
    """
    metadata: dict[str, str | None] = {"Title": title or None, "Description": description}
    if fmt == "svg":
        metadata["Date"] = None
    elif fmt == "pdf":
        metadata = {"Title": title or None, "CreationDate": None, "ModDate": None, "Subject": description}
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC), _fixed_clock():
        drawn.figure.savefig(buffer, format=fmt, dpi=drawn.figure.dpi, metadata=metadata)
    return buffer.getvalue()


@contextlib.contextmanager
def _fixed_clock() -> Iterator[None]:
    """SOURCE_DATE_EPOCH while saving: the fonts embedded in a PDF (fontTools) stamp it, not the time of day."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
