"""Properties (hypothesis) beyond tests/test_treaty.py and tests/test_geodesy.py.

Treaty status: it changes only on event dates, does not depend on the order the events are listed
in, its explanation gives the date of the step that decides it, and the facts checker accepts every
valid order of events and names the one event moved before its prerequisite.
Lengths: a border's length does not depend on the direction it is drawn in, on the order or
direction of its pieces, on extra vertices placed on its geodesics, or on how its sections are
split into rows of the segments layer.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import geopandas as gpd
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geo.borders import KINDS, lengths_by_kind
from geo.dates import day_text
from geo.facts import Country, Publication
from geo.facts.checks import event_problems
from geo.geodesy import geodesic_length_km
from geo.treaty import TreatyStatus, status_on

D = dt.date
DAY = dt.timedelta(days=1)
SRC = [Publication(publisher="P", title="T", grade="media")]
FAST = settings(max_examples=60, deadline=None)

# the step that decides the status when it has been taken, most decisive first
DECIDING = (
    "withdrawal_effective",
    "withdrawal_deposited",
    "suspension_declared",
    "in_force",
    "ratified",
    "acceded",
    "signed",
)
# each step and the steps it cannot come before
PREREQUISITES = {
    "ratified": ("signed",),
    "acceded": ("signed",),
    "in_force": ("ratified", "acceded"),
    "withdrawal_deposited": ("in_force",),
    "suspension_declared": ("in_force",),
    "withdrawal_effective": ("withdrawal_deposited",),
}


# ---------------------------------------------------------------- treaty status


@st.composite
def event_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A valid history of treaty events (kind and date), in the order they happened."""
    day = draw(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 1, 1)))
    events: list[dict[str, Any]] = []

    def add(kind: str) -> None:
        nonlocal day
        day += dt.timedelta(days=draw(st.integers(0, 2000)))
        events.append({"kind": kind, "date": day, "sources": SRC})

    signed = draw(st.booleans())
    if signed:
        add("signed")
    if draw(st.booleans()):
        add("ratified" if signed and draw(st.booleans()) else "acceded")
        if draw(st.booleans()):
            add("in_force")
            if draw(st.booleans()):
                add("suspension_declared")
            if draw(st.booleans()):
                add("withdrawal_deposited")
                if draw(st.booleans()):
                    add("withdrawal_effective")
    return events


def make(events: list[dict[str, Any]]) -> Country:
    return Country(iso3="LTU", name="Test", sources=SRC, treaty_events=events)


def a_day(data: st.DataObject, events: list[dict[str, Any]]) -> dt.date:
    """Any day, or (mostly) a day within a few days of one of the events, where status changes."""
    near = [e["date"] for e in events]
    use_near: bool = data.draw(st.booleans())
    if near and use_near:
        return data.draw(st.sampled_from(near)) + dt.timedelta(days=data.draw(st.integers(-3, 3)))
    return data.draw(st.dates(min_value=D(1980, 1, 1), max_value=D(2060, 1, 1)))


@FAST
@given(events=event_lists(), data=st.data())
def test_status_changes_only_on_event_dates(events: list[dict[str, Any]], data: st.DataObject) -> None:
    country, day = make(events), a_day(data, events)
    taken = [e["date"] for e in events if e["date"] <= day]
    last_change = max(taken) if taken else D(1, 1, 1)
    assert status_on(country, day) == status_on(country, last_change)


@FAST
@given(events=event_lists(), data=st.data())
def test_status_does_not_depend_on_the_order_events_are_listed(
    events: list[dict[str, Any]], data: st.DataObject
) -> None:
    shuffled, day = data.draw(st.permutations(events)), a_day(data, events)
    assert status_on(make(shuffled), day) == status_on(make(events), day)


@FAST
@given(events=event_lists(), data=st.data())
def test_explanation_gives_the_date_of_the_deciding_step(events: list[dict[str, Any]], data: st.DataObject) -> None:
    day = a_day(data, events)
    got = status_on(make(events), day)
    assert isinstance(got, TreatyStatus) and "\n" not in got.explanation
    taken = {e["kind"]: e["date"] for e in events if e["date"] <= day}
    deciding = next((kind for kind in DECIDING if kind in taken), None)
    if deciding is None:  # nothing has happened yet: the first step to come is named, if there is one
        assert got.status == "non_party"
        assert day_text(events[0]["date"]) in got.explanation if events else "never joined" in got.explanation
    else:
        assert day_text(taken[deciding]) in got.explanation, (deciding, got)
    if "withdrawal_effective" in taken:
        assert got.status == "withdrawn" and got.explanation.startswith(
            f"withdrawn since {day_text(taken['withdrawal_effective'])}"
        )


