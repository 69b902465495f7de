"""Two dates side by side (issue 26, point 1): small multiples in a print figure, a page of two synchronised maps,
a report pack's comparison, and the app's."""

from __future__ import annotations

import collections
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from helpers import app_test, run_cli

SVG = "{http://www.w3.org/2000/svg}"
EARLIER, LATER = "2025-03-01", "2026-03-01"  # Estonia, Finland, Latvia, Lithuania and Poland withdrew in between
PAPER = ["--size", "A5-landscape", "--dpi", "100"]  # what these tests read does not depend on the resolution


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compare") / "compare.svg"
    done = run_cli("figure", "--out", str(out), "--on", LATER, "--on", EARLIER, *PAPER)
    assert done.returncode == 0, done.stderr
    return out


def _texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


@pytest.mark.xdist_group("figure")  # one worker draws `compared` once, beside test_figure.py's figures
def test_a_two_date_figure_heads_each_map_with_its_date_and_has_one_legend(compared: Path) -> None:
    root = ET.parse(compared).getroot()
    by_id = {g.get("id"): g for g in root.iter() if g.get("id")}
    assert [_texts(by_id[f"heading-{n}"]) for n in (1, 2)] == [["1 Mar 2025"], ["1 Mar 2026"]]  # in date order
    assert {"map-1", "map-2"} <= set(by_id) and "map" not in by_id and "map-3" not in by_id
    ids = [e.get("id", "") for e in root.iter() if e.get("id")]
    assert [i for i, n in collections.Counter(ids).items() if n > 1] == []  # one legend, one scale bar, unique ids
    legends = [i for i in ids if i.startswith("legend")]
    assert legends == ["legend"]
    legend = _texts(by_id["legend"])
    # the legend is the union of both dates: all were parties in 2025, five had withdrawn by 2026; each once
    assert legend.count("Party") == 1 and legend.count("Withdrawn") == 1, legend
    # each map carries its own labels
    assert any(i.startswith("label-capital-helsinki") and not i.endswith("-2") for i in ids)
    assert "label-capital-helsinki-2" in ids


@pytest.mark.xdist_group("figure")
def test_a_two_date_figure_caption_lists_what_changed_between_the_dates(compared: Path) -> None:
    caption = compared.with_suffix(".caption.txt").read_text(encoding="utf-8")
    assert caption.startswith("The same frame on 2 dates, 1 Mar 2025 and 1 Mar 2026")
    assert "What changed after 1 Mar 2025 up to 1 Mar 2026" in caption
    assert "2025-12-27, treaty status: Estonia: withdrawal effective" in caption
    assert "2026-02-20, treaty status: Poland: withdrawal effective" in caption
    assert "Latvia: withdrawal deposited" in caption
    assert (
        "Ottawa Convention status on 1 Mar 2026: Finland, Estonia, Latvia, Lithuania and Poland have withdrawn"
        in caption
    )


@pytest.mark.xdist_group("figure")
def test_a_two_date_figure_is_the_same_bytes_for_the_same_dates_in_any_order(compared: Path, tmp_path: Path) -> None:
    again = tmp_path / compared.name  # the file names its caption file
    done = run_cli("figure", "--out", str(again), "--on", EARLIER, "--on", LATER, *PAPER)
    assert done.returncode == 0, done.stderr
    assert again.read_bytes() == compared.read_bytes()
    assert again.with_suffix(".caption.txt").read_bytes() == compared.with_suffix(".caption.txt").read_bytes()


def test_a_comparison_of_the_same_date_twice_or_four_dates_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    twice = run_cli("figure", "--out", str(out), "--on", LATER, "--on", LATER)
    assert twice.returncode == 2 and "the same date twice" in twice.stderr and len(twice.stderr.splitlines()) == 1
    four = ["--on", "2025-01-01", "--on", "2025-06-01", "--on", "2026-01-01", "--on", LATER]
    many = run_cli("figure", "--out", str(out), *four)
    assert many.returncode == 2 and "more than 3 dates" in many.stderr
    bad = run_cli("figure", "--out", str(out), "--on", LATER, "--on", "2025-02-30")
    assert bad.returncode == 2 and "2025-02-30" in bad.stderr
    assert list(tmp_path.iterdir()) == []


ESTONIA_FILL = """() => { let s = null; map_atlas.eachLayer(l => {
  if (l.feature && l.feature.properties.iso3 === 'EST') { s = l; } }); return s.options.fillColor; }"""


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compare-page") / "compare.html"
    done = run_cli("export", "--out", str(out), "--on", LATER, "--compare", EARLIER)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.xdist_group("compare-page")  # one worker exports `compare_page` once
def test_the_comparison_page_is_the_same_bytes_for_the_same_arguments(compare_page: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert run_cli("export", "--out", str(again), "--on", LATER, "--compare", EARLIER).returncode == 0
    assert again.read_bytes() == compare_page.read_bytes()
    other = tmp_path / "other.html"
    assert run_cli("export", "--out", str(other), "--on", LATER, "--compare", "2025-06-01").returncode == 0
    assert other.read_bytes() != compare_page.read_bytes()


@pytest.mark.xdist_group("compare-page")
def test_the_comparison_page_lists_what_changed_with_sources(compare_page: Path) -> None:
    page = compare_page.read_text(encoding="utf-8")
    changes = page[page.index('<section class="atlas-changes"') : page.index('<section class="atlas-sources"')]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", changes)).split())
    assert "What changed after 1 Mar 2025 up to 1 Mar 2026" in text
    assert "2025-12-27 treaty status: Estonia: withdrawal effective (EST) Source:" in text
    assert "2026-02-20 treaty status: Poland: withdrawal effective (POL) Source:" in text
    assert "2025-02-" not in text and "2026-03-02" not in text  # only what lies between the dates


@pytest.mark.slow  # html-validate, a Node program
@pytest.mark.xdist_group("compare-page")
def test_the_comparison_page_passes_html_validate(compare_page: Path) -> None:
    import subprocess

    from helpers import ROOT

    validate = [str(ROOT / "node_modules" / ".bin" / "html-validate"), str(compare_page)]
    done = subprocess.run(validate, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--compare", LATER], "the same day as --on"),
        (["--compare", "2025-13-01"], "2025-13-01"),
        (["--compare", EARLIER, "--static"], "not with --static"),
    ],
)
def test_a_bad_comparison_gives_one_line_and_writes_nothing(tmp_path: Path, args: list[str], says: str) -> None:
    done = run_cli("export", "--out", str(tmp_path / "x.html"), "--on", LATER, *args)
    assert done.returncode == 2 and says in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.xdist_group("compare-page")
