"""The list of every source of a fact on the map, under an exported map; each seed article with its claims' verdicts."""

from __future__ import annotations

from collections.abc import Sequence

from geo.claims import CheckedClaim, counts_by_seed
from geo.facts.schema import SeedQuote, Source
from layers.furniture import ATTRIBUTION
from layers.html import Raw, esc


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


def claims_html(seed: str, claims: Sequence[CheckedClaim], first: bool) -> str:
    """The verdicts of a seed's claims: at its first entry in the sources list all of them (folded), later a link."""
    if not claims:
        return ""
    anchor = f"claims-{esc(seed)}"
    if not first:
        return f' <small>Its claims against the record: <a href="#{anchor}">{verdict_tally(claims)}</a></small>'
    items = "".join(claim_item(c) for c in claims)
    summary = f"<summary>Its claims against the record: {verdict_tally(claims)}</summary>"
    return f'<details class="claims" id="{anchor}">{summary}<ul>{items}</ul></details>'


def source_item(source: Source, claims: str = "") -> str:
    """One entry of the sources list: a seed's whole quote (with its claims' verdicts), or a publication in full."""
    if isinstance(source, SeedQuote):
        return f"<li>seeds/{esc(source.seed)}: <q>{esc(source.quote)}</q>{claims}</li>"
    parts = [esc(source.publisher), f"<i>{esc(source.title)}</i>"]
    if source.date:
        parts.append(esc(source.date))
    if source.url:
        parts.append(f'<a href="{esc(source.url)}">{esc(source.url)}</a>')
    return f"<li>{', '.join(parts)}</li>"


def sources_section(
    sources: list[Source], title: str, day: str, tool: str, extra: str = "", claims: Sequence[CheckedClaim] = ()
) -> Raw:
    """The list of every source of a fact on the map, under the map; each seed article with its claims' verdicts."""
    by_seed: dict[str, list[CheckedClaim]] = {}
    for c in claims:
        by_seed.setdefault(c.seed, []).append(c)
    items, seen = [], set()
    for s in sources:
        seed = s.seed if isinstance(s, SeedQuote) else None
        items.append(source_item(s, claims_html(seed, by_seed.get(seed, []), seed not in seen) if seed else ""))
        seen.add(seed)
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
        f"<p>{esc(title)}, as of {esc(day)}. Every fact on the map comes from one of these {len(sources)} sources. "
        f"{esc(ATTRIBUTION)}. Made with {esc(tool)}.{ledger}</p><ol>{''.join(items)}</ol>{extra}</section>"
    )
    return Raw(html)
