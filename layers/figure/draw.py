"""Print figures drawn from the data with matplotlib and GeoPandas, not screenshots: the map of one view in an
equal-area projection (EPSG:3035 by default) with title, "as of" date, legend, scale bar, north arrow, locator, labels
that overlap neither one another nor the furniture, a source line, the tool's version and the data's version.

SVG keeps its text as text; the same arguments give the same bytes (no dates in the metadata, fixed SVG ids). The PDF
is that SVG printed as a tagged PDF (layers.figure.tagged). matplotlib is used through its object API (no pyplot):
nothing global changes but inside rc_context.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import CRS

from geo.caption import names_list
from geo.catalogue import CATALOGUE, implementation
from geo.dates import day_text
from geo.frame import Extent, Paper, region_outline
from geo.geodesy import reprojected, transformer
from geo.gpkg import GeoPackage
from geo.labels import Label
from geo.model import MapModel
from geo.view import MapView
from layers.figure.furniture import SEA, beyond_region, locator, north_arrow
from layers.figure.labelling import Placed, anchors, place_labels, slug
from layers.figure.layout import MARGIN_MM, Box, landscape, map_boxes, panel_box
from layers.figure.marks import PART_DASHES, Canvas, band_stages, band_style, draw_land
from layers.legend import LegendEntry, LegendInputs, legend_sections
from layers.style import (
    PART_KIND_LABELS,
    STATUS_LABELS,
)

Drawing = Literal["svg", "png"]  # what matplotlib writes; the PDF is printed from the SVG (layers.figure.tagged)
RC: dict[Any, Any] = {  # matplotlib's rc keys are typed as literals; these are checked by matplotlib
    "svg.fonttype": "none",  # text stays text
    "svg.hashsalt": "eastern-flank-atlas",  # fixed ids
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
    country: str | None = None  # the country the figure is made for (None: the focus countries, or a box)


class _Canvas(FigureCanvasAgg):
    """Agg's canvas, drawn once when the figure is saved: GeoPandas asks for a redraw (draw_idle) after every layer it
    plots, and on a canvas with no window that is a whole render each time (two dozen per figure).
    """

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        """Nothing: the figure is drawn when it is saved or measured."""


@dataclass(frozen=True)
class DrawnFigure:
    """A drawn figure with the labels placed on it and those left out for want of room."""

    figure: Figure
    placed: tuple[Placed, ...]
    left_out: tuple[Label, ...]


def _draw_layers(ax: Axes, model: MapModel, gpkg: GeoPackage, request: FigureRequest, box: Box) -> Canvas:
    """The land, then each layer shown with its spec's drawer (geo.catalogue); z-orders keep them stacked. Only the
    countries the model's view holds are drawn (a framed view: those in the frame).
    """
    # as fine as the paper shows: a quarter of a millimetre at the figure's scale, shared edges kept shared
    metres_per_mm = (request.extent[2] - request.extent[0]) / (box[2] * request.paper.width_mm)
    shown = gpkg.countries_simplified(request.crs, frozenset(model.view.countries["iso3"]), 0.25 * metres_per_mm)
    canvas = Canvas(request.crs, shown, model.view.borders.to_crs(request.crs))
    if "status" not in model.layers:
        draw_land(ax, canvas)
    for key in model.layers:
        implementation(CATALOGUE[key].drawer)(ax, model.view, canvas)
    return canvas


def _visible(view: MapView) -> set[str]:
    """The countries (ISO3), borders (pairs) and parts (ids) of the view (framed by the core: what the frame shows),
    so the legend explains only those.
    """
    found = {str(c) for c in view.countries["iso3"]} | {str(p) for p in view.borders["pair"]}
    return found | {s.located.part.id for s in view.part_stages}


def _legend(fig: Figure, models: Sequence[MapModel], request: FigureRequest) -> matplotlib.legend.Legend:
    """The legend model (layers.legend) narrowed to what the frame shows on any of the maps' dates, as matplotlib
    handles: a status, kind or stage shown on several maps is explained once.
    """
    shown: set[str] = set()
    kinds: set[str] = set()
    stages: set[str] = set()
    for model in models:
        view = model.view
        visible = _visible(view)
        shown |= {v.status for code, v in view.statuses.items() if code in visible}
        kinds |= {s.located.part.kind for s in view.part_stages if s.located.part.id in visible}
        stages |= {stage for stage, pairs in band_stages(view).items() if pairs & visible}
    inputs = LegendInputs(
        statuses=[s for s in STATUS_LABELS if s and s in shown],
        kinds=sorted(kinds, key=list(PART_KIND_LABELS).index),
        neighbours=("RUS", "BLR"),  # the print draws the borders with Russia and Belarus alone
        stages=stages,
    )
    sections = legend_sections(models[0].layers, inputs)
    handles = [
        _handle(entry, f"{group.short}: {entry.label}" if group.short else entry.label)
        for section in sections
        for group in section.groups
        for entry in group.entries
    ]
    left, bottom, width, height = panel_box(request.paper)
    if landscape(request.paper):  # under the locator and the north arrow
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


def _line_boxes(ax: Axes, line: Line2D, dpi: float) -> list[Bbox]:
    """Small boxes along a drawn line (a located stretch), every few pixels, for labels to keep clear of it: its
    bounding box would bar far more than the line.
    """
    points = ax.transData.transform(np.asarray(line.get_xydata()))
    half = line.get_linewidth() * dpi / 72  # the line's width, in pixels
    boxes = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / half))
        for k in range(steps + 1):
            x, y = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
            boxes.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
    return boxes


def _own(model: MapModel, request: FigureRequest) -> set[str]:
    """The countries the figure is made for: the one it frames, or the focus countries."""
    return {request.country} if request.country else model.view.focus


def _wanted_labels(model: MapModel, request: FigureRequest) -> list[tuple[Label, list[shapely.Point]]]:
    """Each label the model holds with where it may be anchored inside the frame (within the atlas region)."""
    xmin, ymin, xmax, ymax = request.extent
    frame = shapely.intersection(shapely.box(xmin, ymin, xmax, ymax), region_outline(request.crs))
    to_crs = transformer("EPSG:4326", request.crs)
    wanted = []
    for label in model.labels:
        projected = reprojected(label.geometry, to_crs)
        points = anchors(projected, frame, small=label.kind in ("region", "corridor"))
        if points:
            wanted.append((label, points))
    return wanted


def _map_axes(fig: Figure, request: FigureRequest, box: Box, gid: str) -> Axes:
    """A map's axes: the frame's extent, equal scales, the sea behind."""
    ax = fig.add_axes(box)
    ax.set_gid(gid)
    ax.patch.set_gid(f"{gid}-frame")
    ax.set_facecolor(SEA)
    xmin, ymin, xmax, ymax = request.extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _texts(fig: Figure, views: Sequence[MapView], request: FigureRequest) -> None:
    """The title and the "as of" line above the map (several maps: the dates compared), the source line and the
    credit below it.
    """
    page_w, page_h = request.paper.width_mm, request.paper.height_mm
    fig.text(MARGIN_MM / page_w, 1 - 7 / page_h, request.title, fontsize=12, fontweight="bold", va="baseline",
             gid="title")  # fmt: skip
    view = views[-1]
    notice = view.reach.notice(view.day)
    dates = names_list([day_text(v.day) for v in views])
    as_of = (f"as of {dates}" if len(views) == 1 else f"{dates} compared") + (f". {notice}" if notice else "")
    fig.text(MARGIN_MM / page_w, 1 - 12.5 / page_h, as_of, fontsize=8.5, va="baseline", gid="as-of")
    fig.text(MARGIN_MM / page_w, 5.2 / page_h, request.source_line, fontsize=5.3, va="baseline", gid="source-line")
    fig.text(MARGIN_MM / page_w, 2.2 / page_h, request.credit, fontsize=5.3, va="baseline", gid="credit")


def draw_figure(model: MapModel, request: FigureRequest, gpkg: GeoPackage) -> DrawnFigure:
    """The figure of a map model (geo.model, framed by the core; the land from the GeoPackage's stored country
    polygons, finer than the view's display geometry).
    """
    return draw_panels([model], request, gpkg)


def draw_panels(models: Sequence[MapModel], request: FigureRequest, gpkg: GeoPackage) -> DrawnFigure:
    """The figure of one map model, or small multiples of several (one per date, in date order, of the same extent
    and layers), each map under its date as a heading; one legend (what any map shows), scale bar, north arrow and
    locator (of the last date) for them all.
    """
    views = [model.view for model in models]
    own = _own(models[-1], request)
    several = len(models) > 1
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=request.paper.inches, dpi=request.paper.dpi)
        canvas = _Canvas(fig)  # a canvas that can measure text, for placing labels
        panels = []
        for n, (model, box) in enumerate(zip(models, map_boxes(request.paper, len(models)), strict=True), 1):
            ax = _map_axes(fig, request, box, f"map-{n}" if several else "map")
            drawn = _draw_layers(ax, model, gpkg, request, box)
            beyond_region(ax, request.crs, request.extent, drawn, own, fade=request.country is None)
            xmin, ymin, xmax, ymax = request.extent
            ax.set_xlim(xmin, xmax)
            ax.set_ylim(ymin, ymax)
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_aspect("equal", adjustable="box")
            if several:
                _heading(fig, ax, request, model.view, n)
            panels.append((model, ax, drawn))
        legend = _legend(fig, models, request)
        first = panels[0][1]
        scale = ScaleBar(
            1, "m", location="lower left", length_fraction=0.2, font_properties={"size": 6}, box_alpha=0.8,
            scale_loc="top",
        )  # fmt: skip
        scale.set_zorder(12)
        scale.set_gid("scale-bar")
        first.add_artist(scale)
        locator(fig, views[-1], request.paper, request.crs, request.extent, own, "status" in models[-1].layers)
        _texts(fig, views, request)
        renderer = canvas.get_renderer()
        short_side = min(request.paper.width_mm, request.paper.height_mm)
        type_scale = min(1.0, (short_side / 210) ** 0.75)
        arrow = north_arrow(first, request.crs, request.extent, panels[0][2], own, renderer, type_scale)
        furniture = [scale.get_window_extent(renderer), legend.get_window_extent(renderer)]
        furniture.append(arrow.get_window_extent(renderer))
        placed: list[Placed] = []
        left_out: list[Label] = []
        for n, (model, ax, _) in enumerate(panels):
            keep_clear = furniture if n == 0 else furniture[1:2]  # the scale bar and arrow sit on the first map
            here, missing = _labels(ax, model, request, renderer, type_scale, list(keep_clear))
            placed += here
            left_out += [label for label in missing if label not in left_out]
            if n > 0:
                _number_ids(ax, n + 1)
        return DrawnFigure(fig, tuple(placed), tuple(left_out))


def _number_ids(ax: Axes, n: int) -> None:
    """The ids of what the second or third map draws, numbered for it ('label-capital-helsinki-2'): the SVG's ids
    stay unique.
    """
    for artist in ax.findobj():
        gid = artist.get_gid()
        if gid and artist not in (ax, ax.patch):
            artist.set_gid(f"{gid}-{n}")


def _heading(fig: Figure, ax: Axes, request: FigureRequest, view: MapView, n: int) -> None:
    """A map's date above it, one of several compared."""
    left, bottom, _, height = ax.get_position().bounds
    fig.text(left, bottom + height + 1.5 / request.paper.height_mm, day_text(view.day), fontsize=9,
             fontweight="bold", va="baseline", gid=f"heading-{n}")  # fmt: skip


def _labels(
    ax: Axes, model: MapModel, request: FigureRequest, renderer: Any, type_scale: float, keep_clear: list[Bbox]
) -> tuple[list[Placed], list[Label]]:
    """The model's names placed on one map, clear of the furniture given, its capitals' markers and located parts;
    and the names left out for want of room.
    """
    wanted = _wanted_labels(model, request)
    markers = [line for line in ax.get_lines() if str(line.get_gid() or "").startswith("part-")]
    for label, (point, *_) in wanted:
        if label.kind == "capital":
            markers += ax.plot(
                point.x, point.y, marker="s", markersize=2.6, color="#1a1a1a", linestyle="none", zorder=7,
                gid=f"place-{slug(label.text)}",
            )  # fmt: skip
    for marker in markers:
        if len(np.asarray(marker.get_xydata())) > 1:  # a located stretch
            keep_clear += _line_boxes(ax, marker, request.paper.dpi)
        else:
            keep_clear.append(marker.get_window_extent(renderer).expanded(1.6, 1.6))
    placed, left_out = place_labels(ax, wanted, keep_clear, renderer, type_scale)
    return list(placed), list(left_out)


def figure_bytes(drawn: DrawnFigure, fmt: Drawing, description: str, title: str = "") -> bytes:
    """The print figure as SVG or PNG bytes (saved_bytes)."""
    return saved_bytes(drawn.figure, fmt, description, title)


def saved_bytes(figure: Figure, fmt: Drawing, description: str, title: str = "") -> bytes:
    """A matplotlib figure as SVG or PNG bytes, the same for the same figure (no dates in the metadata), with its
    title and description in the file's own metadata (an SVG's title and description, PNG text).
    """
    metadata: dict[str, str | None] = {"Title": title or None, "Description": description}
    if fmt == "svg":
        metadata["Date"] = None
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format=fmt, dpi=figure.dpi, metadata=metadata)
    return buffer.getvalue()
