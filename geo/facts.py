"""The facts layer: schema and loader for data/facts.yaml (every fact with its source)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationError,
    model_validator,
)

from geo.errors import AtlasError
from geo.paths import FACTS_PATH, SEEDS_DIR

MAX_BYTES = 5 * 1024 * 1024

# ISO 3166-1 alpha-3: every officially assigned code.
ISO3_CODES = frozenset(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
    BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
    COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
    FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
    HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
    KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
    MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
    NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
    SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
    TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
    VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
    """.split()
)

EventKind = Literal[
    "signed", "ratified", "acceded", "in_force", "withdrawal_deposited", "withdrawal_effective", "suspension_declared"
]
PlanKind = Literal["mine_production", "mine_procurement", "fortification_line", "fence", "spending", "counter_mobility", "policy"]
PlanStatus = Literal["announced", "proposed", "agreed", "approved", "under_construction", "complete", "stated", "reported"]
PlanDateKey = Literal["announced", "proposed", "agreed", "approved", "stated", "reported", "target_complete"]

_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_PAIR = re.compile(r"[A-Z]{3}-[A-Z]{3}")
_UNION_TAGS = {"SeedQuote", "Publication"}


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


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ISO3 = Annotated[str, AfterValidator(_iso3)]
PairKey = Annotated[str, AfterValidator(_pair)]
PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_partial_date)]
Codes = Annotated[list[ISO3], BeforeValidator(_as_list)]


class Model(BaseModel):
    """Base: unknown fields are errors and loaded facts are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class SeedQuote(Model):
    """A verbatim quote from a file in seeds/."""

    seed: Text
    quote: Text


class Publication(Model):
    """A published source: publisher and title, with date and address where known."""

    publisher: Text
    title: Text
    date: PartialDate | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


def _source_tag(value: Any) -> str | None:
    """Pick the source model: a mapping with 'seed' is a seed quote."""
    if isinstance(value, SeedQuote) or (isinstance(value, dict) and "seed" in value):
        return "SeedQuote"
    if isinstance(value, Publication) or isinstance(value, dict):
        return "Publication"
    return None


Source = Annotated[
    Union[Annotated[SeedQuote, Tag("SeedQuote")], Annotated[Publication, Tag("Publication")]],
    Discriminator(_source_tag, custom_error_type="source", custom_error_message="a source must be a mapping or a source id"),
]
Sources = Annotated[list[Source], Field(min_length=1)]


class AlternativeDate(Model):
    """Another date that a source gives for the same event."""

    date: dt.date
    sources: Sources


class TreatyEvent(Model):
    """One step of a country's relation to the treaty."""

    id: Text | None = None
    kind: EventKind
    date: dt.date
    sources: Sources
    note: str | None = None
    alternative_dates: list[AlternativeDate] = []


class Country(Model):
    """A country on the map; treaty_events is None where they are not recorded."""

    iso3: ISO3
    name: Text
    focus: bool = False
    nato_member_since: dt.date | None = None
    note: str | None = None
    sources: Sources
    treaty_events: list[TreatyEvent] | None

    def event(self, kind: EventKind) -> TreatyEvent | None:
        """The country's event of this kind, if any."""
        return next((e for e in self.treaty_events or [] if e.kind == kind), None)


class OfficialFigure(Model):
    """A stated length in km, what it covers, and its parts where the source splits it."""

    km: Annotated[float, Field(gt=0)]
    covers: Text
    sources: Sources
    parts: dict[Text, Annotated[float, Field(gt=0)]] | None = None
    # water sections the figure counts beyond land and inland water, so it is compared like with like
    includes: list[Literal["lagoon", "sea"]] = []

    @model_validator(mode="after")
    def _parts_fit(self) -> OfficialFigure:
        """Parts cannot add up to more than the total."""
        if self.parts and sum(self.parts.values()) > self.km + 0.05:
            raise ValueError(f"parts add up to {sum(self.parts.values()):g} km, more than the total {self.km:g} km")
        return self


class Amount(Model):
    """A sum of money (value_max for a range)."""

    value: Annotated[float, Field(ge=0)]
    value_max: float | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    note: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Amount:
        """value_max is not below value."""
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        return self


class Quantity(Model):
    """A counted or measured figure with its unit (value_max for a range)."""

    value: Annotated[float, Field(ge=0)]
    value_max: float | None = None
    unit: Text
    note: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Quantity:
        """value_max is not below value."""
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        return self


