"""The training session without Qt: commands, reports, history, pacing, and the records it sends."""

import math
import threading
from types import SimpleNamespace

import numpy as np
import pytest

from nnstudio import data
from nnstudio.engine.network import Network
from nnstudio.project import session as session_module
from nnstudio.project.session import MAX_BATCH_POINTS, Progress, TrainingJob, TrainingSession, batch_points


def mlp_spec(hidden=8, out_act="sigmoid"):
    return {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                      {"id": "h", "type": "Dense", "params": {"units": hidden, "activation": "tanh"}},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": out_act}}],
            "edges": [["x", "h"], ["h", "y"]]}


def make_job(*, epochs=5, batch_size=16, lr=0.01, optimizer="adam", n=96, val=True, early_stopping=None):
    ds = data.generate("moons", n_samples=n, seed=0)
    X = np.asarray(ds.X, dtype=np.float64)
    y = np.asarray(ds.y, dtype=np.float64).reshape(-1, 1)
    cut = int(0.75 * len(X)) if val else len(X)
    return TrainingJob(network=Network.from_config(mlp_spec(), seed=0), X=X[:cut], y=y[:cut],
                       X_val=X[cut:] if val else None, y_val=y[cut:] if val else None, loss="binary_crossentropy",
                       optimizer={"name": optimizer, "learning_rate": lr}, epochs=epochs, batch_size=batch_size,
                       seed=0, task="binary", n_classes=2, spec=mlp_spec(), early_stopping=early_stopping)


def test_long_sessions_pack_their_epoch_logs_without_losing_any(monkeypatch):
    monkeypatch.setattr(session_module, "COMPACT_EVERY", 7)    # a million-epoch session, in miniature
    session = TrainingSession(make_job(epochs=60, batch_size=16), metrics_hz=1e6)   # a report after every batch
    result = session.run()
    assert session._compacted and len(session._epoch_logs) < 7      # the dicts were packed as they piled up...
    engine = result.histories[0].history                            # ...and nothing was lost
    assert set(result.history) == set(engine) and len(result.history["loss"]) == 60
    for key, values in engine.items():
        assert result.history[key] == pytest.approx(values)


def test_batch_losses_reach_the_curve_as_real_batches_at_their_positions():
    rng = np.random.default_rng(0)
    # the session keeps every few batches' loss with its step: here every 3rd of 300 batches, 20 per epoch,
    # the last one (step 300) at epoch 15.0
    kept = [(step, float(rng.uniform(0.2, 0.8))) for step in range(3, 301, 3)]
    xs, ys = batch_points(kept, step=300, position=15.0, bpe=20)
    assert len(xs) == len(ys) == MAX_BATCH_POINTS
    assert xs[-1] == 15.0 and xs == sorted(xs) and xs[0] == pytest.approx(15.0 - 297 / 20)
    loss_at = dict(kept)
    for x, y in zip(xs, ys):                              # each point is one batch's own loss, where it was
        assert y == loss_at[300 - round((15.0 - x) * 20)]
    assert np.ptp(ys) > 0.3                               # the noise is kept, not averaged away
    assert batch_points([(7, 0.5), (8, 0.25)], 8, 2.0, 4) == ([1.75, 2.0], [0.5, 0.25])   # few: one point each
    assert batch_points([], 8, 1.0, 4) == ([], [])


def test_between_checkpoints_a_batch_costs_a_count_but_commands_are_seen_at_once():
    # after most batches the session only counts; every _loss_every-th one it keeps the loss and looks at the
    # clock; a command sent from another thread is seen at the very next batch
    worker = TrainingSession(make_job(epochs=1))
    worker._attention, worker._check_at, worker._loss_every, worker.steps = False, 0, 10, 0
    worker._paused = worker._stop = False
    worker._pending_losses, worker._next_emit = [], math.inf     # no report is due in this test

    def batches(n):
        for _ in range(n):
            logs = {"epoch": worker.steps // 9, "batch": worker.steps % 9, "batches_per_epoch": 9,
                    "loss": float(worker.steps + 1)}
            assert not worker._on_batch_end(None, logs)
    batches(100)
    assert worker._pending_losses == [(s, float(s)) for s in range(1, 100, 10)]   # (step, its loss)
    opt = SimpleNamespace(learning_rate=0.01)
    worker.job.network.optimizer = opt
    worker.send("learning_rate", 0.5)
    batches(1)
    assert opt.learning_rate == 0.5 and worker._pending_losses[-1] == (101, 101.0)   # at the next batch
    assert worker._attention is False


