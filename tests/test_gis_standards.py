"""The GIS files as an analyst opens them beside their own: the GeoPackage opens styled in QGIS (its layer_styles
table, with the atlas's palette), still passes GDAL's GeoPackage validator, and every plan part carries its
OpenStreetMap tags and TDS/GGDM feature code beside the atlas's kind, and how it was located.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from osgeo_utils.samples import validate_gpkg

from geo.crosswalk import load_crosswalk
from geo.errors import AtlasError
from geo.gis import layer_frames
from geo.gpkg import GeoPackage
from geo.settings import CROSSWALK_PATH, ROOT
from geo.view import MapView, map_view
from layers.qgis import styled_gpkg
from layers.style import PART_KIND_COLOURS, PART_LINE_STYLES, STATUS_COLOURS, STATUS_FILL_OPACITY

SLD = "{http://www.opengis.net/sld}"
SE = "{http://www.opengis.net/se}"
OGC = "{http://www.opengis.net/ogc}"


@pytest.fixture(scope="module")
def view(gpkg: GeoPackage) -> MapView:
    from geo.facts import load_facts

    return map_view(gpkg, load_facts(), dt.date(2026, 6, 1))


@pytest.fixture(scope="module")
def styled(gpkg: GeoPackage, view: MapView, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gpkg") / "layers.gpkg"
    path.write_bytes(styled_gpkg(layer_frames(gpkg, view)))
    return path


def _styles(path: Path) -> dict[str, tuple[str, str, int]]:
    """Each layer's default style, found as QGIS finds it: by table and geometry column."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT s.f_table_name, s.styleQML, s.styleSLD, s.useAsDefault FROM layer_styles s "
            "JOIN gpkg_geometry_columns g ON g.table_name = s.f_table_name AND g.column_name = s.f_geometry_column"
        ).fetchall()
    return {name: (qml, sld, default) for name, qml, sld, default in rows}


def _rgb(colour: str) -> str:
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5))


def _option(symbol: ET.Element, name: str) -> str:
    return next(o.get("value", "") for o in symbol.iter("Option") if o.get("name") == name)


def test_every_layer_opens_in_qgis_with_its_own_default_style(styled: Path) -> None:
    styles = _styles(styled)
    assert set(styles) == {name for name, kind in pyogrio.list_layers(styled) if kind is not None}
    for name, (qml, sld, default) in styles.items():
        assert default == 1, name
        root = ET.fromstring(qml)  # the DOCTYPE line QGIS writes is part of the document
        assert root.tag == "qgis" and root.find("renderer-v2") is not None, name
        assert ET.fromstring(sld).tag == f"{SLD}StyledLayerDescriptor", name


def test_the_status_colours_in_qgis_are_the_palettes(styled: Path) -> None:
    qml, sld, _ = _styles(styled)["countries"]
    root = ET.fromstring(qml)
    symbols = {s.get("name"): s for s in root.iter("symbol")}
    fills = {}
    for rule in root.iter("rule"):
        found = re.fullmatch(r"\"status\" = '(\w+)'", rule.get("filter", ""))
        if found:
            fills[found.group(1)] = _option(symbols[rule.get("symbol")], "color")
    coloured = {s for s in STATUS_COLOURS if s}
    assert set(fills) == coloured
    for status in coloured:
        alpha = round(STATUS_FILL_OPACITY[status] * 255)
        assert fills[status] == f"{_rgb(STATUS_COLOURS[status])},{alpha}", status
    # the SLD says the same: each status's rule fills with the palette's colour
    sld_fills = {}
    for rule in ET.fromstring(sld).iter(f"{SE}Rule"):
        literal = rule.find(f"{OGC}Filter/{OGC}PropertyIsEqualTo/{OGC}Literal")
        fill = rule.find(f"{SE}PolygonSymbolizer/{SE}Fill/{SE}SvgParameter[@name='fill']")
        if literal is not None and literal.text and fill is not None:
            sld_fills[literal.text] = fill.text
    assert sld_fills == {s: STATUS_COLOURS[s] for s in coloured}
    # and the countries are labelled with their names
    assert root.get("labelsEnabled") == "1"
    assert root.find("labeling/settings/text-style").get("fieldName") == "name"  # type: ignore[union-attr]


