"""What each map layer draws on a print figure (the `drawer` of its spec in geo.catalogue), over the land, in the
figure's projection; z-orders keep the marks stacked as on the web map: land 1, bands and corridor 2, border lines 3,
the corridor's narrowest line 4, located parts 5.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from pyproj import CRS

from geo.plans import STAGES, Stage
from geo.view import MapView
from layers.style import (
    CLOSED_CROSSING_STYLE,
    NEIGHBOUR_COLOURS,
    PART_KIND_COLOURS,
    PART_STAGE_GROUP,
    PLAN_COLOUR,
    PLAN_STAGE_STYLES,
    STATUS_COLOURS,
    SUWALKI_COLOUR,
)

BAND_WIDTH = 4.5  # points: a not-located plan's band along its border
LAND_GREY = "#efefef"  # the land when treaty status is not shown
PART_DASHES: dict[str, Any] = {"planned": (0, (2, 2)), "under_construction": (0, (5, 2)), "complete": "solid"}


@dataclass(frozen=True)
class Canvas:
    """What every drawer shares: the projection, the countries simplified for the paper, the borders projected."""

    crs: CRS
    countries: gpd.GeoDataFrame
    borders: gpd.GeoDataFrame
    _lands: dict[frozenset[str], shapely.Geometry] = field(default_factory=dict, init=False, repr=False, compare=False)

    def land_of(self, iso3: Iterable[str]) -> shapely.Geometry:
        """These countries as drawn, as one geometry (made once: the fade and the north arrow both keep clear of it)."""
        key = frozenset(iso3)
        if key not in self._lands:
            self._lands[key] = self.countries.loc[self.countries["iso3"].isin(key)].geometry.union_all()
        return self._lands[key]


def draw_land(ax: Axes, canvas: Canvas) -> None:
    """The countries in one grey, when treaty status is not shown."""
    canvas.countries.plot(ax=ax, color=LAND_GREY, edgecolor="white", linewidth=0.4, zorder=1)


def draw_status(ax: Axes, view: MapView, canvas: Canvas) -> None:
    """The countries filled by their treaty status on the day."""
    statuses = [view.statuses[c].status if c in view.statuses else "" for c in canvas.countries["iso3"]]
    colours = [STATUS_COLOURS[s] for s in statuses]
    canvas.countries.plot(ax=ax, color=colours, edgecolor="white", linewidth=0.4, zorder=1)


def draw_borders(ax: Axes, view: MapView, canvas: Canvas) -> None:
    """The main borders with Russia and Belarus, each in its neighbour's colour."""
    borders = canvas.borders
    for neighbour, colour in NEIGHBOUR_COLOURS.items():
        lines = borders.loc[(borders["neighbour"] == neighbour) & borders["main"]] if neighbour else borders.iloc[0:0]
        if not lines.empty:
            lines.plot(ax=ax, color=colour, linewidth=1.1, zorder=3)


def draw_suwalki(ax: Axes, view: MapView, canvas: Canvas) -> None:
    """The corridor hatched with a dashed outline, its narrowest line dashed."""
    gap = view.suwalki.to_crs(canvas.crs)
    corridor = gap.loc[gap["kind"] == "corridor"]
    narrowest = gap.loc[gap["kind"] == "narrowest"]
    if corridor.empty:  # outside the frame
        return
    corridor.plot(
        ax=ax, facecolor="none", edgecolor=SUWALKI_COLOUR, hatch="////", lw=0.8, linestyle=(0, (4, 2)), zorder=2
    )
    narrowest.plot(ax=ax, color=SUWALKI_COLOUR, linewidth=1.2, linestyle=(0, (3, 2)), zorder=4)


def draw_plans(ax: Axes, view: MapView, canvas: Canvas) -> None:
    """The bands of plans named for a border but not located, at their stage, and the located parts on top."""
    for stage, pairs in band_stages(view).items():
        bands = canvas.borders.loc[canvas.borders["pair"].isin(pairs)]
        if not bands.empty:
            bands.plot(ax=ax, color=PLAN_COLOUR, linewidth=BAND_WIDTH, zorder=2, **band_style(stage))
    _draw_parts(ax, view, canvas.crs)


def band_stages(view: MapView) -> dict[Stage, set[str]]:
    """The borders whose not-located plans have reached each stage (the furthest of a border's plans)."""
    found: dict[Stage, set[str]] = {}
    for pair, plans in view.plans_by_border().items():
        found.setdefault(max((p.stage for p in plans), key=STAGES.index), set()).add(pair)
    return found


def band_style(stage: str) -> dict[str, Any]:
    """A band's opacity and dashes at its stage, as the web map draws it (layers.style.PLAN_STAGE_STYLES): the same
    share of dash to gap, in units of the band's width.
    """
    style = PLAN_STAGE_STYLES[stage]  # type: ignore[index]
    on, off = (float(n) for n in str(style["dashArray"]).split())
    scale = 6 / (on + off)  # one dash and gap span six band widths in print
    return {"alpha": float(str(style["opacity"])), "linestyle": (0, (on * scale, off * scale))}


def _draw_parts(ax: Axes, view: MapView, crs: CRS) -> None:
    """Each located part known on the day: a line along its stretch, or a dot at its place; lines first."""
    for stage in sorted(view.part_stages, key=lambda s: s.located.located_km is None):
        located = stage.located
        colour = PART_KIND_COLOURS[located.part.kind]
        group = PART_STAGE_GROUP[stage.stage]
        geom = gpd.GeoSeries([located.geometry], crs="EPSG:4326").to_crs(crs)
        if located.located_km is not None:
            geom.plot(
                ax=ax, color=colour, linewidth=2.6, linestyle=PART_DASHES[group], zorder=5,
                gid=f"part-{located.part.id}",
            )  # fmt: skip
            continue
        point = geom.iloc[0]
        closed = located.part.kind == "closed_crossing"
        face = str(CLOSED_CROSSING_STYLE["fillColor"]) if closed else colour if group != "planned" else "white"
        ax.plot(
            point.x, point.y, marker="o", markersize=4.2, markerfacecolor=face, markeredgecolor=colour,
            markeredgewidth=1.2, linestyle="none", zorder=6, gid=f"part-{located.part.id}",
        )  # fmt: skip
