"""Label placement for print figures: each label, most important first, goes to the first of a few candidate
positions around its anchor where its box overlaps no label already placed and nothing the figure keeps clear
(legend, locator, north arrow, scale bar); a label with no free position is left out and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import shapely
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from geo.labels import Label

Offset = tuple[int, int, Literal["left", "center", "right"], Literal["bottom", "center", "top"]]
# offsets in points and alignment: areas try their centre first, points the four corners around the dot
_AREA: list[Offset] = [
    (0, 0, "center", "center"),
    (0, 9, "center", "center"),
    (0, -9, "center", "center"),
    (14, 0, "center", "center"),
]
_POINT: list[Offset] = [
    (3, 2, "left", "bottom"),
    (3, -2, "left", "top"),
    (-3, 2, "right", "bottom"),
    (-3, -2, "right", "top"),
    (0, 4, "center", "bottom"),
    (0, -4, "center", "top"),
]
# farther out, for small areas whose name may not fit inside them, and for points crowded along a border
_FAR: list[Offset] = [
    (0, 12, "center", "bottom"),
    (0, -12, "center", "top"),
    (14, 0, "left", "center"),
    (-14, 0, "right", "center"),
]
_NEAR: list[Offset] = [(dx * 2, dy * 2, ha, va) for dx, dy, ha, va in _POINT[:4]]  # a point's corners, farther out
STYLE: dict[str, dict[str, Any]] = {
    "country": {"fontsize": 8.5, "fontweight": "bold", "color": "#1a1a1a"},
    "region": {"fontsize": 6.5, "fontstyle": "italic", "color": "#1a1a1a"},
    "corridor": {"fontsize": 7, "fontweight": "bold", "color": "#111111"},
    "width": {"fontsize": 6.5, "fontweight": "bold", "color": "#111111"},
    "capital": {"fontsize": 6.5, "color": "#1a1a1a"},
    "place": {"fontsize": 5.5, "fontstyle": "italic", "color": "#3a3a3a"},
}
HALO_PAD = 0.12  # of the font size
HALO = {"boxstyle": f"round,pad={HALO_PAD}", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}


@dataclass(frozen=True)
class Placed:
    """A label placed on the figure, with its box in display units (pixels at the figure's DPI)."""

    label: Label
    text: Annotation
    box: Bbox


def slug(text: str) -> str:
    """A label's text as an SVG id part: 'Suwałki Gap' → 'suwalki-gap'."""
    plain = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    ascii_text = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def anchors(geometry: shapely.Geometry, frame: shapely.Geometry, small: bool = False) -> list[shapely.Point]:
    """Where a label may be anchored, best first: a point inside the frame; for a line, its western end, middle and
    eastern end inside the frame; for an area, the representative point of its largest piece inside the frame, then
    other points inside that piece, nearest first (none when nothing, or only a sliver under 0.5% of the frame, is
    visible, unless `small` areas are wanted: Kaliningrad Oblast and the Suwałki Gap are named however small they
    look).
    """
    if isinstance(geometry, shapely.Point):
        return [geometry] if frame.contains(geometry) else []
    if isinstance(geometry, shapely.LineString):
        ends = sorted([shapely.Point(geometry.coords[0]), shapely.Point(geometry.coords[-1])], key=lambda p: p.x)
        middle = shapely.line_interpolate_point(geometry, 0.5, normalized=True)
        return [p for p in (ends[0], middle, ends[1]) if frame.contains(p)]
    visible = shapely.intersection(shapely.make_valid(geometry), frame)
    pieces = list(getattr(visible, "geoms", [visible]))
    pieces = [p for p in pieces if p.geom_type == "Polygon" and not p.is_empty]
    if not pieces:
        return []
    largest = max(pieces, key=lambda p: p.area)
    if not small and largest.area < 0.005 * frame.area:
        return []
    best = largest.representative_point()
    x0, y0, x1, y1 = largest.bounds
    grid = [shapely.Point(x0 + (x1 - x0) * i / 6, y0 + (y1 - y0) * j / 6) for i in range(1, 6) for j in range(1, 6)]
    inside = sorted((p for p in grid if largest.contains(p)), key=best.distance)
    return [best, *inside[:10]]


def place_labels(
    ax: Axes,
    labels: list[tuple[Label, list[shapely.Point]]],
    keep_clear: list[Bbox],
    renderer: RendererBase,
    scale: float = 1.0,
) -> tuple[list[Placed], list[Label]]:
    """Place labels (each with its possible anchors in the axes' data coordinates) in order, their type `scale` times
    the standard size; return those placed and those left out for want of room.
    """
    frame = ax.get_window_extent(renderer)
    taken = list(keep_clear)
    placed: list[Placed] = []
    left_out: list[Label] = []
    for label, points in labels:
        offsets = {"country": _AREA, "capital": _POINT + _NEAR, "place": _POINT + _NEAR, "width": _POINT + _NEAR}.get(
            label.kind, _AREA + _FAR
        )
        candidates = [(point, offset) for point in points for offset in offsets]
        if not candidates:
            left_out.append(label)
            continue
        text = ax.annotate(
            label.text,
            (points[0].x, points[0].y),
            xytext=(0, 0),
            textcoords="offset points",
            bbox=HALO,
            annotation_clip=True,
            zorder=11,
            **(STYLE[label.kind] | {"fontsize": float(STYLE[label.kind]["fontsize"]) * scale}),
        )  # one text per label, moved from candidate to candidate
        pad = HALO_PAD * float(text.get_fontsize()) * float(ax.figure.dpi) / 72.0 + 0.5  # its halo, in pixels
        for point, (dx, dy, ha, va) in candidates:
            text.xy, text.xyann = (point.x, point.y), (dx, dy)
            text.set_horizontalalignment(ha)
            text.set_verticalalignment(va)
            extent = text.get_window_extent(renderer)
            box = Bbox.from_extents(extent.x0 - pad, extent.y0 - pad, extent.x1 + pad, extent.y1 + pad)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in taken):
                text.set_gid(f"label-{label.kind}-{slug(label.text)}")
                taken.append(box)
                placed.append(Placed(label, text, box))
                break
        else:
            text.remove()
            left_out.append(label)
    return placed, left_out
