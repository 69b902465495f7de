"""A figure's title and caption, written from the map's view: statuses on the date, plans drawn, the names the map
had no room for, how it was made (pure).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from geo.changes import KIND_LABELS, Change, changes
from geo.dates import day_text
from geo.labels import Label, LabelKind
from geo.view import MapView

# how each status reads in a sentence, for one country and for several
_PHRASES = {
    "withdrawn": ("has withdrawn", "have withdrawn"),
    "withdrawal_notified": ("has notified its withdrawal", "have notified their withdrawal"),
    "suspended": (
        "has declared a suspension of the Convention, which the States Parties do not accept",
        "have declared a suspension of the Convention, which the States Parties do not accept",
    ),
    "party": ("remains a State Party", "remain States Parties"),
    "signatory": ("has signed but is not bound", "have signed but are not bound"),
    "non_party": ("is not a party", "are not parties"),
}
# how the caption lists a name the map had no room for, saying what it names
_UNLABELLED: dict[LabelKind, str] = {
    "country": "{} (country)",
    "region": "{} (region)",
    "corridor": "{} (corridor)",
    "width": "the Suwałki Gap's narrowest width ({})",
    "capital": "{} (capital)",
    "place": "{} (place of a located part)",
}


def names_list(names: list[str]) -> str:
    """'Finland', 'Finland and Estonia', 'Finland, Estonia and Latvia'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def status_sentence(view: MapView) -> str:
    """'Ottawa Convention status on 1 Mar 2026: Finland, … have withdrawn; Norway remains a State Party; …'."""
    names = {c.iso3: c.name for c in view.facts.countries}
    focus = [c.iso3 for c in view.facts.countries if c.focus]
    order = focus + [c.iso3 for c in view.facts.countries if not c.focus]
    clauses = []
    for status, (one, many) in _PHRASES.items():
        countries = [names[c] for c in order if c in view.statuses and view.statuses[c].status == status]
        if countries:
            clauses.append(f"{names_list(countries)} {one if len(countries) == 1 else many}")
    return f"Ottawa Convention status on {day_text(view.day)}: {'; '.join(clauses)}."


def plans_sentence(view: MapView) -> str:
    """How many plans and located parts the map draws on its date, and the kilometres located."""
    borders = len(set(view.plans_by_border()) & set(view.borders["pair"]))  # those drawn
    stretches = [s for s in view.part_stages if s.located.located_km is not None]
    sites = len(view.part_stages) - len(stretches)
    km = sum(s.located.located_km or 0.0 for s in stretches)
    return (
        f"Deterrence plans known by then: {len(view.plans)}; along {borders} borders they are named without being "
        f"located (broken yellow bands). Located parts: {len(stretches)} stretches ({km:,.1f} km, computed from the "
        f"border geometry) and {sites} sites."
    )


def country_title(view: MapView, iso3: str, days: Sequence[dt.date] = ()) -> str:
    """A country figure's title: 'Finland and the Ottawa Convention, 1 Mar 2026' (or the days compared: '…, 1 Mar
    2025 and 1 Mar 2026').
    """
    return f"{view.names[iso3]} and the Ottawa Convention, {names_list([day_text(d) for d in days or [view.day]])}"


def unlabelled_sentence(labels: Sequence[Label]) -> str:
    """The names a figure had no room to write, each with what it names ('' when every name is written)."""
    if not labels:
        return ""
    return f"Not labelled for want of room: {names_list([_UNLABELLED[x.kind].format(x.text) for x in labels])}."


def caption(view: MapView, crs_name: str, sources: int, data_version: str, unlabelled: Sequence[Label] = ()) -> str:
    """The figure's caption: the notice past the record's verification, statuses, plans, the names left unlabelled,
    the record's reach, projection, sources and data version.
    """
    notice = view.reach.notice(view.day)
    missing = unlabelled_sentence(unlabelled)
    return (
        (f"{notice} " if notice else "")
        + f"{status_sentence(view)} {plans_sentence(view)} {missing + ' ' if missing else ''}{view.reach.text} "
        f"Projection: {crs_name}. "
        f"Sources: {sources}, listed with the figure. Map data © OpenStreetMap contributors; places © GeoNames "
        f"(CC BY 4.0). Data version {data_version}."
    )


def changes_between(
    views: Sequence[MapView], country: str | None = None
) -> list[tuple[MapView, MapView, list[Change]]]:
    """What changed from each date compared to the next (geo.changes, after the earlier date up to the later one, as
    the earlier map already shows its own day), of one country where given.
    """
    return [
        (a, b, changes(b.facts, a.day + dt.timedelta(days=1), b.day, country)) for a, b in itertools.pairwise(views)
    ]


def changes_sentences(between: Sequence[tuple[MapView, MapView, list[Change]]]) -> str:
    """'What changed after 1 Mar 2025 up to 1 Mar 2026 (3): 27 Dec 2025, treaty status: Estonia: withdrawal
    effective; …' for each pair of dates compared ('nothing' when the record holds no change between them).
    """
    sentences = []
    for a, b, found in between:
        listed = "; ".join(f"{c.date}, {KIND_LABELS[c.kind]}: {c.text}" for c in found) or "nothing in the record"
        sentences.append(f"What changed after {day_text(a.day)} up to {day_text(b.day)} ({len(found)}): {listed}.")
    return " ".join(sentences)


def comparison_caption(
    views: Sequence[MapView],
    between: Sequence[tuple[MapView, MapView, list[Change]]],
    crs_name: str,
    sources: int,
    data_version: str,
    unlabelled: Sequence[Label] = (),
) -> str:
    """The caption of small multiples, one map per date: the dates, what changed between them, then the last date's
    caption (statuses, plans, the record's reach, projection, sources, data version).
    """
    dates = names_list([day_text(v.day) for v in views])
    return f"The same frame on {len(views)} dates, {dates}, one map each. {changes_sentences(between)} " + caption(
        views[-1], crs_name, sources, data_version, unlabelled
    )
