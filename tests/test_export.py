"""The HTML export, end to end: offline in a real browser, byte-identical, small, and inert to hostile facts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from geo.facts import Facts
from helpers import Ran, all_text, details_held, dump_yaml, load_yaml, run_cli, run_module, unpacked_page
from layers.style import BACKGROUND, STATUS_COLOURS, STATUS_TEXT

ROOT = Path(__file__).resolve().parent.parent
DAY = "2026-03-01"
MAX_BYTES = 850_000  # a ceiling against regressions (770 kB on 5 Dec 2026); `make bench` measures the goal


def export(out: Path, *args: str) -> Ran:
    """`python -m atlas export --out OUT ARGS`, in-process."""
    return run_cli("export", "--out", str(out), *args)


@pytest.fixture(scope="module")
def default_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default export on one date (basemap none, every layer)."""
    out = tmp_path_factory.mktemp("export") / "atlas.html"
    done = export(out, "--on", DAY)
    assert done.returncode == 0, done.stderr
    return out


def test_default_export_is_at_most_1_5_mb(default_export: Path) -> None:
    assert default_export.stat().st_size <= MAX_BYTES


def test_the_page_holds_each_details_text_once_packed_and_the_features_refer_to_it(default_export: Path) -> None:
    """The details a click opens travel compressed (layers.web.panel), each text once; every feature with details
    holds the number of its own, and Estonia's says what a reader checks."""
    html = default_export.read_text(encoding="utf-8")
    details, citations = details_held(html)
    assert len(details) == len(set(details)) >= 40 and citations
    estonia = next(d for d in details if "<h2>Estonia</h2>" in d)
    assert '<span class="why">withdrawn since 27 Dec 2025 (deposited 27 Jun 2025)</span>' in estonia
    numbers = {int(n) for n in re.findall(r'"details":(\d+)', unpacked_page(html))}
    assert numbers == set(range(1, len(details) + 1))  # each text used, none missing
    assert "<h2>Estonia</h2>" not in html  # not written out a second time
    # the features themselves travel packed too (layers.web.vector), each layer unpacked as the page draws it
    assert '{"type":"FeatureCollection"' not in html and unpacked_page(html).count('{"type":"FeatureCollection"') >= 5


