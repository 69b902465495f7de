"""The Eastern Flank Atlas app (Streamlit): the map on any date, charts, tables, downloads; the view is in the URL.

Thin: everything it shows comes from `geo` (data, computation, tables, downloads) and `layers` (map, charts).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from atlas.mapcomponent import atlas_map, map_src
from atlas.viewstate import (
    BASEMAPS,
    ViewState,
    country_choices,
    grouped_events,
    parse_position,
    state_from_query,
)
from geo import TOOL_NAME, __version__, settings
from geo.caption import caption
from geo.changes import KIND_LABELS, changes
from geo.citations import Reference, formatted
from geo.claims import VERDICTS, counts_by_seed
from geo.dates import EARLIEST, day_text, parse_day, period_text, year_before
from geo.errors import AtlasError
from geo.facts.cite import short_citations
from geo.facts.load import fingerprint
from geo.facts.seeds import seed_headline
from geo.frame import FORMATS, Format
from geo.gis import geojson_zip, layer_frames
from geo.model import MapModel, map_model
from geo.record import Record, open_record
from geo.settings import FACTS_PATH, LAYERS
from geo.tables import (
    border_table,
    changes_table,
    csv_bytes,
    days_written,
    events_table,
    parts_table,
    plan_figures,
    plans_table,
    scales_official_table,
    scales_table,
    status_spans,
    status_table,
)
from geo.treaty import TimelineEvent, timeline
from geo.view import MapView, map_references
from layers.qgis import styled_gpkg
from layers.style import STATUS_LABELS
from layers.web.assets import asset
from layers.web.basemaps import NONE
from layers.web.charts import lengths_chart, plan_figures_chart, scales_chart, timeline_chart
from layers.web.compare import compare_html
from layers.web.html import short
from layers.web.page import ExportOptions, map_html

MAP_KEY = "atlas_map"
MAP_HEIGHT = 680
# "What changed" first: it is built in every run anyway (its window is the report pack's --since), and it is light, so
# a new visit's first tab draws no chart or table while the map loads in the same page (README: the app's times)
TABS = ("What changed", "Treaty timeline", "Border lengths", "Stated plans", "Status on the date", "Sources")


def md(text: object) -> str:
    """Text from data or a URL, inert in Streamlit markdown (no links, images, emphasis or maths)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])", r"\\\1", str(text))


# ---------------------------------------------------------------- data, read once per content of the facts file

Key = tuple[str, str, str]  # the facts file, its content, the GeoPackage's stamp: every cached result depends on them


def record_key() -> Key:
    """The facts file (data/facts.yaml, or the one ATLAS_FACTS names) with its content's fingerprint, and the
    GeoPackage's size and modification time: a rebuilt atlas.gpkg or an edited facts file is read again.
    """
    path = Path(os.environ.get("ATLAS_FACTS") or FACTS_PATH)
    try:
        stat = settings.GPKG_PATH.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError as error:
        stamp = f"unreadable: {error.strerror}"
    return str(path), fingerprint(path), stamp


@st.cache_resource(max_entries=4, show_spinner="Loading the atlas…")
def record(facts_path: str, content: str, gpkg_stamp: str) -> Record | str:
    """The record opened once per content of the facts file, with its GeoPackage read and its map base computed
    (without verdicts when data/claims.yaml is missing or bad: the Sources tab says why); a bad file gives its one-line
    error, once.
    """
    try:
        return open_record(facts_path).ready()  # read and computed here, once, under the spinner
    except AtlasError as error:
        return error.line()


def loaded(key: Key) -> Record:
    """The record of a key that main() has checked."""
    found = record(*key)
    if isinstance(found, str):
        raise AtlasError(key[0], None, None, found)
    return found


@st.cache_resource(max_entries=64, show_spinner=False)
def view_on(key: Key, day_iso: str) -> MapView:
    """What the map shows on a day (statuses, display geometry, lengths, plans, the claims the record disputes)."""
    return loaded(key).view(dt.date.fromisoformat(day_iso))


