"""Everything that draws: one module per map layer, the map assembly, charts, and the offline exporter (layers.export).

Built from what `geo` returns; reads no data file (the exporter reads only the pinned browser assets in node_modules/).
"""
