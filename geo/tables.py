"""The app's tables as DataFrames (border lengths, treaty events, plans and their located parts, plan figures over
time, status spans), every row with its sources.

Pure functions over the facts and a MapView: no streamlit, no folium. The app shows them, charts them and
offers them as CSV.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

from geo.borders import BorderLength
from geo.changes import Change
from geo.dates import EARLIEST, day_text, period, period_text
from geo.facts.cite import full_citations
from geo.facts.schema import EVENT_LABELS, Facts
from geo.parts import LocatedPart, PartStage
from geo.plans import PlanStage, first_known
from geo.rows import (
    BORDER_COLUMNS,
    PART_COLUMNS,
    PLAN_COLUMNS,
    SCALE_TABLE_COLUMNS,
    STATUS_COLUMNS,
    LengthRow,
    PartRow,
    PlanRow,
    ScalesRow,
    StatusRow,
)
from geo.scales import BorderScales
from geo.treaty import TimelineEvent, TreatyStatus, status_on, timeline


def border_table(lengths: Iterable[BorderLength]) -> pd.DataFrame:
    """One row per official figure of each border (one row for a border without any), the computed km beside it."""
    return pd.DataFrame([row for b in lengths for row in LengthRow(b).table_rows()], columns=BORDER_COLUMNS)


def scales_table(scales: Iterable[BorderScales], lengths: dict[str, BorderLength]) -> pd.DataFrame:
    """One row per border, source and scale: its length, the scale or ruler, the detail it shows and the border's
    roughness (fractal dimension D of its divider series).
    """
    rows = [row for s in scales if s.pair in lengths for row in ScalesRow(s, lengths[s.pair]).table_rows()]
    return pd.DataFrame(rows, columns=SCALE_TABLE_COLUMNS)


def scales_official_table(scales: Iterable[BorderScales], lengths: dict[str, BorderLength]) -> pd.DataFrame:
    """Each official figure of the borders in `scales`, with what it measures and the atlas's figure for the same
    definition (or why there is none).
    """
    rows = [
        {"border": s.pair, **placed}
        for s in scales
        if s.pair in lengths
        for placed in ScalesRow(s, lengths[s.pair]).placed()
    ]
    columns = ["border", "measures", "km", "covers", "sources", "beside", "beside_km", "note"]
    return pd.DataFrame(rows, columns=columns)


def events_table(events: Iterable[TimelineEvent], facts: Facts) -> pd.DataFrame:
    """Every treaty event: date, country, event, note, sources, and any other date a source gives."""
    rows = []
    for e in events:
        record = next(
            (t for t in facts.country(e.iso3).treaty_events or [] if t.kind == e.kind and t.date == e.date), None
        )
        others = (
            "; ".join(f"{a.date.isoformat()} ({full_citations(a.sources)})" for a in record.alternative_dates)
            if record
            else ""
        )
        rows.append(
            {
                "date": e.date.isoformat(),
                "iso3": e.iso3,
                "country": e.country,
                "event": EVENT_LABELS[e.kind],
                "note": e.note or "",
                "other_dates": others,
                "sources": full_citations(e.sources),
            }
        )
    return pd.DataFrame(rows, columns=["date", "iso3", "country", "event", "note", "other_dates", "sources"])


def plans_table(plans: Iterable[PlanStage]) -> pd.DataFrame:
    """Every plan known on a date (geo.plans.plans_on), its stage then, amounts, quantities, dates, borders, sources."""
    return pd.DataFrame([PlanRow.of(p).table_row() for p in plans], columns=PLAN_COLUMNS)


def status_spans(facts: Facts, until: dt.date) -> pd.DataFrame:
    """Each country's status over time as spans [start, end), found by evaluating the status at every event date.

    Spans start at 1997-01-01 (the atlas's first day) and the last one ends at `until` (or the last event, if later).
    """
    events = timeline(facts)
    end = max([until, *(e.date for e in events)])
    rows = []
    for country in facts.countries:
        if country.treaty_events is None:
            continue
        days = sorted({EARLIEST, *(e.date for e in country.treaty_events if e.date >= EARLIEST)})
        spans: list[dict[str, object]] = []
        for day in days:
            status = status_on(country, day)
            if spans and spans[-1]["status"] == status.status:
                continue
            if spans:
                spans[-1]["end"] = day
            spans.append(
                {
                    "iso3": country.iso3,
                    "country": country.name,
                    "status": status.status,
                    "explanation": status.explanation,
                    "start": day,
                    "end": end,
                }
            )
        rows += spans
    frame = pd.DataFrame(rows, columns=["iso3", "country", "status", "explanation", "start", "end"])
    frame["start_text"] = [day_text(d) for d in frame["start"]]
    frame["end_text"] = [day_text(d) for d in frame["end"]]
    return frame


def status_table(statuses: dict[str, TreatyStatus], facts: Facts, day: dt.date) -> pd.DataFrame:
    """Each country's status on `day`, with its explanation."""
    rows = [StatusRow(iso3, facts.country(iso3).name, day, s).table_row() for iso3, s in statuses.items()]
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


DAY_COLUMNS = ("date", "since", "as_of", "day")  # the columns that hold one day (or month, or year) each
VERBATIM = ("quote", "id")  # a source's own words and the record's ids are shown as they are
_STATED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)
_IN_TEXT = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\w/-])", re.ASCII)  # a day or month in a text
_ADDRESS = re.compile(r"(<[^<>\s]+>)")  # an address in a table's text ('<https://…>'), kept as it is


