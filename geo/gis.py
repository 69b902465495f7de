"""The map's layers as GIS files (GeoJSON, GeoPackage): full-resolution geometry with the attributes of the date.

Pure functions returning bytes, for the app's download buttons; no streamlit, no folium.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely

from geo.catalogue import CATALOGUE, implementation
from geo.corridor import Reconciled, reconciled
from geo.facts.cite import full_citations
from geo.geodesy import geodesic_length_km
from geo.gpkg import GeoPackage
from geo.rows import (
    NO_LENGTH_COLUMNS,
    NO_STATUS_COLUMNS,
    PART_GIS_COLUMNS,
    PLAN_GIS_COLUMNS,
    LengthRow,
    PartRow,
    PlanRow,
    StatusRow,
)
from geo.settings import LAYERS
from geo.view import MapView, neighbour_of

CRS = "EPSG:4326"
Frame = TypeVar("Frame", bound=pd.DataFrame)  # a DataFrame or a GeoDataFrame, given back as it came


def countries_frame(gpkg: GeoPackage, view: MapView) -> gpd.GeoDataFrame:
    """Every country (and part) with its treaty status and explanation on the view's date."""
    frame = gpkg.countries[["iso3", "name", "part", "geometry"]].copy()
    rows = [
        StatusRow(code, name, view.day, view.statuses[code]).gis_columns()
        if code in view.statuses
        else {"as_of": view.day, **NO_STATUS_COLUMNS}
        for code, name in zip(frame["iso3"], frame["name"], strict=True)
    ]
    for at, column in enumerate(("as_of", "status", "explanation"), start=3):
        frame.insert(at, column, [row[column] for row in rows])
    return frame


