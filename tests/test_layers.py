"""Map layers: escaping, popups and tooltips with their sources, legend, and the one-way data flow."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from geo.dates import parse_day
from geo.errors import AtlasError
from geo.facts import Facts
from geo.settings import LAYERS
from geo.treaty import timeline
from geo.view import MapView, map_view, parse_layers, sources_on_map
from helpers import dump_yaml, load_yaml
from layers.web.html import esc, js_json

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def view(gpkg, facts) -> MapView:
    """The map on 1 Mar 2026 with the claims ledger, as the app and the exporter build it."""
    from geo.claims import load_claims

    return map_view(gpkg, facts, dt.date(2026, 3, 1), load_claims(facts=facts))


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "${alert(1)}", "`x`", "{{ 7*7 }}", "a\\b", "\"'&"])
def test_escaped_text_has_nothing_html_javascript_or_jinja_would_read(text: str) -> None:
    out = esc(text)
    for char in "<>`$\\\"'{":
        assert char not in out
    import html

    assert html.unescape(out) == text


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!--<script>",
        "</SCRIPT",
        "{{ 7*7 }}",
        "{% if %}",
        "{# x #}",
        "\u2028",
        "a & b",
    ],
)
def test_json_for_scripts_round_trips_and_cannot_close_the_script(text: str) -> None:
    out = js_json({"t": text, "n": [1, {"k": text}]})
    assert json.loads(out) == {"t": text, "n": [1, {"k": text}]}
    for bad in ("</", "<!--", "{{", "{%", "{#", "\u2028"):
        assert bad not in out


def test_geometry_json_goes_into_the_script_as_shapely_wrote_it() -> None:
    import shapely

    from layers.web.html import RawJSON

    geometry = RawJSON(shapely.to_geojson(shapely.Polygon([(24.1, 59.2), (25.0, 59.2), (25.0, 58.9)])))
    out = js_json(
        {"features": [{"geometry": geometry, "properties": {"name": "</script>{{ x }}"}}], "other": ["\x00" + "0"]}
    )
    data = json.loads(out)
    assert data["features"][0]["geometry"] == json.loads(geometry) and geometry in out
    assert data["features"][0]["properties"]["name"] == "</script>{{ x }}" and data["other"] == ["\x00" + "0"]


def decoded_line(text: str, decimals: int) -> list[tuple[float, float]]:
    """Google's polyline encoding read back, written here on its own (not the page's decoder)."""
    values, value, shift = [], 0, 0
    for char in text:
        chunk = ord(char) - 63
        value |= (chunk & 0x1F) << shift
        shift += 5
        if chunk < 0x20:
            values.append(~(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    x = y = 0
    out = []
    for dx, dy in zip(values[::2], values[1::2], strict=True):
        x, y = x + dx, y + dy
        out.append((x / 10**decimals, y / 10**decimals))
    return out


def test_an_encoded_ring_keeps_each_vertex_to_its_grid_and_leaves_out_one_rounded_onto_the_last() -> None:
    import shapely

    from layers.web.vector import encoded_geometry

    ring = [(24.1234, 59.2011), (24.1241, 59.2049), (25.0, 59.2), (25.0, 58.9), (24.1234, 59.2011)]

    def first_ring(decimals: int) -> str:
        encoded = encoded_geometry(shapely.Polygon(ring), decimals)
        assert isinstance(encoded, dict)
        return str(encoded["e"][0])

    three = decoded_line(first_ring(3), 3)
    assert three == [(24.123, 59.201), (24.124, 59.205), (25.0, 59.2), (25.0, 58.9), (24.123, 59.201)]
    two = decoded_line(first_ring(2), 2)
    assert two == [(24.12, 59.2), (25.0, 59.2), (25.0, 58.9), (24.12, 59.2)]  # the second vertex rounds onto the first


def test_the_web_maps_countries_lie_within_a_third_of_their_simplification(view: MapView) -> None:
    import shapely

    from geo.settings import DISPLAY_DECIMALS, DISPLAY_TOLERANCE
    from layers.web.vector import encoded_geometry

    for iso3, geometry in zip(view.countries["iso3"], view.countries.geometry, strict=True):
        encoded = encoded_geometry(geometry, DISPLAY_DECIMALS)
        assert isinstance(encoded, dict)
        polygons = encoded["e"] if encoded["type"] == "MultiPolygon" else [encoded["e"]]
        drawn = shapely.multilinestrings(
            [shapely.LineString(decoded_line(ring, DISPLAY_DECIMALS)) for rings in polygons for ring in rings]
        )
        assert _hausdorff(drawn, geometry.boundary) <= DISPLAY_TOLERANCE / 3 * 2**0.5, iso3


def _hausdorff(a: object, b: object) -> float:
    """shapely.hausdorff_distance (GEOS's discrete one: each vertex's distance to the other geometry, the greatest
    either way), with the nearest segment found through an STRtree instead of by trying every one."""
    import numpy as np
    import shapely

    def farthest(points_of: object, lines: object) -> float:
        segments = [
            shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1))
            for line in shapely.get_parts(lines)
            for xy in [shapely.get_coordinates(line)]
        ]
        tree = shapely.STRtree(np.concatenate(segments))
        _, distances = tree.query_nearest(shapely.points(shapely.get_coordinates(points_of)), return_distance=True)
        return float(distances.max())

    return max(farthest(a, b), farthest(b, a))


def test_a_map_from_the_shared_base_is_the_map_built_afresh(gpkg, facts) -> None:
    from geo.model import map_model
    from geo.view import map_base
    from layers.web.map import atlas_map
    from layers.web.page import fix_ids

    base = map_base(gpkg, facts)
    for day in (dt.date(2025, 6, 1), dt.date(2026, 3, 1)):
        shared, fresh = map_view(gpkg, facts, day, base=base), map_view(gpkg, facts, day)
        assert shared.statuses == fresh.statuses and list(shared.countries["status"]) == list(fresh.countries["status"])
        maps = [atlas_map(map_model(shared)), atlas_map(map_model(fresh))]
        for m in maps:
            fix_ids(m.get_root())  # element ids are random until fixed
        assert maps[0].get_root().render() == maps[1].get_root().render()
    assert "status" not in base.countries.columns  # a date's view never writes into the shared base


def test_country_details_gives_status_explanation_timeline_and_sources(view: MapView) -> None:
    from layers.web.details import country_details

    html = country_details(view, "EST", "Estonia")
    assert "withdrawn since 27 Dec 2025 (deposited 27 Jun 2025)" in html
    assert "Withdrawn" in html and "NATO member since 29 Mar 2004" in html
    assert "12 May 2004: acceded" in html and "Human Rights Watch" in html
    assert "EST-RUS" in html and "official 324 km" in html  # computed beside the CIA figure
    assert "Baltic Defence Line" in html  # a plan the country shares
    norway = country_details(view, "NOR", "Norway")
    assert "party since 1 Mar 1999" in norway


def test_a_neighbour_drawn_for_context_has_its_status_too(view: MapView) -> None:
    from layers.web.details import country_details

    popup = country_details(view, "DEU", "Germany")
    assert "No treaty facts recorded" not in popup and "party since 1 Mar 1999" in popup


def test_border_details_puts_every_official_figure_beside_the_computed_length(view: MapView, facts) -> None:
    from layers.web.details import border_details

    html = border_details(view, "LTU-BLR", {"LTU": "Lithuania", "BLR": "Belarus"})
    assert f"computed {view.lengths['LTU-BLR'].computed_km:,.1f} km" in html
    for figure in facts.official_figures("LTU-BLR"):
        assert f"official {figure.km:,.0f} km; computed" in html
    fin = border_details(view, "FIN-RUS", {"FIN": "Finland", "RUS": "Russia"})
    assert "official 1,309 km; computed 1,255 km is 4.1% shorter" in fin  # read the right way round


def test_suwalki_details_set_each_published_figure_beside_the_measure_of_its_definition(view: MapView) -> None:
    from layers.web.details import suwalki_details

    html = suwalki_details(view)
    gap = view.gap
    assert gap is not None and gap.tripoints_are_nearest  # in the atlas's geometry the tripoints are the nearest
    assert f"{gap.tripoint_km:.1f} km" == f"{view.narrowest_km:.1f} km"
    items = re.findall(r"<li><b>([\d.]+) km</b>(.*?)</li>", html)
    rows = dict(items)
    assert f"computed <b>{gap.border_km:,.1f} km</b>" in rows["100"] and "Polish–Lithuanian border" in rows["100"]
    assert f"computed <b>{gap.tripoint_km:.1f} km</b>" in rows["65"] and "straight line" in rows["65"]
    assert "(40 miles)" in rows["64.4"] and f"computed <b>{gap.tripoint_km:.1f} km</b>" in rows["64.4"]
    for km in ("70", "96.6"):  # no definition stated: marked so, and nothing set beside it
        assert "no definition stated" in rows[km] and "computed" not in rows[km]
    assert "split NATO" in html  # why it matters, from the seed


def disputed_notes(html: str) -> list[str]:
    """The 'stated differently' notes of a popup or tooltip, as text."""
    import html as html_module
    import re

    return [
        html_module.unescape(re.sub(r"<[^>]+>", "", note))
        for note in re.findall(r'<div class="disputed">(.*?)</div>', html)
    ]


def test_finland_popup_marks_the_join_date_an_article_states_differently(view: MapView) -> None:
    from layers.web.details import country_details

    notes = disputed_notes(country_details(view, "FIN", "Finland"))
    joined = [n for n in notes if "joining the treaty in 2011" in n]
    assert len(joined) == 1, notes
    note = joined[0]
    assert note.startswith("Stated differently: seeds/002_53d9cebd3c2c4660.txt says “Finland, for instance, dismantled")
    assert "(joined the treaty: in 2011)" in note
    assert (
        "record: FIN: acceded 2012-01-09; in force 2012-07-01 (Ministry for Foreign Affairs of Finland (2012-06-29))"
        in note
    )
    assert "verdict contradicted" in note
    assert any(
        "seeds/000_7b806bc2ae1b8a7b.txt" in n and "withdrawal effective 2026-01-10" in n for n in notes
    )  # 'from the end of 2025'
    assert all(n.startswith("Stated differently: seeds/") for n in notes)
    assert all(("verdict contradicted" in n) != ("verdict imprecise" in n) for n in notes)  # never a borne-out claim


def test_a_country_whose_claims_are_borne_out_has_no_note(view: MapView) -> None:
    from layers.web.details import country_details

    assert any(c.claim.claim.subject == ["NOR"] for c in view.claims)  # the ledger does make claims about Norway
    assert disputed_notes(country_details(view, "NOR", "Norway")) == []
    assert disputed_notes(country_details(view, "DEU", "Germany")) == []


def test_border_details_marks_a_border_claim_the_record_contradicts(view: MapView) -> None:
    from layers.web.details import border_details

    notes = disputed_notes(border_details(view, "NOR-RUS", {"NOR": "Norway", "RUS": "Russia"}))
    assert len(notes) == 1 and "seeds/000_7b806bc2ae1b8a7b.txt says “Spanning every NATO frontier" in notes[0]
    assert (
        "record: NOR-RUS: a NATO member's border with Russia, 191 km" in notes[0] and "verdict contradicted" in notes[0]
    )
    assert (
        disputed_notes(border_details(view, "FIN-RUS", {})) == []
    )  # the 1,340 km of seed 000 fits the official figures


def test_suwalki_details_marks_where_an_article_puts_the_gap(view: MapView) -> None:
    from layers.web.details import suwalki_details

    notes = disputed_notes(suwalki_details(view))
    assert len(notes) == 1 and "seeds/001_7f51c8fcd1dbe28e.txt says “the Suwałki Gap in southern Lithuania”" in notes[0]
    assert "verdict imprecise" in notes[0] and "across Poland and Lithuania" in notes[0]


def test_without_a_ledger_the_map_marks_nothing(gpkg, facts) -> None:
    from layers.web.details import country_details

    bare = map_view(gpkg, facts, dt.date(2026, 3, 1))
    assert bare.claims == () and bare.disputed == {}
    assert disputed_notes(country_details(bare, "FIN", "Finland")) == []


def test_disputed_notes_follow_the_facts_the_map_is_built_from(gpkg, facts, tmp_path: Path) -> None:
    """With another facts file where Finland acceded in 2011, the article's '2011' is borne out: no note."""

    from geo.claims import load_claims
    from geo.facts import load_facts
    from layers.web.details import country_details

    data = load_yaml((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    fin = next(c for c in data["countries"] if c["iso3"] == "FIN")
    acceded = next(e for e in fin["treaty_events"] if e["kind"] == "acceded")
    acceded["date"] = dt.date(2011, 11, 30)
    path = tmp_path / "facts.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    other = load_facts(path)
    notes = disputed_notes(
        country_details(map_view(gpkg, other, dt.date(2026, 3, 1), load_claims(facts=other)), "FIN", "Finland")
    )
    assert notes and not any("joining the treaty in 2011" in n for n in notes)


def test_plans_are_drawn_only_along_borders_they_name(view: MapView, facts) -> None:
    from layers.web.plans import plans_layer

    layer = plans_layer(view)
    features = next(iter(layer._children.values())).features
    drawn = {f["properties"]["pair"]: f["properties"]["planIds"] for f in features}
    for plan in facts.plans:
        for key in plan.borders:
            a, b = key.split("-")
            pair = key if key in drawn else f"{b}-{a}"
            assert plan.id in drawn[pair]
    assert all(pair in view.lengths for pair in drawn)


def test_legend_names_every_status_on_the_map(view: MapView) -> None:
    from layers.legend import LegendInputs, legend_sections
    from layers.style import STATUS_LABELS
    from layers.web.furniture import legend_control

    statuses = [s for s in STATUS_LABELS if s in set(view.countries["status"])]
    legend = json.loads(legend_control(legend_sections(tuple(LAYERS), LegendInputs(statuses))).html)
    for status in statuses:
        assert esc(STATUS_LABELS[status]) in legend
    assert {"withdrawn", "party", "non_party", "suspended"} <= set(statuses)


def test_sources_on_map_include_every_status_and_border_source(view: MapView, facts) -> None:
    sources = sources_on_map(view)
    for country in facts.countries:
        for event in country.treaty_events or []:
            assert all(s in sources for s in event.sources)
    for figures in facts.borders.values():
        for figure in figures:
            assert all(s in sources for s in figure.sources)
    assert len(sources) == len({json.dumps(s.model_dump(mode="json"), sort_keys=True) for s in sources})  # no repeats


def test_timeline_is_in_date_order(facts) -> None:
    events = timeline(facts)
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert ("EST", "withdrawal_effective", dt.date(2025, 12, 27)) in [(e.iso3, e.kind, e.date) for e in events]


def test_date_and_layer_arguments_are_checked() -> None:
    assert parse_day("2025-12-27") == dt.date(2025, 12, 27)
    with pytest.raises(AtlasError, match="not a date"):
        parse_day("27/12/2025")
    with pytest.raises(AtlasError, match="before 1997"):
        parse_day("1996-06-01")
    assert parse_layers(["borders,status"]) == ("status", "borders")
    with pytest.raises(AtlasError, match="unknown layer"):
        parse_layers(["status", "roads"])


def test_layers_never_read_files() -> None:
    reads = re.compile(
        r"(?<!os\.)\bopen\(|read_text\(|read_bytes\(|read_dataframe\(|load_facts\(|load_geopackage\(|load_claims\("
    )
    for path in (ROOT / "layers").rglob("*.py"):
        if path.relative_to(ROOT).as_posix() in ("layers/web/assets.py", "layers/figure/assets.py"):
            continue  # the pinned browser assets and page templates; the print figure's template and matplotlib's fonts
        text = path.read_text(encoding="utf-8")
        found = reads.search(text)
        assert found is None, f"{path.name} calls {found.group(0) if found else ''}"
        for call in re.findall(r"os\.open\([^)]*\)", text):  # a file opened by its flags: for writing only
            assert "O_WRONLY" in call and "O_RDWR" not in call, f"{path.name} calls {call}"


def test_a_border_tooltip_is_short_and_its_details_hold_the_figures(view: MapView) -> None:
    from layers.web.borders import border_layer

    features = next(iter(border_layer(view)._children.values())).features
    fin = next(f for f in features if f["properties"]["pair"] == "FIN-RUS")
    assert (
        fin["properties"]["tooltip"].startswith("<b>Finland–Russia border</b>: computed 1,255 km")
        and "1,309" not in fin["properties"]["tooltip"]
    )
    assert "official 1,309 km" in fin["properties"]["details"]


def test_the_suwalki_gap_takes_no_status_colour_and_its_width_hangs_under_the_narrowest_lines_west_end(
    view: MapView,
) -> None:
    import shapely

    from layers.style import STATUS_COLOURS
    from layers.web.html import json_text
    from layers.web.suwalki import suwalki_layer

    features = json.loads(json_text(next(iter(suwalki_layer(view)._children.values())).collection))["features"]
    corridor = next(f for f in features if f["properties"]["kind"] == "corridor")["properties"]["style"]
    assert corridor["fillOpacity"] == 0 and corridor["color"] not in STATUS_COLOURS.values()  # an outline only
    width = next(f for f in features if f["properties"]["kind"] == "width")
    assert width["properties"]["label"] == f"{view.narrowest_km:.1f} km"
    point = shapely.Point(width["geometry"]["coordinates"])
    line = view.suwalki.loc[view.suwalki["kind"] == "narrowest"].geometry.iloc[0]
    west = min(shapely.get_coordinates(line).tolist())
    assert point.distance(shapely.Point(west)) < 1e-3 and width["properties"]["labelDir"] == "bottom"  # as drawn
    # on the map, the label lies off the corridor and off every name (tests/test_export.py, in Chromium)


def test_the_plan_figures_chart_writes_its_days_as_the_atlas_does(view: MapView, facts: Facts) -> None:
    from geo.dates import day_text
    from geo.tables import plan_figures
    from layers.web.charts import plan_figures_chart

    figures = plan_figures(facts, view.parts, view.day)
    spec = plan_figures_chart(figures, view.day).to_dict()

    def tooltips(node: object) -> list[dict[str, str]]:
        if isinstance(node, dict):
            own = node.get("encoding", {}).get("tooltip", [])
            return own + [t for key, value in node.items() if key != "encoding" for t in tooltips(value)]
        return [t for value in node for t in tooltips(value)] if isinstance(node, list) else []

    tips = tooltips(spec)
    assert {"field": "day_text", "type": "nominal", "title": "as of"} in tips
    assert not [t for t in tips if t.get("type") == "temporal"]  # no date the chart's own format would write
    written = {row["day_text"] for data in spec["datasets"].values() for row in data if "day_text" in row}
    assert written == {day_text(d.date()) for d in pd.to_datetime(figures["day"])}


def test_every_dated_mark_of_the_charts_reads_out_its_day_as_the_atlas_writes_it(view: MapView, facts: Facts) -> None:
    """A screen reader reads a chart mark's description: every layer placed in time carries one, written from the
    atlas's own day texts, so none falls back to Vega's 'Jul 08, 2022'.
    """
    from geo.tables import events_table, plan_figures, status_spans
    from geo.treaty import timeline
    from layers.web.charts import plan_figures_chart, timeline_chart

    charts = [
        plan_figures_chart(plan_figures(facts, view.parts, view.day), view.day),
        timeline_chart(status_spans(facts, view.day), events_table(timeline(facts), facts), view.day),
    ]

    def layers(node: object) -> list[dict[str, object]]:
        if isinstance(node, dict):
            own = [node] if isinstance(node.get("encoding"), dict) else []
            return own + [m for key, value in node.items() if key != "encoding" for m in layers(value)]
        return [m for value in node for m in layers(value)] if isinstance(node, list) else []

    for chart in charts:
        spec = chart.to_dict()
        dated = [m for m in layers(spec) if m["encoding"].get("x", {}).get("type") == "temporal"]
        assert dated and all("description" in m["encoding"] for m in dated)  # type: ignore[operator]
        said = [row["aria"] for data in spec["datasets"].values() for row in data if "aria" in row]
        assert said and not [t for t in said if re.search(r"[A-Z][a-z]{2} \d{2}, \d{4}|\d{4}-\d{2}-\d{2}", t)]
    assert any(t.startswith("Estonia: Withdrawn from 27 Dec 2025") for t in said)  # the timeline's, as read out
    assert "Estonia: withdrawal effective, 27 Dec 2025" in said
