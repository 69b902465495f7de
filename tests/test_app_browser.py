"""The app in a real browser, started as `make run` starts it (on a free port), driven by Playwright in Chromium.

What an analyst does: open the app, see the map and its legend, pick a date in the sidebar, click Estonia. With the
basemap "none" (the default) the page must make no request outside localhost.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from test_export import CONTROL_BOXES, COUNTRY_CLEAR, OVERLAPS_JS

from helpers import running_app

ROOT = Path(__file__).resolve().parent.parent
FOCUS = {"FIN", "EST", "LVA", "LTU", "POL", "NOR"}
ESTONIA = (58.7, 25.5)  # a point inside Estonia's mainland

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("app")]  # one app server per run


@pytest.fixture(scope="module")
def network_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the app's process records every attempt to reach another machine (tests/netguard/sitecustomize.py)."""
    return tmp_path_factory.mktemp("network") / "network.log"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, network_log: Path) -> Iterator[str]:
    """The app with the real data, started by `make run`, its process watched for any attempt to reach out."""
    guard = {"PYTHONPATH": str(ROOT / "tests" / "netguard"), "ATLAS_NETWORK_LOG": str(network_log)}
    with running_app(tmp_path_factory.mktemp("streamlit") / "server.log", guard) as url:
        yield url


def listening_sockets(port: int) -> dict[str, str]:
    """The sockets listening on a TCP port: their local addresses (hex, as the kernel writes them) by inode."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found[fields[9]] = address
    return found


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hex, as the kernel writes them) of the sockets listening on a TCP port."""
    return set(listening_sockets(port).values())


def open_files_of_server(port: int) -> list[str]:
    """What each file descriptor of the process listening on `port` is (e.g. 'socket:[123]', 'anon_inode:inotify')."""
    sockets = {f"socket:[{inode}]" for inode in listening_sockets(port)}
    for process in Path("/proc").glob("[0-9]*"):
        try:
            held = [os.readlink(fd) for fd in (process / "fd").iterdir()]
        except OSError:  # gone, or another user's
            continue
        if sockets & set(held):
            return held
    raise AssertionError(f"no process of this user listens on port {port}")


