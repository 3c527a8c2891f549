"""The training worker: a QObject living in a QThread that runs ``Network.fit`` and never touches widgets.

Between batches the engine calls the worker's hooks; there it reads commands (pause, resume, step, stop,
learning rate) from a thread-safe queue, blocking while paused, and emits plain data. Emission is
coalesced by time: metrics at most ``metrics_hz`` times a second, snapshots (weights, gradients, activations,
the decision boundary) at most ``snapshot_hz`` times a second, however fast training runs, and further apart
when the window's frames or the snapshots would otherwise take more than their share of the time.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from array import array
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from nnstudio.engine.errors import TrainingDiverged

from . import card_images, snapshots

_now = time.perf_counter
MAX_EPOCH_POINTS = 32     # epoch logs sent per update when epochs are tiny (XOR: thousands a second)
MAX_BATCH_POINTS = 16     # points of the per-batch loss curve sent per update
LOSS_SAMPLES = 2 * MAX_BATCH_POINTS   # batch losses kept per update, one every so many batches
# the GUI can hold training back this long at most per update: a slower frame would only be slower still
# with training competing for the GIL, and the frame shares below keep slow frames rare
MAX_FRAME_WAIT_S = 0.25
# Shares of training time the live views may take: the window's frames (the worker waits while one is
# drawn) and the worker's own snapshots. Updates are spaced so neither exceeds its share, however slow the
# machine or large the window: a costly frame simply makes the next update come a little later.
FRAME_SHARE = 0.03
SNAPSHOT_SHARE = 0.02
MAX_EMIT_GAP_S = 0.5      # ...but the curves move at least twice a second
MAX_SNAPSHOT_GAP_S = 1.0  # ...and the pictures at least once a second
FULL_RATE_S = 1.5         # the first seconds of a session update at the full rate: most lessons are over by then
COST_SMOOTHING = 0.3      # weight of the newest cost in the running estimate (one slow frame is not a trend)
# Each finished epoch's logs are kept as the engine's dict (appending it is all a 45 us XOR step can afford),
# and sent dicts are packed into arrays once this many pile up: a million-epoch XOR session would otherwise
# hold ~300 MB of dicts.
COMPACT_EVERY = 100_000


@dataclass
class TrainingJob:
    """Everything one training session needs, prepared in the GUI thread before the worker starts."""

    network: Any
    X: np.ndarray
    y: np.ndarray
    loss: Any
    epochs: int
    batch_size: int = 32
    X_val: np.ndarray | None = None
    y_val: np.ndarray | None = None
    optimizer: Any = None
    initial_epoch: int = 0
    initial_step: int = 0
    seed: int | None = None
    early_stopping: dict | None = None
    task: str = "regression"
    n_classes: int = 0
    spec: dict = field(default_factory=dict)
    fit_kwargs: dict = field(default_factory=dict)   # anything else the engine's fit accepts
    prepared: Any = None                              # the project runner's Prepared, handed back at the end

    @classmethod
    def from_prepared(cls, prepared, spec: dict, epochs: int | None = None) -> "TrainingJob":
        """A job from ``nnstudio.project.runner.prepare``'s result (its fit kwargs are the settings)."""
        kw = dict(prepared.fit_kwargs)
        known = ("loss", "optimizer", "epochs", "batch_size", "seed", "validation_data", "early_stopping",
                 "initial_epoch")
        extra = {k: v for k, v in kw.items() if k not in known}
        task = prepared.dataset.task
        n_classes = prepared.dataset.n_classes or 0
        return cls(network=prepared.network, X=prepared.X, y=prepared.y, X_val=prepared.X_val,
                   y_val=prepared.y_val, loss=kw.get("loss", prepared.loss), optimizer=kw.get("optimizer"),
                   epochs=int(kw.get("epochs", 1) if epochs is None else epochs),
                   batch_size=kw.get("batch_size", 32), initial_epoch=int(kw.get("initial_epoch", 0)),
                   initial_step=int(getattr(prepared.network, "step_count", 0)), seed=kw.get("seed"),
                   early_stopping=kw.get("early_stopping"), task=task, n_classes=n_classes, spec=spec,
                   fit_kwargs=extra, prepared=prepared)


