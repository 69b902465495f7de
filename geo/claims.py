"""The claims ledger (data/claims.yaml): what each seed article states, checked against the record.

Each ledger entry quotes a seed verbatim and states the claim in normalised form (subject, attribute,
a value with its unit or a date). An entry with a `check` says which fact of data/facts.yaml the
claim maps onto, and its verdict is computed here; an entry without one carries a verdict entered
by hand, with a reason. An entry with several subjects is checked once per subject.

Verdict rules (also in data/README.md):
- A record fact whose only source is the claim's own seed can neither confirm nor contradict it:
  such a claim is `unverified`, as is one about something the record does not hold.
- Dates. A claim names a year, a month or a day ("in", or "by": on or before its end). It is
  `consistent` when a record date of the event it names falls in that period; `imprecise` when it
  names a day at most DAY_TOLERANCE days from the record date, or when it fits only a neighbouring
  step the check lists as `near` (joined vs in force); otherwise `contradicted`.
- Whether something happened (value true or false): `consistent` when the record agrees;
  `imprecise` when the claim names an event that did not happen but a `near` one did (a state
  called a signatory that acceded without signing); otherwise `contradicted`.
- Figures. The record is the range of the figures its sources give (for a sum of borders, the sums
  of the lowest and of the highest figures). "exactly": `consistent` within the range widened by
  EXACT_TOLERANCE, `imprecise` within ABOUT_TOLERANCE; "about": `consistent` within ABOUT_TOLERANCE,
  `imprecise` within twice that; "more than", "at least", "less than", "at most": `consistent` when
  the whole range satisfies the bound, `imprecise` when part of it does, `contradicted` when none does.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BeforeValidator, Discriminator, Field, ValidationError, model_validator

from geo.edges import pair_name
from geo.errors import AtlasError
from geo.facts import (
    ISO3,
    ISO3_CODES,
    EventKind,
    Facts,
    Model,
    PairKey,
    PartialDate,
    Publication,
    SeedQuote,
    SeedTexts,
    Text,
    cite,
    normalise,
    read_yaml,
    validation_error,
    walk,
)
from geo.paths import DATA_DIR, SEEDS_DIR

CLAIMS_PATH = DATA_DIR / "claims.yaml"

Verdict = Literal["consistent", "contradicted", "imprecise", "unverified"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
DateQualifier = Literal["in", "by"]
FigureQualifier = Literal["exactly", "about", "more than", "at least", "less than", "at most"]
MilestoneKind = Literal["opened_for_signature", "entry_into_force"]

DAY_TOLERANCE = 7  # days: a claim naming a day this close to the record's is imprecise, not contradicted
EXACT_TOLERANCE = 0.005  # 0.5%: rounding
ABOUT_TOLERANCE = 0.05  # 5%
KM_PER_UNIT = {"km": 1.0, "mi": 1.609344}
_RANK = {"consistent": 0, "imprecise": 1, "contradicted": 2}


def _number(value: float) -> str:
    """A figure with thousands separators and no needless decimals: 1,340 or 1.43."""
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def when(date: str, qualifier: str | None) -> str:
    """A stated date with its preposition: 'by 2005', 'in 2025-06', 'on 2025-07-09'."""
    return f"{qualifier or ('on' if len(date) == 10 else 'in')} {date}"


def _as_list(value: Any) -> Any:
    """Let one subject stand for a list of subjects."""
    return [value] if isinstance(value, str) else value


Subjects = Annotated[list[Text], BeforeValidator(_as_list), Field(min_length=1)]


class Statement(Model):
    """A claim in normalised form: subject(s), attribute, and a value (with unit) or a date."""

    subject: Subjects
    attribute: Text
    value: bool | float | Text | None = None
    unit: Text | None = None
    date: PartialDate | None = None
    qualifier: DateQualifier | FigureQualifier | None = None

    def stated(self) -> str:
        """The claim's value as one short phrase, e.g. 'by 2005' or 'more than 2100 mi'."""
        parts: list[str] = []
        if self.date is not None:
            parts.append(when(self.date, self.qualifier))
        if isinstance(self.value, bool):
            parts.insert(0, "yes" if self.value else "no")
        elif self.value is not None:
            number = _number(self.value) if isinstance(self.value, float) else self.value
            q = f"{self.qualifier} " if self.qualifier and self.date is None and self.qualifier != "exactly" else ""
            parts.insert(0, f"{q}{number}{' ' + self.unit if self.unit else ''}")
        return ", ".join(parts)


