"""One map model (geo.model) behind the web page and the print figure: the core builds it once, and drawing from it
neither calls back into the core's builders nor reads a file.
"""

from __future__ import annotations

import builtins
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.dates import EARLIEST
from geo.facts import Facts
from geo.gpkg import GeoPackage
from geo.model import CITATION_FORMS, MapModel, map_model
from geo.view import MapView, map_view, with_every_plan

DAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def view(gpkg: GeoPackage, facts: Facts) -> MapView:
    return map_view(gpkg, facts, DAY)


def test_a_model_with_its_own_time_holds_every_interval_its_range_and_its_sources(view: MapView) -> None:
    model = map_model(view, timed=True)
    assert model.history is not None and model.first == EARLIEST and model.last >= DAY
    assert model.history.first == model.first.isoformat() and model.history.last == model.last.isoformat()
    assert model.references and set(model.citations) == set(CITATION_FORMS)
    assert all(ref.title in model.citations["ris"] for ref in model.references[:5])
    assert {"country", "capital"} <= {label.kind for label in model.labels}
    # the legend explains every status the map can show on any of its days, not only on the first
    assert {"party", "withdrawal_notified", "withdrawn"} <= set(model.legend.statuses)
    one_day = map_model(view)
    assert one_day.history is None and (one_day.first, one_day.last) == (EARLIEST, DAY)
    assert "withdrawal_notified" not in one_day.legend.statuses  # on 1 Mar 2026 every notice has taken effect


def _builders() -> list[Callable[..., Any]]:
    from geo.citations import formatted, references
    from geo.history import history
    from geo.labels import map_labels
    from geo.view import map_references, sources_on_map, with_every_plan

    return [history, map_labels, map_references, sources_on_map, with_every_plan, references, formatted]


@pytest.fixture
def core_builders_refused(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every name bound to one of the core's model builders, in every loaded module, raises when called."""
    for builder in _builders():

        def refused(*_: object, _name: str = builder.__name__, **__: object) -> None:
            raise AssertionError(f"{_name} called while drawing: it belongs in geo.model")

        for module in list(sys.modules.values()):
            for name, value in list(vars(module).items()):
                if value is builder:
                    monkeypatch.setattr(module, name, refused)
    yield


@pytest.fixture
def files_refused(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refused(*args: object, **_: object) -> None:
        raise AssertionError(f"a file was read while drawing: {args[:1]}")

    monkeypatch.setattr(Path, "read_text", refused)
    monkeypatch.setattr(Path, "read_bytes", refused)
    monkeypatch.setattr(builtins, "open", refused)
    yield


def _page(model: MapModel) -> str:
    from layers.web.page import map_html

    return map_html(model)


def _figure(model: MapModel, gpkg: GeoPackage) -> object:
    from geo.frame import fitted_extent, parse_crs, parse_paper
    from layers.figure.draw import FigureRequest, draw_figure
    from layers.figure.layout import map_aspect

    paper, crs = parse_paper("A5-landscape", 72), parse_crs("EPSG:3035")
    extent = fitted_extent(model.view.focus_bounds(), crs, map_aspect(paper))
    return draw_figure(model, FigureRequest(paper, crs, extent, "t", "s", "c"), gpkg)


@pytest.mark.xdist_group("figure")  # drawn beside test_figure's figures (a worker's first figure warms matplotlib up)
def test_the_web_page_and_the_print_figure_draw_only_from_the_model(
    view: MapView, gpkg: GeoPackage, request: pytest.FixtureRequest
) -> None:
    timed, one_day = map_model(view, timed=True), map_model(view)
    expected = _page(timed), _page(one_day)  # the first render reads the page's own scripts and templates once
    _figure(one_day, gpkg)
    request.getfixturevalue("core_builders_refused")
    request.getfixturevalue("files_refused")
    assert (_page(timed), _page(one_day)) == expected
    assert _figure(one_day, gpkg) is not None


def test_a_chronology_is_written_by_the_core(view: MapView) -> None:
    """Each plan's and part's chronology reaches the page written: dates as the atlas writes them, in order, the
    target apart, and why a start is not known.
    """
    import re

    every = with_every_plan(view)
    written = {s.plan.id: s.chronology for s in every.plans} | {
        s.located.part.id: s.chronology for s in every.part_stages
    }
    for chronology in written.values():
        days = [e.day for e in chronology.entries]
        assert chronology.entries and days == sorted(days)
        assert all(re.fullmatch(r"(\d{1,2} )?([A-Z][a-z]{2} )?\d{4}", e.when) for e in chronology.entries)
    assert any(c.start_unknown for c in written.values())  # Dąbrówka, Rutka, Vaalimaa, the Lapland sections
    assert any(c.target and c.target.what == "target for completion" for c in written.values())
