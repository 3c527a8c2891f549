"""Everything Qt: the studio window, canvas, palette, inspector, training panels and dialogs.

PySide6 is imported before anything can import pyqtgraph, so pyqtgraph binds to PySide6 and never to
another Qt binding that happens to be installed.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6.QtCore  # noqa: E402  (import order matters: see the docstring)

from nnstudio.gui.pyside_refcount import guard as _guard  # noqa: E402

NONE_GUARD_APPLIED = _guard()  # before any widget or signal is used