@st.cache_resource(max_entries=4, show_spinner=False)
def page_model(key: Key, today_iso: str) -> MapModel:
    """The model of the app's map (every layer, its own time): the map page draws it, and the sidebar's date widget
    takes its date range, so the two never disagree.
    """
    return map_model(view_on(key, today_iso), timed=True)


@st.cache_data(max_entries=8, show_spinner="Drawing the map…")
def map_page(key: Key, basemap: str) -> str:
    """The map page on a basemap (every asset and layer inline, its own time), written for the map component; its
    address. The day, the layers and the country do not matter: the component sets them in the page.
    """
    model = page_model(key, dt.date.today().isoformat())
    return map_src(map_html(model, ExportOptions(basemap=basemap, embedded=True)))


def set_widgets(state: ViewState) -> None:
    """The sidebar set to the view `state`: the link's, at the session's start, or the address bar's after the reader
    went Back or Forward.
    """
    set_day("day", state.day)
    for key in LAYERS:
        st.session_state[f"layer_{key}"] = key in state.layers
    st.session_state["basemap"] = state.basemap
    st.session_state["country"] = state.country
    st.session_state["position"] = state.position


def follow_the_map() -> None:
    """The reader moved the date, ticked a layer or moved the map: the sidebar and the address bar follow."""
    value = st.session_state.get(MAP_KEY)
    if not isinstance(value, dict):
        return
    if isinstance(value.get("position"), str) and value["position"]:
        with contextlib.suppress(AtlasError):  # the map writes positions in its range; anything else changes nothing
            st.session_state["position"] = parse_position(value["position"])
    if isinstance(value.get("date"), str):
        set_day("day", dt.date.fromisoformat(value["date"]))
    if isinstance(value.get("layers"), list):
        for key in LAYERS:
            st.session_state[f"layer_{key}"] = key in value["layers"]


@st.cache_data(max_entries=4, show_spinner=False)
def timeline_events(key: Key) -> list[TimelineEvent]:
    """Every treaty event, by date."""
    return timeline(loaded(key).facts)


# downloads are made when their button is clicked (in another thread), and kept for the next click
@functools.lru_cache(maxsize=8)
def map_download(key: Key, day_iso: str, layers: tuple[str, ...], basemap: str, country: str | None) -> bytes:
    """The self-contained HTML map (every asset inline, works offline), opening on the country shown."""
    view = view_on(key, day_iso)
    bounds = view.country_bounds(country) if country else None
    page = map_html(map_model(view, layers, timed=True), ExportOptions(basemap=basemap, bounds=bounds))
    return page.encode("utf-8")


@functools.lru_cache(maxsize=8)
def gis_download(key: Key, kind: str, day_iso: str, layers: tuple[str, ...], country: str | None) -> bytes:
    """The layers as GeoJSON files (zipped, one per layer) or one GeoPackage: full-resolution geometry with the
    attributes of the date; with a country shown, the features within its bounds.
    """
    view = view_on(key, day_iso)
    bounds = view.country_bounds(country) if country else None
    frames = layer_frames(loaded(key).gpkg, view, layers, bounds)
    return geojson_zip(frames) if kind == "geojson" else styled_gpkg(frames)


@functools.lru_cache(maxsize=8)
def figure_download(key: Key, day_iso: str, layers: tuple[str, ...], country: str | None, fmt: Format) -> bytes:
    """The print figure of the view (EPSG:3035, A4 landscape, 200 dpi for PNG)."""
    from layers.report import figure_product  # matplotlib: imported on the first click, not at start

    product = figure_product(
        view_on(key, day_iso), loaded(key).gpkg, layers=layers, data_version=loaded(key).data_version, dpi=200,
        country=country, sources_where="the sources list of the app's Sources tab",
    )  # fmt: skip
    return product.render(fmt)


