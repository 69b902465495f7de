"""The map as a table, under it: each country's treaty status on the map's day and why, and its borders with Russia
and Belarus (the computed length beside each official figure, with its sources). What the map shows in colour, as text
a screen reader reads and a keyboard reaches; the page's time control keeps the statuses current.
"""

from __future__ import annotations

from geo.dates import day_text
from geo.view import MapView
from layers.web.assets import asset
from layers.web.details import official_items, status_html
from layers.web.html import Raw, esc


def map_table(view: MapView) -> Raw:
    """The table of the countries with treaty facts, the focus countries first, then by name."""
    main = set(view.borders.loc[view.borders["main"], "pair"])
    focus = view.focus
    rows = []
    for iso3, name in sorted(view.names.items(), key=lambda item: (item[0] not in focus, item[1])):
        if iso3 not in view.statuses:
            continue
        borders = "".join(
            f"<li><b>{esc(b.pair)}</b>: computed {b.computed_km:,.0f} km<ul>{official_items(b)}</ul></li>"
            for b in view.borders_of(iso3)
            if b.pair in main
        )
        rows.append(
            f'<tr><th scope="row">{esc(name)}</th><td>{status_html(view, iso3)}</td>'
            f"<td>{f'<ul>{borders}</ul>' if borders else 'none'}</td></tr>"
        )
    day = f'<span class="atlas-day">{day_text(view.day)}</span>'
    return Raw(
        f'<section class="atlas-table" aria-labelledby="atlas-table-title"><h2 id="atlas-table-title">The map as a '
        f"table</h2><table><caption>Each country's treaty status on {day}, and its borders with Russia and Belarus"
        '</caption><thead><tr><th scope="col">Country</th><th scope="col">Treaty status and why</th>'
        '<th scope="col">Borders with Russia and Belarus (km)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def table_stylesheet() -> Raw:
    """The table's CSS, for the page header; the table and the sources under the map are laid out only when scrolled
    to (content-visibility), so they do not delay the map's first paint.
    """
    return Raw(f"<style>{asset('atlas_table_css').text}</style>")
