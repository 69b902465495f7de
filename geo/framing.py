"""What a print figure's frame shows: the map of a day narrowed to the countries, borders, corridor, plans, parts and
capitals inside the frame (pure), so that its caption, sources, labels and legend speak of what is on the paper.
"""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import shapely
from pyproj import CRS

from geo.frame import Extent
from geo.geodesy import reprojected, transformer
from geo.pairs import canonical
from geo.plans import PlanStage
from geo.view import MapView


def frame_area(extent: Extent, crs: CRS) -> shapely.Geometry:
    """A frame's extent (in `crs`) as a lon/lat polygon, its edges densified so they bend as the projection does."""
    xmin, _, xmax, _ = extent
    box = shapely.segmentize(shapely.box(*extent), (xmax - xmin) / 50)
    return reprojected(box, transformer(crs, "EPSG:4326"))


def _inside(frame: gpd.GeoDataFrame, area: shapely.Geometry) -> gpd.GeoDataFrame:
    """The rows whose geometry reaches into the area."""
    return frame.loc[frame.geometry.intersects(area)].reset_index(drop=True)


def _plan_shown(stage: PlanStage, countries: set[str], pairs: set[str]) -> bool:
    """A plan is in the frame when a border it names is, or (naming none) when one of its countries is, or (an
    organisation's plan, naming neither) always: it concerns the whole flank.
    """
    plan = stage.plan
    if plan.borders:
        return bool({canonical(pair) for pair in plan.borders} & pairs)
    return not plan.country or bool(set(plan.country) & countries)


def view_in_frame(view: MapView, area: shapely.Geometry) -> MapView:
    """The view narrowed to what reaches into `area` (lon/lat): countries and their statuses, borders, the corridor,
    capitals, located parts, and the plans of the borders and countries shown.
    """
    countries = _inside(view.countries, area)
    borders = _inside(view.borders, area)
    codes, pairs = set(countries["iso3"]), set(borders["pair"])
    return replace(
        view,
        countries=countries,
        borders=borders,
        suwalki=_inside(view.suwalki, area),
        capitals=_inside(view.capitals, area),
        parts=tuple(p for p in view.parts if p.geometry.intersects(area)),
        statuses={code: status for code, status in view.statuses.items() if code in codes},
        plans=tuple(s for s in view.plans if _plan_shown(s, codes, pairs)),
        part_stages=tuple(s for s in view.part_stages if s.located.geometry.intersects(area)),
    )
