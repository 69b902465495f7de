"""Border lengths computed from the geometry, beside the official figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd

from geo.errors import AtlasError
from geo.facts.cite import cite
from geo.facts.schema import Facts, OfficialFigure
from geo.geodesy import geodesic_length_km
from geo.pairs import canonical

if TYPE_CHECKING:
    from geo.gpkg import GeoPackage

# the kinds of section a border is split into; "computed" lengths count land and inland water
KINDS = ("land", "inland_water", "lagoon", "sea")
# the borders the atlas is about: every border of the focus countries with Russia and Belarus, and their neighbours
MAIN_PAIRS = (
    "FIN-RUS",
    "NOR-RUS",
    "EST-RUS",
    "LVA-RUS",
    "LVA-BLR",
    "LTU-RUS",
    "LTU-BLR",
    "POL-RUS",
    "POL-BLR",
    "POL-LTU",
    "FIN-NOR",
    "FIN-SWE",
    "EST-LVA",
    "LVA-LTU",
    "POL-UKR",
)


@dataclass(frozen=True)
class Comparison:
    """An official figure beside the computed length that counts the same sections."""

    figure: OfficialFigure
    computed_km: float

    @property
    def diff_pct(self) -> float:
        """(computed - official) / official, in percent."""
        return (self.computed_km - self.figure.km) / self.figure.km * 100

    @property
    def relation(self) -> str:
        """How the computed length compares with the official one: '4.1% shorter', '0.3% longer', 'the same'."""
        if abs(self.diff_pct) < 0.05:
            return "the same"
        return f"{abs(self.diff_pct):.1f}% {'shorter' if self.diff_pct < 0 else 'longer'}"

    @property
    def counted(self) -> str:
        """What the computed length counts, in words: 'computed' or 'computed (with lagoon)'."""
        includes = self.figure.includes
        return "computed" + (f" (with {' and '.join(includes)})" if includes else "")

    def text(self, decimals: int = 0) -> str:
        """The comparison the right way round: 'official 1,309 km; computed 1,255 km is 4.1% shorter'."""
        return (
            f"official {self.figure.km:,.{decimals}f} km; {self.counted} {self.computed_km:,.{decimals}f} km is "
            f"{self.relation}"
        )

    @property
    def source(self) -> str:
        """The figure's sources as one short citation."""
        return "; ".join(cite(source) for source in self.figure.sources)


# the geometry cannot split a border into land and water where a source states more than this many times the water
# the source polygons draw (narrow rivers are land in them): Poland–Belarus 241.8 km stated against 13.4 km drawn
WATER_UNSEEN_RATIO = 2.0


@dataclass(frozen=True)
class StatedSplit:
    """An official figure's own split into land and water, as its source states it (never compared)."""

    figure: OfficialFigure
    land_km: float
    water_km: float

    @property
    def source(self) -> str:
        """The figure's sources as one short citation."""
        return "; ".join(cite(source) for source in self.figure.sources)

    def text(self) -> str:
        """'stated: 186.1 km on land, 241.8 km along water (of 427.9 km)'."""
        return (
            f"stated: {self.land_km:,.1f} km on land, {self.water_km:,.1f} km along water (of {self.figure.km:,.1f} km)"
        )


def stated_split(figure: OfficialFigure) -> StatedSplit | None:
    """The figure's land and water parts summed by kind, where its source splits it into both."""
    kinds = figure.part_kinds
    parts = figure.parts or {}
    land = sum(km for name, km in parts.items() if kinds.get(name) == "land")
    water = sum(km for name, km in parts.items() if kinds.get(name) == "water")
    if not any(k == "land" for k in kinds.values()) or not any(k == "water" for k in kinds.values()):
        return None
    return StatedSplit(figure, land, water)


