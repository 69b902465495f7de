"""The schema of the claims ledger (data/claims.yaml): each claim of a seed article, in normalised form.

Each ledger entry quotes a seed verbatim and states the claim in normalised form (subject, attribute,
a value with its unit or a date). An entry with a `check` says which fact of data/facts.yaml the
claim maps onto, and its verdict is computed (geo.claims.verdicts); an entry without one carries a
verdict entered by hand, with a reason. An entry with several subjects is checked once per subject.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import BeforeValidator, Discriminator, Field, model_validator

from geo.facts.codes import ISO3_CODES
from geo.facts.schema import ISO3, EventKind, Model, PairKey, PartialDate, Text

Verdict = Literal["consistent", "contradicted", "imprecise", "unverified"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
DateQualifier = Literal["in", "by"]
FigureQualifier = Literal["exactly", "about", "more than", "at least", "less than", "at most"]
MilestoneKind = Literal["opened_for_signature", "entry_into_force"]
SubjectKind = Literal["country", "treaty", "border"]  # what the subjects of a check must be
ValueKind = Literal["date_or_yes_no", "date", "length", "months", "count", "true"]  # what its value must be
KM_PER_UNIT = {"km": 1.0, "mi": 1.609344}


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


class _Check(Model):
    """A check of a claim against the record; SUBJECTS and VALUE say what the claim must give for it."""

    SUBJECTS: ClassVar[SubjectKind | None] = None
    VALUE: ClassVar[ValueKind]

    def subject_kind(self) -> SubjectKind | None:
        """What the claim's subjects must be (None: anything)."""
        return self.SUBJECTS


class EventCheck(_Check):
    """Compare with a country's treaty events of these kinds (the subject is an ISO3 code)."""

    SUBJECTS = "country"
    VALUE = "date_or_yes_no"
    kind: Literal["treaty_event"]
    events: Annotated[list[EventKind], Field(min_length=1)]
    near: list[EventKind] = []


class MilestoneCheck(_Check):
    """Compare with the treaty's own milestones (the subject is 'treaty')."""

    SUBJECTS = "treaty"
    VALUE = "date"
    kind: Literal["treaty_milestone"]
    milestones: Annotated[list[MilestoneKind], Field(min_length=1)]
    near: list[MilestoneKind] = []


class BorderLengthCheck(_Check):
    """Compare a length with a border's official figures (or the sum over several borders)."""

    VALUE = "length"
    kind: Literal["border_length"]
    pairs: list[PairKey] = []

    def subject_kind(self) -> SubjectKind | None:
        """A border, unless the check names the borders itself."""
        return None if self.pairs else "border"


class LongestBorderCheck(_Check):
    """Is the subject's border longer than each of these, by every official figure?"""

    SUBJECTS = "border"
    VALUE = "true"
    kind: Literal["longest_border"]
    among: Annotated[list[PairKey], Field(min_length=1)]


class SharesBorderCheck(_Check):
    """Does the subject country share a border with one of these countries?"""

    SUBJECTS = "country"
    VALUE = "true"
    kind: Literal["shares_border"]
    neighbours: Annotated[list[ISO3], Field(min_length=1)]


class NatoCheck(_Check):
    """Is the subject country a NATO member (by the claim's date, if it names one)?"""

    SUBJECTS = "country"
    VALUE = "true"
    kind: Literal["nato_member"]


class NoticeCheck(_Check):
    """Compare a number of months with the treaty's withdrawal notice period."""

    SUBJECTS = "treaty"
    VALUE = "months"
    kind: Literal["withdrawal_notice"]


class MembershipCheck(_Check):
    """Compare a count with the treaty's recorded membership of this measure."""

    SUBJECTS = "treaty"
    VALUE = "count"
    kind: Literal["membership"]
    measure: Text


Check = Annotated[
    EventCheck
    | MilestoneCheck
    | BorderLengthCheck
    | LongestBorderCheck
    | SharesBorderCheck
    | NatoCheck
    | NoticeCheck
    | MembershipCheck,
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
    # why this entry's verdict differs from another entry's of the same statement (same subject, attribute, value)
    differs: Text | None = None
    searched: Text | None = None  # an unverified claim: what was searched for it, where and when

    @model_validator(mode="after")
    def _check_or_verdict(self) -> LedgerClaim:
        """A claim has a check (computed verdict) or a hand verdict with a reason, not both."""
        if (self.check is None) == (self.verdict is None):
            raise ValueError("give either a check (computed verdict) or a verdict with a reason, not both")
        if self.check is not None and (self.reason or self.record or self.fact):
            raise ValueError(
                "reason, record and fact belong to a hand verdict; a checked claim gets them from the facts"
            )
        if self.verdict is not None and not self.reason:
            raise ValueError("a hand verdict needs a reason")
        if self.verdict == "unverified" and not self.searched:
            raise ValueError("an unverified claim says what was searched for it, where and when (searched)")
        if self.verdict not in (None, "unverified") and not (self.record and self.fact):
            raise ValueError(
                f"a hand verdict '{self.verdict}' needs the record value (record) "
                "and the facts.yaml entry it rests on (fact)"
            )
        return self


class Ledger(Model):
    """Everything in data/claims.yaml."""

    claims: Annotated[list[LedgerClaim], Field(min_length=1)]

    def seeds(self) -> list[str]:
        """The seed files the ledger covers, in order of first appearance."""
        return list(dict.fromkeys(c.seed for c in self.claims))


def is_pair(value: str) -> bool:
    """Whether the text names a border: two different ISO3 codes joined by '-'."""
    a, _, b = value.partition("-")
    return a in ISO3_CODES and b in ISO3_CODES and a != b


def is_number(value: object) -> bool:
    """Whether the value is a number (not a yes/no)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
