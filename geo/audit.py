"""Checks of the record as a whole, beyond one file's schema: every country the map draws has a status, and every
published source can be opened and dated.

`python -m atlas validate` runs both.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import geopandas as gpd

from geo.errors import AtlasError
from geo.facts.checks import Problem, publications
from geo.facts.schema import Facts, Grade, Publication, SeedQuote
from geo.facts.walk import values_under, walk


def drawn_without_status(facts: Facts, countries: gpd.GeoDataFrame) -> list[Problem]:
    """Countries in the map's geometry whose treaty events the facts do not record."""
    recorded = {c.iso3 for c in facts.countries if c.treaty_events is not None}
    drawn = dict.fromkeys(countries["iso3"])
    return [
        ("countries", code, "drawn on the map but without treaty events: add the country and its events")
        for code in drawn
        if code not in recorded
    ]


def unsourced_publications(facts: Facts) -> list[Problem]:
    """Publications a reader could not open or date: no address, no date (of publication or of access), or a
    placeholder title in [brackets] where the page's own title belongs. Each is named by its source id.
    """
    ids = {source: key for key, source in facts.sources.items()}
    found: list[Problem] = []
    for path, item in walk(facts):
        if not isinstance(item, Publication):
            continue
        where = f"sources.{ids[item]}" if item in ids else path
        if item.url is None:
            found.append((f"{where}.url", None, "a published source needs its address"))
        elif item.date is None and item.accessed is None:
            found.append(
                (f"{where}.date", None, "a published source needs its date, or the date it was read (accessed)")
            )
        elif item.title.startswith("["):
            found.append((f"{where}.title", item.title, "a placeholder: give the page's own title"))
        elif item.title_from == "address" and not made_from_address(item.title, item.url):
            found.append((f"{where}.title", item.title, f"not the words of its address ({item.url})"))
    return list(dict.fromkeys(found))


def _words(text: str) -> str:
    """Lower-case words without accents ('Lapin itärajalle' and 'lapin-itarajalle' have the same words)."""
    plain = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    return " ".join(re.findall(r"[a-z0-9]+", "".join(c for c in plain if not unicodedata.combining(c))))


def _title_words(title: str) -> set[str]:
    """A title's words, with an apostrophe read both ways ('Estonia's' as 'estonia s' and as 'estonias')."""
    return {_words(title), _words(re.sub(r"['’]", "", title))}


def address_words(url: str) -> str:
    """The words of an address's last descriptive part, without a file suffix or an article number or date
    ('…/1609946612/estonia-plans-600-…-advances' → 'estonia plans 600 … advances'; the numbers of '…-border-96048787',
    '117733-mines-…' and '2025-10-17-eu-…' are dropped).
    """
    path = re.sub(r"^[a-z]+://[^/]*|[?#].*$", "", url)
    parts = [part.replace("_", "-") for part in path.split("/") if "-" in part or "_" in part]
    if not parts:
        return ""
    slug = re.sub(r"\.[a-z]+$", "", parts[-1].split(",")[0])
    return _words(re.sub(r"^(\d{5,}|\d{4}-\d\d-\d\d)-|(-[a-z])?-[a-z]?\d{5,}[a-z]?$", "", slug))


@dataclass(frozen=True)
class SourceSummary:
    """The record's sources at a glance: how many, by grade, undated, and with a title made from the address."""

    total: int
    by_grade: dict[str, int]
    undated: tuple[str, ...]  # where each undated source is (its id, or the field of an inline one)
    title_from_address: tuple[str, ...]
    seed_quotes: int

    def lines(self) -> list[str]:
        """The summary as text lines."""
        grades = ", ".join(f"{n} {grade}" for grade, n in self.by_grade.items())
        return [
            f"Sources of the record: {self.total} publications and seed articles ({grades}); "
            f"{self.seed_quotes} seed quotes",
            f"undated (read on the day given as accessed): {len(self.undated)}"
            + (f": {', '.join(self.undated)}" if self.undated else ""),
            f"title made from the address (the stored page shows none): {len(self.title_from_address)}"
            + (f": {', '.join(self.title_from_address)}" if self.title_from_address else ""),
        ]


def source_summary(facts: Facts) -> SourceSummary:
    """Every publication and seed article of the record, counted by grade, undated and title made from the address."""
    where = publications(facts)
    seeds = list(facts.seeds.items())
    grades = Counter([s.grade for s in where] + [article.grade for _, article in seeds])
    by_grade = {grade: grades[grade] for grade in get_args(Grade) if grades[grade]}
    undated = [p for s, p in where.items() if s.date is None] + [f"seeds.{n}" for n, a in seeds if a.date is None]
    from_address = [p for s, p in where.items() if s.title_from == "address"]
    quotes = {item for item in values_under(facts) if isinstance(item, SeedQuote)}
    return SourceSummary(
        len(where) + len(seeds), by_grade, tuple(sorted(undated)), tuple(sorted(from_address)), len(quotes)
    )


def made_from_address(title: str, url: str) -> bool:
    """Whether a title is the words of its address: those of its last descriptive part (address_words), or, where
    the address has none ('tass.com/world/925139') or carries an article number, a run of the address's words.
    """
    if address_words(url) in _title_words(title):
        return True
    every = f" {_words(re.sub(r'^[a-z]+://', '', url))} "
    return any(len(words.split()) >= 3 and f" {words} " in every for words in _title_words(title))


def check_record(facts: Facts, path: Path, countries: gpd.GeoDataFrame | None) -> None:
    """AtlasError for the first problem of the record as a whole (with the count of such problems)."""
    problems = drawn_without_status(facts, countries) if countries is not None else []
    problems += [(f"sources.{key}", key, "never cited: cite it or remove the entry") for key in facts.uncited]
    for field, value, problem in problems:
        raise AtlasError(path, field, value, problem)
    left = unsourced_publications(facts)
    if left:
        field, value, problem = left[0]
        raise AtlasError(path, field, value, f"{problem} ({len(left)} such problems in the file)")
