"""What changed in a window of days: every treaty step, every stage a plan or located part reached, every border
crossing closed or reopened, in date order, each with its sources (pure).

An event given only to the month or year counts from that period's last day, as on the map (geo.plans): it is in a
window when that day is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from geo.errors import AtlasError
from geo.facts.cite import full_citation
from geo.facts.schema import CLOSURE_KINDS, EVENT_LABELS, Facts, Plan, PlanPart, Source
from geo.plans import EVENT_LABELS as STAGE_EVENT_LABELS
from geo.plans import counts_from, events

Kind = Literal["treaty", "plan", "part", "crossing"]
KIND_LABELS: dict[Kind, str] = {
    "treaty": "treaty status",
    "plan": "plan stage",
    "part": "located part",
    "crossing": "border crossing",
}


@dataclass(frozen=True)
class Change:
    """One dated change: when (the day it counts from, and the date as the record gives it), whose, what, sources."""

    day: dt.date
    date: str
    kind: Kind
    countries: tuple[str, ...]
    subject: str  # a country's name, or the plan's or part's title
    what: str  # 'withdrawal effective', 'construction started', 'closed'
    ref: str  # the id of the treaty event, plan or part
    sources: tuple[Source, ...]

    @property
    def text(self) -> str:
        """'Estonia: withdrawal effective'."""
        return f"{self.subject}: {self.what}"

    def as_json(self) -> dict[str, object]:
        """Plain data: the change with its sources as full citations."""
        return {
            "day": self.day.isoformat(),
            "date": self.date,
            "kind": self.kind,
            "countries": list(self.countries),
            "subject": self.subject,
            "what": self.what,
            "id": self.ref,
            "sources": [full_citation(s) for s in self.sources],
        }


def all_changes(facts: Facts) -> list[Change]:
    """Every dated change the record holds, in date order (a target for completion is a goal, not a change)."""
    found = [
        Change(
            e.date, e.date.isoformat(), "treaty", (c.iso3,), c.name, EVENT_LABELS[e.kind], e.id or "", tuple(e.sources)
        )
        for c in facts.countries
        for e in c.treaty_events or []
    ]
    for plan in facts.plans:
        found += _stage_changes(plan, "plan", tuple(plan.country))
        for part in plan.parts:
            found += _stage_changes(part, "part", tuple(plan.country))
    order = list(KIND_LABELS)
    return sorted(found, key=lambda c: (c.day, order.index(c.kind), c.countries, c.subject))


def _stage_changes(item: Plan | PlanPart, kind: Kind, owners: tuple[str, ...]) -> list[Change]:
    """The stages a plan or part reached, as changes (a closure's are a border crossing's)."""
    what: Kind = "crossing" if item.kind in CLOSURE_KINDS else kind
    return [
        Change(counts_from(e), e.date, what, owners, item.title, STAGE_EVENT_LABELS[e.kind], item.id, tuple(e.sources))
        for e in events(item.events)
    ]


def changes(
    facts: Facts, start: dt.date, end: dt.date, country: str | None = None, field: str = "--from"
) -> list[Change]:
    """The changes from `start` to `end` (both included), of one country's treaty steps and plans where given."""
    if end < start:
        raise AtlasError(None, field, start.isoformat(), f"after the end of the window ({end.isoformat()})")
    if country is not None and facts.find_country(country) is None:
        known = ", ".join(sorted(c.iso3 for c in facts.countries))
        raise AtlasError(None, "--country", country, f"not in the record; choose from {known}")
    return [c for c in all_changes(facts) if start <= c.day <= end and (country is None or country in c.countries)]
