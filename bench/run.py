"""`make bench`: our offline HTML export and app beside the obvious alternative, measured in one run.

Prints a table of figures and ratios (ours / alternative). Not a test: goals are reported, met or not.
  python bench/run.py [--skip-data] [--skip-app] [--skip-suite] [--suite-runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - after the path insert above

DAY = "2026-03-01"
ALTERNATIVE_COUNTRIES = ["FIN", "EST", "LVA", "LTU", "POL", "NOR", "RUS", "BLR"]
# "before" for the largest paint: the export as it was before the work on issues 13-16 (the last commit before it)
BASELINE = "c3f5a57"
DRAWN_JS = """() => document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').length > 0"""


def machine() -> str:
    """One line describing the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB, {system}"


def local_copies() -> dict[str, Path]:
    """folium's CDN addresses of Leaflet and its stylesheet -> the pinned copies in node_modules/."""
    import folium

    from layers.web.assets import ASSET_FILES, NODE_MODULES

    urls = dict(folium.Map.default_js) | dict(folium.Map.default_css)
    return {url: NODE_MODULES / ASSET_FILES[name] for name, url in urls.items() if name in ASSET_FILES}


def page_timings(
    path_or_url: str, block_external: bool = True, serve: dict[str, Path] | None = None, runs: int = 5
) -> dict[str, float]:
    """Time to the load event and to the first drawn map feature in headless Chromium (the median of `runs` pages, each
    in a fresh context, so none reads another's cache; the draw watched at each animation frame), and the external
    requests the first page tried. A page that does not draw is opened once.

    `serve`: external addresses answered from local files instead (to time a page whose CDN scripts are at hand)."""
    import statistics

    from playwright.sync_api import sync_playwright

    url = path_or_url if "://" in path_or_url else Path(path_or_url).resolve().as_uri()
    tried: list[list[str]] = []  # the external requests of each page

    def local(request_url: str) -> bool:
        return (
            request_url.startswith(("file:", "data:", "blob:", "about:"))
            or "://127.0.0.1" in request_url
            or "://localhost" in request_url
        )

    loads: list[float] = []
    draws: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            tried.append([])

            def route(r: Any) -> None:
                if local(r.request.url):
                    r.continue_()
                elif serve and r.request.url in serve:
                    r.fulfill(path=str(serve[r.request.url]))
                else:
                    tried[-1].append(r.request.url)  # this run's page is the only one open
                    r.abort() if block_external else r.continue_()

            page.route("**/*", route)
            started = time.perf_counter()
            page.goto(url, wait_until="load", timeout=180_000)
            loads.append(time.perf_counter() - started)
            try:
                page.wait_for_function(DRAWN_JS, timeout=120_000, polling="raf")
                draws.append(time.perf_counter() - started)
            except Exception:  # the alternative may never draw offline
                break
            finally:
                page.context.close()
        browser.close()
    drawn = statistics.median(draws) if draws else float("nan")
    return {"load_s": statistics.median(loads), "drawn_s": drawn, "external_requests": float(len(tried[0]))}


