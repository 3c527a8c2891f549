"""The GUI-side state machine of training: idle, running, paused, stopping.

It owns the QThread and the worker for one session, turns button presses into worker commands and relays
the worker's plain-data signals. A session is one run of Train (or of Step from idle); when it ends the
controller returns to idle and the caller records the results (weights, history) into the project.
A job whose data is too large to prepare on the GUI thread comes as a ``Pending``: it is prepared in a
``Background`` thread ("preparing", with progress and cancel) and the session starts when it is ready.

    idle --train--> running --pause--> paused --resume--> running
    idle --train (large data)--> preparing --prepared--> running      preparing --stop / edit--> idle
    idle --step---> paused (one batch or, Shift, one epoch, then waits)      paused --step--> paused
    running/paused --stop--> stopping --worker finished--> idle
    running --diverged--> paused (weights restored by the engine; Resume retries)
    running --all epochs done / early stopping--> idle
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from nnstudio.gui import gil, missing_data
from nnstudio.gui.background import Background, Cancelled

from .worker import TrainingJob, TrainingWorker

IDLE, RUNNING, PAUSED, STOPPING, PREPARING = "idle", "running", "paused", "stopping", "preparing"


def paint_now(roots=None) -> None:
    """Paint what the frame made dirty at once. Left alone, Qt paints on the window system's update timer a
    few milliseconds later, when training runs again and every Python call inside the paint (pyqtgraph
    items draw themselves in Python) would wait for the GIL: the convoy that made the window stall."""
    widgets = [w for w in (roots() if roots is not None else QApplication.topLevelWidgets()) if w.isVisible()]
    # Twice: painting can change a layout (an axis whose labels grew wider), and left for the event loop that
    # relayout would repaint the plots after the frame, while training runs. The second pass costs nothing
    # when nothing changed.
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)   # scenes process their dirty items
        for widget in widgets:
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.UpdateRequest))


# While a session runs, a thread that finds the GIL taken gets it at the holder's next bytecode check, so the
# window's Python (a click, a timer) never waits for the training thread (why and the figures: docs/training.md).
SWITCH_INTERVAL_S = gil.SWITCH_INTERVAL_S


@dataclass
class Pending:
    """A session to prepare off the GUI thread: ``work(progress)`` runs in a Background thread; ``finish`` turns
    its result into the job on the GUI thread, once ``valid()`` says what it was prepared for has not changed."""

    work: Callable[[Callable[[int, int], None]], Any]
    finish: Callable[[Any], TrainingJob]
    valid: Callable[[], bool] = lambda: True


def _message(exc: Exception) -> str:
    return missing_data.sentence(exc) or getattr(exc, "message", None) or str(exc)


class TrainingController(QObject):
    stateChanged = Signal(str)
    progress = Signal(object)
    snapshot = Signal(object)
    diverged = Signal(object)
    settled = Signal()                 # the worker is blocked, waiting for a command (views are up to date)
    failed = Signal(str)               # a session could not start (no data, bad settings): one sentence
    preparing = Signal(int, int)       # (done, total) of a Pending job's preparation
    sessionStarted = Signal(object)    # the TrainingJob
    sessionFinished = Signal(object)   # the SessionResult

    def __init__(self, make_job: Callable[[int | None], TrainingJob], parent=None, *, metrics_hz: float = 30.0,
                 snapshot_hz: float = 4.0):
        super().__init__(parent)
        self._make_job = make_job
        self._metrics_hz = metrics_hz
        self._snapshot_hz = snapshot_hz
        self.state = IDLE
        self.worker: TrainingWorker | None = None
        self.thread: QThread | None = None
        self.job: TrainingJob | None = None
        self.last_progress = None          # the latest Progress
        self._frame_no = 0                 # counts frames, so a part left from an ended one is not drawn
        self._held = None                  # the worker's gate while a frame is pending
        self._parts: list = []             # the frame's parts still to draw (callables)
        self.frame_parts = None            # () -> the parts of a frame, each a callable drawing one (the views)
        self._switch = False               # gil.hold() is in force for the session
        self.paint_roots = None            # () -> the windows a frame paints (default: every top-level widget)
        self.snapshot_parts = None         # () -> the optional snapshot parts shown (default: all)
        self.pace = None                   # the session's pace (TrainingSession.set_pace); None: full speed
        self.preparation = Background(self)
        self._pending = None               # (Pending, paused, first command) while preparing
        self.preparation.progressed.connect(self.preparing)
        self.preparation.finished.connect(self._on_prepared)
        self.preparation.failed.connect(self._on_prepare_failed)

    # -- commands ------------------------------------------------------------------------------------
    def train(self, epochs: int | None = None) -> None:
        """Start a session (``epochs``: instead of the settings' number), or resume a paused one."""
        if self.state == IDLE:
            self._start(paused=False, epochs=epochs)
        elif self.state == PAUSED:
            self.resume()

    def pause(self) -> None:
        if self.state == RUNNING:
            self.worker.send("pause")
            self._set_state(PAUSED)

    def resume(self) -> None:
        if self.state == PAUSED:
            self.worker.send("resume")
            self._set_state(RUNNING)

    def toggle_pause(self) -> None:
        self.pause() if self.state == RUNNING else self.resume()

    def step(self, unit: str = "batch") -> None:
        """One batch (or one epoch with unit="epoch"), then wait paused. From idle this starts a session."""
        if self.state == IDLE:
            self._start(paused=True, first=("step", unit))  # queued before the thread runs: no early settle
        elif self.state in (RUNNING, PAUSED):
            self.worker.send("step", unit)
            self._set_state(PAUSED)

    def stop(self) -> None:
        if self.state == PREPARING:
            self.cancel_preparation()
        elif self.state in (RUNNING, PAUSED):
            self.worker.send("stop")
            self._set_state(STOPPING)

    def set_learning_rate(self, lr: float) -> None:
        """Safe live: the worker applies it between two batches."""
        if self.worker is not None and self.state in (RUNNING, PAUSED):
            self.worker.send("learning_rate", float(lr))

    def set_pace(self, pace) -> None:
        """Full speed (None) or ("epoch" | "batch", per second); a running session changes pace at once."""
        self.pace = pace
        if self.worker is not None:
            self.worker.session.set_pace(pace)

    def set_snapshot_parts(self, parts) -> None:
        """The optional snapshot parts some view now shows (a tab was brought forward or hidden)."""
        if self.worker is not None:
            self.worker.parts = frozenset(parts)

    def cancel_preparation(self) -> None:
        """Drop the session being prepared and go back to idle at once; its thread stops at its next step."""
        if self.state == PREPARING:
            self.preparation.cancel()
            self._pending = None
            self._set_state(IDLE)

    def recheck(self) -> None:
        """Something was edited: a preparation for what is no longer there is cancelled."""
        if self._pending is not None and not self._pending[0].valid():
            self.cancel_preparation()

    def shutdown(self) -> None:
        """Stop, wait for the thread and drop the session's results (project replaced, test teardown).
        Signals the worker sent before it stopped are ignored from here on."""
        self._pending = None
        self.preparation.stop()
        if self.worker is not None:
            self.worker.send("stop")
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self._cleanup()
        self._set_state(IDLE)

    def finish_now(self) -> None:
        """Stop, wait, and deliver the session's end at once (window closing: the results are recorded
        before the window asks whether to save)."""
        if self.worker is None:
            self.shutdown()          # a preparation's thread ends with the window too
            return
        self.worker.send("stop")
        self.thread.quit()
        self.thread.wait()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)   # the queued finished signal
        if self.worker is not None:                                     # it never came: give up cleanly
            self.shutdown()

    @property
    def busy(self) -> bool:
        return self.state != IDLE

    # -- internals -----------------------------------------------------------------------------------
    def _start(self, paused: bool, first: tuple | None = None, epochs: int | None = None) -> None:
        try:
            job = self._make_job(epochs)
        except Exception as exc:  # ProjectError/DataError/SpecError/ValueError: say it, stay idle
            self.failed.emit(_message(exc))
            return
        if isinstance(job, Pending):
            self._pending = (job, paused, first)
            self._set_state(PREPARING)
            self.preparation.start(lambda progress, work=job.work: _sentences(work, progress))
            return
        self._launch(job, paused, first)

    def _on_prepared(self, result) -> None:
        if self.state != PREPARING or self._pending is None:    # cancelled meanwhile: dropped
            return
        (pending, paused, first), self._pending = self._pending, None
        self.preparation.stop()           # its work has returned: let the thread end now
        if not pending.valid():
            self._set_state(IDLE)
            return
        try:
            job = pending.finish(result)
        except Exception as exc:
            self._set_state(IDLE)
            self.failed.emit(_message(exc))
            return
        self._launch(job, paused, first)

    def _on_prepare_failed(self, message: str) -> None:
        if self.state == PREPARING:
            self._pending = None
            self._set_state(IDLE)
            self.failed.emit(message)

    def _launch(self, job: TrainingJob, paused: bool, first: tuple | None) -> None:
        self.job = job
        self.thread = QThread()
        self.thread.setObjectName("nnstudio-training")
        self.worker = TrainingWorker(job, start_paused=paused, metrics_hz=self._metrics_hz,
                                     snapshot_hz=self._snapshot_hz)
        self.worker.session.paced = True        # this controller draws frames and releases it
        if self.snapshot_parts is not None:
            self.worker.parts = frozenset(self.snapshot_parts())
        if self.pace is not None:
            self.worker.session.set_pace(self.pace)
        if first is not None:
            self.worker.send(*first)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.update.connect(self._on_update)
        self.worker.stateChanged.connect(self._on_worker_state)
        self.worker.diverged.connect(self._on_diverged)
        self.worker.finished.connect(self._on_finished)
        self._set_state(PAUSED if paused else RUNNING)
        self.sessionStarted.emit(job)
        # the views just reset for the session: show them now, before the worker runs, rather than paint them
        # on the event loop's next turn while training competes for the GIL (a dozen plot repaints)
        paint_now(self.paint_roots)
        gil.hold()
        self._switch = True
        self.thread.start()

    def _current(self) -> bool:
        """True when the signal being handled comes from the live worker (not one already shut down)."""
        return self.worker is not None and self.sender() is self.worker

    def _on_update(self, info, snap) -> None:
        if not self._current():
            return
        if snap is not None:            # first: the views hold the newest picture when the progress arrives
            self.snapshot.emit(snap)
        self.last_progress = info
        self.progress.emit(info)
        self._hold_worker()

    def _hold_worker(self) -> None:
        """Draw a frame for the update the worker just sent; the worker waits until it is painted. The frame
        starts at once: left to a posted event, the repaints this update asked for (the progress line, a plot
        whose range grew) would be painted first and again in the frame."""
        worker = self.worker
        if worker is not None and self._held is None:
            self._held = worker.session.frame_done
            self._draw_frame()

    def _draw_frame(self) -> None:
        """The frame's first part of ``frame_parts``, painted. Each further part is drawn and painted on an
        event of its own, so the window handles input and timers between them: a click waits for one part,
        not for the whole frame."""
        self._frame_no += 1
        try:
            self._parts = list(self.frame_parts()) if self.frame_parts is not None else []
        except BaseException:
            self._release_worker()
            raise
        self._draw_part(self._frame_no)

    def _draw_part(self, frame_no: int) -> None:
        """Draw and paint the frame's next part; after the last one training goes on."""
        if frame_no != self._frame_no or self._held is None:   # the session ended meanwhile
            return
        parts = self._parts
        try:
            if parts:
                parts.pop(0)()
            paint_now(self.paint_roots)
        except BaseException:
            parts.clear()
            raise
        finally:
            if not parts:
                self._release_worker()
        if parts:
            QTimer.singleShot(0, self, lambda: self._draw_part(frame_no))

    def _release_worker(self) -> None:
        self._parts = []
        gate, self._held = self._held, None
        if gate is not None:
            gate.set()

    def _on_worker_state(self, state: str) -> None:
        # the worker says "paused" each time it really blocks (after a pause or a finished step)
        if state == "paused" and self._current():
            self.settled.emit()

    def _on_diverged(self, info) -> None:
        if not self._current():
            return
        if self.state in (RUNNING, PAUSED):
            self._set_state(PAUSED)
        self.diverged.emit(info)

    def _on_finished(self, result) -> None:
        if not self._current():
            return
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self._cleanup()
        self._set_state(IDLE)
        self.sessionFinished.emit(result)

    def _cleanup(self) -> None:
        if self._switch:
            gil.release()
            self._switch = False
        self._release_worker()          # a frame still pending: the worker it held is gone
        if self.worker is not None:
            self.worker.deleteLater()
        if self.thread is not None:
            self.thread.deleteLater()
        self.worker = None
        self.thread = None

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)


def _sentences(work, progress):
    """``work(progress)``, every error but a cancel turned into its sentence, as _start says it on the GUI thread
    (Background passes on only the domain errors)."""
    try:
        return work(progress)
    except Cancelled:
        raise
    except Exception as exc:
        raise ValueError(_message(exc)) from exc