@functools.lru_cache(maxsize=2)
def pack_download(key: Key, day_iso: str, since_iso: str, layers: tuple[str, ...]) -> bytes:
    """The report pack of the date as a zip (the same as `python -m atlas report`, PNGs at 150 dpi)."""
    from geo.provenance import report_command
    from layers.report import report_files, zip_bytes

    record, day, since = loaded(key), dt.date.fromisoformat(day_iso), dt.date.fromisoformat(since_iso)
    again = report_command(f"atlas-report-{day_iso}", day, since, layers, 150, record.facts_path, record.gpkg_path)
    files = report_files(
        view_on(key, day_iso), record.gpkg, layers=layers, data_version=record.data_version, command=again.argv,
        inputs=again.inputs, since=since, dpi=150,
    )  # fmt: skip
    return zip_bytes(files, f"atlas-report-{day_iso}")


@functools.lru_cache(maxsize=4)
def compare_figure_download(
    key: Key, day_iso: str, other_iso: str, layers: tuple[str, ...], country: str | None
) -> bytes:
    """The figure of the view on both days side by side (SVG, A4 landscape), with what changed in its description."""
    from layers.report import figure_product  # matplotlib: imported on the first click, not at start

    product = figure_product(
        view_on(key, day_iso), loaded(key).gpkg, layers=layers, data_version=loaded(key).data_version, dpi=200,
        country=country, sources_where="the sources list of the app's Sources tab", compare=[view_on(key, other_iso)],
    )  # fmt: skip
    return product.render("svg")


@functools.lru_cache(maxsize=4)
def compare_page_download(key: Key, day_iso: str, other_iso: str, layers: tuple[str, ...], country: str | None) -> str:
    """The offline page of both days' maps side by side, moving together (as `atlas export --compare`)."""
    view = view_on(key, day_iso)
    bounds = view.country_bounds(country) if country else None
    return compare_html(map_model(view, layers, timed=True), view_on(key, other_iso), ExportOptions(bounds=bounds))


def compare_section(key: Key, state: ViewState, span: tuple[dt.date, dt.date]) -> None:
    """Another day beside the map's: the two maps side by side (shown on request), their figure and page."""
    if not isinstance(st.session_state.get("compare"), dt.date):
        set_day("compare", year_before(state.day))
    other = day_input("Compare with", "compare", span, "The day whose map stands beside the map's own.")
    if other == state.day:
        st.info(f"Pick a day other than the map's ({day_text(state.day)}) to compare with.")
        return
    day_iso, other_iso = state.day.isoformat(), other.isoformat()
    first, last = sorted([day_iso, other_iso])
    where = f"-{state.country.lower()}" if state.country else ""
    args = (key, day_iso, other_iso, state.layers, state.country)
    left, right = st.columns(2)
    with left:
        download("Comparison figure (SVG)", functools.partial(compare_figure_download, *args),
                 f"atlas-{first}-{last}{where}.svg", "image/svg+xml", "dl_compare_svg")  # fmt: skip
    with right:
        download("Comparison page (HTML, offline)", lambda: compare_page_download(*args).encode("utf-8"),
                 f"atlas-{first}-{last}{where}.html", "text/html", "dl_compare_html")  # fmt: skip
    if st.checkbox("Show both maps here", key="compare_shown", help="Two maps that pan and zoom together"):
        st.iframe(compare_page_download(*args), height=MAP_HEIGHT + 420)


# ---------------------------------------------------------------- the view: widgets and URL


def set_day(key: str, day: dt.date) -> None:
    """A day field (day_input) set to `day`, written the atlas's way."""
    st.session_state[key] = day
    st.session_state[f"{key}_typed"] = day_text(day)
    st.session_state[f"{key}_problem"] = None


def take_typed_day(key: str, label: str, span: tuple[dt.date, dt.date]) -> None:
    """The text typed in a day field (Enter or leaving it): its day when it is one in `span`, else why not."""
    text = st.session_state[f"{key}_typed"]
    try:
        day = parse_day(text, label)
        if not span[0] <= day <= span[1]:
            raise AtlasError(None, label, text, f"outside {day_text(span[0])} to {day_text(span[1])}")
    except AtlasError as error:
        st.session_state[f"{key}_problem"] = error.line()
        return
    set_day(key, day)