def _as_written(stated: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as the atlas writes it ('1 Jun 2025', 'Jun 2025', '2025'); the text itself
    when it names no day (a month 13).
    """
    try:
        period(stated)
    except ValueError:
        return stated
    return period_text(stated)


def _written_in(text: str) -> str:
    """A text with each ISO day ('2024-10-31') or month ('2026-01') in it written the atlas's way, its addresses
    untouched.
    """
    return "".join(
        p if _ADDRESS.fullmatch(p) else _IN_TEXT.sub(lambda found: _as_written(found[0]), p)
        for p in _ADDRESS.split(text)
    )


def days_written(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as a reader sees it: each day of its day columns written the atlas's way ('1 Jun 2025', a month
    'Jun 2025', a year '2025'), and each day or month inside its texts too (an event's day, a source's date), as
    the page writes every other day (a quote and an id stay verbatim); its CSV keeps them ISO, for other tools.
    """
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column].astype(object)
        if column in DAY_COLUMNS:
            shown[column] = [_as_written(str(v)[:10]) if _STATED.fullmatch(str(v)[:10]) else v for v in values]
        elif column not in VERBATIM and values.map(lambda v: isinstance(v, str)).any():
            shown[column] = [_written_in(v) if isinstance(v, str) else v for v in values]
    return shown


# a spreadsheet reads a cell that begins with one of these as a formula (OWASP, "CSV Injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_data(value: object) -> object:
    """A text cell a spreadsheet would read as a formula, with a leading apostrophe (OWASP's rule); anything else as
    it is (a number stays a number: -5 is a value, not a formula).
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (RFC 4180) whose cells are data: text that would start a formula is neutralised
    (_as_data).
    """
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_as_data)
    safe.columns = [_as_data(str(column)) for column in safe.columns]
    # lines end in CRLF (RFC 4180), so a cell holding a line break of either kind is quoted and stays one cell
    text: str = safe.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8")


def parts_table(stages: Iterable[PartStage]) -> pd.DataFrame:
    """Every located part known on a date (geo.parts.parts_on): what and where it is, its stage then, its located
    length beside the stated one, confidence and sources.
    """
    return pd.DataFrame([PartRow(s).table_row() for s in stages], columns=PART_COLUMNS)


def plan_figures(facts: Facts, parts: Iterable[LocatedPart], until: dt.date) -> pd.DataFrame:
    """The plans' stated money and kilometres over time, by country, beside the kilometres the atlas locates:
    one row per stated figure (dated by when its source stated it, else by the plan's first event) and a running
    total of located km for each country at each part's first event and at `until`.

    Columns: country, day, measure ('stated km', 'located km' or 'stated money'), value, unit (km or currency),
    plan, note.
    """
    rows: list[dict[str, object]] = []
    for plan in facts.plans:
        first = first_known(plan)
        for code in plan.country:
            for q in plan.quantities:
                if q.unit == "km":
                    day = period(q.as_of)[1] if q.as_of else first
                    rows.append(_figure_row(code, day, "stated km", q.value, "km", plan.title, q.note))
            for a in plan.amounts:
                day = period(a.as_of)[1] if a.as_of else first
                rows.append(_figure_row(code, day, "stated money", a.value, a.currency, plan.title, a.note))
    located: dict[str, list[tuple[dt.date, float]]] = {}
    for part in parts:
        if part.located_km is not None:
            for code in part.plan.country:
                located.setdefault(code, []).append((first_known(part.part), part.located_km))
    for code, steps in located.items():
        total = 0.0
        for day, km in sorted(steps):
            total += km
            rows.append(_figure_row(code, day, "located km", round(total, 2), "km", "all located parts", None))
        rows.append(_figure_row(code, max(until, day), "located km", round(total, 2), "km", "all located parts", None))
    columns = ["country", "day", "measure", "value", "unit", "plan", "note"]
    return pd.DataFrame(rows, columns=columns).sort_values(["country", "day", "measure"]).reset_index(drop=True)


def _figure_row(
    country: str, day: dt.date, measure: str, value: float, unit: str, plan: str, note: str | None
) -> dict[str, object]:
    return {
        "country": country,
        "day": pd.Timestamp(day),
        "measure": measure,
        "value": value,
        "unit": unit,
        "plan": plan,
        "note": note or "",
    }


def changes_table(found: Iterable[Change]) -> pd.DataFrame:
    """The changes of a window (geo.changes), one a row in date order, with their sources."""
    rows = [
        {
            "day": c.day.isoformat(),
            "date": c.date,
            "kind": c.kind,
            "countries": ", ".join(c.countries),
            "subject": c.subject,
            "what": c.what,
            "id": c.ref,
            "sources": full_citations(c.sources),
        }
        for c in found
    ]
    return pd.DataFrame(rows, columns=["day", "date", "kind", "countries", "subject", "what", "id", "sources"])
