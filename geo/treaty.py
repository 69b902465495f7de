"""A country's status under the Ottawa Convention on any date, derived from its treaty events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from geo.dates import day_text, period, period_text
from geo.errors import AtlasError
from geo.facts.schema import Country, EventKind, Facts, Source

Status = Literal["party", "signatory", "withdrawal_notified", "withdrawn", "suspended", "non_party"]


@dataclass(frozen=True)
class TreatyStatus:
    """A country's status on one day, with a one-line explanation."""

    iso3: str
    status: Status
    explanation: str
    disputed: str = ""  # what others have said against this status by that day (e.g. the States Parties)


def status_on(country: Country, day: dt.date) -> TreatyStatus:
    """The country's treaty status on `day` (an event takes effect on its own date)."""
    if country.treaty_events is None:
        raise AtlasError(None, f"{country.iso3}.treaty_events", None, "treaty events are not recorded for this country")
    dates: dict[EventKind, dt.date] = {}
    for e in country.treaty_events:
        dates.setdefault(e.kind, e.date)
    seen = {k: d for k, d in dates.items() if d <= day}
    joined_kind: EventKind = "ratified" if "ratified" in dates else "acceded"
    signed = dates.get("signed")
    joined, in_force = dates.get(joined_kind), dates.get("in_force")
    deposited = dates.get("withdrawal_deposited")

    def result(status: Status, why: str) -> TreatyStatus:
        return TreatyStatus(country.iso3, status, why)

    if "withdrawal_effective" in seen:
        dep = f" (deposited {day_text(deposited)})" if deposited else ""
        return result("withdrawn", f"withdrawn since {day_text(seen['withdrawal_effective'])}{dep}")
    if "withdrawal_deposited" in seen:
        eff = dates.get("withdrawal_effective")
        tail = f", effective {day_text(eff)}" if eff else "; effective date not recorded"
        return result("withdrawal_notified", f"withdrawal deposited {day_text(seen['withdrawal_deposited'])}{tail}")
    if "suspension_declared" in seen:
        declared = day_text(seen["suspension_declared"])
        why = f"suspension declared {declared}; not a withdrawal under Article 20; still a party"
        event = country.event("suspension_declared")
        response = event.response if event is not None else None
        if response is not None and period(response.date)[1] <= day:  # shown once its whole period has passed
            said = f"{response.by}, {period_text(response.date)}: {response.text}"
            return TreatyStatus(country.iso3, "suspended", f"{why}; {said}", said)
        return result("suspended", why)
    if "in_force" in seen:
        how = f" ({joined_kind} {day_text(joined)})" if joined else ""
        return result("party", f"party since {day_text(seen['in_force'])}{how}")
    if joined_kind in seen:
        ahead = f"in force for it from {day_text(in_force)}" if in_force else "not yet in force for it"
        status: Status = "signatory" if "signed" in seen else "non_party"
        return result(status, f"{joined_kind} {day_text(seen[joined_kind])}; {ahead}")
    if "signed" in seen:
        return result("signatory", f"signed {day_text(seen['signed'])}; not ratified")
    if signed:
        return result("non_party", f"not a party; not yet signed (signed {day_text(signed)})")
    if joined:
        return result("non_party", f"not a party; never signed ({joined_kind} {day_text(joined)})")
    return result("non_party", "not a party; never joined")


def statuses_on(facts: Facts, day: dt.date) -> dict[str, TreatyStatus]:
    """Status on `day` of every country whose treaty events are recorded, in file order."""
    return {c.iso3: status_on(c, day) for c in facts.countries if c.treaty_events is not None}


@dataclass(frozen=True)
class TimelineEvent:
    """One treaty event of one country, for charts, quick picks and popups."""

    iso3: str
    country: str
    kind: EventKind
    date: dt.date
    sources: tuple[Source, ...]
    note: str | None = None


def timeline(facts: Facts) -> list[TimelineEvent]:
    """Every treaty event of every country, by date."""
    events = [
        TimelineEvent(c.iso3, c.name, e.kind, e.date, tuple(e.sources), e.note)
        for c in facts.countries
        for e in c.treaty_events or []
    ]
    return sorted(events, key=lambda e: (e.date, e.iso3))