@FAST
@given(events=event_lists(), data=st.data())
def test_checker_accepts_valid_orders_and_names_an_event_moved_before_its_prerequisite(
    events: list[dict[str, Any]], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(events))
    assert event_problems(make(shuffled), "countries[0]") == []
    by_kind = {e["kind"]: e for e in shuffled}
    movable = [
        (j, by_kind[k]["date"])
        for j, e in enumerate(shuffled)
        for k in PREREQUISITES.get(e["kind"], ())
        if k in by_kind
    ]
    if not movable:
        return
    j, prerequisite_date = data.draw(st.sampled_from(movable))
    before = prerequisite_date - dt.timedelta(days=data.draw(st.integers(1, 5000)))
    moved = [dict(e, date=before) if i == j else e for i, e in enumerate(shuffled)]
    problems = event_problems(make(moved), "countries[0]")
    assert [(field, value) for field, value, _ in problems] == [
        (f"countries[0].treaty_events[{j}].date", before.isoformat())
    ]


# ---------------------------------------------------------------- lengths

WGS84 = Geod(ellps="WGS84")
points = st.lists(st.tuples(st.floats(0, 60), st.floats(45, 75)), min_size=2, max_size=25, unique=True)


def km(line: shapely.Geometry) -> float:
    return geodesic_length_km(line)


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6  # km: a millimetre


def pieces(coords: list[tuple[float, float]], cuts: list[int]) -> list[list[tuple[float, float]]]:
    """The polyline split at the given interior vertex indices (each piece shares its end vertex with the next)."""
    bounds = [0, *sorted(set(cuts)), len(coords) - 1]
    return [coords[a : b + 1] for a, b in itertools.pairwise(bounds)]


@FAST
@given(coords=points)
def test_length_does_not_depend_on_direction(coords: list[tuple[float, float]]) -> None:
    assert close(km(shapely.LineString(coords)), km(shapely.LineString(coords[::-1])))


@FAST
@given(coords=points, data=st.data())
def test_length_does_not_depend_on_order_or_direction_of_the_pieces(
    coords: list[tuple[float, float]], data: st.DataObject
) -> None:
    cuts = data.draw(st.lists(st.integers(1, len(coords) - 2), max_size=6)) if len(coords) > 2 else []
    parts = data.draw(st.permutations(pieces(coords, cuts)))
    flips = data.draw(st.lists(st.booleans(), min_size=len(parts), max_size=len(parts)))
    drawn = shapely.MultiLineString([p[::-1] if flip else p for p, flip in zip(parts, flips, strict=True)])
    assert close(km(shapely.LineString(coords)), km(drawn))


@FAST
@given(coords=points, data=st.data())
def test_vertices_added_on_the_geodesics_do_not_change_the_length(
    coords: list[tuple[float, float]], data: st.DataObject
) -> None:
    denser: list[tuple[float, float]] = []
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
        n = data.draw(st.integers(0, 4))
        denser += [(lon1, lat1), *(WGS84.npts(lon1, lat1, lon2, lat2, n) if n else [])]
    denser.append(coords[-1])
    assert close(km(shapely.LineString(coords)), km(shapely.LineString(denser)))


@FAST
@given(coords=points, data=st.data())
def test_a_border_split_into_sections_and_rows_keeps_its_length(
    coords: list[tuple[float, float]], data: st.DataObject
) -> None:
    """Sections of any kind, as rows in any order, sum to the whole line; each kind sums to its own sections."""
    cuts = data.draw(st.lists(st.integers(1, len(coords) - 2), max_size=8)) if len(coords) > 2 else []
    parts = pieces(coords, cuts)
    kinds = data.draw(st.lists(st.sampled_from(KINDS), min_size=len(parts), max_size=len(parts)))
    rows = data.draw(st.permutations(list(zip(kinds, parts, strict=True))))
    segments = gpd.GeoDataFrame(
        {"pair": ["LTU-RUS"] * len(rows), "kind": [k for k, _ in rows]},
        geometry=[shapely.MultiLineString([p]) for _, p in rows],
        crs="EPSG:4326",
    )
    by_kind = lengths_by_kind(segments)["LTU-RUS"]
    assert set(by_kind) == set(KINDS)
    assert close(sum(by_kind.values()), km(shapely.LineString(coords)))
    for kind in KINDS:
        assert close(
            by_kind[kind], sum(km(shapely.LineString(p)) for k, p in zip(kinds, parts, strict=True) if k == kind)
        )
