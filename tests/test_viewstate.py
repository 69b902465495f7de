"""The app's view state, without Streamlit: what a link asks for, its fallbacks, the quick picks of treaty events."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.viewstate import BASEMAPS, ViewState, country_choices, grouped_events, state_from_query
from geo.dates import latest_day
from geo.facts import Facts
from geo.settings import LAYERS
from geo.treaty import TimelineEvent, timeline
from geo.view import MapView

TODAY = dt.date(2026, 12, 1)
COUNTRIES = ["EST", "FIN", "LTU", "LVA", "NOR", "POL"]


def test_an_empty_link_is_today_with_every_layer_and_no_basemap() -> None:
    state = state_from_query({}, TODAY, COUNTRIES)
    assert state == ViewState(TODAY)
    assert state.layers == tuple(LAYERS) and state.basemap == "none" and state.country == "" and state.warnings == []


def test_a_link_round_trips_through_its_query() -> None:
    state = ViewState(dt.date(2025, 12, 27), ("status", "borders"), "OpenTopoMap", "EST")
    again = state_from_query(state.query(), TODAY, COUNTRIES)
    assert again == state
    assert state.query() == {
        "date": "2025-12-27",
        "layers": "status,borders",
        "basemap": "OpenTopoMap",
        "country": "EST",
    }


def test_the_map_position_round_trips_in_the_one_form_the_map_writes() -> None:
    state = state_from_query({"date": "2026-03-01", "map": " 6.25/57.12345/24.5 "}, TODAY, COUNTRIES)
    assert state.position == "6.25/57.1234/24.5000" and state.warnings == []
    assert state.query()["map"] == "6.25/57.1234/24.5000"
    assert state_from_query(state.query(), TODAY, COUNTRIES) == state
    assert "map" not in ViewState(TODAY).query()  # where the map opens: no position in the link


def test_values_are_read_leniently_where_the_meaning_is_plain() -> None:
    state = state_from_query(
        {"date": " 2025-06-01 ", "layers": "borders,status", "basemap": "opentopomap", "country": "est"},
        TODAY,
        COUNTRIES,
    )
    assert state.day == dt.date(2025, 6, 1)
    assert state.layers == ("status", "borders")  # drawing order, whatever the link's order
    assert state.basemap == "OpenTopoMap" and state.country == "EST" and state.warnings == []


def test_an_empty_layers_value_is_a_map_without_layers() -> None:
    assert state_from_query({"layers": ""}, TODAY, COUNTRIES).layers == ()


@pytest.mark.parametrize(
    ("params", "field", "fallback"),
    [
        ({"date": "1996-12-31"}, "date = '1996-12-31'", "today (1 Dec 2026)"),
        ({"date": "2026-02-30"}, "date = '2026-02-30'", "today (1 Dec 2026)"),
        ({"date": "2037-01-01"}, "date = '2037-01-01'", "today (1 Dec 2026)"),
        ({"layers": "status,roads"}, "layers = 'roads'", "every layer"),
        ({"basemap": "Google"}, "basemap = 'Google'", "no basemap"),
        ({"country": "RUS"}, "country = 'RUS'", "the whole region"),
        ({"map": "14/57/24"}, "map = '14/57/24'", "the whole map"),  # zoom beyond the map's range
        ({"map": "6/95/24"}, "map = '6/95/24'", "the whole map"),
        ({"map": "6/57"}, "map = '6/57'", "the whole map"),
    ],
)
def test_each_bad_value_falls_back_with_one_warning_naming_field_and_value(
    params: dict[str, str], field: str, fallback: str
) -> None:
    state = state_from_query(params, TODAY, COUNTRIES)
    assert len(state.warnings) == 1
    warning = state.warnings[0]
    assert (
        warning.startswith("Ignored from the link: ") and field in warning and warning.endswith(f"showing {fallback}.")
    )
    assert "\n" not in warning
    default = ViewState(TODAY)
    assert (state.day, state.layers, state.basemap, state.country, state.position) == (
        default.day,
        default.layers,
        default.basemap,
        default.country,
        default.position,
    )


def test_the_last_day_offered_is_the_end_of_the_tenth_year_ahead() -> None:
    assert latest_day(TODAY) == dt.date(2036, 12, 31)
    assert state_from_query({"date": "2036-12-31"}, TODAY, COUNTRIES).warnings == []


def test_basemaps_offered_need_no_key_and_none_comes_first() -> None:
    assert BASEMAPS[0] == "none" and len(set(BASEMAPS)) == len(BASEMAPS)


def test_quick_picks_group_the_events_of_a_day_by_what_happened(facts: Facts) -> None:
    picks = grouped_events(timeline(facts))
    assert list(picks) == sorted(picks, reverse=True)  # latest first
    assert picks["2025-12-27"].startswith("27 Dec 2025 — withdrawal effective: ")
    named = picks["2025-12-27"].split(": ", 1)[1]
    assert named == ", ".join(
        sorted(
            c.name
            for c in facts.countries
            if (e := c.event("withdrawal_effective")) and e.date == dt.date(2025, 12, 27)
        )
    )


def test_quick_picks_of_made_up_events_name_each_step_once() -> None:
    day = dt.date(2025, 6, 27)
    events = [
        TimelineEvent("EST", "Estonia", "withdrawal_deposited", day, ()),
        TimelineEvent("LVA", "Latvia", "withdrawal_deposited", day, ()),
        TimelineEvent("LTU", "Lithuania", "withdrawal_effective", day, ()),
    ]
    assert grouped_events(events) == {
        "2025-06-27": "27 Jun 2025 — withdrawal deposited: Estonia, Latvia; withdrawal effective: Lithuania"
    }


def test_country_choices_put_the_whole_region_first_then_the_focus_countries(gpkg, facts: Facts) -> None:
    from geo.view import map_view

    view: MapView = map_view(gpkg, facts, TODAY)
    choices = country_choices(view)
    keys = list(choices)
    focus = {c.iso3 for c in facts.countries if c.focus}
    assert keys[0] == "" and choices[""] == "The whole region"
    assert set(keys[1 : 1 + len(focus)]) == focus
    assert choices["EST"] == "Estonia (EST)"