class EventCheck(Model):
    """Compare with a country's treaty events of these kinds (the subject is an ISO3 code)."""

    kind: Literal["treaty_event"]
    events: Annotated[list[EventKind], Field(min_length=1)]
    near: list[EventKind] = []


class MilestoneCheck(Model):
    """Compare with the treaty's own milestones (the subject is 'treaty')."""

    kind: Literal["treaty_milestone"]
    milestones: Annotated[list[MilestoneKind], Field(min_length=1)]
    near: list[MilestoneKind] = []


class BorderLengthCheck(Model):
    """Compare a length with a border's official figures (or the sum over several borders)."""

    kind: Literal["border_length"]
    pairs: list[PairKey] = []


class LongestBorderCheck(Model):
    """Is the subject's border longer than each of these, by every official figure?"""

    kind: Literal["longest_border"]
    among: Annotated[list[PairKey], Field(min_length=1)]


class SharesBorderCheck(Model):
    """Does the subject country share a border with one of these countries?"""

    kind: Literal["shares_border"]
    neighbours: Annotated[list[ISO3], Field(min_length=1)]


class NatoCheck(Model):
    """Is the subject country a NATO member (by the claim's date, if it names one)?"""

    kind: Literal["nato_member"]


class NoticeCheck(Model):
    """Compare a number of months with the treaty's withdrawal notice period."""

    kind: Literal["withdrawal_notice"]


class MembershipCheck(Model):
    """Compare a count with the treaty's recorded membership of this measure."""

    kind: Literal["membership"]
    measure: Text


Check = Annotated[
    Union[EventCheck, MilestoneCheck, BorderLengthCheck, LongestBorderCheck, SharesBorderCheck, NatoCheck, NoticeCheck, MembershipCheck],
    Discriminator("kind"),
]


class LedgerClaim(Model):
    """One claim of one seed: its verbatim quote, normalised form, and a check or a hand verdict."""

    id: Text
    seed: Text
    quote: Text
    claim: Statement
    note: str | None = None
    check: Check | None = None
    verdict: Verdict | None = None
    reason: Text | None = None
    record: Text | None = None
    fact: Text | None = None  # id or dotted path of the facts.yaml entry a hand verdict rests on

    @model_validator(mode="after")
    def _check_or_verdict(self) -> LedgerClaim:
        """A claim has a check (computed verdict) or a hand verdict with a reason, not both."""
        if (self.check is None) == (self.verdict is None):
            raise ValueError("give either a check (computed verdict) or a verdict with a reason, not both")
        if self.check is not None and (self.reason or self.record or self.fact):
            raise ValueError("reason, record and fact belong to a hand verdict; a checked claim gets them from the facts")
        if self.verdict is not None and not self.reason:
            raise ValueError("a hand verdict needs a reason")
        if self.verdict not in (None, "unverified") and not (self.record and self.fact):
            raise ValueError(f"a hand verdict '{self.verdict}' needs the record value (record) and the facts.yaml entry it rests on (fact)")
        return self


class Ledger(Model):
    """Everything in data/claims.yaml."""

    claims: Annotated[list[LedgerClaim], Field(min_length=1)]

    def seeds(self) -> list[str]:
        """The seed files the ledger covers, in order of first appearance."""
        return list(dict.fromkeys(c.seed for c in self.claims))


