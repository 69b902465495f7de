"""The map's layers as GIS files (GeoJSON, GeoPackage): full-resolution geometry with the attributes of the date.

Pure functions returning bytes, for the app's download buttons; no streamlit, no folium.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.facts.cite import full_citations
from geo.geodesy import geodesic_length_km
from geo.gpkg import Atlas
from geo.settings import LAYERS
from geo.tables import plan_row
from geo.view import MapView, neighbour_of

CRS = "EPSG:4326"


def countries_frame(atlas: Atlas, view: MapView) -> gpd.GeoDataFrame:
    """Every country (and part) with its treaty status and explanation on the view's date."""
    frame = atlas.countries[["iso3", "name", "part", "geometry"]].copy()
    frame.insert(3, "as_of", view.day.isoformat())
    frame.insert(4, "status", [view.statuses[c].status if c in view.statuses else "" for c in frame["iso3"]])
    frame.insert(5, "explanation", [view.statuses[c].explanation if c in view.statuses else "" for c in frame["iso3"]])
    return frame


def borders_frame(atlas: Atlas, view: MapView) -> gpd.GeoDataFrame:
    """Every border line with its computed lengths by section and the official figures with their sources."""
    rows = []
    for pair, a, b, geom in zip(
        atlas.borders["pair"], atlas.borders["a"], atlas.borders["b"], atlas.borders.geometry, strict=True
    ):
        length = view.lengths.get(pair)
        kinds = length.km_by_kind if length else {}
        rows.append(
            {
                "pair": pair,
                "a": a,
                "b": b,
                "neighbour": neighbour_of(pair) or "",
                "computed_km": round(length.computed_km, 2) if length else None,
                **{f"{k}_km": round(v, 2) for k, v in kinds.items()},
                "clipped": bool(length.clipped) if length else False,
                "official": "; ".join(
                    f"{c.figure.km:g} km, {c.figure.covers} ({full_citations(c.figure.sources)})"
                    for c in length.official
                )
                if length
                else "",
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def suwalki_frame(atlas: Atlas, view: MapView) -> gpd.GeoDataFrame:
    """The corridor and its narrowest line, with the computed width and the stated widths with their sources."""
    facts = view.facts.suwalki
    rows = []
    for kind, name, geom in zip(atlas.suwalki["kind"], atlas.suwalki["name"], atlas.suwalki.geometry, strict=True):
        row: dict[str, object] = {
            "kind": kind,
            "name": name,
            "computed_km": None,
            "stated": "",
            "description": "",
            "sources": "",
        }
        if kind == "narrowest":
            row["computed_km"] = round(geodesic_length_km(geom), 2)
            if facts:
                row["stated"] = "; ".join(
                    f"{w.km:g} km, {w.covers} ({full_citations(w.sources)})" for w in facts.widths
                )
        elif facts:
            row["description"] = facts.description
            row["sources"] = full_citations(facts.description_sources)
        rows.append({**row, "geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def plans_frame(atlas: Atlas, view: MapView) -> gpd.GeoDataFrame:
    """One feature per plan known on the view's day and border it applies to, along that border's own geometry."""
    geometry = dict(zip(atlas.borders["pair"], atlas.borders.geometry, strict=True))
    rows = [
        {"border": pair, **plan_row(plan), "geometry": geometry[pair]}
        for pair, plans in view.plans_by_border().items()
        if pair in geometry
        for plan in plans
    ]
    if not rows:
        return gpd.GeoDataFrame({"border": [], "id": []}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


FRAMES = {
    "status": ("countries", countries_frame),
    "borders": ("borders", borders_frame),
    "suwalki": ("suwalki", suwalki_frame),
    "plans": ("plans", plans_frame),
}


def layer_frames(atlas: Atlas, view: MapView, layers: tuple[str, ...] = tuple(LAYERS)) -> dict[str, gpd.GeoDataFrame]:
    """The GIS layers behind the chosen map layers, by layer name (countries, borders, suwalki, plans)."""
    return {FRAMES[key][0]: FRAMES[key][1](atlas, view) for key in LAYERS if key in layers}


def geojson_bytes(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """One GeoJSON FeatureCollection of every layer, each feature naming its layer in the property 'layer'."""
    features: list[dict[str, object]] = []
    for name, frame in frames.items():
        collection = json.loads(frame.to_json(na="null", show_bbox=False, drop_id=True))
        for f in collection["features"]:
            f["properties"] = {"layer": name, **f["properties"]}
            features.append(f)
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def gpkg_bytes(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """A GeoPackage with one layer per frame (written with pyogrio to a temporary file)."""
    with tempfile.TemporaryDirectory(prefix="atlas-gpkg-") as folder:
        path = Path(folder) / "atlas-layers.gpkg"
        for name, frame in frames.items():
            out = frame.copy()
            for column in out.columns:
                if column != out.geometry.name and out[column].dtype == object:
                    out[column] = out[column].astype(pd.StringDtype())
            pyogrio.write_dataframe(out, path, layer=name, driver="GPKG", append=path.exists())
        return path.read_bytes()
