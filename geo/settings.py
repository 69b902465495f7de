"""Where the atlas finds its files, and how finely it draws: every setting in one place.

Paths
    ROOT, DATA_DIR, SEEDS_DIR; FACTS_PATH (data/facts.yaml), CLAIMS_PATH (data/claims.yaml),
    GPKG_PATH (data/atlas.gpkg), CROSSWALK_PATH (data/crosswalk.yaml: each kind of plan part's OpenStreetMap tags and
    TDS/GGDM feature code).
The region
    REGION: west, south, east, north (lon/lat) of the data: `make data` clips to it; beyond it the regional
    print figure fades out and a country's figure shows plain paper.
Stored geometry (`make data`, the `countries` layer of the GeoPackage)
    STORED_MIN_AREA: islands and lakes under this many square degrees (about 20 km² at 60° N) are
    not stored; STORED_TOLERANCE: coverage simplification in degrees. Lengths never use this layer:
    they come from the full-resolution `border_segments`.
Drawn geometry (maps and exports, from the stored layer)
    DISPLAY_MIN_AREA (square degrees, about 50 km² at 58° N) and DISPLAY_TOLERANCE (degrees) thin the
    countries further; BORDER_TOLERANCE simplifies lines; DECIMALS rounds coordinates (3 ≈ 110 m).
    OVERVIEW_MIN_AREA and OVERVIEW_TOLERANCE give the outlines of the overview minimap.
Map layers
    LAYERS: the layers a map can show, in drawing order, with the names the legend and layer switcher use.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
FACTS_PATH = DATA_DIR / "facts.yaml"
CLAIMS_PATH = DATA_DIR / "claims.yaml"
GPKG_PATH = DATA_DIR / "atlas.gpkg"
CROSSWALK_PATH = DATA_DIR / "crosswalk.yaml"

REGION = (4.0, 49.0, 45.0, 71.5)

STORED_MIN_AREA = 0.003
STORED_TOLERANCE = 0.005

DISPLAY_MIN_AREA = 0.01
DISPLAY_TOLERANCE = 0.015
BORDER_TOLERANCE = 0.003
DECIMALS = 3
# the web map's country polygons, simplified at DISPLAY_TOLERANCE (0.015°), are written on a 0.01° grid: it moves a
# vertex by at most 0.005°, a third of what the simplification already allows (lines and points keep DECIMALS)
DISPLAY_DECIMALS = 2
OVERVIEW_MIN_AREA = 0.5
OVERVIEW_TOLERANCE = 0.1

# the web map's zoom range (Leaflet levels) and the finest step it snaps to; a link's map position is checked against it
MIN_ZOOM = 3
MAX_ZOOM = 11
ZOOM_SNAP = 0.25

# a place that locates a plan part must lie within this many km of the part's border (geo.parts)
MAX_PLACE_KM = 8.0
MIN_METRES_PER_PIXEL = 1.0  # a print figure's pixel stands for at least this: the finest the geometry resolves
MAX_BORDER_KM = 10_000.0  # no land border is longer (Canada–US, the longest, is 8,891 km): a longer length is a typo
NATO_FOUNDED = "1949-04-04"  # the North Atlantic Treaty was signed: no country joined NATO before

LAYERS: dict[str, str] = {
    "status": "Treaty status",
    "plans": "Stated deterrence plans",
    "suwalki": "Suwałki Gap",
    "borders": "Borders with Russia and Belarus",
}


def seconds_from(variable: str, default: float, most: float) -> float:
    """A time limit in seconds from the environment variable `variable`, or `default`; AtlasError for a value that is
    not a number of seconds from 0 to `most`.
    """
    from geo.errors import AtlasError

    value = os.environ.get(variable)
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= most:
        raise AtlasError(None, variable, value, f"not a number of seconds from 0 to {most:g}")
    return seconds