class Plan(Model):
    """A stated deterrence plan of one or more countries (or an organisation)."""

    id: Text
    country: Codes = []
    organisation: Text | None = None
    title: Text
    kind: PlanKind
    amounts: list[Amount] = []
    quantities: list[Quantity] = []
    dates: dict[PlanDateKey, PartialDate] = {}
    period: Text | None = None
    status: PlanStatus
    note: str | None = None
    borders: list[PairKey] = []
    confidence: Text
    sources: Sources

    @model_validator(mode="after")
    def _owner(self) -> Plan:
        """A plan belongs to a country or an organisation."""
        if not self.country and not self.organisation:
            raise ValueError("a plan needs a country or an organisation")
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


class Suwalki(Model):
    """The Suwałki Gap: stated widths and the border along it."""

    border_pair: PairKey
    description: Text
    description_sources: Sources
    widths: Annotated[list[OfficialFigure], Field(min_length=1)]


class Facts(Model):
    """Everything in data/facts.yaml, with source ids resolved to Publication objects."""

    sources: dict[Text, Source] = {}
    treaty: Treaty
    countries: Annotated[list[Country], Field(min_length=1)]
    borders: dict[PairKey, Annotated[list[OfficialFigure], Field(min_length=1)]]
    plans: list[Plan] = []
    positions: list[Position] = []
    claims: list[Claim] = []
    suwalki: Suwalki | None = None

    def country(self, iso3: str) -> Country:
        """The country with this ISO3 code (AtlasError if it is not in the facts)."""
        for c in self.countries:
            if c.iso3 == iso3:
                return c
        raise AtlasError(None, "iso3", iso3, "no such country in the facts")

    def official_figures(self, pair: str) -> list[OfficialFigure]:
        """The figures for a border, given as 'FIN-RUS' or 'RUS-FIN' (AtlasError if unknown)."""
        a, _, b = pair.partition("-")
        for key in (pair, f"{b}-{a}"):
            if key in self.borders:
                return self.borders[key]
        raise AtlasError(None, "borders", pair, "no official figures for this border")

    def seed_quotes(self) -> list[tuple[str, SeedQuote]]:
        """Every seed quote in the facts, with its dotted field path."""
        return [(p, o) for p, o in walk(self) if isinstance(o, SeedQuote)]


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every model, list item and mapping value under obj, with its dotted path."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from walk(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from walk(item, f"{path}.{key}" if path else str(key))


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


_MAX_DEPTH = 50  # levels of nesting, aliases expanded
_MAX_VALUES = 1_000_000  # values, aliases expanded (a few aliases can otherwise stand for billions)


class _Loader(yaml.SafeLoader):
    """safe_load that refuses duplicate or unhashable keys, alias cycles and bombs, and deep nesting.

    Every failure is a YAMLError with the place in the file.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (values, levels) with aliases expanded

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose a node, checking its nesting and its size with aliases expanded."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None and id(target) not in self._shape:
                raise yaml.composer.ComposerError(None, None, f"alias *{event.anchor} is inside the node it refers to", event.start_mark)
            return super().compose_node(parent, index)
        if self._depth >= _MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested more than {_MAX_DEPTH} levels deep", event.start_mark)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        children = node.value if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        shapes = [self._shape[id(c)] for c in children]
        values, levels = 1 + sum(v for v, _ in shapes), 1 + max((d for _, d in shapes), default=0)
        if values > _MAX_VALUES or levels > _MAX_DEPTH:
            problem = f"with its aliases expanded this is more than {_MAX_VALUES:,} values or {_MAX_DEPTH} levels deep"
            raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
        self._shape[id(node)] = (values, levels)
        return node

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct a value; a bad explicitly tagged scalar (!!int abc) becomes a YAMLError at its place."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as e:
            problem = f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]} ({type(e).__name__}: {e})"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date, or its text when it is not a real date (2025-02-30), for the schema to reject by field."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping, failing on a repeated or unhashable key."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                problem = f"a mapping key must be a plain value, not a {type(key).__name__}"
                raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_facts(path: Path | str | None = None, seeds_dir: Path | None = None) -> Facts:
    """Load, validate and source-check facts.yaml; any problem raises a one-line AtlasError."""
    path = Path(path) if path is not None else FACTS_PATH
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else SEEDS_DIR
    data = read_yaml(path)
    try:
        data = _resolve_source_ids(data)
        facts = Facts.model_validate(data)
    except _Problem as p:
        raise AtlasError(path, p.field, p.value, p.problem) from None
    except ValidationError as exc:
        raise validation_error(path, exc) from None
    for field, value, problem in problems(facts, seeds_dir):
        raise AtlasError(path, field, value, problem)
    return facts


class _Problem(Exception):
    """A problem found before validation, located by field path."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        super().__init__(problem)
        self.field, self.value, self.problem = field, value, problem


