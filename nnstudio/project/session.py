"""A training session: one run of ``Network.fit`` that can be paused, stepped, stopped and re-paced while it
runs, reporting typed records. No Qt: the window's worker thread, the tests and scripts drive the same object.

Commands (``pause``, ``resume``, ``step``, ``stop``, ``set_learning_rate``, ``set_pace``) may come from any
thread; the session obeys them between two batches. Reports go to the functions given to it: ``on_progress``
(a ``Progress`` and, now and then, a snapshot made by the ``snapshot`` function), ``on_state`` ("running" |
"paused") and ``on_diverged`` (a ``Divergence``). ``run()`` returns a ``SessionResult``.

Reports are coalesced by time, so a fast network (XOR: tens of thousands of steps a second) is not slowed by
them: progress at most ``metrics_hz`` times a second, snapshots at most ``snapshot_hz`` times a second, and
further apart when the window's frames or the snapshots would take more than their share of the time
(docs/training.md has the figures behind these choices).
"""

from __future__ import annotations

import math
import queue
import threading
import time
from array import array
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnstudio.engine.errors import TrainingDiverged
from nnstudio.engine.training import Callback, batches_per_epoch
from nnstudio.i18n import _

_now = time.perf_counter
MAX_EPOCH_POINTS = 32     # epoch logs sent per report when epochs are tiny
MAX_BATCH_POINTS = 16     # points of the per-batch loss curve sent per report
LOSS_SAMPLES = 2 * MAX_BATCH_POINTS   # batch losses kept per report
MAX_FRAME_WAIT_S = 0.25   # the longest a frame may hold training back
FRAME_SHARE = 0.03        # shares of training time the window's frames and the snapshots may take
SNAPSHOT_SHARE = 0.02
MAX_EMIT_GAP_S = 0.5      # ...but the curves move at least twice a second
MAX_SNAPSHOT_GAP_S = 1.0  # ...and the pictures at least once a second
FULL_RATE_S = 1.5         # the first seconds report at the full rate: most lessons are over by then
COST_SMOOTHING = 0.3      # weight of the newest cost in the running estimate (one slow frame is not a trend)
COMPACT_EVERY = 100_000   # finished epochs' logs are packed into arrays once this many pile up
ENDLESS_CHUNK = 1_000_000  # epochs per fit call when a session runs until stopped
# pace: how many batches or epochs a second when watching slowly; None is full speed
PACE_UNITS = ("batch", "epoch")


@dataclass
class TrainingJob:
    """Everything one session needs, prepared before it starts. ``epochs=None``: run until stopped."""

    network: Any
    X: np.ndarray
    y: np.ndarray
    loss: Any
    epochs: int | None
    batch_size: int | None = 32
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
    callbacks: tuple = ()                             # more engine callbacks, after the session's own (a Recorder)

    @classmethod
    def from_prepared(cls, prepared, spec: dict, epochs: int | None) -> "TrainingJob":
        """A job from ``nnstudio.project.runner.prepare``'s result (its fit kwargs are the settings), for
        ``epochs`` more epochs (None: until stopped)."""
        kw = dict(prepared.fit_kwargs)
        known = ("loss", "optimizer", "epochs", "batch_size", "seed", "validation_data", "early_stopping",
                 "initial_epoch")
        extra = {k: v for k, v in kw.items() if k not in known}
        return cls(network=prepared.network, X=prepared.X, y=prepared.y, X_val=prepared.X_val,
                   y_val=prepared.y_val, loss=kw.get("loss", prepared.loss), optimizer=kw.get("optimizer"),
                   epochs=None if epochs is None else int(epochs), batch_size=kw.get("batch_size", 32),
                   initial_epoch=int(kw.get("initial_epoch", 0)), initial_step=int(prepared.network.step_count),
                   seed=kw.get("seed"), early_stopping=kw.get("early_stopping"), task=prepared.dataset.task,
                   n_classes=prepared.dataset.n_classes or 0, spec=spec, fit_kwargs=extra, prepared=prepared)

    @property
    def epoch_end(self) -> int | None:
        return None if self.epochs is None else self.initial_epoch + self.epochs


