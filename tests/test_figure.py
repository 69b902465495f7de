"""Print figures (python -m atlas figure): drawn from the data in EPSG:3035, text as text, labels apart, the same
bytes for the same arguments, and bad arguments refused in one line with nothing written."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from matplotlib.image import imread

from geo.facts import Facts
from geo.frame import fitted_extent, parse_crs
from geo.geodesy import transformer
from geo.gpkg import GeoPackage
from geo.record import Record
from geo.view import MapView, map_view, parse_layers
from helpers import ROOT, run_cli, stub_browser
from layers.browser import CHROMIUM
from layers.report import FigureProduct

# every figure of this file is drawn on one worker (a worker's first figure warms up matplotlib, pyproj and citeproc);
# the pack's and the tagged PDF's tests keep their own groups
pytestmark = pytest.mark.xdist_group("figure")
DAY = "2026-03-01"
REFERENCE = Path(__file__).parent / "reference" / "figure-A5-landscape-100dpi-2026-03-01.png"
SVG = "{http://www.w3.org/2000/svg}"


def figure(out: Path, *args: str) -> Path:
    done = run_cli("figure", "--out", str(out), "--on", DAY, *args)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def svg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return figure(tmp_path_factory.mktemp("figure") / "map.svg")


def path_box(d: str) -> tuple[float, float, float, float]:
    """The bounding box of an SVG path's coordinates."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def groups(root: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith(prefix)}


def label_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Each label's box (its halo), checking that each label is one text element, not glyph outlines."""
    boxes = {}
    for key, group in groups(root, "label-").items():
        texts = list(group.iter(f"{SVG}text"))
        assert len(texts) == 1 and texts[0].text, key  # a text element, not glyph outlines
        (halo,) = list(group.iter(f"{SVG}path"))
        boxes[key] = path_box(halo.get("d", ""))
    return boxes


def frame_box(root: ET.Element) -> tuple[float, float, float, float]:
    """The map frame's box on the page."""
    return path_box(next(iter(groups(root, "map-frame").values())).find(f"{SVG}path").get("d", ""))


