"""Border lengths computed from the geometry, beside the official figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd

from geo.errors import AtlasError
from geo.facts.cite import cite
from geo.facts.schema import Facts, OfficialFigure
from geo.geodesy import geodesic_length_km
from geo.pairs import canonical

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


def lengths_by_kind(segments: gpd.GeoDataFrame) -> dict[str, dict[str, float]]:
    """Geodesic km of each pair's land, inland-water, lagoon and sea sections, from the segment geometry."""
    out: dict[str, dict[str, float]] = {}
    for pair, kind, geom in zip(segments["pair"], segments["kind"], segments.geometry, strict=True):
        out.setdefault(pair, dict.fromkeys(KINDS, 0.0))[kind] += geodesic_length_km(geom)
    return out


def border_lengths(borders: gpd.GeoDataFrame, segments: gpd.GeoDataFrame, facts: Facts) -> list[BorderLength]:
    """Every border in the layer, main pairs first, its computed lengths beside each official figure."""
    by_kind = lengths_by_kind(segments)
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
