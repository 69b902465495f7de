"""Each map layer is defined once (geo.catalogue): every key has a complete spec whose functions exist in the package
each front end may import, and the web map, the print figure, the legend, the GIS files and the sources list all
dispatch through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import folium
import pytest

from geo.catalogue import CATALOGUE, LayerSpec, implementation
from geo.facts import Facts
from geo.gis import layer_frames
from geo.gpkg import GeoPackage
from geo.settings import LAYERS
from geo.view import MapView, map_view, sources_on_map
from layers.legend import LegendInputs, legend_sections

# where each part of a spec must live: the core's parts in geo, the drawing's in the package that draws that medium
HOMES = {
    "gis": "geo.gis:",
    "cites": "geo.view:",
    "web": "layers.web.",
    "drawer": "layers.figure.",
    "legend": "layers.legend:",
}


def test_every_layer_has_a_complete_spec_and_nothing_else_does() -> None:
    assert list(CATALOGUE) == list(LAYERS)
    assert {f.name for f in fields(LayerSpec)} == {"key", *HOMES}
    for key, spec in CATALOGUE.items():
        assert spec.key == key and spec.label == LAYERS[key]
        for part, home in HOMES.items():
            name = getattr(spec, part)
            assert name.startswith(home), f"{key}.{part} = {name} is not in {home}"
            assert callable(implementation(name)), f"{key}.{part}"


@pytest.fixture(scope="module")
def view(gpkg: GeoPackage, facts: Facts) -> MapView:
    return map_view(gpkg, facts, dt.date(2026, 3, 1))


@pytest.mark.parametrize("key", list(LAYERS))
def test_each_layer_draws_explains_exports_and_cites_through_its_spec(
    gpkg: GeoPackage, view: MapView, key: str
) -> None:
    spec = CATALOGUE[key]
    group = implementation(spec.web)(view)
    assert isinstance(group, folium.FeatureGroup) and group.layer_name == spec.label
    (section,) = legend_sections((key,), LegendInputs(statuses=["withdrawn"], kinds=["fence"]))
    assert section.title == spec.label and section.entries
    assert set(layer_frames(gpkg, view, (key,))) == set(implementation(spec.gis)(gpkg, view))
    assert set(sources_on_map(view, ())) <= set(sources_on_map(view, (key,)))


def test_an_unknown_name_in_a_spec_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        implementation("layers.legend:no_such_function")
