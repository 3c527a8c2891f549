"""Everything Qt: the studio window, canvas, palette, inspector, training panels and dialogs.

PySide6 is imported before anything can import pyqtgraph, so pyqtgraph binds to PySide6 and never to
another Qt binding that happens to be installed.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6.QtCore  # noqa: E402,F401  (import order matters: see the docstring)
