"""Citations out: the sources of a map as CSL-JSON, BibTeX, RIS and a reference list, read back by other libraries."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy

from geo.citations import STYLE, Reference, formatted, references
from geo.facts import Facts
from geo.facts.schema import Publication, SeedQuote
from geo.gpkg import GeoPackage
from geo.view import map_references, map_view, sources_on_map
from helpers import ROOT, load_yaml, run_cli

DAY = dt.date(2026, 3, 1)
HOSTILE = 'Title {with} unbalanced }{ braces, 100% & #1 $x_y^2~ \\end "quotes"\nER  - TY  - FAKE'


@pytest.fixture(scope="module")
def refs(gpkg: GeoPackage, facts: Facts) -> list[Reference]:
    return map_references(map_view(gpkg, facts, DAY))


def test_one_reference_per_publication_with_a_seeds_quotes_gathered_under_it(gpkg: GeoPackage, facts: Facts) -> None:
    view = map_view(gpkg, facts, DAY)
    sources = sources_on_map(view)
    refs = map_references(view)
    seeds = {s.seed for s in sources if isinstance(s, SeedQuote)}
    publications = {s for s in sources if isinstance(s, Publication)}
    assert len(refs) == len(seeds) + len(publications) < len(sources)  # each quote no longer counts as a source
    for seed in seeds:
        (ref,) = [r for r in refs if r.seed == seed]
        assert set(ref.quotes) == {s.quote for s in sources if isinstance(s, SeedQuote) and s.seed == seed}
    assert len({r.key for r in refs}) == len(refs)


def test_bibtex_is_read_back_by_bibtexparser(refs: list[Reference]) -> None:
    library = bibtexparser.parse_string(formatted(refs, "bibtex"))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == [r.key for r in refs]
    for entry, ref in zip(library.entries, refs, strict=True):
        assert entry.entry_type == "online"
        assert ("url" in entry.fields_dict) == bool(ref.url)


def test_ris_is_read_back_by_rispy(refs: list[Reference]) -> None:
    entries = rispy.loads(formatted(refs, "ris"))
    assert [entry["id"] for entry in entries] == [r.key for r in refs]
    for entry, ref in zip(entries, refs, strict=True):
        assert entry["title"] == " ".join(ref.title.split())
        assert entry.get("urls", [None])[0] == (ref.url.replace(";", "%3B") if ref.url else None)


def test_csl_json_is_read_and_formatted_by_citeproc(refs: list[Reference]) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(formatted(refs, "csl-json"))
    assert [item["id"] for item in items] == [r.key for r in refs]
    for item in items:
        assert set(item) <= {"id", "type", "title", "author", "publisher", "issued", "URL", "accessed", "note"}
        for key in ("issued", "accessed"):
            if key in item:
                assert all(isinstance(n, int) for n in item[key]["date-parts"][0])
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(STYLE, validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"].lower())]))
    assert len(bibliography.bibliography()) == len(items)


def test_the_reference_list_has_one_harvard_line_per_publication(refs: list[Reference]) -> None:
    lines = formatted(refs, "text").splitlines()
    assert len(lines) == len(refs)
    icrc = next(line for line in lines if "Ottawa Treaty Explained" in line)
    assert icrc.startswith("International Committee of the Red Cross (1998)") and "Available at: https://" in icrc


def test_a_list_formats_as_its_entries_alone_do_so_each_is_formatted_once(refs: list[Reference]) -> None:
    """reference_list formats each reference once in a process (geo.citations._FORMATTED), which is right only while
    citeproc formats each entry on its own: same publisher, same year or no date, no letter added (2025a, 2025b).
    """
    from geo import citations

    same = [Reference(f"K{n}", "webpage", f"Page {n}", "UNODA", date, f"https://example.org/{n}", None, grade="primary")
            for n, date in enumerate(["2025-06-27", "2025-03-01", None, None])]  # fmt: skip
    citations._FORMATTED.clear()
    together = citations.reference_list(same)
    citations._FORMATTED.clear()
    alone = [citations.reference_list([ref])[0] for ref in same]
    assert together == alone and together[0].startswith("UNODA (2025) Page 0") and "(no date)" in together[3]
    citations._FORMATTED.clear()
    fresh = citations.reference_list(refs)  # the record's own sources: formatted at once, then from the cache
    assert citations.reference_list(list(reversed(refs))) == list(reversed(fresh))


def test_hostile_text_stays_inside_its_field_in_every_format() -> None:
    facts_text = (ROOT / "data" / "facts.yaml").read_text(encoding="utf-8")
    data = load_yaml(facts_text)
    data["sources"]["icrc-ottawa-explained"]["title"] = HOSTILE
    facts = Facts.model_validate(_resolved(data))
    refs = references([facts.sources["icrc-ottawa-explained"]], facts)
    library = bibtexparser.parse_string(formatted(refs, "bibtex"))
    assert library.failed_blocks == [] and len(library.entries) == 1
    assert "FAKE" in library.entries[0].fields_dict["title"].value
    entries = rispy.loads(formatted(refs, "ris"))
    assert len(entries) == 1 and entries[0]["type_of_reference"] == "ELEC" and "FAKE" in entries[0]["title"]
    assert json.loads(formatted(refs, "csl-json"))[0]["title"] == HOSTILE


def _resolved(data: dict[str, object]) -> dict[str, object]:
    """The facts data with source ids replaced by their entries, as the loader does."""
    from geo.facts.load import _resolve_source_ids

    return _resolve_source_ids(data)[0]


@pytest.mark.parametrize("form", ["text", "csl-json", "bibtex", "ris"])
def test_the_command_line_prints_each_format(form: str, refs: list[Reference]) -> None:
    done = run_cli("sources", "--on", DAY.isoformat(), "--format", form)
    assert done.returncode == 0, done.stderr
    if form == "csl-json":
        assert [item["id"] for item in json.loads(done.stdout)] == [r.key for r in refs]
    else:
        assert done.stdout == formatted(refs, form)


def test_an_unknown_format_is_one_line() -> None:
    done = run_cli("sources", "--format", "docx")
    assert done.returncode == 2 and "--format" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_the_exported_map_saves_its_sources_offline(tmp_path: Path, refs: list[Reference]) -> None:
    """The page holds the three files once, as each reference's entries side by side, and its script
    (layers/web/static/sources.js, run by node) joins from them exactly the files the command line writes.
    """
    import subprocess

    out = tmp_path / "map.html"
    assert run_cli("export", "--out", str(out), "--on", DAY.isoformat()).returncode == 0
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a download="sources\.(\w+)" href="#" data-type="[^"]+" data-form="(\d)"', html)
    assert links == [("json", "0"), ("bib", "1"), ("ris", "2")]
    (packed,) = re.findall(r'<span class="atlas-cite-files" data-gz="([^"]+)"', html)
    entries = tmp_path / "entries.json"
    entries.write_bytes(gzip.decompress(base64.b64decode(packed)))
    script = (
        "const s = require(process.argv[1]); const fs = require('fs');"
        "process.stdout.write(JSON.stringify(s.citationFiles(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')))));"
    )
    joined = subprocess.run(
        ["node", "-e", script, str(ROOT / "layers/web/static/sources.js"), str(entries)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(joined.stdout) == [formatted(refs, form) for form in ("csl-json", "bibtex", "ris")]
    assert f"one of these {len(refs)} publications" in html


@pytest.mark.browser
def test_a_citation_link_saves_its_file_offline(browser, tmp_path: Path, refs: list[Reference]) -> None:
    out = tmp_path / "map.html"
    assert run_cli("export", "--out", str(out), "--on", DAY.isoformat(), "--static").returncode == 0
    page = browser.new_page(accept_downloads=True)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.resolve().as_uri())
    for suffix, form in (("bib", "bibtex"), ("ris", "ris"), ("json", "csl-json")):
        with page.expect_download() as saved:
            page.locator(f'a[download="sources.{suffix}"]').click()
        assert saved.value.suggested_filename == f"sources.{suffix}"
        assert Path(saved.value.path()).read_text(encoding="utf-8") == formatted(refs, form)
    assert [r for r in requests if not r.startswith(("file:", "data:", "blob:"))] == []
    page.close()
