"""Running the command line in tests: in-process (fast; the same main() as `python -m atlas`) or as a real process."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
