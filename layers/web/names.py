"""Names on the web map: countries, Kaliningrad Oblast, the Suwałki Gap and capitals, as permanent labels (the print
figure places the same names, geo.labels, with its own placement).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import folium
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.labels import Label
from layers.web.html import esc
from layers.web.vector import VectorLayer, feature

# how each kind of name looks (CSS classes in layers.web.furniture) and which side of its point it sits
_CLASSES = {"country": "country", "region": "region", "corridor": "corridor", "capital": "capital"}


def names_layers(
    labels: Sequence[Label], first: Collection[str] = ()
) -> tuple[folium.FeatureGroup, folium.FeatureGroup]:
    """Permanent labels at each area's representative point (countries, Kaliningrad Oblast), and capitals as dots with
    their names; neither in the layer list (FarNames shows the capitals only when zoomed in). The names come in the
    order a crowded map keeps them (Declutter): those in `first` (the focus countries), then the larger areas.
    """
    labels = sorted(labels, key=lambda label: (label.text not in first, -label.geometry.area))
    areas = folium.FeatureGroup(name="Names", overlay=True, control=False)
    capitals = folium.FeatureGroup(name="Capitals", overlay=True, control=False)
    features: dict[bool, list[dict[str, object]]] = {True: [], False: []}
    for label in labels:
        if label.kind in ("corridor", "width", "place"):
            continue  # the corridor's layer carries its width label and its name is in the legend; places: details
        if label.kind == "capital":
            style = {"radius": 2.5, "color": "#111", "weight": 1, "fillColor": "#111", "fillOpacity": 1}
            point = label.geometry
        else:
            pieces = list(getattr(label.geometry, "geoms", [label.geometry]))
            point = max(pieces, key=lambda p: p.area).representative_point()
            style = {"radius": 0, "weight": 0, "opacity": 0, "fillOpacity": 0}
        features[label.kind == "capital"].append(
            feature(
                shapely.Point(point.x, point.y),
                style,
                decimals=4,
                name=esc(label.text),
                nameClass=_CLASSES[label.kind],
                nameDir="right" if label.kind == "capital" else "center",
                interactive=False,
            )
        )
    # after the first paint: each permanent label measures itself (a forced layout), ~0.2 s on a slow phone
    VectorLayer(features[False], name="names", later=True).add_to(areas)
    VectorLayer(features[True], name="capitals", later=True).add_to(capitals)
    return areas, capitals


class FarNames(MacroElement):
    """Zoomed out (below zoom 6) the map shows country names only: the capitals' dots turn transparent and the CSS
    ('atlas-far') hides their names and the region names, so the names stay legible; zoomed in, every name shows.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMap.farNames({{ this._parent.get_name() }}, "
        "{{ this.capitals.get_name() }});{% endmacro %}"
    )
    default_js = [("atlas_map_js", "layers/web/static/map.js")]

    def __init__(self, capitals: folium.FeatureGroup) -> None:
        super().__init__()
        self._name = "far_names"
        self.capitals = capitals


class Declutter(MacroElement):
    """No name on another: one that would meet a name shown before it is hidden until a zoom makes room
    (AtlasMap.declutter).
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMap.declutter({{ this._parent.get_name() }});{% endmacro %}"
    )
    default_js = [("atlas_map_js", "layers/web/static/map.js")]

    def __init__(self) -> None:
        super().__init__()
        self._name = "declutter"
