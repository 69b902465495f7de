"""Escaping and small HTML pieces shared by the layers: every text from the data goes through `esc`."""

from __future__ import annotations

import html
import json
import re

from geo.facts import Amount, Publication, Quantity, SeedQuote

_JINJA_OPENER = re.compile(r"\{(?=[{%#])")
QUOTE_CHARS = 220  # a seed quote longer than this is cut in popups (the sources list has it whole)


def esc(text: object) -> str:
    """Text as HTML that is also inert in a JavaScript template literal and a Jinja template (`, $, \\, { as entities)."""
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;").replace("{", "&#123;")


def js_json(value: object) -> str:
    """Compact JSON safe inside a <script> element and inert to Jinja (branca renders a macro's output as a template again)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _JINJA_OPENER.sub(r"\\u007b", text)  # '{{', '{%', '{#' occur only inside JSON strings


def short(text: str, limit: int = QUOTE_CHARS) -> str:
    """Text cut to `limit` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def cite_html(source: SeedQuote | Publication) -> str:
    """A citation: the seed file and its quote, or the publisher, title and date, linked to its address."""
    if isinstance(source, SeedQuote):
        return f'<span class="src">seeds/{esc(source.seed)}: “{esc(short(source.quote))}”</span>'
    date = f" ({esc(source.date)})" if source.date else ""
    name = f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">{esc(source.publisher)}</a>' if source.url else esc(source.publisher)
    return f'<span class="src">{name}, {esc(source.title)}{date}</span>'


def sources_html(sources: list[SeedQuote | Publication] | tuple[SeedQuote | Publication, ...]) -> str:
    """A list of citations."""
    return '<div class="srcs">Source: ' + "; ".join(cite_html(s) for s in sources) + "</div>"


def money(amount: Amount) -> str:
    """'EUR 60,000,000 (about)'."""
    upper = f"–{amount.value_max:,.0f}" if amount.value_max is not None else ""
    note = f" ({amount.note})" if amount.note else ""
    return f"{amount.currency} {amount.value:,.0f}{upper}{note}"


def quantity(q: Quantity) -> str:
    """'600 bunkers (up to)'."""
    upper = f"–{q.value_max:,.0f}" if q.value_max is not None else ""
    note = f" ({q.note})" if q.note else ""
    return f"{q.value:,.0f}{upper} {q.unit}{note}"
