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




def _positions_match_steps(reports, bpe):
    points = [(x, y) for p, _ in reports for x, y in zip(*p.batch_points)]
    assert points
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and xs[0] > 0
    for x, _ in points:                          # each batch at its own place: step k at k / bpe epochs
        assert x * bpe == pytest.approx(round(x * bpe))
    return points


def test_a_report_at_an_epochs_last_batch_places_its_points_at_their_batches():
    # a report right after an epoch's last batch (before the engine's epoch end) stood at the epoch's start:
    # its batch points landed a whole epoch early, some before zero (-0.78 once, on a loaded machine)
    job = make_job(epochs=4, batch_size=24, val=False)      # 96 rows: 4 batches an epoch
    reports = []
    session = TrainingSession(job, on_progress=lambda p, s: reports.append((p, s)), metrics_hz=1e9)
    result = session.run()
    assert result.reason == "completed" and result.steps == 16
    losses = dict(enumerate(_all_batch_losses(job), start=1))
    for x, y in _positions_match_steps(reports, 4):
        assert y == pytest.approx(losses[round(x * 4)])     # the loss of the batch at that position


def _all_batch_losses(job):
    """Every batch loss of the same run, from a plain fit with a recording callback."""
    from nnstudio.engine import Callback

    class Record(Callback):
        def __init__(self):
            self.losses = []

        def on_batch_end(self, net, logs):
            self.losses.append(logs["loss"])

    rec = Record()
    net = Network.from_config(job.spec, seed=0)
    net.fit(job.X, job.y, job.loss, optimizer=job.optimizer, epochs=job.epochs, batch_size=job.batch_size,
            seed=job.seed, callbacks=[rec])
    return rec.losses


def test_full_batch_training_runs_every_epoch_and_counts_samples():
    # "batch_size": null (gradient descent on the whole data) stopped after one epoch with a TypeError
    job = make_job(epochs=5, batch_size=None)
    reports = []
    result = TrainingSession(job, on_progress=lambda p, s: reports.append(p)).run()
    assert result.reason == "completed", result.message
    assert len(result.history["loss"]) == 5 and result.steps == 5
    assert all(isinstance(p, Progress) and p.batches_per_epoch == 1 for p in reports)
    assert reports[-1].samples_per_s == pytest.approx(reports[-1].steps_per_s * len(job.X))


def test_a_converged_perceptron_says_so_and_not_early_stopping():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [0], [0], [1]], dtype=float)                  # AND: separable
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "step"}}],
            "edges": [["x", "y"]]}
    job = TrainingJob(network=Network.from_config(spec, seed=0), X=X, y=y, loss="mse",
                      optimizer={"name": "perceptron", "learning_rate": 0.1}, epochs=200, batch_size=1, seed=0,
                      task="binary", n_classes=2, spec=spec)
    result = TrainingSession(job).run()
    assert result.reason == "converged" and len(result.history["loss"]) < 200
    assert "early stopping" not in result.message.lower() and "mistake" in result.message
    assert result.history["loss"][-1] == 0.0


def test_early_stopping_is_named_when_it_ends_the_run():
    job = make_job(epochs=500, batch_size=16, lr=0.05, early_stopping={"patience": 2})
    result = TrainingSession(job).run()
    assert result.reason == "early_stopping" and len(result.history["loss"]) < 500


def _run_in_thread(session):
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("result", session.run()))
    thread.start()
    return thread, out


def test_commands_from_another_thread_pause_step_set_the_rate_and_stop():
    job = make_job(epochs=None, batch_size=16)                        # until stopped
    states = []
    settled = threading.Event()

    def on_state(state):
        states.append(state)
        if state == "paused":
            settled.set()

    session = TrainingSession(job, on_state=on_state, start_paused=True)
    thread, out = _run_in_thread(session)
    assert settled.wait(10) and session.steps == 0                   # paused before the first batch
    settled.clear()
    session.step()
    assert settled.wait(10) and session.steps == 1
    settled.clear()
    session.set_learning_rate(0.5)
    session.step("epoch")                                             # to the end of the first epoch
    assert settled.wait(10) and session.epoch == 1 and session.steps == 5
    assert job.network.optimizer.learning_rate == 0.5
    session.resume()
    session.stop()
    thread.join(10)
    result = out["result"]
    assert result.reason == "stopped" and result.epoch >= 1 and "running" in states


class _WaitSpy(threading.Event):
    """frame_done recording whether each wait ended by a set (True) or by its timeout (False)."""

    def __init__(self):
        super().__init__()
        self.waits = []

    def wait(self, timeout=None):
        self.waits.append(super().wait(timeout))
        return self.waits[-1]


def test_a_paced_session_told_to_stop_waits_for_no_frame():
    """A window stopping the session (opening another project, closing) blocks until the training thread
    ends and draws no frame meanwhile: each report's wait for one cost the window MAX_FRAME_WAIT_S more."""
    job = make_job(epochs=None, batch_size=16)
    session = TrainingSession(job, metrics_hz=1e6)
    session.paced = True
    session.frame_done = _WaitSpy()
    session.frame_done.set()
    reports = []

    def on_progress(progress, snap):      # the window's slot, which never draws: it is waiting for the thread
        reports.append(progress)
        if len(reports) == 3:
            session.stop()

    session.on_progress = on_progress
    thread, out = _run_in_thread(session)
    thread.join(30)
    assert out["result"].reason == "stopped" and len(reports) >= 3
    assert session.frame_done.waits[2:] and all(session.frame_done.waits[2:]), session.frame_done.waits


