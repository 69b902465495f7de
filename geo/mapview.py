"""Everything one map shows on one date, as plain records over GeoDataFrames (no folium): the input of `layers`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely

from geo.atlas import Atlas
from geo.countries import without_small_rings
from geo.borders import MAIN_PAIRS, BorderLength, border_lengths
from geo.claims import CheckedClaim, Ledger, disputed_by_subject, verdicts
from geo.errors import AtlasError
from geo.facts import Country, Facts, Plan, Position, Publication, SeedQuote, walk
from geo.geodesy import geodesic_length_km
from geo.treaty import TreatyStatus, fmt, statuses_on

# the layers a map can show, in drawing order, with the names the legend and layer switcher use
LAYERS: dict[str, str] = {
    "status": "Treaty status",
    "plans": "Stated deterrence plans",
    "suwalki": "Suwałki Gap",
    "borders": "Borders with Russia and Belarus",
}
NEIGHBOURS = ("RUS", "BLR")
EARLIEST = dt.date(1997, 1, 1)
# display geometry: islands and lakes below DISPLAY_MIN_AREA (square degrees, about 50 km² at 58° N) leave the drawing
# (never the length computation); coverage simplification tolerance (degrees); coordinate decimals (3 ≈ 110 m)
DISPLAY_MIN_AREA = 0.01
DISPLAY_TOLERANCE = 0.015
BORDER_TOLERANCE = 0.003
DECIMALS = 3
# the overview minimap needs only outlines: coverage-simplified at 0.1°, without islands under 0.5 square degrees
OVERVIEW_TOLERANCE = 0.1
OVERVIEW_MIN_AREA = 0.5

EVENT_LABELS = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded": "acceded",
    "in_force": "in force",
    "withdrawal_deposited": "withdrawal deposited",
    "withdrawal_effective": "withdrawal effective",
    "suspension_declared": "suspension declared",
}

Source = SeedQuote | Publication


@dataclass(frozen=True)
class TimelineEvent:
    """One treaty event of one country, for charts, quick picks and popups."""

    iso3: str
    country: str
    kind: str
    date: dt.date
    sources: tuple[Source, ...]
    note: str | None = None

    @property
    def label(self) -> str:
        """'Estonia: withdrawal effective (27 Dec 2025)'."""
        return f"{self.country}: {EVENT_LABELS[self.kind]} ({fmt(self.date)})"


@dataclass(frozen=True)
class MapView:
    """The countries, borders, corridor, plans and statuses of one map on one date, display-ready."""

    day: dt.date
    facts: Facts
    countries: gpd.GeoDataFrame  # iso3, name, part, status, explanation; display geometry
    borders: gpd.GeoDataFrame  # pair, a, b, neighbour, main; display geometry
    suwalki: gpd.GeoDataFrame  # kind, name, length_km; display geometry
    statuses: dict[str, TreatyStatus]
    lengths: dict[str, BorderLength]
    narrowest_km: float
    plans_by_border: dict[str, list[Plan]] = field(default_factory=dict)
    claims: tuple[CheckedClaim, ...] = ()  # every claim of the ledger, checked against `facts` (empty without a ledger)
    disputed: dict[str, list[CheckedClaim]] = field(default_factory=dict)  # contradicted or imprecise, by subject key
    overview: tuple[shapely.Geometry, ...] = ()  # the countries' outlines for the overview minimap

    def focus_bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the focus countries (the whole map when none is marked)."""
        focus = {c.iso3 for c in self.facts.countries if c.focus}
        frame = self.countries.loc[self.countries["iso3"].isin(focus)] if focus else self.countries
        west, south, east, north = frame.total_bounds
        return float(west), float(south), float(east), float(north)

    def country_bounds(self, iso3: str) -> tuple[float, float, float, float]:
        """West, south, east, north of one country on the map (AtlasError if it is not drawn)."""
        frame = self.countries.loc[self.countries["iso3"] == iso3]
        if frame.empty:
            raise AtlasError(None, "country", iso3, f"not on the map; choose from {', '.join(sorted(set(self.countries['iso3'])))}")
        west, south, east, north = frame.total_bounds
        return float(west), float(south), float(east), float(north)

    def country(self, iso3: str) -> Country | None:
        """The facts of a country on the map, None for a context country without facts."""
        return next((c for c in self.facts.countries if c.iso3 == iso3), None)

    def borders_of(self, iso3: str) -> list[BorderLength]:
        """The country's borders with computed lengths, main pairs first."""
        return [b for b in self.lengths.values() if iso3 in b.pair.split("-")]

    def plans_of(self, iso3: str) -> list[Plan]:
        """Every plan the country states or shares."""
        return [p for p in self.facts.plans if iso3 in p.country]

    def positions_of(self, iso3: str) -> list[Position]:
        """Stated positions of the country."""
        return [p for p in self.facts.positions if iso3 in p.country]

    def disputed_about(self, key: str) -> list[CheckedClaim]:
        """Claims of the seed articles that state a date or figure about `key` (ISO3 or border pair) differently from the record."""
        return self.disputed.get(key, [])


