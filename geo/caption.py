"""A figure's caption, written from the map's view: statuses on the date, plans drawn, how it was made (pure)."""

from __future__ import annotations

from geo.dates import day_text
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
    borders = len(view.plans_by_border())
    stretches = [s for s in view.part_stages if s.located.located_km is not None]
    sites = len(view.part_stages) - len(stretches)
    km = sum(s.located.located_km or 0.0 for s in stretches)
    return (
        f"Deterrence plans known by then: {len(view.plans)}; along {borders} borders they are named without being "
        f"located (broken yellow bands). Located parts: {len(stretches)} stretches ({km:,.1f} km, computed from the "
        f"border geometry) and {sites} sites."
    )


def caption(view: MapView, crs_name: str, sources: int, data_version: str) -> str:
    """The figure's caption: the notice past the record's verification, statuses, plans, the record's reach,
    projection, sources and data version.
    """
    notice = view.reach.notice(view.day)
    return (
        (f"{notice} " if notice else "")
        + f"{status_sentence(view)} {plans_sentence(view)} {view.reach.text} Projection: {crs_name}. "
        f"Sources: {sources}, listed with the figure. Map data © OpenStreetMap contributors; places © GeoNames "
        f"(CC BY 4.0). Data version {data_version}."
    )
