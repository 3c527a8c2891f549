"""What the teacher trained at home is there in class (#13 item 4): a reopened trained project shows its
predictions, card pictures, curves and the epoch reached without training; Reset weights asks, clears every
view of the old weights, and Edit ▸ Undo brings weights, curves and optimizer state back."""

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from nnstudio import data
from nnstudio.project import Project, load

from .conftest import mlp_spec
from .test_window import spiral_project, train

# (dataset, network inputs, outputs, output activation, what the Predictions view shows)
CASES = [
    (lambda: data.generate("spiral", classes=2, n_samples=120), 2, 1, "sigmoid", "plane"),
    (lambda: data.generate("sine", n_samples=80), 1, 1, "linear", "curve"),
    (lambda: data.load_builtin("iris"), 4, 3, "softmax", "confusion"),
    (lambda: data.load_builtin("diabetes"), 10, 1, "linear", "scatter"),
]


def project_for(make_data, inputs, outputs, out_act) -> Project:
    spec = mlp_spec(inputs=inputs, hidden=(6,), outputs=outputs, out_act=out_act)
    for i, n in enumerate(spec["nodes"]):
        n["position"] = [220.0 * i, 0.0]
    p = Project(spec=spec, title="trained")
    p.data["source"] = make_data().source
    p.training.update(epochs=2, batch_size=16, optimizer={"name": "adam", "learning_rate": 0.01})
    return p


def reopen(qtbot, make_window, project, path):
    project.save(path)
    reopened = load(path)
    w = make_window(reopened)
    side = w.training
    qtbot.waitUntil(lambda: not side.preview.running(), timeout=30000)
    return w


def answer(monkeypatch, button):
    asked = []

    def question(*args, **kwargs):
        asked.append([a for a in args if isinstance(a, str)])
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def same_weights(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        a[n].keys() == b[n].keys() and all(np.array_equal(a[n][k], b[n][k]) for k in a[n]) for n in a)


@pytest.mark.parametrize("make_data,inputs,outputs,out_act,kind", CASES, ids=[c[-1] for c in CASES])
def test_a_reopened_trained_project_shows_what_it_learnt(qtbot, make_window, tmp_path, make_data, inputs,
                                                         outputs, out_act, kind):
    trained = make_window(project_for(make_data, inputs, outputs, out_act))
    train(qtbot, trained)
    w = reopen(qtbot, make_window, trained.project, tmp_path / "p.nnproj")
    side, views = w.training, w.training.views
    assert side.sessions == 0                                        # nothing was trained to show it
    assert views.prediction.kind == kind
    assert views.prediction.stack.currentWidget() is views.prediction.views[kind]
    assert views.loss.series["loss"].n == 2
    assert side.panel.progress.format() == "2 epochs trained"
    assert set(w.scene.overlays) == {"h0", "y"}                      # the cards' pictures
    views.docks["WeightsDock"].raise_()
    qtbot.waitUntil(lambda: views.weights.image.image is not None, timeout=3000)
    kernel = w.project.weights[views.weights.combo.currentData()]["kernel"]
    assert np.allclose(views.weights.matrix, kernel.reshape(kernel.shape[0], -1))
    assert same_weights(w.project.weights, trained.project.weights)   # shown, not changed


def test_the_reopened_boundary_is_the_trained_one_and_train_continues(qtbot, make_window, tmp_path):
    trained = make_window(spiral_project(epochs=3))
    train(qtbot, trained)
    at_end = trained.training.views.prediction.plane.values
    w = reopen(qtbot, make_window, trained.project, tmp_path / "spiral.nnproj")
    shown = w.training.views.prediction.plane.values
    assert shown.shape == at_end.shape and np.allclose(shown, at_end, atol=1e-5)
    prepared = w.training.jobs.prepared                 # the preview's network serves the next Train
    assert prepared is not None
    result = train(qtbot, w)
    assert result.job.prepared is prepared and result.job.initial_epoch == 3
    assert len(w.project.history["loss"]) == 6


def test_an_untrained_project_shows_no_predictions(qtbot, make_window):
    w = make_window(spiral_project())
    assert not w.training.preview.running()
    assert w.training.views.prediction.kind == "none"
    assert w.training.panel.progress.format() == "ready"


