"""Treaty status on any date: hand-written key cases, every recorded event, and properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dates import day_text
from geo.errors import AtlasError
from geo.facts import Country, Facts, Publication, TreatyEvent
from geo.facts.checks import event_problems
from geo.treaty import Status, TreatyStatus, status_on, statuses_on

D = dt.date
DAY = dt.timedelta(days=1)
RANK: dict[str, int] = {
    "non_party": 0,
    "signatory": 1,
    "party": 2,
    "suspended": 3,
    "withdrawal_notified": 4,
    "withdrawn": 5,
}
SRC = [Publication(publisher="P", title="T", grade="media")]


def test_date_format() -> None:
    assert day_text(D(2025, 12, 27)) == "27 Dec 2025"
    assert day_text(D(2012, 7, 1)) == "1 Jul 2012"


# ---------------------------------------------------------------- hand-written key cases

KEY_CASES = [
    ("EST", D(2025, 6, 1), "party", "party since 1 Nov 2004"),
    ("EST", D(2025, 6, 26), "party", None),
    ("EST", D(2025, 6, 27), "withdrawal_notified", "withdrawal deposited 27 Jun 2025, effective 27 Dec 2025"),
    ("EST", D(2025, 12, 26), "withdrawal_notified", None),
    ("EST", D(2025, 12, 27), "withdrawn", "withdrawn since 27 Dec 2025"),
    ("EST", D(2026, 3, 1), "withdrawn", "withdrawn since 27 Dec 2025 (deposited 27 Jun 2025)"),
    ("FIN", D(2000, 1, 1), "non_party", "never signed"),
    ("FIN", D(2012, 3, 1), "non_party", "acceded 9 Jan 2012; in force for it from 1 Jul 2012"),
    ("FIN", D(2012, 6, 30), "non_party", "in force"),
    ("FIN", D(2012, 7, 1), "party", "party since 1 Jul 2012 (acceded 9 Jan 2012)"),
    ("FIN", D(2025, 7, 10), "withdrawal_notified", "effective 10 Jan 2026"),
    ("FIN", D(2026, 1, 10), "withdrawn", "withdrawn since 10 Jan 2026"),
    ("POL", D(1997, 12, 3), "non_party", None),
    ("POL", D(1997, 12, 4), "signatory", "signed 4 Dec 1997; not ratified"),
    ("POL", D(2000, 1, 1), "signatory", "signed 4 Dec 1997"),
    ("POL", D(2013, 1, 1), "signatory", "ratified 27 Dec 2012; in force for it from 1 Jun 2013"),
    ("POL", D(2013, 6, 1), "party", "party since 1 Jun 2013 (ratified 27 Dec 2012)"),
    ("POL", D(2025, 9, 1), "withdrawal_notified", "withdrawal deposited 20 Aug 2025"),
    ("POL", D(2026, 2, 20), "withdrawn", "withdrawn since 20 Feb 2026"),
    ("LTU", D(2025, 12, 27), "withdrawn", "withdrawn since 27 Dec 2025"),
    ("LVA", D(2026, 3, 1), "withdrawn", "withdrawn since 27 Dec 2025"),
    ("NOR", D(1998, 1, 1), "signatory", "signed 3 Dec 1997"),
    ("NOR", D(1999, 3, 1), "party", None),
    ("NOR", D(2026, 6, 1), "party", "party since 1 Mar 1999"),
    ("RUS", D(1990, 1, 1), "non_party", "never joined"),
    ("RUS", D(2026, 6, 1), "non_party", "never joined"),
    ("UKR", D(2025, 7, 17), "party", None),  # the decree of 29 Jun and the law of 15 Jul came before the UN heard
    ("UKR", D(2025, 7, 18), "suspended", "suspension declared 18 Jul 2025; not a withdrawal under Article 20"),
    ("BLR", D(2025, 6, 1), "party", "party since 1 Mar 2004 (acceded 3 Sep 2003)"),
    ("BLR", D(2025, 12, 31), "party", None),
]


@pytest.mark.parametrize(("iso3", "day", "status", "text"), KEY_CASES)
def test_key_cases(facts: Facts, iso3: str, day: dt.date, status: Status, text: str | None) -> None:
    got = status_on(facts.country(iso3), day)
    assert got == TreatyStatus(iso3, status, got.explanation)
    if text is not None:
        assert text in got.explanation


def test_statuses_on_lists_recorded_countries_in_file_order(facts: Facts) -> None:
    got = statuses_on(facts, D(2026, 3, 1))
    assert list(got) == [c.iso3 for c in facts.countries if c.treaty_events is not None]
    assert {"SWE", "DEU", "DNK", "CZE", "SVK", "RUS"} <= set(got)  # every country the map draws
    assert {k for k, v in got.items() if v.status == "withdrawn"} == {"FIN", "EST", "LVA", "LTU", "POL"}


def test_country_without_recorded_events_raises(facts: Facts) -> None:
    unrecorded = facts.country("SWE").model_copy(update={"treaty_events": None})
    with pytest.raises(AtlasError, match="SWE"):
        status_on(unrecorded, D(2025, 1, 1))


# ---------------------------------------------------------------- every recorded event


def expected(country: Country, day: dt.date) -> Status:
    """The status the rules give: the most advanced step already taken on `day`."""
    taken = {e.kind for e in country.treaty_events or [] if e.date <= day}
    if "withdrawal_effective" in taken:
        return "withdrawn"
    if "withdrawal_deposited" in taken:
        return "withdrawal_notified"
    if "suspension_declared" in taken:
        return "suspended"
    if "in_force" in taken:
        return "party"
    return "signatory" if "signed" in taken else "non_party"


def all_events(facts: Facts) -> list[tuple[Country, TreatyEvent]]:
    """Every (country, event) pair in the real facts."""
    return [(c, e) for c in facts.countries for e in c.treaty_events or []]


def test_every_event_day_before_of_and_after(facts: Facts) -> None:
    events = all_events(facts)
    assert len(events) == sum(len(c.treaty_events or []) for c in facts.countries) == 46
    for country, event in events:
        for day in (event.date - DAY, event.date, event.date + DAY):
            got = status_on(country, day)
            assert got.status == expected(country, day), (country.iso3, event.kind, day, got)
        before, on = status_on(country, event.date - DAY), status_on(country, event.date)
        assert day_text(event.date) in on.explanation or event.kind in ("signed", "ratified", "acceded")
        if event.kind in ("in_force", "withdrawal_deposited", "withdrawal_effective", "suspension_declared"):
            assert before.status != on.status, (country.iso3, event.kind)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 1, 1)))
def test_real_countries_on_random_dates(facts: Facts, day: dt.date) -> None:
    for iso3, got in statuses_on(facts, day).items():
        country = facts.country(iso3)
        in_force = country.event("in_force")
        effective = country.event("withdrawal_effective")
        if got.status == "party":
            assert in_force is not None and in_force.date <= day
        assert (got.status == "withdrawn") == (effective is not None and effective.date <= day)
        assert got.status == expected(country, day)


# ---------------------------------------------------------------- random valid event lists


@st.composite
def countries(draw: st.DrawFn) -> Country:
    """A country with a random but valid sequence of treaty events."""
    day = draw(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 1, 1)))
    events: list[dict[str, Any]] = []

    def add(kind: str) -> None:
        nonlocal day
        day = day + dt.timedelta(days=draw(st.integers(0, 3000)))
        events.append({"kind": kind, "date": day, "sources": SRC})

    signed = draw(st.booleans())
    if signed:
        add("signed")
    join = draw(st.sampled_from(["none", "ratified" if signed else "acceded", "acceded"]))
    if join != "none":
        add(join)
        if draw(st.booleans()):
            add("in_force")
            tail = draw(st.sampled_from(["none", "suspension", "withdrawal", "suspension+withdrawal"]))
            if "suspension" in tail:
                add("suspension_declared")
            if "withdrawal" in tail:
                add("withdrawal_deposited")
                if draw(st.booleans()):
                    add("withdrawal_effective")
    events = draw(st.permutations(events))
    country = Country(iso3="EST", name="Test", sources=SRC, treaty_events=events)
    assert event_problems(country, "c") == []
    return country


@settings(max_examples=300, deadline=None)
@given(country=countries(), a=st.dates(min_value=D(1, 1, 1)), b=st.dates(min_value=D(1, 1, 1)))
def test_random_event_lists(country: Country, a: dt.date, b: dt.date) -> None:
    first, second = sorted((a, b))
    s1, s2 = status_on(country, first), status_on(country, second)
    for s in (s1, s2):
        assert s.status in RANK and s.explanation and "\n" not in s.explanation
    assert RANK[s1.status] <= RANK[s2.status], (s1, s2)
    assert s1.status == expected(country, first) and s2.status == expected(country, second)
    in_force = country.event("in_force")
    if in_force is None or first < in_force.date:
        assert s1.status in ("non_party", "signatory")
    effective = country.event("withdrawal_effective")
    if effective is not None and second >= effective.date:
        assert s2.status == "withdrawn" and f"withdrawn since {day_text(effective.date)}" in s2.explanation


@settings(max_examples=200, deadline=None)
@given(country=countries())
def test_each_event_takes_effect_on_its_own_date(country: Country) -> None:
    for event in country.treaty_events or []:
        for day in (event.date - DAY, event.date, event.date + DAY):
            assert status_on(country, day).status == expected(country, day)
