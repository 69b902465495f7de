"""The atlas map: the chosen layers over the countries (or a tile basemap), with legend, title and controls."""

from __future__ import annotations

import folium
from xyzservices import TileProvider

from geo import TOOL_NAME, __version__
from geo.catalogue import CATALOGUE, implementation
from geo.model import MapModel
from geo.settings import MAX_ZOOM, MIN_ZOOM, ZOOM_SNAP
from layers.legend import LegendInputs, legend_sections
from layers.style import BACKGROUND, PART_KIND_LABELS, STATUS_LABELS
from layers.web.cites import CitationTable, DetailsTable
from layers.web.controls import (
    FitBounds,
    FocusWithoutScroll,
    LayerSwitch,
    MapPosition,
    SmallScreen,
    ZoomControl,
    add_controls,
)
from layers.web.document import LeafletMap
from layers.web.furniture import ATTRIBUTION, Attribution, Palette, legend_control, stylesheet, title_control
from layers.web.html import elements, page_of
from layers.web.names import Declutter, FarNames, names_layers
from layers.web.panel import DetailsPanel, panel_stylesheet
from layers.web.plans import PARTS_PANE
from layers.web.status import land_layer
from layers.web.timecontrol import TimeControl
from layers.web.vector import Decoder, VectorLayer

DEFAULT_TITLE = "The Ottawa Convention on NATO's eastern flank"


def atlas_map(
    model: MapModel,
    title: str = DEFAULT_TITLE,
    basemap: TileProvider | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    height: str = "100%",
    standalone: bool = True,
) -> folium.Map:
    """The map of the model (geo.model) with its layers; no basemap draws the vector countries on a plain sea colour.

    A standalone map carries its own title box, layer switcher and date control; one shown inside the app, whose
    sidebar holds the title, date and layers, carries none of them (each setting has one control on the screen).

    A model with its own time (`model.history`) gives a map whose page hides what is not known on the day it shows,
    with a date control over the model's date range (layers.web.timecontrol).
    """
    view, layers = model.view, model.layers
    m = LeafletMap(
        title,
        standalone,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        zoom_control=False,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        height=height,
    )
    m.options["zoomSnap"] = ZOOM_SNAP  # fit the region closely
    m._id = "atlas"  # a fixed name (map_atlas): pages and tests can find the map
    # Leaflet without jQuery, Bootstrap or Font Awesome (nothing uses them), then the page's API that every script of
    # the atlas publishes through (layers/web/static/api.js), with the inflater it unpacks the page's data with
    m.default_js = [
        ("leaflet", folium.Map.default_js[0][1]),
        ("tiny_inflate", "node_modules/tiny-inflate/index.js"),
        ("atlas_api_js", "layers/web/static/api.js"),
    ]
    m.default_css = [("leaflet_css", folium.Map.default_css[0][1])]
    page_of(m).header.add_child(stylesheet(), name="atlas_css")
    page_of(m).header.add_child(panel_stylesheet(), name="atlas_panel_css")
    if basemap is not None:
        folium.TileLayer(basemap, name=basemap.name, overlay=False, control=True).add_to(m)
    Palette(None if basemap else BACKGROUND).add_to(m)
    Decoder().add_to(m)  # before any layer: they call it
    if standalone:
        title_control(title, view.day, f"{TOOL_NAME} {__version__}", view.reach).add_to(m)
    ZoomControl().add_to(m)
    folium.map.CustomPane(PARTS_PANE, z_index=450).add_to(m)  # located parts above the border lines (400)
    land_layer(view, coloured="status" in layers).add_to(m)
    groups = {key: implementation(CATALOGUE[key].web)(view) for key in layers}
    for group in groups.values():
        group.add_to(m)
    focus = {c.iso3: c.name for c in view.facts.countries if c.focus}
    areas, capitals = names_layers(model.labels, first=set(focus.values()))
    areas.add_to(m)
    capitals.add_to(m)
    FarNames(capitals).add_to(m)
    Declutter().add_to(m)
    statuses = [s for s in STATUS_LABELS if s in model.legend.statuses]
    kinds = [k for k in PART_KIND_LABELS if k in model.legend.kinds]
    legend_control(legend_sections(layers, LegendInputs(statuses, kinds, model.legend.disputed)), focus).add_to(m)
    citations, details = CitationTable(model.sources), DetailsTable()
    for element in elements(m):
        if isinstance(element, VectorLayer):
            element.hold_details(citations, details)
    DetailsPanel(citations.rows, details.texts).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)
    add_controls(m, view, layer_switcher=standalone)
    LayerSwitch(groups).add_to(m)
    SmallScreen().add_to(m)
    if model.history is not None:
        TimeControl(model.history, view.day, interactive=standalone, status_layer="status" in layers).add_to(m)
    FitBounds(bounds or view.focus_bounds()).add_to(m)  # after every box in the corners: the fit keeps clear of them
    MapPosition().add_to(m)  # after the fit: where the map opens is its home
    FocusWithoutScroll().add_to(m)
    return m
