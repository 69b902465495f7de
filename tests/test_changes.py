"""What changed in a window (geo.changes): treaty steps, plan and part stages and crossings, in date order, each with
its sources; and the record's reach (geo.reach)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.changes import all_changes, changes
from geo.errors import AtlasError
from geo.facts import Facts
from geo.reach import reach
from helpers import record_reach


def test_a_window_holds_estonias_withdrawal_and_a_plan_stage_change(facts: Facts) -> None:
    found = changes(facts, dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert [c.day for c in found] == sorted(c.day for c in found)
    assert all(c.sources for c in found)
    estonia = [c for c in found if c.kind == "treaty" and c.countries == ("EST",)]
    assert [(c.day, c.what) for c in estonia] == [(dt.date(2025, 12, 27), "withdrawal effective")]
    bunkers = [c for c in found if c.ref == "est-baltic-defence-line-bunkers"]
    # installation began in December 2025: a month counts from its last day, as on the map
    assert [(c.day, c.date, c.what) for c in bunkers] == [(dt.date(2025, 12, 31), "2025-12", "construction started")]


def test_one_country_and_the_window_ends_are_included(facts: Facts) -> None:
    day = dt.date(2025, 12, 27)
    only = changes(facts, day, day, "EST")
    assert {c.countries for c in only} == {("EST",)} and [c.what for c in only] == ["withdrawal effective"]
    assert changes(facts, day + dt.timedelta(days=1), day + dt.timedelta(days=2), "EST") == []


def test_crossings_closed_and_reopened_are_changes_of_their_own(facts: Facts) -> None:
    found = changes(facts, dt.date(2025, 11, 1), dt.date(2025, 11, 30), "POL")
    kuznica = [c for c in found if c.ref == "pol-closed-kuznica"]
    assert [(c.kind, c.day, c.what) for c in kuznica] == [("crossing", dt.date(2025, 11, 17), "reopened")]


def test_every_event_of_the_record_is_a_change_once(facts: Facts) -> None:
    every = all_changes(facts)
    treaty = sum(len(c.treaty_events or []) for c in facts.countries)
    chronologies = [plan.events for plan in facts.plans] + [part.events for p in facts.plans for part in p.parts]
    stages = sum(1 for chronology in chronologies for e in chronology if e.kind != "target_complete")
    assert len(every) == treaty + stages


@pytest.mark.parametrize(
    ("start", "end", "country", "says"),
    [
        (dt.date(2026, 2, 1), dt.date(2026, 1, 1), None, "after the end of the window"),
        (dt.date(2025, 1, 1), dt.date(2026, 1, 1), "XYZ", "not in the record"),
    ],
)
def test_a_bad_window_or_country_is_one_error(
    facts: Facts, start: dt.date, end: dt.date, country: str | None, says: str
) -> None:
    with pytest.raises(AtlasError, match=says):
        changes(facts, start, end, country)


def test_the_record_states_its_reach(facts: Facts) -> None:
    verified, latest = record_reach()
    found = reach(facts)
    assert found.as_json() == {"verified": verified, "latest_event": latest}
    assert found.notice(found.verified) is None
    later = found.notice(found.verified + dt.timedelta(days=1))
    assert later is not None and later.startswith("The record was last verified on ")
    assert later.endswith("; later events are not shown.")