def read_yaml(path: Path) -> dict[str, Any]:
    """Read the file as UTF-8 YAML and return its top-level mapping."""
    if not path.is_file():
        raise AtlasError(path, "(file)", str(path), "file not found")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise AtlasError(path, "(file size)", size, f"file is larger than the {MAX_BYTES // 2**20} MB limit; refusing to parse it")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise AtlasError(path, f"byte {e.start}", raw[e.start : e.end], "file is not valid UTF-8") from None
    if not text.strip():
        raise AtlasError(path, "(top level)", text, "file is empty; expected a YAML mapping")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        if isinstance(e, yaml.reader.ReaderError):  # a forbidden character: locate it like the other errors
            mark = yaml.Mark(e.name, e.position, text.count("\n", 0, e.position), e.position - text.rfind("\n", 0, e.position) - 1, None, None)
            e.problem = f"character #x{e.character:04x} is not allowed ({e.reason})" if isinstance(e.character, int) else e.reason
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(yaml)"
        line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        problem = " ".join(str(x) for x in (getattr(e, "context", None), getattr(e, "problem", None)) if x) or str(e)
        raise AtlasError(path, where, line.strip(), f"invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise AtlasError(path, "(top level)", data, f"expected a mapping of sections, got {type(data).__name__}")
    return data


def _resolve_source_ids(data: dict[str, Any]) -> dict[str, Any]:
    """Replace source ids (strings in any 'sources' list) by the entries of the top-level sources map."""
    table = data.get("sources") or {}
    if not isinstance(table, dict):
        raise _Problem("sources", table, "must be a mapping of source id to source")

    def fix(obj: Any, path: str) -> Any:
        if isinstance(obj, dict):
            return {k: fix(v, f"{path}.{k}" if path else str(k)) if k != "sources" or path else v for k, v in obj.items()}
        if isinstance(obj, list):
            if path.endswith("sources"):
                return [lookup(item, f"{path}[{i}]") for i, item in enumerate(obj)]
            return [fix(item, f"{path}[{i}]") for i, item in enumerate(obj)]
        return obj

    def lookup(item: Any, path: str) -> Any:
        if not isinstance(item, str):
            return item
        if item not in table:
            raise _Problem(path, item, "unknown source id (not in the top-level sources map)")
        if isinstance(table[item], str):
            raise _Problem(f"sources.{item}", table[item], "a source entry cannot be another source id")
        return table[item]

    return fix(data, "")


def validation_error(path: Path, exc: ValidationError) -> AtlasError:
    """Turn the first pydantic error into an AtlasError naming the field and value."""
    err = exc.errors()[0]
    parts: list[str] = []
    for item in err["loc"]:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item not in _UNION_TAGS and item != "[key]":
            parts.append(f".{item}" if parts else str(item))
    field = "".join(parts) or "(top level)"
    kind = err["type"]
    if kind == "missing":
        return AtlasError(path, field, None, "required field is missing")
    if kind == "extra_forbidden":
        return AtlasError(path, field, err["input"], "unknown field (not in the schema)")
    msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return AtlasError(path, field, err["input"], msg)


_ORDER: list[tuple[EventKind, tuple[EventKind, ...]]] = [
    ("ratified", ("signed",)),
    ("acceded", ("signed",)),
    ("in_force", ("ratified", "acceded")),
    ("withdrawal_deposited", ("in_force",)),
    ("suspension_declared", ("in_force",)),
    ("withdrawal_effective", ("withdrawal_deposited",)),
]


def problems(facts: Facts, seeds_dir: Path) -> list[tuple[str, object, str]]:
    """Cross-field problems (ids, codes, event order, seed quotes) as (field, value, problem)."""
    found: list[tuple[str, object, str]] = []
    ids: dict[str, str] = {}
    for p, obj in walk(facts):
        ident = getattr(obj, "id", None) if isinstance(obj, BaseModel) else None
        if ident is not None:
            if ident in ids:
                found.append((f"{p}.id", ident, f"duplicate id (first used at {ids[ident]})"))
            ids.setdefault(ident, p)
    codes: dict[str, int] = {}
    for i, c in enumerate(facts.countries):
        if c.iso3 in codes:
            found.append((f"countries[{i}].iso3", c.iso3, f"country listed twice (also countries[{codes[c.iso3]}])"))
        codes.setdefault(c.iso3, i)
        found += event_problems(c, f"countries[{i}]")
    canon: dict[frozenset[str], str] = {}
    for key in facts.borders:
        pair = frozenset(key.split("-"))
        if pair in canon:
            found.append((f"borders.{key}", key, f"same border as borders.{canon[pair]}"))
        canon.setdefault(pair, key)
    for i, plan in enumerate(facts.plans):
        for j, key in enumerate(plan.borders):
            if frozenset(key.split("-")) not in canon:
                found.append((f"plans[{i}].borders[{j}]", key, "border not in the borders section"))
    if facts.suwalki and frozenset(facts.suwalki.border_pair.split("-")) not in canon:
        found.append(("suwalki.border_pair", facts.suwalki.border_pair, "border not in the borders section"))
    found += _seed_problems(facts, seeds_dir)
    return found


def event_problems(country: Country, path: str) -> list[tuple[str, object, str]]:
    """Impossible or missing steps in one country's treaty events."""
    found: list[tuple[str, object, str]] = []
    events = country.treaty_events or []
    first: dict[str, int] = {}
    for j, e in enumerate(events):
        if e.kind in first:
            found.append((f"{path}.treaty_events[{j}].kind", e.kind, f"{country.iso3} has two '{e.kind}' events"))
        first.setdefault(e.kind, j)
    if "ratified" in first and "acceded" in first:
        j = max(first["ratified"], first["acceded"])
        found.append((f"{path}.treaty_events[{j}].kind", events[j].kind, "a state either ratifies or accedes, not both"))
    for later, earlier in _ORDER:
        if later not in first:
            continue
        j = first[later]
        before = [k for k in earlier if k in first]
        if not before and later != "ratified" and later != "acceded":
            need = " or ".join(earlier)
            found.append((f"{path}.treaty_events[{j}].kind", later, f"'{later}' without an earlier '{need}' event"))
        for k in before:
            if events[j].date < events[first[k]].date:
                found.append(
                    (f"{path}.treaty_events[{j}].date", events[j].date.isoformat(),
                     f"'{later}' is before '{k}' ({events[first[k]].date.isoformat()})")
                )
    return found


def _seed_problems(facts: Facts, seeds_dir: Path) -> list[tuple[str, object, str]]:
    """Seed quotes whose file is missing or whose text is not in the file."""
    found: list[tuple[str, object, str]] = []
    seed_text = SeedTexts(seeds_dir)
    for p, q in facts.seed_quotes():
        text = seed_text(q.seed)
        if text is None:
            found.append((f"{p}.seed", q.seed, f"no such seed file in {seeds_dir}"))
        elif normalise(q.quote) not in text:
            found.append((f"{p}.quote", q.quote, f"quote not found in seed {q.seed}"))
    for i, pos in enumerate(facts.positions):
        seeds = [s.seed for s in pos.sources if isinstance(s, SeedQuote)]
        if seeds and not any(normalise(pos.text) in (seed_text(s) or "") for s in seeds):
            found.append((f"positions[{i}].text", pos.text, f"text not found verbatim in its seed ({', '.join(seeds)})"))
    return found


class SeedTexts:
    """The whitespace-normalised text of each seed file, read once; None for a missing or unsafe name."""

    def __init__(self, seeds_dir: Path) -> None:
        self.seeds_dir = seeds_dir
        self._texts: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        """The seed's normalised text, or None."""
        if name not in self._texts:
            file = self.seeds_dir / name
            ok = Path(name).name == name and not name.startswith(".") and file.is_file()
            self._texts[name] = normalise(file.read_text(encoding="utf-8", errors="replace")) if ok else None
        return self._texts[name]


def cite(source: SeedQuote | Publication) -> str:
    """A short citation: 'seeds/FILE' for a seed quote, 'Publisher (date)' for a publication."""
    if isinstance(source, SeedQuote):
        return f"seeds/{source.seed}"
    return f"{source.publisher} ({source.date})" if source.date else source.publisher
