"""Writing an export: check the target first, then write a temporary file beside it and rename it into place.

A failure, Ctrl-C or SIGTERM leaves nothing behind: the temporary file is removed. A run killed outright
(SIGKILL, a power cut) cannot clean up, so its temporary file carries its process id and the next write to
the same folder removes it once that process is gone. A file that is replaced keeps its permissions.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from geo.errors import AtlasError

_STAGED: set[Path] = set()  # the temporary files of the writes in progress in this process


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


def _temporary_pattern(path: Path) -> re.Pattern[str]:
    """The names of the temporary files of writes to path: '.NAME.PID.RANDOM.tmpSUFFIX'."""
    return re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^.]+\.tmp{re.escape(path.suffix)}")


def _alive(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, and belongs to someone else
    return True


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files that killed writes to path left behind (their process is gone); returns them."""
    pattern = _temporary_pattern(path)
    removed = []
    with os.scandir(path.parent) as entries:
        names = [entry.name for entry in entries if entry.name.startswith(f".{path.name}.")]
    for name in names:
        match = pattern.fullmatch(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            with contextlib.suppress(FileNotFoundError):
                (path.parent / name).unlink()
                removed.append(path.parent / name)
    return removed


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, or the default for new files."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def staged(path: Path, field: str = "--out") -> Iterator[Path]:
    """A temporary file beside path for the block to write; renamed onto path if the block ends normally.

    If the block raises (or is interrupted), the temporary file is removed and path is left as it was.
    The temporary file keeps path's suffix, so a browser opens a staged page as what it is.
    """
    path = Path(path)
    check_writable(path, field)
    remove_leftovers(path)
    tmp = _temporary_file(path, field)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        raise AtlasError(None, field, str(path), f"cannot write there ({exc.strerror})") from None
    finally:
        _STAGED.discard(tmp)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _temporary_file(path: Path, field: str) -> Path:
    """A new empty temporary file beside path ('.NAME.PID.RANDOM.tmpSUFFIX', private to its owner), in _STAGED from
    before it exists: a signal that comes as it is made finds it there (remove_staged) and leaves nothing behind.
    """
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp{path.suffix}"
        _STAGED.add(tmp)
        try:
            tmp.touch(mode=0o600, exist_ok=False)  # made here, or FileExistsError
            return tmp
        except FileExistsError:
            _STAGED.discard(tmp)
        except OSError as exc:
            _STAGED.discard(tmp)
            raise AtlasError(None, field, str(path), f"cannot write there ({exc.strerror})") from None
    raise AtlasError(None, field, str(path), "cannot write there (no free temporary name)")


def remove_staged() -> None:
    """Remove the temporary files of every write in progress (for a signal handler about to exit the process)."""
    for tmp in list(_STAGED):
        with contextlib.suppress(OSError):
            tmp.unlink()


def fill(tmp: Path, data: bytes) -> None:
    """Write data into a staged file, which must still be there (FileNotFoundError if not). A signal's handler that
    removed it (remove_staged) while another thread was about to write it leaves no file made again behind it.
    """
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_TRUNC), "wb") as handle:
        handle.write(data)


def write_atomic(path: Path, data: str | bytes, field: str = "--out") -> None:
    """Write data to path through a temporary file and a rename, so a failure leaves no partial file."""
    with staged(path, field) as tmp:
        fill(tmp, data.encode("utf-8") if isinstance(data, str) else data)
