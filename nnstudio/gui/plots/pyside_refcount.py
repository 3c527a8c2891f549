"""Work around a PySide6 reference-count bug that crashes Python < 3.12.

PySide6 6.12's ``Signal.emit`` returns ``True`` without taking a reference, so every emit whose result is
discarded removes one reference from ``True``. On Python 3.12+ ``True`` is immortal and nothing happens; on
3.10/3.11 a long training session (tens of thousands of emits, most of them inside pyqtgraph) brings the
count to zero and the interpreter aborts with "Fatal Python error: bool_dealloc".

``guard()`` measures the bug on a private signal and, only when it is present, gives ``True`` (and, for
safety, ``False`` and ``None``) a reference count so large that no session can exhaust it: what CPython 3.12
does for these objects by design. Without the bug it changes nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_BALLAST = 1 << 40
_applied = False


class _Probe(QObject):
    ping = Signal()


def leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def guard() -> bool:
    """Apply the workaround once if this PySide6 has the bug; returns whether it was needed."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return _applied
    if leaks_true():
        for obj in (True, False, None):
            ctypes.c_ssize_t.from_address(id(obj)).value += _BALLAST   # ob_refcnt is the first field
        _applied = True
    return _applied
