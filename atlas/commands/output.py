"""What the command line prints: terminal-safe text and JSON, and the notice a day after the record's reach needs."""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import datetime as dt

    from geo.facts.schema import Facts

# control characters, and the marks that reorder text (bidirectional controls): data must not send them to a terminal
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# json.dumps escapes the other control characters itself
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str) -> str:
    """Text that cannot move the cursor or reorder a line: control and bidirectional characters escaped."""
    return _UNSAFE.sub(_escaped, text)


def say(*lines: str, file: TextIO | None = None) -> None:
    """Print each line, terminal-safe: a line break in data shows as an escape, never as a new line."""
    out = file or sys.stdout
    for line in lines:
        out.write(terminal_safe(line) + "\n")
    out.flush()


def say_json(value: object) -> None:
    """Print a value as indented JSON, terminal-safe (an escaped character is still valid JSON)."""
    sys.stdout.write(_UNSAFE_IN_JSON.sub(_escaped, json.dumps(value, ensure_ascii=False, indent=1)) + "\n")
    sys.stdout.flush()


def say_notice(facts: Facts, day: dt.date) -> None:
    """The notice a day after the record's verification needs, on its own line."""
    from geo.reach import reach

    notice = reach(facts).notice(day)
    if notice:
        say(f"Note: {notice}")
