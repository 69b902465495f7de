"""The map's layers, each defined once: its key and label (geo.settings.LAYERS), the GIS layers it gives, the facts
whose sources it cites, and the functions that draw it on the web map, on a print figure and in the legend.

Functions are named 'module:function' and imported when first used, like entry points: the core names the drawing
code without importing it, and each front end imports only its own (the web map no matplotlib, the figure no
folium). tests/test_catalogue.py checks that every key has a complete spec and that every name resolves in its
package. A new layer: its key and label in LAYERS, its functions, and one LayerSpec here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from geo.settings import LAYERS


@dataclass(frozen=True)
class LayerSpec:
    """One map layer: where each of its parts is defined."""

    key: str
    gis: str  # geo.gis: (geometry, view) -> {GIS layer name: GeoDataFrame}
    cites: str  # geo.view: (view) -> the facts it shows, whose sources the map's sources list cites
    web: str  # layers.web: (view) -> its folium layer group
    drawer: str  # layers.figure: (ax, view, canvas) -> None, drawn on a print figure
    legend: str  # layers.legend: (LegendInputs) -> its legend groups

    @property
    def label(self) -> str:
        """Its name in the legend, the layer switcher and the app."""
        return LAYERS[self.key]


CATALOGUE: dict[str, LayerSpec] = {
    spec.key: spec
    for spec in (
        LayerSpec(
            key="status",
            gis="geo.gis:status_frames",
            cites="geo.view:status_facts",
            web="layers.web.status:status_layer",
            drawer="layers.figure.marks:draw_status",
            legend="layers.legend:status_groups",
        ),
        LayerSpec(
            key="plans",
            gis="geo.gis:plans_frames",
            cites="geo.view:plans_facts",
            web="layers.web.plans:plans_layer",
            drawer="layers.figure.marks:draw_plans",
            legend="layers.legend:plans_groups",
        ),
        LayerSpec(
            key="suwalki",
            gis="geo.gis:suwalki_frames",
            cites="geo.view:suwalki_facts",
            web="layers.web.suwalki:suwalki_layer",
            drawer="layers.figure.marks:draw_suwalki",
            legend="layers.legend:suwalki_groups",
        ),
        LayerSpec(
            key="borders",
            gis="geo.gis:borders_frames",
            cites="geo.view:borders_facts",
            web="layers.web.borders:border_layer",
            drawer="layers.figure.marks:draw_borders",
            legend="layers.legend:borders_groups",
        ),
    )
}


def implementation(name: str) -> Callable[..., Any]:
    """The function a spec names as 'module:function'."""
    module, _, function = name.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found
