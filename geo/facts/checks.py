"""Checks across fields of the facts file: ids, codes, border keys, treaty event order, seed quotes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from geo.dates import outside_span, period
from geo.facts.schema import EVENT_PREREQUISITES, Country, Facts, Place, PlanPart, Publication, SeedArticle, SeedQuote
from geo.facts.seeds import SeedTexts, normalise
from geo.facts.walk import walk
from geo.pairs import canonical, codes

Problem = tuple[str, object, str]  # (field, value, what is wrong)


def problems(facts: Facts, seeds_dir: Path) -> list[Problem]:
    """Cross-field problems (ids, codes, event order, seed quotes) as (field, value, problem)."""
    found: list[Problem] = _date_problems(facts)  # first: a mistyped year upsets every check of order
    found += _reach_problems(facts)
    walked = list(walk(facts))  # once, for every check that looks at each entry
    found += _address_problems(facts, walked)
    ids: dict[str, str] = {}
    for p, obj in walked:
        ident = getattr(obj, "id", None) if isinstance(obj, BaseModel) else None
        if ident is not None:
            if ident in ids:
                found.append((f"{p}.id", ident, f"duplicate id (first used at {ids[ident]})"))
            ids.setdefault(ident, p)
    codes: dict[str, int] = {}
    for i, c in enumerate(facts.countries):
        if c.iso3 in codes:
            found.append((f"countries[{i}].iso3", c.iso3, f"country listed twice (also countries[{codes[c.iso3]}])"))
        codes.setdefault(c.iso3, i)
        found += event_problems(c, f"countries[{i}]")
    canon: dict[str, str] = {}
    for key in facts.borders:
        if canonical(key) in canon:
            found.append((f"borders.{key}", key, f"same border as borders.{canon[canonical(key)]}"))
        canon.setdefault(canonical(key), key)
    places = {place.id: place for place in facts.places}
    for i, plan in enumerate(facts.plans):
        for j, key in enumerate(plan.borders):
            if canonical(key) not in canon:
                found.append((f"plans[{i}].borders[{j}]", key, "border not in the borders section"))
        for j, part in enumerate(plan.parts):
            found += part_problems(part, f"plans[{i}].parts[{j}]", places, canon)
    if facts.suwalki and canonical(facts.suwalki.border_pair) not in canon:
        found.append(("suwalki.border_pair", facts.suwalki.border_pair, "border not in the borders section"))
    found += _seed_problems(facts, seeds_dir, walked)
    return found


def part_problems(part: PlanPart, path: str, places: dict[str, Place], borders: dict[str, str]) -> list[Problem]:
    """A part on a border the record does not have, or located by a place that is not in the places section or not
    in one of the border's two countries.
    """
    if canonical(part.border) not in borders:
        return [(f"{path}.border", part.border, "border not in the borders section")]
    found: list[Problem] = []
    way = next(w for w in ("between", "around", "at", "along") if getattr(part, w) is not None) if part.places else ""
    for k, ident in enumerate(part.places):
        field = {"between": f"{path}.between[{k}]", "along": f"{path}.along.start"}.get(way, f"{path}.{way}")
        place = places.get(ident)
        if place is None:
            found.append((field, ident, f"unknown place; add it to the places section ({len(places)} places there)"))
        elif place.country not in codes(part.border):
            found.append((field, ident, f"{place.name} is in {place.country}, not on the border {part.border}"))
    return found


def event_problems(country: Country, path: str) -> list[Problem]:
    """Impossible or missing steps in one country's treaty events."""
    found: list[Problem] = []
    events = country.treaty_events or []
    first: dict[str, int] = {}
    for j, e in enumerate(events):
        if e.kind in first:
            found.append((f"{path}.treaty_events[{j}].kind", e.kind, f"{country.iso3} has two '{e.kind}' events"))
        first.setdefault(e.kind, j)
    if "ratified" in first and "acceded" in first:
        j = max(first["ratified"], first["acceded"])
        found.append(
            (f"{path}.treaty_events[{j}].kind", events[j].kind, "a state either ratifies or accedes, not both")
        )
    for later, earlier in EVENT_PREREQUISITES.items():
        if later not in first:
            continue
        j = first[later]
        before = [k for k in earlier if k in first]
        if not before and later != "ratified" and later != "acceded":
            need = " or ".join(earlier)
            found.append((f"{path}.treaty_events[{j}].kind", later, f"'{later}' without an earlier '{need}' event"))
        for k in before:
            if events[j].date < events[first[k]].date:
                found.append(
                    (
                        f"{path}.treaty_events[{j}].date",
                        events[j].date.isoformat(),
                        f"'{later}' is before '{k}' ({events[first[k]].date.isoformat()})",
                    )
                )
    return found


