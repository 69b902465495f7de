"""Map furniture: title and date, legend, attribution and the atlas's stylesheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from branca.element import MacroElement
from jinja2 import Template

from geo.dates import day_text
from geo.plans import STAGE_LABELS
from geo.reach import Reach
from geo.settings import LAYERS
from layers.html import Raw, esc, js_json
from layers.style import (
    NEIGHBOUR_COLOURS,
    NEIGHBOUR_LABELS,
    PART_KIND_COLOURS,
    PART_KIND_LABELS,
    PART_LINE_STYLES,
    PART_STAGE_GROUP_LABELS,
    PLAN_COLOUR,
    PLAN_STAGE_STYLES,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_TEXT,
    SUWALKI_COLOUR,
)

ATTRIBUTION = "Map data © OpenStreetMap contributors (ODbL)"

CSS = """
.atlas-box{background:rgba(255,255,255,.93);padding:6px 10px;border-radius:5px;box-shadow:0 1px 5px rgba(0,0,0,.4);font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
.atlas-title{max-width:380px;overflow-wrap:anywhere}.atlas-title h1{font-size:16px;margin:0 0 2px}.atlas-title p{margin:0;font-size:12px}.atlas-reach-notice{color:#8a3b00}
.atlas-legend{max-width:250px;max-height:calc(100vh - 150px);overflow-y:auto}.atlas-legend summary{font:600 13px system-ui,sans-serif;cursor:pointer}.atlas-opens{margin-top:4px}.atlas-open{font:12px system-ui,sans-serif;margin:1px;padding:1px 5px;border:1px solid #888;border-radius:3px;background:#fff;cursor:pointer}
.atlas-narrow .atlas-box{font-size:12px;padding:4px 6px}.atlas-narrow .atlas-title{max-width:min(55vw,240px)}.atlas-narrow .atlas-title h1{font-size:13px}.atlas-narrow .atlas-title p small{display:none}.atlas-narrow .atlas-time .slider{width:90px}.atlas-narrow .atlas-time .typed{display:none}.atlas-narrow .leaflet-control-minimap{display:none}.atlas-legend h2{font-size:13px;margin:4px 0 2px}.atlas-legend h3{font-size:12px;font-weight:600;margin:3px 0 1px}
.leaflet-control-layers{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.atlas-legend i{display:inline-block;width:14px;height:14px;margin-right:6px;vertical-align:-2px;border:1px solid #888}
.atlas-legend i.line{height:0;border:0;border-top-width:4px;border-top-style:solid;vertical-align:4px}
.atlas-legend svg.swatch{margin-right:6px;vertical-align:0}
.atlas-detail .srcs{font-size:12px;color:#555}.src{font-size:11px;color:#555}
.badge{padding:1px 6px;border-radius:3px;font-weight:600}
table.lengths{border-collapse:collapse;font-size:12px}table.lengths td{vertical-align:top;padding:2px 4px;border-top:1px solid #ddd}
.atlas-tooltip{max-width:300px;white-space:normal;background:#fff}.atlas-label{font-weight:700;background:#fff;border:1px solid #000}
.atlas-sources{font:13px/1.4 system-ui,sans-serif;max-width:1100px;margin:16px auto;padding:0 16px}
.atlas-sources li{margin-bottom:4px}.atlas-sources q{color:#333}
.leaflet-tooltip.atlas-name{background:none;border:0;box-shadow:none;padding:0;color:#111;font:600 13px/1.1 system-ui,sans-serif;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;pointer-events:none}
.leaflet-tooltip.atlas-name::before{display:none}.leaflet-tooltip.atlas-name.capital{font-weight:400;font-size:11px}
.leaflet-tooltip.atlas-name.region{font-style:italic;font-weight:400;font-size:11px}
.atlas-far .leaflet-tooltip.atlas-name.region,.atlas-far .leaflet-tooltip.atlas-name.capital{display:none}
@media print{@page{size:A4 landscape;margin:8mm}
body{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.folium-map{height:186mm!important;width:100%!important;position:relative!important}
.leaflet-control-zoom,.leaflet-control-layers,.leaflet-control-measure,.leaflet-control-minimap,.leaflet-control-zoom-fullscreen,.leaflet-bar{display:none!important}
.atlas-box{box-shadow:none;border:1px solid #999}.atlas-legend{font-size:9px;max-width:62mm;max-height:none!important;overflow:visible!important}.atlas-legend h2{font-size:10px}
.atlas-sources{break-before:page;font-size:8.5pt;line-height:1.3;max-width:none;margin:0;padding:0}.atlas-sources details{display:none}}
.atlas-time{display:flex;gap:4px;align-items:center;padding:4px 6px}.atlas-time button{font:600 14px/1 system-ui,sans-serif;min-width:28px;min-height:28px;border:1px solid #888;border-radius:4px;background:#fff;cursor:pointer}
.atlas-time .slider{width:180px}.atlas-time .typed{font:13px system-ui,sans-serif}
@media print{.atlas-time{display:none!important}}
.disputed{margin:6px 0;padding:3px 6px;border-left:3px solid #c2410c;background:#fff4e5;font-size:12px}
.verdict-contradicted{color:#b91c1c}.verdict-imprecise{color:#b45309}.verdict-consistent{color:#15803d}.verdict-unverified{color:#555}
.atlas-sources details{margin:2px 0 6px;font-size:12px}.atlas-sources summary{cursor:pointer}.atlas-sources details li{margin:0}
"""  # noqa: E501 - one CSS rule set a line


class Control(MacroElement):
    """A Leaflet control holding fixed HTML (built here, every data text escaped), at a corner of the map."""

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMap.control({{ this._parent.get_name() }}, {{ this.position|tojson }}, "
        "{{ this.css_class|tojson }}, {{ this.html }});{% endmacro %}"
    )
    default_js = [("atlas_map_js", "layers/web/static/map.js")]

    def __init__(self, html: str, position: str, css_class: str, name: str) -> None:
        super().__init__()
        self._name = name
        self.html = js_json(html)
        self.position = position
        self.css_class = css_class


class Attribution(MacroElement):
    """Adds a text to the map's attribution control (shown even with no basemap)."""

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMap.attribution({{ this._parent.get_name() }}, {{ this.text }});"
        "{% endmacro %}"
    )
    default_js = [("atlas_map_js", "layers/web/static/map.js")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "attribution"
        self.text = js_json(esc(text))


def reach_html(reach: Reach, day: dt.date) -> str:
    """The record's reach, and the notice a date after its verification needs (hidden otherwise; the page's time
    control shows it when the date moves past the verification).
    """
    hidden = "" if reach.notice(day) else " hidden"
    return (
        f'<p class="atlas-reach"><small>{esc(reach.text)}</small></p>'
        f'<p class="atlas-reach-notice" data-verified="{reach.verified.isoformat()}"{hidden}>'
        f"<b>{esc(reach.notice_text)}</b></p>"
    )


def title_control(title: str, day: dt.date, tool: str, reach: Reach) -> Control:
    """Title, 'as of' date, the record's reach (and the notice past it), and the tool's name and version, top left."""
    html = (
        f'<h1>{esc(title)}</h1><p>as of <b class="atlas-date">{day_text(day)}</b></p>{reach_html(reach, day)}'
        f"<p><small>{esc(tool)}</small></p>"
    )
    return Control(html, "topleft", "atlas-box atlas-title", "title")


def legend_control(
    layers: tuple[str, ...],
    statuses: list[str],
    disputed: Mapping[str, str] | None = None,
    kinds: Sequence[str] = (),
    focus: Mapping[str, str] | None = None,
) -> Control:
    """A legend naming every status shown (with what others say against it, where they have), the border colours,
    the plans (not located, by stage; located parts by kind and by state) and the corridor.
    """
    notes = {s: f"<br><small>{esc(said)}</small>" for s, said in (disputed or {}).items()}
    sections: dict[str, list[str]] = {}
    if "status" in layers:
        sections["status"] = [f"<h2>{esc(LAYERS['status'])}</h2>"] + [
            f'<div data-status="{s}"><i style="background:{STATUS_COLOURS[s]}"></i>{esc(STATUS_LABELS[s])}'
            f"{notes.get(s, '')}</div>"
            for s in statuses
        ]
    if "borders" in layers:
        sections["borders"] = [f"<h2>{esc(LAYERS['borders'])}</h2>"] + [
            f'<div><i class="line" style="border-top-color:{NEIGHBOUR_COLOURS[k]}"></i>{esc(v)}</div>'
            for k, v in NEIGHBOUR_LABELS.items()
        ]
    if "plans" in layers:
        plans = [f"<h2>{esc(LAYERS['plans'])}</h2><h3>Not located: named for the whole border</h3>"]
        plans += [
            f"<div>{_halo_swatch(style)}{esc(STAGE_LABELS[stage])}</div>" for stage, style in PLAN_STAGE_STYLES.items()
        ]
        if kinds:
            plans.append("<h3>Located parts: colour for what, line for state</h3>")
            plans += [f"<div>{_kind_swatch(k)}{esc(PART_KIND_LABELS[k])}</div>" for k in kinds]
            plans += [
                f"<div>{_part_swatch('#444', style)}{esc(PART_STAGE_GROUP_LABELS[group])}</div>"
                for group, style in PART_LINE_STYLES.items()
            ]
        sections["plans"] = plans
    if "suwalki" in layers:
        sections["suwalki"] = [
            f'<div><i style="border:2px dashed {SUWALKI_COLOUR};background:none"></i>'
            f"{esc(LAYERS['suwalki'])} (narrowest line dashed)</div>"
        ]
    parts = [f'<section data-layer="{key}">{"".join(items)}</section>' for key, items in sections.items()]
    parts.append(_finder(focus or {}))
    # foldable: open on a wide screen, folded on a phone (SmallScreen folds it), so it never hides the map
    parts = ['<details class="atlas-fold" open><summary>Legend</summary>', *parts, "</details>"]
    return Control("".join(parts), "bottomright", "atlas-box atlas-legend", "legend")


def _finder(focus: Mapping[str, str]) -> str:
    """Every feature's details from the keyboard (the map's shapes are drawn on a canvas and take no focus): a button
    per focus country, and a list of every feature shown (layers.panel fills it).
    """
    buttons = " ".join(
        f'<button type="button" class="atlas-open" data-open-iso3="{esc(code)}">{esc(name)}</button>'
        for code, name in focus.items()
    )
    opens = f'<div class="atlas-opens">Details: {buttons}</div>' if buttons else ""
    return (
        f'<section class="atlas-find-section">{opens}<div class="atlas-find"><label for="atlas-find">Details of</label>'
        '<select id="atlas-find"></select><button type="button" id="atlas-find-open" class="atlas-open">Open</button>'
        "</div></section>"
    )


def _halo_swatch(style: dict[str, object]) -> str:
    """A short line drawn like a plan halo (its colour, width, opacity and dashes) under a border line."""
    dashes = str(style.get("dashArray", ""))
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    width = min(int(str(style["weight"])), 10)
    return (
        f'<svg class="swatch" width="40" height="12" aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" '
        f'stroke="{PLAN_COLOUR}" stroke-width="{width:g}" stroke-opacity="{style["opacity"]}"{dash}/>'
        '<line x1="0" y1="6" x2="40" y2="6" stroke="#000" stroke-width="1.5"/></svg>'
    )


def _kind_swatch(kind: str) -> str:
    """A kind's colour as a short line and dot; a closed crossing as the white ring the map draws."""
    colour = PART_KIND_COLOURS[kind]
    if kind == "closed_crossing":
        return (
            '<svg class="swatch" width="40" height="12" aria-hidden="true"><line x1="0" y1="6" x2="40" y2="6" '
            f'stroke="#000" stroke-width="1.5"/><circle cx="20" cy="6" r="4.5" fill="#fff" stroke="{colour}" '
            'stroke-width="2.5"/></svg>'
        )
    return _part_swatch(colour, {"weight": 6})


def _part_swatch(colour: str, style: Mapping[str, object]) -> str:
    """A short line drawn like a located part (its colour, width, opacity and dashes)."""
    dashes = str(style.get("dashArray", ""))
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return (
        f'<svg class="swatch" width="40" height="12" aria-hidden="true"><line x1="0" y1="6" x2="34" y2="6" '
        f'stroke="{colour}" stroke-width="{style["weight"]}" stroke-opacity="{style.get("opacity", 1)}"{dash}/>'
        f'<circle cx="37" cy="6" r="3" fill="{colour}"/></svg>'
    )


def badge_css() -> str:
    """Each status's badge colours (a class per status, so the page's markup carries no inline style)."""
    colours = STATUS_COLOURS.items()
    return "".join(f".badge-{status}{{background:{colour};color:{STATUS_TEXT[status]}}}" for status, colour in colours)


def stylesheet() -> Raw:
    """The atlas's own CSS, for the page header."""
    return Raw(f"<style>{CSS}{badge_css()}</style>")
