"""Border lengths computed from the committed geometry, against the cited official figures."""

from __future__ import annotations

import pytest

from geo.borders import MAIN_PAIRS, border_length, border_lengths, lengths_by_kind
from geo.errors import AtlasError
from geo.geodesy import geodesic_length_km

RUSSIA_BELARUS_AND_GAP = [
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
]


@pytest.fixture(scope="module")
def lengths(gpkg, facts):
    return border_lengths(gpkg, facts)


def test_every_main_pair_is_in_the_layer(lengths) -> None:
    assert [b.pair for b in lengths[: len(MAIN_PAIRS)]] == list(MAIN_PAIRS)


@pytest.mark.parametrize("pair", RUSSIA_BELARUS_AND_GAP)
def test_computed_length_within_5_percent_of_an_official_figure(lengths, pair: str) -> None:
    entry = border_length(lengths, pair)
    assert entry.official, f"{pair} has no official figure"
    best = min(abs(c.diff_pct) for c in entry.official)
    assert best <= 5.0, f"{pair}: computed {entry.computed_km:.1f} km, nearest official figure off by {best:.1f}%"


def test_lagoon_sections_are_reported_apart(lengths) -> None:
    ltu_rus = border_length(lengths, "LTU-RUS")
    # Lithuanian border guard: 253.7 land and inland water + 18.5 Curonian Lagoon + 22.2 Baltic Sea
    assert ltu_rus.km_by_kind["lagoon"] == pytest.approx(18.5, abs=1.5)
    assert ltu_rus.km_by_kind["sea"] == pytest.approx(22.2, abs=1.5)
    assert ltu_rus.computed_km == pytest.approx(253.7, rel=0.02)
    assert border_length(lengths, "POL-RUS").km_by_kind["lagoon"] > 5  # the Vistula Lagoon


def test_estonia_russia_counts_lake_peipus_and_not_narva_bay(lengths) -> None:
    est_rus = border_length(lengths, "EST-RUS")
    assert est_rus.km_by_kind["inland_water"] > 100  # Lake Peipus, Lake Pskov and the Narva river
    assert est_rus.km_by_kind["sea"] > 50  # the maritime line in Narva Bay is not counted
    assert est_rus.computed_km < est_rus.counting(["sea"])


def test_figures_that_count_water_are_compared_with_water(lengths) -> None:
    ltu_rus = border_length(lengths, "LTU-RUS")
    total = next(c for c in ltu_rus.official if c.figure.km == 294.4)
    assert total.computed_km == pytest.approx(ltu_rus.counting(["lagoon", "sea"]))
    assert abs(total.diff_pct) < 2


def test_lengths_come_from_the_geometry(gpkg) -> None:
    by_kind = lengths_by_kind(gpkg.border_segments)
    fin_rus = gpkg.border_segments[
        (gpkg.border_segments["pair"] == "FIN-RUS") & (gpkg.border_segments["kind"] == "land")
    ]
    assert by_kind["FIN-RUS"]["land"] == pytest.approx(geodesic_length_km(fin_rus.geometry.iloc[0]))
    # the lengths stored at build time agree with the ones computed now
    stored = gpkg.borders.set_index("pair")
    for pair, kinds in by_kind.items():
        if pair in stored.index:
            assert stored.loc[pair, "length_km"] == pytest.approx(kinds["land"] + kinds["inland_water"], abs=0.01)


def test_borders_running_off_the_region_are_flagged(lengths) -> None:
    assert border_length(lengths, "UKR-RUS").clipped
    assert not border_length(lengths, "FIN-RUS").clipped
    assert not border_length(lengths, "POL-UKR").clipped  # ends at the Slovak tripoint, inside the region


def test_pair_lookup_in_either_order(lengths) -> None:
    assert border_length(lengths, "RUS-FIN").pair == "FIN-RUS"
    with pytest.raises(AtlasError, match="XXX-RUS"):
        border_length(lengths, "XXX-RUS")
