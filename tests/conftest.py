import atexit
import os
import shutil
import tempfile

# Headless everywhere: CI has no display. pyqtgraph must bind to PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# Tests use small matrices on a shared 2-core machine, where BLAS threads only contend (a 40x128 @ 128x128
# product measured 64 us single-threaded vs 1.6-2.7 ms threaded under load). Benchmarks keep the default.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Tests never read or write the user's settings, autosaves or downloaded data: a fresh home for each run (a
# running nnstudio, or another test run, must not leave a recovery prompt or a data set behind for the tests).
_HOME = tempfile.mkdtemp(prefix="nnstudio-tests-")
atexit.register(shutil.rmtree, _HOME, True)
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "NNSTUDIO_DATA_DIR"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())
os.environ.pop("NNSTUDIO_DATA_MIRROR", None)

import pytest  # noqa: E402


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
