"""QGIS styles for the GIS layers (geo.gis): each layer's symbols as QML (QGIS's own format) and SLD 1.1, built from
the atlas's palette (layers.style), so that a GeoPackage opens in QGIS with the map's colours, dash patterns and
labels. geo.gis.gpkg_bytes stores them in the GeoPackage's `layer_styles` table, where QGIS looks on opening.

Each layer's look is one list of rules (a filter on the layer's columns, a legend label, a symbol); the QML and the
SLD are two writings of it, made with ElementTree (which escapes every text and attribute).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import geopandas as gpd

from geo.gis import GEOMETRY_TYPES, LayerStyle, gpkg_bytes
from geo.plans import STAGES
from layers.style import (
    BORDER_STYLES,
    CLOSED_CROSSING_STYLE,
    COUNTRY_OUTLINE,
    NEIGHBOUR_COLOURS,
    NEIGHBOUR_LABELS,
    PART_KIND_COLOURS,
    PART_KIND_LABELS,
    PART_LINE_STYLES,
    PART_POINT_STYLES,
    PART_STAGE_GROUP,
    PART_STAGE_GROUP_LABELS,
    PLAN_COLOUR,
    PLAN_STAGE_STYLES,
    STATUS_COLOURS,
    STATUS_FILL_OPACITY,
    STATUS_LABELS,
    SUWALKI_COLOUR,
    SUWALKI_CORRIDOR_STYLE,
    SUWALKI_NARROWEST_STYLE,
)

QGIS_VERSION = "3.34.0-Prizren"  # the long-term release whose QML layout these files follow
SLD = "http://www.opengis.net/sld"
SE = "http://www.opengis.net/se"
OGC = "http://www.opengis.net/ogc"
LABEL_FIELDS = {  # the column a layer's features are labelled with in QGIS
    "countries": "name",
    "suwalki_corridor": "name",
    "suwalki_narrowest": "computed_km",
    "plan_stretches": "title",
    "plan_sites": "title",
}


@dataclass(frozen=True)
class Symbol:
    """How a feature is drawn: geometry kind, stroke (colour, opacity, width and dashes in pixels), fill, size."""

    kind: str  # "fill", "line" or "marker"
    stroke: str
    stroke_opacity: float = 1.0
    width: float = 1.0
    dash: tuple[float, ...] = ()
    fill: str = ""  # "" for no fill
    fill_opacity: float = 1.0
    size: float = 0.0  # a marker's diameter


Where = tuple[tuple[str, tuple[str | int, ...]], ...]  # (column, values): each column holds one of its values


@dataclass(frozen=True)
class Rule:
    """The features whose columns hold these values, their label in the legend, and their symbol."""

    label: str
    where: Where
    symbol: Symbol


def _dash(style: dict[str, object]) -> tuple[float, ...]:
    """A Leaflet dashArray ('4 6') as numbers."""
    return tuple(float(x) for x in str(style.get("dashArray", "")).split())


def _num(style: dict[str, object], key: str, default: float) -> float:
    value = style.get(key, default)
    return float(value) if isinstance(value, int | float) else default


def _line(colour: str, style: dict[str, object]) -> Symbol:
    return Symbol("line", colour, _num(style, "opacity", 1.0), _num(style, "weight", 1.0), _dash(style))


def layer_rules(layer: str) -> list[Rule]:
    """The rules of one GIS layer (a name of geo.gis.GEOMETRY_TYPES)."""
    if layer == "countries":
        outline = str(COUNTRY_OUTLINE["color"])
        width = _num(COUNTRY_OUTLINE, "weight", 1.0)
        return [
            Rule(
                label,
                (("status", (status,)),),
                Symbol("fill", outline, 1.0, width, (), STATUS_COLOURS[status], STATUS_FILL_OPACITY[status]),
            )
            for status, label in STATUS_LABELS.items()
        ]
    if layer == "borders":
        return [
            Rule(
                f"{NEIGHBOUR_LABELS[neighbour]}{'' if look == 'main' else ' (context)'}",
                (("neighbour", (neighbour,)), ("main", (int(look == "main"),))),
                _line(colour, BORDER_STYLES[look]),
            )
            for neighbour, colour in NEIGHBOUR_COLOURS.items()
            for look in (("main", "context") if neighbour else ("other",))
        ]
    if layer == "suwalki_corridor":
        corridor = SUWALKI_CORRIDOR_STYLE
        return [
            Rule("Suwałki Gap", (), Symbol("fill", SUWALKI_COLOUR, 1.0, _num(corridor, "weight", 1), _dash(corridor)))
        ]
    if layer == "suwalki_narrowest":
        return [Rule("Narrowest line of the Suwałki Gap", (), _line(SUWALKI_COLOUR, SUWALKI_NARROWEST_STYLE))]
    if layer == "plans_not_located":
        return [
            Rule(
                f"Plan named for a border, not located: {stage.replace('_', ' ')}",
                (("stage_code", (stage,)),),
                _line(PLAN_COLOUR, style),
            )
            for stage, style in PLAN_STAGE_STYLES.items()
        ]
    if layer in ("plan_stretches", "plan_sites"):
        return _part_rules(point=layer == "plan_sites")
    raise KeyError(layer)


def _part_rules(*, point: bool) -> list[Rule]:
    """One rule per kind of part and group of stages: the colour says the kind, the line or dot the stage."""
    rules = []
    for kind, colour in PART_KIND_COLOURS.items():
        for group, group_label in PART_STAGE_GROUP_LABELS.items():
            stages = tuple(s for s in STAGES if PART_STAGE_GROUP.get(s) == group)
            where = (("kind", (kind,)), ("stage", stages))
            label = f"{PART_KIND_LABELS[kind]}, {group_label}"
            if not point:
                rules.append(Rule(label, where, _line(colour, PART_LINE_STYLES[group])))
                continue
            style = PART_POINT_STYLES[group] | (CLOSED_CROSSING_STYLE if kind == "closed_crossing" else {})
            fill = str(style.get("fillColor", colour))
            symbol = Symbol(
                "marker", colour, _num(style, "opacity", 1.0), _num(style, "weight", 1.0), _dash(style), fill,
                _num(style, "fillOpacity", 1.0), 2 * _num(style, "radius", 5),
            )  # fmt: skip
            rules.append(Rule(label, where, symbol))
    return rules


# ------------------------------------------------------------------------------------------------------------ QML


def _rgba(colour: str, opacity: float) -> str:
    """'#rrggbb' and an opacity as QGIS writes a colour: 'r,g,b,a' (0-255)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"{r},{g},{b},{round(opacity * 255)}"


