"""Everything one map shows on one date, as plain records over GeoDataFrames (no folium): the input of `layers`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

import geopandas as gpd

from geo import corridor
from geo.borders import MAIN_PAIRS, BorderLength, border_lengths
from geo.catalogue import CATALOGUE, implementation
from geo.citations import Reference, references
from geo.claims import CheckedClaim, Ledger, disputed_by_subject, verdicts
from geo.errors import AtlasError
from geo.facts.schema import Country, Facts, Position, Publication, SeedQuote, Source
from geo.facts.walk import values_under
from geo.geodesy import geodesic_length_km
from geo.gpkg import GeoPackage
from geo.pairs import canonical, codes
from geo.parts import LocatedPart, PartStage, located_parts, parts_on
from geo.plans import PlanStage, first_known, plans_on, stage_on
from geo.reach import Reach, reach
from geo.settings import LAYERS
from geo.treaty import TreatyStatus, statuses_on

NEIGHBOURS = ("RUS", "BLR")


def parse_layers(values: list[str] | tuple[str, ...] | None, field: str = "layers") -> tuple[str, ...]:
    """Known layer keys in drawing order (all when none are given)."""
    if not values:
        return tuple(LAYERS)
    wanted = [v.strip() for value in values for v in value.split(",") if v.strip()]
    for v in wanted:
        if v not in LAYERS:
            raise AtlasError(None, field, v, f"unknown layer; choose from {', '.join(LAYERS)}")
    return tuple(k for k in LAYERS if k in wanted)


def neighbour_of(pair: str) -> str | None:
    """RUS or BLR when the border is with one of them."""
    return next((code for code in NEIGHBOURS if code in codes(pair)), None)


@dataclass(frozen=True)
class MapBase:
    """What a map shows whatever the date: display geometry, lengths, corridor, checked claims."""

    facts: Facts
    countries: gpd.GeoDataFrame  # iso3, name, part (MapView adds status, explanation); display geometry
    borders: gpd.GeoDataFrame  # pair, a, b, neighbour, main; display geometry
    suwalki: gpd.GeoDataFrame  # kind, name, length_km; display geometry
    lengths: dict[str, BorderLength]
    narrowest_km: float
    claims: tuple[CheckedClaim, ...]  # every claim of the ledger, checked against `facts` (empty without a ledger)
    disputed: dict[str, list[CheckedClaim]]  # contradicted or imprecise, by subject key
    overview: gpd.GeoDataFrame  # iso3, name, part; the countries as the overview minimap and the locator draw them
    parts: tuple[LocatedPart, ...]  # every located part of every plan, with its derived geometry
    capitals: gpd.GeoDataFrame  # name, country, point: the capitals the gazetteer layer marks, for map labels
    gap: corridor.GapMeasures | None  # the Suwałki Gap's size by each definition (None without its facts or border)

    def country(self, iso3: str) -> Country | None:
        """The facts of a country on the map, None for a context country without facts."""
        return self.facts.find_country(iso3)

    @property
    def reach(self) -> Reach:
        """How far the record reaches: when it was last verified, its latest event."""
        return reach(self.facts)

    @property
    def names(self) -> dict[str, str]:
        """Each country's name on the map, by ISO3 code."""
        return dict(zip(self.countries["iso3"], self.countries["name"], strict=True))

    @property
    def focus(self) -> set[str]:
        """The ISO3 codes of the focus countries (the countries the atlas is about)."""
        return {c.iso3 for c in self.facts.countries if c.focus}

    def focus_bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the focus countries (the whole map when none is marked)."""
        focus = self.focus
        frame = self.countries.loc[self.countries["iso3"].isin(focus)] if focus else self.countries
        west, south, east, north = frame.total_bounds
        return float(west), float(south), float(east), float(north)

    def country_bounds(self, iso3: str) -> tuple[float, float, float, float]:
        """West, south, east, north of one country on the map (AtlasError if it is not drawn)."""
        frame = self.countries.loc[self.countries["iso3"] == iso3]
        if frame.empty:
            raise AtlasError(
                None, "country", iso3, f"not on the map; choose from {', '.join(sorted(set(self.countries['iso3'])))}"
            )
        west, south, east, north = frame.total_bounds
        return float(west), float(south), float(east), float(north)

    def borders_of(self, iso3: str) -> list[BorderLength]:
        """The country's borders with computed lengths, main pairs first."""
        return [b for b in self.lengths.values() if iso3 in codes(b.pair)]

    def positions_of(self, iso3: str) -> list[Position]:
        """Stated positions of the country."""
        return [p for p in self.facts.positions if iso3 in p.country]

    def disputed_about(self, key: str) -> list[CheckedClaim]:
        """Claims of the seed articles that state a date or figure about `key` (ISO3 or pair) unlike the record."""
        return self.disputed.get(key, [])


