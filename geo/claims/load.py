"""Loading the claims ledger: read, validate, and check each claim against its seed and the facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from geo._yaml import read_yaml, validation_error
from geo.claims.finding import independent
from geo.claims.schema import KM_PER_UNIT, DateQualifier, FigureQualifier, Ledger, LedgerClaim, is_number, is_pair
from geo.errors import AtlasError
from geo.facts.checks import Problem
from geo.facts.codes import ISO3_CODES
from geo.facts.schema import Facts
from geo.facts.seeds import SeedTexts, normalise
from geo.facts.walk import entries
from geo.settings import CLAIMS_PATH, SEEDS_DIR


def load_claims(path: Path | str | None = None, seeds_dir: Path | None = None, facts: Facts | None = None) -> Ledger:
    """Load and validate claims.yaml (quotes checked against the seeds, fact references against `facts` if given)."""
    path = Path(path) if path is not None else CLAIMS_PATH
    data = read_yaml(path)
    try:
        ledger = Ledger.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc) from None
    for field, value, problem in ledger_problems(ledger, SeedTexts(Path(seeds_dir) if seeds_dir else SEEDS_DIR), facts):
        raise AtlasError(path, field, value, problem)
    return ledger


def ledger_problems(ledger: Ledger, seed_text: SeedTexts, facts: Facts | None = None) -> list[Problem]:
    """Cross-field problems (ids, seed quotes, subjects, fact references) as (field, value, problem)."""
    found: list[Problem] = []
    ids: dict[str, int] = {}
    index = entries(facts) if facts is not None else {}
    for i, c in enumerate(ledger.claims):
        at = f"claims[{i}]"
        if c.id in ids:
            found.append((f"{at}.id", c.id, f"duplicate id (first used at claims[{ids[c.id]}])"))
        ids.setdefault(c.id, i)
        text = seed_text(c.seed)
        if text is None:
            found.append((f"{at}.seed", c.seed, f"no such seed file in {seed_text.seeds_dir}"))
        elif normalise(c.quote) not in text:
            found.append((f"{at}.quote", c.quote, f"quote not found in seed {c.seed}"))
        found += [(f"{at}.claim.{f}", v, p) for f, v, p in _statement_problems(c)]
        if facts is not None and c.fact is not None:
            found += [(f"{at}.fact", c.fact, p) for p in _fact_problems(c, index)]
    return found


_SUBJECTS: dict[str, tuple[Callable[[str], bool], str]] = {
    "country": (lambda x: x in ISO3_CODES, "this check needs ISO 3166-1 alpha-3 country codes as subjects"),
    "treaty": (lambda x: x == "treaty", "the subject of a treaty check is 'treaty'"),
    "border": (is_pair, "the subject of this check is a border such as 'FIN-RUS'"),
}


def _statement_problems(c: LedgerClaim) -> list[Problem]:
    """Subjects and values that do not fit the claim's check."""
    s, check = c.claim, c.check
    found: list[Problem] = []
    kind = check.subject_kind() if check is not None else None
    if kind is not None:
        fits, problem = _SUBJECTS[kind]
        found += [("subject", x, problem) for x in s.subject if not fits(x)]
    value = check.VALUE if check is not None else None
    if value in ("date_or_yes_no", "date") and s.date is None and not isinstance(s.value, bool):
        found.append(("value", s.value, "an event check needs a date, or a value true/false (it happened or not)"))
    if value == "date" and s.date is None:
        found.append(("date", None, "a milestone check needs a date"))
    if value in ("length", "months", "count") and not is_number(s.value):
        found.append(("value", s.value, "this check needs a number"))
    if value == "length" and s.unit not in KM_PER_UNIT:
        found.append(("unit", s.unit, f"a length needs a unit, one of {', '.join(KM_PER_UNIT)}"))
    if value == "months" and s.unit != "months":
        found.append(("unit", s.unit, "a notice period is counted in 'months'"))
    if value == "true" and s.value is not True:
        found.append(("value", s.value, "this check confirms a fact: the value must be true"))
    if s.qualifier in get_args(DateQualifier) and s.date is None:
        found.append(("qualifier", s.qualifier, "'in' and 'by' qualify a date; give a date"))
    if s.qualifier in get_args(FigureQualifier) and not is_number(s.value):
        found.append(("qualifier", s.qualifier, "this qualifier needs a number as value"))
    return found


def _fact_problems(c: LedgerClaim, index: Mapping[str, Any]) -> list[str]:
    """Why a hand verdict's fact reference is unusable (`index`: the facts' entries, geo.facts.walk.entries)."""
    target = index.get(c.fact or "")
    if target is None:
        return ["no entry with this id or path in the facts"]
    if not hasattr(target, "sources"):
        return ["this facts entry has no sources; point at one that has"]
    if c.verdict != "unverified" and not independent(target.sources, c.seed):
        return [f"the entry's only source is this claim's own seed {c.seed}; it cannot confirm or contradict it"]
    return []