def timed_subprocess(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def ours(out: Path) -> dict[str, float]:
    """Our default export: size, time to produce (a fresh process), page timings."""
    wall, _ = timed_subprocess([sys.executable, "-m", "atlas", "export", "--out", str(out), "--on", DAY])
    return {"size_mb": out.stat().st_size / 1e6, "produce_s": wall, **page_timings(str(out))}


def alternative(out: Path) -> dict[str, float]:
    """GeoDataFrame.explore() of the same countries at full source resolution, saved by folium."""
    script = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from geo.build.pipeline import CACHE_DIR
from geo.build.sources import SOURCES, fetch_source, read_region
frame = read_region(fetch_source(SOURCES["land"], CACHE_DIR))
frame = frame[frame["iso3"].isin({ALTERNATIVE_COUNTRIES!r})].reset_index(drop=True)
started = time.perf_counter()
m = frame.explore(column="iso3")
m.save({str(out)!r})
print(time.perf_counter() - started)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: the alternative failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}")
    produce = float(done.stdout.strip().splitlines()[-1])  # explore() + save(), after reading the source
    served = page_timings(str(out), serve=local_copies())
    return {
        "size_mb": out.stat().st_size / 1e6,
        "produce_s": produce,
        **page_timings(str(out)),
        "served_load_s": served["load_s"],
        "served_drawn_s": served["drawn_s"],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def app_page(query: str, width: int, height: int) -> Iterator[tuple[Any, float]]:
    """The app started as `make run` starts it (with .streamlit/config.toml) on a free port, and a Chromium page
    opened on it once it answers; with the perf_counter() time the server was started. Stopped afterwards."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"STREAMLIT_SERVER_PORT": str(port)},
    )
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            for _ in range(200):
                try:
                    page.goto(f"http://127.0.0.1:{port}/?{query}", wait_until="load", timeout=5_000)
                    break
                except Exception:
                    time.sleep(0.1)
            yield page, started
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


def _until_drawn(page: Any) -> None:
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if any(_value(frame, DRAWN_JS) for frame in page.frames):
            return
        time.sleep(0.05)


def _value(frame: Any, script: str) -> Any:
    """The script's value in the frame; None for a frame that is navigating or gone meanwhile."""
    try:
        return frame.evaluate(script)
    except Exception:
        return None


def app_cold_start(later: int = 5) -> tuple[float, float]:
    """Seconds from `streamlit run app.py` (what `make run` runs, with .streamlit/config.toml) to the map drawn; and
    the median of `later` later visits (a new tab on the running app) from the address entered to the map drawn."""
    import statistics

    with app_page("basemap=none", 1280, 900) as (page, started):
        _until_drawn(page)
        cold = time.perf_counter() - started
        visits = []
        for _ in range(later):
            tab = page.context.new_page()  # the same browser: its cache, as a reader's next visit has
            begun = time.perf_counter()
            tab.goto(page.url, wait_until="commit")
            _until_drawn(tab)
            visits.append(time.perf_counter() - begun)
            tab.close()
        return cold, statistics.median(visits)


REDRAWN_JS = """(day) => new Promise(done => {
  const t0 = performance.now();
  atlasTime.setDate(day);
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
})"""
DAYS = ("2025-06-26", "2025-06-27", "2026-03-01", "2004-11-01", "2025-12-27", "2021-11-09", "2026-02-20")


def export_date_change_ms(path: Path) -> tuple[float, float]:
    """In the exported map in Chromium: median ms from a date change to the map painted again, without and with 4x
    CPU throttling (as Lighthouse's mobile profile does)."""
    import statistics

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("() => window.atlasTime")
        plain = statistics.median(page.evaluate(REDRAWN_JS, day) for day in DAYS)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        slow = statistics.median(page.evaluate(REDRAWN_JS, day) for day in DAYS)
        browser.close()
    return plain, slow


def baseline_export(out: Path) -> str:
    """The default export made by the code of BASELINE (checked out beside this one, with this venv and its own
    pinned npm assets); '' when it worked, else why not (a shallow clone lacks the commit, say).
    """
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "baseline"
        added = subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), BASELINE], cwd=ROOT, capture_output=True, text=True
        )
        if added.returncode != 0:
            return f"commit {BASELINE} not checked out: {(added.stderr.strip().splitlines() or ['?'])[-1]}"
        try:
            # its own pinned npm assets (its package-lock.json: it inlined leaflet-measure, since replaced)
            npm = subprocess.run(
                ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=tree,
                capture_output=True,
                text=True,
            )
            if npm.returncode != 0:
                return f"its npm assets not installed: {(npm.stderr.strip().splitlines() or ['?'])[-1]}"
            env = {**os.environ, "PYTHONPATH": str(tree)}  # its own geo, layers and atlas, not this tree's
            done = subprocess.run(
                [sys.executable, "-m", "atlas", "export", "--out", str(out), "--on", DAY],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
            )
            return "" if done.returncode == 0 else f"its export failed: {done.stderr.strip()[-200:]}"
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)


