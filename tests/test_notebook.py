"""The example notebook (docs/atlas.ipynb) runs top to bottom in a real Jupyter kernel, and shows what a reader
checks: Estonia's status on the day, the plans and lengths tables, the parts' standard codes, and the map inline
with nothing fetched."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from nbclient import NotebookClient

from geo.settings import ROOT
from helpers import unpacked_page


def _text(cell: nbformat.NotebookNode) -> str:
    """A code cell's printed text and the plain and HTML forms of its result."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        data = output.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


@pytest.mark.slow
def test_the_example_notebook_runs_and_shows_the_record() -> None:
    notebook = nbformat.read(ROOT / "docs" / "atlas.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert not [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    status, plans, lengths, parts, drawn = (_text(cell) for cell in code[1:])
    assert "Estonia: withdrawn since 27 Dec 2025" in status and "Norway: party since 1 Mar 1999" in status
    assert "pol-east-shield" in plans
    assert "FIN-RUS" in lengths and "1309" in lengths.replace(",", "")
    assert "barrier=fence" in parts and "AL070" in parts
    page = html.unescape(drawn)
    assert "<iframe" in drawn and "map_atlas" in page
    estonia = re.search(r'"iso3":"EST","title":"Estonia",[^}]*"status":"(\w+)"', unpacked_page(page))
    assert estonia and estonia.group(1) == "withdrawn"  # Estonia is drawn in the withdrawn colour on that day
    # every script and stylesheet inline: no element loads anything (links in the text are only links)
    assert not re.findall(r"<script[^>]*\bsrc=|<link[^>]*\bhref=|<img[^>]*\bsrc=\"?http", page)
