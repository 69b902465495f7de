"""Queries over checked claims: counts by seed and verdict, disputed claims by map subject, selection."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from geo.claims.schema import VERDICTS, Ledger, Verdict, is_pair
from geo.claims.verdicts import CheckedClaim
from geo.errors import AtlasError
from geo.pairs import canonical


def counts_by_seed(checked: Iterable[CheckedClaim]) -> dict[str, dict[Verdict, int]]:
    """For each seed (in order of first appearance), the number of checked claims per verdict."""
    counts: dict[str, dict[Verdict, int]] = {}
    for c in checked:
        counts.setdefault(c.seed, dict.fromkeys(VERDICTS, 0))[c.verdict] += 1
    return counts


def subject_key(subject: str) -> str:
    """The key a map popup looks up: an ISO3 code, a border pair in canonical order ('FIN-RUS'), or the subject."""
    return canonical(subject) if is_pair(subject) else subject


def disputed_by_subject(checked: Iterable[CheckedClaim]) -> dict[str, list[CheckedClaim]]:
    """Claims that state a figure or date differently from the record (contradicted or imprecise), by subject."""
    out: dict[str, list[CheckedClaim]] = {}
    for c in checked:
        if c.verdict in ("contradicted", "imprecise"):
            out.setdefault(subject_key(c.subject), []).append(c)
    return out


def select(checked: Iterable[CheckedClaim], seed: str | None = None, verdict: str | None = None) -> list[CheckedClaim]:
    """The checked claims of one seed and/or one verdict."""
    return [c for c in checked if (seed is None or c.seed == seed) and (verdict is None or c.verdict == verdict)]


def resolve_seed(ledger: Ledger, value: str) -> str:
    """The ledger's seed file named by `value` (its file name, a path ending in it, or a unique prefix)."""
    name = Path(value).name
    seeds = ledger.seeds()
    if name in seeds:
        return name
    matches = [s for s in seeds if name and s.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    raise AtlasError(
        None,
        "--seed",
        value,
        f"no {'single ' if matches else ''}seed in the ledger matches; use one of {', '.join(seeds)}",
    )


def statement_key(c: CheckedClaim) -> tuple[str, str, str]:
    """What makes two claims the same statement: subject, attribute and stated value (case and spacing ignored)."""
    return subject_key(c.subject), " ".join(c.attribute.lower().split()), " ".join(c.stated.lower().split())


def conflicting_verdicts(checked: Iterable[CheckedClaim]) -> list[tuple[CheckedClaim, CheckedClaim]]:
    """Pairs of claims that make the same statement with different verdicts, where the later one does not say why
    (its `differs`): one statement, one verdict.
    """
    first: dict[tuple[str, str, str], CheckedClaim] = {}
    found = []
    for c in checked:
        key = statement_key(c)
        if key in first and first[key].verdict != c.verdict and not c.claim.differs:
            found.append((first[key], c))
        first.setdefault(key, c)
    return found
