"""The training worker and the controller's state machine, on real (tiny) networks in a real QThread."""

import sys

import numpy as np
import pytest

from PySide6.QtCore import QTimer

from nnstudio.engine.network import Network
from nnstudio.gui.training.controller import IDLE, PAUSED, RUNNING, SWITCH_INTERVAL_S
from nnstudio.gui.training.worker import TrainingWorker

from .conftest import make_job, mlp_spec


def weights_of(net):
    return {f"{n}/{p}": a.copy() for n, d in net.get_weights().items() for p, a in d.items()}


def test_train_runs_to_completion_and_reports(qtbot, controller_factory):
    c = controller_factory(epochs=4, batch_size=16)
    progress, snaps = [], []
    c.progress.connect(progress.append)
    c.snapshot.connect(snaps.append)
    with qtbot.waitSignal(c.sessionFinished, timeout=20000) as blocker:
        c.train()
        assert c.state == RUNNING
    result = blocker.args[0]
    assert result.reason == "completed"
    assert c.state == IDLE and c.thread is None
    assert len(result.history["loss"]) == 4
    assert len(result.history["val_loss"]) == 4
    epochs_seen = [e for info in progress for e, _ in info.epochs]
    assert epochs_seen[-1] == 4
    assert progress[-1].step == 4 * 5          # 72 training rows / 16 = 5 batches per epoch
    assert snaps and snaps[-1].weights and snaps[-1].grad_norms and snaps[-1].activations is not None
    assert snaps[-1].prediction["kind"] == "plane"


def test_step_moves_exactly_one_batch(qtbot, controller_factory):
    # full-batch training: one batch is the whole data whatever the shuffle, so a reference is exact
    c = controller_factory(epochs=3, batch_size=1000, val=False)
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.step()
    job = c.jobs[0]
    assert c.state == PAUSED
    assert c.last_progress.step == 1
    after_one = weights_of(job.network)
    reference = Network.from_config(job.spec, seed=0)
    start = weights_of(reference)
    assert any(not np.array_equal(start[k], after_one[k]) for k in start)   # weights moved...
    reference.fit(job.X, job.y, job.loss, optimizer=job.optimizer, epochs=1, batch_size=1000, seed=0)
    for k, v in weights_of(reference).items():                             # ...by exactly one batch
        np.testing.assert_allclose(after_one[k], v, rtol=1e-5, atol=1e-7)
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.step()
    assert c.last_progress.step == 2
    assert job.network.step_count == 2


@pytest.mark.parametrize("batch_size, batches", [(16, 5), (1000, 1)], ids=["batches", "one-batch epochs"])
def test_shift_step_runs_one_epoch(qtbot, controller_factory, batch_size, batches):
    c = controller_factory(epochs=5, batch_size=batch_size)
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.step("epoch")
    assert c.last_progress.step == batches and c.last_progress.epoch == 1
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.step("batch")
    assert c.last_progress.step == batches + 1


@pytest.mark.parametrize("batch_size", [8, 1000], ids=["batches", "one-batch epochs"])
def test_pause_resume_stop(qtbot, controller_factory, batch_size):
    c = controller_factory(epochs=100000, batch_size=batch_size)
    states = []
    c.stateChanged.connect(states.append)
    with qtbot.waitSignal(c.progress, timeout=10000):
        c.train()
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.pause()
    assert c.state == PAUSED
    frozen = c.jobs[0].network.step_count
    c.set_learning_rate(0.005)
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.step()
    assert c.jobs[0].network.step_count == frozen + 1
    assert c.jobs[0].network.optimizer.learning_rate == pytest.approx(0.005)
    with qtbot.waitSignal(c.progress, timeout=10000):
        c.resume()
    assert c.state == RUNNING
    with qtbot.waitSignal(c.sessionFinished, timeout=10000) as blocker:
        c.stop()
    assert blocker.args[0].reason == "stopped"
    assert states == [RUNNING, PAUSED, RUNNING, "stopping", IDLE]
    assert c.state == IDLE


@pytest.mark.parametrize("batch_size", [8, 1000], ids=["batches", "one-batch epochs"])
def test_stop_while_paused_runs_no_more_batches(qtbot, controller_factory, batch_size):
    c = controller_factory(epochs=10, batch_size=batch_size)
    with qtbot.waitSignal(c.settled, timeout=10000):
        c.step()
    with qtbot.waitSignal(c.sessionFinished, timeout=10000) as blocker:
        c.stop()
    assert blocker.args[0].reason == "stopped"
    assert blocker.args[0].job.network.step_count == 1


def test_divergence_pauses_with_restored_weights_and_advice(qtbot, controller_factory):
    spec = mlp_spec(hidden=(8,), out_act="linear", act="relu")
    c = controller_factory(epochs=50, batch_size=8, lr=1e6, optimizer="sgd", task="regression",
                           generator="plane", spec=spec)
    with qtbot.waitSignal(c.diverged, timeout=20000) as blocker:
        c.train()
    info = blocker.args[0]
    assert "learning rate" in info.message and "Resume" in info.message
    qtbot.waitUntil(lambda: c.state == PAUSED, timeout=5000)
    net = c.jobs[0].network
    assert all(np.isfinite(a).all() for a in weights_of(net).values())
    with qtbot.waitSignal(c.sessionFinished, timeout=10000) as done:
        c.stop()
    assert done.args[0].reason == "stopped"


