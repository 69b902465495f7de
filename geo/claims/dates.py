"""Verdicts on claims about dates: a country's treaty events and the treaty's own milestones.

A claim names a year, a month or a day ("in", or "by": on or before its end). It is `consistent` when a
record date of the event it names falls in that period; `imprecise` when it names a day at most
DAY_TOLERANCE days from the record date, or when it fits only a neighbouring step the check lists as
`near` (joined vs in force); otherwise `contradicted`. Whether something happened (value true or false):
`consistent` when the record agrees; `imprecise` when the claim names an event that did not happen but a
`near` one did (a state called a signatory that acceded without signing); otherwise `contradicted`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from geo.claims.finding import Finding, independent
from geo.claims.schema import EventCheck, LedgerClaim, MilestoneCheck, MilestoneKind, Statement, Verdict, when
from geo.dates import period
from geo.facts.cite import short_citations
from geo.facts.schema import EventKind, Facts, Source

DAY_TOLERANCE = 7  # days: a claim naming a day this close to the record's is imprecise, not contradicted
_RANK = {"consistent": 0, "imprecise": 1, "contradicted": 2}


@dataclass(frozen=True)
class Dated:
    """A dated step in the record, with its independent sources."""

    label: str
    date: dt.date
    sources: tuple[Source, ...]

    def text(self) -> str:
        """'in force 2025-06-27'."""
        return f"{self.label} {self.date.isoformat()}"


def date_fit(stated: str, qualifier: str | None, day: dt.date) -> Verdict:
    """Consistent if `day` falls in the stated period (with 'by': on or before its end).

    Imprecise if the claim states a day at most DAY_TOLERANCE days off; contradicted otherwise.
    """
    first, last = period(stated)
    if (qualifier == "by" and day <= last) or first <= day <= last:
        return "consistent"
    if len(stated) == 10 and abs((day - first).days) <= DAY_TOLERANCE:
        return "imprecise"
    return "contradicted"


def _dated_finding(
    s: Statement, main: list[Dated], near: list[Dated], record: str, cited: tuple[str, ...], what: str
) -> Finding:
    """The verdict for a claim about dated steps: main are the steps it names, near the neighbouring ones."""
    if s.date is None:
        if s.value is False:
            if main:
                return Finding("contradicted", record, cited, f"the record has {', '.join(d.text() for d in main)}")
            return Finding("consistent", record, cited, f"no {what} in the record")
        if main:
            return Finding("consistent", record, cited, f"the record has {', '.join(d.text() for d in main)}")
        if near:
            return Finding(
                "imprecise", record, cited, f"no {what} in the record, but {', '.join(d.text() for d in near)}"
            )
        return Finding("contradicted", record, cited, f"no {what} in the record")
    fits = sorted(((date_fit(s.date, s.qualifier, d.date), d) for d in main), key=lambda x: _RANK[x[0]])
    stated = when(s.date, s.qualifier)
    if fits and fits[0][0] == "consistent":
        return Finding("consistent", record, cited, f"{fits[0][1].text()} is {stated}")
    if fits and fits[0][0] == "imprecise":
        off = abs((fits[0][1].date - period(s.date)[0]).days)
        return Finding(
            "imprecise",
            record,
            cited,
            f"{fits[0][1].text()} is {off} day{'s' if off != 1 else ''} off {s.date} (within {DAY_TOLERANCE})",
        )
    close = [d for d in near if date_fit(s.date, s.qualifier, d.date) == "consistent"]
    if close:
        missed = f"no {what} is {stated}" if not main else f"{', '.join(d.text() for d in main)} is not {stated}"
        return Finding("imprecise", record, cited, f"{missed}, but the neighbouring step {close[0].text()} is")
    if not main:
        return Finding("contradicted", record, cited, f"no {what} in the record")
    return Finding("contradicted", record, cited, f"{', '.join(d.text() for d in main)} is not {stated}")


def _label(kind: str) -> str:
    return kind.replace("_", " ")


def event_finding(
    c: LedgerClaim, check: EventCheck, iso3: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """A claim about a country's treaty events."""
    s, seed = c.claim, c.seed
    country = facts.find_country(iso3)
    if country is None:
        return Finding("unverified", None, (), f"{iso3} is not in the facts")
    if country.treaty_events is None:
        return Finding("unverified", None, (), f"the treaty events of {country.name} are not recorded")

    def steps(kinds: list[EventKind]) -> list[Dated]:
        out = []
        for e in country.treaty_events or []:
            if e.kind in kinds and independent(e.sources, seed):
                out.append(Dated(_label(e.kind), e.date, independent(e.sources, seed)))
                out += [
                    Dated(f"{_label(e.kind)} (other source)", a.date, independent(a.sources, seed))
                    for a in e.alternative_dates
                    if independent(a.sources, seed)
                ]
        return out

    main, near = steps(check.events), steps(check.near)
    shown = sorted(main + near, key=lambda d: d.date)
    if shown:
        record = f"{iso3}: " + "; ".join(d.text() for d in shown)
        sources = short_citations(x for d in shown for x in d.sources)
    else:
        events = country.treaty_events or []
        record = f"{iso3}: " + (
            "; ".join(f"{_label(e.kind)} {e.date.isoformat()}" for e in events)
            if events
            else "never joined (no treaty events)"
        )
        sources = short_citations(independent([*country.sources, *(x for e in events for x in e.sources)], seed))
    return _dated_finding(
        s, main, near, record, sources, " or ".join(f"'{_label(k)}'" for k in check.events) + " event"
    )


def milestone_finding(
    c: LedgerClaim, check: MilestoneCheck, subject: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """A claim about the treaty's own dates."""
    s, seed = c.claim, c.seed

    def steps(kinds: list[MilestoneKind]) -> list[Dated]:
        ms = [m for m in facts.treaty.milestones if m.kind in kinds]
        return [Dated(_label(m.kind), m.date, independent(m.sources, seed)) for m in ms if independent(m.sources, seed)]

    main, near = steps(check.milestones), steps(check.near)
    shown = sorted(main + near, key=lambda d: d.date)
    if not shown:
        return Finding(
            "unverified",
            None,
            (),
            "the record's only source for this is the same article"
            if _any_milestone(facts, check)
            else "not in the record",
        )
    record = "treaty: " + "; ".join(d.text() for d in shown)
    return _dated_finding(
        s,
        main,
        near,
        record,
        short_citations(x for d in shown for x in d.sources),
        " or ".join(f"'{_label(k)}'" for k in check.milestones),
    )


def _any_milestone(facts: Facts, check: MilestoneCheck) -> bool:
    return any(m.kind in check.milestones + check.near for m in facts.treaty.milestones)
