"""The map's legend as data, one model for both media: a section per layer shown, its entries grouped under
headings, each entry saying what it explains and how it is drawn. The web map writes it as HTML with SVG swatches
(layers.web.furniture), the print figure as matplotlib handles (layers.figure.draw); each medium draws a swatch
with its own line widths, from the entry's `swatch` and `key`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from geo.catalogue import CATALOGUE, implementation
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


@dataclass(frozen=True)
class LegendInputs:
    """What a map draws, as far as its legend needs: the statuses and located parts' kinds, the borders by
    neighbour and the not-located plans' stages (all of them unless narrowed), what others say against a status.
    """

    statuses: Sequence[str] = ()
    kinds: Sequence[str] = ()
    disputed: Mapping[str, str] = field(default_factory=dict)
    neighbours: Collection[str] = tuple(NEIGHBOUR_LABELS)
    stages: Collection[str] = STAGES


def legend_sections(layers: Sequence[str], shown: LegendInputs) -> tuple[LegendSection, ...]:
    """The legend of a map showing `layers`, each layer's groups from its spec (geo.catalogue), in the order of
    `layers`; a layer with nothing to explain has no section.
    """
    sections = []
    for key in layers:
        groups = implementation(CATALOGUE[key].legend)(shown)
        sections.append(LegendSection(key, CATALOGUE[key].label, tuple(g for g in groups if g.entries)))
    return tuple(s for s in sections if s.groups)


def status_groups(shown: LegendInputs) -> tuple[LegendGroup, ...]:
    """Each status drawn, with what others say against it."""
    entries = (
        LegendEntry(s, STATUS_LABELS[s], "status", STATUS_COLOURS[s], shown.disputed.get(s, "")) for s in shown.statuses
    )
    return (LegendGroup(tuple(entries)),)


def borders_groups(shown: LegendInputs) -> tuple[LegendGroup, ...]:
    """The border lines by neighbour."""
    entries = (
        LegendEntry(k, v, "border", NEIGHBOUR_COLOURS[k]) for k, v in NEIGHBOUR_LABELS.items() if k in shown.neighbours
    )
    return (LegendGroup(tuple(entries)),)


def suwalki_groups(shown: LegendInputs) -> tuple[LegendGroup, ...]:
    """The corridor."""
    label = f"{LAYERS['suwalki']} (narrowest line dashed)"
    return (LegendGroup((LegendEntry("corridor", label, "corridor", SUWALKI_COLOUR),)),)


def plans_groups(shown: LegendInputs) -> tuple[LegendGroup, ...]:
    """The plans' bands by stage, then the located parts: colour for what, line for state."""
    bands = LegendGroup(
        tuple(
            LegendEntry(stage, stage_label(stage, "plan"), "band", PLAN_COLOUR)
            for stage in PLAN_STAGE_STYLES
            if stage in shown.stages
        ),
        heading="Not located: named for the whole border",
        short="Plan not located",
    )
    if not shown.kinds:
        return (bands,)
    what = LegendGroup(
        tuple(LegendEntry(k, PART_KIND_LABELS[k], "kind", PART_KIND_COLOURS[k]) for k in shown.kinds),
        heading="Located parts: colour for what, line for state",
    )
    state = LegendGroup(
        tuple(LegendEntry(g, label, "state", "#444444") for g, label in PART_STAGE_GROUP_LABELS.items()),
        short="Located part",
    )
    return bands, what, state