@dataclass(frozen=True)
class Finding:
    """What the record says about one claim."""

    verdict: Verdict
    record: str | None
    sources: tuple[str, ...]
    reason: str


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
        return self.claim.seed

    @property
    def quote(self) -> str:
        return normalise(self.claim.quote)

    @property
    def attribute(self) -> str:
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
            "id": self.id, "seed": self.seed, "quote": self.quote, "subject": self.subject,
            "attribute": self.attribute, "stated": self.stated, "verdict": self.verdict, "record": self.record,
            "source": self.source or None, "reason": self.reason, "computed": self.computed, "note": self.claim.note,
        }  # fmt: skip


# ---------------------------------------------------------------- loading


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


def ledger_problems(ledger: Ledger, seed_text: SeedTexts, facts: Facts | None = None) -> list[tuple[str, object, str]]:
    """Cross-field problems (ids, seed quotes, subjects, fact references) as (field, value, problem)."""
    found: list[tuple[str, object, str]] = []
    ids: dict[str, int] = {}
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
            found += [(f"{at}.fact", c.fact, p) for p in _fact_problems(c, facts)]
    return found


def _statement_problems(c: LedgerClaim) -> list[tuple[str, object, str]]:
    """Subjects and values that do not fit the claim's check."""
    s, check, found = c.claim, c.check, []
    if isinstance(check, (EventCheck, SharesBorderCheck, NatoCheck)):
        found += [("subject", x, "this check needs ISO 3166-1 alpha-3 country codes as subjects") for x in s.subject if x not in ISO3_CODES]
    if isinstance(check, (MilestoneCheck, NoticeCheck, MembershipCheck)):
        found += [("subject", x, "the subject of a treaty check is 'treaty'") for x in s.subject if x != "treaty"]
    if isinstance(check, LongestBorderCheck) or (isinstance(check, BorderLengthCheck) and not check.pairs):
        found += [("subject", x, "the subject of this check is a border such as 'FIN-RUS'") for x in s.subject if not _is_pair(x)]
    if isinstance(check, (EventCheck, MilestoneCheck)) and s.date is None and not isinstance(s.value, bool):
        found.append(("value", s.value, "an event check needs a date, or a value true/false (it happened or not)"))
    if isinstance(check, MilestoneCheck) and s.date is None:
        found.append(("date", None, "a milestone check needs a date"))
    if isinstance(check, (BorderLengthCheck, NoticeCheck, MembershipCheck)) and not _is_number(s.value):
        found.append(("value", s.value, "this check needs a number"))
    if isinstance(check, BorderLengthCheck) and s.unit not in KM_PER_UNIT:
        found.append(("unit", s.unit, f"a length needs a unit, one of {', '.join(KM_PER_UNIT)}"))
    if isinstance(check, NoticeCheck) and s.unit != "months":
        found.append(("unit", s.unit, "a notice period is counted in 'months'"))
    if isinstance(check, (LongestBorderCheck, SharesBorderCheck, NatoCheck)) and s.value is not True:
        found.append(("value", s.value, "this check confirms a fact: the value must be true"))
    if s.qualifier in get_args(DateQualifier) and s.date is None:
        found.append(("qualifier", s.qualifier, "'in' and 'by' qualify a date; give a date"))
    if s.qualifier in get_args(FigureQualifier) and not _is_number(s.value):
        found.append(("qualifier", s.qualifier, "this qualifier needs a number as value"))
    return found


def _fact_problems(c: LedgerClaim, facts: Facts) -> list[str]:
    """Why a hand verdict's fact reference is unusable."""
    target = find_fact(facts, c.fact or "")
    if target is None:
        return ["no entry with this id or path in the facts"]
    if not hasattr(target, "sources"):
        return ["this facts entry has no sources; point at one that has"]
    if c.verdict != "unverified" and not independent(target.sources, c.seed):
        return [f"the entry's only source is this claim's own seed {c.seed}; it cannot confirm or contradict it"]
    return []


