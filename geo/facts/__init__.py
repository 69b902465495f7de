"""The facts file (data/facts.yaml): its schema, loading and checks, and how its sources are cited."""

from geo.facts.load import load_facts
from geo.facts.schema import (
    EVENT_LABELS,
    Country,
    EventKind,
    Facts,
    OfficialFigure,
    Plan,
    Position,
    Publication,
    SeedQuote,
    Source,
    TreatyEvent,
)

__all__ = [
    "EVENT_LABELS",
    "Country",
    "EventKind",
    "Facts",
    "OfficialFigure",
    "Plan",
    "Position",
    "Publication",
    "SeedQuote",
    "Source",
    "TreatyEvent",
    "load_facts",
]
