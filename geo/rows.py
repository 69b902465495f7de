"""One row model per entity the atlas lists (a border's length, a country's status, a plan, a located part), each
built once and rendered three ways: `as_json()` (the command line's --json), `table_row()` (the app's tables and
the CSV files, geo.tables) and `gis_columns()` (the attributes of the GIS layers, geo.gis).

The renderings keep the shapes their readers know: JSON keeps codes and lists, a table row writes labels and joins
lists into text, GIS columns keep codes beside dates a GIS reads as dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.borders import KINDS, BorderLength
from geo.crosswalk import crosswalk
from geo.facts.cite import cite, full_citation, full_citations
from geo.facts.schema import EVENT_LABELS as TREATY_EVENT_LABELS
from geo.facts.schema import StageEvent
from geo.parts import PartStage, located_how
from geo.plans import EVENT_LABELS, PlanStage, chronology_text, counts_from, stage_label
from geo.scales import BorderScales
from geo.treaty import TimelineEvent, TreatyStatus

KM_DECIMALS = 1  # a border's computed km in JSON and tables, as the text writes it (GIS columns keep 2)
LOCATED_KM_DECIMALS = 3  # a located part's km (1 m), everywhere


def event_json(event: StageEvent) -> dict[str, object]:
    """A plan's or part's dated event: kind, label, date, note and its sources in full."""
    return {
        "kind": event.kind,
        "label": EVENT_LABELS[event.kind],
        "date": event.date,
        "note": event.note,
        "sources": [full_citation(x) for x in event.sources],
    }


@dataclass(frozen=True)
class LengthRow:
    """A border's computed lengths by kind of section, beside each official figure."""

    length: BorderLength

    def as_json(self) -> dict[str, object]:
        """The border with its computed km by kind and each official figure compared."""
        b = self.length
        return {
            "pair": b.pair,
            "computed_km": round(b.computed_km, KM_DECIMALS),
            **{f"{kind}_km": round(km, KM_DECIMALS) for kind, km in b.km_by_kind.items()},
            "clipped_to_region": b.clipped,
            "land_and_water": {
                "split_by_geometry": b.water_unseen is None,
                "note": b.split_note(),
                "stated": [
                    {"land_km": x.land_km, "water_km": x.water_km, "of_km": x.figure.km, "source": x.source}
                    for x in b.stated_splits
                ],
            },
            "official": [
                {
                    "km": c.figure.km,
                    "source": c.source,
                    "covers": c.figure.covers,
                    "compared_km": round(c.computed_km, KM_DECIMALS),
                    "diff_pct": round(c.diff_pct, 1),
                    "comparison": c.text(1),
                }
                for c in b.official
            ],
        }

    def table_rows(self) -> list[dict[str, object]]:
        """One row per official figure (one row without any), the computed km beside it."""
        b = self.length
        base = {
            "border": b.pair,
            "computed_km": round(b.computed_km, KM_DECIMALS),
            **{f"{kind}_km": round(b.km_by_kind[kind], KM_DECIMALS) for kind in KINDS},
            "clipped": b.clipped,
        }
        if not b.official:
            none = {"official_km": None, "covers": "", "computed_same_sections_km": None, "diff_pct": None}
            return [{**base, **none, "sources": ""}]
        return [
            {
                **base,
                "official_km": c.figure.km,
                "covers": c.figure.covers + (f" (with {' and '.join(c.figure.includes)})" if c.figure.includes else ""),
                "computed_same_sections_km": round(c.computed_km, KM_DECIMALS),
                "diff_pct": round(c.diff_pct, 1),
                "sources": full_citations(c.figure.sources),
            }
            for c in b.official
        ]

    def gis_columns(self) -> dict[str, object]:
        """The computed km (to 10 m) by kind, whether clipped, and the official figures with their sources as text."""
        b = self.length
        return {
            "computed_km": round(b.computed_km, 2),
            **{f"{k}_km": round(v, 2) for k, v in b.km_by_kind.items()},
            "clipped": bool(b.clipped),
            "official": "; ".join(
                f"{c.figure.km:g} km, {c.figure.covers} ({full_citations(c.figure.sources)})" for c in b.official
            ),
        }