def test_same_arguments_give_a_byte_identical_file(default_export: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert export(again, "--on", DAY).returncode == 0
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(default_export.read_bytes()).hexdigest()


def test_a_different_date_gives_a_different_file(default_export: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.html"
    assert export(other, "--on", "2025-06-01").returncode == 0
    assert other.read_bytes() != default_export.read_bytes()
    assert "1 Jun 2025" in other.read_text(encoding="utf-8")


def test_the_page_names_no_outside_address_to_load(default_export: Path) -> None:
    html = default_export.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r"""url\(\s*['"]?(https?:)?//""", html)


def test_report_furniture_is_in_the_page(default_export: Path) -> None:
    html = default_export.read_text(encoding="utf-8")
    from geo import TOOL_NAME, __version__

    for text in (
        "as of",
        "1 Mar 2026",
        f"{TOOL_NAME} {__version__}",
        "© OpenStreetMap contributors",
        "<h2>Sources</h2>",
        "Treaty status",
    ):
        assert text in html, text


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """Open an exported file, recording every request and every dialog, console error and page error."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")  # names and the overview map come after the first paint
    return page, requests, problems


def text_below_the_map(page: Any, selector: str) -> str:
    """The text a reader sees under the map once scrolled to it (the table and sources are laid out only then)."""
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_function("(s) => document.querySelector(s).innerText.trim().length > 0", arg=selector)
    return str(page.locator(selector).inner_text())


NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
ARM_REST = """() => { window.atlasRested = new Promise(done => map_atlas.once('moveend',
  () => requestAnimationFrame(() => requestAnimationFrame(done)))); }"""


def moved(where: Any, move: str, arg: Any = None) -> None:
    """Run `move` (page script of `arg` that moves the map) in a page or frame, and wait until the map has come to
    rest and what follows a move has run (its moveend, then two frames: names are placed again in the first)."""
    where.evaluate(ARM_REST)
    where.evaluate(move, arg)
    where.evaluate("() => window.atlasRested")


FEATURES_JS = """() => {
  const kinds = {};
  map_atlas.eachLayer(l => {
    if (!l.feature) { return; }
    const p = l.feature.properties, k = p.iso3 ? 'country' : p.pair ? 'line' : p.name ? 'name' : p.kind || 'other';
    kinds[k] = (kinds[k] || 0) + 1;
  });
  return kinds;
}"""


def click_country(page: Any, lat: float, lon: float) -> str:
    """Click the map at a place and return the text of the details panel that opens."""
    x, y = page.evaluate(f"() => {{ const p = map_atlas.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}")
    box = page.locator("#map_atlas").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    panel = page.locator(".atlas-details-body")
    panel.wait_for(timeout=10_000)
    return str(panel.inner_text())


def test_export_draws_every_layer_offline_and_a_popup_opens(
    browser, default_export: Path, tmp_path: Path, facts: Facts
) -> None:
    page, requests, problems = open_page(browser, default_export)
    kinds = page.evaluate(FEATURES_JS)
    drawn_countries = page.evaluate(
        "() => { const s = new Set(); "
        "map_atlas.eachLayer(l => { if (l.feature && l.feature.properties.iso3) s.add(l.feature.properties.iso3); }); "
        "return [...s]; }"
    )
    assert {"FIN", "EST", "LVA", "LTU", "POL", "NOR", "RUS", "BLR"} <= set(drawn_countries)
    assert kinds["country"] >= 15  # every country and Kaliningrad Oblast
    assert kinds["corridor"] == 1 and kinds["narrowest"] == 1
    planned = {border for plan in facts.plans for border in plan.borders}
    assert len(planned) == 8  # East Shield (2), the Baltic Defence Line (5), Finland's fence (1)
    assert kinds["line"] >= 19 + len(planned)  # every border line, and a plan halo along each planned border
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert page.locator(".atlas-legend").inner_text().count("\n") >= 5
    text = click_country(page, 58.7, 25.5)
    assert "Estonia" in text and "Withdrawn" in text and "withdrawn since 27 Dec 2025" in text
    page.screenshot(path=str(tmp_path / "export.png"))
    outside = [u for u in requests if not (u.startswith("data:") or u == default_export.resolve().as_uri())]
    assert outside == []
    assert problems == []
    page.close()


CANVAS_CORNERS = """() => [...map_atlas.getPane('mapPane').querySelectorAll('canvas')].map(c => c.style.transform)"""


def _on_whole_pixels(transforms: list[str]) -> bool:
    """Each canvas moved by whole pixels only, and not scaled: drawn as the screen shows it, not resampled."""
    moves = [re.fullmatch(r"translate3d\((-?[\d.]+)px, (-?[\d.]+)px, 0px\)( scale\(1\))?", t) for t in transforms]
    return bool(moves) and all(m and float(m[1]).is_integer() and float(m[2]).is_integer() for m in moves)


def test_the_map_is_sharp_when_it_opens_and_after_every_jump(browser, default_export: Path) -> None:
    """The map's canvases lie on whole pixels when the page opens and after each move without animation (a fit,
    a view set from the address): Leaflet leaves them a fraction of a pixel off after such a move, and the browser
    blurs the whole map (Leaflet issue #6069).
    """
    page, _, problems = open_page(browser, default_export)
    assert _on_whole_pixels(page.evaluate(CANVAS_CORNERS)), page.evaluate(CANVAS_CORNERS)
    opened = page.evaluate("() => atlasPosition.get()")
    moved(page, "() => atlasPosition.fit([[57.5, 21.7], [59.7, 28.2]])")  # Estonia, as "Zoom to" does
    assert page.evaluate("() => atlasPosition.get()") != opened
    assert _on_whole_pixels(page.evaluate(CANVAS_CORNERS)), page.evaluate(CANVAS_CORNERS)
    moved(page, "() => atlasPosition.set('5.5/55.1234/24.5678')")  # a view from the address bar
    assert page.evaluate("() => atlasPosition.get()") == "5.5/55.1234/24.5678"
    assert _on_whole_pixels(page.evaluate(CANVAS_CORNERS)), page.evaluate(CANVAS_CORNERS)
    assert problems == []
    page.close()


def test_a_party_reads_as_a_party_before_withdrawal(browser, tmp_path: Path) -> None:
    out = tmp_path / "june.html"
    assert export(out, "--on", "2025-06-01", "--layers", "status").returncode == 0
    page, _, problems = open_page(browser, out)
    text = click_country(page, 58.7, 25.5)
    assert "Party" in text and "party since 1 Nov 2004" in text
    assert page.evaluate(FEATURES_JS) == {"country": 15, "name": 15 + 14}  # each country and Kaliningrad; capitals
    assert problems == []
    page.close()


HOSTILE = {
    "script": "<script>alert('script')</script>",
    "img": "<img src=x onerror=alert('img')>",
    "template": "${alert('template')}",
    "backtick": "`-alert('backtick')-`",
    "jinja": "{{ 7*7 }}",
}


def hostile_facts(tmp_path: Path) -> Path:
    """data/facts.yaml with attack strings in names, notes, figures, plans, positions and sources."""
    data = load_yaml((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    attack = " ".join(HOSTILE.values())
    est = next(c for c in data["countries"] if c["iso3"] == "EST")
    est["name"] = f"Estonia {attack}"
    est["note"] = attack
    data["borders"]["EST-RUS"][0]["covers"] = attack
    data["plans"][0]["title"] = attack
    data["plans"][0]["note"] = attack
    data["positions"].append(
        {
            "id": "hostile",
            "country": "EST",
            "speaker": attack,
            "role": attack,
            "text": attack,
            "form": "paraphrase",
            "sources": [
                {"publisher": attack, "title": attack, "url": "https://example.org/?q=`${x}`<script>", "grade": "media"}
            ],
        }
    )
    data["sources"]["icrc-ottawa-explained"]["publisher"] = (
        f"Red Cross {attack} </script><script>alert('break')</script>"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_hostile_texts_show_as_literal_text_and_run_nothing(browser, tmp_path: Path) -> None:
    facts = hostile_facts(tmp_path)
    out = tmp_path / "hostile.html"
    done = export(out, "--on", DAY, "--facts", str(facts), "--title", "Title " + " ".join(HOSTILE.values()))
    assert done.returncode == 0, done.stderr
    page, requests, problems = open_page(browser, out)
    page.wait_for_timeout(300)
    assert problems == []  # no alert dialog, no script error
    assert page.evaluate("() => document.querySelectorAll('img[src=x], script:not([src])').length") == page.evaluate(
        "() => document.querySelectorAll('script:not([src])').length"
    )  # no <img src=x> anywhere
    title = page.locator(".atlas-title").inner_text()
    sources = text_below_the_map(page, "#sources")
    page.evaluate("() => window.scrollTo(0, 0)")
    text = click_country(page, 58.7, 25.5)
    for shown in (title, sources, text):
        for attack in HOSTILE.values():
            assert attack in shown, (attack, shown[:300])
    assert "49" not in title  # {{ 7*7 }} was not evaluated
    assert [u for u in requests if not (u.startswith("data:") or u.startswith("file:"))] == []
    assert problems == []
    page.close()


FIN_JOINED = "Finland, for instance, dismantled over one million mines before joining the treaty in 2011."
SEED_002 = "002_53d9cebd3c2c4660.txt"


def test_the_sources_list_carries_the_verdicts_and_the_popup_marks_the_disputed_date(
    browser, default_export: Path
) -> None:
    page, _, problems = open_page(browser, default_export)
    text = click_country(page, 62.5, 26.0)
    assert (
        "Finland" in text and "Stated differently: seeds/002_53d9cebd3c2c4660.txt says “Finland, for instance" in text
    )
    assert "record: FIN: acceded 2012-01-09" in text
    claims = page.locator(f"#sources details[id='claims-{SEED_002.replace('.', '-')}']")
    assert claims.count() == 1
    claims_id = f"claims-{SEED_002.replace('.', '-')}"
    item = page.locator(f"#sources ol > li:has(> details[id='{claims_id}'])")
    assert f"seeds/{SEED_002}" in text_below_the_map(
        page, f"#sources ol > li:has(> details[id='{claims_id}'])"
    )  # under the article's own entry in the sources list
    assert item.locator("ul.quotes > li").count() >= 1  # with the quotes the record takes from it
    assert page.locator(f"#sources ol > li:has-text('seeds/{SEED_002}')").count() == 1  # one entry per article
    summary = claims.locator("summary").inner_text()
    assert re.search(r"\d+ claims: \d+ consistent, [1-9]\d* contradicted, \d+ imprecise, \d+ unverified", summary), (
        summary
    )
    assert not claims.locator("li").first.is_visible()  # folded until asked
    claims.locator("summary").click()
    lines = claims.locator("li").all_inner_texts()
    joined = [t for t in lines if "joined the treaty: in 2011" in t]
    assert joined == [
        "contradicted FIN, joined the treaty: in 2011 — record: FIN: acceded 2012-01-09; in force 2012-07-01 "
        "(Ministry for Foreign Affairs of Finland (2012-06-29))"
    ], lines
    assert sum(t.startswith("contradicted ") for t in lines) == int(re.search(r"(\d+) contradicted", summary).group(1))
    assert problems == []
    page.close()


def test_verdicts_follow_the_facts_file_given_and_can_be_left_out(default_export: Path, tmp_path: Path) -> None:
    """--facts: the ledger is checked against that file; --claims none: no verdicts at all."""
    line = re.compile(r'<li><b class="verdict-(\w+)">\w+</b> FIN, joined the treaty: in 2011')
    assert line.findall(default_export.read_text(encoding="utf-8")) == ["contradicted"]
    data = load_yaml((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    fin = next(c for c in data["countries"] if c["iso3"] == "FIN")
    next(e for e in fin["treaty_events"] if e["kind"] == "acceded")["date"] = "2011-11-30"
    facts = tmp_path / "facts.yaml"
    facts.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "other.html"
    done = export(out, "--on", DAY, "--facts", str(facts))
    assert done.returncode == 0, done.stderr
    assert line.findall(out.read_text(encoding="utf-8")) == ["consistent"]
    bare = tmp_path / "bare.html"
    assert export(bare, "--on", DAY, "--claims", "none").returncode == 0
    assert "Stated differently" in all_text(default_export.read_text(encoding="utf-8"))  # Finland's details, packed
    page = bare.read_text(encoding="utf-8")
    html = all_text(page)  # the page and what it carries packed
    assert any("<h2>Finland</h2>" in d for d in details_held(page)[0])
    # the legend folds in a <details> of its own (in the page's script, unescaped): no claims' <details> anywhere
    assert "Stated differently" not in html and "claims against the record" not in html
    assert '<details class="claims"' not in html and not re.search(r'class=\\?"verdict-', html)


def test_a_bad_claims_file_gives_one_line_and_writes_nothing(tmp_path: Path) -> None:
    data = load_yaml((ROOT / "data" / "claims.yaml").read_text(encoding="utf-8"))
    data["claims"][0]["quote"] = "a sentence no seed contains"
    bad = tmp_path / "claims.yaml"
    bad.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / "map.html"
    for path, words in ((bad, "claims[0].quote"), (tmp_path / "absent.yaml", "file not found")):
        done = export(target, "--on", DAY, "--claims", str(path))
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and path.name in done.stderr and words in done.stderr, (
            done.stderr
        )
        assert not target.exists()


def hostile_claims(tmp_path: Path) -> tuple[Path, Path]:
    """data/claims.yaml plus hostile claims about Estonia, and seeds holding their hostile quotes and file name."""
    attack = " ".join(HOSTILE.values())
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed_file in (ROOT / "seeds").glob("*.txt"):
        (seeds / seed_file.name).write_text(seed_file.read_text(encoding="utf-8"), encoding="utf-8")
    with (seeds / SEED_002).open("a", encoding="utf-8") as f:
        f.write(f"\nQuoted {attack} here.\n")
    named = "005 " + " ".join(v for v in HOSTILE.values() if "/" not in v) + ".txt"
    (seeds / named).write_text(f"Named {attack}.\n", encoding="utf-8")
    data = load_yaml((ROOT / "data" / "claims.yaml").read_text(encoding="utf-8"))
    for ident, seed, quote in (
        ("hostile-quote", SEED_002, f"Quoted {attack} here."),
        ("hostile-name", named, f"Named {attack}."),
    ):
        data["claims"].append(
            {
                "id": ident,
                "seed": seed,
                "quote": quote,
                "note": attack,
                "claim": {"subject": "EST", "attribute": f"attribute {attack}", "value": f"value {attack}"},
                "verdict": "contradicted",
                "record": f"record {attack}",
                "fact": "suwalki.widths[0]",
                "reason": f"reason {attack}",
            }
        )
    path = tmp_path / "claims.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, seeds


def test_hostile_claims_show_as_literal_text_and_run_nothing(browser, gpkg, facts, tmp_path: Path) -> None:
    import datetime as dt

    from geo.claims import load_claims
    from geo.model import map_model
    from geo.view import map_view
    from layers.web.page import export_html

    path, seeds = hostile_claims(tmp_path)
    view = map_view(gpkg, facts, dt.date.fromisoformat(DAY), load_claims(path, seeds_dir=seeds, facts=facts))
    assert {c.id for c in view.disputed_about("EST")} >= {"hostile-quote", "hostile-name"}
    out = tmp_path / "hostile.html"
    export_html(map_model(view, timed=True), out)
    page, requests, problems = open_page(browser, out)
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
    popup = click_country(page, 58.7, 25.5)
    notes = [n for n in page.locator(".atlas-details-body .disputed").all_inner_texts() if "attribute" in n]
    page.locator(f"#sources details[id='claims-{SEED_002.replace('.', '-')}'] summary").click()
    listed = [
        t
        for t in page.locator(f"#sources details[id='claims-{SEED_002.replace('.', '-')}'] li").all_inner_texts()
        if "EST, attribute" in t
    ]
    assert "Estonia" in popup and len(notes) == 2 and len(listed) == 1, (notes, listed)
    attack = " ".join(HOSTILE.values())  # every attack string, shown literally
    for part in ("attribute", "value", "record"):
        assert f"{part} {attack}" in listed[0], (part, listed[0])
        assert all(f"{part} {attack}" in n for n in notes), (part, notes)
    assert all(f"reason {attack}" in n for n in notes), notes
    assert any(f"“Quoted {attack} here.”" in n for n in notes), notes
    assert any("seeds/005 <img src=x onerror=alert('img')> ${alert('template')}" in n for n in notes), notes
    assert "49" not in " ".join(notes)  # {{ 7*7 }} was not evaluated
    assert [u for u in requests if not (u.startswith("data:") or u.startswith("file:"))] == []
    assert problems == []  # no alert dialog, no script error
    page.close()


def test_bad_arguments_give_one_line_and_write_nothing(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o500)
    cases = [
        (["--layers", "status", "rivers"], "--layers", "rivers"),
        (["--on", "2026-13-01"], "--on", "2026-13-01"),
        (["--on", "1996-12-31"], "--on", "1996-12-31"),
        (["--basemap", "Nowhere.Tiles"], "--basemap", "Nowhere.Tiles"),
        (["--facts", str(tmp_path / "missing.yaml")], "missing.yaml", "file not found"),
    ]
    for args, field, value in cases:
        done = export(target, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and field in done.stderr and value in done.stderr, done.stderr
        assert not target.exists()
    for out, value in ((tmp_path / "no" / "such" / "map.html", "folder does not exist"), (tmp_path, "is a folder")):
        done = export(out)
        assert done.returncode == 2 and value in done.stderr and "Traceback" not in done.stderr, done.stderr
    import os

    if os.geteuid() != 0:  # root writes anywhere
        done = export(readonly / "map.html")
        assert done.returncode == 2 and "not writable" in done.stderr
    if Path("/sys").is_dir():  # a folder nobody may write in, root included (Linux sysfs)
        done = export(Path("/sys/atlas-map.html"))
        assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert "--out = '/sys/atlas-map.html'" in done.stderr and not Path("/sys/atlas-map.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro"]


def test_a_failed_export_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_text("previous report map", encoding="utf-8")
    done = export(target, "--facts", str(tmp_path / "missing.yaml"))
    assert done.returncode == 2
    assert target.read_text(encoding="utf-8") == "previous report map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_snapshots_need_chromium_and_say_so(tmp_path: Path) -> None:
    from geo.errors import AtlasError
    from layers.web.snapshot import snapshot_ready

    with pytest.raises(AtlasError) as err:
        snapshot_ready("png", chromium=str(tmp_path / "no-chromium"))
    assert "--png" in err.value.line() and "Chromium is not installed" in err.value.line()


@pytest.mark.browser
def test_png_and_pdf_snapshots(tmp_path: Path) -> None:
    """As a real process: the snapshot starts its own Playwright, which cannot run beside the session's browser."""
    png, pdf = tmp_path / "map.png", tmp_path / "map.pdf"
    done = run_module(
        "export", "--out", str(tmp_path / "map.html"), "--on", DAY, "--png", str(png), "--pdf", str(pdf), timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert (
        b"/MediaBox [0 0 841" in pdf.read_bytes() or b"/MediaBox [0 0 842" in pdf.read_bytes()
    )  # A4 landscape, in points


SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" width="99" height="99"><rect width="99" height="99" fill="{}"/></svg>'


@pytest.mark.browser
def test_snapshots_are_taken_offline_from_the_page_alone(tmp_path: Path) -> None:
    """A snapshot loads the page's own file and its data: addresses, nothing else: no request reaches a server (a
    basemap's tiles are not in it) and no other file is read. As a real process, as above.
    """
    import http.server
    import subprocess
    import sys
    import threading

    from PIL import Image

    asked: list[str] = []

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(SQUARE.format("blue").encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    other = tmp_path / "other.svg"
    other.write_text(SQUARE.format("lime"), encoding="utf-8")
    page, png = tmp_path / "the page (EST) ł.html", tmp_path / "page.png"  # its own address, however written
    page.write_text(
        '<!DOCTYPE html><html lang="en"><body style="margin:0;background:#fff">'
        f'<img src="data:image/svg+xml,{SQUARE.format("red").replace(chr(34), chr(39))}">'
        f'<img src="{other.as_uri()}"><img src="http://127.0.0.1:{server.server_port}/tile.svg">'
        "<script>var AtlasVector = {drawn: () => document.readyState === 'complete'};</script></body></html>",
        encoding="utf-8",
    )
    script = (
        "import sys; from pathlib import Path; from layers.web.snapshot import snapshots; "
        "Path(sys.argv[2]).write_bytes(snapshots(Path(sys.argv[1]), ['png'])['png'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(page), str(png)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    server.shutdown()
    assert done.returncode == 0, done.stderr
    colours = {colour for _, colour in Image.open(png).convert("RGB").getcolors(maxcolors=1 << 16)}
    assert (255, 0, 0) in colours  # the page's own data: picture
    assert (0, 255, 0) not in colours and (0, 0, 255) not in colours  # neither another file nor a server's
    assert asked == []


PLAN_HALOS_JS = """() => {
  const halos = {};
  map_atlas.eachLayer(l => {
    if (l.feature && l.feature.properties.stage && l.feature.properties.located === false) {
      atlasDetails.show(l);
      const content = document.querySelector('.atlas-details-body');
      halos[l.feature.properties.pair] = {
        stage: l.feature.properties.stage, dash: l.options.dashArray || null,
        details: content.innerText, links: content.querySelectorAll('a[href^="http"]').length,
      };
      atlasDetails.hide();
    }
  });
  return halos;
}"""


@pytest.mark.browser
def test_plans_are_drawn_from_their_first_event_at_their_stage_on_the_date(browser, tmp_path: Path) -> None:
    early, late = tmp_path / "1998.html", tmp_path / "later.html"
    assert export(early, "--on", "1998-06-01").returncode == 0
    assert export(late, "--on", DAY).returncode == 0
    page, _, _ = open_page(browser, early)
    assert page.evaluate(PLAN_HALOS_JS) == {}  # no plan of 2024-2026 on a map of 1998
    page, requests, problems = open_page(browser, late)
    halos = page.evaluate(PLAN_HALOS_JS)
    fence = halos["FIN-RUS"]
    assert fence["stage"] == "under_construction" and fence["dash"]
    assert "under construction since 28 Feb 2023" in fence["details"] and fence["links"] >= 1
    assert halos["POL-RUS"]["stage"] == "under_construction"  # East Shield, from Nov 2024
    assert halos["POL-BLR"]["stage"] == "under_construction"  # East Shield too: the wall is located (below)
    assert "Steel wall" not in halos["POL-BLR"]["details"]  # no longer a band along the whole border
    wall = page.evaluate(PARTS_JS)["pol-wall-podlaski-stretch"]  # the wall: complete since Jun 2022, in its stretch
    assert wall["stage"] == "complete" and "complete since 30 Jun 2022" in wall["details"]
    assert 240 < wall["km"] < 250 and min(wall["lats"]) > 52.2  # the Podlaski stretch, not the Bug to the south
    assert "within the first 246.93 km of the border from the Poland–Lithuania–Belarus tripoint" in wall["details"]
    assert not [r for r in requests if not r.startswith(("file:", "data:"))] and not problems


@pytest.mark.browser
def test_a_band_looks_like_its_most_advanced_plan_and_lists_every_plan(browser, tmp_path: Path) -> None:
    out = tmp_path / "early-2024.html"
    assert export(out, "--on", "2024-03-15").returncode == 0
    page, _, _ = open_page(browser, out)
    halos = page.evaluate(PLAN_HALOS_JS)
    # on 15 Mar 2024 along Estonia-Russia: the Baltic Defence Line (agreed 19 Jan 2024; Latvia's first works of
    # March count from the month's end) and Estonia's bunkers (announced); along Finland-Russia the fence is
    # under construction
    assert halos["EST-RUS"]["stage"] == "decided" and halos["FIN-RUS"]["stage"] == "under_construction"
    assert halos["EST-RUS"]["dash"] != halos["FIN-RUS"]["dash"]
    assert "agreed or approved since 19 Jan 2024" in halos["EST-RUS"]["details"]
    assert "stated or proposed since 19 Jan 2024" in halos["EST-RUS"]["details"]


PARTS_JS = """() => {
  const parts = {};
  map_atlas.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (!p || !p.located) { return; }
    const latlngs = l.getLatLngs ? l.getLatLngs().flat(2) : [l.getLatLng()];
    let metres = 0;
    for (let i = 1; i < latlngs.length; i++) { metres += map_atlas.distance(latlngs[i - 1], latlngs[i]); }
    atlasDetails.show(l);
    const content = document.querySelector('.atlas-details-body');
    parts[p.part] = {
      kind: p.kind, stage: p.stage, dash: l.options.dashArray || null, km: metres / 1000, point: !l.getLatLngs,
      lats: latlngs.map(x => x.lat), details: content.innerText,
      links: [...content.querySelectorAll('a[href^="http"]')].map(a => a.href),
    };
    atlasDetails.hide();
  });
  return parts;
}"""


@pytest.mark.browser
def test_a_part_is_drawn_from_its_first_event_and_as_built_after_completion(browser, tmp_path: Path) -> None:
    before, during, after = tmp_path / "2022.html", tmp_path / "2023-06.html", tmp_path / "2024.html"
    for out, day in ((before, "2022-12-31"), (during, "2023-06-01"), (after, "2024-06-01")):
        assert export(out, "--on", day).returncode == 0
    page, _, _ = open_page(browser, before)
    assert "fin-fence-imatra-pilot" not in page.evaluate(PARTS_JS)  # before the pilot began (28 Feb 2023)
    page.close()
    page, _, _ = open_page(browser, during)
    pilot = page.evaluate(PARTS_JS)["fin-fence-imatra-pilot"]
    assert pilot["stage"] == "under_construction" and pilot["dash"]  # bold and dashed
    assert "under construction since 28 Feb 2023" in pilot["details"]
    page.close()
    page, requests, problems = open_page(browser, after)
    parts = page.evaluate(PARTS_JS)
    pilot = parts["fin-fence-imatra-pilot"]
    assert pilot["stage"] == "complete" and pilot["dash"] is None  # built: solid
    assert "complete since Aug 2023" in pilot["details"] and "Finnish Border Guard" in pilot["details"]
    assert any(link.startswith("https://raja.fi/") for link in pilot["links"])
    assert "3.0 km located along the border" in pilot["details"] and "stated 3 km" in pilot["details"]
    assert "fin-fence-vaalimaa" not in parts  # reported from Oct 2024
    assert parts["pol-closed-kuznica"]["details"].startswith("Closed border crossing")
    assert "closed since 9 Nov 2021" in parts["pol-closed-kuznica"]["details"]
    assert not [r for r in requests if not r.startswith(("file:", "data:"))] and not problems
    page.close()


@pytest.mark.browser
def test_finlands_fence_is_drawn_along_its_located_stretches_only(browser, facts: Facts, tmp_path: Path) -> None:
    out = tmp_path / "today.html"
    assert export(out, "--on", "2026-12-01").returncode == 0
    page, _, _ = open_page(browser, out)
    fence = {k: v for k, v in page.evaluate(PARTS_JS).items() if k.startswith("fin-fence-")}
    stretches = {k: v for k, v in fence.items() if not v["point"]}
    assert set(stretches) == {"fin-fence-imatra-pilot", "fin-fence-vaalimaa"}
    assert stretches["fin-fence-vaalimaa"]["km"] == pytest.approx(12, abs=1)
    assert stretches["fin-fence-imatra-pilot"]["km"] == pytest.approx(3, abs=0.5)
    assert sum(v["km"] for v in stretches.values()) < 20  # not the 1,255 km of the Finnish-Russian border
    for part in stretches.values():
        assert max(part["lats"]) - min(part["lats"]) < 0.15  # a stretch, not the border from the Gulf to Lapland
    # the rest of the fence is marked along the whole border as not located: broken, never solid
    halos = page.evaluate(PLAN_HALOS_JS)
    assert halos["FIN-RUS"]["dash"] and "Eastern border fence" in halos["FIN-RUS"]["details"]
    legend = page.locator(".atlas-legend").inner_text()
    assert "Not located" in legend and "Fence" in legend and "Closed border crossing" in legend
    page.close()


@pytest.mark.browser
def test_the_map_names_places_and_prints_without_its_controls(browser, default_export: Path) -> None:
    page, _, problems = open_page(browser, default_export)
    names = lambda: page.evaluate(  # noqa: E731 - read again after each zoom
        "() => [...document.querySelectorAll('.leaflet-tooltip.atlas-name')].filter(e => e.offsetParent)"
        ".map(e => e.textContent)"
    )
    page.wait_for_function("() => document.querySelector('.folium-map').classList.contains('atlas-far')")
    far = names()
    assert {"Finland", "Poland", "Lithuania", "Belarus", "Russia"} <= set(far) and "Vilnius" not in far
    moved(page, "() => { map_atlas.setView([55.5, 23.5], 7); }")
    near = names()
    assert {"Vilnius", "Riga", "Kaliningrad Oblast (Russia)"} <= set(near)
    shown = page.evaluate(NAMES_JS)  # zoomed in, capitals beside the country names: none on another
    assert [(a[0], b[0]) for i, a in enumerate(shown) for b in shown[i + 1 :] if _meet(a, b)] == []
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "() => ['.leaflet-control-zoom', '.leaflet-control-layers', '.leaflet-control-minimap']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    assert page.evaluate("() => getComputedStyle(document.querySelector('.atlas-sources')).breakBefore") == "page"
    assert page.locator(".atlas-legend").is_visible() and problems == []
    page.close()


ESTONIA_JS = """() => { let s = null; map_atlas.eachLayer(l => {
  if (l.feature && l.feature.properties.iso3 === 'EST') { s = l; } }); return s.options.fillColor; }"""


@pytest.mark.browser
def test_the_exported_map_carries_its_own_time(browser, tmp_path: Path) -> None:
    from layers.style import STATUS_COLOURS

    out = tmp_path / "timed.html"
    assert export(out, "--on", "2025-06-26").returncode == 0
    page, requests, problems = open_page(browser, out)
    page.evaluate("() => { window.sameDocument = 'yes'; }")
    assert page.evaluate(ESTONIA_JS) == STATUS_COLOURS["party"]
    assert page.locator(".atlas-date").first.inner_text() == "26 Jun 2025"
    # the next event from 26 Jun 2025 is 27 Jun 2025: Estonia notified its withdrawal
    page.locator(".atlas-time .next").click()
    assert page.evaluate("() => atlasTime.date()") == "2025-06-27"
    assert page.evaluate(ESTONIA_JS) == STATUS_COLOURS["withdrawal_notified"]
    text = click_country(page, 58.7, 25.5)
    assert "Withdrawal notified" in text and "withdrawal deposited 27 Jun 2025" in text and "27 Jun 2025" in text
    page.keyboard.press("Escape")
    # the date typed: 1 Mar 2026, Estonia has withdrawn; the legend and the title follow
    page.locator(".atlas-time .typed").fill("2026-03-01")
    page.locator(".atlas-time .typed").dispatch_event("change")
    assert page.evaluate(ESTONIA_JS) == STATUS_COLOURS["withdrawn"]
    assert page.locator(".atlas-date").first.inner_text() == "1 Mar 2026"
    legend = page.locator(".atlas-legend").inner_text()
    assert "Withdrawn" in legend and "Withdrawal notified" not in legend
    # the slider back to the first day: no plan yet, every band and part hidden
    page.locator(".atlas-time .slider").fill("0")
    assert page.evaluate("() => atlasTime.date()") == "1997-01-01"
    assert page.evaluate(PLAN_HALOS_JS) == {} and page.evaluate(PARTS_JS) == {}
    assert page.evaluate("() => window.sameDocument") == "yes"  # no reload
    assert [r for r in requests if not r.startswith(("data:", "file:"))] == [] and len(requests) == len(
        [r for r in requests if r.startswith("data:") or r == out.resolve().as_uri()]
    )
    assert problems == []
    page.close()


@pytest.mark.browser
def test_the_date_control_writes_and_reads_a_day_the_atlas_way_in_any_locale(browser, tmp_path: Path) -> None:
    out = tmp_path / "timed.html"
    assert export(out, "--on", "2025-06-01").returncode == 0
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(out.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    typed, said = page.locator(".atlas-time .typed"), page.locator(".atlas-time [role=status]")
    assert typed.input_value() == "1 Jun 2025"  # not 06/01/2025, which a European reader takes for 6 January
    assert page.locator(".atlas-time .slider").get_attribute("aria-valuetext") == "1 Jun 2025"
    typed.fill("27 Dec 2025")
    typed.press("Enter")  # Enter applies a typed day
    assert page.evaluate("() => atlasTime.date()") == "2025-12-27" and said.inner_text() == "Map date 27 Dec 2025"
    assert said.get_attribute("aria-live") == "polite"
    typed.fill("12/27/2025")
    typed.press("Enter")  # not a day the atlas reads: marked, and the map stays
    assert typed.get_attribute("aria-invalid") == "true" and page.evaluate("() => atlasTime.date()") == "2025-12-27"
    typed.fill("1997-01-01")
    typed.press("Enter")
    assert page.locator(".atlas-time .prev").is_disabled() and not page.locator(".atlas-time .next").is_disabled()
    last_event = page.evaluate("() => { let d; do { d = atlasTime.date(); document.querySelector('.atlas-time .next')"
                               ".click(); } while (atlasTime.date() !== d); return d; }")  # fmt: skip
    assert page.locator(".atlas-time .next").is_disabled() and page.locator(".atlas-time .play").is_disabled()
    assert not page.locator(".atlas-time .prev").is_disabled() and last_event >= "2026-01-01"
    context.close()


CONTROL_BOXES = [".atlas-title", ".atlas-time", ".atlas-legend", ".leaflet-control-layers", ".leaflet-control-zoom",
                 ".leaflet-control-minimap", ".leaflet-control-scale", ".leaflet-control-attribution",
                 ".atlas-measure", ".leaflet-control-zoom-fullscreen"]  # fmt: skip
OVERLAPS_JS = """(selectors) => {
  const boxes = selectors.map(s => [s, document.querySelector(s)])
    .filter(([, e]) => e && e.offsetParent !== null).map(([s, e]) => [s, e.getBoundingClientRect()]);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      const meet = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
      if (meet) { found.push(a + ' over ' + b); }
    }
  }
  return {found, shown: boxes.map(([s]) => s)};
}"""


# a focus country's whole box on the map and under none of the boxes in its corners
COUNTRY_CLEAR = """(code) => {
  const m = document.getElementById('map_atlas').getBoundingClientRect(), size = map_atlas.getSize();
  let box = null;
  map_atlas.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (p && p.iso3 === code && (!p.part || p.part === 'mainland')) { box = l.getBounds(); }
  });
  const a = map_atlas.latLngToContainerPoint(box.getNorthWest());
  const b = map_atlas.latLngToContainerPoint(box.getSouthEast());
  const out = [];
  if (a.x < 0 || a.y < 0 || b.x > size.x || b.y > size.y) { out.push('outside the map'); }
  [...document.querySelectorAll('.leaflet-control')].filter(c => c.offsetParent).forEach(c => {
    const r = c.getBoundingClientRect();
    const x0 = Math.max(r.left, m.left + a.x), x1 = Math.min(r.right, m.left + b.x);
    const y0 = Math.max(r.top, m.top + a.y), y1 = Math.min(r.bottom, m.top + b.y);
    if (x1 - x0 > 1 && y1 - y0 > 1) { out.push('under ' + c.className.split(' ').slice(0, 2).join(' ')); }
  });
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768), (1440, 900), (1920, 1080), (390, 844)])
def test_no_control_lies_over_another(browser, default_export: Path, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(default_export.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    fold = page.locator(".atlas-legend summary")
    for _ in range(2):  # the legend as it opens, then folded or unfolded by the reader
        page.evaluate(NEXT_FRAMES)  # the legend's room follows its corner (a ResizeObserver, before a frame)
        boxes = page.evaluate(OVERLAPS_JS, CONTROL_BOXES)
        assert boxes["found"] == [], boxes
        assert {".atlas-title", ".atlas-time", ".atlas-legend"} <= set(boxes["shown"])
        fold.click()
    names = page.evaluate(NAMES_JS)  # and no name or width label on the map lies on another
    assert len(names) >= 10 and "65.4 km" in {n[0] for n in names}
    meeting = [f"{a[0]} over {b[0]}" for i, a in enumerate(names) for b in names[i + 1 :] if _meet(a, b)]
    assert meeting == []
    assert page.evaluate(WIDTH_ON_CORRIDOR_JS) < 0.1  # the Suwałki width label lies off the corridor it measures
    for code in ("FIN", "EST", "LVA", "LTU", "POL"):  # zoomed to each focus country, as `export --country` opens
        moved(page, FIT_COUNTRY_JS, code)  # and its names placed again
        assert page.evaluate(COUNTRY_CLEAR, code) == [], (code, width)
        assert page.evaluate(OVERLAPS_JS, CONTROL_BOXES)["found"] == [], code
        names = page.evaluate(NAMES_JS)
        assert [f"{a[0]} over {b[0]}" for i, a in enumerate(names) for b in names[i + 1 :] if _meet(a, b)] == []
    page.close()


FIT_COUNTRY_JS = """(code) => {
  let b = null;
  map_atlas.eachLayer(l => { const p = l.feature && l.feature.properties;
    if (p && p.iso3 === code && (!p.part || p.part === 'mainland')) { b = l.getBounds(); } });
  atlasPosition.fit([[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]]);
}"""


def _meet(a: list[Any], b: list[Any]) -> bool:
    """Whether two names' boxes ([text, left, top, right, bottom]) overlap."""
    return bool(a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4])


WIDTH_ON_CORRIDOR_JS = """() => {
  let corridor = null;
  map_atlas.eachLayer(l => {
    if (l.feature && l.feature.properties.kind === 'corridor' && l.getLatLngs) { corridor = l; }
  });
  const ring = corridor.getLatLngs().flat(3).map(ll => map_atlas.latLngToContainerPoint(ll));
  const map = map_atlas.getContainer().getBoundingClientRect();
  const label = [...document.querySelectorAll('.leaflet-tooltip.atlas-label')].find(e => / km$/.test(e.textContent))
    .getBoundingClientRect();
  const inside = (x, y) => {
    let found = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i], b = ring[j];
      if ((a.y > y) !== (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) { found = !found; }
    }
    return found;
  };
  let all = 0, on = 0;
  for (let x = label.left; x <= label.right; x += 2) {
    for (let y = label.top; y <= label.bottom; y += 2) { all++; if (inside(x - map.left, y - map.top)) { on++; } }
  }
  return on / all;
}"""


NAMES_JS = """() => [...document.querySelectorAll('.leaflet-tooltip.atlas-name, .leaflet-tooltip.atlas-label')]
  .filter(e => getComputedStyle(e).display !== 'none' && e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom]; })"""


@pytest.mark.browser
def test_the_wheel_scrolls_the_page_and_zooms_the_map_only_when_asked(browser, default_export: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(default_export.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    zoom = page.evaluate("() => map_atlas.getZoom()")
    page.mouse.move(500, 400)
    page.mouse.wheel(0, 400)  # over the map: the page scrolls towards the table and sources, the map stays
    page.wait_for_timeout(400)
    assert page.evaluate("() => map_atlas.getZoom()") == zoom and page.evaluate("() => window.scrollY") > 0
    assert page.locator(".atlas-wheel-hint.shown").count() == 1  # and the map says how to zoom it
    page.evaluate("() => window.scrollTo(0, 0)")
    page.keyboard.down("Control")
    page.mouse.move(500, 400)
    page.mouse.wheel(0, -300)  # with Ctrl held: the map zooms in, the page does not
    page.keyboard.up("Control")
    page.wait_for_function(f"() => map_atlas.getZoom() > {zoom}")
    assert page.evaluate("() => window.scrollY") == 0
    page.close()


# the measuring tool's shapes on the map (not clickable, unlike every feature), with their number of points
MEASURED_SHAPES = """() => { const out = []; map_atlas.eachLayer(l => {
  if (l.getLatLngs && l.options.interactive === false) { out.push(l.getLatLngs().flat().length); } }); return out; }"""


@pytest.mark.browser
def test_the_ruler_measures_a_path_and_its_area_and_clicks_open_no_details_meanwhile(
    browser, default_export: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(default_export.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    ruler = page.get_by_role("button", name="Measure distances and areas")
    ruler.click()
    assert ruler.get_attribute("aria-pressed") == "true"
    box = page.locator("#map_atlas").bounding_box()
    assert box is not None
    clicked = []
    for lat, lon in ((60.5, 26.0), (61.5, 26.0), (61.5, 28.0)):  # in Finland: a country's click would open details
        x, y = page.evaluate(
            f"() => {{ const p = map_atlas.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}"
        )
        page.mouse.click(box["x"] + x, box["y"] + y)
        clicked.append(
            page.evaluate(f"() => {{ const l = map_atlas.containerPointToLatLng([{x}, {y}]); return [l.lat, l.lng]; }}")
        )
    said = page.locator(".atlas-measure-box [role=status]").inner_text()
    legs = page.evaluate(
        "(c) => map_atlas.distance(c[0], c[1]) + map_atlas.distance(c[1], c[2])", clicked
    )  # Leaflet's own great-circle distance
    assert said.startswith(f"Length {legs / 1000:,.1f} km (") and " mi) · area " in said and said.endswith(" km²"), said
    area = float(said.split("area ")[1].removesuffix(" km²").replace(",", ""))
    assert 5000 < area < 7000, said  # half of a 1° × 2° cell at 61° N: about 5,990 km²
    assert page.locator(".atlas-details:visible, .atlas-panel:visible").count() == 0  # no details opened
    assert page.evaluate(MEASURED_SHAPES) == [3]  # the path closed into an area, drawn on the map
    page.get_by_role("button", name="Finish").click()  # kept on the map, the focus back on the tool's button
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Measure distances and areas"
    assert page.evaluate(MEASURED_SHAPES) == [3] and ruler.get_attribute("aria-pressed") == "false"
    page.mouse.click(box["x"] + 20, box["y"] + box["height"] - 60)  # no longer measuring: a click adds nothing
    assert page.evaluate(MEASURED_SHAPES) == [3]
    page.evaluate("() => map_atlas.getContainer().focus()")
    page.keyboard.press("Escape")  # clears
    assert page.locator(".atlas-measure-box").is_hidden() and ruler.get_attribute("aria-pressed") == "false"
    assert page.evaluate(MEASURED_SHAPES) == []
    page.close()


UNDER_CONTROL_JS = """([lat, lon]) => {
  const p = map_atlas.latLngToContainerPoint([lat, lon]), map = map_atlas.getContainer().getBoundingClientRect();
  const x = map.left + p.x, y = map.top + p.y;
  if (p.x < 0 || p.y < 0 || p.x > map.width || p.y > map.height) { return 'off the map'; }
  const over = [...map_atlas.getContainer().querySelectorAll('.leaflet-control')]
    .filter(e => e.offsetParent !== null).map(e => [e.className, e.getBoundingClientRect()])
    .filter(([, r]) => r.left <= x && x <= r.right && r.top <= y && y <= r.bottom);
  return over.length ? over[0][0] : '';
}"""
# a place well inside each country, 0.2° or more from any shore or lake drawn (63.0 N, 27.5 E lies on Kallavesi's)
FOCUS_PLACES = {"Finland": (64.0, 27.0), "Estonia": (58.7, 25.5), "Latvia": (56.9, 25.5), "Lithuania": (55.3, 24.0),
                "Poland": (52.3, 19.5)}  # fmt: skip


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768), (390, 844)])
def test_a_country_clicked_stays_in_view_beside_its_details(
    browser, default_export: Path, width: int, height: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(default_export.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    for name, (lat, lon) in FOCUS_PLACES.items():
        page.evaluate("() => atlasPosition.home()")
        assert name in click_country(page, lat, lon)
        assert page.evaluate(UNDER_CONTROL_JS, [lat, lon]) == "", name  # not under the legend, title or controls
        page.keyboard.press("Escape")
    page.close()


@pytest.mark.browser
def test_a_static_export_has_no_date_control(browser, tmp_path: Path) -> None:
    out = tmp_path / "static.html"
    assert export(out, "--on", "2026-03-01", "--static").returncode == 0
    page, _, problems = open_page(browser, out)
    assert page.locator(".atlas-time").count() == 0 and page.evaluate("() => typeof window.atlasTime") == "undefined"
    assert "AtlasTime.control(" not in out.read_text(encoding="utf-8")  # no time control made
    assert page.evaluate(ESTONIA_JS) == "#D55E00" and problems == []
    static_tips = page.evaluate(TOOLTIPS_JS)
    page.close()
    timed = tmp_path / "timed.html"
    assert export(timed, "--on", "2026-03-01").returncode == 0
    page, _, _ = open_page(browser, timed)
    timed_tips = page.evaluate(TOOLTIPS_JS)
    page.close()
    # one wording, whether the page wrote it or the map's own time rewrote it for the day
    assert static_tips == timed_tips
    assert any(" · furthest: " in tip for tip in timed_tips.values())
    assert any(tip.startswith("Fence: ") and " · " in tip for tip in timed_tips.values())


TOOLTIPS_JS = """() => {
  const tips = {};
  map_atlas.eachLayer(l => {
    const p = l.feature && l.feature.properties, t = l.getTooltip && l.getTooltip();
    if (!p || !t || !(p.iso3 || p.part || p.planIds) || !map_atlas.hasLayer(l)) { return; }
    const box = document.createElement('div'), content = t.getContent();
    if (typeof content === 'string') { box.innerHTML = content; } else { box.appendChild(content.cloneNode(true)); }
    tips[p.part || p.pair || p.iso3] = box.textContent;
  });
  return tips;
}"""


@pytest.mark.browser
def test_the_land_stays_when_treaty_status_is_switched_off(browser, default_export: Path, tmp_path: Path) -> None:
    from layers.style import LAND, STATUS_COLOURS

    page, _, problems = open_page(browser, default_export)
    assert page.evaluate(ESTONIA_JS) == STATUS_COLOURS["withdrawn"]
    page.locator(".leaflet-control-layers-overlays label", has_text="Treaty status").locator("input").click()
    assert page.evaluate(ESTONIA_JS) == LAND and page.evaluate(FEATURES_JS)["country"] == 15  # land, not a hole
    assert "Withdrawn" not in page.locator(".atlas-legend").inner_text()
    page.evaluate("() => { atlasTime.setDate('2025-06-27'); }")  # the day moves: still plain land
    assert page.evaluate(ESTONIA_JS) == LAND
    page.locator(".leaflet-control-layers-overlays label", has_text="Treaty status").locator("input").click()
    assert page.evaluate(ESTONIA_JS) == STATUS_COLOURS["withdrawal_notified"] and problems == []
    page.close()
    bare = tmp_path / "borders.html"
    assert export(bare, "--on", DAY, "--layers", "borders").returncode == 0
    page, _, problems = open_page(browser, bare)
    assert page.evaluate(ESTONIA_JS) == LAND and page.evaluate(FEATURES_JS)["country"] == 15 and problems == []
    page.close()


AXE_PANEL = """() => axe.run(document.querySelector('.atlas-details'), {resultTypes: ['violations']}).then(r =>
  r.violations.filter(v => ['critical', 'serious', 'moderate'].includes(v.impact)).map(v => v.id))"""
EVERY_FEATURE = """() => { const seen = new Set(), out = [];
  map_atlas.eachLayer(l => { const p = l.feature && l.feature.properties;
    if (p && p.details && !seen.has(p.details)) { seen.add(p.details); out.push(p.title || p.pair || p.kind); } });
  return out; }"""
OPEN_NTH = """(n) => { const seen = new Set(); let found = null;
  map_atlas.eachLayer(l => { const p = l.feature && l.feature.properties;
    if (p && p.details && !seen.has(p.details)) { if (seen.size === n) { found = l; } seen.add(p.details); } });
  atlasDetails.show(found); return document.getElementById('atlas-details-title').textContent; }"""


@pytest.mark.browser
def test_the_exported_map_and_every_details_panel_pass_axe(browser, default_export: Path) -> None:
    from test_app_browser import AXE, AXE_RUN

    page, _, problems = open_page(browser, default_export)
    page.add_script_tag(content=AXE)
    assert page.evaluate(AXE_RUN) == []
    click_country(page, 58.7, 25.5)  # Estonia's details, opened by a click on the map
    assert page.evaluate(AXE_RUN) == []  # the whole page with the panel open
    features = page.evaluate(EVERY_FEATURE)
    assert len(features) >= 40  # countries, borders, plan bands, located parts, the Suwałki Gap
    # the table and sources under the map, checked above, leave the page: axe reads the whole page on every run
    page.evaluate("() => document.querySelectorAll('.atlas-table, .atlas-sources').forEach(e => e.remove())")
    for n, name in enumerate(features):  # every feature's panel: named by its heading, no violation
        assert page.evaluate(OPEN_NTH, n), name
        assert page.evaluate(AXE_PANEL) == [], name
    html = default_export.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert "user-scalable=no" not in html and html.rstrip().endswith("</body>\n</html>")
    assert problems == []
    page.close()


@pytest.mark.slow  # html-validate, a Node program
def test_the_exported_html_passes_html_validate(default_export: Path) -> None:
    """html-validate (pinned in package.json, installed by make like Leaflet) finds no error in the page."""
    import subprocess

    done = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "html-validate"), str(default_export)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def _rgb(colour: str) -> str:
    """A '#rrggbb' colour as the browser's computed style writes it."""
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.browser
def test_a_reader_with_a_keyboard_opens_the_details_of_any_feature(browser, default_export: Path) -> None:
    page, _, problems = open_page(browser, default_export)
    button = page.locator('.atlas-legend button[data-open-iso3="EST"]')
    button.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".atlas-details-body")
    panel.wait_for(timeout=10_000)
    assert "Estonia" in panel.inner_text() and "withdrawn since 27 Dec 2025" in panel.inner_text()
    badge = panel.locator(".badge").first  # the palette's colours reach the page from Python (AtlasMap.palette)
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(STATUS_COLOURS["withdrawn"])
    assert badge.evaluate("e => getComputedStyle(e).color") == _rgb(STATUS_TEXT["withdrawn"])
    assert page.evaluate("() => getComputedStyle(map_atlas.getContainer()).backgroundColor") == _rgb(BACKGROUND)
    assert page.evaluate("() => document.activeElement.classList.contains('atlas-details-body')")
    assert page.evaluate("() => document.querySelector('.atlas-details').getAttribute('role')") == "dialog"
    page.keyboard.press("Escape")  # closes it, and the focus goes back to the button
    expect(page.locator(".atlas-details")).to_be_hidden()
    assert page.evaluate("() => document.activeElement.getAttribute('data-open-iso3')") == "EST"
    # any feature the map shows, from the legend's finder: a border, by its name
    finder = page.get_by_label("Details of")
    finder.focus()
    finder.select_option(label="Finland–Russia border")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Open button
    assert "official 1,309 km; computed 1,255 km is 4.1% shorter" in panel.inner_text()
    assert panel.locator("a[href^='https://']").count() >= 1  # its sources, as links
    outline = page.evaluate(
        "() => { const o = []; map_atlas.eachLayer(l => {"
        " if (l.options.pane === 'atlas-selected' && l.getLatLngs) { o.push(l.getLatLngs().flat(3).length); } });"
        " return o; }"
    )
    assert len(outline) == 1 and outline[0] > 10  # the border is outlined on the map
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.id") == "atlas-find-open"
    # the overview map is a picture of where the map is: no unnamed Tab stop; the map itself shows its focus
    minimap = page.locator(".leaflet-control-minimap")
    assert minimap.get_attribute("aria-label") and minimap.get_attribute("tabindex") in (None, "-1")
    page.locator("#map_atlas").focus()
    assert page.evaluate("() => getComputedStyle(document.querySelector('#map_atlas')).outlineStyle") == "solid"
    assert problems == []
    page.close()


FOCUSED_JS = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return [e.tagName + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ')[0] : '')
          + ' ' + (e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30)),
          r.width > 0 && r.height > 0 && s.visibility === 'visible' && +s.opacity > 0
          && r.right > 0 && r.left < innerWidth];
}"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_every_tab_stop_is_a_control_the_reader_can_see(browser, default_export: Path, width: int, height: int) -> None:
    """Tab walks the map's controls, each one visible where it is (no control hidden, folded or off screen takes a
    stop), reaches the features' finder, whose arrow keys move through countries, borders, plans and the Suwałki Gap
    and whose Enter opens the details; disabled buttons take no stop.
    """
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(default_export.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED_JS))
        if "Details of" in stops[-1][0] or page.evaluate("() => document.activeElement.id") == "atlas-find":
            break
    assert [name for name, seen in stops if not seen] == [], stops
    assert not any("Next event" in name for name, _ in stops) or page.evaluate(
        "() => !document.querySelector('.atlas-time .next').disabled"
    )
    if page.evaluate("() => document.activeElement.id") != "atlas-find":  # the legend folded (a phone): opened first
        page.locator(".atlas-legend summary").click()
        page.locator("#atlas-find").focus()
    groups = page.evaluate("() => [...document.querySelectorAll('#atlas-find optgroup')].map(g => g.label)")
    assert groups == ["Countries", "Borders", "Plans", "Suwałki Gap"]
    parts = page.evaluate(
        "() => [...document.querySelectorAll('#atlas-find optgroup[label=Plans] option')].map(o => o.textContent)"
    )
    assert len(parts) >= 5, parts  # plan bands and located parts
    before = page.evaluate("() => document.getElementById('atlas-find').value")
    page.keyboard.press("ArrowDown")  # the arrow keys move through the features
    assert page.evaluate("() => document.getElementById('atlas-find').value") != before
    page.keyboard.press("Enter")
    panel = page.locator(".atlas-details-body")
    panel.wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    expect(page.locator(".atlas-details")).to_be_hidden()
    assert page.evaluate("() => document.activeElement.id") == "atlas-find"  # back where the reader was
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_the_details_panel_is_in_the_window_beside_the_map(
    browser, default_export: Path, width: int, height: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(default_export.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => window.atlasDrawn === true")
    legend = page.locator(".atlas-legend details")
    if width < 700:
        assert not legend.evaluate("d => d.open")  # folded on a phone; a tap unfolds it
        page.locator(".atlas-legend summary").click()
    page.locator('.atlas-legend button[data-open-iso3="LVA"]').click()  # Latvia's: the longest details
    panel = page.locator(".atlas-details")
    panel.wait_for(timeout=10_000)
    box, map_box = panel.bounding_box(), page.locator("#map_atlas").bounding_box()
    assert box is not None and map_box is not None
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
    overlap_x = min(box["x"] + box["width"], map_box["x"] + map_box["width"]) - max(box["x"], map_box["x"])
    overlap_y = min(box["y"] + box["height"], map_box["y"] + map_box["height"]) - max(box["y"], map_box["y"])
    assert overlap_x <= 0 or overlap_y <= 0  # beside (or under) the map, covering none of it
    assert "Latvia" in page.locator("#atlas-details-title").inner_text()
    body = page.locator(".atlas-details-body")
    assert body.evaluate("b => b.scrollHeight > b.clientHeight")  # long: it scrolls in the panel...
    page.keyboard.press("PageDown")  # ...from the keyboard, the focus being in it
    page.wait_for_function("() => document.querySelector('.atlas-details-body').scrollTop > 0")  # smooth scrolling
    centre = page.evaluate(
        "() => { let c = null; map_atlas.eachLayer(l => { const p = l.feature && l.feature.properties;"
        " if (p && p.iso3 === 'LVA') { c = map_atlas.latLngToContainerPoint(l.getCenter()); } });"
        " const s = map_atlas.getSize(); return [c.x, c.y, s.x, s.y]; }"
    )
    assert 0 <= centre[0] <= centre[2] and 0 <= centre[1] <= centre[3]  # Latvia still in the map's view
    page.locator(".atlas-details-close").click()
    expect(panel).to_be_hidden()
    assert page.locator("#map_atlas").bounding_box()["width"] == width  # the map takes the room back
    page.close()


@pytest.mark.browser
def test_the_map_as_a_table_a_screen_reader_reads_follows_the_date(browser, default_export: Path) -> None:
    page, _, problems = open_page(browser, default_export)
    table = page.locator(".atlas-table table")
    expect(table).to_have_accessible_name(re.compile(r"treaty status on 1 Mar 2026, and its borders"))
    heads = table.locator("tbody th[scope=row]").all_inner_texts()
    assert set(heads[:6]) == {"Finland", "Estonia", "Latvia", "Lithuania", "Poland", "Norway"}  # focus first
    assert len(heads) >= 14  # every country with treaty facts
    estonia = table.get_by_role("row", name=re.compile(r"^Estonia"))
    expect(estonia).to_contain_text("Withdrawn on 1 Mar 2026: withdrawn since 27 Dec 2025")
    expect(estonia).to_contain_text("EST-RUS: computed")
    assert estonia.locator("a[href^='https://']").count() >= 1  # the official figures' sources
    page.evaluate("() => { atlasTime.setDate('2025-06-01'); }")  # the map's date moves: so does the table
    expect(estonia).to_contain_text("Party on 1 Jun 2025: party since 1 Nov 2004")
    expect(table).to_have_accessible_name(re.compile(r"treaty status on 1 Jun 2025"))
    assert problems == []
    page.close()


@pytest.mark.browser
def test_printing_the_page_gives_the_map_its_table_and_its_sources(browser, default_export: Path) -> None:
    """The table and sources are laid out only when scrolled to (content-visibility), yet a print has them all."""
    import io

    import pypdf

    page, _, problems = open_page(browser, default_export)
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True, print_background=True)))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "The map as a table" in text and "withdrawn since 27 Dec 2025" in text and "Sources" in text
    # on screen a source's title is its link; on paper its address is written out after it
    assert "https://www.cia.gov/the-world-factbook/" in re.sub(r"\s+", "", text)
    assert len(pdf.pages) > 3 and problems == []
    page.close()


@pytest.mark.browser
def test_a_map_dated_after_the_verification_says_so_and_the_time_control_follows(browser, tmp_path: Path) -> None:
    from helpers import record_reach

    verified = dt.date.fromisoformat(record_reach()[0])
    later = verified + dt.timedelta(days=10)
    notice = f"The record was last verified on {verified.day} {verified.strftime('%b %Y')}; later events are not shown."
    out = tmp_path / "later.html"
    assert export(out, "--on", later.isoformat()).returncode == 0
    page, _, problems = open_page(browser, out)
    title = page.locator(".atlas-title")
    assert notice in title.inner_text() and page.locator(".atlas-reach-notice").is_visible()
    assert "Record last verified on" in title.inner_text()  # the record's reach, always
    # back to the verification day with the map's own date control: the notice goes, and comes back past it
    page.locator(".atlas-time .typed").fill(verified.isoformat())
    page.locator(".atlas-time .typed").dispatch_event("change")
    assert not page.locator(".atlas-reach-notice").is_visible() and notice not in title.inner_text()
    page.locator(".atlas-time .typed").fill(later.isoformat())
    page.locator(".atlas-time .typed").dispatch_event("change")
    assert page.locator(".atlas-reach-notice").is_visible()
    page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})  # the longer title box still clears the date
    phone.goto(out.resolve().as_uri(), wait_until="load")
    phone.wait_for_function("() => window.atlasDrawn === true")
    title, time = (phone.locator(sel).bounding_box() for sel in (".atlas-title", ".atlas-time"))
    assert title and time and phone.locator(".atlas-reach-notice").is_visible()
    assert title["x"] + title["width"] <= time["x"] or title["y"] + title["height"] <= time["y"], (title, time)
    phone.close()
    static = tmp_path / "static.html"  # a static map shows it as it is drawn
    assert export(static, "--on", later.isoformat(), "--static").returncode == 0
    page, _, more = open_page(browser, static)
    assert notice in page.locator(".atlas-title").inner_text()
    assert problems == [] and more == []
    page.close()


