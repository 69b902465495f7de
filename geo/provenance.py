"""Which data a product was made from: a short hash of the facts file and the GeoPackage, and the command that makes
a report pack again with the files it read and their SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from geo.errors import AtlasError


def data_version(*paths: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the files' contents, in order (AtlasError for an unreadable file)."""
    return sha256(*paths)[:12]


def sha256(*paths: Path) -> str:
    """The SHA-256 of the files' contents, in order, hex (AtlasError for an unreadable file)."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            with Path(path).open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as error:
            raise AtlasError(path, "file", str(path), f"cannot be read ({error.strerror})") from None
    return digest.hexdigest()


@dataclass(frozen=True)
class ReportCommand:
    """The command that makes a report pack: its argument list, and the files it reads with their SHA-256."""

    argv: list[str]
    inputs: dict[str, dict[str, str]]


def report_command(
    out: str,
    day: dt.date,
    since: dt.date,
    layers: tuple[str, ...],
    dpi: int,
    facts: Path,
    gpkg: Path,
    compare: dt.date | None = None,
) -> ReportCommand:
    """`python -m atlas report` with every option that decides the pack's bytes, the files it reads by absolute
    path (so it runs from any folder), and their digests.
    """
    read = {"facts": Path(facts).resolve(), "gpkg": Path(gpkg).resolve()}
    argv = [
        "python", "-m", "atlas", "report", "--out", out, "--on", day.isoformat(), "--since", since.isoformat(),
        "--layers", *layers, "--dpi", str(dpi), "--facts", str(read["facts"]), "--gpkg", str(read["gpkg"]),
    ]  # fmt: skip
    argv += ["--compare", compare.isoformat()] if compare else []
    return ReportCommand(argv, {name: {"path": str(path), "sha256": sha256(path)} for name, path in read.items()})