def borders_frame(gpkg: GeoPackage, view: MapView) -> gpd.GeoDataFrame:
    """Every border line with its computed lengths by section and the official figures with their sources; `main`: a
    focus country's border with Russia or Belarus (drawn bold).
    """
    main = dict(zip(view.borders["pair"], view.borders["main"], strict=True))
    rows = []
    for pair, a, b, geom in zip(
        gpkg.borders["pair"], gpkg.borders["a"], gpkg.borders["b"], gpkg.borders.geometry, strict=True
    ):
        length = view.lengths.get(pair)
        rows.append(
            {
                "pair": pair,
                "a": a,
                "b": b,
                "neighbour": neighbour_of(pair) or "",
                "main": bool(main.get(pair, False)),
                **(LengthRow(length).gis_columns() if length else NO_LENGTH_COLUMNS),
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def _published(row: Reconciled) -> str:
    """A published width or length of the gap with its definition and the atlas's figure for it, and its sources."""
    w = row.figure
    stated = f" ({w.stated})" if w.stated else ""
    beside = f", computed {row.computed_km:.1f} km" if row.computed_km is not None else ""
    return f"{w.km:g} km{stated}, {row.definition}{beside} ({full_citations(w.sources)})"


def suwalki_frames(gpkg: GeoPackage, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The corridor (a polygon, with the description and its sources) and its narrowest line (with the computed width
    beside the stated widths and their sources), one layer each.
    """
    facts = view.facts.suwalki
    kinds = list(gpkg.suwalki["kind"])
    corridor = gpkg.suwalki.iloc[[kinds.index("corridor")]] if "corridor" in kinds else gpkg.suwalki.iloc[[]]
    narrowest = gpkg.suwalki.iloc[[kinds.index("narrowest")]] if "narrowest" in kinds else gpkg.suwalki.iloc[[]]
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
                "; ".join(_published(r) for r in reconciled(facts.widths, view.gap)) if facts and view.gap else ""
            ]
            * len(narrowest),
        },
        geometry=list(narrowest.geometry),
        crs=CRS,
    )
    return {"suwalki_corridor": area, "suwalki_narrowest": line}


def plans_not_located_frame(gpkg: GeoPackage, view: MapView) -> gpd.GeoDataFrame:
    """One feature per plan known on the view's day and border it names without locating it, along that border."""
    geometry = dict(zip(gpkg.borders["pair"], gpkg.borders.geometry, strict=True))
    rows = [
        {"border": pair, **PlanRow.of(stage).gis_columns(), "geometry": geometry[pair]}
        for pair, stages in view.plans_by_border().items()
        if pair in geometry
        for stage in stages
    ]
    columns = ["border", *PLAN_GIS_COLUMNS]
    return _frame(rows, columns)


def plan_part_frames(view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The located parts known on the view's day: stretches (lines) and sites (points), one layer each."""
    rows = [PartRow(stage).gis_columns() for stage in view.part_stages]
    lines = [r for r in rows if r["located_km"] is not None]
    points = [{k: v for k, v in r.items() if k != "located_km"} for r in rows if r["located_km"] is None]
    return {
        "plan_stretches": _frame(lines, PART_GIS_COLUMNS),
        "plan_sites": _frame(points, [c for c in PART_GIS_COLUMNS if c != "located_km"]),
    }


def _frame(rows: list[dict[str, object]], columns: list[str]) -> gpd.GeoDataFrame:
    """Rows as a GeoDataFrame with these columns, in this order, also when there are none."""
    if not rows:
        return gpd.GeoDataFrame({c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)[[*columns, "geometry"]]


def status_frames(gpkg: GeoPackage, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The treaty-status layer's GIS layer: the countries with their status on the day."""
    return {"countries": countries_frame(gpkg, view)}


def borders_frames(gpkg: GeoPackage, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The borders layer's GIS layer: each border with its computed and official lengths."""
    return {"borders": borders_frame(gpkg, view)}


def plans_frames(gpkg: GeoPackage, view: MapView) -> dict[str, gpd.GeoDataFrame]:
    """The plans layer's GIS layers: the bands of plans not located, and the located parts' stretches and sites."""
    return {"plans_not_located": plans_not_located_frame(gpkg, view)} | plan_part_frames(view)


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
    gpkg: GeoPackage,
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
        for name, frame in implementation(CATALOGUE[key].gis)(gpkg, view).items()
    }
    if bounds is None:
        return frames
    box = shapely.box(*bounds)
    return {name: frame.loc[frame.intersects(box)] for name, frame in frames.items()}


def _missing(value: object) -> bool:
    """None, or the NaN pandas puts for a None in a column of text."""
    return value is None or (isinstance(value, float) and value != value)


def typed(frame: Frame) -> Frame:
    """Text as text, dates as dates (Arrow date32), numbers as numbers: for pyogrio's Arrow writer and for notebooks."""
    out = cast(Frame, frame.copy())
    geometry = out.geometry.name if isinstance(out, gpd.GeoDataFrame) else None
    for column in out.columns:
        if column == geometry:
            continue
        if column.endswith("_day") or column == "as_of":
            out[column] = pd.array(list(out[column]), dtype=pd.ArrowDtype(pa.date32()))
        elif column.endswith("_km"):
            out[column] = pd.array(
                [None if pd.isna(v) else float(v) for v in out[column]], dtype=pd.ArrowDtype(pa.float64())
            )
        elif out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype):
            out[column] = pd.array(
                [None if _missing(v) else str(v) for v in out[column]], dtype=pd.ArrowDtype(pa.string())
            )
    return out


def _write(frames: dict[str, gpd.GeoDataFrame], path: Path, driver: str, **options: object) -> None:
    for name, frame in frames.items():
        pyogrio.write_dataframe(
            typed(frame),
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


@dataclass(frozen=True)
class LayerStyle:
    """A GIS layer's style as QGIS stores it in a GeoPackage: QML (QGIS's own) and SLD, made by layers.qgis."""

    layer: str
    qml: str
    sld: str
    description: str


# QGIS's layer_styles table, as QGIS creates it in a GeoPackage
LAYER_STYLES_TABLE = """CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256),
  f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN,
  description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME)"""
WRITTEN_AT = (
    "2000-01-01T00:00:00.000Z"  # the time a GeoPackage's tables say they changed: the same layers, the same bytes
)


def _add_styles(path: Path, styles: list[LayerStyle]) -> None:
    """QGIS's layer_styles table with each style as its layer's default, registered as attributes in gpkg_contents."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute(LAYER_STYLES_TABLE)
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
            "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS styles of the layers', ?)",
            (WRITTEN_AT,),
        )
        # QGIS finds a layer's style by its table and geometry column (GDAL names it 'geom')
        db.executemany(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
            "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
            "SELECT '', '', table_name, column_name, ?, ?, ?, 1, ?, '', NULL, ? FROM gpkg_geometry_columns "
            "WHERE table_name = ?",
            [(s.layer, s.qml, s.sld, s.description, WRITTEN_AT, s.layer) for s in styles],
        )


def gpkg_bytes(frames: dict[str, gpd.GeoDataFrame], styles: list[LayerStyle] | None = None) -> bytes:
    """A GeoPackage with one layer per frame, each with its geometry type declared and typed columns, and with
    `styles`, QGIS's layer_styles table (QGIS opens each layer in its style); the same frames give the same bytes.
    """
    with tempfile.TemporaryDirectory(prefix="atlas-gpkg-") as folder:
        path = Path(folder) / "atlas-layers.gpkg"
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": WRITTEN_AT})
        try:
            _write(frames, path, "GPKG")
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
        if styles:
            _add_styles(path, [s for s in styles if s.layer in frames])
        return path.read_bytes()
