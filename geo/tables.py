"""The app's tables as DataFrames (border lengths, treaty events, plans and their located parts, plan figures over
time, status spans), every row with its sources.

Pure functions over the facts and a MapView: no streamlit, no folium. The app shows them, charts them and
offers them as CSV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from geo.borders import KINDS, BorderLength
from geo.changes import Change
from geo.dates import EARLIEST, day_text, period
from geo.facts.cite import full_citations
from geo.facts.schema import EVENT_LABELS, Facts
from geo.parts import LocatedPart, PartStage
from geo.plans import PlanStage, chronology_text, first_known, stage_label
from geo.treaty import TimelineEvent, TreatyStatus, status_on, timeline


def border_table(lengths: Iterable[BorderLength]) -> pd.DataFrame:
    """One row per official figure of each border (one row for a border without any), the computed km beside it."""
    rows = []
    for b in lengths:
        base = {
            "border": b.pair,
            "computed_km": round(b.computed_km, 1),
            **{f"{kind}_km": round(b.km_by_kind[kind], 1) for kind in KINDS},
            "clipped": b.clipped,
        }
        if not b.official:
            rows.append(
                {
                    **base,
                    "official_km": None,
                    "covers": "",
                    "computed_same_sections_km": None,
                    "diff_pct": None,
                    "sources": "",
                }
            )
        for c in b.official:
            rows.append(
                {
                    **base,
                    "official_km": c.figure.km,
                    "covers": c.figure.covers
                    + (f" (with {' and '.join(c.figure.includes)})" if c.figure.includes else ""),
                    "computed_same_sections_km": round(c.computed_km, 1),
                    "diff_pct": round(c.diff_pct, 1),
                    "sources": full_citations(c.figure.sources),
                }
            )
    return pd.DataFrame(rows, columns=BORDER_COLUMNS)


BORDER_COLUMNS = [
    "border",
    "computed_km",
    "land_km",
    "inland_water_km",
    "lagoon_km",
    "sea_km",
    "clipped",
    "official_km",
    "covers",
    "computed_same_sections_km",
    "diff_pct",
    "sources",
]


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


def _figure(value: float, value_max: float | None) -> str:
    return f"{value:,.0f}" + (f"–{value_max:,.0f}" if value_max is not None else "")


def plan_row(stage: PlanStage) -> dict[str, object]:
    """One plan at its stage on a date, as a flat record."""
    plan = stage.plan
    return {
        "id": plan.id,
        "countries": ", ".join(plan.country),
        "organisation": plan.organisation or "",
        "title": plan.title,
        "kind": plan.kind.replace("_", " "),
        "stage": stage_label(stage.stage, plan.kind),
        "since": stage.since,
        "amounts": "; ".join(
            f"{a.currency} {_figure(a.value, a.value_max)}" + (f" ({a.note})" if a.note else "") for a in plan.amounts
        ),
        "quantities": "; ".join(
            f"{_figure(q.value, q.value_max)} {q.unit}" + (f" ({q.note})" if q.note else "") for q in plan.quantities
        ),
        "events": chronology_text(plan),
        "period": plan.period or "",
        "borders": ", ".join(plan.borders),
        "confidence": plan.confidence,
        "note": plan.note or "",
        "sources": full_citations(plan.sources),
    }


PLAN_COLUMNS = [
    "id", "countries", "organisation", "title", "kind", "stage", "since", "amounts", "quantities", "events", "period",
    "borders", "confidence", "note", "sources",
]  # fmt: skip


def plan_row_columns() -> list[str]:
    """The columns of plan_row(), in order."""
    return list(PLAN_COLUMNS)


def plans_table(plans: Iterable[PlanStage]) -> pd.DataFrame:
    """Every plan known on a date (geo.plans.plans_on), its stage then, amounts, quantities, dates, borders, sources."""
    return pd.DataFrame([plan_row(p) for p in plans], columns=PLAN_COLUMNS)


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
    rows = [
        {
            "iso3": iso3,
            "country": facts.country(iso3).name,
            "as_of": day.isoformat(),
            "status": s.status,
            "explanation": s.explanation,
        }
        for iso3, s in statuses.items()
    ]
    return pd.DataFrame(rows, columns=["iso3", "country", "as_of", "status", "explanation"])


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV."""
    text: str = frame.to_csv(index=False)
    return text.encode("utf-8")


def parts_table(stages: Iterable[PartStage]) -> pd.DataFrame:
    """Every located part known on a date (geo.parts.parts_on): what and where it is, its stage then, its located
    length beside the stated one, confidence and sources.
    """
    rows = [
        {
            "id": s.located.part.id,
            "plan": s.located.plan.title,
            "countries": ", ".join(s.located.plan.country),
            "kind": s.located.part.kind.replace("_", " "),
            "title": s.located.part.title,
            "border": s.located.border,
            "stage": stage_label(s.stage, s.located.part.kind),
            "since": s.since,
            "located": s.located.precision,
            "places": "; ".join(p.name for p in s.located.places),
            "located_km": round(s.located.located_km, 2) if s.located.located_km is not None else None,
            "stated_km": s.located.part.stated_km,
            "confidence": s.located.part.confidence,
            "sources": full_citations(s.located.part.sources),
        }
        for s in stages
    ]
    columns = [
        "id", "plan", "countries", "kind", "title", "border", "stage", "since", "located", "places", "located_km",
        "stated_km", "confidence", "sources",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


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
