"""The HTML of the details panel (one block per map feature) and of tooltips, built from a MapView; every data text
escaped. A block's first heading (h2) names it; its sections are h3.
"""

from __future__ import annotations

import datetime as dt

from geo.borders import BorderLength
from geo.claims import CheckedClaim
from geo.corridor import reconciled
from geo.dates import day_text
from geo.facts import EVENT_LABELS, Position
from geo.facts.schema import Place
from geo.pairs import codes
from geo.parts import PRECISION_LABELS, LocatedPart, PartStage, located_how
from geo.plans import Chronology, PlanStage
from geo.view import MapView
from layers.style import PART_KIND_LABELS, STATUS_LABELS
from layers.web.html import cite_html, esc, money, quantity, short, sources_html

PLAN_KINDS = {
    "mine_production": "mine production",
    "mine_procurement": "mine procurement",
    "fortification_line": "fortification line",
    "fence": "fence",
    "spending": "spending",
    "counter_mobility": "counter-mobility",
    "policy": "policy",
    "border_closure": "border closure",
}


def status_badge(status: str) -> str:
    """A coloured label for a status word."""
    return f'<span class="badge badge-{esc(status)}">{esc(STATUS_LABELS[status])}</span>'


def official_items(b: BorderLength) -> str:
    """Each official figure of a border beside the computed length, with what it covers and its sources, as <li>s."""
    return "".join(
        f"<li>{esc(c.text())}: {esc(c.figure.covers)} — {'; '.join(cite_html(s) for s in c.figure.sources)}</li>"
        for c in b.official
    )


def status_html(view: MapView, iso3: str) -> str:
    """A country's status on the map's day and why (the page's time control keeps it current); '' without facts."""
    status = view.statuses.get(iso3)
    if status is None:
        return ""
    return (
        f'<p class="status" data-iso3="{esc(iso3)}">{status_badge(status.status)} on '
        f'<span class="atlas-day">{day_text(view.day)}</span>: '
        f'<span class="why">{esc(status.explanation)}</span></p>'
    )


def border_rows(lengths: list[BorderLength]) -> str:
    """A table of borders: computed km beside each official figure and its source."""
    rows = []
    for b in lengths:
        k = b.km_by_kind
        parts = b.drawn_split() + (f", lagoon {k['lagoon']:,.1f}" if k["lagoon"] else "")
        clipped = " (clipped to the map region)" if b.clipped else ""
        figures = official_items(b) + "".join(
            f"<li>{esc(split.text())}, as its source splits it"
            + (", not compared" if b.water_unseen is None else "")
            + f" — {'; '.join(cite_html(s) for s in split.figure.sources)}</li>"
            for split in b.stated_splits
        )
        rows.append(
            f"<tr><td><b>{esc(b.pair)}</b></td><td>computed {b.computed_km:,.1f} km{clipped}"
            f'<br><small>{esc(parts)}</small><br><small class="split-note">{esc(b.split_note())}</small>'
            f"<ul>{figures}</ul></td></tr>"
        )
    return f'<table class="lengths">{"".join(rows)}</table>' if rows else ""


def chronology_html(written: Chronology, day: dt.date) -> str:
    """A plan's or part's chronology (geo.plans.chronology): each event with its date and its own sources (those
    after `day` greyed, and kept current by the page's time control), the target for completion, and a start of
    construction not known with the reason.
    """
    rows = [
        f"<li data-date={e.day.isoformat()}{' class=future' if e.day > day else ''}>{esc(e.when)}: {esc(e.what)}"
        + (f" <small>{esc(e.note)}</small>" if e.note else "")
        + f"{sources_html(e.sources)}</li>"
        for e in written.entries
    ]
    if written.start_unknown:
        rows.insert(0, f'<li class="start-unknown">start of construction: not known. {esc(written.start_unknown)}</li>')
    if written.target is not None:
        goal = written.target
        rows.append(f"<li>{esc(goal.when)}: {esc(goal.what)}{sources_html(goal.sources)}</li>")
    return f'<ol class="timeline chronology">{"".join(rows)}</ol>'


