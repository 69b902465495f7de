"""Where things sit on a print figure's paper: the map's frame (or, for several dates, the frames of its small
multiples side by side, each under its heading), the panel beside or below it (locator and legend), in figure
fractions.
"""

from __future__ import annotations

from geo.frame import Paper

# the page around the map, in millimetres: a title band above, a footer below, and beside the map (landscape) or
# below it (portrait) a panel for the locator and the legend, so they never cover the data
MARGIN_MM, TITLE_MM, FOOTER_MM, GAP_MM = 5.0, 15.0, 9.0, 3.0
Box = tuple[float, float, float, float]  # left, bottom, width, height, in figure fractions
PANEL_SHARE = 0.24  # of the paper's width (landscape) or height (portrait)
HEADING_MM = 5.0  # above each of several maps: its date


def landscape(paper: Paper) -> bool:
    """Whether the paper is wider than tall (the panel then sits beside the map)."""
    return paper.width_mm >= paper.height_mm


def map_box(paper: Paper) -> tuple[float, float, float, float]:
    """The map's axes in figure fractions: left, bottom, width, height."""
    w, h = paper.width_mm, paper.height_mm
    if landscape(paper):
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
    if landscape(paper):
        return (w - MARGIN_MM - PANEL_SHARE * w) / w, FOOTER_MM / h, PANEL_SHARE * w / w, (h - TITLE_MM - FOOTER_MM) / h
    return MARGIN_MM / w, FOOTER_MM / h, (w - 2 * MARGIN_MM) / w, PANEL_SHARE * h / h


def map_boxes(paper: Paper, count: int = 1) -> list[Box]:
    """The frames of `count` maps of one extent side by side in the map's box, each under a heading (one map: the
    map's box itself), in figure fractions.
    """
    if count == 1:
        return [map_box(paper)]
    left, bottom, width, height = map_box(paper)
    gap = GAP_MM / paper.width_mm
    each = (width - gap * (count - 1)) / count
    below_heading = height - HEADING_MM / paper.height_mm
    return [(left + n * (each + gap), bottom, each, below_heading) for n in range(count)]


def map_aspect(paper: Paper, count: int = 1) -> float:
    """Width over height of a map's frame (one of `count` side by side), for fitting the extent to it."""
    _, _, width, height = map_boxes(paper, count)[0]
    return (width * paper.width_mm) / (height * paper.height_mm)