def test_a_planned_fence_is_dashed_in_qgis_as_on_the_web_map(styled: Path) -> None:
    qml, _, _ = _styles(styled)["plan_stretches"]
    root = ET.fromstring(qml)
    symbols = {s.get("name"): s for s in root.iter("symbol")}
    rule = next(r for r in root.iter("rule") if r.get("label") == "Fence, planned")
    symbol = symbols[rule.get("symbol")]
    assert _option(symbol, "line_color").startswith(_rgb(PART_KIND_COLOURS["fence"]) + ",")
    assert _option(symbol, "use_custom_dash") == "1"
    assert _option(symbol, "customdash") == str(PART_LINE_STYLES["planned"]["dashArray"]).replace(" ", ";")
    built = symbols[next(r for r in root.iter("rule") if r.get("label") == "Fence, built or in force").get("symbol")]
    assert _option(built, "use_custom_dash") == "0"


def test_the_styled_geopackage_passes_gdals_validator(styled: Path) -> None:
    assert validate_gpkg.check(str(styled), abort_at_first_error=False, warning_as_error=True) == []


def test_the_validator_catches_a_style_table_gpkg_contents_does_not_list(styled: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(styled.read_bytes())
    with sqlite3.connect(broken) as db:
        db.execute("UPDATE gpkg_contents SET last_change = 'yesterday' WHERE table_name = 'layer_styles'")
    assert validate_gpkg.check(str(broken), abort_at_first_error=False, warning_as_error=True) != []


def test_the_same_layers_give_the_same_geopackage(gpkg: GeoPackage, view: MapView) -> None:
    frames = layer_frames(gpkg, view)
    assert styled_gpkg(frames) == styled_gpkg(frames)


def test_every_plan_part_carries_its_osm_tags_feature_code_and_how_it_was_located(styled: Path) -> None:
    walk = load_crosswalk(CROSSWALK_PATH)
    rows = 0
    for layer in ("plan_stretches", "plan_sites"):
        frame = pyogrio.read_dataframe(styled, layer=layer)
        for row in frame.itertuples():
            rows += 1
            codes = walk.kinds[row.kind]
            fcode = None if pd.isna(row.fcode) else row.fcode
            assert row.osm_tags and re.fullmatch(r"[a-z_:]+=[a-z_:]+(;[a-z_:]+=[a-z_:]+)*", row.osm_tags), row.part_id
            assert row.osm_tags == codes.osm_tags and fcode == codes.fcode, row.part_id
            assert row.precision in ("at", "around", "between", "along") and row.located_how, row.part_id
    assert rows > 0
    stretches = pyogrio.read_dataframe(styled, layer="plan_stretches").set_index("part_id")
    vaalimaa = stretches.loc["fin-fence-vaalimaa"]
    assert (vaalimaa["osm_tags"], vaalimaa["fcode"], vaalimaa["fcode_name"]) == ("barrier=fence", "AL070", "Fence")
    sites = pyogrio.read_dataframe(styled, layer="plan_sites").set_index("part_id")
    assert sites.loc["ltu-dragon-teeth-sumskas", "osm_tags"] == "barrier=dragons_teeth"
    assert sites.loc["ltu-dragon-teeth-sumskas", "fcode"] == "AL060"
    crossing = sites.loc["est-closed-narva"]
    assert crossing["osm_tags"] == "barrier=border_control"
    with sqlite3.connect(styled) as db:  # no code is stored as NULL, not as the text "nan"
        assert db.execute("SELECT fcode FROM plan_sites WHERE part_id = 'est-closed-narva'").fetchone() == (None,)


def test_data_readme_gives_the_crosswalk_and_its_sources() -> None:
    walk = load_crosswalk(CROSSWALK_PATH)
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for kind, codes in walk.kinds.items():
        name, note = codes.fcode_name or "", codes.note
        row = f"| `{kind}` | `{codes.osm_tags}` | {codes.fcode or '—'} | {name} | {codes.source} | {note} |"
        assert row in readme, row
    for source in walk.sources.values():
        assert source.url in readme


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda t: t.replace("  depot:\n", "  storage:\n"), "kinds"),
        (lambda t: t.replace("fcode: AL070", "fcode: L70"), "kinds.fence.fcode"),
        (lambda t: t.replace("source: osm-works", "source: nowhere"), "kinds"),
    ],
)
def test_a_bad_crosswalk_is_one_line_naming_the_file_and_field(tmp_path: Path, change: object, field: str) -> None:
    path = tmp_path / "crosswalk.yaml"
    path.write_text(change(CROSSWALK_PATH.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(AtlasError) as caught:
        load_crosswalk(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and field in message, message
