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
from layers.web.assets import asset
from layers.web.html import Raw, esc, js_json

ATTRIBUTION = "Map data © OpenStreetMap contributors (ODbL)"


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
    per focus country, and a list of every feature shown (layers.web.panel fills it).
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
    """The atlas's own CSS (layers/web/static/furniture.css) and the status badges' colours, for the page header."""
    return Raw(f"<style>{asset('atlas_css').text}{badge_css()}</style>")
