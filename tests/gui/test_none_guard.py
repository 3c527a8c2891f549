"""PySide6 builds that drop references to None/True/False must not crash a long session."""

import subprocess
import sys

from PySide6.QtCore import QObject, QPointF, Signal

from nnstudio.gui import pyside_refcount


def test_many_calls_returning_none_keep_none_alive():
    p = QPointF()
    before = sys.getrefcount(None)
    for _ in range(50_000):  # far beyond None's natural count (about 5,000 at start-up) on Python 3.11
        p.setX(1.0)
    assert sys.getrefcount(None) > 0
    if pyside_refcount.applied():  # applied by tests/gui/conftest.py, as the app does at start
        assert before > 1 << 39  # the guard made the count unreachable
    else:  # this binding keeps None's count (or None is immortal): nothing was patched
        assert sys.getrefcount(None) >= before - 100 or sys.version_info >= (3, 12)


class _Emitter(QObject):
    flag = Signal(bool)


def test_many_bool_signals_keep_true_and_false_alive():
    e = _Emitter()
    seen = []
    e.flag.connect(seen.append)
    for i in range(20_000):
        e.flag.emit(i % 2 == 0)
    assert len(seen) == 20_000 and seen[:2] == [True, False]
    assert sys.getrefcount(True) > 0 and sys.getrefcount(False) > 0


def _none_refcount_after(code: str) -> int:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(sys.getrefcount(None))"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.split()[-1])


def test_importing_the_gui_package_leaves_the_interpreter_alone():
    assert _none_refcount_after("import nnstudio.gui, nnstudio.gui.main_window") < 1 << 39


def test_starting_the_app_applies_the_guard_where_the_binding_needs_it():
    count = _none_refcount_after("from nnstudio.gui import app, pyside_refcount\napp.application()\n"
                                 "assert pyside_refcount.applied() == pyside_refcount.guard()")
    if pyside_refcount.applied():  # the same binding in the child process
        assert count > 1 << 39
