"""Keep freed memory for the next training step instead of handing it back to the system at every step.

A step of the course's MNIST CNN makes and frees arrays of 4-28 MB (window matrices, conv outputs, their
gradients). glibc's malloc serves arrays that large with fresh pages from the kernel and gives them back when
they are freed, so the next step takes a page fault on each 4 KB it writes: about 3,000 faults a step on this
machine's VM, 14-22 ms of a 85 ms step spent in the kernel. Raising glibc's two thresholds for the length of
a fit (arrays up to 32 MB come from the heap, and freed memory stays in it) removes them. When the last fit
running ends after at least ``TRIM_AFTER`` seconds, the kept memory is handed back (``malloc_trim``): a training
run in the window is one fit. A shorter fit (a benchmark's round, a notebook's quick try) leaves it for the next
one, which would otherwise pay the page faults of its first step again (45-50 ms for the course CNN, 10 % of a
10-step fit). Elsewhere (macOS, Windows, musl) nothing changes. docs/engine.md has the measurements.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
import threading
import time
from contextlib import contextmanager
from functools import lru_cache

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3     # mallopt's parameter numbers (malloc.h)
MMAP_THRESHOLD = 32 << 20       # the largest glibc accepts on 64-bit systems
TRIM_THRESHOLD = 2**31 - 1      # never trim by itself during a fit (mallopt takes an int)
TRIM_AFTER = 2.0                # seconds: a fit at least this long hands the memory back when it ends

_lock = threading.Lock()
_active = 0


@lru_cache(maxsize=1)
def _libc():
    """glibc's functions, or None where malloc is not glibc's."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
        libc.malloc_trim.argtypes = (ctypes.c_size_t,)
    except (OSError, AttributeError):
        return None
    return libc


def _forget_fits() -> None:
    """A child made by fork runs none of its parent's fits (a notebook's multiprocessing)."""
    global _active, _lock
    _active, _lock = 0, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_fits)


def _keep(libc) -> None:
    libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)


@contextmanager
def kept_for_training():
    """Inside: freed arrays up to 32 MB are reused by the next step. When the last of the fits running in
    any thread leaves after ``TRIM_AFTER`` seconds or more, the memory freed meanwhile goes back to the system
    (glibc's thresholds stay raised)."""
    global _active
    libc = _libc()
    if libc is None:
        yield
        return
    with _lock:
        if _active == 0:
            _keep(libc)
        _active += 1
    start = time.monotonic()
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and time.monotonic() - start >= TRIM_AFTER:
                libc.malloc_trim(0)
