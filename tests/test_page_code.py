"""The page's script and styles live in files (layers/web/static/), not in Python strings: Python only hands them
configuration as JSON through one call per element.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import subprocess
from pathlib import Path

from geo.dates import MONTHS, day_text, parse_day
from geo.errors import AtlasError
from helpers import ROOT

PACKAGES = ("geo", "layers", "atlas")
SOURCES = [*sorted(path for package in PACKAGES for path in ROOT.glob(f"{package}/**/*.py")), ROOT / "app.py"]
# a Jinja macro of glue: one call of a function the static files define, its arguments JSON or template values
GLUE = re.compile(r"^\{% macro (script|header|html)\(this, kwargs\) %\}(Atlas\w+\.\w+\([^;]*\);\s*)*\{% endmacro %\}$")
CSS = re.compile(r"""\bstyle\s*=|[\w\])*}]\s*\{\s*[a-z-]+\s*:|^\s*@(media|keyframes|font-face)\b""")
JS = re.compile(
    r"\bfunction\s*\(|=>|\b(var|let|const)\s+\w+\s*=|\bdocument\.|\bwindow\.|addEventListener|querySelector"
)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring constants (documentation may name the page's API)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module but its docstrings, f-strings and concatenations joined ({} for a value)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found: list[tuple[int, str]] = []
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
            inside.update(id(v) for v in node.values)
            found.append((node.lineno, text))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts = [node.left, node.right]
            if all(isinstance(p, ast.Constant) and isinstance(p.value, str) for p in parts):
                inside.update(id(p) for p in parts)
                found.append((node.lineno, "".join(str(p.value) for p in parts)))  # type: ignore[attr-defined]
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs | inside:
            found.append((node.lineno, node.value))
    return found


def _code_in(text: str) -> str | None:
    """'CSS' or 'JavaScript' when a string holds page code rather than glue, markup or prose."""
    if text.startswith("{% macro"):
        return None if GLUE.match(" ".join(re.sub(r"\{\{.*?\}\}", "0", text).split())) else "JavaScript"
    if CSS.search(text):
        return "CSS"
    if JS.search(text):
        return "JavaScript"
    return None


def test_no_script_or_style_is_written_in_python() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {kind}: {text[:80]!r}"
        for path in SOURCES
        for line, text in _strings(path)
        if (kind := _code_in(text))
    ]
    assert found == [], "\n".join(found)


def test_the_count_sees_what_it_looks_for() -> None:
    assert _code_in(".leaflet-container{background:#cfe3f0}") == "CSS"
    assert _code_in('<i style="background:#000"></i>') == "CSS"
    assert _code_in("<style>.leaflet-container{background:{}}</style>") == "CSS"
    assert _code_in(".badge-{}{background:{};color:{}}") == "CSS"
    assert _code_in("document.querySelector('.x').hidden = true") == "JavaScript"
    assert _code_in("() => window.atlasDrawn === true") == "JavaScript"
    assert _code_in("{% macro script(this, kwargs) %}L.marker([0, 0]).addTo(map);{% endmacro %}") == "JavaScript"
    glue = "{% macro script(this, kwargs) %}AtlasMap.control({{ this.x }}, {{ this.y|tojson }});{% endmacro %}"
    assert _code_in(glue) is None
    assert _code_in("Border with Russia: 1,340 km (official: {})") is None


def test_the_page_writes_a_day_as_the_atlas_does() -> None:
    """The time control's dayText (layers/web/static/timecontrol.js), given geo.dates.MONTHS as the page gives it,
    writes every day of three years, a leap day among them, as geo.dates.day_text does.
    """
    first = dt.date(2023, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range(3 * 366)]
    script = (
        "const t = require(process.argv[1]); const months = JSON.parse(process.argv[2]);"
        "for (const d of JSON.parse(process.argv[3])) { console.log(t.dayText(d, months)); }"
    )
    args = [
        str(ROOT / "layers/web/static/timecontrol.js"),
        json.dumps(MONTHS),
        json.dumps([d.isoformat() for d in days]),
    ]
    written = subprocess.run(["node", "-e", script, *args], capture_output=True, text=True, check=True, timeout=60)
    assert written.stdout.splitlines() == [day_text(d) for d in days]


def test_the_page_reads_a_typed_day_as_the_atlas_does() -> None:
    """The time control's parseDay takes exactly the texts geo.dates.parse_day takes, and reads the same day from
    them: the atlas's own '1 Jun 2025' (any case, a full month name) and ISO; no impossible day, no other order.
    """
    texts = [
        "1 Jun 2025", "01 june 2025", " 27 Dec 2025 ", "1 June 2025", "1 Jun. 2025", "29 Feb 2024", "29 Feb 2025",
        "2025-06-01", "2025-6-1", "2025-02-30", "Jun 1 2025", "1 Jux 2025", "06/01/2025", "", "1 JUNE 2025",
        "١ Jun 2025", "2025-06-01T00:00", "31 Apr 2026",
    ]  # fmt: skip
    script = (
        "const t = require(process.argv[1]); const months = JSON.parse(process.argv[2]);"
        "for (const s of JSON.parse(process.argv[3])) { console.log(t.parseDay(s, months)); }"
    )
    args = [str(ROOT / "layers/web/static/timecontrol.js"), json.dumps(MONTHS), json.dumps(texts)]
    read = subprocess.run(["node", "-e", script, *args], capture_output=True, text=True, check=True, timeout=60)

    def parsed(text: str) -> str:
        try:
            return parse_day(text).isoformat()
        except AtlasError:
            return "null"

    assert read.stdout.splitlines() == [parsed(t) for t in texts]
    assert read.stdout.splitlines().count("null") >= 8  # the refusals are compared too


def test_the_page_api_is_named_in_one_file_and_documented_once() -> None:
    """api.js names every global and event; no other script names one; the architecture's table lists the same."""
    static = ROOT / "layers" / "web" / "static"
    api = (static / "api.js").read_text(encoding="utf-8")
    names = re.findall(r'\b\w+: "(atlas\w+|atlas:\w+)"', api)
    assert len(names) == len(set(names)) >= 12
    for script in static.glob("*.js"):
        if script.name != "api.js":
            code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.DOTALL)
            assert not re.findall(r"window\.atlas\w+|\batlas:\w+|(?<![.\w])atlas[A-Z]\w+", code), script.name
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc[doc.index("## The map page's API") :].split("\n## ")[0]
    documented = re.findall(r"^\| `(?:window\.)?(atlas[\w:]+)`", section, flags=re.MULTILINE)
    assert sorted(documented) == sorted(names)


