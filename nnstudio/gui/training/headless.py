"""``nnstudio gui PROJECT --train --epochs N --quit-when-done --report report.json --screenshot shot.png``.

Runs the real window (offscreen works) and trains with every view attached: for scripted screenshots and
for checking a project trains in the window. The report is JSON with the reason training ended, epochs,
steps, seconds, steps_per_s, updates (view redraws) and the last metrics. A ``meter`` (an object with
start(), stop() and figures() -> dict, such as benchmarks/stall_meter.StallMeter) adds its figures.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from nnstudio.atomic import write_atomic

from ..plots.base import settled_grab

SCREENSHOT_AT = 0.75      # fraction of the run at which the "training in progress" picture is taken


class HeadlessRun(QObject):
    def __init__(self, window, epochs, quit_when_done, report, screenshot, train, meter=None):
        super().__init__(window)
        self.window = window
        self.training = window.training
        self.epochs = epochs
        self.quit_when_done = quit_when_done
        self.report = report
        self.screenshot = screenshot
        self.train = train
        self.meter = meter
        self.shot_taken = False
        self.t0 = None
        self.job = None
        c = self.training.controller
        c.sessionStarted.connect(self._started)
        c.sessionFinished.connect(self._finished)
        c.failed.connect(self._failed)
        c.progress.connect(self._progress)
        self.result: dict | None = None

    def begin(self) -> None:
        if not self.window.on_welcome():     # no project given: the picture is the welcome page as it opens
            self.training.show_all_views()
            self.window.canvas.fit_all()
        if not self.train:
            if self.training.preview.running():    # a trained project: its predictions are in the picture
                self.training.previewDone.connect(self._untrained_done)
            else:
                self._untrained_done()
            return
        self.training.controller.train(epochs=self.epochs)

    def _untrained_done(self) -> None:
        self._shoot()
        self._write({"trained": False})
        self._quit(0)

    def _started(self, job) -> None:
        self.t0 = time.perf_counter()
        self.job = job
        if self.meter is not None:
            QTimer.singleShot(0, self.meter.start)   # measure training, not the views' one-off set-up

    def _progress(self, info) -> None:
        if self.job is None or info.epoch_end is None:
            return
        start = self.job.initial_epoch
        frac = (info.position - start) / max(info.epoch_end - start, 1)
        if self.screenshot and not self.shot_taken and frac >= SCREENSHOT_AT:
            self._shoot()

    def _shoot(self) -> None:
        if self.screenshot and not self.shot_taken:
            self.shot_taken = True
            self.training.views.flush()           # every view shows the latest snapshot in the picture
            settled_grab(self.window).save(str(self.screenshot))   # grab() paints synchronously

    def _finished(self, result) -> None:
        # the session's own clock: from its start to the end of fitting (its waits for the window included,
        # the recording of results into the project after it not)
        seconds = float(result.seconds or (time.perf_counter() - (self.t0 or time.perf_counter())))
        if self.meter is not None:
            self.meter.stop()
        self._shoot()
        hist = result.history
        figures = {"trained": True, "reason": result.reason, "epochs": len(hist.get("loss", [])),
                   "steps": result.steps, "seconds": round(seconds, 4),
                   "steps_per_s": round(result.steps / seconds, 2) if seconds > 0 else None,
                   "updates": int(self.training.views.updates)}
        if self.meter is not None:
            figures.update(self.meter.figures())
        for key in ("loss", "val_loss", "accuracy", "val_accuracy", "mae", "val_mae", "r2", "val_r2"):
            if hist.get(key):
                figures[key] = hist[key][-1]
        self.result = figures
        self._write(figures)
        if self.quit_when_done:
            self._quit(0 if result.reason in ("completed", "early_stopping", "converged", "stopped") else 1)

    def _failed(self, message: str) -> None:
        if self.meter is not None:
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
        screenshot: str | None = None, train: bool = True, meter=None):
    """Start the run once the event loop runs; returns None so the caller enters ``app.exec()``."""
    runner = HeadlessRun(window, epochs, quit_when_done, report, screenshot, train, meter)
    window.headless_run = runner
    QTimer.singleShot(300, runner.begin)     # let the window lay out and paint once first
    return None
