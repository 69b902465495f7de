"""Running the command line in tests: in-process (fast; the same main() as `python -m atlas`) or as a real process."""

from __future__ import annotations

import base64
import contextlib
import gzip
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def app_test() -> Any:
    """The app as streamlit.testing.v1.AppTest opens it, not run yet. Each AppTest is a new Streamlit runtime: it
    scans every installed distribution's metadata for components (about 25 ms) and parses and compiles app.py again
    (about 50 ms). The installed packages do not change while the tests run, so they are scanned once per process;
    app.py is compiled once per content, as Streamlit's own cache keeps it between a runtime's reruns.
    """
    import functools

    from streamlit.components.v2 import manifest_scanner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest

    scan = manifest_scanner.scan_component_manifests
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)
    if not hasattr(ScriptCache.get_bytecode, "compiled"):
        ScriptCache.get_bytecode = _compiled_once(ScriptCache.get_bytecode)  # type: ignore[method-assign]
    return AppTest.from_file(str(APP), default_timeout=180)


def _compiled_once(get_bytecode: Any) -> Any:
    """Streamlit's ScriptCache.get_bytecode, kept for every runtime by the script's path and content."""
    compiled: dict[tuple[str, str], Any] = {}

    def kept(cache: Any, script_path: str) -> Any:
        key = (os.path.abspath(script_path), Path(script_path).read_text(encoding="utf-8"))
        if key not in compiled:
            compiled[key] = get_bytecode(cache, script_path)
        return compiled[key]

    kept.compiled = compiled
    return kept


def load_yaml(text: str) -> Any:
    """YAML read by libyaml (what the atlas's own reader uses; about ten times PyYAML's Python parser), as a new
    value at each call: a text read before (many tests start from the shipped facts file) is parsed once in a
    process and kept pickled (unpickling takes a thirtieth of the parse).
    """
    import pickle

    import yaml

    if text not in _PARSED:
        if len(_PARSED) >= 8:
            _PARSED.clear()
        _PARSED[text] = pickle.dumps(yaml.load(text, Loader=yaml.CSafeLoader))
    return pickle.loads(_PARSED[text])


_PARSED: dict[str, bytes] = {}  # load_yaml's texts, parsed and pickled


def dump_yaml(data: Any, **options: Any) -> str:
    """YAML written by libyaml: the same text as yaml.safe_dump, in a fifth of the time."""
    import yaml

    return str(yaml.dump(data, Dumper=yaml.CSafeDumper, **options))


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit code and what it printed (named like subprocess.CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> Ran:
    """`python -m atlas ARGS`, run in this process (the same main() the module runs)."""
    from atlas.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse: --help, --version and usage errors
            code = exit.code if isinstance(exit.code, int) else 1
    return Ran(code, out.getvalue(), err.getvalue())


def stub_browser(folder: Path, body: str) -> Path:
    """An executable that stands in for Chromium."""
    stub = folder / "chromium-stub"
    stub.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    stub.chmod(0o755)
    return stub


def run_module(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m atlas ARGS` as a real process, for what only a process shows (exit status, stderr, signals)."""
    return subprocess.run(
        [sys.executable, "-m", "atlas", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_app(log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The app started exactly as a user starts it, `make run` (its command, .streamlit/config.toml), on a free port
    (STREAMLIT_SERVER_PORT) and with extra environment variables; its URL until the block ends, then it is stopped."""
    port = free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=os.environ | {"STREAMLIT_SERVER_PORT": str(port)} | (env or {}),
            start_new_session=True,  # make, its shell and streamlit: one process group, stopped together
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the app did not start within 180 s"
            time.sleep(0.2)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def record_reach() -> tuple[str, str]:
    """The shipped record's verification day and its latest event, read from data/facts.yaml directly (not through
    geo): the latest treaty or plan event, a month or year counting from its last day.
    """
    import calendar

    data = load_yaml((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))

    def last_day(value: object) -> str:
        text = str(value)
        if len(text) == 4:
            return f"{text}-12-31"
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            return f"{text}-{calendar.monthrange(year, month)[1]:02d}"
        return text

    days = [str(e["date"]) for c in data["countries"] for e in c.get("treaty_events") or []]
    days += [str(m["date"]) for m in data["treaty"]["milestones"]]
    for plan in data["plans"]:
        for item in [plan, *plan.get("parts", [])]:
            days += [last_day(e["date"]) for e in item["events"] if e["kind"] != "target_complete"]
    return str(data["record"]["verified"]), max(days)


PACKED = re.compile(r'AtlasPanel\.install\(\w+, \d+, "([A-Za-z0-9+/=]+)"\)')
PACKED_STRING = re.compile(r'"(H4sI[A-Za-z0-9+/=]+)"')  # base64 of a gzip member: "\x1f\x8b\x08\x00" as base64


def unpacked_page(html: str) -> str:
    """The page with each packed value in its scripts (layers.web.html.packed_json: the layers' features, the time
    control's record, the overview) written out as the JSON it unpacks to."""
    return PACKED_STRING.sub(lambda m: gzip.decompress(base64.b64decode(m.group(1))).decode("utf-8"), html)


def details_held(html: str) -> tuple[list[str], list[list[str]]]:
    """An exported page's features' details and the sources they cite, unpacked as the page unpacks them
    (layers.web.panel.DetailsPanel: base64 gzip JSON)."""
    found = PACKED.search(html)
    assert found is not None, "the page carries no packed details"
    value = json.loads(gzip.decompress(base64.b64decode(found.group(1))))
    return value["details"], value["citations"]


def all_text(html: str) -> str:
    """Everything an exported page says: its HTML with its packed values unpacked, and its details and the sources
    they cite."""
    details, citations = details_held(html)
    return "\n".join([unpacked_page(html), *details, *("\t".join(row) for row in citations)])
