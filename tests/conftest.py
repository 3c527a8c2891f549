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


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """A run that used Qt ends here, with pytest's exit status, without Python's own finalization.

    The test process ends with thousands of widgets left behind (2,733 top-level ones after a full run, 2,097 of
    them pyqtgraph's parentless context menus, 207 ViewBox menus whose plots are gone). Python's finalization
    destroys them in whatever order it reaches them, after the application, and that could crash the process
    after every test had passed (a full run in three: "shared QObject was deleted directly", then a
    segmentation fault, exit status 139; deleting them one by one before the end crashed on a ViewBox menu
    too). Every report is written by now; the temporary home is removed here, as its atexit handler would."""
    import sys
    if "PySide6.QtWidgets" not in sys.modules or not _EXIT_STATUS:
        return
    shutil.rmtree(_HOME, True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_EXIT_STATUS[-1])
