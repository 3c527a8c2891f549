"""Work around PySide6 builds that drop references to None, True and False (crashes Python < 3.12).

PySide6-Essentials 6.12.0 on Python 3.11 (the only release the package index offers here) loses one reference
to None on every wrapped call returning None (``label.setText(...)``), and one to True on every
``Signal.emit``. These objects are immortal only from Python 3.12 on, so after a few thousand calls a session
aborts with "Fatal Python error: none_dealloc" / "bool_dealloc". When either fault is measured, the three
counts are raised so far (2**40) that no session can exhaust them: what CPython 3.12 does by design.
Without the fault nothing is changed.

It changes the interpreter, so importing nnstudio does not apply it: the app applies it where it starts
(``nnstudio.gui.app.application``), the GUI tests in their conftest.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QPointF, Signal

_BALLAST = 1 << 40
_applied: bool | None = None  # None: not checked yet in this process


class _Probe(QObject):
    ping = Signal()


def leaks_none() -> bool:
    probe = QPointF()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setX(1.0)
    return sys.getrefcount(None) <= before - 8


def leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 8


def guard() -> bool:
    """Apply the workaround if this PySide6 has either fault (once per process; later calls only answer);
    returns whether it was applied."""
    global _applied
    if _applied is None:
        _applied = _apply()
    return _applied


def applied() -> bool:
    """Whether ``guard()`` has changed this interpreter."""
    return bool(_applied)


def _apply() -> bool:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal singletons / debug build
        return False
    if not (leaks_none() or leaks_true()):
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _BALLAST  # ob_refcnt: PyObject's first field
    return True