def plan_html(stage: PlanStage, day: dt.date) -> str:
    """One plan: title, kind, its stage on the map's day, amounts, quantities, chronology, borders and sources."""
    plan = stage.plan
    facts = [f'{esc(PLAN_KINDS[plan.kind])}, <b class="stage">{esc(stage.text)}</b>']
    facts += [esc(money(a)) for a in plan.amounts]
    facts += [esc(quantity(q)) for q in plan.quantities]
    if plan.period:
        facts.append(f"period {esc(plan.period)}")
    if plan.borders:
        facts.append("borders " + esc(", ".join(plan.borders)))
    owner = esc(", ".join(plan.country) or plan.organisation or "")
    note = f"<br><small>{esc(plan.note)}</small>" if plan.note else ""
    head = f"<b>{esc(plan.title)}</b> <small>({owner}; {esc(plan.confidence)})</small>"
    body = f"{head}<br>{'; '.join(facts)}{note}{chronology_html(stage.chronology, day)}{sources_html(plan.sources)}"
    return f'<div class="plan" data-plan="{esc(plan.id)}">{body}</div>'


def located_text(located: LocatedPart) -> str:
    """How the part is located, and its located length beside the stated one: 'about 3 km stated; 3.0 km located
    along the border (stated length centred on a named place …)'.
    """
    part = located.part
    how = PRECISION_LABELS[located.precision]
    if part.along is not None:
        itself = f"; the part itself: {part.stated_km:,g} km stated" if part.stated_km is not None else ""
        return f"{located_how(located)}{itself}"
    if located.located_km is None:
        return f"located {how}"
    stated = part.stated_km
    if stated is None:
        return f"{located.located_km:,.1f} km located along the border ({how}); no length stated"
    diff = (located.located_km - stated) / stated * 100
    side = "longer" if diff > 0 else "shorter"
    gap = f", {abs(diff):.0f}% {side}" if abs(diff) >= 0.5 else ""
    return f"{located.located_km:,.1f} km located along the border{gap} (stated {stated:,g} km; {how})"


def place_html(place: Place) -> str:
    """Where a place's point comes from: its GeoNames id, the coordinates a source gives, quoted, or (a tripoint)
    the border lines.
    """
    if place.tripoint is not None:
        first, *others = place.tripoint
        return f"{esc(place.name)} (where the atlas's {first}–{others[0]} and {first}–{others[1]} border lines meet)"
    if place.geonames is not None:
        link = f'<a href="https://www.geonames.org/{place.geonames}" target="_blank" rel="noopener noreferrer">'
        return f"{esc(place.name)} ({link}GeoNames {place.geonames}</a>)"
    what = f", {esc(place.what)}" if place.what else ""
    return f"{esc(place.name)} (“{esc(place.quote or '')}”{what}; {'; '.join(cite_html(s) for s in place.sources)})"


def part_details(stage: PartStage, day: dt.date) -> str:
    """One located part on a day: what and where it is, its stage then, its chronology, figures, confidence, sources."""
    located = stage.located
    part, plan = located.part, located.plan
    kind = PART_KIND_LABELS[part.kind]
    figures = [esc(money(a)) for a in part.amounts] + [esc(quantity(q)) for q in part.quantities]
    rows = [
        f'<b class="stage">{esc(stage.text)}</b> on <span class="atlas-day">{day_text(day)}</span>',
        esc(located_text(located)),
        "place: " + "; ".join(place_html(p) for p in located.places),
        f"confidence: {esc(part.confidence)}",
    ]
    if figures:
        rows.insert(2, "; ".join(figures))
    note = f"<p><small>{esc(part.note)}</small></p>" if part.note else ""
    return (
        f'<div class="atlas-detail part" data-part="{esc(part.id)}"><h2>{esc(kind)}: {esc(part.title)}</h2>'
        f"<p><small>part of {esc(plan.title)} ({esc(', '.join(plan.country) or plan.organisation or '')}); "
        f"border {esc(located.border)}</small></p>"
        f"<p>{'<br>'.join(rows)}</p>{chronology_html(stage.chronology, day)}{note}{sources_html(part.sources)}</div>"
    )


