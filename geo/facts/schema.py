"""The schema of data/facts.yaml: every fact the atlas shows, each with its sources (pydantic models)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    model_validator,
)

from geo.dates import period
from geo.errors import AtlasError, short_repr
from geo.facts.codes import ISO3_CODES
from geo.pairs import canonical
from geo.settings import MAX_BORDER_KM, NATO_FOUNDED

# The steps of a country's relation to the treaty, in the order they happen.
EventKind = Literal[
    "signed", "ratified", "acceded", "in_force", "withdrawal_deposited", "withdrawal_effective", "suspension_declared"
]
EVENT_LABELS: dict[EventKind, str] = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded": "acceded",
    "in_force": "in force",
    "withdrawal_deposited": "withdrawal deposited",
    "withdrawal_effective": "withdrawal effective",
    "suspension_declared": "suspension declared",
}
# the steps that must come before each step (one of them, on an earlier or the same day)
EVENT_PREREQUISITES: dict[EventKind, tuple[EventKind, ...]] = {
    "ratified": ("signed",),
    "acceded": ("signed",),
    "in_force": ("ratified", "acceded"),
    "withdrawal_deposited": ("in_force",),
    "suspension_declared": ("in_force",),
    "withdrawal_effective": ("withdrawal_deposited",),
}
PlanKind = Literal[
    "mine_production", "mine_procurement", "fortification_line", "fence", "spending", "counter_mobility", "policy",
    "border_closure",
]  # fmt: skip
# the dated events of a plan, from which its stage on any date follows (geo.plans): construction_started is the start
# of building; under_construction only that a source saw it being built by then (not its start); target_complete is a
# goal, not an event
PlanEventKind = Literal[
    "reported", "announced", "stated", "proposed", "agreed", "approved", "construction_started",
    "under_construction", "completed", "cancelled", "closed", "reopened", "target_complete",
]  # fmt: skip
# the kinds of plan or part whose stages are a measure in force ("closed") or lifted ("reopened"), not a building
CLOSURE_KINDS = ("border_closure", "closed_crossing")
# what a located part of a plan is (geo.parts)
PartKind = Literal[
    "fence", "bunkers", "anti_tank_obstacles", "fortification_belt", "minefield", "mine_production",
    "closed_crossing", "surveillance", "depot",
]  # fmt: skip
# how far a part's account can be trusted: a government's own statement, a media report, or a claim
Confidence = Literal["official statement", "media report", "claim"]

_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_PAIR = re.compile(r"[A-Z]{3}-[A-Z]{3}")


def _iso3(value: str) -> str:
    """Accept only an assigned ISO 3166-1 alpha-3 code."""
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError("not an ISO 3166-1 alpha-3 code (three capital letters)")
    if value not in ISO3_CODES:
        raise ValueError("unknown ISO 3166-1 alpha-3 code")
    return value


def _pair(value: str) -> str:
    """Accept a border key 'AAA-BBB' of two different known codes."""
    if not _PAIR.fullmatch(value):
        raise ValueError("border key must look like 'FIN-RUS'")
    a, b = value.split("-")
    _iso3(a), _iso3(b)
    if a == b:
        raise ValueError("a border needs two different countries")
    return value


def _partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or a real YYYY-MM-DD date."""
    if not _PARTIAL_DATE.fullmatch(value):
        raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        dt.date.fromisoformat(value)
    return value


def _date_to_text(value: Any) -> Any:
    """Let YAML dates and years stand for partial-date strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _as_list(value: Any) -> Any:
    """Let one code or null stand for a list of codes."""
    return [] if value is None else [value] if isinstance(value, str) else value


def _distinct(items: list[Any]) -> list[Any]:
    """Accept a list only if no item repeats (a repeated code, border or source says nothing new)."""
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            raise ValueError(f"{short_repr(item)} is listed twice")
        seen.add(item)
    return items


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# a length along a border, in km: positive, and no longer than any border (settings.MAX_BORDER_KM)
Km = Annotated[float, Field(gt=0, le=MAX_BORDER_KM)]
ISO3 = Annotated[str, AfterValidator(_iso3)]
PairKey = Annotated[str, AfterValidator(_pair)]
PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_partial_date)]
Codes = Annotated[list[ISO3], BeforeValidator(_as_list), AfterValidator(_distinct)]
PairKeys = Annotated[list[PairKey], AfterValidator(_distinct)]


class Model(BaseModel):
    """Base: unknown fields are errors and loaded facts are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class SeedQuote(Model):
    """A verbatim quote from a file in seeds/."""

    seed: Text
    quote: Text


Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
# how far a source can be trusted: the body that decides (a treaty depositary, a government, a parliament), a body
# that tracks it (Landmine Monitor, ICBL, ICRC), a news report, or a reference work (an encyclopedia, a factbook)
Grade = Literal["primary", "authoritative", "media", "reference"]
SEED_GRADE: Grade = "media"


