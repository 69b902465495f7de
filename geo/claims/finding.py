"""What the record says about one claim (a Finding), and which of the record's sources may judge it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.claims.schema import Verdict
from geo.facts.schema import SeedQuote, Source


@dataclass(frozen=True)
class Finding:
    """What the record says about one claim."""

    verdict: Verdict
    record: str | None
    sources: tuple[str, ...]
    reason: str


def independent(sources: Iterable[Source], seed: str) -> tuple[Source, ...]:
    """The sources that are not the claim's own seed: a fact resting only on the seed cannot judge it."""
    return tuple(s for s in sources if not (isinstance(s, SeedQuote) and s.seed == seed))
