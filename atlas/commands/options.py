"""The command line's parser, each command's description, and the options several commands share, defined once."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from geo.errors import AtlasError
from geo.settings import LAYERS

if TYPE_CHECKING:
    import datetime as dt


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print one line and exit 2."""
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


@dataclass(frozen=True)
class Command:
    """One command: what it does (its help), the options it takes, and the function that runs it."""

    help: str
    options: Callable[[Parser], None]
    run: Callable[[argparse.Namespace], None]


def facts_option(parser: argparse.ArgumentParser) -> None:
    """--facts PATH: every command takes it."""
    parser.add_argument(
        "--facts", type=Path, default=None, metavar="PATH", help="facts file to use (default data/facts.yaml)"
    )


def gpkg_option(parser: argparse.ArgumentParser, what: str = "GeoPackage to read") -> None:
    """--gpkg PATH: another GeoPackage."""
    parser.add_argument("--gpkg", type=Path, default=None, metavar="PATH", help=f"{what} (default data/atlas.gpkg)")


def claims_option(parser: argparse.ArgumentParser, what: str, *, none: bool = False) -> None:
    """--claims PATH (with `none`: PATH or 'none', kept as text)."""
    or_none = "; 'none': no verdicts" if none else ""
    parser.add_argument(
        "--claims",
        type=str if none else Path,
        default=None,
        metavar="PATH|none" if none else "PATH",
        help=f"{what} (default data/claims.yaml{or_none})",
    )


def json_option(parser: argparse.ArgumentParser, what: str = "print JSON") -> None:
    """--json: print one JSON value instead of text."""
    parser.add_argument("--json", action="store_true", help=what)


def on_option(
    parser: argparse.ArgumentParser, what: str = "the 'as of' date (default today)", *, repeat: bool = False
) -> None:
    """--on YYYY-MM-DD: the day a command looks at (repeat: up to MAX_DATES days, each given with its own --on)."""
    if repeat:
        parser.add_argument("--on", action="append", default=None, metavar="YYYY-MM-DD", help=what)
    else:
        parser.add_argument("--on", default=None, metavar="YYYY-MM-DD", help=what)


def country_option(parser: argparse._ActionsContainer, what: str) -> None:
    """--country ISO3: only what concerns one country."""
    parser.add_argument("--country", default=None, metavar="ISO3", help=what)


def layers_option(parser: argparse.ArgumentParser, what: str = "layers to show") -> None:
    """--layers LAYER ...: the map's layers."""
    parser.add_argument(
        "--layers", nargs="+", default=None, metavar="LAYER", help=f"{what} (default all): {', '.join(LAYERS)}"
    )


def frame_options(parser: argparse.ArgumentParser, country: str, box: str) -> None:
    """--country ISO3 or --bbox W,S,E,N, one or the other."""
    where = parser.add_mutually_exclusive_group()
    country_option(where, country)
    where.add_argument("--bbox", default=None, metavar="W,S,E,N", help=box)


def dpi_option(parser: argparse.ArgumentParser, what: str) -> None:
    """--dpi N: the resolution of a PNG."""
    parser.add_argument("--dpi", type=int, default=300, help=f"resolution of {what} (default 300)")


def day_on(args: argparse.Namespace) -> dt.date:
    """The day --on gives (checked), today without it."""
    import datetime as dt

    from geo.dates import parse_day

    return parse_day(args.on, "--on") if args.on is not None else dt.date.today()


MAX_DATES = 3  # the most dates a figure compares, side by side


def days_on(args: argparse.Namespace) -> list[dt.date]:
    """The days of a repeated --on (checked, distinct, at most MAX_DATES), in date order; today without one."""
    import datetime as dt

    from geo.dates import parse_day

    given = args.on or []
    if len(given) > MAX_DATES:
        raise AtlasError(None, "--on", " ".join(given), f"more than {MAX_DATES} dates; a figure compares 2 or 3")
    days = [parse_day(text, "--on") for text in given] or [dt.date.today()]
    if len(set(days)) < len(days):
        raise AtlasError(None, "--on", " ".join(given), "the same date twice; give different dates to compare")
    return sorted(days)
