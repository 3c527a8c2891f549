"""How late GUI-thread timers fire while the window trains: the stall a click or a repaint would suffer.

Used by window_run.py (and so by gui_training.py); kept out of the app, which has no use for it.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEasingCurve, QElapsedTimer, QObject, Qt, QTimeLine, QTimer
from PySide6.QtTest import QSignalSpy


class StallMeter(QObject):
    """How late GUI-thread timers fire while training runs (milliseconds), from two probes:

    - every 10 ms, a timer handled in C++ alone (a QTimeLine recorded by a QSignalSpy): the event loop's own
      stalls, such as a long frame, measured without disturbing training;
    - every 100 ms, a timer handled in Python: it must also wait for the GIL, as a click or key handler would.

    A Python probe every 10 ms would itself slow XOR training by 4-15 % (switched on and off within runs; about
    a quarter before the 1 us switch interval): every tick takes the GIL from the training thread and gives it
    back. A learner watching makes no such stream of Python events, so the dense probe stays in C++.
    """

    FINE_MS = 10
    PYTHON_MS = 100
    _SPY_LIMIT = 6000      # entries a spy holds before it is swapped for a fresh one (a minute at 10 ms)
    _DRAIN_AT = 1000       # the Python probe reads the C++ probe's ticks in batches this big (and at the end)
    _TIMELINE_MS = 2**31 - 1   # the longest QTimeLine: about 24 days, so its clock never wraps

    def __init__(self, interval_ms: int = PYTHON_MS, fine_ms: int = FINE_MS, parent=None):
        super().__init__(parent)
        self.interval = interval_ms
        self.fine_interval = fine_ms
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.timeline = QTimeLine(self._TIMELINE_MS, self)
        self.timeline.setUpdateInterval(fine_ms)
        self.timeline.setEasingCurve(QEasingCurve.Type.Linear)
        self.clock = QElapsedTimer()
        self.lateness: list[float] = []      # the Python probe's
        self.fine_lateness: list[float] = []  # the C++ probe's
        self._last = None
        self._spy = None
        self._read = 0
        self._fine_last = None

    def start(self) -> None:
        self.clock.start()
        self._last = self.clock.nsecsElapsed()
        self._new_spy()
        self.timeline.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.timeline.stop()
        self._drain()

    def _new_spy(self) -> None:
        self._spy = QSignalSpy(self.timeline.valueChanged)
        self._read = 0

    def _drain(self) -> None:
        """Turn the C++ probe's recorded ticks into lateness (the spy holds each tick's timeline value)."""
        spy = self._spy
        if spy is None:
            return
        count = spy.count()
        for i in range(self._read, count):
            t = spy.at(i)[0] * self._TIMELINE_MS     # the timeline's clock at the tick, whole milliseconds
            if self._fine_last is not None:
                self.fine_lateness.append(max(0.0, round(t - self._fine_last) - self.fine_interval))
            self._fine_last = t
        self._read = count
        if count >= self._SPY_LIMIT:
            self._new_spy()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.lateness.append(max(0.0, (now - self._last) / 1e6 - self.interval))
        self._last = now
        if self._spy is not None and self._spy.count() - self._read >= self._DRAIN_AT:
            self._drain()       # rarely: reading ticks is Python work that competes with training

    def figures(self) -> dict:
        """Percentiles of both probes' lateness together, and the Python probe's alone; null when no tick was
        measured (a run too short to say anything)."""
        both = self.lateness + self.fine_lateness
        if not both:
            return {"ui_stall_ms_p50": None, "ui_stall_ms_p99": None, "ui_stall_ms_max": None, "ui_ticks": 0,
                    "ui_stall_ms_p99_python": None, "ui_ticks_python": 0}
        a = np.asarray(both)
        py = np.asarray(self.lateness)
        return {"ui_stall_ms_p50": round(float(np.percentile(a, 50)), 3),
                "ui_stall_ms_p99": round(float(np.percentile(a, 99)), 3),
                "ui_stall_ms_max": round(float(a.max()), 3), "ui_ticks": len(a),
                "ui_stall_ms_p99_python": round(float(np.percentile(py, 99)), 3) if len(py) else None,
                "ui_ticks_python": len(py)}
