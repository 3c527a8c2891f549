"""Everything Qt: the studio window, canvas, palette, inspector, training panels and dialogs.

PySide6 is imported before anything can import pyqtgraph, so pyqtgraph binds to PySide6 and never to
another Qt binding that happens to be installed.

OpenBLAS threads normally spin for about a tenth of a second after each matrix product, waiting for the next.
In the window that steals the core the GUI thread needs: with a small network (most lessons) a spinning
thread took the window's core between products, made frames slower and training 5-10 % slower. Here they
sleep at once (unless the environment says otherwise; it must be set before NumPy loads OpenBLAS, which the
``nnstudio`` command does through here). Large products still use every core: a 784-256-128-10 MLP trains
at 89k samples/s with this, 99k with spinning threads, 63k on one thread.

Importing this package changes nothing else in the interpreter: the PySide6 reference-count workaround
(``pyside_refcount.guard``) is applied where the app starts, ``app.application()``.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")   # the shortest spin OpenBLAS allows (2**4 cycles)

import PySide6.QtCore  # noqa: E402  (import order matters: see the docstring)