def parse_day(value: str | dt.date, field: str = "date") -> dt.date:
    """A date from 1997 on, from text YYYY-MM-DD or a date (AtlasError naming the field otherwise)."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise AtlasError(None, field, value, "not a date; use YYYY-MM-DD, e.g. 2026-03-01") from None
    if value < EARLIEST:
        raise AtlasError(None, field, value.isoformat(), f"before {EARLIEST.isoformat()}; the atlas covers the treaty from 1997 on")
    return value


def parse_layers(values: list[str] | tuple[str, ...] | None, field: str = "layers") -> tuple[str, ...]:
    """Known layer keys in drawing order (all when none are given)."""
    if not values:
        return tuple(LAYERS)
    wanted = [v.strip() for value in values for v in value.split(",") if v.strip()]
    for v in wanted:
        if v not in LAYERS:
            raise AtlasError(None, field, v, f"unknown layer; choose from {', '.join(LAYERS)}")
    return tuple(k for k in LAYERS if k in wanted)


def rounded(geom: shapely.Geometry, decimals: int = DECIMALS) -> shapely.Geometry:
    """The geometry with coordinates rounded to `decimals` places."""
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def display_countries(countries: gpd.GeoDataFrame, min_area: float = DISPLAY_MIN_AREA, tolerance: float = DISPLAY_TOLERANCE) -> gpd.GeoDataFrame:
    """Country polygons without small islands and lakes, coverage-simplified (shared edges stay shared), for drawing."""
    out = countries.copy()
    kept = np.array([without_small_rings(g, min_area) for g in countries.geometry.values], dtype=object)
    out["geometry"] = shapely.coverage_simplify(kept, tolerance)
    return out


def display_lines(frame: gpd.GeoDataFrame, tolerance: float = BORDER_TOLERANCE) -> gpd.GeoDataFrame:
    """Lines and polygons simplified (topology kept), for drawing."""
    out = frame.copy()
    out["geometry"] = shapely.simplify(frame.geometry.values, tolerance, preserve_topology=True)
    return out


def neighbour_of(pair: str) -> str | None:
    """RUS or BLR when the border is with one of them."""
    return next((code for code in NEIGHBOURS if code in pair.split("-")), None)


@dataclass(frozen=True)
class MapBase:
    """What a map shows whatever the date: display geometry, computed lengths, corridor, plans by border, checked claims."""

    facts: Facts
    countries: gpd.GeoDataFrame  # iso3, name, part; display geometry
    borders: gpd.GeoDataFrame
    suwalki: gpd.GeoDataFrame
    lengths: dict[str, BorderLength]
    narrowest_km: float
    plans_by_border: dict[str, list[Plan]]
    claims: tuple[CheckedClaim, ...]
    disputed: dict[str, list[CheckedClaim]]
    overview: tuple[shapely.Geometry, ...]


def overview_outlines(countries: gpd.GeoDataFrame) -> tuple[shapely.Geometry, ...]:
    """The countries' outlines for an overview map: big islands only, coarsely coverage-simplified."""
    kept = [without_small_rings(g, OVERVIEW_MIN_AREA) for g in countries.geometry.values]
    return tuple(g for g in shapely.coverage_simplify(kept, OVERVIEW_TOLERANCE) if not g.is_empty)


