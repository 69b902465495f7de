"""The architecture is checked, not only written down: the import contracts fail on a forbidden import."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def copy_of_the_code(folder: Path) -> Path:
    """The three packages and pyproject.toml, copied into folder."""
    for package in ("geo", "layers", "atlas"):
        shutil.copytree(ROOT / package, folder / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    return folder


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(folder), "COLUMNS": "250"}  # a contract's name on one line
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], capture_output=True, text=True, cwd=folder, env=env, timeout=120
    )


Link = tuple[str, str]  # (importer, imported) modules


def illegal_chains(report: str) -> dict[str, list[list[Link]]]:
    """Each broken contract of a lint-imports report, by its name, with the chains of imports it names as illegal."""
    lines = report[report.index("Broken contracts") :].splitlines()
    found: dict[str, list[list[Link]]] = {}
    chains: list[list[Link]] = []
    for i, line in enumerate(lines[2:], start=2):
        if i + 1 < len(lines) and re.fullmatch(r"-+", lines[i + 1]) and len(lines[i + 1]) == len(line):
            chains = found.setdefault(line, [])  # a contract's name, underlined
        elif link := re.match(r"(-|\s)\s+([\w.]+) -> ([\w.]+)", line):
            if link.group(1) == "-":
                chains.append([])
            chains[-1].append((link.group(2), link.group(3)))
    return found


FORBIDDEN = [
    ("geo/treaty.py", "import folium", "The core is pure"),
    ("geo/view.py", "import layers.web.html", "One-way flow"),
    ("layers/web/details.py", "import atlas.cli", "One-way flow"),
    ("geo/tables.py", "import subprocess", "Only the data pipeline runs processes"),
    ("layers/web/map.py", "import geo.build", "imported by nothing but the command line"),
    ("layers/web/charts.py", "import streamlit", "The drawing never starts the app"),
    ("layers/web/furniture.py", "import matplotlib", "The web map draws no print figure"),
    ("layers/figure/draw.py", "import folium", "The print figure is not a web page"),
    ("layers/figure/tagged.py", "import layers.browser", "The print figure is not a web page"),
    ("layers/report.py", "import playwright", "Only the browser modules drive a browser"),
    ("atlas/cli.py", "import streamlit", "The command line never starts the app"),
    ("atlas/commands/maps.py", "import streamlit", "The command line never starts the app"),
    ("atlas/commands/status.py", "import geo.build", "imported by nothing but the command line"),
]


def added_link(module: str, line: str) -> Link:
    """The import a forbidden line adds: ('geo.treaty', 'folium') for `import folium` in geo/treaty.py."""
    return module.removesuffix(".py").replace("/", "."), line.removeprefix("import ")


@pytest.fixture(scope="module")
def unchanged_copy_kept(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The control: a copy of the code as it is keeps every contract (each case below then breaks one)."""
    kept = lint_imports(copy_of_the_code(tmp_path_factory.mktemp("unchanged")))
    assert kept.returncode == 0 and "BROKEN" not in kept.stdout, kept.stdout[-2000:]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[Link]]]:
    """The broken contracts of a copy of the code with every forbidden import added at once: one run of lint-imports
    (a second each would cost a second of CPU in all), whose report names each illegal chain of imports.
    """
    folder = copy_of_the_code(tmp_path_factory.mktemp("broken"))
    for module, line, _ in FORBIDDEN:
        path = folder / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    done = lint_imports(folder)
    assert done.returncode != 0 and "BROKEN" in done.stdout, done.stdout[-3000:]
    return illegal_chains(done.stdout)


@pytest.mark.parametrize(("module", "line", "contract"), FORBIDDEN)
def test_a_forbidden_import_breaks_its_contract(
    unchanged_copy_kept: None, broken: dict[str, list[list[Link]]], module: str, line: str, contract: str
) -> None:
    """The contract names a chain that begins with the added import and passes through no other added one: that
    import alone breaks it (the chain is not there in the unchanged copy).
    """
    [chains] = [chains for name, chains in broken.items() if contract in name]
    others = {added_link(m, text) for m, text, _ in FORBIDDEN} - {added_link(module, line)}
    assert any(chain[0] == added_link(module, line) and not others & set(chain) for chain in chains), chains


def test_the_repository_is_self_contained() -> None:
    """Nothing a reader needs points outside the repository (the project began from notes a clone does not have)."""
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    here = Path(__file__).relative_to(ROOT).as_posix()
    for name in tracked:
        path = ROOT / name
        if name == here or path.suffix in {".gpkg", ".png", ".pdf"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "../shared" not in text and "shared/research" not in text, name


MAX_FUNCTION_LINES = 60
MAX_CLI_LINES = 400


def long_functions(source: str) -> list[tuple[str, int]]:
    """Each function (or method) of a module's source longer than MAX_FUNCTION_LINES, with its length in lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > MAX_FUNCTION_LINES:
                found.append((node.name, length))
    return found


def test_the_front_ends_are_thin() -> None:
    """No function of the command line or the app's own code is over 60 lines, and atlas/cli.py is under 400."""
    for path in sorted((ROOT / "atlas").rglob("*.py")):
        assert long_functions(path.read_text(encoding="utf-8")) == [], path.relative_to(ROOT)
    assert len((ROOT / "atlas" / "cli.py").read_text(encoding="utf-8").splitlines()) < MAX_CLI_LINES


def test_the_length_check_finds_a_long_function() -> None:
    body = "\n".join(f"    x = {n}" for n in range(MAX_FUNCTION_LINES))
    assert long_functions(f"def short():\n    pass\n\n\ndef long():\n{body}\n") == [("long", MAX_FUNCTION_LINES + 1)]


@pytest.mark.xdist_group("grouping")
def test_tests_of_one_xdist_group_share_a_worker(request: pytest.FixtureRequest) -> None:
    """`--dist loadgroup` keeps a group on one worker only when pytest reads the group from the node id that
    pytest-xdist writes (it did not under pytest 9.2: requirements.txt pins pytest for it); the app's browser tests and
    the report pack rely on it for one app server and one pack per run."""
    if not hasattr(request.config, "workerinput"):
        pytest.skip("not run by a pytest-xdist worker")
    assert request.node.nodeid.endswith("@grouping"), request.node.nodeid
