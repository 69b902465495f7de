"""The stage of each deterrence plan on any date, from its dated events, the way treaty status follows from treaty
events. A plan is not shown before the first of its events; a date given as a month or a year counts from the last
day of that month or year (the record only knows that it had happened by then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from geo.dates import period, period_text
from geo.facts.schema import Facts, Plan, PlanDateKey

Stage = Literal["reported", "stated", "decided", "under_construction", "complete", "cancelled"]

# what each dated event makes of a plan, in the order a plan goes through them
STAGE_OF_EVENT: dict[PlanDateKey, Stage] = {
    "reported": "reported",
    "announced": "stated",
    "stated": "stated",
    "proposed": "stated",
    "agreed": "decided",
    "approved": "decided",
    "under_construction": "under_construction",
    "completed": "complete",
    "cancelled": "cancelled",
    "closed": "complete",  # a border crossing closed is a measure in force
    "reopened": "cancelled",
}
STAGES: tuple[Stage, ...] = ("reported", "stated", "decided", "under_construction", "complete", "cancelled")
STAGE_LABELS: dict[Stage, str] = {
    "reported": "reported by the media",
    "stated": "stated or proposed",
    "decided": "agreed or approved",
    "under_construction": "under construction",
    "complete": "complete",
    "cancelled": "cancelled",
}
# the kinds of plan or part whose stages read differently: a closure is in force ("closed") or lifted ("reopened")
CLOSURES = ("border_closure", "closed_crossing")
CLOSURE_LABELS: dict[Stage, str] = {"complete": "closed", "cancelled": "reopened"}


def stage_label(stage: Stage, kind: str) -> str:
    """What the stage is called for a plan or part of this kind."""
    return CLOSURE_LABELS.get(stage, STAGE_LABELS[stage]) if kind in CLOSURES else STAGE_LABELS[stage]


@dataclass(frozen=True)
class PlanStage:
    """A plan's stage on a date, and the event it follows from."""

    plan: Plan
    stage: Stage
    event: PlanDateKey
    since: str  # the event's date as the record gives it (YYYY, YYYY-MM or YYYY-MM-DD)

    @property
    def text(self) -> str:
        """'under construction since Nov 2024'."""
        return f"{stage_label(self.stage, self.plan.kind)} since {period_text(self.since)}"


Event = tuple[dt.date, int, PlanDateKey, str]  # (day it counts from, stage order, key, date as given)


def events(dates: Mapping[PlanDateKey, str]) -> list[Event]:
    """The dated events of a plan or part in the order they happened (target_complete is a goal, not an event)."""
    return sorted(
        (period(when)[1], STAGES.index(STAGE_OF_EVENT[key]), key, when)
        for key, when in dates.items()
        if key in STAGE_OF_EVENT
    )


def latest_event(dates: Mapping[PlanDateKey, str], day: dt.date) -> Event | None:
    """The latest event by `day` (None before the first)."""
    past = [event for event in events(dates) if event[0] <= day]
    return past[-1] if past else None


def first_known(plan: Plan) -> dt.date:
    """The day from which the record knows of the plan (the last day of its first event's month or year)."""
    return events(plan.dates)[0][0]


def stage_on(plan: Plan, day: dt.date) -> PlanStage | None:
    """The plan's stage on `day`: that of its latest event by then (None before its first event)."""
    latest = latest_event(plan.dates, day)
    if latest is None:
        return None
    _, _, key, when = latest
    return PlanStage(plan, STAGE_OF_EVENT[key], key, when)


def plans_on(facts: Facts, day: dt.date) -> list[PlanStage]:
    """Every plan known on `day` and not cancelled by then, with its stage, in the record's order."""
    stages = (stage_on(plan, day) for plan in facts.plans)
    return [s for s in stages if s is not None and s.stage != "cancelled"]
