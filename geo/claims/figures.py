"""Verdicts on claims about figures: border lengths, the longest border, neighbours, NATO membership,
the withdrawal notice and the count of parties.

The record is the range of the figures its sources give (for a sum of borders, the sums of the lowest
and of the highest figures). "exactly": `consistent` within the range widened by EXACT_TOLERANCE,
`imprecise` within ABOUT_TOLERANCE; "about": `consistent` within ABOUT_TOLERANCE, `imprecise` within twice
that; "more than", "at least", "less than", "at most": `consistent` when the whole range satisfies the
bound, `imprecise` when part of it does, `contradicted` when none does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from geo.claims.finding import Finding, independent
from geo.claims.schema import (
    KM_PER_UNIT,
    BorderLengthCheck,
    LedgerClaim,
    LongestBorderCheck,
    MembershipCheck,
    NatoCheck,
    NoticeCheck,
    SharesBorderCheck,
    Statement,
    Verdict,
)
from geo.dates import period
from geo.errors import AtlasError
from geo.facts.cite import short_citations
from geo.facts.schema import Facts, Source
from geo.pairs import canonical

EXACT_TOLERANCE = 0.005  # 0.5%: rounding
ABOUT_TOLERANCE = 0.05  # 5%


def figure_fit(value: float, qualifier: str | None, lo: float, hi: float) -> Verdict:
    """How a stated figure fits the record's range [lo, hi] (rules in the module docstring)."""
    q = qualifier or "exactly"
    if q in ("exactly", "about"):
        tol = EXACT_TOLERANCE if q == "exactly" else ABOUT_TOLERANCE
        loose = ABOUT_TOLERANCE if q == "exactly" else 2 * ABOUT_TOLERANCE
        if lo * (1 - tol) <= value <= hi * (1 + tol):
            return "consistent"
        return "imprecise" if lo * (1 - loose) <= value <= hi * (1 + loose) else "contradicted"
    holds: Callable[[float], bool] = {
        "more than": lambda x: x > value,
        "at least": lambda x: x >= value,
        "less than": lambda x: x < value,
        "at most": lambda x: x <= value,
    }[q]
    ok_lo, ok_hi = holds(lo), holds(hi)
    return "consistent" if ok_lo and ok_hi else "imprecise" if ok_lo or ok_hi else "contradicted"


