"""One computation off the GUI thread, with progress and cancel (the explorers' and gradient check's work).

``Background(parent)`` runs ``fn(progress)`` in a QThread of its own; ``fn`` calls ``progress(done, total)``
now and then (the engine's progress callbacks), which emits ``progressed`` and, once ``cancel()`` was asked
for, raises to stop the work there. Results come back as plain data through ``finished``; an error as one
sentence through ``failed``. The worker never touches widgets. ``stop()`` cancels and waits for the thread
(a window calls it when it closes, so no thread outlives it).
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from nnstudio.data.errors import DataError
from nnstudio.engine.errors import SpecError, TrainingDiverged
from nnstudio.project.errors import ProjectError

# the domain errors carry a sentence meant for the user; anything else is a bug and keeps its traceback
_SENTENCE_ERRORS = (SpecError, DataError, ProjectError, TrainingDiverged, ValueError)


class Cancelled(Exception):
    """Raised inside the work by ``progress`` once cancel was asked for."""


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.fn = fn
        self.stop_asked = threading.Event()

    def progress(self, done: int, total: int) -> None:
        if self.stop_asked.is_set():
            raise Cancelled
        self.progressed.emit(int(done), int(total))

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Cancelled:
            self.cancelled.emit()
        except _SENTENCE_ERRORS as exc:
            self.failed.emit(str(exc))
        else:
            self.finished.emit(result)


class Background(QObject):
    """At most one computation at a time; starting another cancels the one running (its result is dropped)."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: _Worker | None = None
        # stopped workers stay alive: their queued signals may still be waiting in the event loop, and a slot
        # reading sender() of a deleted QObject crashes the process (a handful of small objects per window)
        self._retired: list[_Worker] = []

    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def start(self, fn: Callable[[Callable[[int, int], None]], Any]) -> None:
        self.stop()
        worker = _Worker(fn)
        thread = QThread(self)
        thread.setObjectName("background_computation")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        for signal, relay in ((worker.progressed, self._progressed), (worker.finished, self._finished),
                              (worker.failed, self._failed), (worker.cancelled, self._cancelled)):
            signal.connect(relay)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(thread.quit)
        self.thread, self.worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        """Ask the running work to stop at its next progress call (``cancelled`` follows)."""
        if self.worker is not None:
            self.worker.stop_asked.set()

    def stop(self) -> None:
        """Cancel and wait for the thread: nothing of the old work arrives after this."""
        if self.thread is None:
            return
        thread, worker = self.thread, self.worker
        self.thread = self.worker = None
        worker.stop_asked.set()
        thread.quit()
        thread.wait()
        self._retired.append(worker)
        thread.deleteLater()

    # results of a stopped computation are ignored: only the current worker's signals pass
    def _current(self) -> bool:
        return self.worker is not None and self.sender() is self.worker

    def _progressed(self, done: int, total: int) -> None:
        if self._current():
            self.progressed.emit(done, total)

    def _finished(self, result) -> None:
        if self._current():
            self.finished.emit(result)

    def _failed(self, message: str) -> None:
        if self._current():
            self.failed.emit(message)

    def _cancelled(self) -> None:
        if self._current():
            self.cancelled.emit()


def progress_controls(background: Background, bar, cancel) -> Callable[[bool], None]:
    """Wire a progress bar and a Cancel button to ``background``; returns ``busy(on)``, which shows them (the bar
    busy until the first progress report) or hides them."""
    def busy(on: bool) -> None:
        cancel.setVisible(on)
        bar.setVisible(on)
        bar.setRange(0, 0)

    def progressed(done: int, total: int) -> None:
        bar.setRange(0, total)
        bar.setValue(done)

    background.progressed.connect(progressed)
    cancel.clicked.connect(background.cancel)
    return busy