@dataclass(frozen=True)
class BorderLength:
    """A border's length by kind of section, computed from the geometry, with the official figures."""

    pair: str
    km_by_kind: dict[str, float]
    clipped: bool
    official: tuple[Comparison, ...]

    @property
    def computed_km(self) -> float:
        """Land and inland water (rivers, lakes): the border as most official figures count it."""
        return self.km_by_kind["land"] + self.km_by_kind["inland_water"]

    def counting(self, includes: Sequence[str] = ()) -> float:
        """The computed length, adding lagoon and/or sea sections."""
        return self.computed_km + sum(self.km_by_kind[kind] for kind in includes)

    @property
    def stated_splits(self) -> tuple[StatedSplit, ...]:
        """The official figures' own land/water splits, as stated."""
        return tuple(split for c in self.official if (split := stated_split(c.figure)) is not None)

    @property
    def water_unseen(self) -> StatedSplit | None:
        """The stated split whose water the source polygons do not draw (its narrow rivers are land in them), if any:
        then the geometry's land and water cannot be set against an official land or water figure.
        """
        drawn = self.km_by_kind["inland_water"]
        unseen = [s for s in self.stated_splits if s.water_km > WATER_UNSEEN_RATIO * drawn]
        return max(unseen, key=lambda s: s.water_km) if unseen else None

    def split_note(self) -> str:
        """What the geometry's land/water split is and what it is not: for a river border the source draws as land,
        says so and that no split is computed; otherwise what 'inland water' counts.
        """
        k = self.km_by_kind
        unseen = self.water_unseen
        if unseen is not None:
            return (
                f"the source draws this river border as land: {unseen.water_km:,.1f} km are stated to run along water "
                f"({unseen.source}), the source polygons draw {k['inland_water']:,.1f} km as water; the atlas does not "
                f"split this border into land and water"
            )
        return "inland water: lakes and wide rivers the source draws as water (a narrow river is drawn as land)"

    def drawn_split(self) -> str:
        """The geometry's split in words, as far as it goes: 'drawn as land 404.0 (narrow rivers included), drawn as
        water 13.4' on a border the source draws as land, else 'land 177.2, inland water 163.6'.
        """
        k = self.km_by_kind
        if self.water_unseen is not None:
            return f"drawn as land {k['land']:,.1f} (narrow rivers included), drawn as water {k['inland_water']:,.1f}"
        return f"land {k['land']:,.1f}, inland water {k['inland_water']:,.1f}"


def lengths_by_kind(segments: gpd.GeoDataFrame) -> dict[str, dict[str, float]]:
    """Geodesic km of each pair's land, inland-water, lagoon and sea sections, from the segment geometry."""
    out: dict[str, dict[str, float]] = {}
    for pair, kind, geom in zip(segments["pair"], segments["kind"], segments.geometry, strict=True):
        out.setdefault(pair, dict.fromkeys(KINDS, 0.0))[kind] += geodesic_length_km(geom)
    return out


def border_lengths(gpkg: GeoPackage, facts: Facts) -> list[BorderLength]:
    """Every border of the GeoPackage, main pairs first, its computed lengths beside each official figure."""
    by_kind = gpkg.section_km
    borders = gpkg.borders
    clipped = dict(zip(borders["pair"], borders["clipped"].astype(bool), strict=True))
    order = [p for p in MAIN_PAIRS if p in clipped] + [p for p in clipped if p not in MAIN_PAIRS]
    result = []
    for pair in order:
        kinds = by_kind.get(pair, dict.fromkeys(KINDS, 0.0))
        base = BorderLength(pair, kinds, clipped[pair], ())
        figures = facts.official_figures(pair) if any(canonical(key) == pair for key in facts.borders) else []
        comparisons = tuple(Comparison(f, base.counting(f.includes)) for f in figures)
        result.append(BorderLength(pair, kinds, clipped[pair], comparisons))
    return result


def border_length(lengths: list[BorderLength], pair: str) -> BorderLength:
    """The entry for one pair, in either order ('RUS-FIN' finds FIN-RUS)."""
    wanted = canonical(pair)
    for entry in lengths:
        if entry.pair == wanted:
            return entry
    raise AtlasError(None, "pair", pair, "no such border in the atlas")
