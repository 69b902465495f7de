"""Outputs that cannot replace an input: a command that writes refuses, before any work, an output that is one of
the files the atlas reads (the facts file, the claims ledger, the GeoPackage, a seed article) or another output of the
same run, after resolving links; nothing is written then.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from pathlib import Path

from geo.errors import AtlasError
from geo.settings import CLAIMS_PATH, FACTS_PATH, GPKG_PATH, SEEDS_DIR


def inputs_of(args: argparse.Namespace, *, gpkg: bool = True) -> list[tuple[str, Path]]:
    """The files a command reads, named as a reader knows them: those its options give, or the defaults, and every
    seed article (`gpkg`: whether the GeoPackage counts; the data pipeline writes it).
    """
    claims = getattr(args, "claims", None)
    found = [("facts file", Path(getattr(args, "facts", None) or FACTS_PATH))]
    found.append(("claims ledger", Path(claims) if claims not in (None, "none") else CLAIMS_PATH))
    if gpkg:
        found.append(("GeoPackage", Path(getattr(args, "gpkg", None) or GPKG_PATH)))
    if SEEDS_DIR.is_dir():
        found += [("seed article", seed) for seed in sorted(SEEDS_DIR.iterdir()) if seed.is_file()]
    return found


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same file on disk (links, hard links), or the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return a.resolve() == b.resolve()


def refuse_overwriting(outputs: Iterable[tuple[str, Path]], inputs: Iterable[tuple[str, Path]]) -> None:
    """AtlasError naming the option and the path when an output is an input or another output of the same run."""
    inputs = list(inputs)
    written: list[tuple[str, Path]] = []
    for flag, path in outputs:
        for what, source in inputs:
            if _same(path, source):
                raise AtlasError(None, flag, str(path), f"is the {what} the atlas reads ({source}); write elsewhere")
        for other_flag, other in written:
            if _same(path, other):
                raise AtlasError(None, flag, str(path), f"is also the output of {other_flag}; give each its own name")
        written.append((flag, path))
