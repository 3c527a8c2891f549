"""nnstudio: design neural networks visually and watch them learn.

OpenBLAS threads normally spin for about a tenth of a second after each matrix product, waiting for the next,
and so keep the second core busy between products: the window's GUI thread needs it, and so does the engine's
helper for large per-sample work (engine/halves.py; the course CNN's step took 152-168 ms with spinning
threads, 115-121 ms without). Here they sleep at once, unless the environment says otherwise. It takes effect
only when nnstudio is imported before NumPy loads OpenBLAS, as the ``nnstudio`` command and the window do.
Large products still use every core (docs/engine.md).
"""

import os

os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")   # the shortest spin OpenBLAS allows (2**4 cycles)

__version__ = "0.1.0"
