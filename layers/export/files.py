"""Writing an export: check the target first, then write through a temporary file and rename (no partial file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from geo.errors import AtlasError


def check_writable(path: Path, field: str = "--out") -> None:
    """AtlasError unless a file can be written at path (its folder exists and is writable, it is not a folder)."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise AtlasError(None, field, str(path), "is a folder; give a file name")
    if not folder.is_dir():
        raise AtlasError(None, field, str(path), "folder does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise AtlasError(None, field, str(path), "not writable")


def write_atomic(path: Path, data: str | bytes, field: str = "--out") -> None:
    """Write through a temporary file in the same folder and rename, so a failure leaves no partial file."""
    path = Path(path)
    check_writable(path, field)
    folder = path.parent
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AtlasError(None, field, str(path), f"cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise AtlasError(None, field, str(path), f"cannot write there ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