NO_LENGTH_COLUMNS = {"computed_km": None, "clipped": False, "official": ""}  # GIS columns of a line without a length
BORDER_COLUMNS = [
    "border", "computed_km", "land_km", "inland_water_km", "lagoon_km", "sea_km", "clipped", "official_km", "covers",
    "computed_same_sections_km", "diff_pct", "sources",
]  # fmt: skip


@dataclass(frozen=True)
class StatusRow:
    """A country's treaty status on one day, with why."""

    iso3: str
    name: str
    day: dt.date
    status: TreatyStatus

    def as_json(self, label: str, events: Iterable[TimelineEvent]) -> dict[str, object]:
        """The status with its label (the drawing's words) and the treaty events by then it rests on, with sources."""
        s = self.status
        return {
            "name": self.name,
            "on": self.day.isoformat(),
            "status": s.status,
            "label": label,
            "explanation": s.explanation,
            "disputed": s.disputed or None,
            "events": [  # what the status rests on, with sources
                {
                    "date": e.date.isoformat(),
                    "event": TREATY_EVENT_LABELS[e.kind],
                    "sources": [cite(x) for x in e.sources],
                }
                for e in events
                if e.iso3 == self.iso3 and e.date <= self.day
            ],
        }

    def table_row(self) -> dict[str, object]:
        """Code, country, day, status and explanation."""
        s = self.status
        return {
            "iso3": self.iso3,
            "country": self.name,
            "as_of": self.day.isoformat(),
            "status": s.status,
            "explanation": s.explanation,
        }

    def gis_columns(self) -> dict[str, object]:
        """The day (a date), status and explanation."""
        return {"as_of": self.day, "status": self.status.status, "explanation": self.status.explanation}


STATUS_COLUMNS = ["iso3", "country", "as_of", "status", "explanation"]
NO_STATUS_COLUMNS = {"status": "", "explanation": ""}  # a context country: no treaty facts


def _figure(value: float, value_max: float | None) -> str:
    return f"{value:,.0f}" + (f"–{value_max:,.0f}" if value_max is not None else "")


@dataclass(frozen=True)
class PartRow:
    """A located part of a plan at its stage on a day: where it lies, how far, since when, its sources."""

    stage: PartStage

    @property
    def located_km(self) -> float | None:
        """The km located on the border (None for a site)."""
        km = self.stage.located.located_km
        return round(km, LOCATED_KM_DECIMALS) if km is not None else None

    def as_json(self) -> dict[str, object]:
        """The part with its codes, its chronology's events and its places as a list."""
        s, located = self.stage, self.stage.located
        return {
            "id": located.part.id,
            "kind": located.part.kind,
            "title": located.part.title,
            "border": located.border,
            "stage": s.stage,
            "since": s.since,
            "events": [event_json(e) for e in located.part.events],
            "start_unknown": located.part.start_reason,
            "precision": located.precision,
            "located_how": located_how(located),
            **self.codes(),
            "places": [place.name for place in located.places],
            "located_km": self.located_km,
            "stated_km": located.part.stated_km,
            "confidence": located.part.confidence,
            "sources": full_citations(located.part.sources),
        }

    def table_row(self) -> dict[str, object]:
        """The part with its plan's title, kind and stage in words, its places joined."""
        s, located = self.stage, self.stage.located
        return {
            "id": located.part.id,
            "plan": located.plan.title,
            "countries": ", ".join(located.plan.country),
            "kind": located.part.kind.replace("_", " "),
            "title": located.part.title,
            "border": located.border,
            "stage": stage_label(s.stage, located.part.kind),
            "since": s.since,
            "located": located.precision,
            "places": "; ".join(p.name for p in located.places),
            "located_km": self.located_km,
            "stated_km": located.part.stated_km,
            "confidence": located.part.confidence,
            "sources": full_citations(located.part.sources),
        }

    def codes(self) -> dict[str, object]:
        """The part's kind in the codes other GIS tools use (data/crosswalk.yaml): its OpenStreetMap tags, its TDS/GGDM
        feature code and that code's name (None where the schema has no code).
        """
        codes = crosswalk().kinds[self.stage.located.part.kind]
        return {"osm_tags": codes.osm_tags, "fcode": codes.fcode, "fcode_name": codes.fcode_name}

    def gis_columns(self) -> dict[str, object]:
        """The part with codes, the day its stage counts from (a date), its chronology in one line, its geometry."""
        s, located = self.stage, self.stage.located
        part, plan = located.part, located.plan
        return {
            "part_id": part.id,
            "plan_id": plan.id,
            "plan": plan.title,
            "countries": ", ".join(plan.country),
            "kind": part.kind,
            "title": part.title,
            "border": located.border,
            "stage": s.stage,
            "since": s.since,
            "since_day": counts_from(s.event),
            "timeline": chronology_text(part),
            "precision": located.precision,
            "located_how": located_how(located),
            **self.codes(),
            "located_km": self.located_km,
            "stated_km": part.stated_km,
            "places": "; ".join(p.name for p in located.places),
            "confidence": part.confidence,
            "note": part.note or "",
            "sources": full_citations(part.sources),
            "geometry": located.geometry,
        }