@pytest.mark.browser
def test_the_comparison_page_moves_both_maps_on_a_pan_and_makes_no_request(browser: Any, compare_page: Path) -> None:
    from layers.style import STATUS_COLOURS

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(compare_page.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => document.documentElement.dataset.compared === 'yes'", timeout=30_000)
    frames = [page.frame_locator(f"iframe[data-date='{day}']") for day in (EARLIER, LATER)]
    windows = [f.locator(":root").element_handle().owner_frame() for f in frames]
    assert [w.evaluate("() => atlasTime.date()") for w in windows] == [EARLIER, LATER]
    # each map shows its own day: Estonia a party in 2025, withdrawn in 2026
    fills = [w.evaluate(ESTONIA_FILL) for w in windows]
    assert fills == [STATUS_COLOURS["party"], STATUS_COLOURS["withdrawn"]]
    before = [w.evaluate("() => atlasPosition.get()") for w in windows]
    assert before[0] == before[1]
    # a drag on the left map pans both
    box = page.locator(f"iframe[data-date='{EARLIER}']").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y + 100, steps=8)
    page.mouse.up()
    after: list[Any] = []
    for _ in range(50):  # the drag's inertia may carry the map on for a while on a busy machine: until both rest
        page.wait_for_timeout(200)
        now = [w.evaluate("() => atlasPosition.get()") for w in windows]
        if now == after and now[0] == now[1]:
            break
        after = now
    assert after[0] != before[0] and after[0] == after[1], (before, after)
    # a zoom on the right map (its button) zooms both
    frames[1].locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(600)
    zoomed = [w.evaluate("() => atlasPosition.get()") for w in windows]
    assert zoomed[0].split("/")[0] == zoomed[1].split("/")[0] != after[0].split("/")[0], zoomed
    assert zoomed[0] == zoomed[1]
    assert [r for r in requests if not r.startswith(("data:", "about:", "blob:")) and r != compare_page.as_uri()] == []
    assert problems == []
    page.close()


@pytest.mark.slow
@pytest.mark.browser  # its PDFs are printed by Chromium
@pytest.mark.xdist_group("pack")  # the pack is shared with test_figure's (conftest.compared_pack)
def test_a_report_pack_can_hold_the_comparison(compared_pack: Path) -> None:
    import json

    from conftest import PACK_COMPARED, PACK_DAY

    assert (PACK_DAY, PACK_COMPARED) == (LATER, EARLIER)
    pack = compared_pack
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["compare"] == EARLIER and manifest["argv"][-2:] == ["--compare", EARLIER]  # it makes it again
    names = set(manifest["files"])
    assert {f"compare/{n}" for n in ("figure.svg", "figure.png", "figure.pdf", "caption.txt", "sources.txt",
                                     "map.html")} <= names  # fmt: skip
    root = ET.parse(pack / "compare" / "figure.svg").getroot()
    headings = {g.get("id"): _texts(g) for g in root.iter() if g.get("id", "").startswith("heading-")}
    assert headings == {"heading-1": ["1 Mar 2025"], "heading-2": ["1 Mar 2026"]}
    caption = (pack / "compare" / "caption.txt").read_text(encoding="utf-8")
    assert "What changed after 1 Mar 2025 up to 1 Mar 2026" in caption and "Estonia: withdrawal effective" in caption
    sources = (pack / "compare" / "sources.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sources: {len(sources)}, listed in compare/sources.txt" in " ".join(_texts(root))
    page = (pack / "compare" / "map.html").read_text(encoding="utf-8")
    assert f'data-date="{EARLIER}"' in page and f'data-date="{LATER}"' in page


def comparisons(at: Any) -> list[str]:
    """The app's comparison downloads, by label."""
    labels = [str(getattr(b, "label", "")) for b in at.get("download_button")]
    return [label for label in labels if label.startswith("Comparison")]


def test_the_app_offers_the_comparison_and_shows_both_maps_on_request() -> None:
    at = app_test()
    at.query_params["date"] = LATER
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="compare_typed").value == "1 Mar 2025"  # a year before the map's date
    assert comparisons(at) == ["Comparison figure (SVG)", "Comparison page (HTML, offline)"]
    assert at.get("iframe") == []  # the two maps are drawn only when asked for
    at.checkbox(key="compare_shown").check().run()
    (frame,) = at.get("iframe")
    page = frame.proto.srcdoc
    assert f'data-date="{EARLIER}"' in page and f'data-date="{LATER}"' in page and "AtlasCompare.open(" in page
    at.text_input(key="compare_typed").input("2026-03-01").run()  # the map's own day: nothing to compare
    assert comparisons(at) == []
    assert any("Pick a day other than the map's" in i.value for i in at.info)
