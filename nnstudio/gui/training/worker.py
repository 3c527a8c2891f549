"""The Qt side of a training session: a QObject living in a QThread that runs one
``nnstudio.project.session.TrainingSession`` and emits its records as signals. It never touches widgets.

The snapshots the live views draw (weights, gradients, activations, the decision boundary, the card
pictures) are computed here, in the training thread, between two batches.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from nnstudio.project.session import Divergence, Progress, SessionResult, TrainingJob, TrainingSession

from . import card_images, snapshots

__all__ = ["TrainingJob", "TrainingWorker"]


class TrainingWorker(QObject):
    """Runs one job. Create, move to a QThread, connect ``thread.started`` to ``run``; talk via ``session``
    (its commands are thread-safe)."""

    # one signal per report, so a window draws exactly one frame for it: (Progress, Snapshot or None)
    update = Signal(object, object)
    stateChanged = Signal(str)      # "running" | "paused"
    diverged = Signal(object)       # Divergence (the session then waits paused)
    finished = Signal(object)       # SessionResult

    def __init__(self, job: TrainingJob, *, start_paused: bool = False, metrics_hz: float = 30.0,
                 snapshot_hz: float = 4.0, parent=None):
        super().__init__(parent)
        self.job = job
        # the optional snapshot parts some view shows; set from the GUI thread (one assignment: atomic)
        self.parts = snapshots.OPTIONAL_PARTS
        self.plan = snapshots.SnapshotPlan.build(job.spec, job.task, job.X, job.y, job.X_val, job.y_val,
                                                 job.n_classes)
        self.session = TrainingSession(job, on_progress=self._progress, on_state=self.stateChanged.emit,
                                       on_diverged=self._diverged, snapshot=self._snapshot,
                                       start_paused=start_paused, metrics_hz=metrics_hz, snapshot_hz=snapshot_hz)

    def send(self, command: str, value=None) -> None:
        """A session command (see TrainingSession.send)."""
        self.session.send(command, value)

    @Slot()
    def run(self) -> None:
        result: SessionResult = self.session.run()
        self.finished.emit(result)

    def _progress(self, progress: Progress, snap) -> None:
        self.update.emit(progress, snap)

    def _diverged(self, info: Divergence) -> None:
        self.diverged.emit(info)

    def _snapshot(self, network, step: int, position: float, full: bool) -> snapshots.Snapshot:
        # a pause or the end: every part, for the tabs the learner may open now
        parts = snapshots.OPTIONAL_PARTS if full else self.parts
        snap = snapshots.take(self.plan, network, step=step, epoch=position, parts=parts)
        snap.card_pixels = card_images.pixels(snap, self.job.spec)
        return snap