@dataclass(frozen=True)
class Progress:
    """Where a session stands, sent with each report."""

    step: int                      # optimizer steps over the network's life
    steps_this_run: int
    epoch: int                     # epochs finished
    position: float                # in epochs, fractional within one: the x axis of the curves
    epoch_end: int | None          # the epoch the session runs to; None: until stopped
    batch: int
    batches_per_epoch: int
    steps_per_s: float
    samples_per_s: float
    eta_s: float | None
    batch_points: tuple[list[float], list[float]]   # (positions, losses) of single batches since the last
    epochs: list[tuple[int, dict[str, float]]]      # (epoch number, metrics) finished since the last
    paused: bool
    final: bool
    # (positions, {metric: values}): each epoch's accuracy over its batches so far, at batch ends since the last
    # (classification only)
    running_points: tuple[list[float], dict[str, list[float]]] = field(default_factory=lambda: ([], {}))
    # [(step, {node_id: L2 norm of its gradient at that step})] at the batches whose losses were kept since the
    # last report: the gradient history is as dense as the loss curve (a short run has few snapshots)
    grad_norms: list[tuple[int, dict[str, float]]] = field(default_factory=list)


@dataclass(frozen=True)
class Divergence:
    message: str          # for the learner: what happened and what to try
    engine_message: str
    epoch: int | None
    step: int


@dataclass
class SessionResult:
    reason: str           # "completed" | "early_stopping" | "converged" | "stopped" | "error"
    message: str
    histories: list       # fit's History objects, one per fit call
    history: dict[str, list[float]]   # one value per finished epoch and metric
    seconds: float        # wall time, waits for the window included
    steps: int
    epoch: int
    job: TrainingJob


def _picked(kept: list[tuple], step: int, position: float, bpe: int) -> tuple[list[float], list[tuple]]:
    """Up to MAX_BATCH_POINTS of the (step, value) pairs kept since the last report, evenly picked (the last
    always), each with its own position counted back from ``step`` at ``position``."""
    n = len(kept)
    if not n:
        return [], []
    picks = np.linspace(0, n - 1, min(n, MAX_BATCH_POINTS)).round().astype(int)
    return [position - (step - kept[i][0]) / bpe for i in picks], [kept[i] for i in picks]


def _evenly(kept: list) -> list:
    """Up to MAX_BATCH_POINTS of ``kept``, evenly picked, the last always."""
    if len(kept) <= MAX_BATCH_POINTS:
        return kept
    return [kept[i] for i in np.linspace(0, len(kept) - 1, MAX_BATCH_POINTS).round().astype(int)]


def batch_points(losses: list[tuple[int, float]], step: int, position: float,
                 bpe: int) -> tuple[list[float], list[float]]:
    """The faint per-batch loss curve's points: real batch losses, so it keeps the minibatch noise."""
    xs, picked = _picked(losses, step, position, bpe)
    return xs, [float(loss) for _, loss in picked]


def running_points(kept: list[tuple[int, dict]], step: int, position: float,
                   bpe: int) -> tuple[list[float], dict[str, list[float]]]:
    """The epochs' metrics so far at the kept batch ends: (positions, {metric: values})."""
    xs, picked = _picked(kept, step, position, bpe)
    names = picked[0][1].keys() if picked else ()
    return xs, {name: [float(metrics[name]) for _, metrics in picked] for name in names}


def _smooth(estimate: float, cost: float) -> float:
    return estimate + COST_SMOOTHING * (cost - estimate)


def _gap(base: float, cost: float, share: float, cap: float) -> float:
    """Seconds between two reports: ``base`` at least, wider when ``cost`` each would exceed ``share`` of the
    time, but never wider than ``cap`` (or ``base``, if that is wider)."""
    return min(max(base, cost / share), max(cap, base))


def _values(logs: dict) -> dict[str, float]:
    return {k: float(v) for k, v in logs.items()
            if isinstance(v, (int, float, np.floating)) and k not in ("epoch", "batch", "step")}


def _compact(epoch_logs: list[dict], into: dict[str, array]) -> None:
    for logs in epoch_logs:
        for k, v in _values(logs).items():
            into.setdefault(k, array("d")).append(v)


def _history(epoch_logs: list[dict], compacted: dict[str, array]) -> dict[str, list[float]]:
    merged = {k: array("d", a) for k, a in compacted.items()}
    _compact(epoch_logs, merged)
    return {k: a.tolist() for k, a in merged.items()}


class _Stop(Exception):
    """Raised from a callback to leave ``fit`` at once (a stop requested while paused runs no more batch)."""


class _Batches(Callback):
    """The session's hooks when epochs have several batches."""

    def __init__(self, session: "TrainingSession"):
        self.on_train_begin = session._on_train_begin
        self.on_batch_end = session._on_batch_end
        self.on_epoch_end = session._on_epoch_end


