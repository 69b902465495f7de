"""The seed articles in seeds/: their text, normalised for quote checks, and their headlines."""

from __future__ import annotations

import functools
from pathlib import Path

from geo.settings import SEEDS_DIR


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


class SeedTexts:
    """The whitespace-normalised text of each seed file, read once; None for a missing or unsafe name."""

    def __init__(self, seeds_dir: Path) -> None:
        self.seeds_dir = seeds_dir
        self._texts: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        """The seed's normalised text, or None."""
        if name not in self._texts:
            file = self.seeds_dir / name
            ok = Path(name).name == name and not name.startswith(".") and file.is_file()
            self._texts[name] = normalise(file.read_text(encoding="utf-8", errors="replace")) if ok else None
        return self._texts[name]


@functools.lru_cache(maxsize=64)
def seed_headline(seed: str, seeds_dir: Path = SEEDS_DIR) -> str:
    """A seed article's headline: its first line that reads like one (not a menu item); '' if the file is missing."""
    path = seeds_dir / seed
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()] if path.is_file() else []
    return next((line for line in lines if len(line) > 30 and not line.startswith("- ")), "")
