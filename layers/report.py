"""Products for reports, built from one view: a print figure with its caption and numbered sources (and, in
atlas.report, a whole pack of them). Arguments are checked here, in one place, for the command line and the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo import TOOL_NAME, __version__
from geo.caption import caption
from geo.citations import reference_list
from geo.frame import DEFAULT_CRS, fitted_extent, parse_bbox, parse_crs, parse_paper
from geo.gpkg import Atlas
from geo.view import MapView, map_references
from layers.figure import DrawnFigure, FigureRequest, Format, draw_figure, figure_bytes, map_aspect

DEFAULT_TITLE = "The Ottawa Convention on NATO's eastern flank"


@dataclass(frozen=True)
class FigureProduct:
    """A drawn figure, its caption (with the numbered sources) and the text its files carry as a description."""

    drawn: DrawnFigure
    request: FigureRequest
    caption: str

    def render(self, fmt: Format) -> bytes:
        """The figure's bytes in one format."""
        return figure_bytes(self.drawn, fmt, self.caption.split("\n", 1)[0])


def figure_product(
    view: MapView,
    atlas: Atlas,
    *,
    layers: tuple[str, ...],
    data_version: str,
    crs: str = DEFAULT_CRS,
    size: str = "A4-landscape",
    dpi: int = 300,
    country: str | None = None,
    bbox: str | None = None,
    title: str = "",
    sources_where: str = "the caption file beside this figure",
) -> FigureProduct:
    """The figure of `view` framed on a country, a box or the focus countries, with its caption."""
    paper = parse_paper(size, dpi)
    projection = parse_crs(crs)
    if bbox is not None:
        bounds = parse_bbox(bbox)
    elif country is not None:
        bounds = view.country_bounds(country)
    else:
        bounds = view.focus_bounds()
    extent = fitted_extent(bounds, projection, map_aspect(paper))
    refs = map_references(view, layers)
    name = projection.to_string()
    request = FigureRequest(
        paper,
        projection,
        extent,
        layers,
        title or DEFAULT_TITLE,
        f"Sources: {len(refs)}, listed in {sources_where}. Map data © OpenStreetMap contributors; "
        "places © GeoNames (CC BY 4.0). Projection: " + f"{name} ({projection.name}).",
        f"{TOOL_NAME} {__version__} · data {data_version}",
    )
    drawn = draw_figure(view, request, atlas.countries, atlas.places)
    text = caption(view, f"{name} ({projection.name})", len(refs), data_version)
    numbered = "\n".join(f"{n}. {entry}" for n, entry in enumerate(reference_list(refs), 1))
    return FigureProduct(drawn, request, f"{text}\n\nSources\n{numbered}")
