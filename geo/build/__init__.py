"""The data pipeline behind `make data`: fetch the pinned sources, derive borders and the gap, write data/atlas.gpkg.

Nothing in the atlas imports this package but the command line's `build-data`.
"""

from geo.build.pipeline import build_data

__all__ = ["build_data"]
