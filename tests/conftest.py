import os

# Headless everywhere: CI has no display. pyqtgraph must bind to PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# Tests use small matrices on a shared 2-core machine, where BLAS threads only contend (a 40x128 @ 128x128
# product measured 64 us single-threaded vs 1.6-2.7 ms threaded under load). Benchmarks keep the default.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest  # noqa: E402


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
