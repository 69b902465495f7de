"""The command line, end to end: output, JSON shapes and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def assert_one_line_error(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for text in expected:
        assert text in lines[0], lines[0]


def test_lengths_json() -> None:
    done = run("lengths", "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["pair"]: row for row in json.loads(done.stdout)}
    fin_rus = rows["FIN-RUS"]
    assert 1200 < fin_rus["computed_km"] < 1400
    assert {"km": 1309, "source": "CIA World Factbook (2026-01)"}.items() <= fin_rus["official"][0].items()
    assert any(fig["km"] == 1340 for fig in fin_rus["official"])
    for row in rows.values():
        assert set(row) >= {"pair", "computed_km", "official"}
        for fig in row["official"]:
            assert set(fig) >= {"km", "source"}


def test_lengths_table_shows_difference_in_percent() -> None:
    done = run("lengths")
    assert done.returncode == 0
    assert "FIN-RUS" in done.stdout and "%" in done.stdout and "CIA World Factbook" in done.stdout


def test_status_json_on_a_date() -> None:
    done = run("status", "--on", "2026-03-01", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["EST"] == "withdrawn" and status["NOR"] == "party" and status["RUS"] == "non_party"
    assert status["POL"] == "withdrawn" and status["UKR"] == "suspended"  # Poland: effective 20 Feb 2026


def test_status_text_explains() -> None:
    done = run("status", "--on", "2025-12-27")
    assert "withdrawn since 27 Dec 2025" in done.stdout


def test_suwalki_json() -> None:
    done = run("suwalki", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"narrowest_km", "border_km"}
    assert 60 <= result["narrowest_km"] <= 70
    assert 95 <= result["border_km"] <= 110


def test_validate_the_real_facts() -> None:
    done = run("validate")
    assert done.returncode == 0 and "valid" in done.stdout


def test_validate_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "facts.yaml"
    bad.write_text("countries: [\n", encoding="utf-8")
    assert_one_line_error(run("validate", str(bad)), str(bad))


def test_every_command_takes_another_facts_file(tmp_path: Path) -> None:
    bad = tmp_path / "other.yaml"
    bad.write_text("", encoding="utf-8")
    for args in (["lengths"], ["status", "--on", "2025-01-01"], ["suwalki"], ["validate"]):
        assert_one_line_error(run(*args, "--facts", str(bad)), "other.yaml")


@pytest.mark.parametrize("value", ["2025-13-01", "yesterday", "2025-02-30"])
def test_bad_date(value: str) -> None:
    assert_one_line_error(run("status", "--on", value), "--on", value)


def test_unknown_command_and_option() -> None:
    assert_one_line_error(run("frobnicate"), "frobnicate")
    assert_one_line_error(run("lengths", "--bogus"), "--bogus")


def test_missing_gpkg(tmp_path: Path) -> None:
    assert_one_line_error(run("lengths", "--gpkg", str(tmp_path / "none.gpkg")), "none.gpkg", "not found")
