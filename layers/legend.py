"""The map's legend as data, one model for both media: a section per layer shown, its entries grouped under
headings, each entry saying what it explains and how it is drawn. The web map writes it as HTML with SVG swatches
(layers.web.furniture), the print figure as matplotlib handles (layers.figure.draw); each medium draws a swatch
with its own line widths, from the entry's `swatch` and `key`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from geo.plans import STAGES, stage_label
from geo.settings import LAYERS
from layers.style import (
    NEIGHBOUR_COLOURS,
    NEIGHBOUR_LABELS,
    PART_KIND_COLOURS,
    PART_KIND_LABELS,
    PART_STAGE_GROUP_LABELS,
    PLAN_COLOUR,
    PLAN_STAGE_STYLES,
    STATUS_COLOURS,
    STATUS_LABELS,
    SUWALKI_COLOUR,
)

# how an entry is drawn: a status fill, a border line, a not-located plan's band (key: its stage), a located part's
# kind (key: the kind), a located part's state (key: planned, under_construction or complete), the corridor
Swatch = Literal["status", "border", "band", "kind", "state", "corridor"]


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: what it explains (`key`: a status, neighbour, stage, kind or state), its label, how it
    is drawn and in what colour, and what others say against it (a status somebody disputes).
    """

    key: str
    label: str
    swatch: Swatch
    colour: str
    note: str = ""


@dataclass(frozen=True)
class LegendGroup:
    """Entries under one heading (none: under the section's title alone); `short` names them in a legend without
    headings (print), as "short: label".
    """

    entries: tuple[LegendEntry, ...]
    heading: str = ""
    short: str = ""


@dataclass(frozen=True)
class LegendSection:
    """One layer's part of the legend."""

    layer: str
    title: str
    groups: tuple[LegendGroup, ...] = field(default_factory=tuple)

    @property
    def entries(self) -> tuple[LegendEntry, ...]:
        """Every entry, heading by heading."""
        return tuple(e for g in self.groups for e in g.entries)


def legend_sections(
    layers: Sequence[str],
    statuses: Sequence[str],
    kinds: Sequence[str] = (),
    disputed: Mapping[str, str] | None = None,
    neighbours: Collection[str] = tuple(NEIGHBOUR_LABELS),
    stages: Collection[str] = STAGES,
) -> tuple[LegendSection, ...]:
    """The legend of a map showing `layers`: the statuses and located parts' kinds it draws, the borders by
    neighbour and the not-located plans' bands by stage (all of them unless narrowed), what others say against a
    status. Sections in the order of `layers`; a layer with nothing to explain has none.
    """
    notes = disputed or {}
    build = {
        "status": lambda: (
            LegendGroup(
                tuple(LegendEntry(s, STATUS_LABELS[s], "status", STATUS_COLOURS[s], notes.get(s, "")) for s in statuses)
            ),
        ),
        "borders": lambda: (
            LegendGroup(
                tuple(
                    LegendEntry(k, label, "border", NEIGHBOUR_COLOURS[k])
                    for k, label in NEIGHBOUR_LABELS.items()
                    if k in neighbours
                )
            ),
        ),
        "plans": lambda: _plan_groups(kinds, stages),
        "suwalki": lambda: (
            LegendGroup(
                (LegendEntry("corridor", f"{LAYERS['suwalki']} (narrowest line dashed)", "corridor", SUWALKI_COLOUR),)
            ),
        ),
    }
    sections = [LegendSection(key, LAYERS[key], tuple(g for g in build[key]() if g.entries)) for key in layers]
    return tuple(s for s in sections if s.groups)


def _plan_groups(kinds: Sequence[str], stages: Collection[str]) -> tuple[LegendGroup, ...]:
    """The plans' bands by stage, then the located parts: colour for what, line for state."""
    bands = LegendGroup(
        tuple(
            LegendEntry(stage, stage_label(stage, "plan"), "band", PLAN_COLOUR)
            for stage in PLAN_STAGE_STYLES
            if stage in stages
        ),
        heading="Not located: named for the whole border",
        short="Plan not located",
    )
    if not kinds:
        return (bands,)
    what = LegendGroup(
        tuple(LegendEntry(k, PART_KIND_LABELS[k], "kind", PART_KIND_COLOURS[k]) for k in kinds),
        heading="Located parts: colour for what, line for state",
    )
    state = LegendGroup(
        tuple(LegendEntry(g, label, "state", "#444444") for g, label in PART_STAGE_GROUP_LABELS.items()),
        short="Located part",
    )
    return bands, what, state
