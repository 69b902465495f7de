"""Which data a product was made from: a short hash of the facts file and the GeoPackage (pure)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from geo.errors import AtlasError


def data_version(*paths: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the files' contents, in order (AtlasError for an unreadable file)."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            with Path(path).open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as error:
            raise AtlasError(path, "file", str(path), f"cannot be read ({error.strerror})") from None
    return digest.hexdigest()[:12]