# Lighthouse's mobile profile: a CPU 4x slower and a slow 4G network (150 ms round trip, 1.6 Mbit/s down)
MOBILE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_638_400 / 8, "uploadThroughput": 84_375}


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A folder served over HTTP on this machine (no compression, as a plain file server), for network throttling."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """No line per request."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def largest_paint_s(path: Path, runs: int = 5, network: bool = False) -> float:
    """The exported map's largest contentful paint (s) in Chromium with 4x CPU throttling (as Lighthouse's mobile
    profile), in a phone-sized window, from navigation start: the median of `runs` fresh pages. `network`: served over
    HTTP with Lighthouse's mobile network too, so that the page's bytes count.
    """
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p, served(path.parent) as root:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 412, "height": 823})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            if network:
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
            url = f"{root}/{path.name}" if network else path.resolve().as_uri()
            page.goto(url, wait_until="load", timeout=120_000)
            page.wait_for_timeout(1500)
            lcp = page.evaluate(
                """() => new Promise(done => new PerformanceObserver(list => {
                     const e = list.getEntries(); done(e[e.length - 1].startTime); }).observe(
                     {type: 'largest-contentful-paint', buffered: true}))"""
            )
            times.append(float(lcp) / 1000)
            page.close()
        browser.close()
    return statistics.median(times)


def app_changes() -> tuple[float, float, float]:
    """In the running app in Chromium: median seconds from a date typed in the sidebar (Enter), from a layer toggled
    there, and from a country chosen in "Zoom to", to the map showing it (the app reruns; the map page already in
    the browser moves)."""
    import statistics

    with app_page("date=2026-03-01", 1400, 900) as (page, _):

        def map_frame() -> Any:
            for _ in range(600):
                for frame in page.frames:
                    if "/maps/" in frame.url and _value(frame, "() => !!window.atlasTime"):
                        return frame
                page.wait_for_timeout(100)
            raise RuntimeError("the map never showed")

        frame = map_frame()
        dates = []
        field = page.get_by_role("textbox", name="As of", exact=True)
        for day in ("2025-06-01", "2026-03-01", "2024-01-01", "2025-12-27", "2012-03-01"):
            field.fill(day)
            started = time.perf_counter()
            field.press("Enter")
            frame.wait_for_function(f"() => atlasTime.date() === '{day}'", timeout=60_000, polling=10)
            dates.append(time.perf_counter() - started)
        toggles = []
        for shown in (False, True, False, True):
            started = time.perf_counter()
            page.locator('[data-testid="stSidebar"] label', has_text="Stated deterrence plans").click()
            wanted = "true" if shown else "false"
            frame.wait_for_function(
                f"() => atlasLayers.shown().includes('plans') === {wanted}", timeout=60_000, polling=10
            )
            toggles.append(time.perf_counter() - started)
        zooms = []
        for country in ("Lithuania (LTU)", "Finland (FIN)", "Estonia (EST)", "Poland (POL)", "Latvia (LVA)"):
            before = frame.evaluate("() => atlasPosition.get()")
            page.get_by_role("combobox", name="Zoom to").click()
            option = page.get_by_role("option", name=country, exact=True)
            option.wait_for()
            started = time.perf_counter()
            option.click()
            frame.wait_for_function(f"() => atlasPosition.get() !== {before!r}", timeout=60_000, polling=10)
            zooms.append(time.perf_counter() - started)
        in_map = {
            "date": [frame.evaluate(MAP_UPDATE_JS, {"day": d}) for d in ("2025-06-01", "2026-03-01", "2012-03-01")],
            "layers": [frame.evaluate(MAP_UPDATE_JS, {"layers": keys}) for keys in (["status"], LAYER_KEYS)],
        }
    APP_IN_MAP.update({k: statistics.median(v) / 1000 for k, v in in_map.items()})
    return statistics.median(dates), statistics.median(toggles), statistics.median(zooms)