@pytest.mark.browser
def test_a_plan_part_shows_its_chronology_with_each_stage_sourced(browser, tmp_path: Path) -> None:
    out = tmp_path / "chronology.html"
    assert export(out, "--on", "2026-01-15").returncode == 0
    page, _, problems = open_page(browser, out)
    finder = page.get_by_label("Details of")
    labels = finder.locator("option").all_inner_texts()
    finder.select_option(label=next(label for label in labels if "Pilot fence" in label))
    page.locator("#atlas-find-open").click()
    panel = page.locator(".atlas-details-body")
    panel.wait_for(timeout=10_000)
    text = panel.inner_text()
    assert "construction started" in text and "completed" in text
    items = page.locator(".atlas-details-body .chronology li")
    assert items.count() >= 2 and all("Source:" in items.nth(i).inner_text() for i in range(items.count()))
    assert "[primary]" in text  # each source with its grade
    assert problems == []
    page.close()


DETAILS_SHOWN_JS = """(written) => {
  const differ = [];
  let shown = 0;
  const body = document.querySelector('.atlas-details-body'), alone = document.createElement('div');
  const text = (root) => root.textContent.replace(/\\s+/g, ' ').trim();
  const links = (root) => [...root.querySelectorAll('a')].map(a => a.getAttribute('href') + ' ' + a.textContent);
  map_atlas.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (!p || !p.details) { return; }
    const key = JSON.stringify([p.title, p.iso3, p.part, p.pair, p.kind, p.plan].map(v => v === undefined ? null : v));
    atlasDetails.show(l);
    alone.innerHTML = written[key];
    shown += 1;
    if (text(body) !== text(alone) || links(body).join('|') !== links(alone).join('|')) { differ.push(key); }
  });
  atlasDetails.hide();
  return {shown, differ, left: document.querySelectorAll('.atlas-details-body [data-cite]').length};
}"""


