"""The print figure as a tagged (accessible) PDF: matplotlib cannot tag a PDF, Chromium can.

The figure's SVG (text as text) goes into a small HTML page of its own (`figure_page`, from
layers/figure/templates/figure_page.html): English, the figure's title as the page's, the SVG as a figure whose
accessible name is the figure's description (role img), the very font files matplotlib measured the text with
(layers.figure.assets), the paper's size with no margins. Chromium prints it with tags (layers.browser,
called by layers.report, since the print figure imports no browser); `finished_pdf` then writes the PDF's own
metadata (Title, Subject: the description; no dates, so the same figure gives the same bytes) and crops the page to
the paper's exact size (Chromium rounds it up by up to a point).

Every text reaches the page escaped: the title and description here, the SVG's texts by matplotlib.
"""

from __future__ import annotations

import io
import re
from typing import TypedDict
from xml.etree import ElementTree

import pypdf
from jinja2 import Environment
from pypdf.generic import BooleanObject, DictionaryObject, RectangleObject

from geo.errors import AtlasError
from geo.frame import Paper
from layers.figure.assets import Slant, font_data_url, template_text

MM_PER_POINT = 25.4 / 72
FONTS_READY = "html[data-fonts-ready]"  # the page marks itself so once its fonts are loaded (figure_page.html)
SVG_TEXT = "{http://www.w3.org/2000/svg}text"
_FONT_PART = re.compile(r"(font-family|font-weight|font-style):\s*([^;]+)")
_NOT_IN_A_NAME = re.compile(r"[^A-Za-z0-9 _-]")
_PAGE = Environment(autoescape=True, keep_trailing_newline=True).from_string(template_text("figure_page.html"))


class FontFace(TypedDict):
    """One font the page embeds: its family, weight, style and file as a data: address."""

    family: str
    weight: str
    style: Slant
    url: str


def figure_page(svg: bytes, paper: Paper, title: str, description: str) -> str:
    """A self-contained HTML page showing the figure's SVG on the paper, with its title and its description as the
    figure's accessible name (layers/figure/templates/figure_page.html); it loads nothing (fonts inline).
    """
    text = svg.decode("utf-8")
    drawing = text[text.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    return _PAGE.render(
        title=title,
        description=description,
        drawing=drawing,
        faces=_font_faces(drawing),
        width_mm=paper.width_mm,
        height_mm=paper.height_mm,
    )


def _font_faces(svg: str) -> list[FontFace]:
    """Each family, weight and style the SVG's texts use, with matplotlib's font file for it."""
    found: set[tuple[str, str, Slant]] = set()
    for text in ElementTree.fromstring(svg).iter(SVG_TEXT):
        parts = {key: value.strip() for key, value in _FONT_PART.findall(text.get("style", ""))}
        family = _NOT_IN_A_NAME.sub("", parts.get("font-family", "DejaVu Sans").split(",")[0]).strip()
        weight = parts.get("font-weight", "400")
        slant = parts.get("font-style", "normal")
        style: Slant = "italic" if slant == "italic" else "oblique" if slant == "oblique" else "normal"
        if family and weight.isalnum():
            found.add((family, weight, style))
    return [
        FontFace(family=family, weight=weight, style=style, url=font_data_url(family, weight, style))
        for family, weight, style in sorted(found)
    ]


def finished_pdf(printed: bytes, paper: Paper, title: str, description: str, creator: str) -> bytes:
    """The printed PDF with its metadata (Title, Subject = description, Creator; the printer's Producer; no dates)
    and the paper's exact page size; the same printed figure gives the same bytes. AtlasError if it is not tagged.
    """
    reader = pypdf.PdfReader(io.BytesIO(printed))
    catalog = reader.root_object
    mark_info = catalog.get("/MarkInfo")
    producer = (reader.metadata.producer if reader.metadata else None) or ""
    marked = isinstance(mark_info, DictionaryObject) and mark_info.get("/Marked") == BooleanObject(True)
    if "/StructTreeRoot" not in catalog or not marked:
        raise AtlasError(None, "PDF", producer, "the browser printed the figure without tags (no structure tree)")
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.metadata = {"/Title": title, "/Subject": description, "/Creator": creator, "/Producer": producer}
    width, height = paper.width_mm / MM_PER_POINT, paper.height_mm / MM_PER_POINT
    for page in writer.pages:  # the page drawn from its top left corner: the rounding is cut off at the bottom
        left, top = float(page.mediabox.left), float(page.mediabox.top)
        page.mediabox = RectangleObject((left, round(top - height, 4), round(left + width, 4), top))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