def _is_pair(value: str) -> bool:
    a, _, b = value.partition("-")
    return a in ISO3_CODES and b in ISO3_CODES and a != b


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def find_fact(facts: Facts, ref: str) -> Any:
    """The facts entry with this id, or at this dotted path (e.g. 'treaty.withdrawal_rule'); None if none."""
    for path, obj in walk(facts):
        if path == ref or getattr(obj, "id", None) == ref:
            return obj
    return None


def independent(sources: Iterable[SeedQuote | Publication], seed: str) -> tuple[SeedQuote | Publication, ...]:
    """The sources that are not the claim's own seed."""
    return tuple(s for s in sources if not (isinstance(s, SeedQuote) and s.seed == seed))


def citations(sources: Iterable[SeedQuote | Publication]) -> tuple[str, ...]:
    """Each distinct source as a short citation, in order."""
    return tuple(dict.fromkeys(cite(s) for s in sources))


# ---------------------------------------------------------------- verdicts


def verdicts(ledger: Ledger, facts: Facts, computed_km: Mapping[str, float] | None = None) -> list[CheckedClaim]:
    """Every claim for every subject, with its verdict: computed from `facts` where the claim has a check.

    computed_km (border pair -> km computed from the geometry) is shown beside official figures."""
    checked = []
    for c in ledger.claims:
        for subject in c.claim.subject:
            finding = _check(c, subject, facts, computed_km or {}) if c.check else _hand(c, facts)
            if finding.verdict != "unverified" and not (finding.record and finding.sources):
                finding = Finding("unverified", finding.record, finding.sources, f"no independent source in the record ({finding.reason})")
            checked.append(CheckedClaim(c, subject, finding.verdict, finding.record, finding.sources, finding.reason, c.check is not None))
    return checked


def _hand(c: LedgerClaim, facts: Facts) -> Finding:
    """A hand verdict, cited from the facts entry it rests on."""
    sources: tuple[str, ...] = ()
    if c.fact is not None:
        target = find_fact(facts, c.fact)
        if target is None or not hasattr(target, "sources"):
            raise AtlasError(None, f"{c.id}.fact", c.fact, "no entry with sources under this id or path in the facts")
        sources = citations(independent(target.sources, c.seed))
    return Finding(c.verdict or "unverified", c.record, sources, c.reason or "")


def _check(c: LedgerClaim, subject: str, facts: Facts, computed_km: Mapping[str, float]) -> Finding:
    """The computed finding for one subject of a checked claim."""
    check, s = c.check, c.claim
    if isinstance(check, EventCheck):
        return _event_finding(s, subject, check, facts, c.seed)
    if isinstance(check, MilestoneCheck):
        return _milestone_finding(s, check, facts, c.seed)
    if isinstance(check, BorderLengthCheck):
        return _length_finding(s, check.pairs or [subject], facts, c.seed, computed_km)
    if isinstance(check, LongestBorderCheck):
        return _longest_finding(subject, check.among, facts, c.seed, computed_km)
    if isinstance(check, SharesBorderCheck):
        return _neighbour_finding(subject, check.neighbours, facts, c.seed)
    if isinstance(check, NatoCheck):
        return _nato_finding(s, subject, facts, c.seed)
    if isinstance(check, NoticeCheck):
        return _notice_finding(s, facts, c.seed)
    assert isinstance(check, MembershipCheck)
    return _membership_finding(s, check.measure, facts, c.seed)


# ---- dates


@dataclass(frozen=True)
class Dated:
    """A dated step in the record, with its independent sources."""

    label: str
    date: dt.date
    sources: tuple[SeedQuote | Publication, ...]

    def text(self) -> str:
        return f"{self.label} {self.date.isoformat()}"