def test_every_details_panel_shows_its_details_as_written_each_citation_in_full(browser, default_export: Path) -> None:
    """The details cite through the page's one table of citations (layers.web.cites); each panel a reader opens says
    all that its details say (layers.web.details), every citation written out with its link.
    """
    import json

    from geo.catalogue import CATALOGUE, implementation
    from geo.model import map_model
    from geo.record import open_record
    from layers.web.status import land_layer
    from layers.web.vector import VectorLayer

    model = map_model(open_record().view(dt.date.fromisoformat(DAY)), timed=True)
    groups = [land_layer(model.view), *(implementation(CATALOGUE[key].web)(model.view) for key in model.layers)]
    written = {
        json.dumps(
            [f["properties"].get(k) for k in ("title", "iso3", "part", "pair", "kind", "plan")],
            separators=(",", ":"),
            ensure_ascii=False,
        ): details
        for group in groups
        for layer in group._children.values()
        if isinstance(layer, VectorLayer)
        for f in layer.features
        if (details := f["properties"].get("details"))
    }
    assert sum('<span class="src">' in d for d in written.values()) >= 40
    page, _, problems = open_page(browser, default_export)
    found = page.evaluate(DETAILS_SHOWN_JS, written)
    assert found["shown"] >= 50 and found["differ"] == [] and found["left"] == 0, found
    assert problems == []
    page.close()
