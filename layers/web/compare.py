"""The comparison page: two maps of one record side by side, one per date, that pan and zoom together, with what
changed between the dates (geo.changes) and the sources of both maps and of those changes; offline and byte for byte
the same for the same arguments.

The map page is the export's own (layers.web.page.map_html of a model with its own time, as the app shows it: no
title, table or sources of its own), carried once, packed, and loaded into both frames by static/compare.js, which
sets each to its date through the page's API and keeps them together (atlas:moving, atlasPosition).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import jinja2

from geo import TOOL_NAME, __version__
from geo.changes import KIND_LABELS, Change, changes
from geo.citations import citation_entries, references
from geo.dates import day_text
from geo.model import MapModel
from geo.view import MapView, sources_on_map
from layers.files import write_atomic
from layers.web.assets import asset, template_text
from layers.web.html import esc, packed_json, sources_html
from layers.web.map import DEFAULT_TITLE
from layers.web.page import ExportOptions, map_html, raw_text
from layers.web.sources_list import sources_section

STYLES = ("atlas_css", "atlas_compare_css")  # furniture.css styles the sources list
SCRIPTS = ("tiny_inflate", "atlas_api_js", "atlas_sources_js", "atlas_compare_js")


def compare_html(model: MapModel, other: MapView, options: ExportOptions) -> str:
    """The page comparing the model's day (a model with its own time, geo.model.map_model(..., timed=True)) with the
    other view's day, earlier or later: the two maps in date order under their dates, the changes after the earlier
    day up to the later one, and the sources.
    """
    views = sorted([model.view, other], key=lambda v: v.day)
    earlier, later = views
    title = options.title or DEFAULT_TITLE
    found = changes(later.facts, earlier.day + dt.timedelta(days=1), later.day, field="--compare")
    cited = [s for v in views for s in sources_on_map(v, model.layers)] + [s for c in found for s in c.sources]
    refs = references(cited, later.facts)
    page = map_html(model, dataclasses.replace(options, title=title, embedded=True, timestamp=False))
    stamp = f"<p>Exported {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.</p>" if options.timestamp else ""
    dates = f"{day_text(earlier.day)} and {day_text(later.day)}"
    sources = sources_section(
        refs, citation_entries(refs), title, dates, f"{TOOL_NAME} {__version__}", stamp, model.view.claims
    )
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(template_text("compare.html")).render(
        title=title,
        intro=f"The same record on {dates}, one map each; a pan or zoom of either map moves both.",
        days=[{"iso": v.day.isoformat(), "text": day_text(v.day)} for v in views],
        changes_heading=f"What changed after {day_text(earlier.day)} up to {day_text(later.day)}",
        changes_intro=f"{len(found)} change{'s' if len(found) != 1 else ''} in the record: treaty steps, plan and "
        "part stages, border crossings. " + later.reach.text,
        changes=[_change_item(c) for c in found],
        sources=sources.render(),
        styles=[raw_text(asset(name).text, "style") for name in STYLES],
        scripts=[raw_text(asset(name).text, "script") for name in SCRIPTS],
        packed=packed_json(page),
    )


def _change_item(change: Change) -> str:
    """One change as a list item's HTML: its date, kind, text, countries and sources, every data text escaped."""
    owners = f" ({esc(', '.join(change.countries))})" if change.countries else ""
    return f"<b>{esc(change.date)}</b> {esc(KIND_LABELS[change.kind])}: {esc(change.text)}{owners}" + sources_html(
        change.sources
    )


def export_compare(model: MapModel, other: MapView, out: Path, options: ExportOptions) -> str:
    """Write the comparison page to out (atomically: all or nothing); returns the page."""
    html = compare_html(model, other, options)
    write_atomic(out, html.encode("utf-8"))
    return html