def apart(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def assert_labels_apart_inside(boxes: dict[str, tuple[float, float, float, float]], frame: tuple[float, ...]) -> None:
    """Every label inside the map frame, and no two overlapping."""
    keys = sorted(boxes)
    for i, a in enumerate(keys):
        x0, y0, x1, y1 = boxes[a]
        assert frame[0] <= x0 and x1 <= frame[2] and frame[1] <= y0 and y1 <= frame[3], a  # inside the map
        for b in keys[i + 1 :]:
            assert apart(boxes[a], boxes[b]), f"{a} overlaps {b}"


@pytest.mark.xdist_group("figure")  # one worker draws the svg and each country_figure once (module fixtures)
def test_the_locator_draws_its_highlighted_countries_as_simply_as_the_rest(
    svg: Path, gpkg: GeoPackage, facts: Facts
) -> None:
    """The locator is a few centimetres wide: its own countries are the overview's outlines, not the map's."""
    from xml.etree import ElementTree

    from geo.display import overview_countries

    ns = {"svg": "http://www.w3.org/2000/svg"}
    own = next(g for g in ElementTree.parse(svg).iterfind(".//svg:g[@id]", ns) if g.get("id") == "locator-own")
    drawn = sum(len(re.findall(r"[ML] ", p.get("d", ""))) for p in own.iterfind(".//svg:path", ns))
    view = map_view(gpkg, facts, dt.date.fromisoformat(DAY))
    focus = view.countries.loc[view.countries["iso3"].isin([c.iso3 for c in facts.countries if c.focus])]
    outlines = sum(len(shapely.get_coordinates(g)) for g in overview_countries(focus).geometry)
    assert 0 < drawn <= outlines  # (the map's own outlines of the same countries have ten times the vertices)


def test_a_frame_drawn_again_reuses_its_simplified_countries(gpkg: GeoPackage) -> None:
    """The countries a figure draws are simplified once per projection, set of countries and tolerance."""
    crs = parse_crs("EPSG:3035")
    baltics = frozenset({"EST", "LVA", "LTU"})
    drawn = gpkg.countries_simplified(crs, baltics, 500.0)
    assert gpkg.countries_simplified(crs, baltics, 500.0) is drawn
    assert set(drawn["iso3"]) == baltics and drawn.crs == crs
    full = gpkg.countries_in(crs)
    vertices = [len(shapely.get_coordinates(f.geometry.values)) for f in (drawn, full.loc[full["iso3"].isin(baltics)])]
    assert 0 < vertices[0] < vertices[1]  # fewer vertices than stored
    coarser = gpkg.countries_simplified(crs, baltics, 5000.0)
    assert coarser is not drawn and len(shapely.get_coordinates(coarser.geometry.values)) < vertices[0]
    assert set(gpkg.countries_simplified(crs, frozenset({"EST"}), 500.0)["iso3"]) == {"EST"}


def test_a_canvas_joins_the_figures_own_countries_once(gpkg: GeoPackage) -> None:
    """The fade beyond the region and the north arrow keep clear of the same land: joined once per canvas."""
    from layers.figure.marks import Canvas

    crs = parse_crs("EPSG:3035")
    countries = gpkg.countries_simplified(crs, frozenset({"EST", "LVA", "LTU", "RUS"}), 500.0)
    canvas = Canvas(crs, countries, gpkg.borders.to_crs(crs))
    baltics = canvas.land_of({"EST", "LVA", "LTU"})
    assert canvas.land_of(["LTU", "EST", "LVA"]) is baltics
    assert baltics.equals(countries.loc[countries["iso3"] != "RUS"].geometry.union_all())
    assert canvas.land_of({"EST"}).area < baltics.area


@pytest.mark.xdist_group("figure")
def test_the_svg_is_valid_xml_with_a_text_for_each_label_and_no_two_labels_overlap(svg: Path) -> None:
    root = ET.parse(svg).getroot()  # valid XML, or this raises
    labels = groups(root, "label-")
    assert {"label-country-finland", "label-country-poland", "label-region-kaliningrad-oblast-russia",
            "label-corridor-suwalki-gap", "label-capital-helsinki", "label-capital-warsaw"} <= set(labels)  # fmt: skip
    assert any(key.startswith("label-place-") for key in labels)  # the places the plans name
    boxes = label_boxes(root)
    legend = groups(root, "legend")
    assert legend, "the legend is drawn"
    assert_labels_apart_inside(boxes, frame_box(root))


@pytest.mark.xdist_group("figure")
@pytest.mark.parametrize(("city", "lon", "lat"), [("helsinki", 24.93545, 60.16952), ("warsaw", 21.01178, 52.22977)])
def test_a_capital_lands_where_epsg_3035_puts_it(svg: Path, facts: Facts, gpkg: GeoPackage, city: str, lon: float,
                                                 lat: float) -> None:  # fmt: skip
    root = ET.parse(svg).getroot()
    x0, y0, x1, y1 = path_box(groups(root, "map-frame")["map-frame"].find(f"{SVG}path").get("d", ""))
    view = map_view(gpkg, facts, dt.date.fromisoformat(DAY))
    crs = parse_crs("EPSG:3035")
    xmin, ymin, xmax, ymax = fitted_extent(view.focus_bounds(), crs, (x1 - x0) / (y1 - y0))
    east, north = transformer("EPSG:4326", "EPSG:3035").transform(lon, lat)
    expected = (x0 + (east - xmin) / (xmax - xmin) * (x1 - x0), y1 - (north - ymin) / (ymax - ymin) * (y1 - y0))
    marker = groups(root, f"place-{city}")[f"place-{city}"].find(f".//{SVG}use")
    assert marker is not None
    got = (float(marker.get("x", "nan")), float(marker.get("y", "nan")))
    assert got == pytest.approx(expected, abs=0.6)  # within 0.6 pt (0.2 mm) on the paper


@pytest.mark.browser
def test_the_pdf_parses_and_its_labels_are_text(tmp_path: Path) -> None:
    import pypdf

    pdf = figure(tmp_path / "map.pdf", "--country", "LTU", "--size", "A5-portrait", "--title", "Lithuania's borders")
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata is not None and reader.metadata.title == "Lithuania's borders"  # a reader's window title
    assert (reader.metadata.subject or "").startswith("Ottawa Convention status on 1 Mar 2026")
    assert_tagged(reader)
    assert_the_paper(reader, 148, 210)  # A5 portrait
    text = reader.pages[0].extract_text()
    for words in ("Lithuania", "Vilnius", "Kaliningrad Oblast (Russia)", "Suwałki Gap", "as of 1 Mar 2026",
                  "Map data © OpenStreetMap contributors", "Legend", "Eastern Flank Atlas"):  # fmt: skip
        assert words in text, words
    caption = (tmp_path / "map.caption.txt").read_text(encoding="utf-8")
    # the caption speaks of the countries the frame shows (Finland and Norway lie outside a frame on Lithuania)
    assert caption.startswith("Ottawa Convention status on 1 Mar 2026: Latvia, Lithuania and Poland have withdrawn; "
                              "Belarus remains a State Party; Russia is not a party.")  # fmt: skip
    assert "Finland" not in caption.split("\nSources\n")[0] and "Norway" not in caption.split("\nSources\n")[0]
    assert "\nSources\n1. " in caption


@pytest.mark.parametrize("suffix", ["svg", pytest.param("pdf", marks=pytest.mark.browser), "png"])
def test_the_same_arguments_give_the_same_bytes(tmp_path: Path, suffix: str) -> None:
    args = ("--size", "A5-landscape", "--dpi", "100", "--country", "EST")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = figure(tmp_path / "a" / f"map.{suffix}", *args).read_bytes()
    second = figure(tmp_path / "b" / f"map.{suffix}", *args).read_bytes()
    assert first == second and len(first) > 10_000


def _difference(a: Path, b: Path) -> float:
    left, right = imread(a)[..., :3], imread(b)[..., :3]
    assert left.shape == right.shape
    return float(np.abs(left - right).mean())


def test_the_figure_matches_its_reference_image_and_a_missing_layer_would_show(tmp_path: Path) -> None:
    """The committed reference (tests/reference/) against a fresh figure: a mean difference under 0.2% of full
    scale; drawing it without the plans or the borders differs by far more, so a lost layer fails this test.
    To renew the reference after an intended change: the command in the assert message below.
    """
    args = ("--size", "A5-landscape", "--dpi", "100")
    fresh = figure(tmp_path / REFERENCE.name, *args)  # the same name: the source line names the caption file
    renew = f"renew with: python -m atlas figure --out tests/reference/{REFERENCE.name} --on {DAY} {' '.join(args)}"
    assert _difference(fresh, REFERENCE) < 0.002, renew
    without_plans = figure(tmp_path / "no-plans.png", *args, "--layers", "status", "suwalki", "borders")
    without_borders = figure(tmp_path / "no-borders.png", *args, "--layers", "status", "plans", "suwalki")
    assert _difference(without_plans, REFERENCE) > 0.002
    assert _difference(without_borders, REFERENCE) > 0.002


BAD = [
    ("unknown CRS", ["--crs", "EPSG:999999"], "--crs", "unknown CRS"),
    ("geographic CRS", ["--crs", "EPSG:4326"], "--crs", "not a projected CRS"),
    ("bbox outside the region", ["--bbox=-20,30,-10,40"], "--bbox", "outside the atlas region"),
    ("bbox partly outside the region", ["--bbox", "40,60,50,65"], "--bbox", "outside the atlas region"),
    ("inverted bbox", ["--bbox", "30,60,20,55"], "--bbox", "inverted"),
    ("bbox not numbers", ["--bbox", "a,b,c,d"], "--bbox", "four numbers"),
    ("DPI 0", ["--dpi", "0"], "--dpi", "must be 50 to 1200"),
    ("DPI 100000", ["--dpi", "100000"], "--dpi", "must be 50 to 1200"),
    ("unknown size", ["--size", "B7"], "--size", "unknown size"),
    ("unknown country", ["--country", "XYZ"], "country", "not on the map"),
    ("unknown format", [], "--out", "unknown format"),
]


@pytest.mark.parametrize(("case", "args", "field", "problem"), BAD, ids=[b[0] for b in BAD])
def test_bad_arguments_give_one_line_and_write_nothing(
    tmp_path: Path, case: str, args: list[str], field: str, problem: str
) -> None:
    out = tmp_path / ("map.svg" if case != "unknown format" else "map.tiff")
    done = run_cli("figure", "--out", str(out), "--on", DAY, *args)
    assert done.returncode == 2, case
    line = done.stderr.strip()
    assert len(line.splitlines()) == 1 and field in line and problem in line, line
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_refused_before_drawing(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    targets = [tmp_path / "absent" / "map.svg", tmp_path / "a-file" / "map.svg", tmp_path]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if not os.access(locked, os.W_OK):  # root may write anywhere: then only the other cases apply
        targets.append(locked / "map.svg")
    try:
        for out in targets:
            done = run_cli("figure", "--out", str(out), "--on", DAY)
            line = done.stderr.strip()
            assert done.returncode == 2 and "--out" in line and len(line.splitlines()) == 1, (out, line)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "locked"] and not list(locked.iterdir())
    finally:
        locked.chmod(0o700)


@pytest.mark.slow
@pytest.mark.browser  # its PDFs are printed by Chromium
@pytest.mark.xdist_group("pack")  # the pack is shared with test_compare's (conftest.compared_pack)
def test_a_report_pack_holds_every_view_and_its_manifest_makes_it_again(compared_pack: Path, tmp_path: Path) -> None:
    import hashlib
    import shlex
    import subprocess
    import sys

    first, second = compared_pack, tmp_path / "b" / "pack"
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    # the manifest makes the pack again: its argument list run as a process in another folder, and its shell line
    # the same command, quoted (issue 27)
    argv = manifest["argv"]
    assert argv[:4] == ["python", "-m", "atlas", "report"] and shlex.split(manifest["command"]) == argv
    assert argv[argv.index("--facts") + 1] == str((ROOT / "data" / "facts.yaml").resolve())
    assert argv[argv.index("--gpkg") + 1] == str((ROOT / "data" / "atlas.gpkg").resolve())
    for name, read in manifest["inputs"].items():
        assert hashlib.sha256(Path(read["path"]).read_bytes()).hexdigest() == read["sha256"], name
    second.parent.mkdir()
    again = subprocess.run([sys.executable, *argv[1:]], cwd=second.parent, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    names = set(manifest["files"])
    for view in ("region", "fin", "est", "lva", "ltu", "pol", "nor"):
        assert {f"{view}/figure.svg", f"{view}/figure.pdf", f"{view}/figure.png", f"{view}/map.html",
                f"{view}/caption.txt"} <= names  # fmt: skip
    assert {"appendix/status.csv", "appendix/plans.csv", "appendix/plan-parts.csv", "sources.txt"} <= names
    import sqlite3  # the pack's GeoPackage opens styled in QGIS: one default style per layer (issue 26)

    with sqlite3.connect(first / "gis" / "layers.gpkg") as db:
        styled = {row[0] for row in db.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}
    assert {"countries", "borders", "plan_stretches", "plan_sites"} <= styled
    assert {"changes.csv", "what-changed.txt"} <= names and manifest["since"] == "2025-03-01"  # a year before
    assert set(manifest["record"]) == {"verified", "latest_event"}
    import csv

    with (first / "changes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all("2025-03-01" <= row["day"] <= DAY and row["sources"] for row in rows)
    estonia = [(row["day"], row["what"]) for row in rows if row["countries"] == "EST" and row["kind"] == "treaty"]
    assert estonia == [("2025-06-27", "withdrawal deposited"), ("2025-12-27", "withdrawal effective")]
    with (first / "appendix" / "border-scales.csv").open(encoding="utf-8") as handle:  # lengths at several scales
        ltu = {row["source"]: float(row["length_km"]) for row in csv.DictReader(handle) if row["border"] == "LTU-BLR"}
    assert len(ltu) == 12 and ltu["divider, 20 km ruler"] < ltu["divider, 0.1 km ruler"]
    with (first / "appendix" / "border-scales-official.csv").open(encoding="utf-8") as handle:
        placed = [row for row in csv.DictReader(handle) if row["border"] == "POL-BLR"]
    assert {"total", "land", "water"} <= {row["measures"] for row in placed}
    chart = (first / "appendix" / "border-scales.svg").read_text(encoding="utf-8")  # and the log-log chart
    assert "LTU-BLR · D = " in chart and "POL-BLR · D = " in chart
    section = (first / "what-changed.txt").read_text(encoding="utf-8")
    assert section.startswith("What changed from 1 Mar 2025 to 1 Mar 2026")
    assert "Estonia: withdrawal effective (EST)" in section and "Record last verified on" in section
    graded = (first / "sources.txt").read_text(encoding="utf-8").splitlines()
    assert graded and all(re.search(r"\[(primary|authoritative|media|reference)\]$", line) for line in graded)
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((first / name).read_bytes()).hexdigest() == digest, name
        assert (second / name).read_bytes() == (first / name).read_bytes(), name  # the same command, the same pack
    assert manifest["command"].startswith("python -m atlas report") and f"--on {DAY}" in manifest["command"]
    assert (
        "--since 2025-03-01" in manifest["command"]
        and (second / "manifest.json").read_bytes() == (first / "manifest.json").read_bytes()
    )
    assert "AtlasControls.fit(map_atlas, [[57.5" in (first / "est" / "map.html").read_text(encoding="utf-8")  # Estonia
    existing = run_cli("report", "--out", str(first), "--on", DAY)
    assert existing.returncode == 2 and "already exists" in existing.stderr


def test_the_export_opens_on_a_country_or_a_box(tmp_path: Path) -> None:
    estonia, box = tmp_path / "est.html", tmp_path / "box.html"
    assert run_cli("export", "--out", str(estonia), "--on", DAY, "--country", "EST").returncode == 0
    assert run_cli("export", "--out", str(box), "--on", DAY, "--bbox", "20,53,28,57").returncode == 0
    fit = re.compile(r"AtlasControls\.fit\(map_atlas, (\[\[[-\d., \[\]]+\]\])\)")
    (south_west, north_east) = json.loads(fit.findall(estonia.read_text(encoding="utf-8"))[-1])
    assert 57.4 < south_west[0] < 57.6 and 21.5 < south_west[1] < 22.0 and 59.6 < north_east[0] < 59.8
    assert json.loads(fit.findall(box.read_text(encoding="utf-8"))[-1]) == [[53, 20], [57, 28]]
    for args, problem in ((["--bbox", "28,53,20,57"], "inverted"), (["--country", "XYZ"], "not on the map")):
        done = run_cli("export", "--out", str(tmp_path / "bad.html"), "--on", DAY, *args)
        assert done.returncode == 2 and problem in done.stderr and not (tmp_path / "bad.html").exists()


@pytest.mark.browser  # the text is read from the PDF
def test_a_figure_dated_after_the_verification_says_so_beside_its_date(tmp_path: Path) -> None:
    import pypdf

    from helpers import record_reach

    verified = dt.date.fromisoformat(record_reach()[0])
    later = verified + dt.timedelta(days=30)
    out = tmp_path / "later.pdf"
    done = run_cli("figure", "--out", str(out), "--on", later.isoformat(), "--size", "A5-landscape")
    assert done.returncode == 0, done.stderr
    text = " ".join(pypdf.PdfReader(out).pages[0].extract_text().split())
    notice = f"The record was last verified on {verified.day} {verified.strftime('%b %Y')}; later events are not shown"
    assert notice in text
    caption = (tmp_path / "later.caption.txt").read_text(encoding="utf-8")
    assert caption.startswith(notice)
    before = tmp_path / "before.svg"  # a figure of the verification day itself: its reach, no notice
    done = run_cli("figure", "--out", str(before), "--on", verified.isoformat())
    assert done.returncode == 0, done.stderr
    assert "later events are not shown" not in (tmp_path / "before.caption.txt").read_text(encoding="utf-8")
    assert "Record last verified on" in (tmp_path / "before.caption.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the PDF: tagged, printed by Chromium (issue 23)

POINTS_PER_MM = 72 / 25.4
LIGATURES = re.compile("[\ufb00-\ufb06]")  # 'ﬁ', 'ﬂ'...: a search for "flank" would miss them


def assert_tagged(reader: Any) -> None:
    """A tagged PDF: marked content, a structure tree, its language."""
    catalog = reader.root_object
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - pypdf's BooleanObject(False) is truthy
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en"


def assert_the_paper(reader: Any, width_mm: float, height_mm: float) -> None:
    """One page, of the paper's size to within a point."""
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (
        abs(float(box.width) - width_mm * POINTS_PER_MM) < 1 and abs(float(box.height) - height_mm * POINTS_PER_MM) < 1
    )


@dataclass(frozen=True)
class TaggedPdf:
    """`python -m atlas figure --out fin.pdf --on DAY --country FIN --dpi 100` (A4 landscape), made once."""

    path: Path
    reader: Any  # pypdf.PdfReader
    caption: str


@pytest.fixture(scope="module")
def tagged_pdf(tmp_path_factory: pytest.TempPathFactory) -> TaggedPdf:
    import pypdf

    if not Path(CHROMIUM).is_file():
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    out = figure(tmp_path_factory.mktemp("tagged") / "fin.pdf", "--country", "FIN", "--dpi", "100")
    caption = out.with_suffix(".caption.txt").read_text(encoding="utf-8")
    return TaggedPdf(out, pypdf.PdfReader(out), caption)


@pytest.mark.xdist_group("tagged-pdf")  # one worker prints tagged_pdf once
@pytest.mark.browser
def test_the_pdf_is_tagged_with_its_title_language_and_the_caption_as_its_description(tagged_pdf: TaggedPdf) -> None:
    reader = tagged_pdf.reader
    assert_tagged(reader)
    description = tagged_pdf.caption.split("\n", 1)[0]
    assert description.startswith("Ottawa Convention status on 1 Mar 2026: Finland and Estonia have withdrawn")
    meta = reader.metadata
    assert meta is not None and meta.title == "Finland and the Ottawa Convention, 1 Mar 2026"  # the figure's title
    assert meta.subject == description  # the caption as the file's description
    assert meta.creation_date is None and meta.modification_date is None  # no clock: the same bytes
    assert reader.root_object["/ViewerPreferences"]["/DisplayDocTitle"]  # a reader's window shows the title
    document = reader.root_object["/StructTreeRoot"]["/K"].get_object()
    assert document["/S"] == "/Document" and document["/Lang"] == "en"
    figure = document["/K"].get_object()  # one figure, which a screen reader reads by its caption
    assert figure["/S"] == "/Figure" and figure["/Alt"] == description


@pytest.mark.xdist_group("tagged-pdf")
@pytest.mark.browser
def test_the_pdfs_text_is_text_in_embedded_fonts_on_a_page_of_the_paper(tagged_pdf: TaggedPdf) -> None:
    reader = tagged_pdf.reader
    assert_the_paper(reader, 297, 210)  # A4 landscape
    text = reader.pages[0].extract_text()
    for words in ("Finland and the Ottawa Convention, 1 Mar 2026", "Finland", "Helsinki", "Russia", "as of 1 Mar 2026",
                  "Legend", "Closed border crossing", "Map data © OpenStreetMap contributors"):  # fmt: skip
        assert words in text, words
    assert not LIGATURES.search(text)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for name, ref in fonts.items():
        font = ref.get_object()
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        embedded = {"/FontFile", "/FontFile2", "/FontFile3"} & set(described["/FontDescriptor"].get_object())
        assert embedded and "DejaVuSans" in font["/BaseFont"], name  # matplotlib's font, embedded


def test_a_pdf_figure_needs_chromium_and_says_so_while_svg_and_png_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No silent fallback to an untagged PDF: one line, exit 2, nothing written (a report pack neither)."""
    monkeypatch.setenv("ATLAS_CHROMIUM", str(tmp_path / "no-chromium"))
    for args in (["figure", "--out", str(tmp_path / "map.pdf")], ["report", "--out", str(tmp_path / "pack")]):
        done = run_cli(*args, "--on", DAY)
        line = done.stderr.strip()
        assert done.returncode == 2 and len(line.splitlines()) == 1, line
        assert "--out" in line and "Chromium is not installed" in line and "tagged PDF" in line, line
        assert list(tmp_path.iterdir()) == []
    for suffix in ("svg", "png"):
        figure(tmp_path / f"map.{suffix}", "--size", "A5-landscape", "--dpi", "50", "--country", "EST")  # a small frame


@pytest.mark.slow  # Playwright's driver, and a browser's stand-in, as processes
def test_a_browser_that_fails_while_printing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_CHROMIUM", str(stub_browser(tmp_path, "exit 1")))
    out = tmp_path / "out"
    out.mkdir()
    small = ["--size", "A5-landscape", "--dpi", "50", "--country", "EST"]  # the frame does not matter: a small one
    done = run_cli("figure", "--out", str(out / "map.pdf"), "--on", DAY, *small)
    line = done.stderr.strip()
    assert done.returncode == 2 and len(line.splitlines()) == 1 and "the browser failed" in line, line
    assert list(out.iterdir()) == []  # neither the PDF nor its caption


@pytest.mark.xdist_group("figure")
@pytest.mark.browser
def test_the_figures_page_escapes_its_texts_and_asks_for_nothing(browser: Any, svg: Path) -> None:
    """The page Chromium prints: the title and description from the data escaped, matplotlib's fonts inline, no
    request leaving it."""
    from geo.frame import parse_paper
    from layers.figure.tagged import FONTS_READY, figure_page

    title = "</title><script>window.pwned = 1</script> Finland & <Russia>"
    description = '"><img src="http://192.0.2.1/x.png" onerror="window.pwned = 2"> Helsinki & Narva'
    page = browser.new_page()
    tried: list[str] = []
    page.route("**/*", lambda route: (tried.append(route.request.url), route.abort()))
    page.set_content(figure_page(svg.read_bytes(), parse_paper("A4-landscape", 100), title, description))
    page.wait_for_selector(FONTS_READY, state="attached")  # the page marks itself once its fonts have loaded
    assert page.title() == title
    assert page.get_attribute("figure", "aria-label") == description
    assert page.evaluate("window.pwned") is None and page.locator("img").count() == 0
    scripts = page.locator("script")  # one: the page's own mark (figure_page.html), none from the texts
    assert scripts.count() == 1 and "data-fonts-ready" in scripts.first.inner_text()
    assert page.evaluate("document.documentElement.lang") == "en"
    faces = page.evaluate("[...document.fonts].map(f => [f.family, f.weight, f.style, f.status])")
    assert len(faces) >= 2 and all(family == "DejaVu Sans" and status == "loaded" for family, _, _, status in faces)
    assert page.locator("figure > svg text").count() > 50  # the SVG's text, as text
    assert tried == []
    page.close()


@pytest.mark.browser
def test_a_printed_page_that_asks_for_the_network_is_refused() -> None:
    from geo.errors import AtlasError
    from layers.browser import PrintJob, print_pdfs

    with pytest.raises(AtlasError) as error:
        print_pdfs([PrintJob('<img src="http://192.0.2.1/x.png">', 100, 100)])
    assert "http://192.0.2.1/x.png" in error.value.line() and "network" in error.value.line()


@pytest.mark.browser
def test_a_printer_prints_each_document_as_it_comes_and_after_a_failure_prints_nothing_more() -> None:
    import time

    from geo.errors import AtlasError
    from layers.browser import Printer, PrintJob

    page = '<html lang="en"><body><p>{}</p></body></html>'
    with Printer() as printer:
        first = printer.submit(PrintJob(page.format("one"), 100, 100))
        assert printer.result(first).startswith(b"%PDF")  # printed while nothing else is asked
        bad = printer.submit(PrintJob('<img src="http://192.0.2.1/x.png">', 100, 100))
        later = printer.submit(PrintJob(page.format("two"), 100, 100))
        with pytest.raises(AtlasError, match="network"):
            printer.result(bad)
        started = time.monotonic()
        with pytest.raises(AtlasError, match="network"):  # the same failure, without trying again
            printer.result(later)
        assert time.monotonic() - started < 1


@pytest.mark.browser
def test_a_document_prints_the_same_after_others_as_alone() -> None:
    """The printer prints every document in one page (layers.browser): what one left behind (its font, its title,
    its text) never reaches the next, whose PDF is the one it would be printed first."""
    from layers.browser import Printer, PrintJob
    from layers.figure.assets import font_data_url

    bold = font_data_url("DejaVu Sans", "bold", "normal")
    first = PrintJob(
        f'<html lang="en"><head><title>One</title><style>@font-face {{ font-family: "X"; src: url({bold}) }} '
        'p { font-family: "X" }</style></head><body><p>one Bold</p></body></html>',
        100,
        100,
    )
    second = PrintJob('<html lang="fi"><body><p>two</p></body></html>', 80, 60)

    def undated(pdf: bytes) -> bytes:
        return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", pdf)

    with Printer() as printer:  # a browser of its own: the first document is the first this page prints
        alone, one, after_one, after_two = (undated(pdf) for pdf in printer.print_pdfs([second, first, second, second]))
    assert b"One" in one and b"One" not in alone
    assert after_one == alone == after_two


def commands_started_here() -> dict[int, list[bytes]]:
    """The command lines of the processes this process has started and that still run, by process id."""
    from atlas.cli import _descendants  # the processes below this one, as the signal handler finds them

    commands = {}
    for pid in _descendants(os.getpid()):
        with contextlib.suppress(OSError):  # gone meanwhile
            commands[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    return commands


def browsers_started_here() -> set[int]:
    """The Chromium browsers (their main processes) this process has started and that still run."""
    browsers = set()
    for pid, command in commands_started_here().items():
        program = command[0].split(b" ")[0].rsplit(b"/", 1)[-1]  # (Chromium's children rewrite theirs as one)
        if program in (b"chromium", b"chrome") and b"--type=" not in b" ".join(command):
            browsers.add(pid)
    return browsers


def test_the_browser_keeps_playwrights_switches_and_starts_no_address_bar(browser, tmp_path: Path) -> None:
    """Chromium keeps only the last --disable-features switch: ours (layers.browser) names every feature Playwright's
    own names, and the address bar's suggestions popup, which a headless window never shows, gets no process of its
    own when a page opens."""
    version = browser.new_page()
    version.goto("chrome://version")
    line = version.locator("#command_line").inner_text().split()
    version.close()
    switches = [set(s.split("=", 1)[1].split(",")) for s in line if s.startswith("--disable-features=")]
    assert len(switches) == 2  # Playwright's, then ours
    assert switches[0] <= switches[-1]
    assert {"WebUIOmniboxPopup", "WebUIOmniboxAimPopup"} <= switches[-1]
    (tmp_path / "page.html").write_text('<html lang="en"><body><p>one</p></body></html>', encoding="utf-8")
    page = browser.new_page()
    page.goto((tmp_path / "page.html").as_uri())
    page.wait_for_timeout(500)  # (the popup's process, where it is loaded, starts with the window)
    popups = [pid for pid, command in commands_started_here().items() if b"--top-chrome-webui" in b" ".join(command)]
    page.close()
    assert popups == []


@pytest.mark.browser
def test_the_warm_printer_keeps_its_browser_for_the_next_document_and_stops_when_idle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One-off documents (the app's PDF download, a figure in a notebook) share one browser, started by the first
    and kept while documents keep coming; idle for WARM_IDLE seconds it stops, and the next starts another. A
    printer that failed is not used again."""
    import time

    import layers.browser
    from geo.errors import AtlasError
    from layers.browser import PrintJob, print_pdfs

    page = PrintJob('<html lang="en"><body><p>one</p></body></html>', 100, 100)
    monkeypatch.setattr(layers.browser, "WARM_IDLE", 3.0)
    layers.browser._stop_warm_printer()  # (one left running by an earlier test, with its own idle time)
    before = browsers_started_here()
    assert print_pdfs([page])[0].startswith(b"%PDF")
    started = browsers_started_here() - before
    assert len(started) == 1
    assert print_pdfs([page, page])[1].startswith(b"%PDF")
    assert browsers_started_here() - before == started  # the same browser: none started for these

    def gone_within(seconds: float) -> bool:
        """Whether every browser started here since `before` has ended within that time."""
        deadline = time.monotonic() + seconds
        while browsers_started_here() - before and time.monotonic() < deadline:
            time.sleep(0.2)
        return browsers_started_here() - before == set()

    with pytest.raises(AtlasError, match="network"):
        print_pdfs([PrintJob('<img src="http://192.0.2.1/x.png">', 100, 100)])
    assert gone_within(30)  # the printer that failed closes its browser
    assert print_pdfs([page])[0].startswith(b"%PDF")  # and the next document gets a printer of its own
    again = browsers_started_here() - before
    assert len(again) == 1 and again != started
    assert gone_within(30)  # idle: stopped, its browser with it
    assert print_pdfs([page])[0].startswith(b"%PDF") and len(browsers_started_here() - before) == 1


# ---------------------------------------------------------------- a country's own figure (issue 23, point 5)

COUNTRIES = {"FIN": "Finland", "EST": "Estonia", "LVA": "Latvia", "LTU": "Lithuania", "POL": "Poland"}
CAPITALS = {"FIN": "Helsinki", "EST": "Tallinn", "LVA": "Riga", "LTU": "Vilnius", "POL": "Warsaw"}


def country_reference(iso3: str) -> Path:
    return REFERENCE.parent / f"figure-{iso3}-A5-landscape-100dpi-{DAY}.png"


@dataclass(frozen=True)
class CountryFigure:
    """One country's figure, drawn once for the module (A5, 100 dpi): its product, SVG tree, PNG and the day's view."""

    iso3: str
    product: FigureProduct
    root: ET.Element
    png: Path
    view: MapView
    drawn: gpd.GeoDataFrame  # the stored country polygons the figure draws

    @property
    def unlabelled(self) -> str:
        """The caption's sentence on the names without room ('' when every name is written)."""
        head = self.product.caption.split("\nSources\n", 1)[0]
        return (
            head.split("Not labelled for want of room: ", 1)[1].split(" Record last verified", 1)[0]
            if ("Not labelled for want of room: " in head)
            else ""
        )

    def labelled_or_listed(self, text: str) -> bool:
        written = {t.text for g in groups(self.root, "label-").values() for t in g.iter(f"{SVG}text")}
        return text in written or text in self.unlabelled

    def inside(self, geometry: object) -> bool:
        """Whether a lon/lat point lies inside the figure's frame."""
        x0, y0, x1, y1 = self.product.request.extent
        x, y = transformer("EPSG:4326", "EPSG:3035").transform(geometry.x, geometry.y)
        return x0 < x < x1 and y0 < y < y1


@pytest.fixture(scope="module")
def day_view() -> tuple[Record, MapView]:
    from geo.record import open_record

    record = open_record(ledger=False)
    return record, record.view(dt.date.fromisoformat(DAY))


@pytest.fixture(scope="module", params=list(COUNTRIES))
def country_figure(
    request: pytest.FixtureRequest, day_view: tuple[Record, MapView], tmp_path_factory: pytest.TempPathFactory
) -> CountryFigure:
    """What `python -m atlas figure --out <reference> --on DAY --country ISO3 --size A5-landscape --dpi 100` draws."""
    from layers.report import figure_product

    record, view = day_view
    iso3 = str(request.param)
    reference = country_reference(iso3)
    product = figure_product(
        view, record.gpkg, layers=parse_layers(None), data_version=record.data_version, size="A5-landscape",
        dpi=100, country=iso3, sources_where=reference.with_suffix(".caption.txt").name,
    )  # fmt: skip
    png = tmp_path_factory.mktemp(iso3) / reference.name
    png.write_bytes(product.render("png"))
    return CountryFigure(iso3, product, ET.fromstring(product.render("svg")), png, view, record.gpkg.countries)


@pytest.mark.xdist_group("figure")
def test_a_country_figure_matches_its_reference_image(country_figure: CountryFigure) -> None:
    """Each country's committed reference (tests/reference/) against a fresh figure, as for the regional one."""
    reference = country_reference(country_figure.iso3)
    renew = (
        f"renew with: python -m atlas figure --out tests/reference/{reference.name} --on {DAY} "
        f"--country {country_figure.iso3} --size A5-landscape --dpi 100 (and delete the caption file beside it)"
    )
    assert reference.exists(), renew
    assert _difference(country_figure.png, reference) < 0.002, renew


@pytest.mark.xdist_group("figure")
def test_a_country_figure_has_its_own_title_and_its_files_carry_it(country_figure: CountryFigure) -> None:
    """The title drawn and in the SVG's own metadata; the PDF's (a browser test): test_the_pdf_is_tagged_..."""
    (title,) = [t.text for t in groups(country_figure.root, "title")["title"].iter(f"{SVG}text")]
    assert title == f"{COUNTRIES[country_figure.iso3]} and the Ottawa Convention, 1 Mar 2026"
    assert country_figure.root.findtext(f"{SVG}title") == title
    description = country_figure.root.findtext(".//{http://purl.org/dc/elements/1.1/}description")
    assert description == country_figure.product.description == country_figure.product.caption.split("\n", 1)[0]


@pytest.mark.xdist_group("figure")
def test_a_country_figure_lists_the_sources_of_what_it_shows(country_figure: CountryFigure, svg: Path) -> None:
    from geo.citations import references
    from geo.view import sources_of

    def numbered(caption: str) -> list[str]:
        return re.findall(r"^\d+\. (.+)$", caption.split("\nSources\n", 1)[1], flags=re.MULTILINE)

    regional = numbered(svg.with_suffix(".caption.txt").read_text(encoding="utf-8"))
    own = numbered(country_figure.product.caption)
    assert 0 < len(own) < len(regional)
    assert f"Sources: {len(own)}, listed in" in country_figure.product.request.source_line
    view = country_figure.view
    cited = references(sources_of(view.country(country_figure.iso3)), view.facts)  # the country's status facts
    assert cited and all(any(ref.title in entry for entry in own) for ref in cited)
    # the status sentence names the countries in the frame only: Poland's figure does not speak of Finland
    far = "Finland" if country_figure.iso3 in ("LTU", "POL") else "Poland" if country_figure.iso3 == "FIN" else None
    if far:
        assert far not in country_figure.product.caption.split("\nSources\n")[0]


@pytest.mark.xdist_group("figure")
def test_every_capital_and_closed_crossing_in_the_frame_is_named(country_figure: CountryFigure) -> None:
    view = country_figure.view
    assert country_figure.labelled_or_listed(CAPITALS[country_figure.iso3])
    capitals = [str(n) for n, g in zip(view.capitals["name"], view.capitals.geometry, strict=True)
                if country_figure.inside(g)]  # fmt: skip
    assert capitals and all(country_figure.labelled_or_listed(name) for name in capitals), capitals
    crossings = [
        " – ".join(p.name for p in s.located.places)
        for s in view.part_stages
        if s.located.part.kind == "closed_crossing" and country_figure.inside(s.located.geometry)
    ]
    if country_figure.iso3 in ("FIN", "LTU", "POL"):
        assert crossings  # the record closes crossings on these borders
    assert all(country_figure.labelled_or_listed(name) for name in crossings), (crossings, country_figure.unlabelled)


@pytest.mark.xdist_group("figure")
def test_the_suwalki_width_is_written_on_the_figures_that_show_it(country_figure: CountryFigure) -> None:
    width = f"{country_figure.view.narrowest_km:.1f} km"  # computed from the corridor's geometry
    if country_figure.iso3 in ("LTU", "POL"):
        assert re.fullmatch(r"\d+\.\d km", width) and country_figure.labelled_or_listed(width)
    else:
        assert width not in ET.tostring(country_figure.root, encoding="unicode")


@pytest.mark.xdist_group("figure")
def test_the_north_arrow_sits_on_the_map_clear_of_every_label(country_figure: CountryFigure) -> None:
    root = country_figure.root
    frame = frame_box(root)
    arrow = path_box(groups(root, "north-arrow")["north-arrow"].find(f"{SVG}path").get("d", ""))
    assert frame[0] <= arrow[0] and arrow[2] <= frame[2] and frame[1] <= arrow[1] and arrow[3] <= frame[3]
    boxes = label_boxes(root)
    assert boxes and all(apart(arrow, box) for box in boxes.values())
    assert_labels_apart_inside(boxes, frame)


def _faded_pixels(figure: CountryFigure) -> tuple[int, int]:
    """Pixels sampled inside a country (away from its edges, labels, the arrow and the scale bar) that show its status
    colour exactly, and those that show it blended towards white (faded).
    """
    import shapely

    from layers.figure.layout import map_box
    from layers.style import STATUS_COLOURS

    png, root, product, iso3, view = figure.png, figure.root, figure.product, figure.iso3, figure.view
    image = imread(png)[..., :3]
    height, width = image.shape[:2]
    request = product.request
    x0, y0, x1, y1 = request.extent
    left, bottom, box_w, box_h = map_box(request.paper)
    metres_per_px = (x1 - x0) / (box_w * width)
    colour = np.array([int(STATUS_COLOURS[view.statuses[iso3].status][i : i + 2], 16) / 255 for i in (1, 3, 5)])
    drawn = figure.drawn
    shape = drawn.loc[drawn["iso3"] == iso3].to_crs("EPSG:3035").geometry.union_all()  # as drawn, with its lakes
    shown = shape.intersection(shapely.box(x0, y0, x1, y1))
    edges = shown.boundary
    shapely.prepare(shown)
    shapely.prepare(edges)
    scale = 100 / 72  # SVG points to PNG pixels at 100 dpi
    avoid = [path_box(groups(root, "north-arrow")["north-arrow"].find(f"{SVG}path").get("d", "")),
             *label_boxes(root).values()]  # fmt: skip
    bx0, by0, bx1, by1 = shown.bounds
    xs, ys = (a.ravel() for a in np.meshgrid(np.linspace(bx0, bx1, 60), np.linspace(by0, by1, 60), indexing="ij"))
    inside = shapely.contains_xy(shown, xs, ys)  # and 8 px off its edges, the bands along them and its lakes
    inside &= ~shapely.dwithin(edges, shapely.points(xs, ys), 8 * metres_per_px)
    px = (left + (xs - x0) / (x1 - x0) * box_w) * width
    py = (1 - bottom - (ys - y0) / (y1 - y0) * box_h) * height
    scale_bar = (px < (left + 0.3 * box_w) * width) & (py > (1 - bottom - 0.15 * box_h) * height)  # its box, lower left
    covered = np.zeros_like(inside)
    for a, b, c, d in avoid:
        covered |= (a - 3 <= px / scale) & (px / scale <= c + 3) & (b - 3 <= py / scale) & (py / scale <= d + 3)
    keep = inside & ~scale_bar & ~covered
    pixels = image[py[keep].astype(int), px[keep].astype(int)]
    same = np.all(np.abs(pixels - colour) <= 3 / 255, axis=1)
    paler = np.all(pixels >= colour - 3 / 255, axis=1) & np.any(pixels > colour + 10 / 255, axis=1)
    exact, faded = int(same.sum()), int((paler & ~same).sum())
    return exact, faded


@pytest.mark.xdist_group("figure")
def test_the_countrys_status_colour_is_full_everywhere_in_its_figure(country_figure: CountryFigure) -> None:
    exact, faded = _faded_pixels(country_figure)
    assert exact > 200 and faded == 0, (exact, faded)
