"""Running the command line in tests: in-process (fast; the same main() as `python -m atlas`) or as a real process."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
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
