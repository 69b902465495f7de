"""The command line, end to end: output, JSON shapes and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, Ran, record_reach, run_module
from helpers import run_cli as run

VERIFIED, LATEST = record_reach()


def assert_one_line_error(done: Ran | subprocess.CompletedProcess[str], *expected: str) -> None:
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
    answer = json.loads(done.stdout)
    assert answer["on"] == "2026-03-01"
    assert answer["record"] == {"verified": VERIFIED, "latest_event": LATEST}  # the record's reach
    found = answer["countries"]
    status = {code: entry["status"] for code, entry in found.items()}
    assert status["EST"] == "withdrawn" and status["NOR"] == "party" and status["RUS"] == "non_party"
    assert status["POL"] == "withdrawn" and status["UKR"] == "suspended"  # Poland: effective 20 Feb 2026
    estonia = found["EST"]["events"]  # what the status rests on, each with its sources
    assert [e["event"] for e in estonia][-2:] == ["withdrawal deposited", "withdrawal effective"]
    assert estonia[-1]["date"] == "2025-12-27" and all(e["sources"] for e in estonia)
    assert all(e["date"] <= "2026-03-01" for entry in found.values() for e in entry["events"])
    estonia = found["EST"]
    assert estonia["name"] == "Estonia" and estonia["label"] == "Withdrawn" and estonia["on"] == "2026-03-01"
    assert estonia["explanation"] == "withdrawn since 27 Dec 2025 (deposited 27 Jun 2025)"
    assert found["UKR"]["disputed"]  # the States Parties' response


def test_status_without_a_date_is_today() -> None:
    import datetime as dt

    done = run("status", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["countries"]["EST"]["on"] == dt.date.today().isoformat()


def test_status_text_explains() -> None:
    done = run("status", "--on", "2025-12-27")
    assert "withdrawn since 27 Dec 2025" in done.stdout


def test_suwalki_json_sets_each_published_figure_beside_the_measure_of_its_definition() -> None:
    """Issue 25: each published width or length of the gap is matched to what it measures (the border's length, the
    straight line between its ends, or none stated) and shown beside the atlas's figure for that definition.
    """
    import pyogrio
    import shapely
    from pyproj import Geod

    done = run("suwalki", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    computed, published = result["computed"], result["published"]
    # the tripoints, measured here independently: the ends of the Polish–Lithuanian border line, geodesic on WGS84
    borders = pyogrio.read_dataframe(ROOT / "data" / "atlas.gpkg", layer="borders")
    line = shapely.line_merge(borders.loc[borders["pair"] == "POL-LTU"].geometry.iloc[0])
    (lon0, lat0), (lon1, lat1) = shapely.get_coordinates(line)[[0, -1]]
    tripoints_km = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)[2] / 1000
    assert computed["tripoint_line_km"] == pytest.approx(tripoints_km, abs=0.06)
    assert computed["polish_lithuanian_border_km"] == pytest.approx(
        Geod(ellps="WGS84").geometry_length(line) / 1000, abs=0.06
    )  # the border along the atlas's line
    by_measure = {p["measures"]: p for p in published}
    assert set(by_measure) == {"border_length", "tripoint_line", "not_stated"}
    for p in published:
        expected = {
            "border_length": computed["polish_lithuanian_border_km"],
            "tripoint_line": computed["tripoint_line_km"],
            "not_stated": None,
        }[p["measures"]]
        assert p["computed_km"] == expected and p["sources"] and p["covers"].startswith("“"), p
    assert by_measure["not_stated"]["definition"] == "no definition stated"
    rte = [p for p in published if p["sources"] == ["RTÉ News (2025-09-21)"]]
    assert {(p["km"], p["measures"]) for p in rte} == {(100, "border_length"), (65, "tripoint_line")}


def test_validate_the_real_facts() -> None:
    done = run("validate")
    assert done.returncode == 0 and "valid" in done.stdout and "one verdict for each statement" in done.stdout


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


def test_a_day_before_1997_is_refused_by_every_command() -> None:
    """One date parser: `status` refuses what `export` refuses (it used to answer for 1990)."""
    assert_one_line_error(run("status", "--on", "1990-01-01"), "--on", "1990-01-01", "1997")


@pytest.mark.slow  # the atlas as a process of its own
def test_as_a_process_bad_input_is_one_line_on_stderr_and_exit_2() -> None:
    """`python -m atlas` itself: the exit status and stderr a shell sees (a good run as a process:
    test_the_command_line_works_from_any_folder)."""
    assert_one_line_error(run_module("status", "--on", "2025-02-30"), "--on", "2025-02-30")
    assert_one_line_error(run_module("frobnicate"), "frobnicate")


def test_help_lists_every_command_and_readme_documents_each() -> None:
    from atlas.cli import COMMANDS

    done = run("--help")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert name in done.stdout
        assert f"python -m atlas {name}" in readme, name


def test_readme_gives_every_option_of_every_command() -> None:
    """Each command's line in README's command list names every option its --help shows; --facts and --gpkg, which
    many commands share, are said once; the data pipeline's commands are described with `make data`.
    """
    import argparse
    import re

    from atlas.cli import make_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listing = readme[readme.index("## Command line") : readme.index("### Print figures")]
    lines: dict[str, str] = {}
    for m in re.finditer(r"\.venv/bin/python -m atlas ([a-z-]+)(?:[^\n]|\n(?!\.venv))*", listing):
        lines[m.group(1)] = lines.get(m.group(1), "") + m.group(0)
    commands = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert "Every command takes `--facts PATH`" in readme and "`--gpkg PATH`" in readme
    for name, parser in commands.choices.items():
        options = {o for a in parser._actions for o in a.option_strings if o.startswith("--")} - {"--help"}
        options -= {"--facts", "--gpkg"}
        text = lines.get(name) or readme  # build-data and build-places: README's data section
        assert all(option in text for option in options), (name, [o for o in options if o not in text])


def test_missing_gpkg(tmp_path: Path) -> None:
    assert_one_line_error(run("lengths", "--gpkg", str(tmp_path / "none.gpkg")), "none.gpkg", "not found")


def test_plans_lists_each_plan_at_its_stage_on_the_date() -> None:
    done = run("plans", "--on", "2025-08-01", "--country", "FIN", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["on"] == "2025-08-01" and answer["record"] == {"verified": VERIFIED, "latest_event": LATEST}
    rows = {row["id"]: row for row in answer["plans"]}
    assert (
        rows["fin-border-fence"]["stage"] == "under_construction" and rows["fin-border-fence"]["since"] == "2023-02-28"
    )
    assert rows["fin-border-fence"]["borders"] == ["FIN-RUS"] and "raja.fi" in rows["fin-border-fence"]["sources"]
    assert all("FIN" in row["countries"] for row in rows.values())
    early = run("plans", "--on", "1998-06-01")
    assert early.returncode == 0 and "Plans known on 1998-06-01: 0" in early.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--on", "2025-08-01", "--country", "XYZ"), "--country = 'XYZ': not in the record"),
        (("--on", "1990-01-01"), "--on = '1990-01-01'"),
        (("--on", "2025-02-30"), "--on = '2025-02-30'"),
    ],
)
def test_plans_refuses_a_bad_argument_in_one_line(args: tuple[str, ...], says: str) -> None:
    done = run("plans", *args)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and says in done.stderr


@pytest.mark.slow  # the atlas as a process of its own
def test_the_command_line_works_from_any_folder(tmp_path: Path) -> None:
    """make installs the atlas into its venv (editable): the commands find their data from anywhere."""
    import shutil
    import subprocess
    import sys

    for command in ([sys.executable, "-m", "atlas"], [shutil.which("atlas", path=str(Path(sys.executable).parent))]):
        assert command[0], "make installs the `atlas` command into the venv"
        done = subprocess.run(
            [*command, "status", "--on", "2026-03-01", "--json"], cwd=tmp_path, capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["countries"]["EST"]["status"] == "withdrawn"


def test_changes_lists_each_change_in_the_window_with_its_sources() -> None:
    done = run("changes", "--from", "2025-12-01", "--to", "2025-12-31", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["from"] == "2025-12-01" and answer["to"] == "2025-12-31"
    assert answer["record"] == {"verified": VERIFIED, "latest_event": LATEST}
    found = answer["changes"]
    assert [c["day"] for c in found] == sorted(c["day"] for c in found)
    assert all("2025-12-01" <= c["day"] <= "2025-12-31" and c["sources"] for c in found)
    estonia = [c for c in found if c["countries"] == ["EST"] and c["kind"] == "treaty"]
    assert [(c["day"], c["what"]) for c in estonia] == [("2025-12-27", "withdrawal effective")]
    assert any("mag" in s.lower() for s in estonia[0]["sources"])
    text = run("changes", "--from", "2025-12-27", "--to", "2025-12-27", "--country", "EST")
    assert text.returncode == 0 and "Estonia: withdrawal effective" in text.stdout
    assert "Latvia" not in text.stdout  # one country only


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2026-02-01", "--to", "2026-01-01"), "--from = '2026-02-01': after the end of the window"),
        (("--from", "2026-13-01"), "--from = '2026-13-01'"),
        (("--from", "2025-01-01", "--country", "XYZ"), "--country = 'XYZ': not in the record"),
    ],
)
def test_changes_refuses_a_bad_argument_in_one_line(args: tuple[str, ...], says: str) -> None:
    done = run("changes", *args)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and says in done.stderr


def test_a_day_after_the_verification_is_noted_on_the_command_line() -> None:
    import datetime as dt

    later = (dt.date.fromisoformat(VERIFIED) + dt.timedelta(days=1)).isoformat()
    noted = run("status", "--on", later)
    assert "later events are not shown" in noted.stdout and "last verified on " in noted.stdout
    assert "later events are not shown" not in run("status", "--on", VERIFIED).stdout


def test_sources_summary_counts_every_source_by_grade() -> None:
    done = run("sources", "--summary")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert "primary" in first and "media" in first and "reference" in first
    assert "title made from the address" in done.stdout and "undated" in done.stdout