def test_the_page_carries_the_code_minified_and_the_files_keep_the_comments() -> None:
    """Every asset the page inlines is minified but what its package already minified; licence comments stay."""
    from layers.web.assets import ASSET_FILES, SHIPPED_MINIFIED, STATIC_FILES, asset

    for name in STATIC_FILES:
        source = (ROOT / "layers" / "web" / "static" / STATIC_FILES[name]).read_text(encoding="utf-8")
        inlined = asset(name).text
        assert "Publishes through AtlasApi" not in inlined and "exported Atlas" not in inlined
        assert inlined.strip() and len(inlined) < len(source), name
        assert "\n  " not in inlined and not re.search(r"/\*(?!!)", inlined), name  # no indentation, no comment
    for name in ASSET_FILES:
        inlined = asset(name).text
        if name in SHIPPED_MINIFIED:
            shipped = (ROOT / "node_modules" / ASSET_FILES[name]).read_text(encoding="utf-8")
            assert inlined == shipped or name.endswith("css"), name  # stylesheets get their images as data: URLs
    assert asset("leaflet").text.startswith("/* @preserve\n * Leaflet 1.9.4")  # its licence, as Leaflet ships it
    assert "leaflet.fullscreen" in asset("Control.Fullscreen.js").text.split("*/")[0]  # a `/*!` licence comment
    inflate = asset("tiny_inflate").text
    assert inflate.startswith("/*! tiny-inflate 1.0.3, Copyright (c) 2015-present Devon Govett, MIT */")
    assert "var TinyInflate" in inflate and "module.exports" in inflate
