"""The command line: `python -m atlas {lengths,status,plans,changes,suwalki,validate,claims,export,figure,report,
sources,build-data,build-places,build-scales}`.

The commands live in atlas/commands/, one module per subject; each opens the record (geo.record.open_record), calls
the core or the drawing (layers.web, layers.figure) and prints; bad input is one line on stderr, exit 2. Heavy
modules are imported inside the commands, so `--help` answers at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from atlas.commands import borders, checks, data, maps, plans, sources, status
from atlas.commands.options import Command, Parser, facts_option
from atlas.commands.output import say
from geo import TOOL_NAME, __version__
from geo.errors import AtlasError
from layers.files import remove_staged

_ALL = {
    **borders.COMMANDS,
    **status.COMMANDS,
    **plans.COMMANDS,
    **checks.COMMANDS,
    **maps.COMMANDS,
    **sources.COMMANDS,
    **data.COMMANDS,
}
# every command, in the order --help lists them
COMMANDS: dict[str, Command] = {
    name: _ALL[name]
    for name in (
        "lengths", "status", "plans", "changes", "suwalki", "validate", "claims", "export", "figure", "report",
        "sources", "build-data", "build-places", "build-scales",
    )
}  # fmt: skip


def make_parser() -> Parser:
    """The parser of every command: --facts for each, then the command's own options."""
    parser = Parser(
        prog="python -m atlas",
        description=f"{TOOL_NAME} {__version__}: border geometry, treaty status and sourced facts.",
    )
    parser.add_argument("--version", action="version", version=f"{TOOL_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name, command in COMMANDS.items():
        sub: Parser = commands.add_parser(name, help=command.help, description=command.help)
        facts_option(sub)
        command.options(sub)
    return parser


def _descendants(root: int) -> list[int]:
    """The ids of every process below root, read from /proc (none where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the fields after the command name: state, ppid, ...
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def stop_children() -> None:
    """Kill the processes this one started (Playwright's driver and its browser), for a signal handler about to exit:
    it cannot wait for Playwright to close them.
    """
    for pid in _descendants(os.getpid()):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM or SIGINT (Ctrl-C): remove what a write in progress holds, say so in one line, and exit at once.

    Exiting from the handler, rather than raising, also works while the process waits inside Playwright's event
    loop, which would not pass an exception on.
    """
    remove_staged()
    stop_children()
    if signum == signal.SIGTERM:
        say("error: stopped by SIGTERM", file=sys.stderr)
        os._exit(2)
    say("error: interrupted (Ctrl-C)", file=sys.stderr)
    os._exit(130)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Bad input, a fault or a signal gives one line on stderr: exit code 2 (130 for Ctrl-C).

    An unexpected error is one line too; ATLAS_DEBUG=1 shows its traceback instead.
    """
    args = make_parser().parse_args(argv)
    main_thread = threading.current_thread() is threading.main_thread()
    handled = [s for s in (signal.SIGTERM, signal.SIGINT) if main_thread and signal.getsignal(s) != signal.SIG_IGN]
    previous = {signum: signal.signal(signum, _stop) for signum in handled}
    try:
        COMMANDS[args.command].run(args)
    except AtlasError as exc:
        say(f"error: {exc.line()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # where the handler above is not installed (a caller that is not the main thread)
        say("error: interrupted (Ctrl-C)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except MemoryError:
        say("error: out of memory", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get("ATLAS_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:200]
        say(f"error: unexpected {type(exc).__name__}: {detail} (a bug: ATLAS_DEBUG=1 shows where)", file=sys.stderr)
        return 2
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
