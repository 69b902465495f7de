"""Everything that draws: the web map and its offline page (layers.web), the print figure (layers.figure), and the
report pack over both (layers.report); the palette they share is layers.style.

Built from what `geo` returns; reads no data file (the exporter reads only the page's own static files and the
pinned browser assets in node_modules/).
"""
