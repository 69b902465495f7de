"""A figure's title and caption, written from the map's view: statuses on the date, plans drawn, the names the map
had no room for, how it was made (pure).
"""

from __future__ import annotations

from collections.abc import Sequence

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


def country_title(view: MapView, iso3: str) -> str:
    """A country figure's title: 'Finland and the Ottawa Convention, 1 Mar 2026'."""
    return f"{view.names[iso3]} and the Ottawa Convention, {day_text(view.day)}"


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
