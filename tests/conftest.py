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


def pytest_sessionfinish(session, exitstatus):
    """The windows and widgets the tests left behind are deleted while Python and the QApplication still run.
    Left to the interpreter's exit, they were destroyed in whatever order its finalization reached them, after
    the application, and the process could crash after every test had passed (seen once in three full runs:
    "shared QObject was deleted directly", then a segmentation fault, exit status 139)."""
    import sys
    if "PySide6.QtWidgets" not in sys.modules:
        return
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
