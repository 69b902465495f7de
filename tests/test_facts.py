"""The facts layer: the real data/facts.yaml and the loader's one-line errors on bad input."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.errors import AtlasError
from geo.facts import Facts, Publication, SeedQuote, load_facts
from geo.facts.schema import Place
from geo.facts.seeds import normalise
from geo.facts.walk import values_under, walk
from geo.settings import SEEDS_DIR
from helpers import dump_yaml

PAIRS = [
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
]

# facts.md section 1, copied by hand: (iso3, kind) -> date.
TABLE = {
    ("FIN", "acceded"): "2012-01-09",
    ("FIN", "in_force"): "2012-07-01",
    ("FIN", "withdrawal_deposited"): "2025-07-10",
    ("FIN", "withdrawal_effective"): "2026-01-10",
    ("EST", "acceded"): "2004-05-12",
    ("EST", "in_force"): "2004-11-01",
    ("EST", "withdrawal_deposited"): "2025-06-27",
    ("EST", "withdrawal_effective"): "2025-12-27",
    ("LVA", "acceded"): "2005-07-01",
    ("LVA", "in_force"): "2006-01-01",
    ("LVA", "withdrawal_deposited"): "2025-06-27",
    ("LVA", "withdrawal_effective"): "2025-12-27",
    ("LTU", "signed"): "1999-02-26",
    ("LTU", "ratified"): "2003-05-12",
    ("LTU", "in_force"): "2003-11-01",
    ("LTU", "withdrawal_deposited"): "2025-06-27",
    ("LTU", "withdrawal_effective"): "2025-12-27",
    ("POL", "signed"): "1997-12-04",
    ("POL", "ratified"): "2012-12-27",
    ("POL", "in_force"): "2013-06-01",
    ("POL", "withdrawal_deposited"): "2025-08-20",
    ("POL", "withdrawal_effective"): "2026-02-20",
    ("NOR", "signed"): "1997-12-03",
    ("NOR", "ratified"): "1998-07-09",
    ("NOR", "in_force"): "1999-03-01",
    ("UKR", "signed"): "1999-02-24",
    ("UKR", "ratified"): "2005-12-27",
    ("UKR", "in_force"): "2006-06-01",
    ("UKR", "suspension_declared"): "2025-07-18",  # the UN notified; decree 29 Jun, law 15 Jul
    ("BLR", "acceded"): "2003-09-03",
    ("BLR", "in_force"): "2004-03-01",
    # the neighbours the map draws, all States Parties
    ("SWE", "signed"): "1997-12-03",
    ("SWE", "ratified"): "1998-11-30",
    ("SWE", "in_force"): "1999-05-01",
    ("DEU", "signed"): "1997-12-03",
    ("DEU", "ratified"): "1998-07-23",
    ("DEU", "in_force"): "1999-03-01",
    ("DNK", "signed"): "1997-12-04",
    ("DNK", "ratified"): "1998-06-08",
    ("DNK", "in_force"): "1999-03-01",
    ("CZE", "signed"): "1997-12-03",
    ("CZE", "ratified"): "1999-10-26",
    ("CZE", "in_force"): "2000-04-01",
    ("SVK", "signed"): "1997-12-03",
    ("SVK", "ratified"): "1999-02-25",
    ("SVK", "in_force"): "1999-08-01",
}


def seed_text(name: str) -> str:
    """A seed file's text, whitespace-normalised."""
    return normalise((SEEDS_DIR / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the real file


def test_real_file_loads(facts: Facts) -> None:
    assert facts.treaty.name.startswith("Ottawa Convention")
    assert len(facts.countries) >= 9


def test_the_values_under_the_record_are_those_walk_visits_in_its_order(facts: Facts) -> None:
    walked = [obj for _, obj in walk(facts)]
    assert len(walked) > 5000 and [id(v) for v in values_under(facts)] == [id(v) for v in walked]
    tree = {"a": [1, {"b": 2}], "c": 3}
    assert list(values_under(tree)) == [tree, [1, {"b": 2}], 1, {"b": 2}, 2, 3]  # depth first, in order
    assert [path for path, _ in walk(tree)] == ["", "a", "a[0]", "a[1]", "a[1].b", "c"]
    assert [path for path, _ in walk(facts)][:4] == ["", "record", "record.verified", "sources"]


def test_every_seed_quote_occurs_in_its_seed(facts: Facts) -> None:
    quotes = [(p, q) for p, q in walk(facts) if isinstance(q, SeedQuote)]
    assert len(quotes) > 20
    for path, q in quotes:
        assert normalise(q.quote) in seed_text(q.seed), path


def test_position_texts_are_verbatim_from_their_seeds(facts: Facts) -> None:
    for pos in facts.positions:
        seeds = [s.seed for s in pos.sources if isinstance(s, SeedQuote)]
        if seeds:
            assert any(normalise(pos.text) in seed_text(s) for s in seeds), pos.id


def test_every_sourced_item_has_resolved_sources(facts: Facts) -> None:
    count = 0
    for path, obj in walk(facts):
        for name in ("sources", "name_sources", "description_sources"):
            if hasattr(obj, name) and not isinstance(obj, Facts):
                if isinstance(obj, Place) and (obj.geonames is not None or obj.tripoint is not None):
                    continue  # its source is the gazetteer (credited in data/README.md), or the border lines
                srcs = getattr(obj, name)
                assert srcs, path
                assert all(isinstance(s, (SeedQuote, Publication)) for s in srcs), path
                count += 1
    assert count > 100


def test_all_fifteen_pairs_have_figures(facts: Facts) -> None:
    assert sorted(facts.borders) == sorted(PAIRS)
    for pair in PAIRS:
        figures = facts.official_figures(pair)
        assert len(figures) >= 2, pair
        assert any("CIA" in s.publisher for f in figures for s in f.sources if isinstance(s, Publication)), pair
        a, b = pair.split("-")
        assert facts.official_figures(f"{b}-{a}") == figures


def test_border_parts_and_disagreements_are_kept(facts: Facts) -> None:
    kms = {p: sorted(f.km for f in facts.official_figures(p)) for p in PAIRS}
    assert kms["FIN-RUS"] == [1309, 1340, 1343.6]
    assert kms["EST-RUS"] == [294, 324, 338, 338.6]
    assert kms["NOR-RUS"] == [191, 195.7, 197.7]
    assert kms["LTU-BLR"] == [640, 678.8, 678.819, 679]
    ltu_rus = next(f for f in facts.official_figures("LTU-RUS") if f.km == 294.4)
    assert ltu_rus.parts == {"land_and_inland_water": 253.7, "curonian_lagoon": 18.5, "baltic_sea": 22.2}
    ltu_blr = next(f for f in facts.official_figures("LTU-BLR") if f.km == 678.8)
    assert ltu_blr.parts == {"overland": 379.9, "rivers_and_lakes": 298.9}


def test_treaty_events_match_the_table_of_dates(facts: Facts) -> None:
    got = {(c.iso3, e.kind): e.date.isoformat() for c in facts.countries for e in c.treaty_events or []}
    assert got == TABLE
    assert facts.country("RUS").treaty_events == []
    signed = facts.country("LTU").event("signed")
    assert signed is not None and [a.date for a in signed.alternative_dates] == [dt.date(1999, 2, 22)]


def test_withdrawals_take_six_months(facts: Facts) -> None:
    assert facts.treaty.withdrawal_rule.notice_months == 6
    for c in facts.countries:
        dep, eff = c.event("withdrawal_deposited"), c.event("withdrawal_effective")
        if dep and eff:
            months = (eff.date.year - dep.date.year) * 12 + eff.date.month - dep.date.month
            assert (months, eff.date.day) == (6, dep.date.day), c.iso3


def test_focus_countries_and_nato_dates(facts: Facts) -> None:
    focus = {c.iso3 for c in facts.countries if c.focus}
    assert focus == {"FIN", "EST", "LVA", "LTU", "POL", "NOR"}
    assert facts.country("FIN").nato_member_since == dt.date(2023, 4, 4)
    assert facts.country("SWE").nato_member_since == dt.date(2024, 3, 7)
    assert facts.country("RUS").nato_member_since is None


def test_headline_figures_are_present(facts: Facts) -> None:
    amounts = [(a.value, a.currency) for p in facts.plans for a in p.amounts]
    quantities = [(q.value, q.unit) for x in [*facts.plans, *facts.claims] for q in x.quantities]
    assert (929_000_000, "USD") in amounts
    assert (2100, "miles") in quantities
    assert (1_029_763, "mines") in quantities  # Finland's stockpile, destroyed 2012-2015
    assert (5, "% of GDP") in quantities
    fin_rus = [f for f in facts.official_figures("FIN-RUS") if f.km == 1340]
    assert any(isinstance(s, SeedQuote) and "1,340 km" in s.quote for s in fin_rus[0].sources)
    assert any(m.count == 165 for m in facts.treaty.membership)
    assert "six months’ notice" in " ".join(
        s.quote for s in facts.treaty.withdrawal_rule.sources if isinstance(s, SeedQuote)
    )


def test_plans_reference_known_borders(facts: Facts) -> None:
    by_id = {p.id: p for p in facts.plans}
    assert by_id["fin-border-fence"].borders == ["FIN-RUS"]
    assert by_id["pol-east-shield"].borders == ["POL-RUS", "POL-BLR"]  # the Ukraine border is a later phase
    assert set(by_id["baltic-defence-line"].borders) == {"EST-RUS", "LVA-RUS", "LVA-BLR", "LTU-RUS", "LTU-BLR"}
    assert by_id["nato-5-percent-2035"].borders == []


def test_lookups_raise_atlas_error(facts: Facts) -> None:
    with pytest.raises(AtlasError, match="XYZ"):
        facts.country("XYZ")
    with pytest.raises(AtlasError, match="FIN-EST"):
        facts.official_figures("FIN-EST")


# ---------------------------------------------------------------- bad input

SEED = "Estonia deposited its instrument of withdrawal on 27 June.\n"


def minimal() -> dict[str, Any]:
    """A small valid facts document."""
    return {
        "record": {"verified": "2026-01-01"},
        "sources": {"pub": {"publisher": "P", "title": "T", "date": "2025-07", "grade": "media"}},
        "treaty": {
            "name": "Ottawa Convention",
            "name_sources": ["pub"],
            "milestones": [{"id": "m1", "kind": "entry_into_force", "date": "1999-03-01", "sources": ["pub"]}],
            "withdrawal_rule": {"article": "20(3)", "notice_months": 6, "text": "six months", "sources": ["pub"]},
        },
        "countries": [
            {
                "iso3": "EST",
                "name": "Estonia",
                "focus": True,
                "sources": ["pub"],
                "treaty_events": [
                    {"id": "e1", "kind": "acceded", "date": "2004-05-12", "sources": ["pub"]},
                    {"id": "e2", "kind": "in_force", "date": "2004-11-01", "sources": ["pub"]},
                    {
                        "id": "e3",
                        "kind": "withdrawal_deposited",
                        "date": "2025-06-27",
                        "sources": [{"seed": "s.txt", "quote": "deposited its  instrument\nof withdrawal"}],
                    },
                    {"id": "e4", "kind": "withdrawal_effective", "date": "2025-12-27", "sources": ["pub"]},
                ],
            },
            {"iso3": "RUS", "name": "Russia", "sources": ["pub"], "treaty_events": []},
        ],
        "borders": {"EST-RUS": [{"km": 324, "covers": "land boundary", "sources": ["pub"]}]},
        "plans": [
            {
                "id": "p1",
                "country": "EST",
                "title": "Line",
                "kind": "fortification_line",
                "events": [{"kind": "stated", "date": "2024-01", "sources": ["pub"]}],
                "confidence": "c",
                "borders": ["EST-RUS"],
                "sources": ["pub"],
            }
        ],
        "positions": [
            {
                "id": "q1",
                "country": "EST",
                "speaker": "S",
                "role": "R",
                "text": "instrument of withdrawal",
                "sources": [{"seed": "s.txt", "quote": "instrument"}],
            }
        ],
    }


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A seeds directory with one seed file."""
    d = tmp_path / "seeds"
    d.mkdir()
    (d / "s.txt").write_text(SEED, encoding="utf-8")
    return d


def write(tmp_path: Path, doc: dict[str, Any] | str | bytes) -> Path:
    """Write a document (mapping, text or bytes) to tmp_path/facts.yaml."""
    path = tmp_path / "facts.yaml"
    if isinstance(doc, bytes):
        path.write_bytes(doc)
    elif isinstance(doc, str):
        path.write_text(doc, encoding="utf-8")
    else:
        path.write_text(dump_yaml(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_minimal_document_loads(tmp_path: Path, seeds: Path) -> None:
    facts = load_facts(write(tmp_path, minimal()), seeds)
    assert facts.country("EST").treaty_events is not None
    src = facts.country("EST").sources[0]
    assert isinstance(src, Publication) and src.publisher == "P"


def edit(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    """A copy of the minimal document with one change applied."""
    doc = copy.deepcopy(minimal())
    change(doc)
    return doc


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets doc[path...] = value."""

    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


EV = ["countries", 0, "treaty_events"]
PE = ["plans", 0, "events"]
BAD: list[tuple[str, dict[str, Any] | str | bytes, str, str]] = [
    ("empty", "", "(top level)", "''"),
    ("whitespace only", "  \n\n", "(top level)", "'"),
    ("not utf-8", b"treaty:\n  name: Ottawa \xff\xfe\n", "byte 23", "b'\\xff'"),
    ("invalid yaml", "treaty:\n  name: [Ottawa\ncountries: 3\n", "line 3, column 10", "countries: 3"),
    ("duplicate yaml key", "treaty: 1\ntreaty: 2\n", "line 2, column 1", "treaty: 2"),
    ("top level list", "- 1\n- 2\n", "(top level)", "[1, 2]"),
    ("missing required field", edit(lambda d: d["countries"][0].pop("name")), "countries[0].name", "None"),
    ("wrong type date", edit(_set([*EV, 1, "date"], "soon")), "countries[0].treaty_events[1].date", "'soon'"),
    ("wrong type km", edit(_set(["borders", "EST-RUS", 0, "km"], "long")), "borders.EST-RUS[0].km", "'long'"),
    ("wrong event kind", edit(_set([*EV, 0, "kind"], "joined")), "countries[0].treaty_events[0].kind", "'joined'"),
    ("extra field", edit(_set(["countries", 1, "colour"], "red")), "countries[1].colour", "'red'"),
    ("empty sources", edit(_set(["plans", 0, "sources"], [])), "plans[0].sources", "[]"),
    ("unknown iso code", edit(_set(["countries", 1, "iso3"], "XYZ")), "countries[1].iso3", "'XYZ'"),
    ("lowercase iso code", edit(_set(["plans", 0, "country"], "est")), "plans[0].country[0]", "'est'"),
    (
        "unknown code in border key",
        edit(lambda d: d["borders"].update({"EST-QQQ": d["borders"]["EST-RUS"]})),
        "borders.EST-QQQ",
        "'EST-QQQ'",
    ),
    (
        "malformed border key",
        edit(lambda d: d["borders"].update({"ESTRUS": d["borders"]["EST-RUS"]})),
        "borders.ESTRUS",
        "'ESTRUS'",
    ),
    (
        "same border twice",
        edit(lambda d: d["borders"].update({"RUS-EST": d["borders"]["EST-RUS"]})),
        "borders.RUS-EST",
        "'RUS-EST'",
    ),
    ("plan border unknown", edit(_set(["plans", 0, "borders"], ["EST-LVA"])), "plans[0].borders[0]", "'EST-LVA'"),
    (
        "plan without a dated event",
        edit(_set([*PE, 0, "kind"], "target_complete")),
        "plans[0]",
        "needs a dated event",
    ),
    ("plan event unknown", edit(_set([*PE, 0, "kind"], "built")), "plans[0].events[0].kind", "'built'"),
    (
        "plan event without a date",
        edit(lambda d: d["plans"][0]["events"][0].pop("date")),
        "plans[0].events[0].date",
        "",
    ),
    ("plan event without sources", edit(_set([*PE, 0, "sources"], [])), "plans[0].events[0].sources", "[]"),
    (
        "complete plan without a start",
        edit(_set(PE, [{"kind": "completed", "date": "2025-05", "sources": ["pub"]}])),
        "plans[0]",
        "'completed' without a 'construction_started' event",
    ),
    (
        "completion before start",
        edit(
            _set(
                PE,
                [
                    {"kind": "construction_started", "date": "2025-05-02", "sources": ["pub"]},
                    {"kind": "completed", "date": "2025-04", "sources": ["pub"]},
                ],
            )
        ),
        "plans[0]",
        "'completed' on 2025-04 is before its start (2025-05-02)",
    ),
    (
        "start unknown without a reason",
        edit(
            lambda d: d["plans"][0].update(
                events=[{"kind": "completed", "date": "2025-05", "sources": ["pub"]}], start="unknown"
            )
        ),
        "plans[0]",
        "start_reason",
    ),
    ("ungraded source", edit(lambda d: d["sources"]["pub"].pop("grade")), "sources.pub.grade", ""),
    ("unknown grade", edit(_set(["sources", "pub", "grade"], "blog")), "sources.pub.grade", "'blog'"),
    (
        "two sources with one address",
        edit(
            lambda d: (
                d["sources"].update(
                    a={"publisher": "A", "title": "A", "date": "2025", "grade": "media", "url": "https://x.org/a"},
                    b={"publisher": "B", "title": "B", "date": "2025", "grade": "media", "url": "http://www.x.org/a/"},
                ),
                d["plans"][0]["sources"].extend(["a", "b"]),
            )
        ),
        "sources.b.url",
        "'http://www.x.org/a/'",
    ),
    ("verified in the future", edit(_set(["record", "verified"], "2999-01-01")), "record.verified", "'2999-01-01'"),
    (
        "event after the verification",
        edit(_set([*PE, 0, "date"], "2026-02")),
        "plans[0].events[0].date",
        "'2026-02'",
    ),
    (
        "withdrawal before joining",
        edit(_set([*EV, 2, "date"], "2004-01-01")),
        "countries[0].treaty_events[2].date",
        "'2004-01-01'",
    ),
    (
        "effective before deposited",
        edit(_set([*EV, 3, "date"], "2025-06-01")),
        "countries[0].treaty_events[3].date",
        "'2025-06-01'",
    ),
    (
        "in force before accession",
        edit(_set([*EV, 1, "date"], "2004-01-01")),
        "countries[0].treaty_events[1].date",
        "'2004-01-01'",
    ),
    (
        "withdrawal without joining",
        edit(lambda d: d["countries"][0]["treaty_events"].pop(1)),
        "countries[0].treaty_events[1].kind",
        "'withdrawal_deposited'",
    ),
    (
        "quote not in seed",
        edit(_set([*EV, 2, "sources", 0, "quote"], "deposited nothing")),
        "countries[0].treaty_events[2].sources[0].quote",
        "'deposited nothing'",
    ),
    ("position text not in seed", edit(_set(["positions", 0, "text"], "made up")), "positions[0].text", "'made up'"),
    (
        "unknown seed file",
        edit(_set([*EV, 2, "sources", 0, "seed"], "nope.txt")),
        "countries[0].treaty_events[2].sources[0].seed",
        "'nope.txt'",
    ),
    (
        "seed path outside seeds",
        edit(_set([*EV, 2, "sources", 0, "seed"], "../facts.yaml")),
        "countries[0].treaty_events[2].sources[0].seed",
        "'../facts.yaml'",
    ),
    ("duplicate id", edit(_set(["plans", 0, "id"], "e2")), "plans[0].id", "'e2'"),
    (
        "unknown source id",
        edit(_set(["countries", 1, "sources"], ["pub", "nowhere"])),
        "countries[1].sources[1]",
        "'nowhere'",
    ),
    ("bad publication", edit(_set(["sources", "pub", "title"], "")), "sources.pub.title", "''"),
    ("bad partial date", edit(_set(["sources", "pub", "date"], "2025-13")), "sources.pub.date", "'2025-13'"),
    ("parts exceed total", edit(_set(["borders", "EST-RUS", 0, "parts"], {"land": 400})), "borders.EST-RUS[0]", "324"),
]


@pytest.mark.parametrize(("doc", "field", "value"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_raises_one_line_atlas_error(
    tmp_path: Path, seeds: Path, doc: dict[str, Any] | str | bytes, field: str, value: str
) -> None:
    path = write(tmp_path, doc)
    with pytest.raises(AtlasError) as info:
        load_facts(path, seeds)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert f"{field} = " in message, message
    assert value in message, message
    assert info.value.field is not None and field in info.value.field


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(AtlasError, match=r"absent\.yaml.*file not found"):
        load_facts(path)


def test_too_large_file_is_refused_before_parsing(tmp_path: Path, seeds: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n[unclosed")
    with pytest.raises(AtlasError) as info:
        load_facts(path, seeds)
    assert "(file size) = " in str(info.value) and "MB" in str(info.value)
    assert "\n" not in str(info.value)