def period(stated: str) -> tuple[dt.date, dt.date]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = [int(p) for p in stated.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def date_fit(stated: str, qualifier: str | None, day: dt.date) -> Verdict:
    """consistent if `day` falls in the stated period (with 'by': on or before its end); imprecise if a stated day is at most DAY_TOLERANCE days off."""
    first, last = period(stated)
    if (qualifier == "by" and day <= last) or first <= day <= last:
        return "consistent"
    if len(stated) == 10 and abs((day - first).days) <= DAY_TOLERANCE:
        return "imprecise"
    return "contradicted"


def _dated_finding(s: Statement, main: list[Dated], near: list[Dated], record: str, cited: tuple[str, ...], what: str) -> Finding:
    """The verdict for a claim about dated steps: main are the steps it names, near the neighbouring ones."""
    if s.date is None:
        if s.value is False:
            if main:
                return Finding("contradicted", record, cited, f"the record has {', '.join(d.text() for d in main)}")
            return Finding("consistent", record, cited, f"no {what} in the record")
        if main:
            return Finding("consistent", record, cited, f"the record has {', '.join(d.text() for d in main)}")
        if near:
            return Finding("imprecise", record, cited, f"no {what} in the record, but {', '.join(d.text() for d in near)}")
        return Finding("contradicted", record, cited, f"no {what} in the record")
    fits = sorted(((date_fit(s.date, s.qualifier, d.date), d) for d in main), key=lambda x: _RANK[x[0]])
    stated = when(s.date, s.qualifier)
    if fits and fits[0][0] == "consistent":
        return Finding("consistent", record, cited, f"{fits[0][1].text()} is {stated}")
    if fits and fits[0][0] == "imprecise":
        off = abs((fits[0][1].date - period(s.date)[0]).days)
        return Finding("imprecise", record, cited, f"{fits[0][1].text()} is {off} day{'s' if off != 1 else ''} off {s.date} (within {DAY_TOLERANCE})")
    close = [d for d in near if date_fit(s.date, s.qualifier, d.date) == "consistent"]
    if close:
        missed = f"no {what} is {stated}" if not main else f"{', '.join(d.text() for d in main)} is not {stated}"
        return Finding("imprecise", record, cited, f"{missed}, but the neighbouring step {close[0].text()} is")
    if not main:
        return Finding("contradicted", record, cited, f"no {what} in the record")
    return Finding("contradicted", record, cited, f"{', '.join(d.text() for d in main)} is not {stated}")


def _label(kind: str) -> str:
    return kind.replace("_", " ")


def _event_finding(s: Statement, iso3: str, check: EventCheck, facts: Facts, seed: str) -> Finding:
    """A claim about a country's treaty events."""
    country = next((c for c in facts.countries if c.iso3 == iso3), None)
    if country is None:
        return Finding("unverified", None, (), f"{iso3} is not in the facts")
    if country.treaty_events is None:
        return Finding("unverified", None, (), f"the treaty events of {country.name} are not recorded")

    def steps(kinds: list[EventKind]) -> list[Dated]:
        out = []
        for e in country.treaty_events or []:
            if e.kind in kinds and independent(e.sources, seed):
                out.append(Dated(_label(e.kind), e.date, independent(e.sources, seed)))
                out += [Dated(f"{_label(e.kind)} (other source)", a.date, independent(a.sources, seed)) for a in e.alternative_dates if independent(a.sources, seed)]
        return out

    main, near = steps(check.events), steps(check.near)
    shown = sorted(main + near, key=lambda d: d.date)
    if shown:
        record = f"{iso3}: " + "; ".join(d.text() for d in shown)
        sources = citations(x for d in shown for x in d.sources)
    else:
        events = country.treaty_events or []
        record = f"{iso3}: " + ("; ".join(f"{_label(e.kind)} {e.date.isoformat()}" for e in events) if events else "never joined (no treaty events)")
        sources = citations(independent([*country.sources, *(x for e in events for x in e.sources)], seed))
    return _dated_finding(s, main, near, record, sources, " or ".join(f"'{_label(k)}'" for k in check.events) + " event")


def _milestone_finding(s: Statement, check: MilestoneCheck, facts: Facts, seed: str) -> Finding:
    """A claim about the treaty's own dates."""

    def steps(kinds: list[MilestoneKind]) -> list[Dated]:
        ms = [m for m in facts.treaty.milestones if m.kind in kinds]
        return [Dated(_label(m.kind), m.date, independent(m.sources, seed)) for m in ms if independent(m.sources, seed)]

    main, near = steps(check.milestones), steps(check.near)
    shown = sorted(main + near, key=lambda d: d.date)
    if not shown:
        return Finding("unverified", None, (), "the record's only source for this is the same article" if _any_milestone(facts, check) else "not in the record")
    record = "treaty: " + "; ".join(d.text() for d in shown)
    return _dated_finding(s, main, near, record, citations(x for d in shown for x in d.sources), " or ".join(f"'{_label(k)}'" for k in check.milestones))


def _any_milestone(facts: Facts, check: MilestoneCheck) -> bool:
    return any(m.kind in check.milestones + check.near for m in facts.treaty.milestones)


# ---- figures


def figure_fit(value: float, qualifier: str | None, lo: float, hi: float) -> Verdict:
    """How a stated figure fits the record's range [lo, hi] (rules in the module docstring)."""
    q = qualifier or "exactly"
    if q in ("exactly", "about"):
        tol = EXACT_TOLERANCE if q == "exactly" else ABOUT_TOLERANCE
        loose = ABOUT_TOLERANCE if q == "exactly" else 2 * ABOUT_TOLERANCE
        if lo * (1 - tol) <= value <= hi * (1 + tol):
            return "consistent"
        return "imprecise" if lo * (1 - loose) <= value <= hi * (1 + loose) else "contradicted"
    holds = {
        "more than": lambda x: x > value, "at least": lambda x: x >= value,
        "less than": lambda x: x < value, "at most": lambda x: x <= value,
    }[q]  # fmt: skip
    ok_lo, ok_hi = holds(lo), holds(hi)
    return "consistent" if ok_lo and ok_hi else "imprecise" if ok_lo or ok_hi else "contradicted"


def _km(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _span(lo: float, hi: float, unit: str = "km") -> str:
    return f"{_km(lo)} {unit}" if math.isclose(lo, hi) else f"{_km(lo)}–{_km(hi)} {unit}"


def _figures(facts: Facts, pair: str, seed: str) -> list[tuple[float, tuple[SeedQuote | Publication, ...]]]:
    """A border's official figures (km) that have a source other than the claim's seed."""
    try:
        figures = facts.official_figures(pair)
    except AtlasError:
        return []
    return [(f.km, independent(f.sources, seed)) for f in figures if independent(f.sources, seed)]


def _computed(computed_km: Mapping[str, float], pair: str) -> float | None:
    a, _, b = pair.partition("-")
    return computed_km.get(pair, computed_km.get(f"{b}-{a}"))


def _length_finding(s: Statement, pairs: list[str], facts: Facts, seed: str, computed_km: Mapping[str, float]) -> Finding:
    """A stated length against the official figures of one border, or the sum over several."""
    assert isinstance(s.value, (int, float)) and s.unit in KM_PER_UNIT
    stated_km = float(s.value) * KM_PER_UNIT[s.unit]
    per_pair = {p: _figures(facts, p, seed) for p in pairs}
    missing = [p for p, f in per_pair.items() if not f]
    if missing:
        return Finding("unverified", None, (), f"no official figure with an independent source for {', '.join(missing)}")
    lo = sum(min(km for km, _ in f) for f in per_pair.values())
    hi = sum(max(km for km, _ in f) for f in per_pair.values())
    if len(pairs) == 1:
        record = f"{pairs[0]} official " + ", ".join(f"{_km(km)} km ({'; '.join(citations(src))})" for km, src in per_pair[pairs[0]])
    else:
        record = f"sum of {len(pairs)} borders ({', '.join(pairs)}): {_span(lo, hi)} by the official figures"
    computed = [_computed(computed_km, p) for p in pairs]
    if all(x is not None for x in computed):
        record += f"; computed from the geometry {_km(sum(computed))} km"  # type: ignore[arg-type]
    verdict = figure_fit(stated_km, s.qualifier, lo, hi)
    miles = f" ({_km(stated_km)} km)" if s.unit != "km" else ""
    how = {"consistent": "fits", "imprecise": "is near but outside", "contradicted": "does not fit"}[verdict]
    reason = f"stated {s.stated()}{miles} {how} the official {_span(lo, hi)}"
    return Finding(verdict, record, citations(x for f in per_pair.values() for _, src in f for x in src), reason)


def _longest_finding(pair: str, among: list[str], facts: Facts, seed: str, computed_km: Mapping[str, float]) -> Finding:
    """Is `pair` longer than every border in `among`, by every official figure?"""
    own = _figures(facts, pair, seed)
    others = {p: _figures(facts, p, seed) for p in among}
    if not own or not all(others.values()):
        return Finding("unverified", None, (), "official figures are missing for some of these borders")
    own_lo, own_hi = min(k for k, _ in own), max(k for k, _ in own)
    rival = max(others, key=lambda p: max(k for k, _ in others[p]))
    rival_lo, rival_hi = min(k for k, _ in others[rival]), max(k for k, _ in others[rival])
    record = f"{pair} {_span(own_lo, own_hi)}; longest of the others: {rival} {_span(rival_lo, rival_hi)} (official figures)"
    if (c_own := _computed(computed_km, pair)) is not None and all(_computed(computed_km, p) is not None for p in among):
        c_rival = max(among, key=lambda p: _computed(computed_km, p) or 0.0)
        record += f"; computed {pair} {_km(c_own)} km, {c_rival} {_km(_computed(computed_km, c_rival) or 0.0)} km"
    verdict: Verdict = "consistent" if own_lo > rival_hi else "contradicted" if own_hi < rival_lo else "imprecise"
    reason = f"compared with {', '.join(among)}: " + {
        "consistent": f"{pair} is the longest by every figure",
        "imprecise": f"the figures of {pair} and {rival} overlap",
        "contradicted": f"{rival} is longer by every figure",
    }[verdict]
    sources = citations(x for f in (own, others[rival]) for _, src in f for x in src)
    return Finding(verdict, record, sources, reason)


def _neighbour_finding(iso3: str, neighbours: list[str], facts: Facts, seed: str) -> Finding:
    """Does the country share a border with one of `neighbours`, by the record's borders?"""
    shared = [(f"{iso3}-{n}", f) for n in neighbours if (f := _figures(facts, f"{iso3}-{n}", seed))]
    if not shared:
        return Finding("contradicted" if any(c.iso3 == iso3 for c in facts.countries) else "unverified",
                       f"{iso3}: no border with {' or '.join(neighbours)} in the record", citations(independent(_country_sources(facts, iso3), seed)),
                       f"the record has no border of {iso3} with {' or '.join(neighbours)}")  # fmt: skip
    record = "; ".join(f"{pair_name(*p.split('-'))} {_span(min(k for k, _ in f), max(k for k, _ in f))}" for p, f in shared)
    return Finding("consistent", record, citations(x for _, f in shared for _, src in f for x in src), f"the record has the border {record}")


def _country_sources(facts: Facts, iso3: str) -> list[SeedQuote | Publication]:
    return [x for c in facts.countries if c.iso3 == iso3 for x in c.sources]


def _nato_finding(s: Statement, iso3: str, facts: Facts, seed: str) -> Finding:
    """Is the country a NATO member (by the claim's date)?"""
    country = next((c for c in facts.countries if c.iso3 == iso3), None)
    if country is None:
        return Finding("unverified", None, (), f"{iso3} is not in the facts")
    sources = citations(independent(country.sources, seed))
    since = country.nato_member_since
    if since is None:
        return Finding("contradicted", f"{iso3}: not a NATO member", sources, "the record has no NATO membership")
    record = f"{iso3}: NATO member since {since.isoformat()}"
    if s.date is not None and since > period(s.date)[1]:
        return Finding("contradicted", record, sources, f"joined NATO after {s.date}")
    return Finding("consistent", record, sources, f"NATO member since {since.isoformat()}")


def _notice_finding(s: Statement, facts: Facts, seed: str) -> Finding:
    """A stated notice period against the treaty's withdrawal rule."""
    rule = facts.treaty.withdrawal_rule
    sources = citations(independent(rule.sources, seed))
    if not sources:
        return Finding("unverified", None, (), "the record's only source for this is the same article")
    record = f"Article {rule.article}: {rule.notice_months} months"
    verdict = figure_fit(float(s.value), s.qualifier, rule.notice_months, rule.notice_months)  # type: ignore[arg-type]
    return Finding(verdict, record, sources, f"stated {s.stated()}; the record has {rule.notice_months} months")


def _membership_finding(s: Statement, measure: str, facts: Facts, seed: str) -> Finding:
    """A stated count against the treaty's recorded membership of one measure."""
    counts = [m for m in facts.treaty.membership if m.measure == measure]
    usable = [m for m in counts if independent(m.sources, seed)]
    if not usable:
        why = "the record's only source for this is the same article" if counts else f"no count of {measure} in the record"
        return Finding("unverified", None, (), why)
    m = usable[0]
    lo, hi = (float(m.count + 1), math.inf) if m.qualifier == "more than" else (float(m.count), float(m.count))
    as_of = f" (as of {m.as_of})" if m.as_of else ""
    record = f"{m.qualifier} {m.count} {m.measure}{as_of}".removeprefix("exactly ")
    verdict = figure_fit(float(s.value), s.qualifier, lo, hi)  # type: ignore[arg-type]
    return Finding(verdict, record, citations(independent(m.sources, seed)), f"stated {s.stated()}; the record has {record}")


# ---------------------------------------------------------------- summaries


def counts_by_seed(checked: Iterable[CheckedClaim]) -> dict[str, dict[Verdict, int]]:
    """For each seed (in order of first appearance), the number of checked claims per verdict."""
    counts: dict[str, dict[Verdict, int]] = {}
    for c in checked:
        counts.setdefault(c.seed, {v: 0 for v in VERDICTS})[c.verdict] += 1
    return counts


def subject_key(subject: str) -> str:
    """The key a map popup looks up: an ISO3 code, a border pair in canonical order ('FIN-RUS'), or the subject as is."""
    return pair_name(*subject.split("-")) if _is_pair(subject) else subject


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


@functools.lru_cache(maxsize=64)
def seed_headline(seed: str, seeds_dir: Path = SEEDS_DIR) -> str:
    """A seed article's headline: its first line that reads like one (not a menu item); '' if the file is missing."""
    path = seeds_dir / seed
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()] if path.is_file() else []
    return next((line for line in lines if len(line) > 30 and not line.startswith("- ")), "")


def resolve_seed(ledger: Ledger, value: str) -> str:
    """The ledger's seed file named by `value` (its file name, a path ending in it, or a unique prefix)."""
    name = Path(value).name
    seeds = ledger.seeds()
    if name in seeds:
        return name
    matches = [s for s in seeds if name and s.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    raise AtlasError(None, "--seed", value, f"no {'single ' if matches else ''}seed in the ledger matches; use one of {', '.join(seeds)}")