def _km(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _span(lo: float, hi: float, unit: str = "km") -> str:
    return f"{_km(lo)} {unit}" if math.isclose(lo, hi) else f"{_km(lo)}–{_km(hi)} {unit}"


def _figures(facts: Facts, pair: str, seed: str) -> list[tuple[float, tuple[Source, ...]]]:
    """A border's official figures (km) that have a source other than the claim's seed."""
    try:
        figures = facts.official_figures(pair)
    except AtlasError:
        return []
    return [(f.km, independent(f.sources, seed)) for f in figures if independent(f.sources, seed)]


def _computed(computed_km: Mapping[str, float], pair: str) -> float | None:
    """The length computed from the geometry for a pair written either way."""
    return computed_km.get(canonical(pair))


def _value(s: Statement) -> float:
    """The claim's number (the loader has checked that the check's value is one)."""
    assert isinstance(s.value, (int, float))
    return float(s.value)


def length_finding(
    c: LedgerClaim, check: BorderLengthCheck, subject: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """A stated length against the official figures of one border, or the sum over several."""
    s, seed, pairs = c.claim, c.seed, check.pairs or [subject]
    stated_km = _value(s) * KM_PER_UNIT[s.unit or "km"]
    per_pair = {p: _figures(facts, p, seed) for p in pairs}
    missing = [p for p, f in per_pair.items() if not f]
    if missing:
        return Finding(
            "unverified", None, (), f"no official figure with an independent source for {', '.join(missing)}"
        )
    lo = sum(min(km for km, _ in f) for f in per_pair.values())
    hi = sum(max(km for km, _ in f) for f in per_pair.values())
    if len(pairs) == 1:
        record = f"{pairs[0]} official " + ", ".join(
            f"{_km(km)} km ({'; '.join(short_citations(src))})" for km, src in per_pair[pairs[0]]
        )
    else:
        record = f"sum of {len(pairs)} borders ({', '.join(pairs)}): {_span(lo, hi)} by the official figures"
    computed = [x for p in pairs if (x := _computed(computed_km, p)) is not None]
    if len(computed) == len(pairs):
        record += f"; computed from the geometry {_km(sum(computed))} km"
    verdict = figure_fit(stated_km, s.qualifier, lo, hi)
    miles = f" ({_km(stated_km)} km)" if s.unit != "km" else ""
    how = {"consistent": "fits", "imprecise": "is near but outside", "contradicted": "does not fit"}[verdict]
    reason = f"stated {s.stated()}{miles} {how} the official {_span(lo, hi)}"
    return Finding(verdict, record, short_citations(x for f in per_pair.values() for _, src in f for x in src), reason)


def longest_finding(
    c: LedgerClaim, check: LongestBorderCheck, pair: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """Is `pair` longer than every border the check lists, by every official figure?"""
    seed, among = c.seed, check.among
    own = _figures(facts, pair, seed)
    others = {p: _figures(facts, p, seed) for p in among}
    if not own or not all(others.values()):
        return Finding("unverified", None, (), "official figures are missing for some of these borders")
    own_lo, own_hi = min(k for k, _ in own), max(k for k, _ in own)
    rival = max(others, key=lambda p: max(k for k, _ in others[p]))
    rival_lo, rival_hi = min(k for k, _ in others[rival]), max(k for k, _ in others[rival])
    record = (
        f"{pair} {_span(own_lo, own_hi)}; longest of the others: {rival} {_span(rival_lo, rival_hi)} (official figures)"
    )
    if (c_own := _computed(computed_km, pair)) is not None and all(
        _computed(computed_km, p) is not None for p in among
    ):
        c_rival = max(among, key=lambda p: _computed(computed_km, p) or 0.0)
        record += f"; computed {pair} {_km(c_own)} km, {c_rival} {_km(_computed(computed_km, c_rival) or 0.0)} km"
    verdict: Verdict = "consistent" if own_lo > rival_hi else "contradicted" if own_hi < rival_lo else "imprecise"
    reason = (
        f"compared with {', '.join(among)}: "
        + {
            "consistent": f"{pair} is the longest by every figure",
            "imprecise": f"the figures of {pair} and {rival} overlap",
            "contradicted": f"{rival} is longer by every figure",
        }[verdict]
    )
    sources = short_citations(x for f in (own, others[rival]) for _, src in f for x in src)
    return Finding(verdict, record, sources, reason)


def neighbour_finding(
    c: LedgerClaim, check: SharesBorderCheck, iso3: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """Does the country share a border with one of the check's neighbours, by the record's borders?"""
    seed, neighbours = c.seed, check.neighbours
    shared = [(f"{iso3}-{n}", f) for n in neighbours if (f := _figures(facts, f"{iso3}-{n}", seed))]
    if not shared:
        return Finding(
            "contradicted" if facts.find_country(iso3) else "unverified",
            f"{iso3}: no border with {' or '.join(neighbours)} in the record",
            short_citations(independent(_country_sources(facts, iso3), seed)),
            f"the record has no border of {iso3} with {' or '.join(neighbours)}",
        )
    record = "; ".join(f"{canonical(p)} {_span(min(k for k, _ in f), max(k for k, _ in f))}" for p, f in shared)
    return Finding(
        "consistent",
        record,
        short_citations(x for _, f in shared for _, src in f for x in src),
        f"the record has the border {record}",
    )


def _country_sources(facts: Facts, iso3: str) -> list[Source]:
    country = facts.find_country(iso3)
    return list(country.sources) if country else []


def nato_finding(
    c: LedgerClaim, check: NatoCheck, iso3: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """Is the country a NATO member (by the claim's date)?"""
    s, seed = c.claim, c.seed
    country = facts.find_country(iso3)
    if country is None:
        return Finding("unverified", None, (), f"{iso3} is not in the facts")
    sources = short_citations(independent(country.sources, seed))
    since = country.nato_member_since
    if since is None:
        return Finding("contradicted", f"{iso3}: not a NATO member", sources, "the record has no NATO membership")
    record = f"{iso3}: NATO member since {since.isoformat()}"
    if s.date is not None and since > period(s.date)[1]:
        return Finding("contradicted", record, sources, f"joined NATO after {s.date}")
    return Finding("consistent", record, sources, f"NATO member since {since.isoformat()}")


def notice_finding(
    c: LedgerClaim, check: NoticeCheck, subject: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """A stated notice period against the treaty's withdrawal rule."""
    s, seed = c.claim, c.seed
    rule = facts.treaty.withdrawal_rule
    sources = short_citations(independent(rule.sources, seed))
    if not sources:
        return Finding("unverified", None, (), "the record's only source for this is the same article")
    record = f"Article {rule.article}: {rule.notice_months} months"
    verdict = figure_fit(_value(s), s.qualifier, rule.notice_months, rule.notice_months)
    return Finding(verdict, record, sources, f"stated {s.stated()}; the record has {rule.notice_months} months")


def membership_finding(
    c: LedgerClaim, check: MembershipCheck, subject: str, facts: Facts, computed_km: Mapping[str, float]
) -> Finding:
    """A stated count against the treaty's recorded membership of the check's measure."""
    s, seed, measure = c.claim, c.seed, check.measure
    counts = [m for m in facts.treaty.membership if m.measure == measure]
    usable = [m for m in counts if independent(m.sources, seed)]
    if not usable:
        why = (
            "the record's only source for this is the same article"
            if counts
            else f"no count of {measure} in the record"
        )
        return Finding("unverified", None, (), why)
    if s.date is not None:  # a count of a stated time: the record's count of that time, if it has one
        same_time = [m for m in usable if m.as_of and (m.as_of.startswith(s.date) or s.date.startswith(m.as_of))]
        usable = same_time or usable
    m = usable[0]
    lo, hi = (float(m.count + 1), math.inf) if m.qualifier == "more than" else (float(m.count), float(m.count))
    as_of = f" (as of {m.as_of})" if m.as_of else ""
    record = f"{m.qualifier} {m.count} {m.measure}{as_of}".removeprefix("exactly ")
    verdict = figure_fit(_value(s), s.qualifier, lo, hi)
    return Finding(
        verdict, record, short_citations(independent(m.sources, seed)), f"stated {s.stated()}; the record has {record}"
    )
