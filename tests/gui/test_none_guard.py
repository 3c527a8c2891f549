"""PySide6 builds that drop references to None/True/False must not crash a long session."""

import sys

from PySide6.QtCore import QObject, QPointF, Signal

import nnstudio.gui


def test_many_calls_returning_none_keep_none_alive():
    p = QPointF()
    before = sys.getrefcount(None)
    for _ in range(50_000):  # far beyond None's natural count (about 5,000 at start-up) on Python 3.11
        p.setX(1.0)
    assert sys.getrefcount(None) > 0
    if nnstudio.gui.NONE_GUARD_APPLIED:
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
