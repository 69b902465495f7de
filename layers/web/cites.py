"""Each citation once per page: the features' details refer by number to a table of the sources they cite, which the
page writes out as text when a feature's details are shown (static/panel.js), never as HTML. And the details
themselves held once per page, out of the features: a feature refers to its details by number (DetailsTable), and the
page carries both tables compressed (layers.web.panel.DetailsPanel), unpacked once, when details are first shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geo.facts.cite import grade_of
from geo.facts.schema import SeedQuote, Source
from layers.web.html import cite_html, short

_CITATION = re.compile(r'<span class="src">.*?</span>')  # cite_html's output: one span, no span inside it


def cite_row(source: Source) -> list[str]:
    """A source as the page's table holds it: [grade, seed file, quote as the details cut it] for a seed quote,
    [grade, publisher, title, date, address] for a publication ('' where there is none).
    """
    if isinstance(source, SeedQuote):
        return [grade_of(source), source.seed, short(source.quote)]
    return [grade_of(source), source.publisher, source.title, source.date or "", source.url or ""]


class CitationTable:
    """The sources a page's details cite, each once in the order first cited, and the details referring to them."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._sources = {cite_html(source): source for source in sources}
        self._numbers: dict[str, int] = {}
        self.rows: list[list[str]] = []

    def referring(self, html: str) -> str:
        """Details HTML with each citation of a known source as a reference to its row (<span data-cite=N></span>,
        filled in by the page); a citation of any other source stays as it is.
        """

        def reference(match: re.Match[str]) -> str:
            source = self._sources.get(match.group(0))
            if source is None:
                return match.group(0)
            if match.group(0) not in self._numbers:
                self._numbers[match.group(0)] = len(self.rows)
                self.rows.append(cite_row(source))
            return f"<span data-cite={self._numbers[match.group(0)]}></span>"

        return _CITATION.sub(reference, html)


class DetailsTable:
    """The features' details HTML, each text once, numbered from 1 in the order first held (0 is no details)."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.texts: list[str] = []

    def number(self, html: str) -> int:
        """The number of this details text in the table (added if new)."""
        if html not in self._numbers:
            self.texts.append(html)
            self._numbers[html] = len(self.texts)
        return self._numbers[html]
