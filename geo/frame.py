"""What a print figure frames: its paper size, resolution, projection and extent, checked and fitted (pure).

Where the extent reaches beyond the atlas region (geo.settings.REGION), the regional figure fades out towards the
region's edge and a country's figure shows plain paper there (layers.figure.furniture).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.errors import AtlasError
from geo.geodesy import EQUAL_AREA, reprojected, transformer
from geo.settings import MIN_METRES_PER_PIXEL, REGION

PAPER_MM: dict[str, tuple[float, float]] = {
    "A3-landscape": (420, 297),
    "A3-portrait": (297, 420),
    "A4-landscape": (297, 210),
    "A4-portrait": (210, 297),
    "A5-landscape": (210, 148),
    "A5-portrait": (148, 210),
}
DPI_RANGE = (50, 1200)
Format = Literal["svg", "pdf", "png"]
FORMATS: tuple[Format, ...] = ("svg", "pdf", "png")  # what a figure can be written as
DEFAULT_CRS = EQUAL_AREA  # ETRS89 Lambert azimuthal equal-area: areas are true across Europe
_SIZE = re.compile(r"(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)mm")
PADDING = 0.06  # of the framed area, on each side

Extent = tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in the figure's CRS


@dataclass(frozen=True)
class Paper:
    """A figure's size in millimetres and its resolution for raster output."""

    width_mm: float
    height_mm: float
    dpi: int

    @property
    def inches(self) -> tuple[float, float]:
        """Width and height in inches (matplotlib's unit)."""
        return self.width_mm / 25.4, self.height_mm / 25.4


def parse_paper(size: str, dpi: int, field: str = "--size") -> Paper:
    """A named paper size ('A4-landscape') or 'WIDTHxHEIGHTmm', with a DPI in DPI_RANGE."""
    if size in PAPER_MM:
        width, height = PAPER_MM[size]
    elif match := _SIZE.fullmatch(size):
        width, height = float(match.group(1)), float(match.group(2))
        if not (50 <= width <= 1000 and 50 <= height <= 1000):
            raise AtlasError(None, field, size, "each side must be 50 to 1000 mm")
    else:
        raise AtlasError(None, field, size, f"unknown size; choose from {', '.join(PAPER_MM)} or WIDTHxHEIGHTmm")
    if not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise AtlasError(None, "--dpi", dpi, f"must be {DPI_RANGE[0]} to {DPI_RANGE[1]}")
    return Paper(width, height, dpi)


def parse_format(path: Path, field: str = "--out") -> Format:
    """The figure format a file name asks for, by its suffix."""
    suffix = path.suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if suffix == fmt:
            return fmt
    raise AtlasError(None, field, str(path), f"unknown format; end the name with {', '.join('.' + f for f in FORMATS)}")


def parse_crs(text: str, field: str = "--crs") -> CRS:
    """A projected CRS that pyproj knows (EPSG:3035, EPSG:3067, ...)."""
    try:
        crs = CRS.from_user_input(text)
    except CRSError:
        raise AtlasError(None, field, text, "unknown CRS (try EPSG:3035)") from None
    if not crs.is_projected:
        raise AtlasError(None, field, text, "not a projected CRS: a print map needs one (try EPSG:3035)")
    return crs


def parse_bbox(text: str, field: str = "--bbox") -> tuple[float, float, float, float]:
    """'W,S,E,N' in degrees, west of east and south of north, inside the atlas region."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise AtlasError(None, field, text, "must be four numbers W,S,E,N in degrees") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise AtlasError(None, field, text, "must be four finite numbers (no nan or inf)")
    if west >= east or south >= north:
        raise AtlasError(None, field, text, "inverted: west must be less than east and south less than north")
    rw, rs, re_, rn = REGION
    if west < rw or east > re_ or south < rs or north > rn:
        raise AtlasError(None, field, text, f"outside the atlas region (W,S,E,N = {rw:g},{rs:g},{re_:g},{rn:g})")
    return west, south, east, north


def _projected(bounds: tuple[float, float, float, float], crs: CRS) -> shapely.Geometry:
    """A lon/lat box as a polygon in `crs`, its edges densified so they curve as the projection bends them."""
    box = shapely.segmentize(shapely.box(*bounds), 0.25)
    return reprojected(box, transformer("EPSG:4326", crs))


def region_outline(crs: CRS) -> shapely.Geometry:
    """The atlas region as a polygon in `crs`."""
    return _projected(REGION, crs)


def fitted_extent(bounds: tuple[float, float, float, float], crs: CRS, aspect: float) -> Extent:
    """The extent in `crs` that shows the lon/lat `bounds` with some padding and has the map frame's aspect
    (width / height). What it shows beyond the atlas region is drawn as such (layers.figure.furniture).
    """
    xmin, ymin, xmax, ymax = _projected(bounds, crs).bounds
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    half_w, half_h = (xmax - xmin) / 2 * (1 + 2 * PADDING), (ymax - ymin) / 2 * (1 + 2 * PADDING)
    if half_w / half_h < aspect:
        half_w = half_h * aspect
    else:
        half_h = half_w / aspect
    if not region_outline(crs).contains(shapely.Point(cx, cy)):
        raise AtlasError(None, "extent", bounds, "its centre is outside the atlas region")
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def check_resolvable(extent: Extent, map_width_px: float, field: str, value: object) -> None:
    """AtlasError unless the frame is wide enough for the paper at its resolution: a pixel must stand for at least
    settings.MIN_METRES_PER_PIXEL, as fine as the atlas's geometry is (a smaller frame would draw nothing more, slowly).
    """
    metres = extent[2] - extent[0]
    least = MIN_METRES_PER_PIXEL * map_width_px
    if not math.isfinite(metres) or metres < least:
        raise AtlasError(
            None, field, value,
            f"too small for the paper at its resolution: the frame must be at least {least / 1000:,.1f} km across "
            f"({MIN_METRES_PER_PIXEL:g} m a pixel, the atlas's finest geometry)",
        )  # fmt: skip