class Publication(Model):
    """A published source: publisher and the page's own title, with its date, address and when it was read."""

    publisher: Text
    title: Text
    date: PartialDate | None = None
    url: Url | None = None
    accessed: dt.date | None = None
    grade: Grade
    # "address" where the stored page does not show its headline and the title is its address's words
    title_from: Literal["page", "address"] = "page"


class SeedArticle(Model):
    """Where a seed article (a file in seeds/) was published, as far as the article shows it."""

    publisher: Text
    title: Text
    date: PartialDate | None = None
    url: Url | None = None
    accessed: dt.date | None = None
    grade: Literal["media"]  # a seed article is a news article (its quotes are cited with this grade: SEED_GRADE)


def _source_tag(value: Any) -> str | None:
    """Pick the source model: a mapping with 'seed' is a seed quote."""
    if isinstance(value, SeedQuote) or (isinstance(value, dict) and "seed" in value):
        return "SeedQuote"
    if isinstance(value, (Publication, dict)):
        return "Publication"
    return None


Source = Annotated[
    Annotated[SeedQuote, Tag("SeedQuote")] | Annotated[Publication, Tag("Publication")],
    Discriminator(
        _source_tag, custom_error_type="source", custom_error_message="a source must be a mapping or a source id"
    ),
]
Sources = Annotated[list[Source], Field(min_length=1), AfterValidator(_distinct)]


class AlternativeDate(Model):
    """Another date that a source gives for the same event."""

    date: dt.date
    sources: Sources


class Response(Model):
    """What others said of a treaty step, and when (as precisely as the source says): the States Parties, say."""

    date: PartialDate
    by: Text
    text: Text
    sources: Sources


class TreatyEvent(Model):
    """One step of a country's relation to the treaty."""

    id: Text | None = None
    kind: EventKind
    date: dt.date
    sources: Sources
    note: str | None = None
    alternative_dates: list[AlternativeDate] = []
    response: Response | None = None


class Country(Model):
    """A country on the map; treaty_events is None where they are not recorded."""

    iso3: ISO3
    name: Text
    focus: bool = False
    nato_member_since: Annotated[dt.date, AfterValidator(_after_nato_founded)] | None = None
    note: str | None = None
    sources: Sources
    treaty_events: list[TreatyEvent] | None

    def event(self, kind: EventKind) -> TreatyEvent | None:
        """The country's event of this kind, if any."""
        return next((e for e in self.treaty_events or [] if e.kind == kind), None)


