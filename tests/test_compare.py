"""Two dates side by side (issue 26, point 1): small multiples in a print figure, a page of two synchronised maps,
a report pack's comparison, and the app's."""

from __future__ import annotations

import collections
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import run_cli

SVG = "{http://www.w3.org/2000/svg}"
EARLIER, LATER = "2025-03-01", "2026-03-01"  # Estonia, Finland, Latvia, Lithuania and Poland withdrew in between


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compare") / "compare.svg"
    done = run_cli("figure", "--out", str(out), "--on", LATER, "--on", EARLIER, "--size", "A5-landscape")
    assert done.returncode == 0, done.stderr
    return out


def _texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def test_a_two_date_figure_heads_each_map_with_its_date_and_has_one_legend(compared: Path) -> None:
    root = ET.parse(compared).getroot()
    by_id = {g.get("id"): g for g in root.iter() if g.get("id")}
    assert [_texts(by_id[f"heading-{n}"]) for n in (1, 2)] == [["1 Mar 2025"], ["1 Mar 2026"]]  # in date order
    assert {"map-1", "map-2"} <= set(by_id) and "map" not in by_id and "map-3" not in by_id
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert [i for i, n in collections.Counter(ids).items() if n > 1] == []  # one legend, one scale bar, unique ids
    legends = [i for i in ids if i and i.startswith("legend")]
    assert legends == ["legend"]
    legend = _texts(by_id["legend"])
    # the legend is the union of both dates: all were parties in 2025, five had withdrawn by 2026; each once
    assert legend.count("Party") == 1 and legend.count("Withdrawn") == 1, legend
    # each map carries its own labels
    assert any(i.startswith("label-capital-helsinki") and not i.endswith("-2") for i in ids)
    assert "label-capital-helsinki-2" in ids


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
