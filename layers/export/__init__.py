"""The offline HTML exporter (assets inline, counted element ids, atomic write) and its PNG/PDF snapshots."""