def _half_last_digit(km: float) -> float:
    """Half a unit of the last digit a figure is written with: 0.5 for 380, 0.05 for 241.8."""
    text = repr(float(km)).removesuffix(".0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 / 10.0**decimals


SectionKind = Literal["land", "water", "lagoon", "sea", "land_and_inland_water"]


class OfficialFigure(Model):
    """A stated length in km, what it covers, and its parts where the source splits it."""

    km: Km
    covers: Text
    sources: Sources
    parts: dict[Text, Km] | None = None
    # what each part measures, where the source says: on land, along water (rivers and lakes), a lagoon, the sea, or
    # land and inland water together; a split into land and water is shown as the source states it
    part_kinds: dict[Text, SectionKind] = {}
    # water sections the figure counts beyond land and inland water, so it is compared like with like
    includes: list[Literal["lagoon", "sea"]] = []

    @model_validator(mode="after")
    def _parts_fit(self) -> OfficialFigure:
        """Parts cannot add up to more than the total (beyond the rounding of the parts as the source writes them: half
        a unit of each part's last digit); a part's kind names one of its parts.
        """
        if self.parts and sum(self.parts.values()) > self.km + max(
            0.05, sum(map(_half_last_digit, self.parts.values()))
        ):
            raise ValueError(f"parts add up to {sum(self.parts.values()):g} km, more than the total {self.km:g} km")
        unknown = sorted(set(self.part_kinds) - set(self.parts or {}))
        if unknown:
            raise ValueError(f"part_kinds names {unknown[0]!r}, which is not one of its parts")
        return self


class Amount(Model):
    """A sum of money (value_max for a range)."""

    value: Annotated[float, Field(ge=0)]
    value_max: float | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    as_of: PartialDate | None = None  # when the source stated it
    note: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Amount:
        """value_max is not below value."""
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        return self


def _after_nato_founded(day: dt.date) -> dt.date:
    """A day a country joined NATO: not before the North Atlantic Treaty was signed."""
    if day < dt.date.fromisoformat(NATO_FOUNDED):
        raise ValueError(f"before NATO was founded ({NATO_FOUNDED})")
    return day


class Quantity(Model):
    """A counted or measured figure with its unit (value_max for a range); a length in km no longer than any border."""

    value: Annotated[float, Field(ge=0)]
    value_max: float | None = None
    unit: Text
    as_of: PartialDate | None = None  # when the source stated it
    note: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Quantity:
        """value_max is not below value."""
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        if self.unit == "km" and max(self.value, self.value_max or 0) > MAX_BORDER_KM:
            raise ValueError(f"longer than any border ({MAX_BORDER_KM:,.0f} km)")
        return self


class Place(Model):
    """A named place that locates plan parts: a GeoNames id in the pinned gazetteer, coordinates a source gives,
    quoted, or the tripoint of three countries (where two of their borders meet, found in the border lines).
    """

    id: Text
    name: Text
    country: ISO3
    geonames: Annotated[int, Field(gt=0)] | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    quote: Text | None = None  # the coordinates as the source writes them
    what: Text | None = None  # what the coordinates mark (the border crossing point, the village)
    tripoint: Annotated[list[ISO3], Field(min_length=3, max_length=3)] | None = None  # the country first, then two
    sources: list[Source] = []

    @model_validator(mode="after")
    def _one_origin(self) -> Place:
        """From the gazetteer, from a source's coordinates with the quote and the source, or a tripoint."""
        quoted = (self.lat, self.lon, self.quote)
        origins = [self.geonames is not None, any(v is not None for v in quoted), self.tripoint is not None]
        if sum(origins) > 1:
            raise ValueError("a place is one of: a GeoNames id, quoted coordinates with sources, a tripoint")
        if self.geonames is not None or self.tripoint is not None:
            if self.sources:
                raise ValueError("a GeoNames place or a tripoint takes no sources (the data locate it)")
            if self.tripoint is not None and (self.tripoint[0] != self.country or len(set(self.tripoint)) != 3):
                raise ValueError("a tripoint names three different countries, the place's own country first")
        elif any(v is None for v in quoted) or not self.sources:
            raise ValueError("a place needs a GeoNames id (geonames), lat, lon, quote and sources, or a tripoint")
        return self


class Along(Model):
    """A stretch of a border given by a stated length measured along it from a named point at one of its ends (a
    tripoint, say): what the stretch is by its sources' words, and those sources.
    """

    start: Text  # place id
    km: Km
    what: Text
    sources: Sources


class StageEvent(Model):
    """One dated stage a plan or part reached (announced, approved, construction started, completed...), with its own
    sources: the date as precisely as they give it.
    """

    kind: PlanEventKind
    date: PartialDate
    sources: Sources
    note: str | None = None


_BUILT = ("under_construction", "completed")  # stages that need a start of construction (or start: unknown)
_STARTS = ("construction_started", "under_construction", "closed")
_ENDS = ("completed", "cancelled", "reopened")


def chronology_problem(kind: str, events: list[StageEvent], start: str | None, start_reason: str | None) -> str | None:
    """What is wrong with a plan's or part's chronology, or None: no dated event; the same event twice; a building
    under construction or complete without its start of construction (or an explicit start: unknown and why); an end
    (completion, cancellation, reopening) before its start.
    """
    kinds = [e.kind for e in events]
    if not set(kinds) - {"target_complete"}:
        return "needs a dated event (events: reported, announced, approved, construction_started...)"
    seen: set[tuple[str, str]] = set()
    for e in events:
        if (e.kind, e.date) in seen:
            return f"the event '{e.kind}' of {e.date} is listed twice"
        seen.add((e.kind, e.date))
    if kinds.count("target_complete") > 1:
        return "more than one 'target_complete' event"
    if (start is None) != (start_reason is None):
        return "'start: unknown' and 'start_reason' go together (why the start of construction is not known)"
    built = kind not in CLOSURE_KINDS and any(k in _BUILT for k in kinds)
    if start is not None:
        if "construction_started" in kinds:
            return "'start: unknown' beside a 'construction_started' event: drop one"
        if not built:
            return "'start: unknown' is for a building under construction or complete"
    elif built and "construction_started" not in kinds:
        stage = "completed" if "completed" in kinds else "under_construction"
        return (
            f"'{stage}' without a 'construction_started' event: add the start with its source, "
            "or say 'start: unknown' and why (start_reason)"
        )
    starts = [e.date for e in events if e.kind in _STARTS]
    for e in events:
        if e.kind in _ENDS and starts and period(e.date)[1] < min(period(s)[0] for s in starts):
            return f"'{e.kind}' on {e.date} is before its start ({min(starts, key=lambda s: period(s)[0])})"
    return None


Chronology = Annotated[list[StageEvent], Field(min_length=1)]


class PlanPart(Model):
    """One located part of a plan: what it is, where (a stretch of a border between or around named places, or a
    place on it), its dated events, figures, confidence and sources.
    """

    id: Text
    kind: PartKind
    title: Text
    border: PairKey
    between: Annotated[list[Text], Field(min_length=2, max_length=2)] | None = None  # place ids
    around: Text | None = None  # place id: the stated km centred on the border point nearest it
    at: Text | None = None  # place id: the border point nearest it
    along: Along | None = None  # within a stated length along the border from a place at one of its ends
    amounts: list[Amount] = []
    quantities: list[Quantity] = []
    events: Chronology
    start: Literal["unknown"] | None = None  # the start of construction is not known (start_reason says why)
    start_reason: Text | None = None
    confidence: Confidence
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _located_and_dated(self) -> PlanPart:
        """At most one way of locating it; 'around' needs a stated length in km; its chronology holds."""
        ways = [w for w in ("between", "around", "at", "along") if getattr(self, w) is not None]
        if len(ways) > 1:
            raise ValueError(f"a part is located one way, not by {' and '.join(ways)}")
        if self.around is not None and self.stated_km is None:
            raise ValueError("'around' needs the part's stated length (a quantity in km)")
        problem = chronology_problem(self.kind, self.events, self.start, self.start_reason)
        if problem:
            raise ValueError(f"a part's events: {problem}")
        return self

    @property
    def places(self) -> list[str]:
        """The ids of the places that locate it."""
        start = self.along.start if self.along is not None else None
        return self.between or [p for p in (self.around, self.at, start) if p is not None]

    @property
    def stated_km(self) -> float | None:
        """The length its sources give, in km (the first such quantity)."""
        return next((q.value for q in self.quantities if q.unit == "km"), None)


class Plan(Model):
    """A stated deterrence plan of one or more countries (or an organisation)."""

    id: Text
    country: Codes = []
    organisation: Text | None = None
    title: Text
    kind: PlanKind
    amounts: list[Amount] = []
    quantities: list[Quantity] = []
    events: Chronology
    start: Literal["unknown"] | None = None  # the start of construction is not known (start_reason says why)
    start_reason: Text | None = None
    period: Text | None = None
    note: str | None = None
    borders: PairKeys = []  # borders the plan names without saying where along them: drawn as not located
    parts: list[PlanPart] = []  # what the sources locate: stretches of a border, or places on it
    confidence: Text
    sources: Sources

    @model_validator(mode="after")
    def _owner_and_first_event(self) -> Plan:
        """A plan belongs to a country or an organisation, and its chronology holds (geo.facts.schema)."""
        if not self.country and not self.organisation:
            raise ValueError("a plan needs a country or an organisation")
        problem = chronology_problem(self.kind, self.events, self.start, self.start_reason)
        if problem:
            raise ValueError(f"a plan's events: {problem}")
        return self


class Position(Model):
    """A stated position; text is verbatim from the seed where a seed is cited."""

    id: Text
    country: Codes = []
    organisation: Text | None = None
    speaker: Text
    role: Text
    date: dt.date | None = None
    form: Literal["quote", "paraphrase"] = "quote"
    text: Text
    note: str | None = None
    sources: Sources


class Claim(Model):
    """A stated fact from a source that is not a plan, with any doubt about it."""

    id: Text
    country: Codes = []
    text: Text
    date: dt.date | None = None
    quantities: list[Quantity] = []
    doubt: str | None = None
    sources: Sources


class Milestone(Model):
    """A date in the life of the treaty itself."""

    id: Text
    kind: Literal["opened_for_signature", "entry_into_force"]
    date: dt.date
    note: str | None = None
    sources: Sources


class WithdrawalRule(Model):
    """How withdrawal works (Article 20)."""

    article: Text
    notice_months: Annotated[int, Field(gt=0)]
    text: Text
    sources: Sources


class Membership(Model):
    """A stated count of parties or signatories."""

    id: Text
    count: Annotated[int, Field(gt=0)]
    qualifier: Literal["exactly", "more than", "about"]
    measure: Text
    as_of: PartialDate | None = None
    sources: Sources


class Treaty(Model):
    """The Ottawa Convention."""

    name: Text
    also_known_as: list[Text] = []
    name_sources: Sources
    milestones: list[Milestone]
    withdrawal_rule: WithdrawalRule
    membership: list[Membership] = []


# what a published width or length of the Suwałki Gap measures, where its source says so (geo.corridor computes each)
GapMeasure = Literal["border_length", "tripoint_line", "not_stated"]


class GapFigure(Model):
    """A published width or length of the Suwałki Gap: in km (converted where the source gives miles, which `stated`
    keeps), the source's own words for it (`covers`), and what it measures by the source's words, or not_stated.
    """

    km: Km
    stated: Text | None = None
    measures: GapMeasure
    covers: Text
    sources: Sources


class Suwalki(Model):
    """The Suwałki Gap: published widths and lengths, and the border along it."""

    border_pair: PairKey
    description: Text
    description_sources: Sources
    widths: Annotated[list[GapFigure], Field(min_length=1)]


class Reach(Model):
    """How far the record reaches: the day its facts were last verified against their sources (later events are not
    in it; the latest event it holds is derived, geo.reach).
    """

    verified: dt.date


class Facts(Model):
    """Everything in data/facts.yaml, with source ids resolved to Publication objects."""

    _path: str | None = PrivateAttr(default=None)  # the file it was read from (set by load_facts)
    _uncited: list[str] = PrivateAttr(default_factory=list)  # ids in `sources` no fact cites (set by load_facts)

    @property
    def uncited(self) -> list[str]:
        """The ids of the sources map that no fact cites (found by load_facts)."""
        return self._uncited

    @property
    def path(self) -> str | None:
        """The file the facts were read from, for error lines (None when built in memory)."""
        return self._path

    record: Reach
    sources: dict[Text, Source] = {}
    seeds: dict[Text, SeedArticle] = {}  # seed file name -> where the article was published
    treaty: Treaty
    countries: Annotated[list[Country], Field(min_length=1)]
    borders: dict[PairKey, Annotated[list[OfficialFigure], Field(min_length=1)]]
    places: list[Place] = []
    plans: list[Plan] = []
    positions: list[Position] = []
    claims: list[Claim] = []
    suwalki: Suwalki | None = None

    def find_country(self, iso3: str) -> Country | None:
        """The country with this ISO3 code, None if it is not in the facts."""
        return next((c for c in self.countries if c.iso3 == iso3), None)

    def country(self, iso3: str) -> Country:
        """The country with this ISO3 code (AtlasError if it is not in the facts)."""
        found = self.find_country(iso3)
        if found is None:
            raise AtlasError(None, "iso3", iso3, "no such country in the facts")
        return found

    def official_figures(self, pair: str) -> list[OfficialFigure]:
        """The figures for a border, given as 'FIN-RUS' or 'RUS-FIN' (AtlasError if unknown)."""
        wanted = canonical(pair)
        for key, figures in self.borders.items():
            if canonical(key) == wanted:
                return figures
        raise AtlasError(None, "borders", pair, "no official figures for this border")
