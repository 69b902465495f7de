"""The list of every publication a map's facts come from, under an exported map, with citation downloads."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.citations import Reference
from geo.claims import CheckedClaim, counts_by_seed
from layers.web.furniture import ATTRIBUTION
from layers.web.html import Raw, esc, packed_json


def verdict_tally(claims: Sequence[CheckedClaim]) -> str:
    """'5 claims: 0 consistent, 5 contradicted, 0 imprecise, 0 unverified' (the claims of one seed)."""
    counts = next(iter(counts_by_seed(claims).values()), {})
    return f"{len(claims)} claim{'s' if len(claims) != 1 else ''}: " + ", ".join(
        f"{n} {esc(v)}" for v, n in counts.items()
    )


def claim_item(c: CheckedClaim) -> str:
    """One claim of a seed with its verdict: what it states and, where the record differs, its value and source."""
    record = (
        f" — record: {esc(c.record)}{f' ({esc(c.source)})' if c.source else ''}"
        if c.verdict in ("contradicted", "imprecise") and c.record
        else ""
    )
    why = f" <small>({esc(c.reason)})</small>" if c.verdict == "unverified" else ""
    verdict = f'<b class="verdict-{esc(c.verdict)}">{esc(c.verdict)}</b>'
    return f"<li>{verdict} {esc(c.subject)}, {esc(c.attribute)}: {esc(c.stated)}{record}{why}</li>"


def claims_html(seed: str, claims: Sequence[CheckedClaim]) -> str:
    """The verdicts of a seed article's claims, folded under its entry in the sources list."""
    if not claims:
        return ""
    items = "".join(claim_item(c) for c in claims)
    summary = f"<summary>Its claims against the record: {verdict_tally(claims)}</summary>"
    anchor = re.sub(r"[^A-Za-z0-9_-]", "-", seed)  # an id of letters, digits, dashes and underscores
    return f'<details class="claims" id="claims-{anchor}">{summary}<ul>{items}</ul></details>'


def reference_item(ref: Reference, claims: str = "") -> str:
    """One entry of the sources list: publisher, the title linked to its address, date; a seed article, its quotes."""
    parts = [esc(ref.publisher)] if ref.publisher else []
    title = f"<i>{esc(ref.title)}</i>"
    linked = f'<a href="{esc(ref.url)}">{title}</a>' if ref.url else title  # a print writes the address out
    parts.append(linked + (" (title from its address)" if ref.title_from_address else ""))
    if ref.date:
        parts.append(esc(ref.date))
    if ref.seed:
        parts.append(f"seeds/{esc(ref.seed)}")
    parts.append(f'<span class="grade">grade: {esc(ref.grade)}</span>')
    quotes = "".join(f"<li><q>{esc(q)}</q></li>" for q in ref.quotes)
    quoted = f'<ul class="quotes">{quotes}</ul>' if quotes else ""
    return f"<li>{', '.join(parts)}{quoted}{claims}</li>"


def citation_links(entries: Sequence[tuple[dict[str, object], str, str]]) -> str:
    """Links that save the list as CSL-JSON, BibTeX and RIS, offline: each reference's item, entry and record side by
    side (geo.citations.citation_entries), gzip-compressed once for the three files (what they share lies close
    together), made into the files in the page when a link is first clicked (layers/web/static/sources.js).
    """
    packed = packed_json(entries)
    links = [
        f'<a download="sources.{suffix}" href="#" data-type="{mime}" data-form="{form}">{label}</a>'
        for form, (suffix, mime, label) in enumerate(
            (("json", "application/json", "CSL-JSON"), ("bib", "application/x-bibtex", "BIBTEX"),
             ("ris", "application/x-research-info-systems", "RIS"))
        )
    ]  # fmt: skip
    return f'<span class="atlas-cite-files" data-gz="{packed}">Save these sources as {" · ".join(links)}.</span>'


def sources_section(
    refs: Sequence[Reference],
    entries: Sequence[tuple[dict[str, object], str, str]],
    title: str,
    day: str,
    tool: str,
    extra: str = "",
    claims: Sequence[CheckedClaim] = (),
) -> Raw:
    """The list of every publication a fact on the map comes from, under the map; each seed article with its quotes
    and its claims' verdicts; links that save the list for a reference manager.
    """
    by_seed: dict[str, list[CheckedClaim]] = {}
    for c in claims:
        by_seed.setdefault(c.seed, []).append(c)
    items = [reference_item(ref, claims_html(ref.seed, by_seed.get(ref.seed, [])) if ref.seed else "") for ref in refs]
    ledger = (
        (
            " Under each seed article, the verdicts of its claims against the record (the claims ledger): "
            "contradicted means the record says "
            "otherwise, imprecise that it is close but not exact, unverified that the record cannot tell."
        )
        if claims
        else ""
    )
    html = (
        f'<section class="atlas-sources" id="sources"><h2>Sources</h2>'
        f"<p>{esc(title)}, as of {esc(day)}. Every fact on the map comes from one of these {len(refs)} publications. "
        f"{esc(ATTRIBUTION)}. Made with {esc(tool)}.{ledger} {citation_links(entries)}</p>"
        f"<ol>{''.join(items)}</ol>{extra}</section>"
    )
    return Raw(html, default_js=[("atlas_sources_js", "layers/web/static/sources.js")])
