"""Eastern Flank Atlas core: data loading, geometry, computation and CLI (no streamlit, no folium).

`geo.open_record()` is the one way in (geo.record): the record's facts, GeoPackage and claims, and what is computed
from them; docs/api.md shows it in a notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.record import open_record

__all__ = ["TOOL_NAME", "__version__", "open_record"]

TOOL_NAME = "Eastern Flank Atlas"
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """geo.open_record, imported when first asked for (importing `geo` alone stays light)."""
    if name == "open_record":
        from geo.record import open_record

        return open_record
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
