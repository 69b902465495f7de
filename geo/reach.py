"""How far the record reaches: the day its facts were last verified (stated in data/facts.yaml) and the latest event
it holds (derived), and what a map, figure or report dated after the verification must say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo.changes import all_changes
from geo.dates import day_text
from geo.facts.schema import Facts


@dataclass(frozen=True)
class Reach:
    """The record's reach: last verified on `verified`; its latest event counts from `latest_event`."""

    verified: dt.date
    latest_event: dt.date

    def as_json(self) -> dict[str, str]:
        """{"verified": DAY, "latest_event": DAY} for JSON outputs."""
        return {"verified": self.verified.isoformat(), "latest_event": self.latest_event.isoformat()}

    @property
    def text(self) -> str:
        """'Record last verified on 4 Dec 2026; its latest event 21 Feb 2026.' (shown on every map)."""
        return f"Record last verified on {day_text(self.verified)}; its latest event {day_text(self.latest_event)}."

    @property
    def notice_text(self) -> str:
        """What a map, figure or report dated after the verification says."""
        return f"The record was last verified on {day_text(self.verified)}; later events are not shown."

    def notice(self, day: dt.date) -> str | None:
        """The notice for a map of `day`, or None when the day is not after the verification."""
        return self.notice_text if day > self.verified else None


def reach(facts: Facts) -> Reach:
    """The record's reach: its verification day, and the latest treaty, plan or part event it holds (a partial date
    counts from its last day, as on the map).
    """
    days = [m.date for m in facts.treaty.milestones] + [c.day for c in all_changes(facts)]
    return Reach(facts.record.verified, max(days))