def _batch_points(losses: list[tuple[int, float]], step: int, epoch_pos: float,
                  bpe: int) -> tuple[list[float], list[float]]:
    """Up to MAX_BATCH_POINTS of the (step, loss) pairs kept since the last update, evenly picked (the last
    always), each at its own fractional epoch, counted back from ``step`` at ``epoch_pos``: real batch losses,
    so the faint per-batch curve keeps the minibatch noise. Means of runs of batches would smooth it away and
    hide the curve under the epoch curve."""
    n = len(losses)
    if not n:
        return [], []
    picks = np.linspace(0, n - 1, min(n, MAX_BATCH_POINTS)).round().astype(int)
    return ([epoch_pos - (step - losses[i][0]) / bpe for i in picks], [float(losses[i][1]) for i in picks])


def _smooth(estimate: float, cost: float) -> float:
    return estimate + COST_SMOOTHING * (cost - estimate)


def _gap(base: float, cost: float, share: float, cap: float) -> float:
    """Seconds between two updates: ``base`` at least, wider when ``cost`` each would exceed ``share`` of the
    time, but never wider than ``cap`` (or ``base``, if that is wider)."""
    return min(max(base, cost / share), max(cap, base))


def _values(logs: dict) -> dict[str, float]:
    """The metrics of one epoch's logs as plain floats (the batch/epoch counters left out)."""
    return {k: float(v) for k, v in logs.items()
            if isinstance(v, (int, float, np.floating)) and k not in ("epoch", "batch", "step")}


def _compact(epoch_logs: list[dict], into: dict[str, array]) -> None:
    """Move epoch logs dicts into per-metric arrays of doubles (8 bytes a value instead of ~100)."""
    for logs in epoch_logs:
        for k, v in _values(logs).items():
            into.setdefault(k, array("d")).append(v)


def _history(epoch_logs: list[dict], compacted: dict[str, array]) -> dict[str, list[float]]:
    """The session's full history, one value per finished epoch, however fit was left: the compacted
    epochs' values first, then those of the logs still kept as dicts."""
    merged = {k: array("d", a) for k, a in compacted.items()}
    _compact(epoch_logs, merged)
    return {k: a.tolist() for k, a in merged.items()}


class _Stop(Exception):
    """Raised from a callback to leave ``fit`` at once (a stop requested while paused runs no more batch)."""


