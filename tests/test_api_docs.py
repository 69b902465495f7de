"""docs/api.md's examples run as written: each Python block, in order, in one namespace (as a reader pastes them into
a notebook), and what they assert holds."""

from __future__ import annotations

import re

from geo.settings import ROOT

BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_every_example_in_the_api_docs_runs_in_order() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/api.md, example {number}", "exec"), namespace)
    assert namespace["estonia"]["status"] == "withdrawn"  # type: ignore[index]
    assert (namespace["folder"] / "atlas-layers.gpkg").stat().st_size > 0  # type: ignore[operator]