PART_COLUMNS = [
    "id", "plan", "countries", "kind", "title", "border", "stage", "since", "located", "places", "located_km",
    "stated_km", "confidence", "sources",
]  # fmt: skip
PART_GIS_COLUMNS = [
    "part_id", "plan_id", "plan", "countries", "kind", "title", "border", "stage", "since", "since_day", "timeline",
    "precision", "located_how", "osm_tags", "fcode", "fcode_name", "located_km", "stated_km", "places", "confidence",
    "note", "sources",
]  # fmt: skip


@dataclass(frozen=True)
class PlanRow:
    """A plan at its stage on a day, with its located parts known then."""

    stage: PlanStage
    parts: tuple[PartRow, ...] = ()

    @classmethod
    def of(cls, stage: PlanStage, parts: Sequence[PartStage] = ()) -> PlanRow:
        """The row of a plan's stage and its parts' stages."""
        return cls(stage, tuple(PartRow(p) for p in parts))

    def as_json(self) -> dict[str, object]:
        """The plan with its codes, lists, its chronology's events and its parts."""
        s, plan = self.stage, self.stage.plan
        return {
            "id": plan.id,
            "title": plan.title,
            "countries": plan.country,
            "organisation": plan.organisation,
            "kind": plan.kind,
            "stage": s.stage,
            "since": s.since,
            "events": [event_json(e) for e in plan.events],
            "start_unknown": plan.start_reason,
            "borders": plan.borders,
            "parts": [part.as_json() for part in self.parts],
            "sources": full_citations(plan.sources),
        }

    def table_row(self) -> dict[str, object]:
        """The plan with kind and stage in words, its amounts, quantities and chronology in one line each."""
        s, plan = self.stage, self.stage.plan
        return {
            "id": plan.id,
            "countries": ", ".join(plan.country),
            "organisation": plan.organisation or "",
            "title": plan.title,
            "kind": plan.kind.replace("_", " "),
            "stage": stage_label(s.stage, plan.kind),
            "since": s.since,
            "amounts": "; ".join(
                f"{a.currency} {_figure(a.value, a.value_max)}" + (f" ({a.note})" if a.note else "")
                for a in plan.amounts
            ),
            "quantities": "; ".join(
                f"{_figure(q.value, q.value_max)} {q.unit}" + (f" ({q.note})" if q.note else "")
                for q in plan.quantities
            ),
            "events": chronology_text(plan),
            "period": plan.period or "",
            "borders": ", ".join(plan.borders),
            "confidence": plan.confidence,
            "note": plan.note or "",
            "sources": full_citations(plan.sources),
        }

    def gis_columns(self) -> dict[str, object]:
        """The table row, its stage's code (as a part's GIS stage) and the day its stage counts from (a date)."""
        return {**self.table_row(), "stage_code": self.stage.stage, "since_day": counts_from(self.stage.event)}


PLAN_COLUMNS = [
    "id", "countries", "organisation", "title", "kind", "stage", "since", "amounts", "quantities", "events", "period",
    "borders", "confidence", "note", "sources",
]  # fmt: skip
PLAN_GIS_COLUMNS = [*PLAN_COLUMNS, "stage_code", "since_day"]