def map_base(atlas: Atlas, facts: Facts, ledger: Ledger | None = None) -> MapBase:
    """The date-independent part of every map of these facts (the slow part: computed once, shared by every date)."""
    countries = display_countries(atlas.countries)
    lengths = {b.pair: b for b in border_lengths(atlas.borders, atlas.border_segments, facts)}
    borders = display_lines(atlas.borders[["pair", "a", "b", "geometry"]])
    borders["neighbour"] = [neighbour_of(p) or "" for p in borders["pair"]]
    borders["main"] = [p in MAIN_PAIRS and bool(neighbour_of(p)) for p in borders["pair"]]
    suwalki = display_lines(atlas.suwalki)
    narrowest = atlas.suwalki.loc[atlas.suwalki["kind"] == "narrowest"]
    narrowest_km = geodesic_length_km(narrowest.geometry.iloc[0]) if len(narrowest) else float("nan")
    plans_by_border: dict[str, list[Plan]] = {}
    for plan in facts.plans:
        for key in plan.borders:
            pair = key if key in lengths else "-".join(reversed(key.split("-")))
            plans_by_border.setdefault(pair, []).append(plan)
    checked = tuple(verdicts(ledger, facts, {pair: b.computed_km for pair, b in lengths.items()})) if ledger is not None else ()
    return MapBase(facts, countries, borders, suwalki, lengths, narrowest_km, plans_by_border, checked, disputed_by_subject(checked),
                   overview_outlines(countries))  # fmt: skip


def map_view(atlas: Atlas, facts: Facts, day: dt.date, ledger: Ledger | None = None, base: MapBase | None = None) -> MapView:
    """Everything the map shows on `day`: statuses, display geometry, lengths, corridor, plans by border and,
    given the claims ledger, every claim's verdict against these facts (lengths computed from this atlas).

    `base`, from map_base() of the same atlas, facts and ledger, saves recomputing what does not depend on the date.
    """
    base = base if base is not None and base.facts is facts else map_base(atlas, facts, ledger)
    statuses = statuses_on(facts, day)
    countries = base.countries.copy()
    countries["status"] = [statuses[c].status if c in statuses else "" for c in countries["iso3"]]
    countries["explanation"] = [statuses[c].explanation if c in statuses else "" for c in countries["iso3"]]
    return MapView(day, facts, countries, base.borders, base.suwalki, statuses, base.lengths, base.narrowest_km,
                   base.plans_by_border, base.claims, base.disputed, base.overview)  # fmt: skip


def timeline(facts: Facts) -> list[TimelineEvent]:
    """Every treaty event of every country, by date."""
    events = [
        TimelineEvent(c.iso3, c.name, e.kind, e.date, tuple(e.sources), e.note)
        for c in facts.countries
        for e in c.treaty_events or []
    ]
    return sorted(events, key=lambda e: (e.date, e.iso3))


def sources_of(obj: object) -> list[Source]:
    """Every source cited anywhere under obj (a model, a list of models), first citation first, without repeats."""
    found: list[Source] = []
    for _, item in walk(obj):
        if isinstance(item, (SeedQuote, Publication)) and item not in found:
            found.append(item)
    return found


def sources_on_map(view: MapView, layers: tuple[str, ...] = tuple(LAYERS)) -> list[Source]:
    """Every source of a fact the map shows with these layers: statuses, border figures, corridor, plans, positions."""
    shown = {c for c in view.countries["iso3"]}
    cited: list[object] = [view.facts.treaty.milestones, view.facts.treaty.withdrawal_rule]
    cited += [c for c in view.facts.countries if c.iso3 in shown]
    cited += [view.facts.positions, [p for p in view.facts.plans]]
    if "borders" in layers:
        cited.append(list(view.facts.borders.values()))
    if "suwalki" in layers and view.facts.suwalki:
        cited.append(view.facts.suwalki)
    found: list[Source] = []
    for item in cited:
        found += [s for s in sources_of(item) if s not in found]
    return found
