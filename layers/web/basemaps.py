"""Basemaps: 'none' (the vector countries alone, no request leaves the page) or online tiles (xyzservices)."""

from __future__ import annotations

import xyzservices
from xyzservices import TileProvider

from geo.errors import AtlasError

NONE = "none"
# the providers offered in the app; any other xyzservices name works on the command line too
OFFERED = ("OpenStreetMap.Mapnik", "Esri.WorldGrayCanvas", "Esri.WorldImagery", "OpenTopoMap")


def basemap_provider(name: str | None, field: str = "--basemap") -> TileProvider | None:
    """The tile provider of this name (e.g. 'OpenTopoMap'), None for 'none'."""
    if name is None or name.strip().lower() == NONE:
        return None
    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        raise AtlasError(
            None, field, name, "unknown basemap; use 'none' or an xyzservices name such as OpenTopoMap"
        ) from None
    if provider.requires_token():
        raise AtlasError(None, field, name, "this tile provider needs an API key; choose another")
    return provider