def part_tooltip(stage: PartStage) -> str:
    """A short tooltip: kind, title and stage (the map's own time rewrites the stage: static/timecontrol.js)."""
    part = stage.located.part
    return f"<b>{esc(PART_KIND_LABELS[part.kind])}</b>: {esc(part.title)} · {esc(stage.text)}"


def plan_line(stage: PlanStage, view: MapView) -> str:
    """A plan drawn on the map, in one line: title, stage, and where its details are (the band along its borders,
    its located parts), so the country's details stay short.
    """
    plan = stage.plan
    count = sum(1 for s in view.part_stages if s.located.plan.id == plan.id)
    where = [f"band along {esc(', '.join(plan.borders))} (not located)"] if plan.borders else []
    where += [f"{count} located part{'s' if count != 1 else ''}"] if count else []
    return (
        f'<div class="plan" data-plan="{esc(plan.id)}"><b>{esc(plan.title)}</b>: '
        f'<span class="stage">{esc(stage.text)}</span>'
        f"<br><small>details and sources on the map: {'; '.join(where)}</small></div>"
    )


def position_html(position: Position) -> str:
    """A stated position: the words, the speaker and the source."""
    when = f", {day_text(position.date)}" if position.date else ""
    words = f"“{esc(position.text)}”" if position.form == "quote" else esc(position.text)
    who = f"— {esc(position.speaker)}, {esc(position.role)}{esc(when)}"
    return f"<blockquote>{words}<br><small>{who}</small>{sources_html(position.sources)}</blockquote>"


def disputed_html(claims: list[CheckedClaim]) -> str:
    """A note for each claim of a seed article stating a date or figure unlike the record, with the record's value."""
    return "".join(
        f'<div class="disputed"><b>Stated differently</b>: seeds/{esc(c.seed)} says “{esc(short(c.quote))}” '
        f"({esc(c.attribute)}: {esc(c.stated)})"
        f" — record: {esc(c.record or 'none')}{f' ({esc(c.source)})' if c.source else ''}; "
        f'verdict <b class="verdict-{esc(c.verdict)}">{esc(c.verdict)}</b>: {esc(c.reason)}</div>'
        for c in claims
    )


def country_details(view: MapView, iso3: str, name: str, part: str = "") -> str:
    """A country's details: status on the date and why, treaty timeline, borders, plans, positions."""
    title = esc(name) + (f" <small>({esc(part)})</small>" if part and part != "mainland" else "")
    country = view.country(iso3)
    out = [f'<div class="atlas-detail" data-iso3="{esc(iso3)}"><h2>{title}</h2>']
    if iso3 not in view.statuses:
        out.append("<p>No treaty facts recorded: shown for context.</p></div>")
        return "".join(out)
    out.append(status_html(view, iso3))
    if country is not None:
        if country.nato_member_since:
            out.append(f"<p>NATO member since {day_text(country.nato_member_since)}</p>")
        if country.note:
            out.append(f"<p><small>{esc(country.note)}</small></p>")
        events = sorted(country.treaty_events or [], key=lambda e: e.date)
        if events:
            items = "".join(
                f"<li data-date={e.date.isoformat()}{' class=future' if e.date > view.day else ''}>"
                f"{day_text(e.date)}: {esc(EVENT_LABELS[e.kind])}"
                + "".join(
                    f" (another source: {day_text(a.date)} — {'; '.join(cite_html(s) for s in a.sources)})"
                    for a in e.alternative_dates
                )
                + (f" <small>{esc(e.note)}</small>" if e.note else "")
                + f"{sources_html(e.sources)}</li>"
                for e in events
            )
            out.append(f"<h3>Ottawa Convention</h3><ul class=timeline>{items}</ul>")
    out.append(disputed_html(view.disputed_about(iso3)))
    borders = view.borders_of(iso3)
    if borders:
        out.append(f"<h3>Borders (km)</h3>{border_rows(borders)}")
    plans = view.plans_of(iso3)
    if plans:
        located = {s.located.plan.id for s in view.part_stages}
        out.append(
            f'<h3>Plans known on <span class="atlas-day">{day_text(view.day)}</span></h3>'
            + "".join(
                plan_html(p, view.day) if not p.plan.borders and p.plan.id not in located else plan_line(p, view)
                for p in plans
            )
        )
    positions = view.positions_of(iso3)
    if positions:
        out.append("<h3>Stated positions</h3>" + "".join(position_html(p) for p in positions))
    out.append("</div>")
    return "".join(out)