def day_input(label: str, key: str, span: tuple[dt.date, dt.date], help: str) -> dt.date:
    """A day typed as the atlas writes it ('1 Jun 2025'; an ISO day is taken too) and applied with Enter, never in
    the browser's locale; the day it holds (session_state[key]), which a bad text leaves as it was, saying why.
    """
    if st.session_state.get(f"{key}_typed") is None:
        set_day(key, st.session_state[key])
    st.text_input(
        label, key=f"{key}_typed", on_change=take_typed_day, args=(key, label, span),
        help=f"{help} Type a day as 1 Jun 2025 or 2025-06-01 and press Enter.", placeholder="e.g. 1 Jun 2025",
    )  # fmt: skip
    problem = st.session_state.get(f"{key}_problem")
    if problem:
        st.error(md(problem), icon=":material/event_busy:")
    day: dt.date = st.session_state[key]
    return day


def jump_to_event() -> None:
    """Quick pick chosen: set the date to the event's, and clear the pick."""
    pick = st.session_state.get("pick")
    if pick:
        set_day("day", dt.date.fromisoformat(pick))
    st.session_state["pick"] = None


def sidebar(
    state: ViewState, span: tuple[dt.date, dt.date], countries: dict[str, str], events: dict[str, str]
) -> ViewState:
    """The sidebar widgets (seeded once per session from the link); the view they choose."""
    if "day" not in st.session_state:
        set_widgets(state)
    with st.sidebar:
        st.header("View")
        day = day_input(
            "As of", "day", span, f"The treaty status of each country on this day, {day_text(span[0])} to "
            f"{day_text(span[1])}: the map's range."
        )  # fmt: skip
        st.selectbox(
            "Jump to a treaty event",
            list(events),
            key="pick",
            index=None,
            format_func=events.__getitem__,
            placeholder="Choose an event…",
            on_change=jump_to_event,
        )
        st.subheader("Layers")
        layers = tuple(key for key, label in LAYERS.items() if st.toggle(label, key=f"layer_{key}"))
        basemap = st.selectbox(
            "Basemap",
            BASEMAPS,
            key="basemap",
            format_func=lambda b: "none (offline: the countries alone)" if b == NONE else f"{b} (online tiles)",
        )
        country = st.selectbox(
            "Zoom to", list(countries), key="country", format_func=countries.__getitem__, on_change=forget_position
        )
        st.caption(f"{TOOL_NAME} {__version__}. The link in the address bar reopens this view.")
    return ViewState(day, layers, basemap, country, st.session_state.get("position", ""))


def forget_position() -> None:
    """A new country to zoom to: the map opens on it, wherever the reader had moved the last one."""
    st.session_state["position"] = ""


# ---------------------------------------------------------------- the page


def status_line(view: MapView) -> str:
    """'As of 1 Mar 2026 — Withdrawn: Estonia, Finland · Party: Norway' as HTML (its texts escaped), in a polite live
    region: a screen reader hears the new day and statuses once a change has reached the page.
    """
    by_status: dict[str, list[str]] = {}
    for iso3, status in view.statuses.items():
        country = view.country(iso3)
        by_status.setdefault(status.status, []).append(country.name if country else iso3)
    shown = " · ".join(
        f"<b>{html.escape(STATUS_LABELS[s])}</b>: {html.escape(', '.join(names))}" for s, names in by_status.items()
    )
    return f'<div role="status" aria-live="polite">As of <b>{day_text(view.day)}</b> — {shown}</div>'


def download(label: str, data: bytes | Callable[[], bytes], file_name: str, mime: str, key: str) -> None:
    """A download button that does not rerun the page."""
    st.download_button(
        label, data, file_name=file_name, mime=mime, key=key, on_click="ignore", icon=":material/download:"
    )


def table(frame: pd.DataFrame, name: str, label: str) -> None:
    """A table (its days written the atlas's way) and its CSV download (ISO days)."""
    st.dataframe(days_written(frame), hide_index=True, width="stretch")
    download(f"{label} (CSV)", csv_bytes(frame), f"{name}.csv", "text/csv", f"csv_{name}")


def headline(seed: str) -> str:
    """The article's headline, shortened for a table."""
    return short(seed_headline(seed), 110)