def _options(parent: ET.Element, values: dict[str, str]) -> None:
    """QGIS's option map: <Option type="Map"><Option type="QString" name=… value=…/>…</Option>."""
    holder = ET.SubElement(parent, "Option", type="Map")
    for name, value in values.items():
        ET.SubElement(holder, "Option", type="QString", name=name, value=value)


def _number(value: float) -> str:
    return f"{value:g}"


def _qml_symbol(parent: ET.Element, name: str, symbol: Symbol) -> None:
    element = ET.SubElement(parent, "symbol", type=symbol.kind, name=name, alpha="1", clip_to_extent="1", force_rhr="0")
    dash = {
        "use_custom_dash": "1" if symbol.dash else "0",
        "customdash": ";".join(_number(d) for d in symbol.dash) if symbol.dash else "5;2",
        "customdash_unit": "Pixel",
    }
    if symbol.kind == "line":
        layer = ET.SubElement(element, "layer", {"class": "SimpleLine", "enabled": "1", "locked": "0", "pass": "0"})
        _options(
            layer,
            {
                "line_color": _rgba(symbol.stroke, symbol.stroke_opacity),
                "line_width": _number(symbol.width),
                "line_width_unit": "Pixel",
                "line_style": "solid",
                "capstyle": "flat",
                "joinstyle": "round",
                **dash,
            },
        )
    elif symbol.kind == "fill":
        layer = ET.SubElement(element, "layer", {"class": "SimpleFill", "enabled": "1", "locked": "0", "pass": "0"})
        _options(
            layer,
            {
                "color": _rgba(symbol.fill or "#ffffff", symbol.fill_opacity if symbol.fill else 0.0),
                "style": "solid" if symbol.fill else "no",
                "outline_color": _rgba(symbol.stroke, symbol.stroke_opacity),
                "outline_width": _number(symbol.width),
                "outline_width_unit": "Pixel",
                "outline_style": "dash" if symbol.dash else "solid",
            },
        )
        if symbol.dash:  # a simple fill has no custom dash: the dashed outline is a line layer of its own
            outline = ET.SubElement(
                element, "layer", {"class": "SimpleLine", "enabled": "1", "locked": "0", "pass": "0"}
            )
            _options(
                outline,
                {
                    "line_color": _rgba(symbol.stroke, symbol.stroke_opacity),
                    "line_width": _number(symbol.width),
                    "line_width_unit": "Pixel",
                    "line_style": "solid",
                    **dash,
                },
            )
    else:
        layer = ET.SubElement(element, "layer", {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"})
        _options(
            layer,
            {
                "name": "circle",
                "color": _rgba(symbol.fill or symbol.stroke, symbol.fill_opacity),
                "outline_color": _rgba(symbol.stroke, symbol.stroke_opacity),
                "outline_width": _number(symbol.width),
                "outline_width_unit": "Pixel",
                "outline_style": "dash" if symbol.dash else "solid",
                "size": _number(symbol.size),
                "size_unit": "Pixel",
            },
        )


def _quoted(value: str | int) -> str:
    """A value in a QGIS expression: a number as it is, a text in single quotes."""
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def qgis_filter(where: Where) -> str:
    """A rule's filter as a QGIS expression: "status" = 'withdrawn' AND "stage" IN ('stated', 'decided')."""
    parts = []
    for column, values in where:
        name = '"' + column.replace('"', '""') + '"'
        if len(values) == 1:
            parts.append(f"{name} = {_quoted(values[0])}" if values[0] else f"({name} IS NULL OR {name} = '')")
        else:
            parts.append(f"{name} IN ({', '.join(_quoted(v) for v in values)})")
    return " AND ".join(parts) or "TRUE"


def _placement(layer: str) -> str:
    """QGIS's label placement for the layer's geometry: around a point (0), over a polygon (1), along a line (2)."""
    geometry = GEOMETRY_TYPES[layer]
    return "0" if geometry == "Point" else "1" if geometry.endswith("Polygon") else "2"


def layer_qml(layer: str) -> str:
    """One GIS layer's style as a QGIS QML document: a rule-based renderer and, where the layer has one, its labels."""
    root = ET.Element("qgis", version=QGIS_VERSION, styleCategories="Symbology|Labeling")
    renderer = ET.SubElement(
        root, "renderer-v2", type="RuleRenderer", symbollevels="0", enableorderby="0", forceraster="0"
    )
    rules = ET.SubElement(renderer, "rules", key="root")
    symbols = ET.SubElement(renderer, "symbols")
    for n, rule in enumerate(layer_rules(layer)):
        ET.SubElement(rules, "rule", key=f"rule-{n}", symbol=str(n), label=rule.label, filter=qgis_filter(rule.where))
        _qml_symbol(symbols, str(n), rule.symbol)
    field = LABEL_FIELDS.get(layer)
    root.set("labelsEnabled", "1" if field is not None else "0")
    if field is not None:
        labeling = ET.SubElement(root, "labeling", type="simple")
        settings = ET.SubElement(labeling, "settings", calloutType="simple")
        ET.SubElement(
            settings, "text-style", fieldName=field, isExpression="0", fontSize="9", fontSizeUnit="Point",
            textColor="0,0,0,255", textOpacity="1", namedStyle="Regular",
        )  # fmt: skip
        buffer = ET.SubElement(settings, "text-buffer")
        buffer.attrib.update({"bufferDraw": "1", "bufferSize": "1", "bufferColor": "255,255,255,255"})
        ET.SubElement(settings, "placement", placement=_placement(layer))
    ET.indent(root)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode")


# ------------------------------------------------------------------------------------------------------------ SLD


def _css(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{SE}}}SvgParameter", name=name).text = value


def _stroke(parent: ET.Element, symbol: Symbol) -> None:
    stroke = ET.SubElement(parent, f"{{{SE}}}Stroke")
    _css(stroke, "stroke", symbol.stroke)
    _css(stroke, "stroke-opacity", _number(symbol.stroke_opacity))
    _css(stroke, "stroke-width", _number(symbol.width))
    if symbol.dash:
        _css(stroke, "stroke-dasharray", " ".join(_number(d) for d in symbol.dash))


def _fill(parent: ET.Element, colour: str, opacity: float) -> None:
    fill = ET.SubElement(parent, f"{{{SE}}}Fill")
    _css(fill, "fill", colour)
    _css(fill, "fill-opacity", _number(opacity))


def _sld_filter(parent: ET.Element, where: Where) -> None:
    tests = []
    for column, values in where:
        equal = []
        for value in values:
            test = ET.Element(f"{{{OGC}}}PropertyIsEqualTo")
            ET.SubElement(test, f"{{{OGC}}}PropertyName").text = column
            ET.SubElement(test, f"{{{OGC}}}Literal").text = str(value)
            equal.append(test)
        if len(equal) == 1:
            tests.append(equal[0])
        else:
            either = ET.Element(f"{{{OGC}}}Or")
            either.extend(equal)
            tests.append(either)
    if not tests:
        return
    holder = ET.SubElement(parent, f"{{{OGC}}}Filter")
    if len(tests) == 1:
        holder.append(tests[0])
    else:
        both = ET.SubElement(holder, f"{{{OGC}}}And")
        both.extend(tests)


def layer_sld(layer: str) -> str:
    """One GIS layer's style as an OGC SLD 1.1 document: one rule per filter, with its symbolizer."""
    ET.register_namespace("", SLD)
    ET.register_namespace("se", SE)
    ET.register_namespace("ogc", OGC)
    root = ET.Element(f"{{{SLD}}}StyledLayerDescriptor", version="1.1.0")
    named = ET.SubElement(root, f"{{{SLD}}}NamedLayer")
    ET.SubElement(named, f"{{{SE}}}Name").text = layer
    style = ET.SubElement(ET.SubElement(named, f"{{{SLD}}}UserStyle"), f"{{{SE}}}FeatureTypeStyle")
    for rule in layer_rules(layer):
        element = ET.SubElement(style, f"{{{SE}}}Rule")
        ET.SubElement(element, f"{{{SE}}}Name").text = rule.label
        ET.SubElement(ET.SubElement(element, f"{{{SE}}}Description"), f"{{{SE}}}Title").text = rule.label
        _sld_filter(element, rule.where)
        symbol = rule.symbol
        if symbol.kind == "line":
            _stroke(ET.SubElement(element, f"{{{SE}}}LineSymbolizer"), symbol)
        elif symbol.kind == "fill":
            polygon = ET.SubElement(element, f"{{{SE}}}PolygonSymbolizer")
            if symbol.fill:
                _fill(polygon, symbol.fill, symbol.fill_opacity)
            _stroke(polygon, symbol)
        else:
            graphic = ET.SubElement(ET.SubElement(element, f"{{{SE}}}PointSymbolizer"), f"{{{SE}}}Graphic")
            mark = ET.SubElement(graphic, f"{{{SE}}}Mark")
            ET.SubElement(mark, f"{{{SE}}}WellKnownName").text = "circle"
            _fill(mark, symbol.fill or symbol.stroke, symbol.fill_opacity)
            _stroke(mark, symbol)
            ET.SubElement(graphic, f"{{{SE}}}Size").text = _number(symbol.size)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def qgis_styles(layers: list[str]) -> list[LayerStyle]:
    """The QGIS style (QML and SLD) of each of these GIS layers, for geo.gis.gpkg_bytes."""
    return [LayerStyle(layer, layer_qml(layer), layer_sld(layer), f"{layer}: the atlas's colours") for layer in layers]


def styled_gpkg(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """The GeoPackage the app and report packs give: the GIS layers (geo.gis.gpkg_bytes) with their QGIS styles."""
    return gpkg_bytes(frames, qgis_styles(list(frames)))
