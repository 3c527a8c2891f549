"""Everything Qt: the studio window, canvas, palette, inspector, training panels and dialogs.

PySide6 is imported before anything can import pyqtgraph, so pyqtgraph binds to PySide6 and never to
another Qt binding that happens to be installed.
"""

import ctypes
import os
import sys

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6.QtCore  # noqa: E402  (import order matters: see the docstring)


def _guard_none_refcount() -> bool:
    """Work around PySide6 builds that drop references to None, True and False.

    PySide6-Essentials 6.12.0 on Python 3.11 does this (these objects are only immortal from Python 3.12
    on): every call returning None, and every bool delivered through a signal, loses one reference, so
    after a few thousand calls such as ``label.setText(...)`` Python aborts with "none_dealloc" or
    "bool_dealloc". When the fault is detected, the three counts are raised so far (2**40) that no
    session can exhaust them. Returns True when the guard was applied.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal None / debug build
        return False
    probe = PySide6.QtCore.QPointF()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setX(1.0)
    if sys.getrefcount(None) > before - 8:
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40  # ob_refcnt: PyObject's first field
    return True


NONE_GUARD_APPLIED = _guard_none_refcount()