CITATION_FILES = [
    ("csl-json", "json", "application/json"),
    ("bibtex", "bib", "application/x-bibtex"),
    ("ris", "ris", "application/x-research-info-systems"),
    ("text", "txt", "text/plain"),
]


def formatted_bytes(refs: tuple[Reference, ...], form: str) -> bytes:
    """References in one format, as a download."""
    return formatted(refs, form).encode("utf-8")


def scales_section(rec: Record, view: MapView) -> None:
    """Each border's length at several scales: a log-log chart with its roughness, the table of every source and
    scale, and the official figures placed by what they measure.
    """
    scales = {s.pair: s for s in rec.scales()}
    if not scales:
        st.caption("This GeoPackage holds no lengths at other scales: rebuild it with `make data`.")
        return
    pair = st.selectbox("Border", list(scales), key="scales_pair")
    official = scales_official_table([scales[pair]], view.lengths)
    st.altair_chart(scales_chart(scales[pair], official), width="stretch")
    st.caption(
        "A border is longer the finer it is measured (Richardson's effect). The line: a divider walked along the "
        "atlas's line with rulers of 0.1 to 20 km; its slope on these logarithmic axes gives the roughness D "
        "(1 for a straight line). The diamonds: the same border in the Digital Chart of the World (1:1M) and Natural "
        "Earth (1:10M, 1:50M, 1:110M), placed at the detail a map of that scale shows (0.5 mm on paper). "
        "All lengths geodesic."
    )
    table(official, f"border-scales-official-{pair}", "Official figures by what they measure")
    table(scales_table(scales.values(), view.lengths), "border-scales", "Lengths at several scales, every border")


def sources_tab(rec: Record, view: MapView) -> None:
    """Each seed article with its claims, their verdicts against the record, and the count per verdict."""
    if rec.ledger_error is not None:  # the map has no verdicts: say why
        st.warning(md(rec.ledger_error.line()))
        return
    checked = list(view.claims)  # checked once per facts content, with the map base
    counts = counts_by_seed(checked)
    refs = map_references(view)
    st.caption(
        f"The map's facts come from {len(refs)} publications. Save them for a reference manager or a bibliography:"
    )
    for column, (form, suffix, mime) in zip(st.columns(4), CITATION_FILES, strict=True):
        with column:
            download(
                form.upper(),
                functools.partial(formatted_bytes, tuple(refs), form),
                f"sources.{suffix}",
                mime,
                f"cite_{form}",
            )
    st.caption(
        "Every checkable claim of the seed articles, checked against the record (data/claims.yaml, data/facts.yaml)."
    )
    st.dataframe(
        pd.DataFrame(
            [{"seed": seed, "headline": headline(seed), **c, "claims": sum(c.values())} for seed, c in counts.items()],
            columns=["seed", "headline", *VERDICTS, "claims"],
        ),
        hide_index=True,
        width="stretch",
    )
    for seed, count in counts.items():
        tally = ", ".join(f"{n} {v}" for v, n in count.items() if n)
        with st.expander(f"seeds/{md(seed)}: {md(headline(seed))} ({md(tally)})"):
            rows = [c.as_dict() for c in checked if c.seed == seed]
            columns = ["verdict", "subject", "attribute", "stated", "record", "reason", "source", "quote", "id"]
            st.dataframe(days_written(pd.DataFrame(rows)[columns]), hide_index=True, width="stretch")


def plans_tab(view: MapView, until: dt.date) -> None:
    """The plans' figures over time (up to `until`), the plans on the map's date and their located parts."""
    st.altair_chart(plan_figures_chart(plan_figures(view.facts, view.parts, until), view.day))
    st.caption(
        "Stated figures are dated by when their source stated them (else by the plan's first event); located km "
        "is the running total of the stretches the atlas places on the border, by each part's first event. "
        "Hover a point for its note."
    )
    st.caption(f"Plans known on {day_text(view.day)}, each at its stage then.")
    table(plans_table(view.plans), f"plans-{view.day.isoformat()}", "Stated plans")
    st.caption(
        f"Parts of plans located on the border on {day_text(view.day)}: a stretch between or around named "
        "places, or a place; each at its stage then."
    )
    table(parts_table(view.part_stages), f"plan-parts-{view.day.isoformat()}", "Located parts")


