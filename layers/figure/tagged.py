"""The print figure as a tagged (accessible) PDF: matplotlib cannot tag a PDF, Chromium can.

The figure's SVG (text as text) goes into a small HTML page of its own (`figure_page`): English, the figure's title as
the page's, the SVG as a figure whose accessible name is the figure's description (role img), the very font files
matplotlib measured the text with, the paper's size with no margins. Chromium prints it with tags (layers.browser,
called by layers.report, since the print figure imports no browser); `finished_pdf` then writes the PDF's own
metadata (Title, Subject: the description; no dates, so the same figure gives the same bytes) and crops the page to
the paper's exact size (Chromium rounds it up by up to a point).

Every text reaches the page escaped: the title and description here, the SVG's texts by matplotlib.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import re
from typing import Literal

import pypdf
from matplotlib import font_manager
from pypdf.generic import BooleanObject, DictionaryObject, RectangleObject

from geo.errors import AtlasError
from geo.frame import Paper

MM_PER_POINT = 25.4 / 72
_TEXT_STYLE = re.compile(r"<text [^>]*style=\"([^\"]*)\"")
Slant = Literal["normal", "italic", "oblique"]
_FONT_PART = re.compile(r"(font-family|font-weight|font-style):\s*([^;]+)")


def figure_page(svg: bytes, paper: Paper, title: str, description: str) -> str:
    """A self-contained HTML page showing the figure's SVG on the paper, with its title and its description as the
    figure's accessible name; it loads nothing (fonts inline as data: addresses).
    """
    text = svg.decode("utf-8")
    drawing = text[text.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    width, height = f"{paper.width_mm}mm", f"{paper.height_mm}mm"
    style = (
        f"{_font_faces(drawing)}"
        f"@page {{ size: {width} {height}; margin: 0 }}\n"
        "html, body { margin: 0; padding: 0 }\n"
        f"figure {{ margin: 0; width: {width}; height: {height}; overflow: hidden }}\n"
        # matplotlib placed the text without ligatures ('fl' stays two letters, and is found as two)
        f"figure > svg {{ display: block; width: {width}; height: {height}; font-variant-ligatures: none }}\n"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
        f'<figure role="img" aria-label="{html.escape(description)}">\n{drawing}</figure>\n</body>\n</html>\n'
    )


def _font_faces(svg: str) -> str:
    """@font-face rules for each family, weight and style the SVG's texts use: matplotlib's own font files, inline."""
    faces: set[tuple[str, str, Slant]] = set()
    for css in _TEXT_STYLE.findall(svg):
        parts = {key: value.strip() for key, value in _FONT_PART.findall(css)}
        family = parts.get("font-family", "DejaVu Sans").split(",")[0].strip().strip("'\"")
        slant = parts.get("font-style", "normal")
        faces.add((family, parts.get("font-weight", "400"), slant if slant in ("italic", "oblique") else "normal"))
    return "".join(_font_face(*face) for face in sorted(faces))


@functools.cache
def _font_face(family: str, weight: str, style: Slant) -> str:
    """One @font-face rule: the file matplotlib finds for this family, weight and style, as a data: address."""
    found = font_manager.findfont(font_manager.FontProperties(family=family, weight=weight, style=style))
    with open(found, "rb") as handle:
        data = base64.b64encode(handle.read()).decode("ascii")
    name = family.replace("\\", "").replace("'", "")
    return (
        f"@font-face {{ font-family: '{name}'; font-weight: {weight}; font-style: {style}; "
        f"src: url(data:font/ttf;base64,{data}) format('truetype') }}\n"
    )


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