def _date_problems(facts: Facts) -> list[Problem]:
    """Treaty dates outside the record's span (geo.dates): a year 1 accession or a 9999 withdrawal is a typo."""
    dated = [(f"treaty.milestones[{i}].date", m.date) for i, m in enumerate(facts.treaty.milestones)]
    for i, country in enumerate(facts.countries):
        for j, event in enumerate(country.treaty_events or []):
            at = f"countries[{i}].treaty_events[{j}]"
            dated.append((f"{at}.date", event.date))
            dated += [(f"{at}.alternative_dates[{k}].date", a.date) for k, a in enumerate(event.alternative_dates)]
    return [(field, day.isoformat(), problem) for field, day in dated if (problem := outside_span(day))]


def _reach_problems(facts: Facts, today: dt.date | None = None) -> list[Problem]:
    """A verification day in the future, or an event after it (the record cannot hold what was not yet verified)."""
    verified = facts.record.verified
    if verified > (today or dt.date.today()):
        return [("record.verified", verified.isoformat(), "in the future: the day the facts were last verified")]
    found: list[Problem] = []
    after = f"after the day the record was last verified ({verified.isoformat()}); verify it and move record.verified"
    for i, country in enumerate(facts.countries):
        for j, event in enumerate(country.treaty_events or []):
            if event.date > verified:
                found.append((f"countries[{i}].treaty_events[{j}].date", event.date.isoformat(), after))
    for i, plan in enumerate(facts.plans):
        items = [(f"plans[{i}]", plan.events)]
        items += [(f"plans[{i}].parts[{j}]", part.events) for j, part in enumerate(plan.parts)]
        for at, chronology in items:
            for k, stage in enumerate(chronology):
                if stage.kind != "target_complete" and period(stage.date)[0] > verified:
                    found.append((f"{at}.events[{k}].date", stage.date, after))
    return found


def address_key(url: str) -> str:
    """An address as a reader reaches it: no scheme, no 'www.', no trailing slash, case of the host ignored."""
    scheme_less = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE)
    host, _, rest = scheme_less.partition("/")
    host = host.lower().removeprefix("www.").rstrip(".")
    return f"{host}/{rest}".rstrip("/")


def publications(facts: Facts, walked: list[tuple[str, Any]] | None = None) -> dict[Publication, str]:
    """Every publication of the record once, with where it is: 'sources.ID' for an entry of the sources map (first),
    else the field of its first inline citation (`walked`: the record's entries, walk(facts), when already listed).
    """
    named = {s: f"sources.{key}" for key, s in facts.sources.items() if isinstance(s, Publication)}
    every = walked if walked is not None else list(walk(facts))
    inline = {s: p for p, s in reversed(every) if isinstance(s, Publication) and s not in named}
    return {**named, **dict(reversed(inline.items()))}


def _address_problems(facts: Facts, walked: list[tuple[str, Any]]) -> list[Problem]:
    """Two source entries with one address: one page is one source, cited by one id."""
    first: dict[str, str] = {}
    found: list[Problem] = []
    places: list[tuple[str, Publication | SeedArticle]] = [
        *((where, s) for s, where in publications(facts, walked).items()),
        *((f"seeds.{name}", s) for name, s in facts.seeds.items()),
    ]
    for where, source in places:
        if source.url is None:
            continue
        key = address_key(source.url)
        if key in first and first[key] != where:
            found.append((f"{where}.url", source.url, f"the same page as {first[key]}: cite that entry instead"))
        first.setdefault(key, where)
    return found


def _seed_problems(facts: Facts, seeds_dir: Path, walked: list[tuple[str, Any]]) -> list[Problem]:
    """Seed quotes whose file is missing or whose text is not in the file."""
    found: list[Problem] = []
    seed_text = SeedTexts(seeds_dir)
    found += [
        (f"seeds.{name}", name, f"no such seed file in {seeds_dir}") for name in facts.seeds if seed_text(name) is None
    ]
    quotes = [(p, q) for p, q in walked if isinstance(q, SeedQuote)]
    for p, q in quotes:
        text = seed_text(q.seed)
        if text is None:
            found.append((f"{p}.seed", q.seed, f"no such seed file in {seeds_dir}"))
        elif normalise(q.quote) not in text:
            found.append((f"{p}.quote", q.quote, f"quote not found in seed {q.seed}"))
    for i, pos in enumerate(facts.positions):
        seeds = [s.seed for s in pos.sources if isinstance(s, SeedQuote)]
        if seeds and not any(normalise(pos.text) in (seed_text(s) or "") for s in seeds):
            found.append(
                (f"positions[{i}].text", pos.text, f"text not found verbatim in its seed ({', '.join(seeds)})")
            )
    return found
