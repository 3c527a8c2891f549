"""Train on large data: the data is split and scaled off the GUI thread ("Preparing the data…"), with
Cancel; edits, opening another project and closing the window during it drop it cleanly; its errors are said
as before. Small data still starts at once.

A gate around ``runner.prepare`` holds the preparation until the test lets it go, so what the window does
meanwhile is checked without any timing."""

import threading

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from nnstudio import data
from nnstudio.gui.training import attach
from nnstudio.gui.training.controller import IDLE, PREPARING, RUNNING
from nnstudio.project import Project, runner
from nnstudio.project.errors import ProjectError

from .conftest import mlp_spec
from .test_window import spiral_project, train

FEATURES = 100


def wide_csv(path, rows: int) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, FEATURES))
    y = (X[:, :3].sum(axis=1) > 0).astype(int)
    header = ",".join([f"f{j}" for j in range(FEATURES)] + ["label"])
    np.savetxt(path, np.column_stack([X, y]), fmt=["%.4f"] * FEATURES + ["%d"], delimiter=",", header=header,
               comments="")


def large_project(tmp_path, inputs=FEATURES) -> Project:
    """A binary task on a CSV of just over LARGE_DATA_VALUES feature values."""
    path = tmp_path / "wide.csv"
    wide_csv(path, attach.LARGE_DATA_VALUES // FEATURES + 500)
    spec = mlp_spec(inputs=inputs, hidden=(4,))
    for i, n in enumerate(spec["nodes"]):
        n["position"] = [220.0 * i, 0.0]
    p = Project(spec=spec, title="Wide")
    p.data["source"] = data.load_csv(path).source
    p.training.update(epochs=1, batch_size=256, optimizer={"name": "adam", "learning_rate": 0.01})
    return p


class Gate:
    """Holds every runner.prepare until ``open()`` (or a generous safety timeout, so a failing test cannot hang)."""

    def __init__(self, monkeypatch):
        self.opened = threading.Event()
        self.entered = threading.Event()
        real = runner.prepare

        def held(*args, **kwargs):
            self.entered.set()
            self.opened.wait(60)
            return real(*args, **kwargs)

        monkeypatch.setattr(runner, "prepare", held)

    def open(self) -> None:
        self.opened.set()


@pytest.fixture
def gate(monkeypatch):
    g = Gate(monkeypatch)
    yield g
    g.open()


def press_train(qtbot, w, gate):
    """Train pressed on large data: the window is preparing (its thread inside runner.prepare)."""
    assert w.training.data_panel.dataset.X.size > attach.LARGE_DATA_VALUES
    w.training.panel.train_btn.click()
    assert w.training.controller.state == PREPARING
    qtbot.waitUntil(gate.entered.is_set, timeout=10000)


def test_train_on_large_data_prepares_off_the_gui_thread_then_trains(qtbot, make_window, tmp_path, gate):
    w = make_window(large_project(tmp_path))
    side, c = w.training, w.training.controller
    states = []                                    # the controller's state each time the GUI thread ticked
    timer = QTimer()
    timer.timeout.connect(lambda: states.append(c.state))
    timer.start(0)
    started, finished = [], []
    c.sessionStarted.connect(started.append)
    c.sessionFinished.connect(finished.append)
    press_train(qtbot, w, gate)
    qtbot.waitUntil(lambda: PREPARING in states, timeout=10000)   # the GUI answers while the data is prepared
    timer.stop()
    p = side.panel
    assert not p.train_btn.isEnabled() and not p.step_btn.isEnabled() and not p.pause_btn.isEnabled()
    assert p.stop_btn.isEnabled() and p.stop_btn.text() == "Cancel"
    assert p.progress.format() == "Preparing the data…"
    assert started == [] and c.state == PREPARING
    gate.open()
    qtbot.waitUntil(lambda: finished != [], timeout=60000)
    assert finished[0].reason == "completed" and len(started) == 1
    assert started[0].prepared.dataset is side.data_panel.dataset   # the set in memory, not a second read
    assert runner.epochs_done(w.project) == 1 and w.project.weights is not None
    assert p.stop_btn.text() == "Stop" and p.train_btn.isEnabled()


def test_cancel_during_preparation_leaves_no_session_and_the_window_idle(qtbot, make_window, tmp_path, gate):
    w = make_window(large_project(tmp_path))
    side, c = w.training, w.training.controller
    before = side.panel.progress.format()
    started = []
    c.sessionStarted.connect(started.append)
    press_train(qtbot, w, gate)
    side.panel.stop_btn.click()
    assert c.state == IDLE and side.panel.train_btn.isEnabled() and side.panel.progress.format() == before
    gate.open()
    qtbot.waitUntil(lambda: not c.preparation.running(), timeout=20000)
    qtbot.wait(20)                                 # anything the cancelled thread sent has arrived
    assert c.state == IDLE and started == [] and c.job is None
    assert w.project.weights is None and side.jobs.prepared is None
    train(qtbot, w, timeout=60000)                 # Train works again afterwards
    assert runner.epochs_done(w.project) == 1


def test_opening_another_project_during_preparation_discards_it(qtbot, make_window, tmp_path, gate):
    w = make_window(large_project(tmp_path))
    side, c = w.training, w.training.controller
    started = []
    c.sessionStarted.connect(started.append)
    press_train(qtbot, w, gate)
    gate.open()
    other = spiral_project()
    w.set_project(other)
    qtbot.wait(20)
    assert not c.preparation.running() and c.state == IDLE and started == []
    assert w.project is other and other.weights is None and side.jobs.prepared is None
    train(qtbot, w)                                # the new project trains on its own data
    assert started[0].prepared.dataset is side.data_panel.dataset and len(started[0].X) < 120


def test_an_edit_of_the_network_during_preparation_cancels_it(qtbot, make_window, tmp_path, gate):
    w = make_window(large_project(tmp_path))
    side, c = w.training, w.training.controller
    started = []
    c.sessionStarted.connect(started.append)
    press_train(qtbot, w, gate)
    assert w.editor.add_layer("Dense", (0.0, 300.0), after="h0") is not None   # not locked while preparing
    assert c.state == IDLE
    gate.open()
    qtbot.waitUntil(lambda: not c.preparation.running(), timeout=20000)
    qtbot.wait(20)
    assert started == [] and side.jobs.prepared is None and w.project.weights is None


def test_closing_the_window_during_preparation_leaves_no_thread(qtbot, make_window, tmp_path, gate):
    w = make_window(large_project(tmp_path))
    c = w.training.controller
    press_train(qtbot, w, gate)
    gate.open()
    w.mark_saved()
    w.close()
    assert not c.preparation.running() and c.state == IDLE


def test_an_error_in_preparing_large_data_is_said_in_one_sentence(qtbot, make_window, tmp_path):
    project = large_project(tmp_path, inputs=3)            # the data has 100 features
    w = make_window(project)
    side = w.training
    with pytest.raises(ProjectError) as expected:                 # what preparing says on its own
        runner.prepare(w.project, spec=w.document.spec, dataset=side.data_panel.dataset)
    with qtbot.waitSignal(side.controller.failed, timeout=20000) as failed:
        side.panel.train_btn.click()
        assert side.controller.state == PREPARING
    assert failed.args[0] == str(expected.value)
    assert side.panel.message.text() == attach.with_display_names(str(expected.value), w.document.spec)
    assert side.controller.state == IDLE and side.panel.train_btn.isEnabled()


def test_small_data_starts_training_at_once(qtbot, make_window):
    w = make_window(spiral_project(epochs=2))
    assert w.training.data_panel.dataset.X.size <= attach.LARGE_DATA_VALUES
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=30000):
        w.training.panel.train_btn.click()
        assert w.training.controller.state == RUNNING     # no event-loop turn before the session
