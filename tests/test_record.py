"""The record as a whole: every country the map draws has a status, and `validate` refuses what a reader could not
follow (a fact without a source, a source without an address or a date, or with a placeholder title or a title
that is not its address's words where it says it takes its title from its address)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.dates import EARLIEST, latest_day
from geo.errors import AtlasError
from geo.facts import Facts
from geo.gpkg import GeoPackage
from geo.treaty import status_on
from helpers import ROOT, Ran, dump_yaml, load_yaml, run_cli

FACTS = ROOT / "data" / "facts.yaml"


def one_line(done: Ran) -> str:
    assert done.returncode == 2 and done.stdout == "", (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def changed(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """data/facts.yaml with one change made to its data (a function of the data), written to tmp_path."""
    data = load_yaml(FACTS.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "facts.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def test_every_country_in_the_geometry_has_a_status_on_the_first_and_the_last_day(
    gpkg: GeoPackage, facts: Facts
) -> None:
    for code in dict.fromkeys(gpkg.countries["iso3"]):
        country = facts.country(code)
        assert country.treaty_events is not None, code
        for day in (EARLIEST, latest_day()):
            assert status_on(country, day).status, (code, day)


def test_a_country_drawn_without_a_status_is_refused(tmp_path: Path) -> None:
    def drop_germany(data: dict[str, Any]) -> None:
        data["countries"] = [c for c in data["countries"] if c["iso3"] != "DEU"]

    line = one_line(run_cli("validate", str(changed(tmp_path, drop_germany))))
    assert line.startswith(f"error: {tmp_path / 'facts.yaml'}: countries = 'DEU': drawn on the map but without treaty")


def test_a_fact_without_a_source_is_refused(tmp_path: Path) -> None:
    def unsourced(data: dict[str, Any]) -> None:
        data["borders"]["FIN-RUS"][0]["sources"] = []

    line = one_line(run_cli("validate", str(changed(tmp_path, unsourced))))
    assert "borders.FIN-RUS[0].sources = []" in line


@pytest.mark.parametrize(
    ("source", "field", "value", "says"),
    [
        ("nato-members", "url", None, "sources.nato-members.url = None: a published source needs its address"),
        ("isu-sweden", "date", None, "sources.isu-sweden.date = None: a published source needs its date"),
        (
            "isu-sweden",
            "title",
            "[A description, not a title]",
            "sources.isu-sweden.title = '[A description, not a title]': a placeholder",
        ),
        (
            "err-2026-02-19",
            "title",
            "Estonia installs 600 bunkers",
            "sources.err-2026-02-19.title = 'Estonia installs 600 bunkers': not the words of its address",
        ),
    ],
)
def test_validate_refuses_a_source_a_reader_could_not_open_or_date(
    tmp_path: Path, source: str, field: str, value: object, says: str
) -> None:
    def break_one(data: dict[str, Any]) -> None:
        entry = data["sources"][source]
        if value is None:
            entry.pop(field, None)
            if field == "date":
                entry.pop("accessed", None)
        else:
            entry[field] = value

    line = one_line(run_cli("validate", str(changed(tmp_path, break_one))))
    assert says in line and "(1 such problems in the file)" in line


def test_every_published_source_has_an_address_a_date_and_its_own_title(facts: Facts) -> None:
    from geo.audit import made_from_address, unsourced_publications
    from geo.facts.schema import Publication

    assert unsourced_publications(facts) == []
    published = [s for s in facts.sources.values() if isinstance(s, Publication)]
    assert published and all(s.url and (s.date or s.accessed) and not s.title.startswith("[") for s in published)
    from_address = [s for s in published if s.title_from == "address"]
    assert from_address and all(made_from_address(s.title, s.url or "") for s in from_address)


def test_a_seed_article_is_cited_with_its_publisher_and_address(facts: Facts) -> None:
    from geo.citations import references
    from geo.facts.schema import SeedQuote

    cited = references(
        [SeedQuote(seed="000_7b806bc2ae1b8a7b.txt", quote="Signed in 1997 and effective from 1999")], facts
    )
    assert (
        cited[0].publisher == "UNITED24 Media"
        and cited[0].url
        and cited[0].url.startswith("https://united24media.com/")
    )


def test_an_unknown_seed_in_the_seeds_section_is_refused(tmp_path: Path) -> None:
    def unknown(data: dict[str, Any]) -> None:
        data["seeds"]["999_nothing.txt"] = {"publisher": "X", "title": "Y", "grade": "media"}

    assert "seeds.999_nothing.txt = '999_nothing.txt': no such seed file" in one_line(
        run_cli("validate", str(changed(tmp_path, unknown)))
    )


def test_a_source_no_fact_cites_is_refused(tmp_path: Path) -> None:
    def extra(data: dict[str, Any]) -> None:
        data["sources"]["orphan"] = {"publisher": "P", "title": "T", "date": "2025", "grade": "media"}

    line = one_line(run_cli("validate", str(changed(tmp_path, extra))))
    assert "sources.orphan = 'orphan': never cited: cite it or remove the entry" in line


def test_what_is_kept_lets_the_least_recently_asked_for_go_first() -> None:
    from geo.kept import Kept

    kept: Kept[str, int] = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # asked for again: now the most recent
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)


def test_records_over_the_same_geopackage_share_its_layers_until_it_changes(tmp_path: Path) -> None:
    """Two facts files over one GeoPackage read it, and thin it for drawing, once; a changed GeoPackage is read."""
    import shutil

    import pyogrio

    from geo.record import open_record

    facts, gpkg = tmp_path / "facts.yaml", tmp_path / "atlas.gpkg"
    shutil.copyfile(FACTS, facts)
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", gpkg)
    first = open_record(facts, gpkg, ledger=False)
    facts.write_text(f"# another facts file\n{FACTS.read_text(encoding='utf-8')}", encoding="utf-8")
    second = open_record(facts, gpkg, ledger=False)
    assert second is not first and second.gpkg is first.gpkg
    assert second.base.countries is first.base.countries is first.gpkg.drawn.countries
    assert "neighbour" in first.base.borders and "neighbour" not in first.gpkg.drawn.borders  # each base's own columns
    countries = pyogrio.read_dataframe(gpkg, layer="countries")
    countries.loc[countries["iso3"] == "FIN", "name"] = "Suomi"
    pyogrio.write_dataframe(countries, gpkg, layer="countries", layer_options={"OVERWRITE": "YES"})
    changed = open_record(facts, gpkg, ledger=False)
    assert changed.gpkg is not first.gpkg and "Suomi" in set(changed.base.countries["name"])
    assert changed.facts is second.facts  # the facts file, unchanged, is not read again
    assert "Suomi" not in set(first.base.countries["name"])


def test_the_same_files_with_the_same_contents_give_the_record_already_open(tmp_path: Path) -> None:
    """Opening the record again costs nothing while its files are unchanged; an edit to any of them is read."""
    import shutil

    from geo.record import open_record

    facts = tmp_path / "facts.yaml"
    shutil.copyfile(FACTS, facts)
    first = open_record(facts)
    assert open_record(facts) is first and open_record(str(facts)) is first
    assert open_record(facts, ledger=False) is not first  # no ledger: another record
    assert open_record(facts, ledger=False).facts is first.facts  # over the same facts, read once
    text = facts.read_text(encoding="utf-8")
    verified = first.reach.verified
    today = dt.date.today()  # a later verification (never refused: no event after it, not in the future)
    edit = f"# edited\n{text.replace(f'verified: {verified.isoformat()}', f'verified: {today}', 1)}"
    facts.write_text(edit, encoding="utf-8")
    edited = open_record(facts)
    assert edited is not first and edited.reach.verified == today  # the edit is seen
    assert open_record(facts, ledger=False).facts is edited.facts
    facts.write_text(text, encoding="utf-8")
    assert open_record(facts).reach.verified == verified
    facts.write_text("countries: [\n", encoding="utf-8")  # broken since: refused, not the record open before
    with pytest.raises(AtlasError):
        open_record(facts)
