"""Everything that draws: the web map and its offline page (layers.web), the print figure (layers.figure), and the
report pack over both (layers.report); the palette they share is layers.style; the GIS layers' QGIS styles are
layers.qgis; `layers.folium_map(view)` is the web map for a notebook (layers.notebook, docs/api.md).

Built from what `geo` returns; reads no data file (the exporter reads only the page's own static files and the
pinned browser assets in node_modules/).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from layers.notebook import folium_map

__all__ = ["folium_map"]


def __getattr__(name: str) -> Any:
    """layers.folium_map, imported when first asked for (folium is not loaded by `import layers.style`)."""
    if name == "folium_map":
        from layers.notebook import folium_map

        return folium_map
    raise AttributeError(f"module 'layers' has no attribute {name!r}")
