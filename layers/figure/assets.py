"""The print figure's own files: the page its tagged PDF is printed from (layers/figure/templates/) and matplotlib's
font files, which that page carries inline so that Chromium sets each text in the very font matplotlib measured it
with. Code and fonts, never a data file: the one module of layers.figure that reads files.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path
from typing import Literal

from matplotlib import font_manager

from geo.settings import ROOT

TEMPLATES = ROOT / "layers" / "figure" / "templates"
Slant = Literal["normal", "italic", "oblique"]


@functools.cache
def template_text(name: str) -> str:
    """The text of one of the print figure's templates (layers/figure/templates/)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


@functools.cache
def font_data_url(family: str, weight: str, style: Slant) -> str:
    """The font file matplotlib uses for this family, weight and style, as a data: address."""
    found = Path(font_manager.findfont(font_manager.FontProperties(family=family, weight=weight, style=style)))
    return f"data:font/ttf;base64,{base64.b64encode(found.read_bytes()).decode('ascii')}"
