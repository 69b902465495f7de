"""A plan's stage on any date follows from its dated events (geo.plans), the way treaty status follows from events."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.facts import Facts, Plan
from geo.facts.schema import StageEvent
from geo.plans import plans_on, stage_on


def by_id(facts: Facts, plan_id: str) -> Plan:
    return next(p for p in facts.plans if p.id == plan_id)


@pytest.mark.parametrize(
    ("day", "stage", "text"),
    [
        ("2024-05-17", None, None),
        ("2024-05-18", "stated", "stated or proposed since 18 May 2024"),  # Tusk in Kraków
        ("2024-06-10", "decided", "agreed or approved since 10 Jun 2024"),
        ("2024-10-30", "decided", "agreed or approved since 10 Jun 2024"),
        ("2024-10-31", "under_construction", "under construction since 31 Oct 2024"),
        # a later report that it is being built (Jan 2026) does not move its start
        ("2026-12-01", "under_construction", "under construction since 31 Oct 2024"),
    ],
)
def test_east_shield_goes_through_its_stages(facts: Facts, day: str, stage: str | None, text: str | None) -> None:
    found = stage_on(by_id(facts, "pol-east-shield"), dt.date.fromisoformat(day))
    assert (found.stage if found else None) == stage
    assert (found.text if found else None) == text


def test_a_month_or_year_counts_from_its_last_day(facts: Facts) -> None:
    bunkers = by_id(facts, "est-baltic-defence-line-bunkers")  # installation began in December 2025
    before = stage_on(bunkers, dt.date(2025, 12, 30))
    assert before is not None and before.text == "stated or proposed since 19 Jan 2024"
    after = stage_on(bunkers, dt.date(2025, 12, 31))
    assert after is not None and after.text == "under construction since Dec 2025"


def test_no_plan_is_known_before_its_first_event_and_every_plan_is_known_today(facts: Facts) -> None:
    assert [s.plan.id for s in plans_on(facts, dt.date(2015, 12, 30))] == []
    assert [s.plan.id for s in plans_on(facts, dt.date(2015, 12, 31))] == ["lva-russia-fence"]  # begun in 2015
    on_day = {s.plan.id for s in plans_on(facts, dt.date(2021, 11, 9))}
    assert on_day == {
        "lva-russia-fence", "ltu-kaliningrad-fence", "ltu-belarus-fence", "lva-belarus-fence", "pol-belarus-wall",
        "pol-crossings-closed",
    }  # fmt: skip
    known_2023 = {s.plan.id for s in plans_on(facts, dt.date(2023, 12, 31))}
    assert "fin-border-fence" in known_2023 and "pol-east-shield" not in known_2023
    assert {s.plan.id for s in plans_on(facts, dt.date(2026, 12, 1))} == {p.id for p in facts.plans}


def test_a_target_date_is_a_goal_not_a_stage(facts: Facts) -> None:
    bunkers = by_id(facts, "est-baltic-defence-line-bunkers")
    later = stage_on(bunkers, dt.date(2030, 1, 1))
    assert later is not None and later.stage == "under_construction"  # not "complete" after its target, end-2027


def test_a_cancelled_plan_leaves_the_map(facts: Facts) -> None:
    fence = by_id(facts, "fin-border-fence")
    end = StageEvent(kind="cancelled", date="2026-06", sources=fence.sources[:1])
    cancelled = fence.model_copy(update={"events": [*fence.events, end]})
    gone = facts.model_copy(update={"plans": [cancelled]})
    assert [s.plan.id for s in plans_on(gone, dt.date(2026, 5, 31))] == ["fin-border-fence"]
    assert plans_on(gone, dt.date(2026, 6, 30)) == []


def test_a_stage_never_goes_back_but_a_crossing_can_close_again(facts: Facts) -> None:
    fence = by_id(facts, "ltu-belarus-fence")
    sources = fence.sources[:1]
    later = StageEvent(kind="stated", date="2023-01-01", sources=sources)  # a later statement about a built fence
    built = stage_on(fence.model_copy(update={"events": [*fence.events, later]}), dt.date(2024, 1, 1))
    assert built is not None and built.stage == "complete"
    closure = by_id(facts, "pol-crossings-closed")
    again = [
        *closure.events,
        StageEvent(kind="reopened", date="2022-01-01", sources=sources),
        StageEvent(kind="closed", date="2023-01-01", sources=sources),
    ]
    reopened = closure.model_copy(update={"events": again})
    gone = stage_on(reopened, dt.date(2022, 6, 1))
    assert gone is not None and gone.stage == "cancelled"
    closed = stage_on(reopened, dt.date(2023, 6, 1))
    assert closed is not None and closed.text == "closed since 1 Jan 2023"
