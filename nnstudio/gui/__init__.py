"""Everything Qt: the studio window, canvas, palette, inspector, training panels and dialogs.

PySide6 is imported before anything can import pyqtgraph, so pyqtgraph binds to PySide6 and never to
another Qt binding that happens to be installed.

OpenBLAS's threads sleep right after each matrix product (``nnstudio/__init__.py`` sets that before NumPy
loads): a spinning thread took the window's core between products, made frames slower and training 5-10 %
slower. Large products still use every core: a 784-256-128-10 MLP trains at 89k samples/s with this, 99k
with spinning threads, 63k on one thread.

Importing this package changes nothing else in the interpreter: the PySide6 reference-count workaround
(``pyside_refcount.guard``) is applied where the app starts, ``app.application()``.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6.QtCore  # noqa: E402  (import order matters: see the docstring)
