"""Which running nnstudio owns a file: process liveness and a lock held for a process's lifetime.

An autosave belongs to the instance that wrote it, and a half-written temporary file to the process saving
it; another instance must neither offer nor delete them while their owner runs. A held lock answers that
best (the system releases it when the owner dies, even after SIGKILL, and a reused process id cannot fake it);
a process id alone answers it where no lock exists.
"""

from __future__ import annotations

import os
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt

    _STILL_ACTIVE = 259
    _QUERY_LIMITED_INFORMATION = 0x1000
else:
    import fcntl


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running (on any platform, without disturbing it)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - os.kill there would terminate the process
        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == _STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class InstanceLock:
    """A lock file held while this process runs; ``held_elsewhere(path)`` asks whether its owner still runs."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return True

    def release(self, remove: bool = True) -> None:
        if self._fd is None:
            return
        os.close(self._fd)   # closing releases the lock (and Windows deletes no open file)
        self._fd = None
        if remove:
            try:
                self.path.unlink()
            except OSError:
                pass

    @staticmethod
    def held_elsewhere(path: str | Path) -> bool:
        """True while another open lock (in any process, this one included) holds ``path``."""
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return False
        except OSError:
            return True   # cannot even look: leave it to its owner
        try:
            if not _try_lock(fd):
                return True
            if os.name == "nt":  # pragma: no cover - Windows wants a region unlocked before closing
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            return False         # nobody holds it (closing lets it go on POSIX)
        finally:
            os.close(fd)