def test_a_stop_sent_while_a_report_begins_still_releases_its_wait():
    """send("stop") from the window may land just before the report clears frame_done: the report sees the
    flag after clearing and sets the event again."""
    job = make_job(epochs=None, batch_size=16)
    session = TrainingSession(job, metrics_hz=1e6)
    session.paced = True
    session.frame_done = _WaitSpy()
    session.send("stop")                 # before the run: the flag is up when every report clears the event
    thread, out = _run_in_thread(session)
    thread.join(30)
    assert out["result"].reason == "stopped"
    assert session.frame_done.waits and all(session.frame_done.waits), session.frame_done.waits


def test_a_session_without_an_end_runs_until_stopped():
    job = make_job(epochs=None, batch_size=1000, val=False)
    reports = []
    session = TrainingSession(job, on_progress=lambda p, s: reports.append(p))
    thread, out = _run_in_thread(session)
    deadline = threading.Event()
    while session.epoch < 300 and not deadline.wait(0.01):
        pass
    session.stop()
    thread.join(10)
    result = out["result"]
    assert result.reason == "stopped" and len(result.history["loss"]) == result.epoch >= 300
    assert all(p.epoch_end is None and p.eta_s is None for p in reports)


def test_a_slow_pace_reports_every_epoch_with_a_snapshot():
    job = make_job(epochs=3, batch_size=1000, val=False)
    reports = []
    session = TrainingSession(job, on_progress=lambda p, s: reports.append((p, s)),
                              snapshot=lambda net, step, position, full: (step, position))
    session.set_pace(("epoch", 200.0))              # 200 epochs a second: each one shown
    result = session.run()
    assert result.steps == 3
    shown = [s for _, s in reports if s is not None]
    assert [step for step, _ in shown][:3] == [1, 2, 3]             # one picture per epoch, in order
    assert [pos for _, pos in shown][:3] == [1.0, 2.0, 3.0]


def test_learning_rate_before_the_first_fit_goes_into_the_optimizer_setting():
    job = make_job(epochs=1)
    session = TrainingSession(job)
    session._handle("learning_rate", 0.25)
    assert job.optimizer["learning_rate"] == 0.25


def _moons_project():
    from nnstudio.project import Project
    p = Project(spec=mlp_spec(), title="moons")
    p.data["source"] = data.generate("moons", n_samples=80, seed=0).source
    p.training.update(epochs=3, batch_size=16, optimizer={"name": "adam", "learning_rate": 0.01})
    return p


def test_a_project_trains_through_a_session_as_through_train():
    from nnstudio.project import runner
    p, reference = _moons_project(), _moons_project()
    result = runner.session(p).run()
    runner.record_session(p, result)
    assert result.reason == "completed" and len(p.history["loss"]) == 3
    runner.train(reference)
    assert reference.history["loss"] == pytest.approx(p.history["loss"], rel=1e-5)
    result = runner.session(p, epochs=2).run()                   # continues, numbering its epochs on
    runner.record_session(p, result)
    assert result.job.initial_epoch == 3 and len(p.history["loss"]) == 5


def test_reports_carry_each_epochs_accuracy_so_far_at_the_batch_points_positions():
    job = make_job(epochs=3, batch_size=24, val=False)      # 72 rows: 3 batches an epoch
    reports = []
    result = TrainingSession(job, on_progress=lambda p, s: reports.append(p), metrics_hz=1e9).run()
    assert result.reason == "completed"
    pairs = [(x, acc) for p in reports for x, acc in zip(p.running_points[0], p.running_points[1].get("accuracy", []))]
    assert [x for x, _ in pairs] == [x for p in reports for x in p.batch_points[0]]   # the same batches
    assert pairs and all(0.0 <= acc <= 1.0 for _, acc in pairs)
    for epoch in (1, 2, 3):                               # an epoch's last running value is its accuracy
        ends = [acc for x, acc in pairs if x == pytest.approx(epoch)]
        assert ends and ends[-1] == pytest.approx(result.history["accuracy"][epoch - 1])


def test_full_batch_reports_have_no_running_points():
    reports = []
    TrainingSession(make_job(epochs=3, batch_size=None), on_progress=lambda p, s: reports.append(p)).run()
    assert reports and all(p.running_points == ([], {}) for p in reports)


def test_a_regression_session_keeps_no_running_metrics():
    # only accuracy is drawn as it runs: R² and the errors would cost NumPy calls on every batch
    job = make_job(epochs=2, batch_size=24, val=False)
    job.task = "regression"
    reports = []
    TrainingSession(job, on_progress=lambda p, s: reports.append(p), metrics_hz=1e9).run()
    assert reports and any(p.batch_points[0] for p in reports)
    assert all(p.running_points == ([], {}) for p in reports)
