"""The record's dated changes as intervals, for a map that carries its own time (pure): from each day on which
something changes, each country's treaty status with its explanation, and each plan's and located part's stage with
its text. A map restyles itself from these in the browser, with no request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo.dates import EARLIEST
from geo.parts import LocatedPart, parts_on
from geo.plans import counts_from, events, stage_on
from geo.treaty import status_on
from geo.view import MapBase

Interval = tuple[str, str, str]  # (from day ISO, status or stage, text)


@dataclass(frozen=True)
class History:
    """What a map needs to show any day of its span without asking anyone."""

    first: str  # ISO day the slider starts on
    last: str  # ISO day it ends on
    days: tuple[str, ...]  # every day on which something changes, in order (for stepping from event to event)
    countries: dict[str, list[Interval]]  # iso3 -> status intervals
    plans: dict[str, list[Interval]]  # plan id -> stage intervals ('' stage: not known, or cancelled)
    parts: dict[str, list[Interval]]  # part id -> stage intervals

    def as_json(self) -> dict[str, object]:
        """Plain data for the page (keys sorted when dumped)."""
        return {
            "first": self.first,
            "last": self.last,
            "days": list(self.days),
            "countries": self.countries,
            "plans": self.plans,
            "parts": self.parts,
        }


def _intervals(values: list[tuple[dt.date, str, str]]) -> list[Interval]:
    """Consecutive (day, value, text) with repeats dropped."""
    out: list[Interval] = []
    for day, value, text in values:
        if not out or (out[-1][1], out[-1][2]) != (value, text):
            out.append((day.isoformat(), value, text))
    return out


def history(base: MapBase, shown: dt.date) -> History:
    """The intervals of every country with treaty events, every plan and every located part, over the record's span:
    from 1997 to the end of the year of its last change, or to the day shown if later.
    """
    facts = base.facts
    treaty_days = {e.date for c in facts.countries for e in c.treaty_events or []}
    plan_days = {counts_from(e) for plan in facts.plans for e in events(plan.events)}
    part_days = {counts_from(e) for part in base.parts for e in events(part.part.events)}
    days = sorted({EARLIEST, *treaty_days, *plan_days, *part_days})
    last = max(dt.date(days[-1].year, 12, 31), shown)  # to the end of the last change's year
    countries = {
        c.iso3: _intervals([(d, (s := status_on(c, d)).status, s.explanation) for d in days])
        for c in facts.countries
        if c.treaty_events is not None
    }
    plans = {}
    for plan in facts.plans:
        stages = [(d, stage_on(plan, d)) for d in days]
        plans[plan.id] = _intervals(
            [(d, s.stage if s and s.stage != "cancelled" else "", s.text if s else "") for d, s in stages]
        )
    parts: dict[str, list[Interval]] = {}
    for located in base.parts:
        parts[located.part.id] = _intervals([(d, *_part_state(located, d)) for d in days])
    return History(
        EARLIEST.isoformat(), last.isoformat(), tuple(d.isoformat() for d in days[1:]), countries, plans, parts
    )


def _part_state(located: LocatedPart, day: dt.date) -> tuple[str, str]:
    found = parts_on((located,), day)
    if not found:
        return "", ""
    stage = found[0]
    return stage.stage, stage.text
