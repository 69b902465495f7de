"""Shared fixtures: the real facts file and GeoPackage (loaded once), the command line in-process, and Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.facts import Facts, load_facts
from geo.gpkg import GeoPackage, load_geopackage
from layers.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def facts() -> Facts:
    """The loaded data/facts.yaml."""
    return load_facts()


@pytest.fixture(scope="session")
def gpkg() -> GeoPackage:
    """The committed data/atlas.gpkg, loaded once."""
    return load_geopackage()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright, shared by the session (skips where it is not installed)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


PACK_DAY, PACK_COMPARED = "2026-03-01", "2025-03-01"  # the pack's day and the day it compares (also its --since)


@pytest.fixture(scope="session")
def compared_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m atlas report --on 2026-03-01 --compare 2025-03-01 --dpi 50`, run once in this process: every view,
    the comparison among them, for the tests of the pack and of the comparison (xdist_group "pack": one worker)."""
    from helpers import run_cli

    pack = tmp_path_factory.mktemp("a") / "pack"
    done = run_cli("report", "--out", str(pack), "--on", PACK_DAY, "--compare", PACK_COMPARED, "--dpi", "50")
    assert done.returncode == 0, done.stderr
    return pack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the browser fixture are marked `browser` (so `make check` can leave them out); without
    Chromium every `browser` test is skipped."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") and not Path(CHROMIUM).is_file():
            item.add_marker(pytest.mark.skip(reason="needs Debian's chromium (.ci/run installs it)"))
