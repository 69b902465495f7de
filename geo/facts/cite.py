"""How the atlas cites a source in plain text: short ('Publisher (date)'), or in full on one line."""

from __future__ import annotations

from collections.abc import Iterable

from geo.facts.schema import SEED_GRADE, Grade, SeedQuote, Source


def grade_of(source: Source) -> Grade:
    """How far the source can be trusted: its grade, or that of a seed article (a news article) for a seed quote."""
    return SEED_GRADE if isinstance(source, SeedQuote) else source.grade


def cite(source: Source) -> str:
    """A short citation: 'seeds/FILE' for a seed quote, 'Publisher (date)' for a publication."""
    if isinstance(source, SeedQuote):
        return f"seeds/{source.seed}"
    return f"{source.publisher} ({source.date})" if source.date else source.publisher


def short_citations(sources: Iterable[Source]) -> tuple[str, ...]:
    """Each distinct source as a short citation, in order."""
    return tuple(dict.fromkeys(cite(s) for s in sources))


def full_citation(source: Source) -> str:
    """A full citation on one line with its grade: 'seeds/FILE: “quote” [media]' or
    'Publisher, Title (date) <url> [primary]'.
    """
    if isinstance(source, SeedQuote):
        return f"seeds/{source.seed}: “{' '.join(source.quote.split())}” [{SEED_GRADE}]"
    date = f" ({source.date})" if source.date else ""
    url = f" <{source.url}>" if source.url else ""
    return f"{source.publisher}, {source.title}{date}{url} [{source.grade}]"


def full_citations(sources: Iterable[Source]) -> str:
    """Several full citations, separated by ' | '."""
    return " | ".join(full_citation(s) for s in sources)
