"""The atlas in a notebook: the web map of a day as a folium map that shows in Jupyter's output and saves as one
offline file, every script and stylesheet inline (nothing is fetched: no CDN, no tiles unless a basemap is asked for).

The tables and GIS layers come from the record (geo.record.Record: status, plans, length_table, layers); docs/api.md
shows both, and docs/atlas.ipynb runs them.
"""

from __future__ import annotations

import folium

from geo.model import map_model
from geo.settings import LAYERS
from geo.view import MapView
from layers.web.basemaps import NONE, basemap_provider
from layers.web.html import page_of
from layers.web.map import DEFAULT_TITLE, atlas_map
from layers.web.page import fix_ids, inline_assets


def folium_map(
    view: MapView,
    layers: tuple[str, ...] = tuple(LAYERS),
    *,
    title: str = DEFAULT_TITLE,
    basemap: str = NONE,
    timed: bool = False,
) -> folium.Map:
    """The web map of `view` (its layers, title box, legend, layer switcher and details panel) as a folium map whose
    page holds every asset inline: displayed inline by Jupyter, written as one offline page by `.save(path)`.
    `timed`: the map carries its own date control over the record's span.
    """
    m = atlas_map(map_model(view, layers, timed=timed), title, basemap_provider(basemap))
    page = page_of(m)
    fix_ids(page)
    inline_assets(page)
    return m