def test_updates_are_coalesced(qtbot, controller_factory):
    # XOR-sized data: thousands of one-batch epochs a second must not become thousands of GUI updates
    c = controller_factory(epochs=3000, batch_size=1000, n=40, val=False)
    progress = []
    c.progress.connect(progress.append)
    with qtbot.waitSignal(c.sessionFinished, timeout=60000) as blocker:
        c.train()
    assert blocker.args[0].steps == 3000
    assert len(blocker.args[0].history["loss"]) == 3000
    assert len(progress) < 1500
    assert progress[-1].epochs[-1][0] == 3000          # the last epoch is always delivered


def test_training_waits_while_the_window_draws_a_frame(qtbot, controller_factory):
    # every update is drawn in a frame during which the worker stands still: the window paints with the
    # GIL to itself instead of fighting the training thread for it call by call
    c = controller_factory(epochs=200, batch_size=8)
    frames = []

    def frame():
        before = c.worker.session.steps
        held = not c.worker.session.frame_done.is_set()
        qtbot.wait(15)                        # a slow paint: events run, the worker must not move
        frames.append((held, before, c.worker.session.steps))

    c.frame_parts = lambda: [frame]
    with qtbot.waitSignal(c.sessionFinished, timeout=60000):
        c.train()
    assert frames
    assert all(held for held, _, _ in frames)
    assert all(before == after for _, before, after in frames)
    assert frames[-1][2] > frames[0][1]       # training went on between frames


def test_a_worker_without_a_window_never_waits_for_frames(qtbot):
    worker = TrainingWorker(make_job(epochs=2, batch_size=16))
    sent = []
    worker.update.connect(lambda info, snap: sent.append(worker.session.frame_done.is_set()))
    worker.run()                              # in this thread: no frame would ever release it
    assert sent and all(sent)


def test_a_session_sends_batch_losses_at_batch_positions(qtbot, controller_factory):
    from nnstudio.project.session import MAX_BATCH_POINTS
    c = controller_factory(epochs=400, batch_size=8)     # 72 rows: 9 batches an epoch, 3,600 in all
    progress = []
    c.progress.connect(progress.append)
    with qtbot.waitSignal(c.sessionFinished, timeout=60000):
        c.train()
    assert progress[-1].step == 3600
    points = [(x, info.batches_per_epoch) for info in progress for x in info.batch_points[0]]
    assert 0 < len(points) <= MAX_BATCH_POINTS * len(progress)
    for x, bpe in points:                                 # each at a batch's own position
        assert x * bpe == pytest.approx(round(x * bpe))
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and xs[-1] <= 400


def test_the_short_switch_interval_lasts_only_while_a_session_runs(qtbot, controller_factory):
    # 1 us hands the GIL to the window at once while training; left behind, it would make every later
    # thread switch that eagerly
    before = sys.getswitchinterval()
    c = controller_factory(epochs=100000, batch_size=8)
    with qtbot.waitSignal(c.progress, timeout=10000):
        c.train()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    with qtbot.waitSignal(c.sessionFinished, timeout=10000):
        c.stop()
    assert sys.getswitchinterval() == pytest.approx(before)
    with qtbot.waitSignal(c.progress, timeout=10000):
        c.train()
    c.shutdown()                                  # project replaced or window torn down mid-session
    assert sys.getswitchinterval() == pytest.approx(before) and c.state == IDLE


def test_a_frame_is_drawn_in_parts_with_the_window_free_in_between(qtbot, controller_factory, monkeypatch):
    # a click or a timer waits for one part of a frame, not for the whole frame; the worker stands still
    # until the frame's last part is painted (however slow a loaded test machine makes the frame: the
    # worker's safety limit on waiting is lifted here)
    from nnstudio.project import session
    monkeypatch.setattr(session, "MAX_FRAME_WAIT_S", 60.0)
    c = controller_factory(epochs=60, batch_size=8)
    log = []
    timers = []

    def part(name):
        def draw():
            log.append((name, not c.worker.session.frame_done.is_set(), c.worker.session.steps))
            if name == "a":                    # what the user does while the frame is being drawn
                timer = QTimer()
                timer.setSingleShot(True)
                timer.timeout.connect(lambda: log.append(("tick", None, None)))
                timer.start(0)
                timers.append(timer)
        return draw

    c.frame_parts = lambda: [part(name) for name in "abcd"]
    with qtbot.waitSignal(c.sessionFinished, timeout=60000):
        c.train()
    frames = []
    for entry in log:
        if entry[0] == "a":
            frames.append([])
        frames[-1].append(entry)
    assert len(frames) >= 2
    for frame in frames:
        names = [name for name, _, _ in frame]
        assert names.index("tick") < names.index("d")              # the event loop ran inside the frame
        assert [name for name in names if name != "tick"] == list("abcd")
        drawn = [(held, steps) for name, held, steps in frame if name != "tick"]
        assert all(held for held, _ in drawn)
        assert len({steps for _, steps in drawn}) == 1            # training did not move during the frame
    assert frames[-1][0][2] > frames[0][0][2]


def test_a_frame_cut_short_when_the_session_is_dropped_draws_no_more(qtbot, controller_factory):
    # another project opened in the middle of a frame: the session ends at once, its frame's other parts
    # are not drawn
    c = controller_factory(epochs=100000, batch_size=8)
    drawn = []
    c.frame_parts = lambda: [lambda: (drawn.append("first"), c.shutdown()), lambda: drawn.append("second")]
    with qtbot.waitSignal(c.progress, timeout=30000):
        c.train()
    qtbot.waitUntil(lambda: bool(drawn), timeout=30000)
    qtbot.wait(50)                                # the next part, queued, finds its session gone
    assert drawn == ["first"]
    assert c.state == IDLE and c.thread is None and c._held is None
