"""The report pack's chart of border lengths against scale: one small log–log panel per border (Richardson's plot),
the divider series on the atlas's line as a line, each map's length at the detail its scale shows as a diamond, and
each official total as a dashed rule, with the roughness the series implies in the panel's title.

The same reading as the app's Altair chart (layers.web.charts.scales_chart), drawn by matplotlib for print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from geo.scales import BorderScales
from layers.figure.draw import RC, saved_bytes
from layers.style import OFFICIAL_COLOUR, SCALE_SOURCE_COLOURS, SCALE_SOURCE_LABELS

COLUMNS = 4
PANEL_MM = (46.0, 40.0)  # one border's panel, width and height
MARGIN_MM = (14.0, 30.0)  # around the panels: sides, and top and bottom together (title, legend)
MM = 1 / 25.4
TITLE = "Border lengths against the detail they are measured at"
MAPS = ("atlas", "dcw", "natural-earth")  # the sources drawn as points (the divider is a line)
DASHED = (0, (4, 3))  # an official total's rule
_PLAIN = FuncFormatter(lambda value, _: f"{value:g}")  # 0.1, 1, 10 and 1340, never 1.00 or 1.34e3


def _panel(ax: Axes, scales: BorderScales, totals: Sequence[float]) -> None:
    """One border's log–log panel."""
    divider = scales.divider
    ax.plot(
        [s.resolution_km for s in divider],
        [s.length_km for s in divider],
        color=SCALE_SOURCE_COLOURS["divider"],
        marker="o",
        markersize=2.5,
        linewidth=1,
    )
    for s in scales.lengths:
        if s.ruler_km is None:  # a map at its scale (the divider is the line above)
            ax.plot(s.resolution_km, s.length_km, "D", color=SCALE_SOURCE_COLOURS[s.source], markersize=4)
    for km in totals:
        ax.axhline(km, color=OFFICIAL_COLOUR, linestyle=DASHED, linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(_PLAIN)
        axis.set_minor_locator(NullLocator())  # the decades and the two labelled lengths suffice (and cost little)
    values = [s.length_km for s in scales.lengths] + list(totals)
    low, high = min(values), max(values)
    if low > 0:
        pad = (math.log10(high) - math.log10(low)) * 0.12 or 0.02
        ax.set_ylim(10 ** (math.log10(low) - pad), 10 ** (math.log10(high) + pad))
        ax.set_yticks(sorted({round(low, -1) or round(low), round(high, -1) or round(high)}))
    rough = scales.roughness
    ax.set_title(f"{scales.pair} · D = {rough:.3f}" if rough is not None else scales.pair, fontsize=7.5, loc="left")
    ax.tick_params(labelsize=6, length=2, pad=1.5)
    ax.grid(True, which="major", linewidth=0.3, color="#cccccc")


def scales_figure_svg(scales: Sequence[BorderScales], official: pd.DataFrame) -> bytes:
    """Every border's lengths at several scales as one SVG page of small log–log panels, the same bytes for the same
    lengths; `official` is geo.tables.scales_official_table (its totals are drawn as rules).
    """
    rows = max(1, math.ceil(len(scales) / COLUMNS))
    width = COLUMNS * PANEL_MM[0] + MARGIN_MM[0]
    height = rows * PANEL_MM[1] + MARGIN_MM[1]
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(width * MM, height * MM))
        FigureCanvasAgg(figure)
        axes = figure.subplots(rows, COLUMNS, squeeze=False)
        totals = official.loc[official["measures"] == "total"]
        for ax, border in zip(axes.flat, scales, strict=False):
            _panel(ax, border, [float(km) for km in totals.loc[totals["border"] == border.pair, "km"]])
        for ax in list(axes.flat)[len(scales) :]:
            ax.set_visible(False)
        figure.supxlabel(
            "detail measured at, km (the ruler, or 0.5 mm at the map's scale)",
            fontsize=7,
            y=(MARGIN_MM[1] - 14) / height,
        )
        figure.supylabel("length, km (geodesic)", fontsize=7)
        figure.suptitle(TITLE, fontsize=10, x=MARGIN_MM[0] / 2 / width, ha="left")
        handles = [
            Line2D([], [], color=SCALE_SOURCE_COLOURS["divider"], marker="o", markersize=3, linewidth=1),
            *(
                Line2D([], [], color=SCALE_SOURCE_COLOURS[key], marker="D", markersize=4, linestyle="none")
                for key in MAPS
            ),
            Line2D([], [], color=OFFICIAL_COLOUR, linestyle=DASHED, linewidth=0.8),
        ]
        labels = [
            f"{SCALE_SOURCE_LABELS['divider']} (D: roughness from its slope)",
            *(SCALE_SOURCE_LABELS[key] for key in MAPS),
            "official total",
        ]
        figure.legend(
            handles, labels, loc="lower center", ncols=3, fontsize=6.5, frameon=False, bbox_to_anchor=(0.5, 0.0)
        )
        figure.subplots_adjust(
            left=12 / width, right=1 - 3 / width, top=1 - 14 / height, bottom=22 / height, hspace=0.55, wspace=0.4
        )
        description = (
            f"{TITLE}: for each of {len(scales)} borders, its length walked with rulers of "
            f"{', '.join(f'{s.ruler_km:g}' for s in scales[0].divider) if scales else ''} km along the atlas's line, "
            "and as drawn by the Digital Chart of the World and Natural Earth, on logarithmic axes; dashed: the "
            "official totals."
        )
    return saved_bytes(figure, "svg", description, TITLE)
