"""The one date parser and formatter, and the one order of the codes in a border pair."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import EARLIEST, day_text, parse_day, period
from geo.errors import AtlasError
from geo.pairs import canonical, codes, pair_name


def test_a_day_is_read_from_1997_on_and_names_the_field_otherwise() -> None:
    assert parse_day("2025-12-27") == dt.date(2025, 12, 27)
    assert parse_day(EARLIEST) == EARLIEST
    with pytest.raises(AtlasError) as error:
        parse_day("1996-12-31", "--on")
    assert error.value.line() == "--on = '1996-12-31': before 1997-01-01; the atlas covers the treaty from 1997 on"
    with pytest.raises(AtlasError, match="not a date"):
        parse_day("27/12/2025")


def test_a_day_is_written_one_way() -> None:
    assert day_text(dt.date(2025, 12, 27)) == "27 Dec 2025"
    assert day_text(dt.date(1999, 3, 1)) == "1 Mar 1999"


@pytest.mark.parametrize(
    ("stated", "first", "last"),
    [
        ("2025", (2025, 1, 1), (2025, 12, 31)),
        ("2024-02", (2024, 2, 1), (2024, 2, 29)),
        ("2025-12", (2025, 12, 1), (2025, 12, 31)),
        ("2025-07-09", (2025, 7, 9), (2025, 7, 9)),
    ],
)
def test_a_stated_period_runs_from_its_first_to_its_last_day(
    stated: str, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    assert period(stated) == (dt.date(*first), dt.date(*last))


def test_pairs_read_as_users_know_them_whichever_way_they_are_given() -> None:
    assert pair_name("RUS", "FIN") == pair_name("FIN", "RUS") == "FIN-RUS"
    assert pair_name("LTU", "POL") == "POL-LTU"
    assert canonical("rus-fin") == canonical("RUS-FIN") == "FIN-RUS"
    assert canonical("DEU-DNK") == canonical("DNK-DEU") == "DEU-DNK"  # codes outside the atlas's order: alphabetical
    assert canonical("treaty") == "treaty"
    assert codes("FIN-RUS") == ("FIN", "RUS")