class _WholeEpochs(Callback):
    """One batch per epoch (XOR, full batch): the epoch hook does the batch hook's work too, one call a step."""

    def __init__(self, session: "TrainingSession"):
        self.on_train_begin = session._on_train_begin
        self.on_epoch_end = session._on_whole_epoch


class TrainingSession:
    """Runs one job; ``run()`` blocks until it ends. Thread-safe commands; see the module docstring."""

    def __init__(self, job: TrainingJob, *, on_progress: Callable[[Progress, Any], None] | None = None,
                 on_state: Callable[[str], None] | None = None,
                 on_diverged: Callable[[Divergence], None] | None = None,
                 snapshot: Callable[[Any, int, float, bool], Any] | None = None,
                 start_paused: bool = False, metrics_hz: float = 30.0, snapshot_hz: float = 4.0):
        self.job = job
        self.on_progress = on_progress or (lambda progress, snap: None)
        self.on_state = on_state or (lambda state: None)
        self.on_diverged = on_diverged or (lambda info: None)
        self.snapshot = snapshot          # (network, step, position, full) -> a picture of the network
        self._commands: queue.Queue = queue.Queue()
        # With a window (``paced``), the session waits after each report until ``frame_done`` is set (the
        # window drew it), at most MAX_FRAME_WAIT_S: both threads need the GIL, and a frame drawn while
        # training runs would wait for it call by call.
        self.frame_done = threading.Event()
        self.frame_done.set()
        self.paced = False
        # set by send("stop") from any thread: a window stopping the session may be blocked waiting for this
        # thread (closing, opening another project), so it can draw no frame; the session then waits for none
        self._stop_sent = False
        self._paused = start_paused
        self._allow = 0                 # batches still allowed while paused (step)
        self._until_epoch_end = False   # step("epoch"): run to the end of the current epoch
        self._stop = False
        self._pace: tuple[str, float] | None = None   # (unit, units a second), None: full speed
        self._attention = True          # look at the commands at the next batch
        self._metrics_dt = 1.0 / metrics_hz
        self._snapshot_dt = 1.0 / snapshot_hz if snapshot_hz > 0 else math.inf
        self._emit_gap, self._snapshot_gap = self._metrics_dt, self._snapshot_dt
        self._frame_cost = self._snapshot_cost = 0.0
        self.steps = 0
        self.epoch = job.initial_epoch
        self._epoch_end = math.inf if job.epoch_end is None else job.epoch_end
        n = len(job.X)
        opt = job.network.optimizer if job.optimizer is None else _optimizer_object(job.optimizer)
        self.batches_per_epoch = max(batches_per_epoch(n, job.batch_size, opt), 1)
        self._batch_size = n / self.batches_per_epoch if n else 0.0   # samples a batch, on average
        self._position = float(job.initial_epoch)   # where the latest checkpoint stood...
        self._position_step = 0                      # ...and at which of this run's steps
        self._batch = self.batches_per_epoch - 1
        self._pending_losses: list[tuple[int, float]] = []
        self._pending_running: list[tuple[int, dict]] = []   # (step, the epoch's metrics so far)
        self._pending_norms: list[tuple[int, dict]] = []     # (step, each layer's gradient norm)
        # only accuracy is drawn as it runs: a regression's R² and errors would cost NumPy calls every batch
        self._running_wanted = job.task != "regression"
        self._check_at = 0
        self._loss_every = 1
        self._epoch_logs: list[dict] = []   # finished epochs' logs; those from _sent on are not reported yet
        self._sent = 0
        self._compacted: dict[str, array] = {}
        self._next_emit = -math.inf
        self._last_snap = -math.inf
        self._snapped_at = -1           # the step of the latest snapshot
        self._t0 = _now()
        self._paused_time = 0.0

    # -- commands (any thread) -------------------------------------------------------------------------
    def send(self, command: str, value: Any = None) -> None:
        """Queue a command: pause, resume, step ("batch" | "epoch"), stop, learning_rate (float), pace."""
        self._commands.put((command, value))
        self._attention = True    # after the put: the session clears it before it drains the queue
        if command == "stop":
            self._stop_sent = True
            self.frame_done.set()  # after the flag: a report clearing the event then sees the flag (_report)

    def pause(self) -> None:
        self.send("pause")

    def resume(self) -> None:
        self.send("resume")

    def step(self, unit: str = "batch") -> None:
        self.send("step", unit)

    def stop(self) -> None:
        self.send("stop")

    def set_learning_rate(self, lr: float) -> None:
        self.send("learning_rate", float(lr))

    def set_pace(self, pace: tuple[str, float] | None) -> None:
        """``("epoch", 5)``: five epochs a second, each shown; ``("batch", 2)``: two batches a second;
        None: full speed."""
        self.send("pace", pace)

    # -- running (the session's thread) ----------------------------------------------------------------
    @property
    def history(self) -> dict[str, list[float]]:
        """One value per finished epoch and metric, so far (read from the session's thread or after run)."""
        return _history(self._epoch_logs, self._compacted)

    def run(self) -> SessionResult:
        job, net = self.job, self.job.network
        histories = []
        self._t0 = _now()
        reason, message = "completed", ""
        optimizer = job.optimizer
        callback = (_WholeEpochs if self.batches_per_epoch == 1 else _Batches)(self)
        validation = (job.X_val, job.y_val) if job.X_val is not None and len(job.X_val) else None
        try:
            while self.epoch < self._epoch_end and not self._stop:
                try:
                    todo = min(self._epoch_end - self.epoch, ENDLESS_CHUNK)
                    # overflow on the way to divergence is expected: the engine detects the non-finite loss
                    # and raises TrainingDiverged (errstate is per thread)
                    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                        hist = net.fit(job.X, job.y, job.loss, optimizer=optimizer,
                                       epochs=int(todo),
                                       initial_epoch=self.epoch, batch_size=job.batch_size, seed=job.seed,
                                       validation_data=validation, early_stopping=job.early_stopping,
                                       callbacks=(callback, *job.callbacks), **job.fit_kwargs)
                    histories.append(hist)
                    optimizer = None        # continue with the network's kept optimizer
                    if hist.stopped_epoch is not None:
                        reason, message = "early_stopping", _("Early stopping: the validation loss stopped improving.")
                        break
                    if len(hist.epoch) < todo and not self._stop:
                        if getattr(net.optimizer, "per_sample_rule", False):
                            reason, message = "converged", _("Training is done: an epoch went by without a "
                                                              "single mistake, so the perceptron rule has "
                                                              "nothing left to learn.")
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
            reason, message = "error", _("Training stopped with an error: {error}").format(error=exc)
        if self._stop and reason == "completed":
            reason, message = "stopped", _("Training stopped.")
        seconds = _now() - self._t0
        try:
            self._report(full_snapshot=True, final=True)
        except Exception as exc:  # the views miss a last picture; the results must still arrive
            message = message or _("The last view update failed: {error}").format(error=exc)
        return SessionResult(reason, message, histories, self.history, seconds, self.steps, self.epoch, job)

    def _on_train_begin(self, net, logs) -> None:
        self._attend()     # the first batch is gated here, the later ones after the batch or epoch before them

    def _attend(self) -> None:
        """Obey the commands sent (blocking while paused) before the next batch, then decide whether the
        batch after it needs attention too."""
        self._attention = False      # cleared first: a command sent from here on sets it again
        if self._commands.queue or self._paused or self._stop:
            self._gate()
        if self._paused or self._stop or self._pace is not None:
            self._attention = True   # stepping or watching slowly: every batch is looked at

    def _handle(self, cmd: str, value: Any) -> None:
        if cmd == "pause":
            self._paused = True
        elif cmd == "resume":
            self._paused, self._allow, self._until_epoch_end = False, 0, False
            self.on_state("running")
        elif cmd == "step":
            self._paused = True
            if value == "epoch":
                self._until_epoch_end = True
            else:
                self._allow += 1
        elif cmd == "stop":
            self._stop = True
        elif cmd == "pace":
            self._pace = None if value is None else (str(value[0]), float(value[1]))
        elif cmd == "learning_rate":
            opt = self.job.network.optimizer
            if opt is not None:
                opt.learning_rate = float(value)
            elif isinstance(self.job.optimizer, dict):
                self.job.optimizer = {**self.job.optimizer, "learning_rate": float(value)}

    def _drain(self) -> None:
        while True:
            try:
                cmd, value = self._commands.get_nowait()
            except queue.Empty:
                return
            self._handle(cmd, value)

    def _gate(self) -> None:
        """Before a batch: obey the commands; block while paused unless a step allows this batch."""
        self._drain()
        waited = None
        while not self._stop:
            if not self._paused or self._until_epoch_end:
                break
            if self._allow > 0:
                self._allow -= 1
                break
            if waited is None:
                waited = _now()
                self._report(full_snapshot=True)
                self.on_state("paused")
            cmd, value = self._commands.get()     # block: paused costs no CPU
            self._handle(cmd, value)
        if waited is not None:
            self._paused_time += _now() - waited
        if self._stop:
            raise _Stop

    def _slow_down(self, unit: str) -> None:
        """Watching slowly: after each batch (or epoch) of the pace's unit, show it and wait out its time,
        still obeying commands meanwhile."""
        pace = self._pace
        if pace is None or pace[0] != unit or self._paused:
            return
        if self._snapped_at != self.steps:
            self._report(full_snapshot=True)
        start = _now()
        until = start + 1.0 / max(pace[1], 1e-3)
        while not self._stop and self._pace == pace and not self._paused:
            left = until - _now()
            if left <= 0:
                break
            try:
                cmd, value = self._commands.get(timeout=left)
            except queue.Empty:
                break
            self._handle(cmd, value)
        self._paused_time += _now() - start     # the rates count training, not the waits

    def _on_batch_end(self, net, logs) -> bool | None:
        # runs after every batch (tens of thousands a second): counting is all most batches cost
        self.steps += 1
        if self._attention or self.steps >= self._check_at:
            return self._batch_checkpoint(logs)
        return None

    def _batch_checkpoint(self, logs) -> bool:
        self._batch = logs["batch"]
        self._mark_position(logs["epoch"] + (logs["batch"] + 1) / self.batches_per_epoch)
        so_far = logs.get("metrics_so_far")
        if so_far is not None and self._running_wanted:
            self._pending_running.append((self.steps, so_far()))
        self._keep_loss(logs["loss"])
        if logs["batch"] + 1 < self.batches_per_epoch:
            self._slow_down("batch")
            self._attend()   # the epoch's last batch is gated at the epoch's end: step("epoch") stops there
        return self._stop

    def _mark_position(self, position: float) -> None:
        self._position, self._position_step = position, self.steps

    def _keep_loss(self, loss: float) -> None:
        self._pending_losses.append((self.steps, loss))
        # the gradient history at every other kept loss (LOSS_SAMPLES are kept a report, MAX_BATCH_POINTS
        # sent): one pass over the flat gradients each, none spent on points the report would drop
        if len(self._pending_losses) % 2:
            self._pending_norms.append((self.job.initial_step + self.steps, self.job.network.gradient_norms()))
        self._check_at = self.steps + self._loss_every
        if self._paused or _now() >= self._next_emit:
            self._report()

    def _epoch_done(self, logs) -> None:
        self.epoch += 1
        self._epoch_logs.append(logs)
        self._until_epoch_end = False
        self._batch = self.batches_per_epoch - 1
        self._mark_position(float(self.epoch))

    def _on_epoch_end(self, net, logs) -> bool:
        # the engine's fresh logs dict is kept as it is; it becomes plain values only when reported
        self._epoch_done(logs)
        self._slow_down("batch")      # the epoch's last batch
        self._slow_down("epoch")
        if self.epoch < self._epoch_end:
            self._attend()   # before the next epoch's first batch
        return self._stop

    def _on_whole_epoch(self, net, logs) -> bool | None:
        """Batch end, epoch end and the next batch's gate in one call, for one-batch epochs (every step:
        only counting unless attention is due; the position is the epoch count, see _report)."""
        self.steps += 1
        self.epoch += 1
        self._epoch_logs.append(logs)
        if self._attention or self.steps >= self._check_at:
            self._until_epoch_end = False
            self._keep_loss(logs["loss"])
            self._slow_down("epoch")
            self._slow_down("batch")
            if self.epoch < self._epoch_end:
                self._attend()
            return self._stop
        return None

    def _report(self, full_snapshot: bool = False, final: bool = False) -> None:
        now = _now()
        job = self.job
        steps = job.initial_step + self.steps
        bpe = self.batches_per_epoch
        if bpe == 1:                 # one step an epoch: the epochs finished say where training stands
            self._mark_position(float(self.epoch))
        position = self._position
        elapsed = max(now - self._t0 - self._paused_time, 1e-9)
        rate = self.steps / elapsed
        remaining = max(self._epoch_end - position, 0.0) * bpe
        first = self.epoch - (len(self._epoch_logs) - self._sent) + 1   # the number of the first unsent epoch
        picked = range(self._sent, len(self._epoch_logs))
        if len(picked) > MAX_EPOCH_POINTS:
            picked = self._sent + np.linspace(0, len(picked) - 1, MAX_EPOCH_POINTS).round().astype(int)
        epochs = [(first + int(i) - self._sent, _values(self._epoch_logs[i])) for i in picked]
        self._sent = len(self._epoch_logs)
        if self._sent >= COMPACT_EVERY:
            _compact(self._epoch_logs, self._compacted)
            self._epoch_logs, self._sent = [], 0
        losses = self._pending_losses
        if self.steps:   # keep about LOSS_SAMPLES batch losses per report at the current pace
            self._loss_every = max(1, int(rate * self._emit_gap) // LOSS_SAMPLES)
        snap = None
        if self.snapshot is not None and (full_snapshot or now - self._last_snap >= self._snapshot_gap):
            # computed before the report is sent, so the window's frame does not compete with it for the GIL
            self._last_snap, self._snapped_at = now, self.steps
            with np.errstate(all="ignore"):   # huge-but-finite weights may overflow; views show inf
                snap = self.snapshot(job.network, steps, position, full_snapshot)
            self._snapshot_cost = _smooth(self._snapshot_cost, _now() - now)
            if elapsed >= FULL_RATE_S:
                self._snapshot_gap = _gap(self._snapshot_dt, self._snapshot_cost, SNAPSHOT_SHARE,
                                          MAX_SNAPSHOT_GAP_S)
        finite_end = not math.isinf(self._epoch_end)
        progress = Progress(
            step=steps, steps_this_run=self.steps, epoch=self.epoch, position=position,
            epoch_end=int(self._epoch_end) if finite_end else None, batch=self._batch, batches_per_epoch=bpe,
            steps_per_s=rate, samples_per_s=rate * self._batch_size if self.steps else 0.0,
            eta_s=self._eta(remaining, rate) if finite_end else None,
            # one batch per epoch: the epoch curve is the batch curve
            batch_points=(batch_points(losses, self._position_step, position, bpe) if bpe > 1 else ([], [])),
            epochs=epochs, paused=self._paused, final=final,
            running_points=(running_points(self._pending_running, self._position_step, position, bpe)
                            if bpe > 1 else ([], {})),
            grad_norms=_evenly(self._pending_norms))
        if self.paced:
            self.frame_done.clear()
            if self._stop_sent:        # sent before the clear: no frame will come
                self.frame_done.set()
        self.on_progress(progress, snap)
        self._pending_losses, self._pending_running, self._pending_norms = [], [], []
        if self.paced:
            waited = _now()
            self.frame_done.wait(MAX_FRAME_WAIT_S)
            self._frame_cost = _smooth(self._frame_cost, _now() - waited)
            if elapsed >= FULL_RATE_S:
                self._emit_gap = _gap(self._metrics_dt, self._frame_cost, FRAME_SHARE, MAX_EMIT_GAP_S)
        self._next_emit = _now() + self._emit_gap

    def _eta(self, remaining_batches: float, rate: float) -> float | None:
        """Seconds left: at the pace when one is set, else at the training speed measured so far."""
        if self._pace is not None:
            unit, per_second = self._pace
            per_batch = 1.0 / self.batches_per_epoch if unit == "epoch" else 1.0
            return remaining_batches * per_batch / per_second
        return remaining_batches / rate if rate > 0 and self.steps else None

    def _report_divergence(self, exc: TrainingDiverged) -> None:
        opt = self.job.network.optimizer
        lr = getattr(opt, "learning_rate", None)
        hint = (_("try a smaller learning rate (now {lr:g}, for example {smaller:g})").format(lr=lr, smaller=lr / 10)
                if lr else _("try a smaller learning rate"))
        if exc.epoch is not None:
            text = _("Training diverged in epoch {epoch}: the loss became infinite or not a number, usually "
                     "because the steps are too large. The last good weights are back and training is paused: "
                     "{hint}, then press Resume.").format(epoch=exc.epoch + 1, hint=hint)
        else:
            text = _("Training diverged: the loss became infinite or not a number, usually because the steps "
                     "are too large. The last good weights are back and training is paused: {hint}, then press "
                     "Resume.").format(hint=hint)
        self._sent = len(self._epoch_logs)
        self.on_diverged(Divergence(text, exc.message, exc.epoch, self.job.initial_step + self.steps))


def _optimizer_object(config):
    from nnstudio.engine import optimizers
    try:
        return config if hasattr(config, "step") else optimizers.get(config)
    except Exception:  # a bad setting: fit reports it in its own words
        return None