def border_details(view: MapView, pair: str, names: dict[str, str]) -> str:
    """A border's details: the pair, its computed length beside every official figure and its source."""
    b = view.lengths.get(pair)
    head = f"<h2>{esc(border_title(pair, names))} <small>({esc(pair)})</small></h2>"
    rows = border_rows([b]) if b is not None else ""
    return f'<div class="atlas-detail">{head}{rows}{disputed_html(view.disputed_about(pair))}</div>'


def border_title(pair: str, names: dict[str, str]) -> str:
    """A border's name in words: 'Finland–Russia border' (codes where a name is missing)."""
    a, c = codes(pair)
    return f"{names.get(a, a)}–{names.get(c, c)} border"


def border_hover(view: MapView, pair: str, names: dict[str, str]) -> str:
    """A border's short tooltip: its names and computed length; the figures and sources are in its details."""
    b = view.lengths.get(pair)
    length = f": computed {b.computed_km:,.0f} km" if b is not None else ""
    return (
        f"<b>{esc(border_title(pair, names))}</b>{length}<br><small>click for the official figures and sources</small>"
    )


def plans_details(pair: str, plans: list[PlanStage], day: dt.date) -> str:
    """The plans known for one border on a day, each at its stage then."""
    items = "".join(plan_html(p, day) for p in plans)
    return (
        f'<div class="atlas-detail"><h2>Plans along {esc(pair)} on <span class="atlas-day">{day_text(day)}</span></h2>'
        f"{items}</div>"
    )


def suwalki_details(view: MapView) -> str:
    """Why the Suwałki Gap matters, what the atlas computes of its size, and each published width or length beside
    the atlas's figure for the definition it uses (or marked as stating none), with sources.
    """
    s, gap = view.facts.suwalki, view.gap
    out = ['<div class="atlas-detail"><h2>Suwałki Gap</h2>']
    if gap is not None:
        nearest = (
            ", which is also the shortest line between Kaliningrad Oblast and Belarus"
            if gap.tripoints_are_nearest
            else f"; the shortest line between Kaliningrad Oblast and Belarus <b>{gap.narrowest_km:.1f} km</b>"
        )
        out.append(
            f"<p>Computed (geodesic): the Polish–Lithuanian border <b>{gap.border_km:,.1f} km</b> along the atlas's "
            f"line; the straight line between its two ends, the tripoints, <b>{gap.tripoint_km:.1f} km</b>"
            f"{nearest}.</p>"
        )
    else:
        width = f"<b>{view.narrowest_km:.1f} km</b>"
        out.append(f"<p>Narrowest line Kaliningrad–Belarus, computed: {width} (geodesic).</p>")
    if s is not None:
        out.append(f"<p>{esc(s.description)}</p>{sources_html(s.description_sources)}")
        out.append("<h3>Published widths and lengths, each beside the atlas's figure for what it measures</h3><ul>")
        for row in reconciled(s.widths, gap) if gap is not None else []:
            w = row.figure
            stated = f" ({esc(w.stated)})" if w.stated else ""
            beside = (
                f"measures {esc(row.definition)}: computed <b>{row.computed_km:,.1f} km</b>"
                if row.computed_km is not None
                else '<span class="not-stated">no definition stated</span>: nothing to compute beside it'
            )
            out.append(
                f"<li><b>{w.km:g} km</b>{stated} — {beside}. {esc(w.covers)} — "
                f"{'; '.join(cite_html(x) for x in w.sources)}</li>"
            )
        out.append("</ul>")
        pol_ltu = view.lengths.get(s.border_pair)
        if pol_ltu:
            out.append(f"<h3>The Polish–Lithuanian border, which the corridor contains</h3>{border_rows([pol_ltu])}")
        out.append(disputed_html(view.disputed_about(s.border_pair)))
    out.append("</div>")
    return "".join(out)
