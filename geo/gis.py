"""The map's layers as GIS files (GeoJSON, GeoPackage): full-resolution geometry with the attributes of the date.

Pure functions returning bytes, for the app's download buttons; no streamlit, no folium.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely

from geo.catalogue import CATALOGUE, implementation
from geo.facts.cite import full_citations
from geo.geodesy import geodesic_length_km
from geo.gpkg import Atlas
from geo.parts import PartStage
from geo.plans import chronology_text, counts_from
from geo.settings import LAYERS
from geo.tables import plan_row, plan_row_columns
from geo.view import MapView, neighbour_of

CRS = "EPSG:4326"


def countries_frame(atlas: Atlas, view: MapView) -> gpd.GeoDataFrame:
    """Every country (and part) with its treaty status and explanation on the view's date."""
    frame = atlas.countries[["iso3", "name", "part", "geometry"]].copy()
    frame.insert(3, "as_of", [view.day] * len(frame))
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


def suwalki_frames(atlas: Atlas, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The corridor (a polygon, with the description and its sources) and its narrowest line (with the computed width
    beside the stated widths and their sources), one layer each.
    """
    facts = view.facts.suwalki
    kinds = list(atlas.suwalki["kind"])
    corridor = atlas.suwalki.iloc[[kinds.index("corridor")]] if "corridor" in kinds else atlas.suwalki.iloc[[]]
    narrowest = atlas.suwalki.iloc[[kinds.index("narrowest")]] if "narrowest" in kinds else atlas.suwalki.iloc[[]]
    area = gpd.GeoDataFrame(
        {
            "name": list(corridor["name"]),
            "description": [facts.description if facts else ""] * len(corridor),
            "sources": [full_citations(facts.description_sources) if facts else ""] * len(corridor),
        },
        geometry=list(corridor.geometry),
        crs=CRS,
    )
    line = gpd.GeoDataFrame(
        {
            "name": list(narrowest["name"]),
            "computed_km": [round(geodesic_length_km(g), 2) for g in narrowest.geometry],
            "stated": [
                "; ".join(f"{w.km:g} km, {w.covers} ({full_citations(w.sources)})" for w in facts.widths)
                if facts
                else ""
            ]
            * len(narrowest),
        },
        geometry=list(narrowest.geometry),
        crs=CRS,
    )
    return {"suwalki_corridor": area, "suwalki_narrowest": line}


def plans_not_located_frame(atlas: Atlas, view: MapView) -> gpd.GeoDataFrame:
    """One feature per plan known on the view's day and border it names without locating it, along that border."""
    geometry = dict(zip(atlas.borders["pair"], atlas.borders.geometry, strict=True))
    rows = [
        {"border": pair, **plan_row(stage), "since_day": counts_from(stage.event), "geometry": geometry[pair]}
        for pair, stages in view.plans_by_border().items()
        if pair in geometry
        for stage in stages
    ]
    columns = ["border", *plan_row_columns(), "since_day"]
    return _frame(rows, columns)


def _part_row(stage: PartStage) -> dict[str, object]:
    located = stage.located
    part, plan = located.part, located.plan
    return {
        "part_id": part.id,
        "plan_id": plan.id,
        "plan": plan.title,
        "countries": ", ".join(plan.country),
        "kind": part.kind,
        "title": part.title,
        "border": located.border,
        "stage": stage.stage,
        "since": stage.since,
        "since_day": counts_from(stage.event),
        "timeline": chronology_text(part),
        "precision": located.precision,
        "located_km": round(located.located_km, 3) if located.located_km is not None else None,
        "stated_km": part.stated_km,
        "places": "; ".join(p.name for p in located.places),
        "confidence": part.confidence,
        "note": part.note or "",
        "sources": full_citations(part.sources),
        "geometry": located.geometry,
    }


PART_COLUMNS = [
    "part_id", "plan_id", "plan", "countries", "kind", "title", "border", "stage", "since", "since_day", "timeline",
    "precision", "located_km", "stated_km", "places", "confidence", "note", "sources",
]  # fmt: skip


def plan_part_frames(view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The located parts known on the view's day: stretches (lines) and sites (points), one layer each."""
    rows = [_part_row(stage) for stage in view.part_stages]
    lines = [r for r in rows if r["located_km"] is not None]
    points = [{k: v for k, v in r.items() if k != "located_km"} for r in rows if r["located_km"] is None]
    return {
        "plan_stretches": _frame(lines, PART_COLUMNS),
        "plan_sites": _frame(points, [c for c in PART_COLUMNS if c != "located_km"]),
    }


def _frame(rows: list[dict[str, object]], columns: list[str]) -> gpd.GeoDataFrame:
    """Rows as a GeoDataFrame with these columns, in this order, also when there are none."""
    if not rows:
        return gpd.GeoDataFrame({c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)[[*columns, "geometry"]]


def status_frames(atlas: Atlas, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The treaty-status layer's GIS layer: the countries with their status on the day."""
    return {"countries": countries_frame(atlas, view)}


def borders_frames(atlas: Atlas, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The borders layer's GIS layer: each border with its computed and official lengths."""
    return {"borders": borders_frame(atlas, view)}


def plans_frames(atlas: Atlas, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The plans layer's GIS layers: the bands of plans not located, and the located parts' stretches and sites."""
    return {"plans_not_located": plans_not_located_frame(atlas, view)} | plan_part_frames(view)


# each GIS layer's one geometry type
GEOMETRY_TYPES = {
    "countries": "MultiPolygon",
    "borders": "MultiLineString",
    "suwalki_corridor": "MultiPolygon",
    "suwalki_narrowest": "LineString",
    "plans_not_located": "MultiLineString",
    "plan_stretches": "LineString",
    "plan_sites": "Point",
}


def layer_frames(
    atlas: Atlas,
    view: MapView,
    layers: tuple[str, ...] = tuple(LAYERS),
    bounds: tuple[float, float, float, float] | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """The GIS layers behind the chosen map layers, by GIS layer name (GEOMETRY_TYPES), one geometry type each;
    with `bounds` (west, south, east, north), only the features that reach into them.
    """
    frames = {
        name: frame
        for key in LAYERS
        if key in layers
        for name, frame in implementation(CATALOGUE[key].gis)(atlas, view).items()
    }
    if bounds is None:
        return frames
    box = shapely.box(*bounds)
    return {name: frame.loc[frame.intersects(box)] for name, frame in frames.items()}


def _typed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Text as text, dates as dates (Arrow date32), numbers as numbers, for pyogrio's Arrow writer."""
    out = frame.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        if column.endswith("_day") or column == "as_of":
            out[column] = pd.array(list(out[column]), dtype=pd.ArrowDtype(pa.date32()))
        elif column.endswith("_km"):
            out[column] = pd.array(
                [None if pd.isna(v) else float(v) for v in out[column]], dtype=pd.ArrowDtype(pa.float64())
            )
        elif out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype):
            out[column] = pd.array(
                [None if v is None else str(v) for v in out[column]], dtype=pd.ArrowDtype(pa.string())
            )
    return out


def _write(frames: dict[str, gpd.GeoDataFrame], path: Path, driver: str, **options: object) -> None:
    for name, frame in frames.items():
        pyogrio.write_dataframe(
            _typed(frame),
            path if driver == "GPKG" else path / f"{name}.geojson",
            layer=name,
            driver=driver,
            geometry_type=GEOMETRY_TYPES[name],
            promote_to_multi=GEOMETRY_TYPES[name].startswith("Multi"),
            use_arrow=True,
            append=driver == "GPKG" and path.exists(),
            **options,
        )


def geojson_files(frames: dict[str, gpd.GeoDataFrame]) -> dict[str, bytes]:
    """One RFC 7946 GeoJSON file per layer (counterclockwise outer rings, 6 decimals, about 0.1 m), by file name.

    A column empty in every feature is left out: GeoJSON cannot declare a type, and a reader would take it for text.
    """
    filled = {
        name: frame[[c for c in frame.columns if c == frame.geometry.name or frame[c].notna().any()]]
        for name, frame in frames.items()
    }
    with tempfile.TemporaryDirectory(prefix="atlas-geojson-") as folder:
        _write(filled, Path(folder), "GeoJSON", layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": 6})
        return {f"{name}.geojson": (Path(folder) / f"{name}.geojson").read_bytes() for name in frames}


def geojson_zip(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """The GeoJSON files of geojson_files() in one zip (fixed member dates, so the same layers give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in geojson_files(frames).items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def gpkg_bytes(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """A GeoPackage with one layer per frame, each with its geometry type declared and typed columns."""
    with tempfile.TemporaryDirectory(prefix="atlas-gpkg-") as folder:
        path = Path(folder) / "atlas-layers.gpkg"
        _write(frames, path, "GPKG")
        return path.read_bytes()
