"""The stage of each deterrence plan on any date, from its dated events, the way treaty status follows from treaty
events. A plan is not shown before the first of its events; a date given as a month or a year counts from the last
day of that month or year (the record only knows that it had happened by then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from geo.dates import period, period_text
from geo.facts.cite import short_citations
from geo.facts.schema import CLOSURE_KINDS, Facts, Plan, PlanEventKind, PlanPart, Source, StageEvent

Stage = Literal["reported", "stated", "decided", "under_construction", "complete", "cancelled"]

# what each dated event makes of a plan, in the order a plan goes through them
STAGE_OF_EVENT: dict[PlanEventKind, Stage] = {
    "reported": "reported",
    "announced": "stated",
    "stated": "stated",
    "proposed": "stated",
    "agreed": "decided",
    "approved": "decided",
    "construction_started": "under_construction",
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
# what each event is called in a chronology
EVENT_LABELS: dict[PlanEventKind, str] = {
    "reported": "reported by the media",
    "announced": "announced",
    "stated": "stated",
    "proposed": "proposed",
    "agreed": "agreed",
    "approved": "approved",
    "construction_started": "construction started",
    "under_construction": "reported under construction (not its start)",
    "completed": "completed",
    "cancelled": "cancelled",
    "closed": "closed",
    "reopened": "reopened",
    "target_complete": "target for completion",
}
# how a closure's stages read (a plan or part of CLOSURE_KINDS): in force ("closed") or lifted ("reopened")
CLOSURE_LABELS: dict[Stage, str] = {"complete": "closed", "cancelled": "reopened"}


def stage_label(stage: Stage, kind: str) -> str:
    """What the stage is called for a plan or part of this kind."""
    return CLOSURE_LABELS.get(stage, STAGE_LABELS[stage]) if kind in CLOSURE_KINDS else STAGE_LABELS[stage]


def counts_from(event: StageEvent) -> dt.date:
    """The day from which the record counts an event: the last day of its month or year where only those are given
    (the record only knows that it had happened by then).
    """
    return period(event.date)[1]


def events(items: Iterable[StageEvent]) -> list[StageEvent]:
    """The dated events of a plan or part in the order they happened (target_complete is a goal, not an event)."""
    return sorted(
        (e for e in items if e.kind in STAGE_OF_EVENT),
        key=lambda e: (counts_from(e), STAGES.index(STAGE_OF_EVENT[e.kind])),
    )


def target(items: Iterable[StageEvent]) -> StageEvent | None:
    """The stated target for completion, if any."""
    return next((e for e in items if e.kind == "target_complete"), None)


def deciding_event(items: Iterable[StageEvent], day: dt.date) -> StageEvent | None:
    """The event that gives a plan or part its stage on `day` (None before its first event): the first to reach the
    furthest stage by then, so that a later statement does not set a plan under construction back to "stated" and
    a later sighting does not move its start; a cancellation or reopening ends it, and any event after that starts
    it again (a crossing closed again).
    """
    found: StageEvent | None = None
    for event in events(items):
        if counts_from(event) > day:
            break
        stage = STAGE_OF_EVENT[event.kind]
        if (
            found is None
            or "cancelled" in (stage, STAGE_OF_EVENT[found.kind])
            or STAGES.index(stage) > STAGES.index(STAGE_OF_EVENT[found.kind])
        ):
            found = event
    return found


def stage_text(stage: Stage, kind: str, event: StageEvent) -> str:
    """'under construction since Nov 2024'; 'under construction by 18 Jun 2024' where the source only saw it being
    built then (its start is not known).
    """
    word = "by" if event.kind == "under_construction" else "since"
    return f"{stage_label(stage, kind)} {word} {period_text(event.date)}"


@dataclass(frozen=True)
class PlanStage:
    """A plan's stage on a date, and the event it follows from."""

    plan: Plan
    stage: Stage
    event: StageEvent

    @property
    def since(self) -> str:
        """The event's date as the record gives it (YYYY, YYYY-MM or YYYY-MM-DD)."""
        return self.event.date

    @property
    def text(self) -> str:
        """'under construction since Nov 2024'."""
        return stage_text(self.stage, self.plan.kind, self.event)

    @property
    def chronology(self) -> Chronology:
        """The plan's chronology, written."""
        return chronology(self.plan)


@dataclass(frozen=True)
class ChronologyEntry:
    """One line of a chronology: the day the record counts it from, its date as written, what happened, its note
    and its own sources.
    """

    day: dt.date
    when: str  # '5 Dec 2025', 'Dec 2025' or '2025'
    what: str
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Chronology:
    """A plan's or part's chronology, written: its events in order, the target for completion, and why the start
    of construction is not known (empty when it is, or when nothing was built).
    """

    entries: tuple[ChronologyEntry, ...]
    target: ChronologyEntry | None
    start_unknown: str


def chronology(item: Plan | PlanPart) -> Chronology:
    """The chronology of a plan or located part, every date written as the atlas writes it."""
    entries = tuple(
        ChronologyEntry(counts_from(e), period_text(e.date), EVENT_LABELS[e.kind], e.note or "", tuple(e.sources))
        for e in events(item.events)
    )
    goal = target(item.events)
    aim = (
        None
        if goal is None
        else ChronologyEntry(
            counts_from(goal), period_text(goal.date), "target for completion", "", tuple(goal.sources)
        )
    )
    return Chronology(entries, aim, item.start_reason or "")


def first_known(item: Plan | PlanPart) -> dt.date:
    """The day from which the record knows of a plan or part (the last day of its first event's month or year)."""
    return counts_from(events(item.events)[0])


def stage_on(plan: Plan, day: dt.date) -> PlanStage | None:
    """The plan's stage on `day` (None before its first event): see deciding_event."""
    event = deciding_event(plan.events, day)
    if event is None:
        return None
    return PlanStage(plan, STAGE_OF_EVENT[event.kind], event)


def plans_on(facts: Facts, day: dt.date) -> list[PlanStage]:
    """Every plan known on `day` and not cancelled by then, with its stage, in the record's order."""
    stages = (stage_on(plan, day) for plan in facts.plans)
    return [s for s in stages if s is not None and s.stage != "cancelled"]


def chronology_text(item: Plan | PlanPart) -> str:
    """A plan's or part's events in one line, each with its sources: 'approved 2024-06-10 (KPRM (2024-06-10));
    construction started 2024-11-01 (...)', and the start of construction where it is not known.
    """
    listed = [*events(item.events), *filter(None, [target(item.events)])]
    text = [f"{EVENT_LABELS[e.kind]} {e.date} ({'; '.join(short_citations(e.sources))})" for e in listed]
    if item.start_reason:
        text.append(f"start of construction not known: {item.start_reason}")
    return "; ".join(text)
