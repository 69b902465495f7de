"""Located parts of plans (geo.parts): where each lies on its border, its stage on any date, and bad data refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import shapely

from geo.build.gazetteer import gazetteer_places
from geo.errors import AtlasError
from geo.facts import Facts, Publication, load_facts
from geo.geodesy import WGS84, geodesic_length_km
from geo.gpkg import GeoPackage
from geo.parts import LocatedPart, located_parts, parts_on, place_points
from geo.settings import FACTS_PATH, MAX_PLACE_KM, SEEDS_DIR
from geo.view import map_view
from helpers import dump_yaml, load_yaml, run_cli
from layers.web.details import located_text, part_details


@pytest.fixture(scope="module")
def parts(facts: Facts, gpkg: GeoPackage) -> tuple[LocatedPart, ...]:
    return located_parts(facts, gpkg.borders, gpkg.places)


def by_part(parts: tuple[LocatedPart, ...], ident: str) -> LocatedPart:
    return next(p for p in parts if p.part.id == ident)


def km_between(a: shapely.Point, b: shapely.Point) -> float:
    return float(WGS84.inv(a.x, a.y, b.x, b.y)[2]) / 1000


def test_every_part_is_located_and_cites_a_source_with_an_address_and_a_date(facts: Facts, parts) -> None:
    every = [part for plan in facts.plans for part in plan.parts]
    assert len(every) == len(parts) >= 15
    for part in every:
        published = [s for s in part.sources if isinstance(s, Publication)]
        assert published, part.id
        assert all(s.url and (s.date or s.accessed) for s in published), part.id


def test_every_place_lies_within_a_few_km_of_the_border_of_its_parts(facts: Facts, gpkg: GeoPackage, parts) -> None:
    points = place_points(facts, gpkg.places, gpkg.borders)
    lines = dict(zip(gpkg.borders["pair"], gpkg.borders.geometry, strict=True))
    for located in parts:
        border = lines[located.border]
        for place in located.places:
            point = points[place.id]
            nearest = shapely.ops.nearest_points(border, point)[0]
            assert km_between(point, nearest) <= MAX_PLACE_KM + 0.5, (located.part.id, place.name)


def test_each_stretch_is_measured_beside_its_stated_length(parts) -> None:
    stretches = [p for p in parts if p.located_km is not None and p.part.along is None]  # within a stretch: below
    assert {p.part.id for p in stretches} >= {"fin-fence-imatra-pilot", "fin-fence-vaalimaa", "pol-east-shield-rutka"}
    for located in stretches:
        assert located.located_km == pytest.approx(geodesic_length_km(located.geometry))
        stated = located.part.stated_km
        assert stated is not None, located.part.id
        text = located_text(located)
        assert f"{located.located_km:,.1f} km located" in text and f"stated {stated:g} km" in text
        # centred on one place, a stretch has its stated length unless the border ends first (then the gap is shown)
        if abs(located.located_km - stated) / stated > 0.02:
            assert "shorter" in text or "longer" in text, text


def test_a_stretch_between_two_places_runs_between_the_border_points_nearest_them(
    facts: Facts, gpkg: GeoPackage
) -> None:
    data = facts.model_dump(mode="json")
    fence = next(p for p in data["plans"] if p["id"] == "fin-border-fence")
    fence["parts"] = [
        {
            "id": "test-between",
            "kind": "fence",
            "title": "Nuijamaa to Imatra",
            "border": "RUS-FIN",
            "between": ["nuijamaa", "imatra"],
            "events": [{"kind": "construction_started", "date": "2024-01-01", "sources": fence["sources"][:1]}],
            "confidence": "claim",
            "sources": fence["sources"][:1],
        }
    ]
    edited = Facts.model_validate(data)
    located = by_part(located_parts(edited, gpkg.borders, gpkg.places), "test-between")
    assert located.precision == "between" and located.border == "FIN-RUS"
    points = place_points(edited, gpkg.places, gpkg.borders)
    border = dict(zip(gpkg.borders["pair"], gpkg.borders.geometry, strict=True))["FIN-RUS"]
    ends = [shapely.Point(located.geometry.coords[0]), shapely.Point(located.geometry.coords[-1])]
    for place in ("nuijamaa", "imatra"):
        nearest = shapely.ops.nearest_points(border, points[place])[0]
        assert min(km_between(nearest, end) for end in ends) < 0.3, place
    straight = km_between(*ends)
    assert located.located_km is not None
    assert straight < located.located_km < 3 * straight  # follows the border's bends, not a straight line


def test_a_part_shows_from_its_first_event_and_leaves_when_reopened(parts) -> None:
    def stage(ident: str, day: str) -> str | None:
        found = [s for s in parts_on(parts, dt.date.fromisoformat(day)) if s.located.part.id == ident]
        return found[0].stage if found else None

    assert stage("fin-fence-imatra-pilot", "2023-02-27") is None
    assert stage("fin-fence-imatra-pilot", "2023-02-28") == "under_construction"
    assert stage("fin-fence-imatra-pilot", "2023-08-30") == "under_construction"  # "2023-08" counts from its end
    assert stage("fin-fence-imatra-pilot", "2023-08-31") == "complete"
    assert stage("pol-closed-kuznica", "2021-11-09") == "complete"
    assert stage("pol-closed-kuznica", "2025-11-16") == "complete"
    assert stage("pol-closed-kuznica", "2025-11-17") is None  # reopened


def test_a_part_details_gives_its_state_timeline_place_confidence_and_sources(facts: Facts, gpkg: GeoPackage) -> None:
    view = map_view(gpkg, facts, dt.date(2026, 12, 1))
    stage = next(s for s in view.part_stages if s.located.part.id == "fin-fence-vaalimaa")
    html = part_details(stage, dt.date(2026, 12, 1))
    for text in (
        "Fence: Fence north and south of the Vaalimaa border crossing",
        "under construction by 23 Oct 2024",
        "start of construction: not known",
        "Dec 2025: target for completion",
        "60°36′00″N 027°48′30″E",
        "confidence: media report",
        "https://censor.net/",
    ):
        assert text in html, text
    imatra = next(s for s in view.part_stages if s.located.part.id == "fin-closed-imatra")
    assert "GeoNames 656688" in part_details(imatra, dt.date(2026, 12, 1))


def test_the_gazetteer_layer_is_the_pinned_gazetteer(facts: Facts, gpkg: GeoPackage) -> None:
    fresh = gazetteer_places(gpkg.borders)
    assert list(fresh["geonameid"]) == list(gpkg.places["geonameid"])
    assert list(fresh["name"]) == list(gpkg.places["name"])
    assert shapely.equals_exact(fresh.geometry.values, gpkg.places.geometry.values, tolerance=1e-9).all()
    named = {p.geonames for p in facts.places if p.geonames is not None}
    assert named <= set(gpkg.places["geonameid"])


# ---------------------------------------------------------------- bad data: one line naming file, field and value


def with_part(change: Any) -> dict[str, Any]:
    doc = load_yaml(FACTS_PATH.read_text(encoding="utf-8"))
    fence = next(p for p in doc["plans"] if p["id"] == "fin-border-fence")
    change(doc, fence["parts"][0])
    return doc


BAD = [
    ("a part without a source", lambda d, p: p.update(sources=[]), "plans[", "sources"),
    ("an unknown place", lambda d, p: p.update(around="atlantis"), ".parts[0].around", "unknown place"),
    (
        "an end before its start",
        lambda d, p: p.update(
            events=[
                {"kind": "construction_started", "date": "2023-02-28", "sources": ["raja-2023-02-28"]},
                {"kind": "completed", "date": "2022-05", "sources": ["raja-2023-02-28"]},
            ]
        ),
        ".parts[0]",
        "before its start",
    ),
    (
        "a place far from its border",
        lambda d, p: (
            d["places"].append({"id": "salla", "name": "Salla", "country": "FIN", "geonames": 638074})  # 19 km away
            or p.update(around="salla")
        ),
        ".parts[0].around",
        "km from the border FIN-RUS",
    ),
    (
        "a stretch on a border the atlas does not have",
        lambda d, p: p.update(border="FIN-EST"),
        ".parts[0].border",
        "border not in the borders section",
    ),
    (
        "a place in neither country of the border",
        lambda d, p: p.update(around="narva"),
        ".parts[0].around",
        "is in EST, not on the border FIN-RUS",
    ),
    (
        "a stretch along the border from a place not at its end",
        lambda d, p: p.update(around=None, along={"start": "imatra", "km": 10, "what": "x", "sources": p["sources"]}),
        ".parts[0].along.start",
        "from either end of the border FIN-RUS",
    ),
    (
        "a stretch along the border longer than the border",
        lambda d, p: (
            d["places"].append(
                {"id": "fin-rus-nor", "name": "Treriksrøysa", "country": "FIN", "tripoint": ["FIN", "RUS", "NOR"]}
            )
            or p.update(around=None, along={"start": "fin-rus-nor", "km": 5000, "what": "x", "sources": p["sources"]})
        ),
        ".parts[0].along.km",
        "longer than the border FIN-RUS",
    ),
    (
        "a tripoint of countries that do not meet",
        lambda d, p: d["places"].append({"id": "t", "name": "T", "country": "FIN", "tripoint": ["FIN", "EST", "LVA"]}),
        ".tripoint",
        "no such tripoint",
    ),
    (
        "a GeoNames id whose name differs",
        lambda d, p: d["places"].__setitem__(0, {**d["places"][0], "geonames": 644307}),
        "places[0].name",
        "GeoNames 644307 is 'Nuijamaa'",
    ),
]


@pytest.mark.parametrize(("case", "change", "field", "problem"), BAD, ids=[b[0] for b in BAD])
def test_bad_parts_give_one_line_and_write_nothing(
    tmp_path: Path, case: str, change: Any, field: str, problem: str
) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(dump_yaml(with_part(change), allow_unicode=True, sort_keys=False), encoding="utf-8")
    for done in (
        run_cli("validate", str(path)),
        run_cli("export", "--facts", str(path), "--out", str(tmp_path / "map.html"), "--on", "2026-01-01"),
    ):
        assert done.returncode == 2, (case, done.stdout)
        line = done.stderr.strip()
        assert len(line.splitlines()) == 1 and "Traceback" not in line, line
        assert str(path) in line and field in line and problem in line, line
    assert not (tmp_path / "map.html").exists()


def test_a_gazetteer_layer_without_the_place_is_named_in_the_error(facts: Facts, gpkg: GeoPackage) -> None:
    without = gpkg.places.loc[gpkg.places["geonameid"] != 656688]  # Imatra
    with pytest.raises(AtlasError, match=r"places\[\d+\]\.geonames = 656688: not in the gazetteer layer"):
        located_parts(facts, gpkg.borders, without, "atlas.gpkg")
    with pytest.raises(AtlasError, match=r"^atlas.gpkg: layer = 'places': missing or empty, but .* GeoNames places"):
        located_parts(facts, gpkg.borders, gpkg.places.iloc[0:0], "atlas.gpkg")


def test_the_shipped_facts_load_with_their_path_for_error_lines() -> None:
    assert load_facts(FACTS_PATH, seeds_dir=SEEDS_DIR).path == str(FACTS_PATH)


def test_a_part_on_a_border_the_geometry_lacks_is_named_in_the_error(facts: Facts, gpkg: GeoPackage) -> None:
    without = gpkg.borders.loc[gpkg.borders["pair"] != "FIN-RUS"]
    with pytest.raises(AtlasError, match=r"plans\[\d+\]\.parts\[0\]\.border = 'FIN-RUS': the atlas has no such border"):
        located_parts(facts, without, gpkg.places)


def test_a_stretch_along_the_border_from_a_tripoint_ends_where_its_stated_length_ends(
    facts: Facts, gpkg: GeoPackage, parts
) -> None:
    """Issue 25: Poland's wall lies within the Podlaski division's stretch, 246.93 km along the Belarus border from
    the tripoint with Lithuania: the part starts where the atlas's Poland–Lithuania and Poland–Belarus lines meet,
    and ends 246.93 km along the line (geodesic), on the line.
    """
    wall = by_part(parts, "pol-wall-podlaski-stretch")
    assert wall.precision == "along" and wall.part.along is not None and wall.part.along.km == 246.93
    lines = dict(zip(gpkg.borders["pair"], gpkg.borders.geometry, strict=True))
    start, end = shapely.Point(wall.geometry.coords[0]), shapely.Point(wall.geometry.coords[-1])
    for pair in ("POL-LTU", "POL-BLR"):  # the tripoint: on both lines
        assert km_between(start, shapely.ops.nearest_points(lines[pair], start)[0]) < 0.2, pair
    assert km_between(end, shapely.ops.nearest_points(lines["POL-BLR"], end)[0]) < 0.01  # on the line
    assert wall.located_km is not None and wall.located_km == pytest.approx(246.93, abs=0.01)  # within the rounding
    # measured along the line, not as the crow flies, and only part of the whole border
    assert km_between(start, end) < 0.9 * 246.93 and wall.located_km < 0.7 * geodesic_length_km(lines["POL-BLR"])
    text = located_text(wall)
    assert "within the first 246.93 km of the border from the Poland–Lithuania–Belarus tripoint" in text
    assert "not published" in text and "186 km stated" in text
    points = place_points(facts, gpkg.places, gpkg.borders)
    assert km_between(points["pol-ltu-blr-tripoint"], start) < 0.2  # the place the stretch is measured from