def test_make_run_serves_this_machine_only_and_never_reaches_out(app_url: str, network_log: Path, browser) -> None:
    """The app as a user starts it: bound to 127.0.0.1 alone, no request leaves the machine (page or server), and
    nothing waits on a DNS that does not answer (the guard makes every outside lookup hang 30 s and records it)."""
    port = int(app_url.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and not 0.0.0.0 or ::
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.goto(f"{app_url}/?date=2026-03-01", wait_until="load")
    frame = map_frame(page, "1 Mar 2026")
    assert drawn_countries(frame) >= FOCUS
    page.wait_for_timeout(1000)  # whatever the page would fetch after drawing
    page.close()
    # having run, the app watches no file of the atlas for changes (.streamlit/config.toml: server.fileWatcherType)
    assert "anon_inode:inotify" not in open_files_of_server(port)
    assert sorted({u for u in requests if not local(u)}) == []
    assert any(u.startswith(app_url) for u in requests)  # the recorder saw the page's own requests
    assert not network_log.exists() or network_log.read_text() == ""  # the server tried to reach nothing


def local(url: str) -> bool:
    """A request that stays on this machine (the app's server, or data inside the page)."""
    return url.startswith(("data:", "blob:", "about:")) or url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:"))


MAP_SHOWS = """(iso) => typeof map_atlas !== 'undefined' && map_atlas instanceof L.Map
    && typeof atlasTime !== 'undefined' && atlasTime.date() === iso"""


def map_frame(page: Any, as_of: str) -> Any:
    """The map page's frame (inside the map component's iframe) once its map shows the date `as_of` (e.g.
    '1 Jun 2025'), the app's status line above it says so, and it is on screen.
    """
    from geo.dates import day_text, parse_day

    iso = parse_day(as_of).isoformat()
    expect(page.get_by_text(f"As of {day_text(parse_day(as_of))}", exact=False).first).to_be_visible(timeout=120_000)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "/maps/" not in frame.url:
                continue
            try:
                box = frame.frame_element().bounding_box()
                if box and box["width"] > 100 and frame.evaluate(MAP_SHOWS, iso):
                    return frame
            except Exception:  # a frame detached while we looked: look again
                continue
        page.wait_for_timeout(200)  # not time.sleep: Playwright must keep serving the page's events meanwhile
    raise AssertionError(f"no map showing {as_of!r} within 120 s")


def day_field(page: Any, label: str = "As of") -> Any:
    """A day field of the app's page ('As of' in the sidebar, 'Changes since')."""
    return page.get_by_role("textbox", name=label, exact=True)


def set_date(page: Any, iso: str, typed: str | None = None) -> None:
    """Type a day into the sidebar's "As of" field (ISO, or `typed` as a reader writes it) and press Enter."""
    field = day_field(page)
    field.fill(typed or iso)
    field.press("Enter")
    page.wait_for_url(f"**date={iso}**", timeout=120_000)


def idle(page: Any) -> None:
    """Wait until the app has no run under way (Streamlit marks its state on the page for tests)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)


STEADY_JS = (
    "() => { const c = map_atlas.getCenter(), s = map_atlas.getSize(); "
    "return [c.lat, c.lng, map_atlas.getZoom(), s.x, s.y, document.getElementById('map_atlas').clientWidth]; }"
)


def steady(page: Any, frame: Any) -> None:
    """Wait until the map has stopped moving and changing size (the iframe settles its size after drawing, and a
    resize moves the map's centre by up to half a pixel): two readings 500 ms apart agree.
    """
    last = None
    for _ in range(100):
        now = frame.evaluate(STEADY_JS)
        if now == last:
            return
        last = now
        page.wait_for_timeout(500)


def at_position(page: Any, frame: Any, expected: str, timeout_s: float = 30) -> None:
    """Wait until the map is at `expected` ('zoom/lat/lon'); a failure says where the map is and what the address bar
    holds.
    """
    deadline = time.monotonic() + timeout_s
    while (now := frame.evaluate("() => atlasPosition.get()")) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"the map is at {now}, not at {expected}; address {page.url}")
        page.wait_for_timeout(200)


def details_at(page: Any, frame: Any, lat: float, lon: float) -> str:
    """Click the map at a place, once the map has stopped moving, and return the text of the details panel that
    opens."""
    steady(page, frame)
    x, y = frame.evaluate(f"() => {{ const p = map_atlas.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}")
    box = frame.locator("#map_atlas").bounding_box()  # in page coordinates, as the map sits now
    page.mouse.click(box["x"] + x, box["y"] + y)  # a real click: the page must not scroll under it (FocusWithoutScroll)
    panel = frame.locator(".atlas-details-body")
    panel.wait_for(timeout=15_000)
    return str(panel.inner_text())


def drawn_countries(frame: Any) -> set[str]:
    return set(
        frame.evaluate(
            "() => { const s = new Set(); "
            "map_atlas.eachLayer(l => { if (l.feature && l.feature.properties.iso3) "
            "s.add(l.feature.properties.iso3); }); return [...s]; }"
        )
    )


def test_the_app_in_a_browser_map_legend_date_and_popups_offline(app_url: str, browser, tmp_path: Path) -> None:
    # 900 px high: the map's bottom edge is below the fold, as on a laptop; a click must still open the clicked country
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.goto(f"{app_url}/?basemap=none", wait_until="load")

    import datetime as dt

    from geo.dates import day_text

    frame = map_frame(page, day_text(dt.date.today()))
    assert FOCUS | {"RUS", "BLR"} <= drawn_countries(frame)
    corridor = frame.evaluate(
        "() => { let n = 0; "
        "map_atlas.eachLayer(l => { if (l.feature && l.feature.properties.kind === 'corridor') n++; }); return n; }"
    )
    assert corridor == 1  # the Suwałki Gap
    if not frame.evaluate("() => document.querySelector('.atlas-legend details').open"):
        frame.locator(".atlas-legend summary").click()  # folded on a map under 440 px: a click opens it
    legend = frame.locator(".atlas-legend").inner_text()
    for label in ("Treaty status", "Party", "Withdrawn", "Border with Russia", "Border with Belarus", "Suwałki Gap"):
        assert label in legend, label

    set_date(page, "2025-06-01")
    frame = map_frame(page, "1 Jun 2025")
    text = details_at(page, frame, *ESTONIA)
    assert "Estonia" in text and "Party" in text and "party since 1 Nov 2004" in text
    assert "Withdrawn" not in text.split("\n")[1]

    set_date(page, "2026-03-01")
    frame = map_frame(page, "1 Mar 2026")
    text = details_at(page, frame, *ESTONIA)
    assert "Estonia" in text and "Withdrawn" in text and "withdrawn since 27 Dec 2025" in text

    shot = tmp_path / "app.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000

    outside = sorted({u for u in requests if not local(u)})
    assert outside == []
    assert any(u.startswith(app_url) for u in requests)  # the recorder saw the page's own requests
    page.close()


def test_hostile_facts_reach_the_app_only_as_text(browser, tmp_path: Path) -> None:
    """ATLAS_FACTS names a facts file full of markup and script: the page shows it literally and runs none of it."""
    from test_export import HOSTILE, hostile_facts

    facts = hostile_facts(tmp_path)
    with running_app(tmp_path / "server.log", {"ATLAS_FACTS": str(facts)}) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        problems: list[str] = []
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.goto(f"{url}/?date=2026-03-01", wait_until="load")
        frame = map_frame(page, "1 Mar 2026")
        summary = (
            page.locator("[data-testid=stMarkdownContainer]").filter(has_text="As of 1 Mar 2026").first.inner_text()
        )
        text = details_at(page, frame, *ESTONIA)
        for shown in (summary, text):
            for attack in HOSTILE.values():
                assert attack in shown, (attack, shown[:400])
        assert "49" not in summary.replace("2026", "")  # {{ 7*7 }} was not evaluated
        for where in (page, frame):
            assert where.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
        page.get_by_role("tab", name="Stated plans").click()
        page.wait_for_timeout(500)
        assert problems == []
        page.close()


def test_a_typed_date_moves_the_map_already_in_the_browser(app_url: str, browser) -> None:
    """The sidebar's day, typed the atlas's way and applied with Enter, reaches the map page already shown (the same
    document, not a new one) and the address bar; a locale's '06/01/2025' is refused in one line and moves nothing.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{app_url}/?date=2025-06-26", wait_until="load")
    frame = map_frame(page, "26 Jun 2025")
    expect(day_field(page)).to_have_value("26 Jun 2025")
    frame.evaluate("() => { window.sameMapDocument = 'yes'; }")
    set_date(page, "2026-03-01", typed="1 Mar 2026")
    frame = map_frame(page, "1 Mar 2026")
    assert frame.evaluate("() => window.sameMapDocument") == "yes"  # moved in place: no new map document
    heard = page.locator("[role=status][aria-live=polite]").filter(has_text="As of 1 Mar 2026")
    expect(heard).to_have_count(1)  # the new day and statuses, read out by a screen reader
    for tab, dated in (("Treaty timeline", "Jun 2025"), ("Stated plans", "stated km")):  # each chart's marks read
        page.get_by_role("tab", name=tab).click()  # out their days the same way (a tab is drawn when opened)
        expect(page.locator(f"[role=graphics-symbol][aria-label*='{dated}']").first).to_be_attached(timeout=30_000)
        vega_days = page.evaluate(
            "() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
            ".filter(t => /[A-Z][a-z]{2} \\d{2}, \\d{4}/.test(t))"
        )
        assert vega_days == [], tab
    field = day_field(page)
    field.fill("06/01/2025")
    field.press("Enter")
    expect(page.get_by_text("not a date; write it as 1 Jun 2025 or 2025-06-01")).to_be_visible(timeout=60_000)
    assert "date=2026-03-01" in page.url and frame.evaluate("() => atlasTime.date()") == "2026-03-01"
    page.close()


def test_each_setting_has_one_control_and_a_toggle_reaches_the_map_in_place(app_url: str, browser) -> None:
    """The sidebar holds the date, layers, basemap and country; the map inside shows none of them again (no title
    box, date control or layer switcher) and no second h1 or main landmark; a layer toggled in the sidebar reaches the
    map already shown.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{app_url}/?date=2026-03-01", wait_until="load")
    frame = map_frame(page, "1 Mar 2026")
    for twice in (".atlas-title", ".atlas-time", ".leaflet-control-layers", "h1", "main"):
        assert frame.locator(twice).count() == 0, twice
    assert page.locator("h1").all_inner_texts() == ["Eastern Flank Atlas"]
    mains = sum(f.evaluate("() => document.querySelectorAll('main, [role=main]').length") for f in page.frames)
    assert mains == 1
    frame.evaluate("() => { window.sameMapDocument = 'yes'; }")
    plans_shown = "() => atlasLayers.shown().includes('plans')"
    assert frame.evaluate(plans_shown)
    page.locator('[data-testid="stSidebar"] label', has_text="Stated deterrence plans").click()  # the sidebar's toggle
    page.wait_for_url("**layers=status%2Csuwalki%2Cborders**", timeout=60_000)
    frame.wait_for_function("() => !atlasLayers.shown().includes('plans')", timeout=30_000)
    assert frame.evaluate("() => window.sameMapDocument") == "yes"
    frame.evaluate("() => { document.querySelector('.atlas-legend details').open = true; }")  # unfolded to read it
    legend = frame.locator(".atlas-legend").inner_text()
    assert "Stated deterrence plans" not in legend and "Treaty status" in legend
    page.close()


@pytest.mark.parametrize(
    "sizes", [[(1280, 720), (1366, 768), (1440, 900), (1920, 1080)], [(390, 844)]], ids=["laptops", "phone"]
)
def test_zoom_to_moves_the_map_in_place_with_the_country_clear_of_every_box(
    app_url: str, browser, sizes: list[tuple[int, int]]
) -> None:
    """ "Zoom to" a focus country fits the map already shown (no new document) to it, the whole country on the map and
    under none of its boxes (zoom buttons, legend, overview, scale, attribution), no box on another, the legend
    folded or open, at each window size; on a phone the sidebar, which lies over the map, folds away after the
    choice and its controls leave the Tab order.
    """
    width, height = sizes[0]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{app_url}/?date=2026-03-01", wait_until="load")
    frame = map_frame(page, "1 Mar 2026")
    frame.evaluate("() => { window.sameMapDocument = 'yes'; }")
    sidebar = page.locator('[data-testid="stSidebar"]')
    countries = [("FIN", "Finland"), ("EST", "Estonia"), ("LVA", "Latvia"), ("LTU", "Lithuania"), ("POL", "Poland")]
    for width, height in sizes:
        page.set_viewport_size({"width": width, "height": height})
        for code, name in countries:
            if width < 700:
                page.get_by_role("button", name="Expand sidebar").click()
                expect(sidebar).to_have_attribute("data-collapsed", "false")
            before = frame.evaluate("() => atlasPosition.get()")
            page.get_by_role("combobox", name="Zoom to").click()
            page.get_by_role("option", name=f"{name} ({code})", exact=True).click()
            page.wait_for_url(f"**country={code}**", timeout=60_000)
            frame.wait_for_function("(before) => atlasPosition.get() !== before", arg=before, timeout=30_000)
            page.wait_for_timeout(300)  # the component may settle its height
            assert frame.evaluate(COUNTRY_CLEAR, code) == [], (code, width)
            assert frame.evaluate(OVERLAPS_JS, CONTROL_BOXES)["found"] == [], (code, width)  # no box on another
            assert frame.evaluate("() => window.sameMapDocument") == "yes"  # moved in place, no reload
            if width < 700:
                expect(sidebar).to_have_attribute("data-collapsed", "true")  # folded away after the change
                hidden = sidebar.evaluate(
                    "s => [...s.querySelectorAll('input, button, [tabindex]')].filter(e => e.tabIndex >= 0"
                    " && getComputedStyle(e).visibility === 'visible' && e.getClientRects().length).length"
                )
                assert hidden == 0  # nothing off screen in the Tab order
        for _ in range(2):  # the legend unfolded or folded by the reader: still no box on another
            frame.locator(".atlas-legend summary").click()
            page.wait_for_timeout(100)  # the legend's room follows its corner (a ResizeObserver)
            assert frame.evaluate(OVERLAPS_JS, CONTROL_BOXES)["found"] == [], width
    page.close()


AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
    .filter(v => ['critical', 'serious', 'moderate'].includes(v.impact))
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))"""
FOCUS_IN_VIEW = """(codes) => {
  const size = map_atlas.getSize(), out = [];
  map_atlas.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (!p || !codes.includes(p.iso3) || p.part) { return; }
    const c = map_atlas.latLngToContainerPoint(l.getBounds().getCenter());
    if (c.x < 0 || c.y < 0 || c.x > size.x || c.y > size.y) { out.push(p.iso3); }
  });
  return out;
}"""


UNDER_CONTROLS = """(codes) => {
  const boxes = [...document.querySelectorAll('.leaflet-control')].filter(c => c.offsetParent)
    .map(c => [c.className.split(' ')[0] + ' ' + (c.className.split(' ')[1] || ''), c.getBoundingClientRect()]);
  const m = document.getElementById('map_atlas').getBoundingClientRect(), out = [];
  map_atlas.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (!p || !codes.includes(p.iso3) || p.part) { return; }
    const c = map_atlas.latLngToContainerPoint(l.getCenter()), x = c.x + m.left, y = c.y + m.top;
    boxes.forEach(([name, b]) => {
      if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) { out.push(p.iso3 + ' under ' + name); }
    });
  });
  return out;
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_the_map_fits_a_laptop_and_a_phone_and_the_page_passes_axe(
    app_url: str, browser, width: int, height: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{app_url}/?date=2026-03-01", wait_until="load")
    frame = map_frame(page, "1 Mar 2026")
    page.wait_for_timeout(1500)  # the component settles its height to the window
    box = frame.frame_element().bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height + 1, box  # no scrolling to see it
    assert frame.evaluate(FOCUS_IN_VIEW, sorted(FOCUS)) == []  # every focus country's centre is on the map
    assert frame.evaluate(UNDER_CONTROLS, sorted(FOCUS)) == []  # and under none of the map's controls
    gap = page.evaluate(
        "() => document.querySelector('h1').getBoundingClientRect().top"
        " - document.querySelector('[data-testid=stHeader]').getBoundingClientRect().bottom"
    )
    assert gap >= 0  # the page's first line is under Streamlit's header bar, not behind it
    legend_open = frame.evaluate("() => document.querySelector('.atlas-legend details').open")
    if width < 700:  # a phone: folded, so it does not cover the focus countries; a tap opens it
        assert not legend_open
        frame.locator(".atlas-legend summary").click()
        assert frame.evaluate("() => document.querySelector('.atlas-legend details').open")
    else:  # a laptop: the legend open when the map is tall enough for it beside the data
        map_height = frame.evaluate("() => map_atlas.getSize().y")
        assert legend_open == (map_height >= 440)
    # the map alone in its frame (the app has its own table and sources): a few Tab stops, not hundreds of links
    stops = frame.evaluate(
        "() => [...document.querySelectorAll('a[href], button, input, select, [tabindex]')]"
        ".filter(e => e.tabIndex >= 0 && !e.disabled && e.offsetParent !== null).length"
    )
    assert stops < 40 and frame.locator(".atlas-table, #sources").count() == 0, stops
    page.add_script_tag(content=AXE)
    assert page.evaluate(AXE_RUN) == []  # the app's page
    frame.add_script_tag(content=AXE)
    assert frame.evaluate(AXE_RUN) == []  # the map inside it
    if not frame.evaluate("() => document.querySelector('.atlas-legend details').open"):
        frame.locator(".atlas-legend summary").click()
    frame.locator('button[data-open-iso3="LVA"]').click()  # Latvia's details, the longest
    panel = frame.locator(".atlas-details")
    panel.wait_for(timeout=10_000)
    inside = panel.bounding_box()  # in the page's coordinates: within the window, nothing to scroll to
    assert inside is not None and inside["x"] >= 0 and inside["y"] >= 0, inside
    assert inside["x"] + inside["width"] <= width + 1 and inside["y"] + inside["height"] <= height + 1, inside
    assert "Latvia" in frame.locator("#atlas-details-title").inner_text()
    assert frame.evaluate(FOCUS_IN_VIEW, ["LVA"]) == []  # the map gives the panel room and keeps Latvia in view
    assert frame.evaluate(AXE_RUN) == []  # with the panel open
    page.keyboard.press("Escape")
    frame.locator("#map_atlas").focus()  # from the map, Tab reaches the downloads under it in a few stops
    presses = 0
    while presses < 40 and not page.evaluate(
        "() => (document.activeElement.textContent || '').includes('Map (HTML, offline)')"
    ):
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= 25, presses
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_back_and_forward_walk_through_the_views(app_url: str, browser, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{app_url}/?date=2025-06-01", wait_until="load")
    frame = map_frame(page, "1 Jun 2025")
    if width >= 700:  # a laptop: the sidebar's date
        target, shown = "2026-03-01", "1 Mar 2026"
        set_date(page, target)
    else:  # a phone: the sidebar opened, a day typed; it folds away after the change
        target, shown = "2026-03-01", "1 Mar 2026"
        page.get_by_role("button", name="Expand sidebar").click()
        set_date(page, target, typed=shown)
        expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true")
    frame = map_frame(page, shown)
    page.go_back()
    page.wait_for_url("**date=2025-06-01**", timeout=60_000)
    frame = map_frame(page, "1 Jun 2025")  # the map follows the address bar
    if width >= 700:
        expect(day_field(page)).to_have_value("1 Jun 2025", timeout=30_000)
    page.go_forward()
    page.wait_for_url(f"**date={target}**", timeout=60_000)
    frame = map_frame(page, shown)
    assert frame.evaluate("() => atlasTime.date()") == target
    # pan and zoom are part of the view: the address bar takes them, Back undoes them, a link reopens them
    idle(page)  # Forward's run has reached the map: a pan now is the reader's last word
    steady(page, frame)  # the frame's height settled (a taller notice above it moves the centre by half a pixel)
    home = frame.evaluate("() => atlasPosition.get()")
    frame.evaluate("() => { map_atlas.setView([57.5, 24.5], 7, {animate: false}); }")
    page.wait_for_url(re.compile(r"[?&]map=7(%2F|/)57\.5000(%2F|/)24\.5000"), timeout=60_000)
    linked = page.url
    page.go_back()
    page.wait_for_function("() => !/[?&]map=/.test(location.search)", timeout=60_000)
    assert f"date={target}" in page.url
    at_position(page, frame, home)  # where the map opened, even when Back cut the pan's own run short
    page.close()
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(linked, wait_until="load")
    frame = map_frame(page, shown)
    at_position(page, frame, "7/57.5000/24.5000")
    page.close()


def test_what_changed_follows_the_period_and_a_late_date_is_noted(app_url: str, browser) -> None:
    from helpers import record_reach

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{app_url}/?date=2026-01-15", wait_until="load")
    tab = page.get_by_role("tab", name="What changed")
    expect(tab).to_be_visible(timeout=120_000)  # the first run of the page may take a while on a busy machine
    tab.click()
    listing = page.locator("[data-testid=stMarkdownContainer]").filter(has_text="from 15 Jan 2025 to 15 Jan 2026")
    expect(listing.first).to_be_visible(timeout=120_000)
    changes = page.locator("[data-testid=stMarkdownContainer]").filter(has_text="withdrawal effective").last
    expect(changes).to_contain_text("Estonia: withdrawal effective")
    expect(changes).to_contain_text("Finland: withdrawal effective")
    since = day_field(page, "Changes since")
    since.fill("1 Jan 2026")
    since.press("Enter")  # the app reruns with the new window
    expect(
        page.locator("[data-testid=stMarkdownContainer]").filter(has_text="from 1 Jan 2026 to 15 Jan 2026").first
    ).to_be_visible(timeout=60_000)
    changes = page.locator("[data-testid=stMarkdownContainer]").filter(has_text="withdrawal effective").last
    expect(changes).to_contain_text("Finland: withdrawal effective")
    expect(changes).not_to_contain_text("Estonia: withdrawal effective")
    # a date after the record's verification is noted above the map
    verified = record_reach()[0]
    set_date(page, _after(verified))
    expect(page.get_by_text("later events are not shown").first).to_be_visible(timeout=60_000)
    page.close()


def _after(iso: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()
