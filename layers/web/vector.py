"""A GeoJSON layer whose features carry their own style, details and tooltip HTML (already escaped), in compact JSON."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.display import rounded
from geo.settings import DECIMALS
from layers.web.cites import CitationTable, DetailsTable
from layers.web.html import Raw, RawJSON, js_json, packed_json, page_of

_STATIC = [("atlas_vector_js", "layers/web/static/vector.js")]  # the page side: decoding, drawing, atlasLater


def _encoded(values: list[int]) -> str:
    """Integers in the polyline encoding (Google's): zigzag, then 5-bit chunks as the characters '?' to '~'."""
    out = []
    for value in values:
        v = ~(value << 1) if value < 0 else value << 1
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        out.append(chr(v + 63))
    return "".join(out)


def _ring(coords: np.ndarray, decimals: int) -> str:
    """A ring or line as one string: its coordinates times 10^decimals, each pair as the difference from the last
    (none of 0, 0: a vertex that rounds onto the one before it is left out).
    """
    ints = np.round(coords[:, :2] * 10**decimals).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    deltas = deltas[np.r_[True, deltas[1:].any(axis=1)]]  # a vertex rounded onto the one before it is left out
    return _encoded(deltas.ravel().tolist())


def encoded_geometry(geom: shapely.Geometry, decimals: int = DECIMALS) -> dict[str, Any] | RawJSON:
    """Lines and polygons with their coordinates polyline-encoded (about a third of the bytes of GeoJSON text);
    points as GeoJSON. The page decodes them (VectorLayer's script) before Leaflet reads them.
    """
    kind = geom.geom_type
    if kind == "LineString":
        parts: Any = _ring(shapely.get_coordinates(geom), decimals)
    elif kind == "Polygon":
        parts = [_ring(shapely.get_coordinates(r), decimals) for r in (geom.exterior, *geom.interiors)]
    elif kind == "MultiLineString":
        parts = [_ring(shapely.get_coordinates(g), decimals) for g in geom.geoms]
    elif kind == "MultiPolygon":
        parts = [[_ring(shapely.get_coordinates(r), decimals) for r in (p.exterior, *p.interiors)] for p in geom.geoms]
    else:
        return RawJSON(shapely.to_geojson(rounded(geom, decimals)))
    return {"type": kind, "d": decimals, "e": parts}


def feature(
    geom: shapely.Geometry,
    style: dict[str, Any],
    details: str = "",
    tooltip: str = "",
    label: str = "",
    decimals: int = DECIMALS,
    **props: Any,
) -> dict[str, Any]:
    """One GeoJSON feature (coordinates rounded) with its style and its escaped details (shown in the page's details
    panel, layers.web.panel), tooltip and permanent label.
    """
    properties: dict[str, Any] = {"style": style, **props}
    for key, value in (("details", details), ("tooltip", tooltip), ("label", label)):
        if value:
            properties[key] = value
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": encoded_geometry(geom, decimals),
    }


class Decoder(MacroElement):
    """The page's decoder of encoded geometries (window.atlasDecode) and its queue of work for after the first paint
    (window.atlasLater); added to a map before any layer that uses them.
    """

    _template = Template("{% macro script(this, kwargs) %}AtlasVector.install();{% endmacro %}")
    default_js = _STATIC

    def __init__(self) -> None:
        super().__init__()
        self._name = "decoder"


class VectorLayer(MacroElement):
    """Features drawn with Leaflet's L.geoJSON into the parent feature group; a click opens a feature's details in the
    page's details panel (window.atlasDetails); tooltips bound per feature.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasVector.layer({{ this._parent.get_name() }}, {{ this.data }}, "
        "{{ this.pane|tojson }}, {{ this.later|tojson }});{% endmacro %}"
    )
    default_js = _STATIC

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's MacroElement.render returns None; its base says str
        """Put the script into the page as it is: branca would compile it as a Jinja template again, which for
        a megabyte of GeoJSON takes most of a map's render time (the data is already Jinja-inert).
        """
        script = self._template.module.__dict__["script"]
        page_of(self).script.add_child(Raw(str(script(self, kwargs))), name=self.get_name())

    def __init__(
        self, features: list[dict[str, Any]], name: str = "vector", pane: str | None = None, later: bool = False
    ) -> None:
        super().__init__()
        self._name = name
        self.pane = pane  # a map pane (folium CustomPane) to draw into, above the default overlay pane
        self.later = later  # drawn after the map's first paint (window.atlasLater): for what the first view can miss
        self.features = features

    @property
    def collection(self) -> dict[str, Any]:
        """The features as a GeoJSON FeatureCollection."""
        return {"type": "FeatureCollection", "features": self.features}

    @property
    def data(self) -> str:
        """The feature collection packed (html.packed_json), a string for the page's script, which unpacks it when it
        draws the layer.
        """
        return js_json(packed_json(self.collection))

    def hold_details(self, citations: CitationTable, details: DetailsTable) -> None:
        """Every feature's details moved into the page's table of details, citing through its table of citations
        (each citation and each details text once per page): the feature keeps the number of its details.
        """
        for f in self.features:
            if "details" in f["properties"]:
                f["properties"]["details"] = details.number(citations.referring(f["properties"]["details"]))
