"""One complete model of a map, built once by the core for a view and the layers it shows: what the web page and the
print figure draw, so that neither calls back into the core nor reads a file while drawing.

It holds the day's features and facts (the MapView), the intervals of every feature with their texts written for
each day (a map with its own time), the date range the map's control and the app's date widget share, the sources
the map cites (seed headlines read) with their citation files, every source its details can cite (the page's table
of citations), the names a print figure writes, and what the legend explains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from geo.citations import Reference, citation_entries, formatted
from geo.dates import EARLIEST
from geo.facts.schema import Source
from geo.history import History, history
from geo.labels import Label, map_labels
from geo.settings import LAYERS
from geo.view import MapView, map_references, sources_on_map, with_every_plan

CITATION_FORMS = ("csl-json", "bibtex", "ris")  # the files a map's sources list offers


@dataclass(frozen=True)
class LegendFacts:
    """What a map's legend explains: the statuses it can show (on any day of its time), the located parts' kinds,
    and what others say against a status.
    """

    statuses: tuple[str, ...]
    kinds: tuple[str, ...]
    disputed: Mapping[str, str]  # status -> what others say against it


@dataclass(frozen=True)
class MapModel:
    """Everything one map draws, for the web page and the print figure alike."""

    view: MapView  # the day's countries, borders, corridor, plans and parts, and their facts
    layers: tuple[str, ...]
    history: History | None  # every feature's intervals and texts, for a map with its own time (None: one day only)
    first: dt.date  # the date range of the map's control and the app's date widget
    last: dt.date
    references: tuple[Reference, ...]  # the publications its facts come from, first cited first
    citations: Mapping[str, str]  # those references as CSL-JSON, BibTeX and RIS text
    citation_entries: tuple[tuple[dict[str, object], str, str], ...]  # each reference as each of those files holds it
    sources: tuple[Source, ...]  # every source a feature's details can cite (whatever the layers), each once
    labels: tuple[Label, ...]  # the names a print figure tries to place, most important first
    legend: LegendFacts

    @property
    def day(self) -> dt.date:
        """The day the map shows first."""
        return self.view.day


def map_model(view: MapView, layers: tuple[str, ...] = tuple(LAYERS), timed: bool = False) -> MapModel:
    """The model of the map of `view` with these layers; `timed`: it carries its own time (every plan and part in
    it, the page hiding what is not known on the day it shows).
    """
    shown = with_every_plan(view) if timed else view
    record = history(shown, shown.day) if timed else None
    first, last = (
        (dt.date.fromisoformat(record.first), dt.date.fromisoformat(record.last)) if record else (EARLIEST, view.day)
    )
    refs = tuple(map_references(shown, layers))
    return MapModel(
        view=shown,
        layers=layers,
        history=record,
        first=first,
        last=last,
        references=refs,
        citations={form: formatted(refs, form) for form in CITATION_FORMS},
        citation_entries=tuple(citation_entries(refs)),
        sources=tuple(sources_on_map(shown)),
        labels=tuple(map_labels(shown)),
        legend=_legend_facts(shown, record),
    )


def _legend_facts(view: MapView, record: History | None) -> LegendFacts:
    """The statuses on the map's day (and, with its own time, on any day), the kinds of located part, the disputes."""
    statuses = set(view.countries["status"])
    if record is not None:
        statuses |= {i[1] for intervals in record.countries.values() for i in intervals}
    kinds = {s.located.part.kind for s in view.part_stages}
    disputed: dict[str, str] = {s.status: s.disputed for s in view.statuses.values() if s.disputed}
    return LegendFacts(tuple(sorted(statuses)), tuple(sorted(kinds)), disputed)
