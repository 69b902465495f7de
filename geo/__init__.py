"""Eastern Flank Atlas core: data loading, geometry, computation and CLI (no streamlit, no folium)."""

__all__ = ["TOOL_NAME", "__version__"]

TOOL_NAME = "Eastern Flank Atlas"
__version__ = "0.1.0"
