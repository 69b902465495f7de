"""Escaping and small HTML pieces shared by the layers: every text from the data goes through `esc`."""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
from collections.abc import Iterator

from branca.element import Element, Figure

from geo.facts.cite import grade_of
from geo.facts.schema import Amount, Quantity, SeedQuote, Source


class Raw(Element):
    """Fixed HTML put into the page as it is (branca's Element would read it as a Jinja template), with the page
    scripts it needs (names the exporter inlines, layers.web.assets).
    """

    def __init__(self, html: str, default_js: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.html = html
        self.default_js = default_js or []

    def render(self, **kwargs: object) -> str:
        """The HTML itself."""
        return self.html


def page_of(element: Element) -> Figure:
    """The page (branca Figure) an element is drawn into."""
    root = element.get_root()
    if not isinstance(root, Figure):
        raise TypeError(f"{type(element).__name__} is not on a page")
    return root


def elements(root: Element) -> Iterator[Element]:
    """Every element under root, depth first in document order."""
    yield root
    for child in list(root._children.values()):
        yield from elements(child)


_JINJA_OPENER = re.compile(r"\{(?=[{%#])")
QUOTE_CHARS = 220  # a seed quote longer than this is cut in the details panel (the sources list has it whole)


def esc(text: object) -> str:
    r"""Text as HTML, also inert in a JavaScript template literal and a Jinja template (`, $, \\, { as entities)."""
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;").replace("{", "&#123;")


class RawJSON(str):
    """JSON text put into js_json's output as it is: GeoJSON geometry from shapely (numbers and brackets only), so
    that a megabyte of coordinates is not parsed into Python objects only to be written out again.
    """


_RAW = re.compile(r'"\\u0000(\d+)\\u0000"')


def json_text(value: object) -> str:
    """Compact JSON of the value, its RawJSON parts as they are."""
    raws: list[str] = []

    def placeholders(v: object) -> object:
        if isinstance(v, RawJSON):
            raws.append(v)
            return f"\x00{len(raws) - 1}\x00"  # facts cannot hold control characters (the loader refuses them)
        if isinstance(v, dict):
            return {k: placeholders(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [placeholders(x) for x in v]
        return v

    text = json.dumps(placeholders(value), ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return _RAW.sub(lambda m: raws[int(m.group(1))], text) if raws else text


def js_json(value: object) -> str:
    """Compact JSON, safe inside a <script> element (no end tag, no comment opener) and inert to Jinja (branca renders
    macro output again).
    """
    # only what a script element or JavaScript would read: '</' (an end tag), '<!--' (the parser's escaped state),
    # the two line separators; '<', '>' and '&' are plain text in a script
    text = (
        json_text(value)
        .replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _JINJA_OPENER.sub(r"\\u007b", text)  # '{{', '{%', '{#' occur only inside JSON strings


def packed_json(value: object) -> str:
    """JSON, gzip-compressed (no timestamp: the same value, the same bytes) and base64-encoded: what the page unpacks
    when it needs it (AtlasApi.unpacked, layers/web/static/api.js). Base64 is inert anywhere in a page.
    """
    text = json_text(value)
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def short(text: str, limit: int = QUOTE_CHARS) -> str:
    """Text cut to `limit` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def cite_html(source: Source) -> str:
    """A citation: the seed file and its quote, or the publisher, title and date, linked to its address."""
    grade = f' <small class="grade">[{esc(grade_of(source))}]</small>'
    if isinstance(source, SeedQuote):
        return f'<span class="src">seeds/{esc(source.seed)}: “{esc(short(source.quote))}”{grade}</span>'
    date = f" ({esc(source.date)})" if source.date else ""
    name = (
        f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">{esc(source.publisher)}</a>'
        if source.url
        else esc(source.publisher)
    )
    return f'<span class="src">{name}, {esc(source.title)}{date}{grade}</span>'


def sources_html(sources: list[Source] | tuple[Source, ...]) -> str:
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
