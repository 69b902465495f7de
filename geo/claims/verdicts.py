"""Every claim of the ledger with its verdict against the record: computed where the claim has a check,
entered by hand (with a reason) otherwise.

A record fact whose only source is the claim's own seed can neither confirm nor contradict it: such a
claim is `unverified`, as is one about something the record does not hold. The rules for dates are in
geo.claims.dates, those for figures in geo.claims.figures (also in data/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from geo.claims.dates import event_finding, milestone_finding
from geo.claims.figures import (
    length_finding,
    longest_finding,
    membership_finding,
    nato_finding,
    neighbour_finding,
    notice_finding,
)
from geo.claims.finding import Finding, independent
from geo.claims.schema import (
    BorderLengthCheck,
    EventCheck,
    Ledger,
    LedgerClaim,
    LongestBorderCheck,
    MembershipCheck,
    MilestoneCheck,
    NatoCheck,
    NoticeCheck,
    SharesBorderCheck,
    Verdict,
)
from geo.errors import AtlasError
from geo.facts.cite import short_citations
from geo.facts.schema import Facts
from geo.facts.seeds import normalise
from geo.facts.walk import entries


@dataclass(frozen=True)
class CheckedClaim:
    """A ledger claim for one subject, with its verdict, the record value, its sources and why."""

    claim: LedgerClaim
    subject: str
    verdict: Verdict
    record: str | None
    sources: tuple[str, ...]
    reason: str
    computed: bool

    @property
    def id(self) -> str:
        """The ledger id, with '/SUBJECT' when the entry has several subjects."""
        return self.claim.id if len(self.claim.claim.subject) == 1 else f"{self.claim.id}/{self.subject}"

    @property
    def seed(self) -> str:
        """The seed article the claim is from."""
        return self.claim.seed

    @property
    def quote(self) -> str:
        """The article's words, whitespace normalised."""
        return normalise(self.claim.quote)

    @property
    def attribute(self) -> str:
        """What the claim is about (e.g. 'withdrawal effective')."""
        return self.claim.claim.attribute

    @property
    def stated(self) -> str:
        """What the article states, in normalised form."""
        return self.claim.claim.stated()

    @property
    def source(self) -> str:
        """The record's sources as one citation."""
        return "; ".join(self.sources)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "id": self.id,
            "seed": self.seed,
            "quote": self.quote,
            "subject": self.subject,
            "attribute": self.attribute,
            "stated": self.stated,
            "verdict": self.verdict,
            "record": self.record,
            "source": self.source or None,
            "reason": self.reason,
            "computed": self.computed,
            "note": self.claim.note,
        }


def verdicts(ledger: Ledger, facts: Facts, computed_km: Mapping[str, float] | None = None) -> list[CheckedClaim]:
    """Every claim for every subject, with its verdict: computed from `facts` where the claim has a check.

    computed_km (border pair -> km computed from the geometry) is shown beside official figures.
    """
    checked = []
    index = entries(facts)
    for c in ledger.claims:
        for subject in c.claim.subject:
            finding = (
                _RULES[type(c.check)](c, c.check, subject, facts, computed_km or {}) if c.check else _hand(c, index)
            )
            if finding.verdict != "unverified" and not (finding.record and finding.sources):
                finding = Finding(
                    "unverified",
                    finding.record,
                    finding.sources,
                    f"no independent source in the record ({finding.reason})",
                )
            checked.append(
                CheckedClaim(
                    c, subject, finding.verdict, finding.record, finding.sources, finding.reason, c.check is not None
                )
            )
    return checked


def _hand(c: LedgerClaim, index: Mapping[str, Any]) -> Finding:
    """A hand verdict, cited from the facts entry it rests on (`index`: the facts' entries, geo.facts.walk.entries)."""
    sources: tuple[str, ...] = ()
    if c.fact is not None:
        target = index.get(c.fact)
        if target is None or not hasattr(target, "sources"):
            raise AtlasError(None, f"{c.id}.fact", c.fact, "no entry with sources under this id or path in the facts")
        sources = short_citations(independent(target.sources, c.seed))
    return Finding(c.verdict or "unverified", c.record, sources, c.reason or "")


# the rule that judges each kind of check: rule(claim, check, subject, facts, computed_km) -> Finding
_RULES: dict[type, Callable[..., Finding]] = {
    EventCheck: event_finding,
    MilestoneCheck: milestone_finding,
    BorderLengthCheck: length_finding,
    LongestBorderCheck: longest_finding,
    SharesBorderCheck: neighbour_finding,
    NatoCheck: nato_finding,
    NoticeCheck: notice_finding,
    MembershipCheck: membership_finding,
}
