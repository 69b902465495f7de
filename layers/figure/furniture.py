"""A print figure's furniture around the data: the north arrow on the map, the locator beside it, and what the frame
shows beyond the atlas region (where the data end).
"""

from __future__ import annotations

import math

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.offsetbox import AnchoredOffsetbox, DrawingArea, TextArea, VPacker
from matplotlib.patches import FancyArrowPatch, Rectangle
from pyproj import CRS

from geo.frame import Extent, Paper, region_outline
from geo.geodesy import transformer
from geo.view import MapView
from layers.figure.layout import landscape, panel_box
from layers.figure.marks import Canvas
from layers.style import STATUS_COLOURS

SEA = "#dcebf5"
HIGHLIGHT = "#4d4d4d"  # the figure's own countries on the locator, when treaty status is not shown
ARROW_PT = 20.0  # the north arrow's length, in points
ARROW_CORNERS = ("upper right", "upper left", "lower right")  # the scale bar holds the lower left


def _north_angle(crs: CRS, extent: Extent) -> float:
    """The direction of true north at the frame's centre, in radians clockwise from the frame's up (in an azimuthal
    or conic projection north turns across the map).
    """
    xmin, ymin, xmax, ymax = extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    lon, lat = transformer(crs, "EPSG:4326").transform(cx, cy)
    nx, ny = transformer("EPSG:4326", crs).transform(lon, lat + 0.1)
    return math.atan2(nx - cx, ny - cy)


def _arrow_box(angle: float, corner: str, scale: float) -> AnchoredOffsetbox:
    """An 'N' over an arrow turned to north, on a light box, anchored in one corner of the map."""
    size = ARROW_PT * scale
    area = DrawingArea(size * 0.8, size)
    dx, dy = math.sin(angle) * size / 2, math.cos(angle) * size / 2
    cx, cy = size * 0.4, size / 2
    tail, tip = (cx - dx, cy - dy), (cx + dx, cy + dy)
    area.add_artist(FancyArrowPatch(tail, tip, arrowstyle="-|>", mutation_scale=9 * scale, color="#222", lw=scale))
    letter = TextArea("N", textprops={"fontsize": 7 * scale, "fontweight": "bold", "gid": "north-arrow-n"})
    packed = VPacker(children=[letter, area], align="center", pad=0, sep=1)
    box = AnchoredOffsetbox(loc=corner, child=packed, pad=0.25, borderpad=0.6, frameon=True)
    box.patch.set(facecolor="white", edgecolor="none", alpha=0.8, boxstyle="round,pad=0.2", gid="north-arrow")
    box.set_zorder(12)
    return box


def north_arrow(ax: Axes, request_crs: CRS, extent: Extent, canvas: Canvas, focus: set[str],
                renderer: RendererBase, scale: float) -> AnchoredOffsetbox:  # fmt: skip
    """An arrow to true north on the map, in the corner (of the three the scale bar leaves) that crowds the data
    least: no border within the arrow's width of it, then the least of the figure's own countries there, then the
    farthest from a border (the labels keep clear of it).
    """
    angle = _north_angle(request_crs, extent)
    own = canvas.land_of(focus)
    lines = canvas.borders.geometry.union_all()
    to_data = ax.transData.inverted()
    chosen: tuple[tuple[bool, float, float], AnchoredOffsetbox] | None = None
    for corner in ARROW_CORNERS:
        box = _arrow_box(angle, corner, scale)
        ax.add_artist(box)
        window = box.get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_data.transform([(window.x0, window.y0), (window.x1, window.y1)])
        area = shapely.box(x0, y0, x1, y1)
        near = area.buffer(x1 - x0)  # what lies within the arrow's width of it
        cost = (near.intersects(lines), near.intersection(own).area / near.area, -area.distance(lines))
        if chosen is None or cost < chosen[0]:
            if chosen is not None:
                chosen[1].remove()
            chosen = (cost, box)
        else:
            box.remove()
    assert chosen is not None
    return chosen[1]


def locator(fig: Figure, view: MapView, paper: Paper, crs: CRS, extent: Extent, own: set[str],
            status_shown: bool) -> Axes:  # fmt: skip
    """A small map of the whole region at the top of the panel: the figure's own countries highlighted (in their
    status's colour when the map shows status) and the frame's extent marked.
    """
    left, bottom, width, height = panel_box(paper)
    box = (left, bottom + height * 0.62, width * 0.78, height * 0.38) if landscape(paper) else (
        left, bottom, width * 0.3, height)  # fmt: skip
    inset = fig.add_axes(box)
    inset.set_gid("locator")
    outlines = view.overview.to_crs(crs)
    outlines.plot(ax=inset, color="#d9d9d9", edgecolor="white", linewidth=0.3)
    mine = outlines.loc[outlines["iso3"].isin(own)]  # the same outlines, highlighted
    colours = [
        STATUS_COLOURS[view.statuses[c].status] if status_shown and c in view.statuses else HIGHLIGHT
        for c in mine["iso3"]
    ]
    mine.plot(ax=inset, color=colours, edgecolor="white", linewidth=0.3, gid="locator-own")
    xmin, ymin, xmax, ymax = extent
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


def beyond_region(ax: Axes, crs: CRS, extent: Extent, canvas: Canvas, own: set[str], fade: bool) -> None:
    """Where the frame reaches beyond the atlas region (the data end there): `fade`, the land and sea fade out towards
    the region's edge (no cut edge; the regional figure); else the paper shows there, plain (a country's figure).
    Either lies under every line and mark, and never over the figure's own countries, which keep their full colour.
    """
    xmin, ymin, xmax, ymax = extent
    frame = shapely.box(xmin, ymin, xmax, ymax)
    outside = shapely.difference(frame, region_outline(crs))
    if outside.is_empty:
        return
    kept = canvas.land_of(own)
    if not fade:
        gpd.GeoSeries([outside.difference(kept)]).plot(ax=ax, color="white", linewidth=0, zorder=1.5, gid="no-data")
        return
    step = 0.006 * (xmax - xmin)
    for k in range(12):  # veils reaching further in, one over another: opaque outside, fading in over 12 steps
        veil = shapely.intersection(outside.buffer(step * k), frame).difference(kept)
        gpd.GeoSeries([veil]).plot(ax=ax, color="white", alpha=0.5 if k == 0 else 0.09, linewidth=0, zorder=1.5)
