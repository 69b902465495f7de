"""The Streamlit app's logic, through streamlit.testing.v1.AppTest: widgets, URL state, bad links, quick picks, and the
tables and downloads behind it (geo.tables, geo.downloads)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import pytest
import shapely
import shapely.geometry
from streamlit.testing.v1 import AppTest

from geo.dates import day_text
from geo.gis import geojson_files, geojson_zip, gpkg_bytes, layer_frames
from geo.plans import plans_on
from geo.settings import LAYERS
from geo.tables import border_table, csv_bytes, days_written, events_table, plan_figures, plans_table, status_spans
from geo.treaty import timeline
from geo.view import map_view
from helpers import APP, app_test, record_reach, unpacked_page

ROOT = Path(__file__).resolve().parent.parent
ALL_LAYERS = ",".join(LAYERS)


def run(**params: str) -> AppTest:
    """The app opened from a link with these query parameters."""
    at = app_test()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


REACH_ICON = ":material/history:"  # the record's notice: shown whenever the map's day is after its verification


def link_warnings(at: AppTest) -> list[str]:
    """The warnings about the view (a link's bad value, ...), without the record's notice, which any day after the
    verification rightly shows (tests run on today's date, and today moves on).
    """
    return [plain(w.value) for w in at.warning if w.icon != REACH_ICON]


def plain(markdown: str) -> str:
    """Markdown with its backslash escapes removed: the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown)


def url(at: AppTest) -> dict[str, str]:
    """The query parameters the app wrote back into the URL (last value of each)."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def map_args(at: AppTest) -> dict[str, Any]:
    """The arguments the page sends to the map component: the map page's address, the day and the height."""
    component = next(
        e for e in at.main if getattr(getattr(e, "proto", None), "component_name", "") == "atlas.mapcomponent.atlas_map"
    )
    return dict(json.loads(component.proto.json_args))


def map_page(at: AppTest) -> str:
    """The map page the component loads (written under the component's folder)."""
    from atlas.mapcomponent import component_dir

    return (component_dir() / map_args(at)["src"]).read_text(encoding="utf-8")


def fit_bounds(at: AppTest) -> tuple[float, float, float, float]:
    """south, west, north, east of the view the component fits the map to (the country chosen, or the focus)."""
    (s, w), (n, e) = map_args(at)["bounds"]
    return s, w, n, e


def opened(at: AppTest, tab: str, *expanders: str) -> AppTest:
    """The app rerun with one tab (and the expanders named by key) open, as a reader's click does: only what is open
    is built.
    """
    at.session_state["tab"] = tab
    for key in expanders:
        at.session_state[key] = True
    return at.run()


def tab_contents(at: AppTest) -> tuple[list[Any], list[pd.DataFrame], set[str]]:
    """The charts, tables and download labels of every tab, each tab opened in turn (the lengths at several scales
    unfolded too).
    """
    charts, frames, downloads = [], [], set()
    for tab in [t.label for t in at.tabs]:
        opened(at, tab, "scales_open", "pack_open")
        charts += list(at.get("vega_lite_chart"))
        frames += [d.value for d in at.dataframe]
        downloads |= {b.label for b in at.get("download_button")}
    return charts, frames, downloads


def day_shown(at: AppTest, key: str = "day") -> str:
    """The text in a day field ('As of', 'Changes since'), as the reader sees it."""
    return str(at.text_input(key=f"{key}_typed").value)


def summary(at: AppTest) -> str:
    """The status line above the map, as a reader sees it (a polite live region: it is read out when it changes)."""
    line = next(m.value for m in at.markdown if m.value.startswith('<div role="status" aria-live="polite">As of'))
    return html.unescape(re.sub(r"<[^>]+>", "", line))


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return run()


# ---------------------------------------------------------------- widgets and defaults


def test_opens_on_today_with_every_layer_no_basemap_and_writes_the_view_into_the_url(default_app: AppTest) -> None:
    at = default_app
    today = dt.date.today()
    assert day_shown(at) == day_text(today)
    assert [t.value for t in at.toggle] == [True] * len(LAYERS)
    assert [t.label for t in at.toggle] == list(LAYERS.values())
    assert at.selectbox(key="basemap").value == "none"
    assert at.selectbox(key="country").value == ""
    assert url(at) == {"date": today.isoformat(), "layers": ALL_LAYERS, "basemap": "none"}
    assert not link_warnings(at)
    verified = dt.date.fromisoformat(record_reach()[0])
    assert any(w.icon == REACH_ICON for w in at.warning) == (today > verified)  # the notice only past it


def test_the_map_is_an_offline_page_the_component_loads_once_and_moves_in_time(default_app: AppTest) -> None:
    args = map_args(default_app)
    assert set(args) >= {"src", "day", "height"} and args["day"] == dt.date.today().isoformat()
    page = map_page(default_app)
    assert not re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="https?:', page)  # no CDN: every asset inline
    assert page.count("<script>") > 3
    assert "var tile_layer_" not in page  # basemap none: no tiles
    assert "Map data © OpenStreetMap contributors" in page and "AtlasTime.control(map_atlas" in page  # its own time
    # the map alone: the app shows its own table and sources (tabs below), once
    assert 'class="atlas-table"' not in page and 'id="sources"' not in page
    again = run(date="2025-06-01")  # another date: the same page, only the day differs
    assert map_args(again)["src"] == args["src"] and map_args(again)["day"] == "2025-06-01"


def test_the_run_after_a_report_of_the_map_always_reaches_it() -> None:
    """Streamlit sends a component nothing when its arguments are unchanged, so each run echoes the number of the map's
    last report: a view equal to the last one sent (Back after a pan, when the pan's own run was cut short) is still
    sent to the map, which then moves back.
    """
    at = run(date="2026-03-01")
    before = map_args(at)
    assert before["answered"] == 0 and before["position"] == ""  # nothing reported yet
    at.session_state["atlas_map"] = {"date": "2026-03-01", "position": "", "report": 1764950400001}
    after = map_args(at.run())
    assert after["answered"] == 1764950400001
    assert {k: v for k, v in after.items() if k != "answered"} == {k: v for k, v in before.items() if k != "answered"}
    at.session_state["atlas_map"] = {"report": True}  # not a number (a bool is not one either): nothing answered
    assert map_args(at.run())["answered"] == 0


def test_the_sidebars_date_and_the_maps_own_date_control_share_one_range(default_app: AppTest) -> None:
    page = unpacked_page(map_page(default_app))
    found = re.search(r'"first": ?"(\d{4}-\d\d-\d\d)", ?"last": ?"(\d{4}-\d\d-\d\d)"', page)
    assert found is not None
    first, last = found.groups()
    span = f"{day_text(dt.date.fromisoformat(first))} to {day_text(dt.date.fromisoformat(last))}"
    assert span in default_app.text_input(key="day_typed").help
    assert first == "1997-01-01" and last >= dt.date.today().isoformat()
    past = day_text(dt.date.fromisoformat(last) + dt.timedelta(days=1))
    at = run()
    at.text_input(key="day_typed").input(past).run()  # typed past the range: refused, saying so; the day stays
    assert day_shown(at) == past and url(at)["date"] == dt.date.today().isoformat()
    assert [plain(e.value) for e in at.error] == [f"As of = '{past}': outside {span}"]
    beyond = run(date=(dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat())
    assert day_shown(beyond) == day_text(dt.date.today())
    assert any(f"after {last}, where the map's time ends" in plain(w.value) for w in beyond.warning)


def test_a_day_is_typed_and_read_the_atlas_way_never_in_a_locale() -> None:
    """'As of' holds '1 Jun 2025'; a typed ISO day is taken and written back the atlas's way; a locale's '06/01/2025'
    is refused in one line naming the field, and the map stays on its day until a day is typed.
    """
    at = run(date="2025-06-01")
    assert day_shown(at) == "1 Jun 2025" and not at.error
    at.text_input(key="day_typed").input("06/01/2025").run()
    refused = "As of = '06/01/2025': not a date; write it as 1 Jun 2025 or 2025-06-01"
    assert [plain(e.value) for e in at.error] == [refused]
    assert url(at)["date"] == "2025-06-01" and map_args(at)["day"] == "2025-06-01"
    at.text_input(key="day_typed").input("2026-03-01").run()
    assert day_shown(at) == "1 Mar 2026" and not at.error
    assert url(at)["date"] == "2026-03-01" and map_args(at)["day"] == "2026-03-01"
    assert summary(at).startswith("As of 1 Mar 2026 — ")


def test_below_the_map_charts_tables_and_downloads(default_app: AppTest) -> None:
    at = default_app
    labels = [t.label for t in at.tabs]
    assert labels == [
        "What changed",
        "Treaty timeline",
        "Border lengths",
        "Stated plans",
        "Status on the date",
        "Sources",
    ]
    assert not at.get("vega_lite_chart") and not at.dataframe  # the first tab, What changed, draws neither
    charts, frames, downloads = tab_contents(run())
    assert {
        "Map (HTML, offline)",
        "GeoJSON layers (zip)",
        "GeoPackage layers",
        "Treaty events (CSV)",
        "Border lengths (CSV)",
        "Stated plans (CSV)",
        "Located parts (CSV)",
        "Figure (SVG)",
        "Figure (PDF)",
        "Figure (PNG)",
        "What changed (CSV)",
    } <= downloads
    assert any(label.startswith("Report pack (zip: figures, maps, tables, what changed since") for label in downloads)
    assert any("Ottawa Convention status on " in t.value for t in opened(run(), "Treaty timeline", "pack_open").text)
    assert len(charts) == 4  # the timeline, the border lengths, lengths at several scales, the plans' figures
    assert any("FIN-RUS" in set(f.get("border", [])) for f in frames)
    assert any("withdrawal effective" in set(f.get("event", [])) for f in frames)
    scales = next(f for f in frames if "resolution_km" in f.columns)  # lengths at several scales, every border
    ltu_blr = scales.loc[scales["border"] == "LTU-BLR"].set_index("source")["length_km"]
    assert (
        ltu_blr["divider, 20 km ruler"]
        < ltu_blr["Digital Chart of the World 1:1,000,000"]
        < ltu_blr["divider, 0.1 km ruler"]
    )
    placed = next(f for f in frames if "beside_km" in f.columns)  # the chosen border's official figures, placed
    assert set(placed["measures"]) >= {"total"}
    parts = next(f for f in frames if "located_km" in f.columns)
    vaalimaa = parts.set_index("id").loc["fin-fence-vaalimaa"]
    assert vaalimaa["stated_km"] == 12 and abs(vaalimaa["located_km"] - 12) < 0.5


def changes_listed(at: AppTest) -> str:
    """The What changed tab's count line and list, as a reader sees them."""
    return "\n".join(
        plain(m.value) for m in at.markdown if ("change" in m.value and "from" in m.value) or "- " in m.value
    )


def test_what_changed_follows_the_period_the_analyst_picks() -> None:
    at = run(date="2026-01-15")
    assert day_shown(at, "since") == "15 Jan 2025"  # a year before the map's date by default
    listed = changes_listed(at)
    assert "Estonia: withdrawal effective" in listed and "Finland: withdrawal effective" in listed
    at.session_state["pack_open"] = True  # the report pack's label names the window
    at.text_input(key="since_typed").input("2026-01-01").run()  # an ISO day is taken, and written the atlas's way
    assert day_shown(at, "since") == "1 Jan 2026"
    listed = changes_listed(at)
    assert "Finland: withdrawal effective" in listed and "Estonia: withdrawal effective" not in listed
    assert "from 1 Jan 2026 to 15 Jan 2026" in listed
    pack = next(b.label for b in at.get("download_button") if b.label.startswith("Report pack"))
    assert "what changed since 1 Jan 2026" in pack


def test_a_date_after_the_verification_is_noted_above_the_map() -> None:
    from helpers import record_reach

    verified = dt.date.fromisoformat(record_reach()[0])
    later = run(date=(verified + dt.timedelta(days=1)).isoformat())
    assert any("later events are not shown" in w.value for w in later.warning)
    assert any("Record last verified on" in c.value for c in later.caption)
    same = run(date=verified.isoformat())
    assert not any("later events are not shown" in w.value for w in same.warning)


def test_plan_figures_put_stated_km_and_money_beside_located_km_over_time(facts, gpkg) -> None:
    view = map_view(gpkg, facts, dt.date(2026, 12, 1))
    figures = plan_figures(facts, view.parts, view.day)
    fin = figures.loc[figures["country"] == "FIN"]
    located = fin.loc[fin["measure"] == "located km"]
    assert located["value"].is_monotonic_increasing
    stretches = [p.located_km for p in view.parts if p.located_km and "FIN" in p.plan.country]
    assert located["value"].iloc[-1] == pytest.approx(sum(stretches), abs=0.01)  # computed, not typed
    assert located["day"].iloc[0] == pd.Timestamp("2023-02-28")  # the Imatra pilot's first event
    stated = fin.loc[fin["measure"] == "stated km"].set_index("day")["value"]
    assert stated[pd.Timestamp("2025-05-21")] == 35  # dated by its source (as_of), not by the plan
    money = figures.loc[(figures["country"] == "POL") & (figures["measure"] == "stated money")]
    assert set(money["unit"]) == {"PLN", "USD", "EUR"}  # each in its own currency, never converted


def test_sources_tab_shows_each_article_with_counts_per_verdict() -> None:
    at = opened(run(), "Sources")
    tab = next(t for t in at.tabs if t.label == "Sources")
    counts = next(d.value for d in at.dataframe if "consistent" in d.value.columns)
    assert {"seed", "headline", "consistent", "contradicted", "imprecise", "unverified", "claims"} <= set(
        counts.columns
    )
    assert len(counts) == len(list((APP.parent / "seeds").glob("*.txt")))
    assert (counts[["consistent", "contradicted", "imprecise", "unverified"]].sum(axis=1) == counts["claims"]).all()
    assert len(tab.expander) == len(counts)


# ---------------------------------------------------------------- URL state


def test_a_link_reopens_the_same_view() -> None:
    at = run(date="2025-06-01", layers="status,borders", basemap="Esri.WorldGrayCanvas", country="EST")
    assert not link_warnings(at)
    assert day_shown(at) == "1 Jun 2025"
    assert [t.value for t in at.toggle] == [k in ("status", "borders") for k in LAYERS]
    assert at.selectbox(key="basemap").value == "Esri.WorldGrayCanvas"
    assert at.selectbox(key="country").value == "EST"
    assert url(at) == {
        "date": "2025-06-01",
        "layers": "status,borders",
        "basemap": "Esri.WorldGrayCanvas",
        "country": "EST",
    }
    assert "Party" in summary(at) and "Estonia" in summary(at).split("Party")[1]
    script = map_page(at)
    assert "var tile_layer_" in script and "server.arcgisonline.com" in script
    s, w, n, e = fit_bounds(at)
    assert 57 < s < 58 < 59 < n < 60.5 and 21 < w < 24 < 27 < e < 29  # zoomed to Estonia


def test_changing_widgets_updates_the_url_and_that_url_gives_the_same_view() -> None:
    at = run()
    at.text_input(key="day_typed").input("1 Mar 2026")
    at.toggle(key="layer_plans").set_value(False)
    at.selectbox(key="country").set_value("LTU")
    at.run()
    assert not at.exception
    wanted = {"date": "2026-03-01", "layers": "status,suwalki,borders", "basemap": "none", "country": "LTU"}
    assert url(at) == wanted
    again = run(**wanted)
    assert url(again) == wanted
    assert day_shown(again) == "1 Mar 2026"
    assert [t.value for t in again.toggle] == [k != "plans" for k in LAYERS]
    assert fit_bounds(again) == fit_bounds(at)
    assert "Withdrawn" in summary(again) and "Lithuania" in summary(again).split("Withdrawn")[1].split("·")[0]


def test_every_offered_basemap_works_without_an_api_key() -> None:
    from layers.web.basemaps import OFFERED, basemap_provider

    for name in OFFERED:
        provider = basemap_provider(name)
        assert provider is not None and not provider.requires_token(), name


def test_no_layers_is_a_view_too() -> None:
    at = run(layers="")
    assert not link_warnings(at)
    assert [t.value for t in at.toggle] == [False] * len(LAYERS)
    assert url(at)["layers"] == ""


@pytest.mark.parametrize(
    ("param", "value", "bad", "named"),
    [
        ("date", "2025-13-45", "2025-13-45", "not a date"),
        ("date", "1990-05-01", "1990-05-01", "before 1997-01-01"),
        ("date", "9999-01-01", "9999-01-01", "after"),
        ("layers", "status,mines", "mines", "unknown layer"),
        ("basemap", "Google.Satellite", "Google.Satellite", "unknown basemap"),
        ("basemap", "CartoDB.Positron", "CartoDB.Positron", "unknown basemap"),  # needs an API key: not offered
        ("country", "XYZ", "XYZ", "not on the map"),
    ],
)
def test_a_bad_link_value_falls_back_to_its_default_with_a_one_line_warning(
    param: str, value: str, bad: str, named: str
) -> None:
    at = run(**{param: value})
    warnings = link_warnings(at)
    assert len(warnings) == 1
    assert "\n" not in warnings[0] and f"{param} = '{bad}'" in warnings[0] and named in warnings[0]
    defaults = {"date": dt.date.today().isoformat(), "layers": ALL_LAYERS, "basemap": "none"}
    assert url(at) == defaults  # the URL now names the view shown


def test_link_text_is_shown_literally_never_as_markdown() -> None:
    attack = "![x](http://example.org/x.png)<img src=x>**b**"
    at = run(country=attack)
    warning = next(w.value for w in at.warning if w.icon != REACH_ICON)
    assert "![" not in warning.replace("\\!\\[", "") and "**" not in warning.replace("\\*", "")
    assert plain(warning).count(attack) == 1


# ---------------------------------------------------------------- quick picks


def test_a_quick_pick_sets_the_date_to_the_event_and_clears_itself() -> None:
    at = run()
    pick = at.selectbox(key="pick")
    assert pick.value is None
    label = next(o for o in pick.options if o.startswith("27 Dec 2025"))  # the options as the reader sees them
    assert "withdrawal effective" in label and "Estonia" in label and "Latvia" in label
    pick.select("2025-12-27").run()
    assert not at.exception
    assert day_shown(at) == "27 Dec 2025"
    assert at.selectbox(key="pick").value is None
    assert url(at)["date"] == "2025-12-27"
    assert "Estonia" in summary(at).split("Withdrawn")[1].split("·")[0]


def test_there_is_a_quick_pick_for_every_treaty_event_date(facts) -> None:
    at = run()
    options = at.selectbox(key="pick").options
    days = sorted({e.date for e in timeline(facts)}, reverse=True)
    assert len(options) == len(days)
    for option, day in zip(options, days, strict=True):
        assert option.startswith(f"{day.day} ")


# ---------------------------------------------------------------- tables and downloads (pure functions)


@pytest.fixture(scope="module")
def view(gpkg, facts):
    return map_view(gpkg, facts, dt.date(2026, 3, 1))


def test_status_spans_follow_the_treaty_events(facts) -> None:
    spans = status_spans(facts, dt.date(2026, 3, 1))
    est = spans[spans["iso3"] == "EST"]
    assert list(est["status"]) == ["non_party", "party", "withdrawal_notified", "withdrawn"]
    assert list(est["start"]) == [
        dt.date(1997, 1, 1),
        dt.date(2004, 11, 1),
        dt.date(2025, 6, 27),
        dt.date(2025, 12, 27),
    ]
    assert list(est["end"])[:-1] == list(est["start"])[1:]
    nor = spans[spans["iso3"] == "NOR"]
    assert list(nor["status"])[-1] == "party"
    assert set(spans["iso3"]) == {c.iso3 for c in facts.countries if c.treaty_events is not None}


def test_border_table_has_every_official_figure_with_its_source(view) -> None:
    table = border_table(view.lengths.values())
    figures = sum(len(b.official) for b in view.lengths.values())
    assert table["official_km"].notna().sum() == figures
    assert table.loc[table["official_km"].notna(), "sources"].str.len().min() > 0
    fin = table[table["border"] == "FIN-RUS"]
    assert set(fin["computed_km"]) == {round(view.lengths["FIN-RUS"].computed_km, 1)}
    assert 1340 in set(fin["official_km"])


def test_events_and_plans_tables_cite_their_sources(facts) -> None:
    events = events_table(timeline(facts), facts)
    assert len(events) == len(timeline(facts)) and (events["sources"].str.len() > 0).all()
    plans = plans_table(plans_on(facts, dt.date(2026, 3, 1)))
    assert list(plans["id"]) == [p.id for p in facts.plans] and (plans["sources"].str.len() > 0).all()
    shield = plans.set_index("id").loc["pol-east-shield"]
    assert (shield["stage"], shield["since"]) == ("under construction", "2024-10-31")
    assert "construction started 2024-10-31 (" in shield["events"]  # each event with its sources
    before = plans_table(plans_on(facts, dt.date(2024, 6, 30)))
    assert before.set_index("id").loc["pol-east-shield", "stage"] == "agreed or approved"
    assert "pol-mine-production" not in set(before["id"])  # the record has it from Dec 2025
    fence = before.set_index("id").loc["fin-border-fence"]
    assert (fence["stage"], fence["since"]) == ("under construction", "2023-02-28")  # the pilot at Imatra
    back = pd.read_csv(io.BytesIO(csv_bytes(plans)), keep_default_na=False)
    assert list(back["id"]) == list(plans["id"]) and list(back["title"]) == list(plans["title"])


def test_the_tables_write_their_days_the_atlas_way_and_their_csv_keeps_iso() -> None:
    _, frames, _ = tab_contents(run(date="2026-03-01"))
    shown = {tuple(f.columns)[:2]: f for f in frames}
    plans = next(v for k, v in shown.items() if k == ("id", "countries"))
    assert plans.set_index("id").loc["pol-east-shield", "since"] == "31 Oct 2024"
    status = next(v for k, v in shown.items() if k == ("iso3", "country"))
    assert set(status["as_of"]) == {"1 Mar 2026"}
    events = next(v for k, v in shown.items() if k == ("date", "iso3"))
    assert events["date"].iloc[0] == "3 Dec 1997" and not events["date"].str.match(r"\d{4}-").any()
    shield = plans.set_index("id").loc["pol-east-shield"]
    assert "construction started 31 Oct 2024 (" in shield["events"] and "(3 Nov 2024)" in shield["events"]
    assert "<https://www.rp.pl/wojsko/art43703271-polska" in shield["sources"]  # addresses as they are
    assert not re.search(r"(?<![\w/.-])\d{4}-\d{2}(?![\w/-])", " ".join(plans.astype(str).to_numpy().ravel()))
    assert days_written(pd.DataFrame({"since": ["2025", "2025-06", "2025-06-01", ""]}))["since"].tolist() == [
        "2025",
        "Jun 2025",
        "1 Jun 2025",
        "",
    ]  # a month stays a month: no day is invented
    quoted = pd.DataFrame({"quote": ["on 2025-07-09"], "record": ["deposited 2025-07-10"], "id": ["s-2025-07-09"]})
    assert days_written(quoted).iloc[0].tolist() == ["on 2025-07-09", "deposited 10 Jul 2025", "s-2025-07-09"]


@pytest.fixture(scope="module")
def every_geojson(gpkg, view) -> dict[str, bytes]:
    """The GeoJSON download of every layer (GDAL writes it in about a second: once for the tests that read it)."""
    return geojson_files(layer_frames(gpkg, view))


@pytest.mark.xdist_group("geojson")  # one worker writes `every_geojson` once
def test_geojson_download_is_one_rfc7946_file_per_layer_with_the_date(gpkg, view, every_geojson) -> None:
    files = geojson_files(layer_frames(gpkg, view, ("status", "suwalki")))
    assert set(files) == {"countries.geojson", "suwalki_corridor.geojson", "suwalki_narrowest.geojson"}
    countries = json.loads(files["countries.geojson"])
    est = next(f for f in countries["features"] if f["properties"]["iso3"] == "EST")
    assert est["properties"]["status"] == "withdrawn" and est["properties"]["as_of"] == "2026-03-01"
    for f in countries["features"]:  # RFC 7946 §3.1.6: outer rings counterclockwise, holes clockwise
        assert f["geometry"]["type"] == "MultiPolygon"
        for polygon in f["geometry"]["coordinates"]:
            assert shapely.LinearRing(polygon[0]).is_ccw
            assert all(not shapely.LinearRing(hole).is_ccw for hole in polygon[1:])
    decimals = {
        len(str(x).split(".")[1])
        for f in countries["features"][:3]
        for x in shapely.get_coordinates(shapely.geometry.shape(f["geometry"])).ravel()
        if "." in str(x)
    }
    assert max(decimals) <= 6
    (narrowest,) = json.loads(files["suwalki_narrowest.geojson"])["features"]
    assert narrowest["properties"]["computed_km"] == pytest.approx(view.narrowest_km, abs=0.01)
    archive = zipfile.ZipFile(io.BytesIO(geojson_zip(layer_frames(gpkg, view))))
    assert {name: archive.read(name) for name in archive.namelist()} == every_geojson  # the same files, in one zip
    assert archive.namelist() == list(every_geojson)


@pytest.mark.xdist_group("geojson")
def test_geojson_download_reads_back_with_pyogrio_typed(every_geojson, tmp_path: Path) -> None:
    """Each file read by GDAL (pyogrio) as a GIS user opens it: one declared geometry type, numbers as numbers,
    days as dates, and no column GDAL would take for text because it is empty everywhere."""
    kinds = {}
    for name, data in every_geojson.items():
        (tmp_path / name).write_bytes(data)
        info = pyogrio.read_info(tmp_path / name)
        kinds[name] = info["geometry_type"]
        types = dict(zip(info["fields"], info["ogr_types"], strict=True))
        for field, kind in types.items():
            if field.endswith("_km"):
                assert kind == "OFTReal", (name, field, kind)
            if field in ("as_of", "since_day"):
                assert kind == "OFTDate", (name, field, kind)
        frame = pyogrio.read_dataframe(tmp_path / name)
        assert not [c for c in frame.columns if c != "geometry" and frame[c].isna().all()], name
    assert kinds == {
        "countries.geojson": "MultiPolygon",
        "borders.geojson": "MultiLineString",
        "suwalki_corridor.geojson": "MultiPolygon",
        "suwalki_narrowest.geojson": "LineString",
        "plans_not_located.geojson": "MultiLineString",
        "plan_stretches.geojson": "LineString",
        "plan_sites.geojson": "Point",
    }


def test_geopackage_download_has_typed_layers_of_one_geometry_type_each(gpkg, view, tmp_path: Path) -> None:
    path = tmp_path / "layers.gpkg"
    path.write_bytes(gpkg_bytes(layer_frames(gpkg, view)))
    assert dict(pyogrio.list_layers(path)) == {
        "countries": "MultiPolygon",
        "borders": "MultiLineString",
        "suwalki_corridor": "MultiPolygon",
        "suwalki_narrowest": "LineString",
        "plans_not_located": "MultiLineString",
        "plan_stretches": "LineString",
        "plan_sites": "Point",
    }
    borders = pyogrio.read_dataframe(path, layer="borders")
    fin = borders[borders["pair"] == "FIN-RUS"].iloc[0]
    assert fin["computed_km"] == pytest.approx(view.lengths["FIN-RUS"].computed_km, abs=0.01)
    assert "1340 km" in fin["official"]
    plans = pyogrio.read_dataframe(path, layer="plans_not_located")
    assert set(plans["border"]) == set(view.plans_by_border()) & set(gpkg.borders["pair"])

    def types(layer: str) -> dict[str, str]:
        info = pyogrio.read_info(path, layer=layer)
        return dict(zip(info["fields"], info["ogr_types"], strict=True))

    assert types("countries")["as_of"] == "OFTDate" and types("plans_not_located")["since_day"] == "OFTDate"
    assert types("plan_stretches")["located_km"] == types("plan_stretches")["stated_km"] == "OFTReal"
    assert types("plan_sites")["stated_km"] == "OFTReal" and types("plan_sites")["since_day"] == "OFTDate"
    stretches = pyogrio.read_dataframe(path, layer="plan_stretches")
    vaalimaa = stretches.set_index("part_id").loc["fin-fence-vaalimaa"]
    assert vaalimaa["stated_km"] == 12 and vaalimaa["located_km"] == pytest.approx(12, abs=0.5)


def test_a_facts_file_is_read_once_per_content_and_a_bad_one_is_refused_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import geo.facts
    import geo.record

    real = geo.facts.load_facts
    reads: list[str] = []

    def counted(path: Path | str | None = None, seeds_dir: Path | None = None) -> geo.facts.Facts:
        reads.append(str(path))
        return real(path, seeds_dir)

    monkeypatch.setattr(geo.record, "load_facts", counted)  # where the app's record reads the facts file
    facts = tmp_path / "facts.yaml"
    facts.write_text("countries: [\n", encoding="utf-8")
    monkeypatch.setenv("ATLAS_FACTS", str(facts))
    for _visit in range(2):
        at = app_test()
        at.run()
        assert not at.exception
        errors = [plain(e.value) for e in at.error]
        assert len(errors) == 1 and errors[0].startswith(f"{facts}: ") and "\n" not in errors[0], errors
        assert not at.get("vega_lite_chart") and not at.tabs  # nothing else is drawn
    assert reads == [str(facts)]  # the second visit did not parse the bad file again
    facts.write_text((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"), encoding="utf-8")  # the file is fixed
    at = app_test()
    at.run()
    assert not at.exception and not at.error and at.tabs  # the new content is read, without a restart
    assert reads == [str(facts), str(facts)]


def _overwritten(path: Path) -> str:
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x98" * 8192)
    return "damaged"


def _sql(*statements: str) -> Any:
    def damage(path: Path) -> str:
        import contextlib
        import sqlite3

        with contextlib.closing(sqlite3.connect(path)) as connection:
            for statement in statements:
                connection.execute(statement)
            connection.commit()
        return "layer = "

    return damage


DAMAGES = {  # how the GeoPackage is damaged, and what the one line must say beside the file's name and `make data`
    "overwritten": (_overwritten, "damaged"),
    "places layer missing": (
        _sql(
            "DROP TABLE places",
            "DELETE FROM gpkg_contents WHERE table_name = 'places'",
            "DELETE FROM gpkg_geometry_columns WHERE table_name = 'places'",
        ),
        "layer = 'places': missing or empty",
    ),
    "countries empty": (_sql("DELETE FROM countries"), "layer = 'countries': empty"),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_geopackage_shows_one_line_in_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """Issue 27: a corrupt file, a missing layer, an empty layer: one line naming the file and the layer, no
    traceback, no map drawn without its land."""
    import shutil

    import geo.settings

    damaged = tmp_path / "atlas.gpkg"
    shutil.copy(ROOT / "data" / "atlas.gpkg", damaged)
    how, said = DAMAGES[damage]
    how(damaged)
    monkeypatch.setattr(geo.settings, "GPKG_PATH", damaged)  # the app keys what it has read by the GeoPackage too
    at = app_test()
    at.run()
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(f"{damaged}: ") and "make data" in errors[0], errors
    assert said in errors[0], errors
    assert not at.tabs


def test_the_apps_map_pages_live_in_a_private_folder_it_makes_itself(default_app: AppTest) -> None:
    """Issue 27: not a fixed folder another user could create first and fill: one the app makes, mode 0700, named
    per process (each its own, gone when it ends: the next test)."""
    import os
    import stat

    from atlas.mapcomponent import component_dir

    folder = component_dir()
    for path in (folder, folder / "maps"):
        info = path.stat()
        assert stat.S_IMODE(info.st_mode) == 0o700 and info.st_uid == os.getuid(), path
    assert f"-{os.getpid()}-" in folder.name and (folder / map_args(default_app)["src"]).is_file()


@pytest.mark.slow  # processes of their own
def test_each_process_has_its_own_map_folder_removed_when_it_ends() -> None:
    import subprocess
    import sys

    from atlas.mapcomponent import component_dir

    folder = component_dir()
    show = "from atlas.mapcomponent import component_dir; print(component_dir())"
    runs = [subprocess.run([sys.executable, "-c", show], capture_output=True, text=True, check=True) for _ in range(2)]
    first, second = (Path(r.stdout.strip()) for r in runs)
    assert first != second != folder and not first.exists() and not second.exists()  # its own, gone after the run
