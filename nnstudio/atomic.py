"""Atomic file replacement: a crash or kill during a save leaves the previous file intact.

The new content goes to a temporary file in the same folder (so the rename never crosses file systems),
is flushed and fsynced, then ``os.replace`` swaps it in and the folder itself is fsynced so the rename
survives a power cut.

A kill leaves the temporary file behind. Its name carries the saving process's id
(``.name.nnproj.<pid>-<random>.tmp``), so the next save of that file, or opening it, removes the ones whose
process is gone and never another running process's.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
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


# Temporary files of nnstudio versions before the process id was in the name: stale once this old.
_UNNAMED_STALE_SECONDS = 600


def _owner(middle: str) -> int | None:
    """The process id in a temporary file's name (``<pid>-<random>``), None when there is none."""
    m = re.fullmatch(r"(\d+)-[a-z0-9_]{8}", middle)  # mkstemp adds 8 such characters
    return int(m.group(1)) if m else None


def remove_stale(path: str | Path, suffix: str = ".tmp", named: bool = False) -> list[Path]:
    """Delete temporary files that interrupted saves of ``path`` left beside it; returns those removed.

    A file whose process still runs is kept (it is saving right now). ``named`` selects the temporary files of
    ``write_atomic_named`` (``.stem.<pid>-<random>.suffix``) instead of ``write_atomic``'s.
    """
    from .instances import pid_alive

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.stem}." if named else f".{path.name}."
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix)]
    except OSError:
        return removed
    for tmp in candidates:
        middle = tmp.name[len(prefix):len(tmp.name) - len(suffix)]
        pid = _owner(middle)
        try:
            if pid is not None:
                stale = not pid_alive(pid)
            else:  # an older nnstudio's name (mkstemp's random part only): judged by its age
                stale = (not named and re.fullmatch(r"[a-z0-9_]{8}", middle) is not None
                         and time.time() - tmp.stat().st_mtime > _UNNAMED_STALE_SECONDS)
            if stale:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue
    return removed


def sweep(folder: str | Path) -> list[Path]:
    """``remove_stale`` for every file of ``folder`` that killed saves left temporary files of."""
    removed: list[Path] = []
    try:
        names = {m.group(1) for p in Path(folder).iterdir()
                 if (m := re.fullmatch(r"\.(.+)\.\d+-[a-z0-9_]{8}\.tmp", p.name))}
    except OSError:
        return removed
    for name in sorted(names):
        removed += remove_stale(Path(folder) / name)
    return removed


def _replace(path: str | Path, fill: Callable[[str], None], named: bool) -> Path:
    """``fill(tmp)`` writes and fsyncs a temporary file beside ``path``; it then gets ``path``'s permissions
    (or the usual ones) and is renamed over ``path``. If ``fill`` raises, ``path`` is untouched."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    prefix, suffix = (f".{path.stem}.", path.suffix) if named else (f".{path.name}.", ".tmp")
    remove_stale(path, suffix, named)  # what killed saves of this file left behind
    mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{prefix}{os.getpid()}-", suffix=suffix)
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
    _replace(path, fill, named=False)


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
    return _replace(path, fill, named=True)