def changes_tab(view: MapView) -> dt.date:
    """What changed from a day the analyst picks (default a year earlier) to the map's date, each change with its
    sources; the day chosen (the report pack's --since too).
    """
    chosen = st.session_state.get("since")
    if not isinstance(chosen, dt.date) or chosen > view.day:  # first visit, or a map date before the chosen start
        set_day("since", year_before(view.day))
    since = day_input(
        "Changes since", "since", (EARLIEST, view.day), "The first day of the window; it ends on the map's date."
    )
    found = changes(view.facts, since, view.day, field="Changes since")
    st.markdown(
        f"**{len(found)} change{'s' if len(found) != 1 else ''}** from {day_text(since)} to {day_text(view.day)}: "
        "treaty steps, plan and part stages, border crossings closed or reopened."
    )
    lines = [
        f"- {md(period_text(c.date))} · {md(KIND_LABELS[c.kind])}: **{md(c.text)}** "
        f"<small>({md('; '.join(short_citations(c.sources)))})</small>"
        for c in found
    ]
    if lines:
        st.markdown("\n".join(lines), unsafe_allow_html=True)
    download(
        "What changed (CSV)",
        csv_bytes(changes_table(found)),
        f"changes-{since.isoformat()}-{view.day.isoformat()}.csv",
        "text/csv",
        "csv_changes",
    )
    return since


def tabs_below(found: Record, view: MapView, events: list[TimelineEvent], state: ViewState, today: dt.date) -> dt.date:
    """The tabs under the map; only the open tab is built (switching tabs reruns the page: a date change builds one
    tab, not six). "What changed" is built in every run: its window is the report pack's --since, which it returns.
    """
    facts = view.facts
    shown = dict(zip(TABS, st.tabs(TABS, key="tab", on_change="rerun"), strict=True))
    with shown["Treaty timeline"]:
        if shown["Treaty timeline"].open:
            spans = status_spans(facts, max(today, state.day))
            events_frame = events_table(events, facts)
            st.altair_chart(timeline_chart(spans, events_frame, state.day), width="stretch")
            st.caption(
                "Each country's status under the Ottawa Convention over time; "
                "diamonds mark treaty events (hover for the source)."
            )
            table(events_frame, "treaty-events", "Treaty events")
    with shown["Border lengths"]:
        if shown["Border lengths"].open:
            borders = border_table(view.lengths.values())
            st.altair_chart(lengths_chart(borders), width="stretch")
            st.caption(
                "Computed: geodesic length of land and inland-water sections of the atlas geometry. "
                "Hover a point for its source and how it compares."
            )
            table(borders, "border-lengths", "Border lengths")
            scales = st.expander(
                "Lengths at several scales, and why official figures differ", key="scales_open", on_change="rerun"
            )
            if scales.open:
                with scales:
                    scales_section(found, view)
    with shown["Stated plans"]:
        if shown["Stated plans"].open:
            plans_tab(view, max(today, state.day))
    with shown["What changed"]:
        since = changes_tab(view)
    with shown["Status on the date"]:
        if shown["Status on the date"].open:
            table(
                status_table(view.statuses, facts, state.day), f"status-{state.day.isoformat()}", "Status on the date"
            )
    with shown["Sources"]:
        if shown["Sources"].open:
            try:
                sources_tab(found, view)
            except AtlasError as error:
                st.warning(md(error.line()))
    return since


def pack_section(key: Key, view: MapView, state: ViewState, since: dt.date) -> None:
    """The figure's caption and the report pack of the map's date, with what changed since `since`."""
    day_iso = state.day.isoformat()
    st.text(caption(view, "EPSG:3035 (ETRS89-extended / LAEA Europe)", len(map_references(view, state.layers)),
                    loaded(key).data_version))  # fmt: skip
    download(
        f"Report pack (zip: figures, maps, tables, what changed since {day_text(since)}, sources, manifest; "
        "10 to 20 seconds to make)",
        functools.partial(pack_download, key, day_iso, since.isoformat(), state.layers),
        f"atlas-report-{day_iso}.zip",
        "application/zip",
        "dl_pack",
    )


