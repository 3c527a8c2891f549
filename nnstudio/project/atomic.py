"""Atomic file replacement: a crash or kill during a save leaves the previous file intact.

The new content goes to a temporary file in the same folder (so the rename never crosses file systems),
is flushed and fsynced, then ``os.replace`` swaps it in and the folder itself is fsynced so the rename
survives a power cut.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def _default_mode() -> int:
    # NamedTemporaryFile creates 0600 files; a saved project should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; its rename is already durable enough
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(path: str | Path, fill: Callable[[str], None], prefix: str, suffix: str) -> Path:
    """``fill(tmp)`` writes and fsyncs a temporary file beside ``path``; it then gets ``path``'s permissions
    (or the usual ones) and is renamed over ``path``. If ``fill`` raises, ``path`` is untouched."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    os.close(fd)
    try:
        fill(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)
    return path


def write_atomic(path: str | Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(f)`` on a temporary file beside ``path``, then rename it over ``path``.

    If ``write`` raises, the temporary file is removed and ``path`` is untouched; the exception propagates.
    """
    def fill(tmp: str) -> None:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
    _replace(path, fill, prefix=f".{Path(path).name}.", suffix=".tmp")


def write_atomic_named(path: str | Path, write: Callable[[str], object]) -> Path:
    """``write_atomic`` for writers that need a file name rather than a file (Qt's image, SVG and plot
    exporters): ``write(tmp)`` writes the temporary file, named with ``path``'s suffix so writers that pick the
    format from it still do. ``write`` returning False, or leaving the file empty, counts as failing
    (OSError); ``path`` is then untouched."""
    def fill(tmp: str) -> None:
        if write(tmp) is False or not os.path.getsize(tmp):
            raise OSError(f"Cannot write {path}.")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
    return _replace(path, fill, prefix=f".{Path(path).stem}.", suffix=Path(path).suffix)
