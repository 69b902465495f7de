"""The sources of what a map shows, as references others can use: CSL-JSON, BibTeX, RIS and a reference list.

One reference per publication: a published page, or a seed article with the quotes the record takes from it
(a seed's publisher, title, date and address come from the facts file's `seeds` section where it has them). The
reference list is formatted by citeproc-py in the Harvard style it ships ("Cite Them Right"). BibTeX and RIS
are written here, so that the tests can read them back with libraries of their own (bibtexparser, rispy).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.errors import AtlasError
from geo.facts.schema import SEED_GRADE, Facts, Publication, SeedQuote, Source
from geo.facts.seeds import seed_headline

FORMATS = ("text", "csl-json", "bibtex", "ris")
STYLE = "harvard-cite-them-right"  # bundled with citeproc-py: no download


@dataclass(frozen=True)
class Reference:
    """One publication a map cites."""

    key: str
    kind: str  # CSL item type: "webpage" for a published page, "article-newspaper" for a seed article
    title: str
    publisher: str
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None
    accessed: str | None
    quotes: tuple[str, ...] = ()  # a seed article's quotes that the record rests on
    seed: str | None = None  # the seed article's file in seeds/
    title_from_address: bool = False  # the stored page shows no headline: the title is its address's words
    grade: str = SEED_GRADE  # primary, authoritative, media or reference (a seed article is a news article)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "source"


def references(sources: Iterable[Source], facts: Facts) -> list[Reference]:
    """One reference per publication among the sources (seed quotes gathered under their article), first cited first."""
    ids = {source: key for key, source in facts.sources.items()}
    order: dict[str, Reference] = {}
    quotes: dict[str, list[str]] = {}
    for source in sources:
        if isinstance(source, SeedQuote):
            key = f"seed-{source.seed.split('_', 1)[0]}"
            quotes.setdefault(key, [])
            if source.quote not in quotes[key]:
                quotes[key].append(source.quote)
            if key not in order:
                order[key] = _seed_reference(key, source.seed, facts)
            continue
        key = ids.get(source) or f"{_slug(source.publisher)}-{source.date or 'nd'}"
        while key in order and order[key].title != source.title:
            key += "-x"
        order.setdefault(key, _publication_reference(key, source))
    return [ref if not quotes.get(ref.key) else _with_quotes(ref, quotes[ref.key]) for ref in order.values()]


def _publication_reference(key: str, source: Publication) -> Reference:
    accessed = source.accessed.isoformat() if source.accessed else None
    from_address = source.title_from == "address"
    return Reference(
        key, "webpage", source.title, source.publisher, source.date, source.url, accessed, (), None, from_address,
        source.grade,
    )  # fmt: skip


def _seed_reference(key: str, seed: str, facts: Facts) -> Reference:
    article = facts.seeds.get(seed)
    if article is None:
        return Reference(key, "article-newspaper", seed_headline(seed) or seed, "", None, None, None, seed=seed)
    accessed = article.accessed.isoformat() if article.accessed else None
    kind = "article-newspaper"
    return Reference(
        key, kind, article.title, article.publisher, article.date, article.url, accessed, seed=seed, grade=article.grade
    )


def _with_quotes(ref: Reference, quotes: list[str]) -> Reference:
    return dataclasses.replace(ref, quotes=tuple(quotes))


def _date_parts(date: str) -> list[list[int]]:
    return [[int(part) for part in date.split("-")]]


def csl_items(refs: Sequence[Reference]) -> list[dict[str, object]]:
    """The references as CSL-JSON items (the format of Zotero, Pandoc and citeproc)."""
    items: list[dict[str, object]] = []
    for ref in refs:
        item: dict[str, object] = {"id": ref.key, "type": ref.kind, "title": ref.title}
        if ref.publisher:  # the publishing body stands as the author, as reference styles cite an organisation
            item["author"] = [{"literal": ref.publisher}]
            item["publisher"] = ref.publisher
        if ref.date:
            item["issued"] = {"date-parts": _date_parts(ref.date)}
        if ref.url:
            item["URL"] = ref.url
        if ref.accessed:
            item["accessed"] = {"date-parts": _date_parts(ref.accessed)}
        item["note"] = f"Source grade: {ref.grade}" + "".join(" | " + " ".join(q.split()) for q in ref.quotes)
        items.append(item)
    return items


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def _bibtex_value(text: str) -> str:
    """Text inside a braced BibTeX field: one line, braces and LaTeX specials escaped so nothing unbalances."""
    return re.sub(r"[\\{}%&#$_^~]", lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(text.split()))


def bibtex_entry(ref: Reference) -> str:
    """One reference as a BibTeX @online (biblatex) entry, one field a line."""
    fields = [("title", ref.title)]
    fields += [("organization", ref.publisher)] if ref.publisher else []
    fields += [("date", ref.date)] if ref.date else []
    fields += [("url", ref.url)] if ref.url else []
    fields += [("urldate", ref.accessed)] if ref.accessed else []
    quoted = (". Quoted: " + " | ".join(ref.quotes)) if ref.quotes else ""
    fields += [("note", f"Source grade: {ref.grade}{quoted}")]
    body = ",\n".join(f"  {name} = {{{_bibtex_value(value)}}}" for name, value in fields)
    return f"@online{{{ref.key},\n{body}\n}}\n"


def bibtex(refs: Sequence[Reference]) -> str:
    """The references as BibTeX entries, a blank line between them."""
    return "\n".join(bibtex_entry(ref) for ref in refs)


def _ris_value(text: str) -> str:
    return " ".join(text.split())


def ris_record(ref: Reference) -> str:
    """One reference as a RIS record, ending in its 'ER  - ' line and a newline."""
    lines = ["TY  - " + ("NEWS" if ref.kind == "article-newspaper" else "ELEC")]
    lines.append(f"ID  - {ref.key}")
    lines.append(f"TI  - {_ris_value(ref.title)}")
    lines += [f"PB  - {_ris_value(ref.publisher)}"] if ref.publisher else []
    if ref.date:
        parts = ref.date.split("-")
        lines.append(f"PY  - {parts[0]}")
        lines.append("DA  - " + "/".join(parts + [""] * (3 - len(parts))))
    lines += [f"UR  - {_ris_value(ref.url).replace(';', '%3B')}"] if ref.url else []  # ';' separates URLs
    lines += [f"Y2  - {ref.accessed.replace('-', '/')}"] if ref.accessed else []
    lines.append(f"N1  - Source grade: {ref.grade}")
    lines += [f"N1  - Quoted: {_ris_value(quote)}" for quote in ref.quotes]
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def ris(refs: Sequence[Reference]) -> str:
    """The references in RIS, the tagged format of EndNote and reference managers, a blank line between them."""
    return "\n".join(ris_record(ref) for ref in refs)


def citation_entries(refs: Sequence[Reference]) -> list[tuple[dict[str, object], str, str]]:
    """Each reference as each citation file holds it: its CSL-JSON item, BibTeX entry and RIS record. The files are
    these joined: the items as a JSON array indented by one space (and a newline), the entries and records with a
    newline between them (formatted()).
    """
    return list(zip(csl_items(refs), map(bibtex_entry, refs), map(ris_record, refs), strict=True))


def reference_list(refs: Sequence[Reference]) -> list[str]:
    """The references formatted in the Harvard style, as plain text, in the order first cited, each with its grade
    in brackets ('[primary]').
    """
    missing = [ref for ref in dict.fromkeys(refs) if ref not in _FORMATTED]
    if missing:
        if len(_FORMATTED) + len(missing) > _KEPT:
            _FORMATTED.clear()
        _FORMATTED.update(zip(missing, _formatted_entries(tuple(missing)), strict=True))
    return [_FORMATTED[ref] for ref in refs]


# each reference formatted once in a process (a report pack lists the same sources in every view; citeproc takes
# about 2 ms a reference): citeproc-py formats each bibliography entry on its own (no year-suffix disambiguation;
# tests/test_citations.py checks that a list formats as its entries alone do)
_FORMATTED: dict[Reference, str] = {}
_KEPT = 4096


@functools.cache
def _style() -> object:
    """The Harvard style, parsed once."""
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(STYLE, validate=False)


def _formatted_entries(refs: tuple[Reference, ...]) -> list[str]:
    """The references formatted by citeproc in one bibliography, each with its grade."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON(csl_items(refs))
    bibliography = CitationStylesBibliography(_style(), source, formatter.plain)
    for ref in refs:
        bibliography.register(Citation([CitationItem(ref.key.lower())]))
    entries = [" ".join(str(entry).split()) for entry in bibliography.bibliography()]
    return [f"{entry} [{ref.grade}]" for entry, ref in zip(entries, refs, strict=True)]


def formatted(refs: Sequence[Reference], form: str, field: str = "--format") -> str:
    """The references in one of FORMATS (AtlasError naming the field for another)."""
    if form == "csl-json":
        return json.dumps(csl_items(refs), ensure_ascii=False, indent=1) + "\n"
    if form == "bibtex":
        return bibtex(refs)
    if form == "ris":
        return ris(refs)
    if form == "text":
        return "".join(f"{line}\n" for line in reference_list(refs))
    raise AtlasError(None, field, form, f"unknown format; choose from {', '.join(FORMATS)}")