class TrainingWorker(QObject):
    """Runs one job. Create, move to a QThread, connect ``thread.started`` to ``run``; talk via ``send``."""

    # one signal per update, so a window draws exactly one frame for it (two signals would let it draw the
    # first and release the worker before the second arrived): (progress, snapshot or None), where progress
    # holds step, epoch, batch, rates, batch-loss points and finished epochs, and the snapshot comes from
    # snapshots.take
    update = Signal(object, object)
    stateChanged = Signal(str)      # "running" | "paused"
    diverged = Signal(object)       # dict: message, epoch, step (the worker then waits paused)
    finished = Signal(object)       # dict: reason, message, histories (fit's History objects), history
                                    # (one list per metric), seconds, steps, epoch

    def __init__(self, job: TrainingJob, *, start_paused: bool = False, metrics_hz: float = 30.0,
                 snapshot_hz: float = 4.0, parent=None):
        super().__init__(parent)
        self.job = job
        self._commands: queue.Queue = queue.Queue()
        # Set by the GUI thread when it has drawn the frame for an update. Both threads need the GIL, and
        # each Python call a paint makes would wait for it while training runs (a convoy that stalls the
        # window and slows training). So when ``paced`` (a controller draws frames), the worker waits here
        # after each update it sends, at most MAX_FRAME_WAIT_S: the window draws with the GIL to itself, and
        # training loses only the time the frame really takes.
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        self.paced = False
        self.parts = snapshots.OPTIONAL_PARTS   # the optional snapshot parts some view shows (command "parts")
        self._paused = start_paused
        self._allow = 0                 # batches still allowed while paused (Step)
        self._until_epoch_end = False   # Shift+Step: run to the end of the current epoch
        self._stop = False
        self._attention = True          # look at the commands at the next batch (see run)
        self._metrics_dt = 1.0 / metrics_hz
        self._snapshot_dt = 1.0 / snapshot_hz if snapshot_hz > 0 else math.inf
        self._emit_gap, self._snapshot_gap = self._metrics_dt, self._snapshot_dt   # widened by the shares
        self._frame_cost = self._snapshot_cost = 0.0                              # running estimates (s)
        self.plan = snapshots.SnapshotPlan.build(job.spec, job.task, job.X, job.y, job.X_val, job.y_val,
                                                 job.n_classes)

    # -- GUI thread ------------------------------------------------------------------------------------
    def send(self, command: str, value: Any = None) -> None:
        """Queue a command: pause, resume, step ("batch" | "epoch"), stop, learning_rate (float), parts (the
        optional snapshot parts to compute, see snapshots.OPTIONAL_PARTS)."""
        self._commands.put((command, value))
        self._attention = True    # after the put: the worker clears it before it drains the queue

    # -- worker thread ---------------------------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        job = self.job
        net = job.network
        histories = []
        self._steps = 0
        self._epoch = job.initial_epoch
        self._epoch_end = job.initial_epoch + job.epochs
        self._t0 = time.perf_counter()
        self._paused_time = 0.0
        self._last_snap = -math.inf
        self._pending_losses: list[tuple[int, float]] = []   # (step, loss) of every _loss_every-th batch
        # The batch hooks run after every batch (tens of thousands a second), so they only count; the rest
        # (commands, keeping a batch loss, the update's timing) runs when ``_attention`` is set (a command was
        # sent, or paused) or every _loss_every-th batch, spaced to keep LOSS_SAMPLES losses per update.
        self._attention = True
        self._check_at = 0
        self._loss_every = 1
        self._epoch_logs: list[dict] = []   # finished epochs' logs; those from _sent on are not sent yet
        self._sent = 0
        self._compacted: dict[str, array] = {}   # the values of the earlier epochs, packed (see COMPACT_EVERY)
        self._last_batch = {"batch": 0, "batches_per_epoch": 1}
        self._next_emit = -math.inf
        reason, message = "completed", ""
        optimizer = job.optimizer
        try:
            while self._epoch < self._epoch_end and not self._stop:
                try:
                    # overflow on the way to divergence is expected: the engine detects the non-finite loss
                    # and raises TrainingDiverged, so NumPy's warnings would only be noise (errstate is
                    # per thread)
                    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                        hist = net.fit(job.X, job.y, job.loss, optimizer=optimizer,
                                       epochs=self._epoch_end - self._epoch, initial_epoch=self._epoch,
                                       batch_size=job.batch_size, seed=job.seed,
                                       validation_data=(job.X_val, job.y_val) if job.X_val is not None
                                       and len(job.X_val) else None,
                                       early_stopping=job.early_stopping, callbacks=(self._hooks(),),
                                       **job.fit_kwargs)
                    histories.append(hist)
                    optimizer = None        # continue with the network's kept optimizer
                    if self._epoch < self._epoch_end and not self._stop:
                        reason, message = "early_stopping", "Early stopping: the validation loss stopped improving."
                        break
                except TrainingDiverged as exc:
                    if exc.history is not None:
                        histories.append(exc.history)
                    optimizer = None
                    self._report_divergence(exc)
                    self._paused, self._allow, self._until_epoch_end = True, 0, False
                    self._gate()             # wait for resume/step (retry) or stop
        except _Stop:
            pass
        except Exception as exc:  # a bug or bad data must not kill the thread silently: report it in words
            reason, message = "error", f"Training stopped with an error: {exc}"
        if self._stop and reason == "completed":
            reason, message = "stopped", "Training stopped."
        seconds = time.perf_counter() - self._t0      # the session's wall time, waits for the GUI included
        try:
            self._flush(force_snapshot=True, final=True)
        except Exception as exc:  # the views miss a last picture; the results must still reach the GUI
            message = message or f"The last view update failed: {exc}"
        self.finished.emit({"reason": reason, "message": message, "histories": histories,
                            "history": _history(self._epoch_logs, self._compacted), "seconds": seconds,
                            "steps": self._steps, "epoch": self._epoch})

    def _hooks(self):
        """The engine's callback object: bound methods directly, no extra call per batch (XOR-sized
        networks take tens of microseconds a step, so the callbacks' own cost shows). No on_batch_begin:
        the next batch is gated at the end of the one before (or of its epoch, or in on_train_begin)."""
        self._callbacks = SimpleNamespace(on_train_begin=self._on_train_begin, on_batch_end=self._on_batch_end,
                                          on_epoch_end=self._on_epoch_end)
        return self._callbacks

    def _on_train_begin(self, net, logs=None) -> None:
        bpe = (logs or {}).get("batches_per_epoch") or 1
        self._epoch_end_batch = {"batch": bpe - 1, "batches_per_epoch": bpe}
        if bpe == 1:
            # One batch per epoch (XOR, full batch): the epoch hook does the batch hook's work too. The engine
            # looks its hooks up after on_train_begin, so it then skips a call and a logs dict per step.
            cb = self._callbacks
            cb.on_batch_end = None
            cb.on_epoch_end = self._on_whole_epoch
            self._last_batch = self._epoch_end_batch
        self._attend()     # the first batch is gated here, the later ones after the batch or epoch before them

    def _attend(self) -> None:
        """Obey the commands sent (blocking while paused) before the next batch, then decide whether the
        batch after it needs attention too."""
        self._attention = False      # cleared first: a command sent from here on sets it again
        # reading the deque's length without the queue's lock is safe, and a command arriving a moment
        # later is simply seen at the next batch
        if self._commands.queue or self._paused or self._stop:
            self._gate()
        if self._paused or self._stop:
            self._attention = True   # paused (stepping): every batch is gated

    def _drain(self) -> None:
        while True:
            try:
                cmd, value = self._commands.get_nowait()
            except queue.Empty:
                return
            self._handle(cmd, value)

    def _handle(self, cmd: str, value: Any) -> None:
        if cmd == "pause":
            self._paused = True
        elif cmd == "resume":
            self._paused, self._allow, self._until_epoch_end = False, 0, False
            self.stateChanged.emit("running")
        elif cmd == "step":
            self._paused = True
            if value == "epoch":
                self._until_epoch_end = True
            else:
                self._allow += 1
        elif cmd == "stop":
            self._stop = True
        elif cmd == "parts":
            self.parts = frozenset(value)
        elif cmd == "learning_rate":
            opt = getattr(self.job.network, "optimizer", None)
            if opt is not None:
                opt.learning_rate = float(value)
            elif isinstance(self.job.optimizer, dict):
                self.job.optimizer = {**self.job.optimizer, "learning_rate": float(value)}

    def _gate(self) -> None:
        """Before a batch, when a command is pending or the session is paused (see _attend): obey the commands;
        block while paused unless a step allows this batch."""
        self._drain()
        waited = None
        while not self._stop:
            if not self._paused or self._until_epoch_end:
                break
            if self._allow > 0:
                self._allow -= 1
                break
            if waited is None:
                waited = time.perf_counter()
                self._flush(force_snapshot=True)
                self.stateChanged.emit("paused")
            cmd, value = self._commands.get()     # block: paused costs no CPU
            self._handle(cmd, value)
        if waited is not None:
            self._paused_time += time.perf_counter() - waited
        if self._stop:
            raise _Stop

    def _on_batch_end(self, net, logs) -> bool | None:
        # runs after every batch (tens of thousands a second): counting is all most batches cost
        self._steps += 1
        if self._attention or self._steps >= self._check_at:
            return self._batch_checkpoint(logs)
        return None

    def _batch_checkpoint(self, logs) -> bool:
        self._last_batch = logs
        self._keep_loss(logs["loss"])
        if logs["batch"] + 1 < logs["batches_per_epoch"]:
            self._attend()   # the epoch's last batch is gated at the epoch's end: Shift+Step stops there
        return self._stop

    def _keep_loss(self, loss: float) -> None:
        self._pending_losses.append((self._steps, loss))
        self._check_at = self._steps + self._loss_every
        if self._paused or _now() >= self._next_emit:
            self._flush()

    def _on_epoch_end(self, net, logs) -> bool:
        # keep the engine's fresh logs dict as it is; it is turned into plain values only when sent
        # (at most MAX_EPOCH_POINTS per update) and into the history at the end
        self._epoch += 1
        self._epoch_logs.append(logs)
        self._until_epoch_end = False
        self._last_batch = self._epoch_end_batch   # the progress now stands at the epoch's boundary
        if self._epoch < self._epoch_end:
            self._attend()   # before the next epoch's first batch
        return self._stop

    def _on_whole_epoch(self, net, logs) -> bool | None:
        """Batch end, epoch end and the next batch's gate in one call, for one-batch epochs."""
        self._steps += 1
        self._epoch += 1
        self._epoch_logs.append(logs)
        if self._attention or self._steps >= self._check_at:
            self._until_epoch_end = False
            self._keep_loss(logs["loss"])
            if self._epoch < self._epoch_end:
                self._attend()   # before the next epoch's batch
            return self._stop
        return None

    def _flush(self, force_snapshot: bool = False, final: bool = False) -> None:
        now = _now()
        job = self.job
        steps = job.initial_step + self._steps
        bpe = max(self._last_batch["batches_per_epoch"] or 1, 1)
        batch = self._last_batch["batch"]
        # fractional epoch position: the x axis shared by batch and epoch curves
        epoch_pos = self._epoch + ((batch + 1) % bpe) / bpe if self._steps else float(self._epoch)
        elapsed = max(now - self._t0 - self._paused_time, 1e-9)
        rate = self._steps / elapsed
        remaining = max(self._epoch_end - epoch_pos, 0.0) * bpe
        first = self._epoch - (len(self._epoch_logs) - self._sent) + 1   # the number of the first unsent epoch
        picked = range(self._sent, len(self._epoch_logs))
        if len(picked) > MAX_EPOCH_POINTS:
            picked = self._sent + np.linspace(0, len(picked) - 1, MAX_EPOCH_POINTS).round().astype(int)
        epochs = [(first + int(i) - self._sent, _values(self._epoch_logs[i])) for i in picked]
        self._sent = len(self._epoch_logs)
        if self._sent >= COMPACT_EVERY:
            _compact(self._epoch_logs, self._compacted)
            self._epoch_logs, self._sent = [], 0
        losses = self._pending_losses
        # keep about LOSS_SAMPLES batch losses per update: one every so many batches at the current pace
        if self._steps:
            self._loss_every = max(1, int(rate * self._emit_gap) // LOSS_SAMPLES)
        snap = None
        if force_snapshot or now - self._last_snap >= self._snapshot_gap:
            # computed before anything is sent, so the window's frame does not compete with it for the GIL
            self._last_snap = now
            with np.errstate(all="ignore"):   # huge-but-finite weights may overflow; views show inf
                # a pause or the end: every part, for the tabs the learner may open now
                parts = snapshots.OPTIONAL_PARTS if force_snapshot else self.parts
                snap = snapshots.take(self.plan, job.network, step=steps, epoch=epoch_pos, parts=parts)
                snap["card_pixels"] = card_images.pixels(snap, job.spec)
            self._snapshot_cost = _smooth(self._snapshot_cost, _now() - now)
            if elapsed >= FULL_RATE_S:
                self._snapshot_gap = _gap(self._snapshot_dt, self._snapshot_cost, SNAPSHOT_SHARE, MAX_SNAPSHOT_GAP_S)
        if self.paced:
            self.gui_idle.clear()
        self.update.emit({
            "step": steps, "steps_this_run": self._steps, "epoch": self._epoch, "epoch_pos": epoch_pos,
            "epoch_end": self._epoch_end, "batch": batch, "batches_per_epoch": bpe,
            "steps_per_s": rate, "samples_per_s": rate * job.batch_size if self._steps else 0.0,
            "eta_s": remaining / rate if rate > 0 and self._steps else None,
            # one batch per epoch: the epoch curve is the batch curve
            "batch_points": _batch_points(losses, self._steps, epoch_pos, bpe) if bpe > 1 else ([], []),
            "epochs": epochs, "paused": self._paused, "final": final,
        }, snap)
        self._pending_losses = []
        if self.paced:
            waited = _now()
            self.gui_idle.wait(MAX_FRAME_WAIT_S)
            self._frame_cost = _smooth(self._frame_cost, _now() - waited)
            if elapsed >= FULL_RATE_S:
                self._emit_gap = _gap(self._metrics_dt, self._frame_cost, FRAME_SHARE, MAX_EMIT_GAP_S)
        self._next_emit = _now() + self._emit_gap

    def _report_divergence(self, exc: TrainingDiverged) -> None:
        lr = getattr(getattr(self.job.network, "optimizer", None), "learning_rate", None)
        hint = (f"try a smaller learning rate (now {lr:g}, for example {lr / 10:g})" if lr else
                "try a smaller learning rate")
        where = f" in epoch {exc.epoch + 1}" if exc.epoch is not None else ""
        text = (f"Training diverged{where}: the loss became infinite or not a number, usually because the "
                f"steps are too large. The last good weights are back and training is paused: {hint}, "
                f"then press Resume.")
        self._sent = len(self._epoch_logs)
        self.diverged.emit({"message": text, "engine_message": exc.message, "epoch": exc.epoch,
                            "step": self.job.initial_step + self._steps})