@dataclass(frozen=True)
class MapView(MapBase):
    """A map on one date: the base, each country's status on `day` (countries gain status and explanation) and the
    plans known by then, each at its stage on `day`.
    """

    day: dt.date
    statuses: dict[str, TreatyStatus]
    plans: tuple[PlanStage, ...]  # every plan known on `day`, with its stage then
    part_stages: tuple[PartStage, ...]  # every located part known on `day` and not cancelled, with its stage then

    def plans_of(self, iso3: str) -> list[PlanStage]:
        """The plans the country states or shares, known on the map's day."""
        return [p for p in self.plans if iso3 in p.plan.country]

    def plans_by_border(self) -> dict[str, list[PlanStage]]:
        """The plans known on the map's day, by each border they name (canonical pair key)."""
        found: dict[str, list[PlanStage]] = {}
        for stage in self.plans:
            for key in stage.plan.borders:
                found.setdefault(canonical(key), []).append(stage)
        return found


def map_base(gpkg: GeoPackage, facts: Facts, ledger: Ledger | None = None) -> MapBase:
    """The date-independent part of every map of these facts (the slow part: computed once, shared by every date)."""
    drawn = gpkg.drawn
    lengths = {b.pair: b for b in border_lengths(gpkg, facts)}
    borders = drawn.borders.copy()  # shared by every base over this GeoPackage: the columns are this base's own
    borders["neighbour"] = [neighbour_of(p) or "" for p in borders["pair"]]
    borders["main"] = [p in MAIN_PAIRS and bool(neighbour_of(p)) for p in borders["pair"]]
    narrowest = corridor.narrowest_km(gpkg.suwalki)
    checked = (
        tuple(verdicts(ledger, facts, {pair: b.computed_km for pair, b in lengths.items()}))
        if ledger is not None
        else ()
    )
    return MapBase(
        facts,
        drawn.countries,
        borders,
        drawn.suwalki,
        lengths,
        narrowest if narrowest is not None else float("nan"),
        checked,
        disputed_by_subject(checked),
        drawn.overview,
        located_parts(facts, gpkg.borders, gpkg.places, str(gpkg.path) if gpkg.path else None),
        capitals_of(gpkg.places),
        gap_measures(gpkg.borders, facts, lengths, narrowest),
    )


def gap_measures(
    borders: gpd.GeoDataFrame, facts: Facts, lengths: dict[str, BorderLength], narrowest: float | None
) -> corridor.GapMeasures | None:
    """The Suwałki Gap's size by each definition a published figure uses, from the full-resolution border."""
    if facts.suwalki is None or narrowest is None:
        return None
    pair = canonical(facts.suwalki.border_pair)
    rows = borders.loc[borders["pair"] == pair]
    if rows.empty or pair not in lengths:
        return None
    line = corridor.tripoint_line(rows.geometry.iloc[0])
    if line is None:
        return None
    return corridor.GapMeasures(lengths[pair].computed_km, geodesic_length_km(line), narrowest)