@dataclass(frozen=True)
class ScalesRow:
    """A border's lengths from every source and scale, its roughness, and each official figure placed beside the
    computed figure for what it measures (a total beside the atlas's line; a stated land/water split as stated).
    """

    scales: BorderScales
    length: BorderLength

    def placed(self) -> list[dict[str, object]]:
        """Each official figure (and each part of a stated land/water split) with what it measures and the atlas's
        figure for the same definition, or why there is none.
        """
        b = self.length
        out: list[dict[str, object]] = []
        for c in b.official:
            counted = "total" + (f" with {' and '.join(c.figure.includes)}" if c.figure.includes else "")
            out.append({
                "measures": counted, "km": c.figure.km, "covers": c.figure.covers, "sources": c.source,
                "beside": f"atlas line, {c.counted}", "beside_km": round(c.computed_km, KM_DECIMALS), "note": "",
            })  # fmt: skip
        unseen = b.water_unseen
        for split in b.stated_splits:
            for kind, km, drawn in (("land", split.land_km, "land"), ("water", split.water_km, "inland_water")):
                shown = unseen is None
                out.append({
                    "measures": kind, "km": round(km, 3), "covers": f"{kind} part, as stated ({split.figure.covers})",
                    "sources": split.source,
                    "beside": f"atlas line, drawn as {'land' if kind == 'land' else 'water'}" if shown else "",
                    "beside_km": round(b.km_by_kind[drawn], KM_DECIMALS) if shown else None,
                    "note": "shown as stated, not compared" if shown else
                    "the source draws this river border as land: no land/water split to set beside it",
                })  # fmt: skip
        return out

    def as_json(self) -> dict[str, object]:
        """The border's lengths by source and scale, its divider roughness and the official figures placed."""
        s = self.scales
        return {
            "pair": s.pair,
            "roughness_d": None if s.roughness is None else round(s.roughness, 3),
            "divider_loss_pct": None if s.loss_pct is None else round(s.loss_pct, 1),
            "lengths": [
                {
                    "source": x.source,
                    "label": x.label,
                    "scale": None if x.denominator is None else f"1:{x.denominator:,}",
                    "ruler_km": x.ruler_km,
                    "resolution_km": x.resolution_km,
                    "length_km": round(x.length_km, KM_DECIMALS),
                }
                for x in s.lengths
            ],
            "official": self.placed(),
            "computed_as": "geodesic on the WGS84 ellipsoid; a map's shared edge by the atlas's rule",
        }

    def table_rows(self) -> list[dict[str, object]]:
        """One row per source and scale (CSV, the app's table)."""
        s = self.scales
        return [
            {
                "border": s.pair,
                "source": x.label,
                "scale": "" if x.denominator is None else f"1:{x.denominator:,}",
                "ruler_km": x.ruler_km,
                "resolution_km": x.resolution_km,
                "length_km": round(x.length_km, KM_DECIMALS),
                "roughness_d": None if s.roughness is None else round(s.roughness, 3),
            }
            for x in s.lengths
        ]

    def text_lines(self) -> list[str]:
        """The border for the terminal: roughness, one line per source and scale, the official figures placed."""
        s = self.scales
        head = f"{s.pair}"
        if s.roughness is not None and s.loss_pct is not None:
            head += f"  roughness D {s.roughness:.3f} (the 20 km ruler measures {s.loss_pct:.1f}% less than 0.1 km)"
        lines = [head, "  detail      length  source"]
        lines += [f"  {x.resolution_km:>7g} km {x.length_km:>8,.1f} km  {x.label}" for x in s.lengths]
        lines.append("  official figures, each beside the atlas's figure for what it measures:")
        for p in self.placed():
            beside = f"{p['beside']} {p['beside_km']:,.1f} km" if p["beside_km"] is not None else ""
            note = "; ".join(str(x) for x in (beside, p["note"]) if x)
            lines.append(f"    {p['measures']} {p['km']:,g} km ({p['covers']}) — {p['sources']}: {note}")
        return lines


SCALE_TABLE_COLUMNS = ["border", "source", "scale", "ruler_km", "resolution_km", "length_km", "roughness_d"]
