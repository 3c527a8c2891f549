"""``nnstudio gui PROJECT --train --epochs N --quit-when-done --report report.json --screenshot shot.png``.

Runs the real window (offscreen works), trains with every view attached and measures what the learner
would feel: training throughput, and how late GUI-thread timers fire while training runs (the stall a
click or a repaint would suffer; see StallMeter). The report is JSON with steps_per_s,
ui_stall_ms_p50/p99/max and updates.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
from PySide6.QtCore import QEasingCurve, QElapsedTimer, QObject, Qt, QTimeLine, QTimer
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QApplication

from nnstudio.project.atomic import write_atomic

SCREENSHOT_AT = 0.75      # fraction of the run at which the "training in progress" picture is taken


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


class HeadlessRun(QObject):
    def __init__(self, window, epochs, quit_when_done, report, screenshot, train):
        super().__init__(window)
        self.window = window
        self.side = window.training
        self.quit_when_done = quit_when_done
        self.report = report
        self.screenshot = screenshot
        self.train = train
        self.meter = StallMeter(parent=self)
        self.shot_taken = False
        self.t0 = None
        self.side.epochs_override = epochs
        c = self.side.controller
        c.sessionStarted.connect(self._started)
        c.sessionFinished.connect(self._finished)
        c.failed.connect(self._failed)
        c.progress.connect(self._progress)
        self.result: dict | None = None

    def begin(self) -> None:
        self.side.show_all_views()
        canvas = getattr(self.window, "canvas", None)
        if canvas is not None and hasattr(canvas, "fit_all"):
            canvas.fit_all()
        if not self.train:
            self._shoot()
            self._write({"trained": False})
            self._quit(0)
            return
        self.side.controller.train()

    def _started(self, job) -> None:
        self.t0 = time.perf_counter()
        self.job = job
        QTimer.singleShot(0, self.meter.start)   # measure training, not the views' one-off set-up

    def _progress(self, info: dict) -> None:
        end = max(info.get("epoch_end", 1), 1)
        start = self.job.initial_epoch if getattr(self, "job", None) else 0
        frac = (info["epoch_pos"] - start) / max(end - start, 1)
        if self.screenshot and not self.shot_taken and frac >= SCREENSHOT_AT:
            self._shoot()

    def _shoot(self) -> None:
        if self.screenshot and not self.shot_taken:
            self.shot_taken = True
            self.side.views.flush()           # every view shows the latest snapshot in the picture
            self.window.grab().save(str(self.screenshot))   # grab() paints synchronously

    def _finished(self, result: dict) -> None:
        # the worker's own clock: from its start to the end of fitting (its waits for the window included,
        # the recording of results into the project after it not)
        seconds = float(result.get("seconds") or (time.perf_counter() - (self.t0 or time.perf_counter())))
        self.meter.stop()
        self._shoot()
        hist = result.get("history") or {}
        steps = int(result.get("steps", 0))
        figures = {"trained": True, "reason": result.get("reason"), "epochs": len(hist.get("loss", [])),
                   "steps": steps, "seconds": round(seconds, 4),
                   "steps_per_s": round(steps / seconds, 2) if seconds > 0 else None,
                   **self.meter.figures(), "updates": int(self.side.views.updates)}
        for key in ("loss", "val_loss", "accuracy", "val_accuracy", "mae", "val_mae", "r2", "val_r2"):
            if hist.get(key):
                figures[key] = hist[key][-1]
        self.result = figures
        self._write(figures)
        if self.quit_when_done:
            self._quit(0 if result.get("reason") in ("completed", "early_stopping", "stopped") else 1)

    def _failed(self, message: str) -> None:
        self.meter.stop()
        print(f"nnstudio: error: {message}", file=sys.stderr)
        self._write({"trained": False, "error": message})
        if self.quit_when_done:
            self._quit(2)

    def _write(self, figures: dict) -> None:
        if self.report:
            write_atomic(self.report, lambda f: f.write(json.dumps(figures, indent=2).encode("utf-8")))

    def _quit(self, code: int) -> None:
        if self.quit_when_done:
            QTimer.singleShot(0, lambda: QApplication.instance().exit(code))


def run(window, epochs: int | None = None, quit_when_done: bool = False, report: str | None = None,
        screenshot: str | None = None, train: bool = True):
    """Start the run once the event loop runs; returns None so the caller enters ``app.exec()``."""
    if getattr(window, "training", None) is None:
        print("nnstudio: error: the training panels are not attached to this window.", file=sys.stderr)
        return 2
    runner = HeadlessRun(window, epochs, quit_when_done, report, screenshot, train)
    window.headless_run = runner
    QTimer.singleShot(300, runner.begin)     # let the window lay out and paint once first
    return None