def capitals_of(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The capitals among the gazetteer's places (none when the layer has no capital column)."""
    if "capital" not in places.columns:
        return places.iloc[0:0]
    return places.loc[places["capital"].astype(bool)].reset_index(drop=True)


def map_view(
    gpkg: GeoPackage, facts: Facts, day: dt.date, ledger: Ledger | None = None, base: MapBase | None = None
) -> MapView:
    """Everything the map shows on `day`: statuses, plans at their stage, display geometry, lengths, corridor and,
    given the claims ledger, every claim's verdict against these facts (lengths computed from this GeoPackage).

    `base`, from map_base() of the same GeoPackage, facts and ledger, saves recomputing what does not depend on the
    date.
    """
    base = base if base is not None and base.facts is facts else map_base(gpkg, facts, ledger)
    statuses = statuses_on(facts, day)
    countries = base.countries.copy()
    countries["status"] = [statuses[c].status if c in statuses else "" for c in countries["iso3"]]
    countries["explanation"] = [statuses[c].explanation if c in statuses else "" for c in countries["iso3"]]
    shared = {f.name: getattr(base, f.name) for f in fields(MapBase)}
    plans = tuple(plans_on(facts, day))
    stages = tuple(parts_on(base.parts, day))
    return MapView(**(shared | {"countries": countries}), day=day, statuses=statuses, plans=plans, part_stages=stages)


def with_every_plan(view: MapView) -> MapView:
    """The view with every plan and located part in it: at its stage on the view's day, or (not known yet, or no
    longer current) at its first event. For a map that carries its own time and hides, in the browser, what is not
    known on the day it shows.
    """
    plans = []
    for plan in view.facts.plans:
        stage = stage_on(plan, view.day)
        if stage is None or stage.stage == "cancelled":
            stage = stage_on(plan, first_known(plan))
        if stage is not None:
            plans.append(stage)
    stages = []
    for located in view.parts:
        found = parts_on((located,), view.day) or parts_on((located,), first_known(located.part))
        stages += found
    return replace(view, plans=tuple(plans), part_stages=tuple(stages))


def sources_of(obj: object) -> list[Source]:
    """Every source cited anywhere under obj (a model, a list of models), first citation first, without repeats."""
    return list(dict.fromkeys(item for item in values_under(obj) if isinstance(item, (SeedQuote, Publication))))


def sources_on_map(view: MapView, layers: tuple[str, ...] = tuple(LAYERS)) -> list[Source]:
    """Every source of a fact the map shows with these layers: the land's details (statuses, positions, plans, the
    places that locate parts) whatever the layers, then what each layer adds (geo.catalogue).
    """
    cited: list[object] = [*status_facts(view), positions_facts(view), *plans_facts(view)]
    cited += [fact for key in LAYERS if key in layers for fact in implementation(CATALOGUE[key].cites)(view)]
    return list(dict.fromkeys(source for item in cited for source in sources_of(item)))


def status_facts(view: MapView) -> list[object]:
    """The treaty-status layer's facts: the treaty's milestones, its withdrawal rule, the countries drawn."""
    shown = set(view.countries["iso3"])
    return [
        view.facts.treaty.milestones,
        view.facts.treaty.withdrawal_rule,
        [c for c in view.facts.countries if c.iso3 in shown],
    ]


def positions_facts(view: MapView) -> list[Position]:
    """The stated positions of the countries drawn, and those of no country (an organisation's, a general one)."""
    shown = set(view.countries["iso3"])
    return [p for p in view.facts.positions if not p.country or set(p.country) & shown]


def plans_facts(view: MapView) -> list[object]:
    """The plans layer's facts: the plans known on the day and the places whose quoted coordinates locate parts."""
    return [[p.plan for p in view.plans], [place for stage in view.part_stages for place in stage.located.places]]


def borders_facts(view: MapView) -> list[object]:
    """The borders layer's facts: the official lengths of the borders drawn."""
    shown = set(view.borders["pair"])
    return [[border for pair, border in view.facts.borders.items() if canonical(pair) in shown]]


def suwalki_facts(view: MapView) -> list[object]:
    """The Suwałki Gap layer's facts: the corridor's stated widths and lengths, when the corridor is drawn."""
    drawn = bool((view.suwalki["kind"] == "corridor").any())
    return [view.facts.suwalki] if view.facts.suwalki and drawn else []


def map_references(view: MapView, layers: tuple[str, ...] = tuple(LAYERS)) -> list[Reference]:
    """The publications the map's facts come from (geo.citations), one per publication, first cited first."""
    return references(sources_on_map(view, layers), view.facts)
