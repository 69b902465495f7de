"""Map furniture: title and date, legend, attribution and the atlas's stylesheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from branca.element import MacroElement
from jinja2 import Template

from geo.dates import day_text
from geo.reach import Reach
from layers.legend import LegendEntry, LegendSection, Swatch
from layers.style import PART_LINE_STYLES, PLAN_STAGE_STYLES, STATUS_COLOURS, STATUS_TEXT
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


class Palette(MacroElement):
    """The page's colours that come from the palette (layers.style): each status's badge, and the sea when no
    basemap is drawn; layers/web/static/map.js (AtlasMap.palette) applies them.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}AtlasMap.palette({{ this._parent.get_name() }}, {{ this.colours }});"
        "{% endmacro %}"
    )
    default_js = [("atlas_map_js", "layers/web/static/map.js")]

    def __init__(self, sea: str | None) -> None:
        super().__init__()
        self._name = "palette"
        badges = {status: [colour, STATUS_TEXT[status]] for status, colour in STATUS_COLOURS.items() if status}
        self.colours = js_json({"sea": sea, "badges": badges})


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


def legend_control(sections: Sequence[LegendSection], focus: Mapping[str, str] | None = None) -> Control:
    """The legend (layers.legend) as a box: each section under its layer's name, each entry with its swatch, a
    status somebody disputes with what they say; then the keyboard's way to every feature's details.
    """
    parts = [f'<section data-layer="{esc(s.layer)}"><h2>{esc(s.title)}</h2>{_groups(s)}</section>' for s in sections]
    parts.append(_finder(focus or {}))
    # foldable: open on a wide screen, folded on a phone (SmallScreen folds it), so it never hides the map
    parts = ['<details class="atlas-fold" open><summary>Legend</summary>', *parts, "</details>"]
    return Control("".join(parts), "bottomright", "atlas-box atlas-legend", "legend")


def _groups(section: LegendSection) -> str:
    html = []
    for group in section.groups:
        html += [f"<h3>{esc(group.heading)}</h3>"] if group.heading else []
        html += [_entry(e) for e in group.entries]
    return "".join(html)


def _entry(entry: LegendEntry) -> str:
    note = f"<br><small>{esc(entry.note)}</small>" if entry.note else ""
    status = f' data-status="{esc(entry.key)}"' if entry.swatch == "status" else ""
    return f"<div{status}>{SWATCHES[entry.swatch](entry)}{esc(entry.label)}{note}</div>"


def _svg(body: str) -> str:
    return f'<svg class="swatch" width="40" height="12" aria-hidden="true">{body}</svg>'


def _status_swatch(entry: LegendEntry) -> str:
    """A status's fill as a small square."""
    return _svg(f'<rect x="12" y="0.5" width="14" height="11" fill="{esc(entry.colour)}" stroke="#888"/>')


def _border_swatch(entry: LegendEntry) -> str:
    """A border line in its neighbour's colour."""
    return _svg(f'<line x1="0" y1="6" x2="40" y2="6" stroke="{esc(entry.colour)}" stroke-width="4"/>')


def _corridor_swatch(entry: LegendEntry) -> str:
    """The corridor's dashed outline, unfilled."""
    return _svg(
        f'<rect x="12" y="1" width="14" height="10" fill="none" stroke="{esc(entry.colour)}" stroke-width="2" '
        'stroke-dasharray="4 2"/>'
    )


def _band_swatch(entry: LegendEntry) -> str:
    """A short line drawn like a plan's band at its stage (colour, width, opacity and dashes) under a border line."""
    style = PLAN_STAGE_STYLES[entry.key]  # type: ignore[index]
    dashes = str(style.get("dashArray", ""))
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    width = min(int(str(style["weight"])), 10)
    return _svg(
        f'<line x1="0" y1="5" x2="30" y2="5" stroke="{esc(entry.colour)}" stroke-width="{width:g}" '
        f'stroke-opacity="{style["opacity"]}"{dash}/><line x1="0" y1="6" x2="40" y2="6" stroke="#000" '
        'stroke-width="1.5"/>'
    )


def _kind_swatch(entry: LegendEntry) -> str:
    """A kind's colour as a short line and dot; a closed crossing as the white ring the map draws."""
    if entry.key == "closed_crossing":
        return _svg(
            '<line x1="0" y1="6" x2="40" y2="6" stroke="#000" stroke-width="1.5"/><circle cx="20" cy="6" r="4.5" '
            f'fill="#fff" stroke="{esc(entry.colour)}" stroke-width="2.5"/>'
        )
    return _part_swatch(entry.colour, {"weight": 6})


def _state_swatch(entry: LegendEntry) -> str:
    """A located part's state: the line's width, opacity and dashes."""
    return _part_swatch(entry.colour, PART_LINE_STYLES[entry.key])


def _part_swatch(colour: str, style: Mapping[str, object]) -> str:
    """A short line drawn like a located part (its colour, width, opacity and dashes)."""
    dashes = str(style.get("dashArray", ""))
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return _svg(
        f'<line x1="0" y1="6" x2="34" y2="6" stroke="{esc(colour)}" stroke-width="{style["weight"]}" '
        f'stroke-opacity="{style.get("opacity", 1)}"{dash}/><circle cx="37" cy="6" r="3" fill="{esc(colour)}"/>'
    )


SWATCHES: dict[Swatch, Callable[[LegendEntry], str]] = {
    "status": _status_swatch,
    "border": _border_swatch,
    "band": _band_swatch,
    "kind": _kind_swatch,
    "state": _state_swatch,
    "corridor": _corridor_swatch,
}


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


def stylesheet() -> Raw:
    """The atlas's own CSS (layers/web/static/furniture.css), for the page header."""
    return Raw(f"<style>{asset('atlas_css').text}</style>")