def main() -> None:
    """The page: sidebar, status line, map, downloads and tabs."""
    st.set_page_config(page_title=TOOL_NAME, page_icon="🗺️", layout="wide")
    today = dt.date.today()
    key = record_key()
    found = record(*key)
    if isinstance(found, str):
        st.error(md(found))
        st.stop()
    first = view_on(key, today.isoformat())
    model = page_model(key, today.isoformat())
    span = (model.first, model.last)
    countries = country_choices(first)
    events = timeline_events(key)
    url = st.query_params.to_dict()
    if "url_warnings" not in st.session_state:
        state = state_from_query(url, today, [c for c in countries if c], model.last)
        st.session_state["url_warnings"] = state.warnings
    else:
        state = ViewState(today)
        written = st.session_state.get("written_url")
        if written is not None and url != written:  # Back or Forward: the address bar leads, the sidebar follows
            set_widgets(state_from_query(url, today, [c for c in countries if c], model.last))
    state = sidebar(state, span, countries, grouped_events(events))
    if url != state.query():
        st.query_params.from_dict(state.query())
    st.session_state["written_url"] = state.query()
    view = view_on(key, state.day.isoformat())

    st.markdown(f"<style>{asset('atlas_app_css').text}</style>", unsafe_allow_html=True)  # web/static/app.css
    st.title(TOOL_NAME, anchor=False)  # the page's one h1 (the map inside has none: the app titles it)
    st.markdown(
        "The Ottawa Convention on NATO's eastern flank: each country's treaty status on any date, its borders with "
        "Russia and Belarus, the Suwałki Gap and the stated deterrence plans, every fact with its source."
    )
    for warning in st.session_state["url_warnings"]:
        st.warning(md(warning), icon=":material/link_off:")
    st.markdown(status_line(view), unsafe_allow_html=True)
    notice = view.reach.notice(state.day)
    if notice:
        st.warning(md(notice), icon=":material/history:")
    st.caption(md(view.reach.text))

    src = map_page(key, state.basemap)
    bounds = view.country_bounds(state.country) if state.country else view.focus_bounds()
    atlas_map(
        src, state.day.isoformat(), list(state.layers), bounds, state.position, MAP_HEIGHT, MAP_KEY,
        on_change=follow_the_map,
    )  # fmt: skip

    day_iso = state.day.isoformat()
    where = f"-{state.country.lower()}" if state.country else ""
    files = [
        (
            "Map (HTML, offline)",
            functools.partial(map_download, key, day_iso, state.layers, state.basemap, state.country),
            "html",
            "text/html",
        ),
        (
            "GeoJSON layers (zip)",
            functools.partial(gis_download, key, "geojson", day_iso, state.layers, state.country),
            "geojson.zip",
            "application/zip",
        ),
        (
            "GeoPackage layers",
            functools.partial(gis_download, key, "gpkg", day_iso, state.layers, state.country),
            "gpkg",
            "application/geopackage+sqlite3",
        ),
    ]
    files += [
        (
            f"Figure ({fmt.upper()})",
            functools.partial(figure_download, key, day_iso, state.layers, state.country, fmt),
            fmt,
            {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}[fmt],
        )
        for fmt in FORMATS
    ]
    for column, (label, data, suffix, mime) in zip(st.columns(len(files)), files, strict=True):
        with column:
            download(label, data, f"atlas-{day_iso}{where}.{suffix}", mime, f"dl_{suffix.replace('.', '_')}")
    with st.expander("Compare with another date"):
        compare_section(key, state, span)
    pack = st.expander("Caption and report pack", key="pack_open", on_change="rerun")  # its caption built when open

    since = tabs_below(found, view, events, state, today)
    if pack.open:  # its caption and the pack's label are built only when open
        with pack:
            pack_section(key, view, state, since)


main()