# the map page's own share of a change in the app: from the call to two frames painted
MAP_UPDATE_JS = """(args) => new Promise(done => {
  const t0 = performance.now();
  if (args.day) { atlasTime.setDate(args.day); } else { atlasLayers.show(args.layers); }
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
})"""
LAYER_KEYS = ["status", "plans", "suwalki", "borders"]
APP_IN_MAP: dict[str, float] = {}  # filled by app_changes: seconds the map page takes, per kind of change


def app_rerun() -> float:
    """Median server-side rerun time (s) of app.py after a date change, with Streamlit's AppTest."""
    import datetime as dt
    import logging
    import statistics

    from streamlit.testing.v1 import AppTest

    # AppTest sets its session state from outside a script run, and Streamlit then warns that this is fine in tests
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    times = []
    for day in (
        dt.date(2025, 6, 1),
        dt.date(2026, 3, 1),
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 27),
        dt.date(2012, 3, 1),
    ):
        at.text_input(key="day_typed").input(day.isoformat())
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def facts_of_size(folder: Path, size: int) -> Path:
    """A valid-looking facts file of about `size` bytes: the shipped one with its plans repeated under new ids."""
    import yaml

    data = yaml.safe_load((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    plans = data["plans"]
    path = folder / f"facts-{size // 1_000_000}mb.yaml"

    def write(count: int) -> int:
        data["plans"] = [
            dict(
                plans[i % len(plans)],
                id=f"{plans[i % len(plans)]['id']}-{i}",
                parts=[dict(part, id=f"{part['id']}-{i}") for part in plans[i % len(plans)].get("parts", [])],
            )
            for i in range(count)
        ]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path.stat().st_size

    small, large = write(100), write(200)  # every plan adds the same number of bytes
    write(100 + int((size - small) * 100 / (large - small)))
    return path


VALIDATE = """
import sys, time
sys.path.insert(0, {root!r})
from geo.errors import AtlasError
from geo.facts import load_facts
started = time.perf_counter()
try:
    outcome = f"valid, {{len(load_facts({path!r}).plans)}} plans"
except AtlasError as error:
    outcome = "refused: " + error.problem
seconds = time.perf_counter() - started
with open("/proc/self/status") as status:  # VmHWM: this process's peak; ru_maxrss would carry the parent's over exec
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(seconds, peak_kb / 1024, outcome, sep="\t")
"""


def facts_validation() -> list[tuple[str, float, float, str]]:
    """Time and peak memory (of the whole process) to validate the shipped facts file and files of 1 MB and 5 MB."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = [("shipped data/facts.yaml", ROOT / "data" / "facts.yaml")]
        files += [(f"{mb} MB facts file", facts_of_size(Path(tmp), mb * 1_000_000)) for mb in (1, 5)]
        for label, path in files:
            size = path.stat().st_size
            code = VALIDATE.format(root=str(ROOT), path=str(path))
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            seconds, peak, outcome = done.stdout.strip().split("\t")
            rows.append((f"{label} ({size:,} bytes)", float(seconds), float(peak), outcome))
    return rows


def print_figures() -> list[tuple[str, float, float]]:
    """The default print figure in each format (a fresh process each): time and size; and, for comparison, the
    export's Chromium screenshots (HTML + PNG + PDF in one process), which is what --png/--pdf gave before.
    """
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("svg", "pdf", "png"):
            out = Path(tmp) / f"figure.{fmt}"
            wall, _ = timed_subprocess([sys.executable, "-m", "atlas", "figure", "--out", str(out), "--on", DAY])
            rows.append(
                (f"figure A4 {fmt.upper()}" + (" 300 dpi" if fmt == "png" else ""), wall, out.stat().st_size / 1e3)
            )
        png, pdf = Path(tmp) / "shot.png", Path(tmp) / "shot.pdf"
        wall, _ = timed_subprocess(
            [
                sys.executable,
                "-m",
                "atlas",
                "export",
                "--out",
                str(Path(tmp) / "s.html"),
                "--on",
                DAY,
                "--png",
                str(png),
                "--pdf",
                str(pdf),
            ]
        )
        rows.append(("screenshots: HTML+PNG+PDF", wall, (png.stat().st_size + pdf.stat().st_size) / 1e3))
    return rows


def warm_figures(runs: int = 5) -> dict[str, float]:
    """Median seconds to draw the default print figure and save it in each format in a warm process (the record
    open, its view computed: as in the app or a report pack), `runs` times each."""
    import datetime as dt
    import statistics

    from geo.record import open_record
    from layers.report import figure_product

    record = open_record()
    view = record.view(dt.date.fromisoformat(DAY))
    layers = ("status", "plans", "suwalki", "borders")
    figure_product(view, record.gpkg, layers=layers, data_version="bench").render("svg")  # imports, fonts
    times: dict[str, float] = {}
    for fmt in ("svg", "pdf", "png"):
        runs_s = []
        for _ in range(runs):
            started = time.perf_counter()
            figure_product(view, record.gpkg, layers=layers, data_version="bench").render(fmt)
            runs_s.append(time.perf_counter() - started)
        times[fmt] = statistics.median(runs_s)
    return times


def report_pack_seconds(runs: int = 5) -> float:
    """Median wall time of `python -m atlas report` for one date (a fresh process each)."""
    import statistics

    walls = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            wall, _ = timed_subprocess([sys.executable, "-m", "atlas", "report", "--out", str(Path(tmp) / "pack"),
                                        "--on", DAY])  # fmt: skip
            walls.append(wall)
    return statistics.median(walls)


def busy_seconds() -> float:
    """CPU seconds the machine has spent busy since it started, on all its cores (/proc/stat; nan elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def loop_seconds() -> float:
    """Seconds a 10⁷-step Python loop takes here now: how fast the machine is at this moment (it drifts)."""
    started = time.perf_counter()
    sum(i * i for i in range(10**7))
    return time.perf_counter() - started


def suite_runs(target: str, runs: int) -> list[tuple[float, float]]:
    """`make <target>` run `runs` times one after another, as a developer runs it with the venv in place: the wall
    seconds and the machine's busy CPU seconds of each run (every process, Chromium and the app included); an empty
    list when a run fails (its last line is printed).
    """
    measured = []
    for _ in range(runs):
        busy, started = busy_seconds(), time.perf_counter()
        done = subprocess.run(["make", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            said = (done.stdout + done.stderr).strip().splitlines() or [f"exit status {done.returncode}"]
            print(f"  make {target} failed: {said[-1]}")
            return []
        measured.append((wall, busy_seconds() - busy))
    return measured


SUITE_GOALS = {"check": (30.0, ""), "test": (150.0, "  (before: 7 min 40 s, 5 min 17 s of tests)")}  # issue 24


def print_suite(runs: int) -> None:
    """The suite's rows: `make check` and `make test`, each the median of `runs`, beside its goal and the machine's
    speed before and after (a Python loop's time).
    """
    print(f"the suite, with the venv in place (a 10⁷-step Python loop takes {loop_seconds():.2f} s here now)")
    for target, (goal, before) in SUITE_GOALS.items():
        measured = suite_runs(target, runs)
        if not measured:
            continue
        walls = [wall for wall, _ in measured]
        wall, cpu = statistics.median(walls), statistics.median(busy for _, busy in measured)
        label = f"make {target} (median of {len(walls)})"
        print(f"{label:40} {wall:8.1f} s   goal ≤ {goal:.0f} s  {met(wall, goal)}{before}")
        print(f"  runs {', '.join(f'{w:.1f}' for w in walls)} s; {cpu:.0f} s of CPU on {os.cpu_count()} cores")
    print(f"  (the loop took {loop_seconds():.2f} s after them)")
    print()


def met(value: float, goal: float) -> str:
    """'met' or 'missed' for a figure against the most it may be."""
    return "met" if value <= goal else "missed"


def figure(value: float, unit: str) -> str:
    return "—" if value != value else f"{value:.2f} {unit}" if unit != "" else f"{value:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-data", action="store_true", help="do not time `make data` (about 5 minutes)")
    parser.add_argument("--skip-app", action="store_true", help="do not time the Streamlit app")
    parser.add_argument("--skip-suite", action="store_true", help="do not time `make check` and `make test`")
    parser.add_argument(
        "--suite-runs", type=int, default=5, metavar="N", help="runs of `make check` and `make test` (default 5)"
    )
    args = parser.parse_args()
    print(f"Machine: {machine()}\n")
    with tempfile.TemporaryDirectory() as tmp:
        a = ours(Path(tmp) / "ours.html")
        b = alternative(Path(tmp) / "alternative.html")
        change, change_slow = export_date_change_ms(Path(tmp) / "ours.html")
        lcp = largest_paint_s(Path(tmp) / "ours.html")
        lcp_net = largest_paint_s(Path(tmp) / "ours.html", runs=3, network=True)
        before = Path(tmp) / "before.html"
        why_not = baseline_export(before)
        lcp_before = float("nan") if why_not else largest_paint_s(before)
        lcp_net_before = float("nan") if why_not else largest_paint_s(before, runs=3, network=True)
        size_before = float("nan") if why_not else before.stat().st_size / 1000
    rows = [
        ("HTML size", figure(a["size_mb"], "MB"), figure(b["size_mb"], "MB"), a["size_mb"] / b["size_mb"], "≤ 0.10"),
        (
            "time to produce",
            figure(a["produce_s"], "s"),
            figure(b["produce_s"], "s"),
            a["produce_s"] / b["produce_s"],
            "",
        ),
        (
            "page load event (offline)",
            figure(a["load_s"], "s"),
            figure(b["load_s"], "s"),
            a["load_s"] / b["load_s"],
            "",
        ),
        (
            "map drawn (offline)",
            figure(a["drawn_s"], "s"),
            figure(b["drawn_s"], "s") if b["drawn_s"] == b["drawn_s"] else "never",
            a["drawn_s"] / b["drawn_s"] if b["drawn_s"] == b["drawn_s"] else float("nan"),
            "≤ 0.5",
        ),
        (
            "external requests tried",
            figure(a["external_requests"], ""),
            figure(b["external_requests"], ""),
            float("nan"),
            "0",
        ),
        (
            "load, Leaflet from disk *",
            figure(a["load_s"], "s"),
            figure(b["served_load_s"], "s"),
            a["load_s"] / b["served_load_s"],
            "",
        ),
        (
            "drawn, Leaflet from disk *",
            figure(a["drawn_s"], "s"),
            figure(b["served_drawn_s"], "s"),
            a["drawn_s"] / b["served_drawn_s"],
            "< 1",
        ),
    ]
    print(f"{'figure':28} {'ours':>12} {'explore()+save()':>18} {'ours/alt':>9}  goal")
    for name, x, y, ratio, goal in rows:
        print(f"{name:28} {x:>12} {y:>18} {('—' if ratio != ratio else f'{ratio:.3f}'):>9}  {goal}")
    print(
        "* the alternative again, its Leaflet script and stylesheet answered from node_modules/ "
        "(its other CDN requests blocked),"
    )
    print("  to time the drawing itself: offline, as saved, it never draws")
    print()
    print(f"{'exported map: date change to map painted':40} {change:8.0f} ms  goal ≤ 100 ms {met(change, 100)}")
    print(f"{'  the same, CPU slowed 4x':40} {change_slow:8.0f} ms  (explore(): impossible, one date)")
    print(f"{'exported map: largest paint, CPU 4x slower':40} {lcp:8.2f} s   (phone-sized window, median of 5)")
    if why_not:
        print(f"{'  before (commit ' + BASELINE + ')':40}        —     {why_not}")
    else:
        print(f"{'  before (commit ' + BASELINE + ')':40} {lcp_before:8.2f} s   ({size_before:,.0f} kB then)")
    print(f"{'  the same, over slow 4G (as Lighthouse)':40} {lcp_net:8.2f} s   (served over HTTP, median of 3)")
    if not why_not:
        print(f"{'  before, over slow 4G':40} {lcp_net_before:8.2f} s")
    print(f"{'default export size':40} {a['size_mb'] * 1000:8.0f} kB  goal ≤ 600 kB {met(a['size_mb'], 0.6)}")
    print()
    if not args.skip_app:
        cold, later = app_cold_start()
        rerun = app_rerun()
        date_change, toggle, zoom = app_changes()
        print(
            f"{'app: date change to map moved':40} {date_change * 1000:8.0f} ms  goal ≤ 300 ms {met(date_change, 0.3)}"
        )
        print(f"{'app: layer toggle to map changed':40} {toggle * 1000:8.0f} ms  goal ≤ 300 ms {met(toggle, 0.3)}")
        print(
            f"{'app: Zoom to, country to map moved':40} {zoom * 1000:8.0f} ms  goal ≤ 300 ms {met(zoom, 0.3)}"
            "  (before: a new map page, 2.2 s)"
        )
        print(f"{'app: cold start to map drawn':40} {cold:8.2f} s   goal ≤ 5 s   {'met' if cold <= 5 else 'missed'}")
        print(f"{'app: a later visit to map drawn':40} {later:8.2f} s   goal ≤ 1 s   {met(later, 1)}  (median of 5)")
        print(
            f"{'app: server rerun after date change':40} {rerun * 1000:8.0f} ms  "
            f"goal < 300 ms {'met' if rerun < 0.3 else 'missed'}"
        )
        print(
            f"  where a date change's {date_change * 1000:.0f} ms go: the map page restyles and paints in "
            f"{APP_IN_MAP['date'] * 1000:.0f} ms; the whole script reruns in {rerun * 1000:.0f} ms (the map's "
            "component is sent when the script reaches it, before the tabs); the rest is Streamlit's messages"
        )
        print(f"  a layer toggle: the map page shows the layers and paints in {APP_IN_MAP['layers'] * 1000:.0f} ms")
    warm = warm_figures()
    for fmt, seconds in warm.items():
        print(
            f"{'figure ' + fmt.upper() + ', warm process (median of 5)':40} {seconds:8.2f} s   goal ≤ 2 s   "
            f"{met(seconds, 2)}  (before: 4.6 s SVG, 5.0 s PDF, 5.3 s PNG)"
        )
    pack = report_pack_seconds()
    print(
        f"{'report pack, one date (median of 5)':40} {pack:8.1f} s   goal ≤ 20 s  {met(pack, 20)}  (before: over 60 s)"
    )
    print("print figures (python -m atlas figure, default A4 landscape, EPSG:3035) beside the export's screenshots")
    for label, seconds, kb in print_figures():
        print(f"  {label:36} {seconds:6.2f} s {kb:8,.0f} kB")
    print()
    print("facts file: time and peak memory of the process to validate it (load_facts; the limit is 1 MiB)")
    for label, seconds, peak, outcome in facts_validation():
        print(f"  {label:36} {seconds:6.2f} s {peak:6.0f} MB   {outcome}")
    print()
    if not args.skip_suite and args.suite_runs > 0:
        print_suite(args.suite_runs)
    if not args.skip_data:
        with tempfile.TemporaryDirectory() as tmp:
            command = [sys.executable, "-m", "atlas", "build-data", "--out", str(Path(tmp) / "atlas.gpkg")]
            try:
                wall, peak = timed_subprocess(command)
            except subprocess.CalledProcessError as failed:  # a source missing here: the other rows still stand
                said = (failed.stderr or "").strip().splitlines() or [f"exit status {failed.returncode}"]
                print(f"{'make data':40} not measured: {said[-1]} (--skip-data leaves it out)")
                return 0
        print(f"{'make data: wall time':40} {wall:8.1f} s")
        print(f"{'make data: peak memory':40} {peak:8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
