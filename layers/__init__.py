"""Map layers: one module per layer, each building folium objects from what `geo` returns (never reading files)."""