def test_reset_weights_asks_and_cancel_keeps_everything(qtbot, make_window, monkeypatch):
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    weights = w.project.weights
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    w.training.panel.reset_btn.click()
    assert len(asked) == 1 and "2 epochs" in asked[0][1] and "Undo" in asked[0][1]
    assert w.project.weights is weights and len(w.project.history["loss"]) == 2
    assert w.training.views.prediction.kind == "plane" and w.undo_stack.count() == 0


def test_reset_clears_every_view_and_undo_brings_the_trained_state_back(qtbot, make_window, monkeypatch):
    w = make_window(spiral_project(epochs=2))
    side, views = w.training, w.training.views
    train(qtbot, w)
    for dock in ("WeightHistDock", "ActivationsDock", "WeightsDock"):     # every tab has drawn the weights
        views.docks[dock].raise_()
        qtbot.wait(50)
    views.flush()
    assert views.weights.image.image is not None and views.activations.data
    p = w.project
    before = (p.weights, p.history, p.resume_state, p.data["preprocessing"]["fitted"])
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    side.panel.reset_btn.click()
    assert p.weights is None and p.history is None and p.resume_state is None
    # nothing of the old weights is left on screen
    assert views.prediction.kind == "none" and views.prediction.stack.currentWidget() is views.prediction.empty
    assert views.weights.image.image is None
    assert not views.weight_hist.plots and not views.activations.plots
    assert views.loss.series["loss"].n == 0 and w.scene.overlays == {}
    assert side.panel.progress.format() == "ready"
    assert w.actions.undo.isEnabled()
    w.undo()                                                            # Edit ▸ Undo
    assert (p.weights, p.history, p.resume_state, p.data["preprocessing"]["fitted"]) == before
    assert views.loss.series["loss"].n == 2 and side.panel.progress.format() == "2 epochs trained"
    qtbot.waitUntil(lambda: views.prediction.kind == "plane", timeout=30000)
    assert set(w.scene.overlays) == {"h0", "h1", "y"}
    w.redo()
    assert p.weights is None and views.prediction.kind == "none"
    w.undo()
    qtbot.waitUntil(lambda: not side.preview.running(), timeout=30000)
    result = train(qtbot, w)                         # continues where the undone reset had stopped it
    assert result.job.initial_epoch == 2 and len(p.history["loss"]) == 4


def test_undoing_a_reset_keeps_what_was_trained_after_it_for_redo(qtbot, make_window, monkeypatch):
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    w.training.panel.reset_btn.click()
    w.training.panel.epochs.setValue(1)
    train(qtbot, w)
    after = w.project.weights
    assert len(w.project.history["loss"]) == 1
    w.undo()
    assert len(w.project.history["loss"]) == 2
    w.redo()
    assert w.project.weights is after and len(w.project.history["loss"]) == 1


def test_a_reset_cannot_be_undone_while_training_holds_the_weights(qtbot, make_window, monkeypatch):
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    w.training.panel.reset_btn.click()
    side = w.training
    with qtbot.waitSignal(side.controller.settled, timeout=10000):
        side.panel.step_btn.click()                                   # a session is paused
    w.undo()
    assert w.project.history is None and w.undo_stack.index() == 1     # refused
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=10000):
        side.panel.stop_btn.click()
    w.undo()
    assert len(w.project.history["loss"]) == 2


def test_a_screenshot_of_a_trained_project_shows_its_predictions(qtbot, make_window, tmp_path, monkeypatch):
    import threading

    from nnstudio.gui.training import headless, preview
    trained = make_window(spiral_project(epochs=2))
    train(qtbot, trained)
    trained.project.save(tmp_path / "spiral.nnproj")
    release, compute = threading.Event(), preview.compute
    monkeypatch.setattr(preview, "compute", lambda *a: (release.wait(30), compute(*a))[1])   # held back
    w = make_window(load(tmp_path / "spiral.nnproj"))
    seen = []
    shoot = headless.HeadlessRun._shoot
    monkeypatch.setattr(headless.HeadlessRun, "_shoot",
                        lambda run: (seen.append(w.training.views.prediction.kind), shoot(run)))
    shot = tmp_path / "shot.png"
    headless.run(w, screenshot=str(shot), train=False)
    qtbot.wait(600)                               # the run has begun (300 ms): the preview is still held
    release.set()
    qtbot.waitUntil(shot.exists, timeout=30000)
    assert seen == ["plane"]
