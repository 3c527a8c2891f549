"""Live training inside the studio window: locking, views, card overlays, recording into the project,
save/load round trip of the history, continuing, reset, the headless report, and plot export."""

import json

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from nnstudio import data
from nnstudio.gui.training import headless
from nnstudio.gui.training.controller import IDLE, PAUSED
from nnstudio.project import Project, load

from .conftest import mlp_spec


def spiral_project(epochs=3, lr=0.01):
    spec = mlp_spec(hidden=(8, 8))
    for i, n in enumerate(spec["nodes"]):
        n["position"] = [220.0 * i, 0.0]
    p = Project(spec=spec, title="Spiral")
    p.data["source"] = data.generate("spiral", classes=2, n_samples=120).source
    p.training.update(epochs=epochs, batch_size=16, optimizer={"name": "adam", "learning_rate": lr})
    return p


def train(qtbot, w, timeout=30000):
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=timeout) as blocker:
        w.training.panel.train_btn.click()
    return blocker.args[0]


def test_training_in_the_window_locks_structure_and_records(qtbot, make_window):
    w = make_window(spiral_project(epochs=4))
    side = w.training
    locks = []
    w.editor.lockChanged.connect(lambda on, why: locks.append(on))
    assert not w.is_modified()
    result = train(qtbot, w)
    assert result.reason == "completed"
    assert locks == [True, False]                           # locked while training, unlocked after
    p = w.project
    assert len(p.history["loss"]) == 4 and len(p.history["val_loss"]) == 4
    assert p.weights is not None and w.is_modified()
    # every view got data
    v = side.views
    assert v.loss.series["loss"].n == 4 and v.metric.series["val_accuracy"].n == 4
    for dock, view in (("WeightHistDock", v.weight_hist), ("ActivationsDock", v.activations)):
        v.docks[dock].raise_()                                 # a tab behind others draws when opened
        qtbot.waitUntil(lambda view=view: set(view.data) == {"h0", "h1", "y"}, timeout=3000)
    assert v.gradients.series["h0"].n >= 1
    assert v.prediction.kind == "plane" and v.prediction.plane.values is not None
    assert v.updates > 0
    # the cards show live pictures
    assert set(w.scene.overlays) == {"h0", "h1", "y"}


def test_structural_edits_are_refused_while_paused(qtbot, make_window):
    w = make_window(spiral_project(epochs=3))
    side = w.training
    with qtbot.waitSignal(side.controller.settled, timeout=10000):
        side.panel.step_btn.click()
    assert side.controller.state == PAUSED
    nodes = len(w.document.spec["nodes"])
    assert w.editor.add_layer("Dense", (0.0, 300.0)) is None
    assert len(w.document.spec["nodes"]) == nodes
    assert not side.data_panel.isEnabled() and not side.panel.epochs.isEnabled()
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=10000):
        side.panel.stop_btn.click()
    assert w.editor.add_layer("Dense", (0.0, 300.0)) is not None


def test_history_round_trips_through_save_and_load_and_training_continues(qtbot, make_window, tmp_path):
    w = make_window(spiral_project(epochs=3))
    train(qtbot, w)
    path = tmp_path / "spiral.nnproj"
    w.project.save(path)
    saved = w.project.history
    reopened = load(path)
    assert reopened.history == saved
    w2 = make_window(reopened)
    assert w2.training.views.loss.series["loss"].n == 3          # the curves are back
    before = {k: v.copy() for k, v in reopened.weights["h0"].items()}
    result = train(qtbot, w2)
    assert result.job.initial_epoch == 3                      # continues from the saved epoch...
    assert len(w2.project.history["loss"]) == 6
    assert w2.project.history["loss"][:3] == saved["loss"]
    assert w2.training.views.loss.series["loss"].data()[0][-1] == 6
    assert not np.array_equal(before["kernel"], w2.project.weights["h0"]["kernel"])


def test_reset_weights_starts_again(qtbot, make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.training.panel.reset_btn.click()
    assert w.project.weights is None and w.project.history is None
    assert w.training.views.loss.series["loss"].n == 0
    assert w.scene.overlays == {}
    result = train(qtbot, w)
    assert result.job.initial_epoch == 0


def test_divergence_in_the_window_pauses_and_explains(qtbot, make_window):
    p = spiral_project(epochs=30)
    p.spec = mlp_spec(hidden=(8,), out_act="linear", act="relu")
    p.data["source"] = data.generate("plane", n_samples=64).source
    p.training.update(optimizer={"name": "sgd", "learning_rate": 1e6})
    w = make_window(p)
    side = w.training
    with qtbot.waitSignal(side.controller.diverged, timeout=20000):
        side.panel.train_btn.click()
    qtbot.waitUntil(lambda: side.controller.state == PAUSED, timeout=5000)
    assert "learning rate" in side.panel.message.text()
    assert side.panel.message.isVisibleTo(side.panel)
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=10000):
        side.panel.stop_btn.click()
    assert side.controller.state == IDLE
    assert all(np.isfinite(a).all() for d in w.project.weights.values() for a in d.values())


def test_train_without_data_says_so(qtbot, make_window):
    p = spiral_project()
    p.data["source"] = None
    w = make_window(p)
    w.training.panel.train_btn.click()
    assert w.training.controller.state == IDLE
    assert "no data" in w.training.panel.message.text()


def test_headless_run_writes_a_report_and_screenshot(qtbot, make_window, tmp_path):
    w = make_window(spiral_project(epochs=3))
    report, shot = tmp_path / "report.json", tmp_path / "shot.png"
    assert headless.run(w, epochs=2, report=str(report), screenshot=str(shot)) is None
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=30000):
        pass
    figures = json.loads(report.read_text())
    assert figures["epochs"] == 2 and figures["steps"] == 2 * 6        # 96 training rows / 16
    for key in ("steps_per_s", "seconds", "reason", "updates"):
        assert key in figures
    assert figures["updates"] > 0
    assert shot.stat().st_size > 10000


def test_plots_export_png_svg_and_csv(qtbot, make_window, tmp_path):
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    loss = w.training.views.loss
    png = loss.export_png(tmp_path / "loss.png")
    svg = loss.export_svg(tmp_path / "loss.svg")
    csv = loss.export_csv(tmp_path / "loss.csv")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in svg.read_text()
    lines = csv.read_text().splitlines()
    assert lines[0] == "series,x,y"
    assert sum(line.startswith("validation,") for line in lines) == 2
    w.training.views.docks["ActivationsDock"].raise_()       # export is offered on the view in front
    qtbot.waitUntil(lambda: bool(w.training.views.activations.data), timeout=3000)
    hist_csv = w.training.views.activations.export_csv(tmp_path / "act.csv").read_text().splitlines()
    assert hist_csv[0] == "layer,bin_from,bin_to,count" and len(hist_csv) > 30
    plane = w.training.views.prediction.plane.export_csv(tmp_path / "plane.csv").read_text().splitlines()
    assert plane[0] == "x1,x2,output" and len(plane) == 64 * 64 + 1
    menu_titles = [a.text() for a in loss.export_menu.actions()]
    assert menu_titles == ["PNG image…", "SVG drawing…", "CSV table…"]


def test_data_change_adapts_the_network_as_one_undoable_edit(qtbot, make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    w = make_window(spiral_project())
    panel = w.training.data_panel
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    original = w.document.spec
    panel.kind.setCurrentIndex(panel.kind.findData("builtin"))       # iris: 4 features, 3 classes
    panel.use_button.click()
    spec = w.document.spec
    nodes = {n["id"]: n for n in spec["nodes"]}
    assert nodes["x"]["params"]["shape"] == [4]
    assert nodes["y"]["params"]["units"] == 3 and nodes["y"]["params"]["activation"] == "softmax"
    assert w.project.data["source"]["name"] == "iris"
    assert not panel.fit_label.isVisibleTo(panel)
    w.undo_stack.undo()
    assert w.document.spec == original
    assert panel.fit_label.isVisibleTo(panel)                         # the mismatch is shown again
    result = None
    w.undo_stack.redo()
    result = train(qtbot, w)
    assert result.reason == "completed" and w.training.views.prediction.kind == "confusion"


def test_l1_l2_apply_to_every_layer_and_undo(qtbot, make_window):
    w = make_window(spiral_project())
    w.training.panel.l2.setValue(0.01)
    regs = [n["params"].get("kernel_regularizer") for n in w.document.spec["nodes"] if n["type"] == "Dense"]
    assert regs == [{"l2": 0.01}] * 3
    w.undo_stack.undo()
    assert all(not n["params"].get("kernel_regularizer") for n in w.document.spec["nodes"])


def test_closing_the_window_stops_training(qtbot, make_window):
    w = make_window(spiral_project(epochs=100000))
    side = w.training
    side.panel.train_btn.click()
    qtbot.waitUntil(lambda: getattr(side.controller.last_progress, "epoch", 0) >= 1, timeout=10000)
    thread = side.controller.thread
    assert thread is not None and thread.isRunning()
    asked = []
    w.files.maybe_save = lambda: asked.append(w.is_modified()) or True
    w.close()
    assert side.controller.thread is None and side.controller.worker is None
    assert not thread.isRunning()
    assert asked == [True]                          # the save prompt sees the trained weights...
    assert w.project.weights is not None and w.project.history["loss"]   # ...recorded before closing


def test_opening_another_project_stops_training_and_shows_its_curves(qtbot, make_window):
    w = make_window(spiral_project(epochs=100000))
    side = w.training
    with qtbot.waitSignal(side.controller.progress, timeout=10000):
        side.panel.train_btn.click()
    other = spiral_project()
    other.history = {"loss": [0.9, 0.5, 0.3], "val_loss": [1.0, 0.6, 0.4]}
    w.set_project(other)
    assert side.controller.state == IDLE and side.controller.thread is None
    assert side.views.loss.series["loss"].n == 3 and side.views.loss.series["val_loss"].n == 3


def test_screenshot_without_training(qtbot, make_window, tmp_path):
    w = make_window(spiral_project())
    shot, report = tmp_path / "shot.png", tmp_path / "report.json"
    assert headless.run(w, screenshot=str(shot), report=str(report), train=False) is None
    qtbot.waitUntil(report.exists, timeout=5000)
    assert json.loads(report.read_text()) == {"trained": False}
    assert shot.stat().st_size > 10000
    assert w.training.controller.state == IDLE and w.project.history is None


@pytest.mark.slow
def test_command_line_trains_in_the_real_window(tmp_path):
    import os
    import subprocess
    import sys
    project = tmp_path / "spiral.nnproj"
    spiral_project().save(project)
    report = tmp_path / "report.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))   # autosaves too stay in the test's folder
    out = subprocess.run([sys.executable, "-m", "nnstudio.cli", "gui", str(project), "--train", "--epochs", "30",
                          "--quit-when-done", "--report", str(report)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    figures = json.loads(report.read_text())
    assert figures["trained"] and figures["epochs"] == 30 and figures["reason"] == "completed"
    assert figures["steps_per_s"] > 0 and figures["updates"] > 0


def test_the_worker_computes_histograms_only_while_their_tab_shows(qtbot, make_window):
    w = make_window(spiral_project(epochs=2000))
    side = w.training
    side.views.docks["LossDock"].raise_()               # the histogram tabs are behind others
    side.views.docks["MetricDock"].raise_()
    with qtbot.waitSignal(side.controller.progress, timeout=10000):
        side.panel.train_btn.click()
    worker = side.controller.worker
    assert "activations" not in worker.parts and "weight_hist" not in worker.parts
    qtbot.waitUntil(lambda: side.views.prediction.updates >= 2, timeout=10000)   # snapshots are flowing...
    assert side.views.activations.updates == 0                                 # ...a tab behind is not drawn
    side.views.docks["ActivationsDock"].raise_()
    qtbot.waitUntil(lambda: "activations" in worker.parts, timeout=5000)
    qtbot.waitUntil(lambda: side.views.activations.updates > 0, timeout=5000)
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=10000):
        side.controller.stop()


def test_full_batch_projects_train_every_epoch_in_the_window(qtbot, make_window):
    # "batch_size": null stopped after one epoch: "unsupported operand type(s) for *: 'float' and 'NoneType'"
    p = spiral_project(epochs=4)
    p.training["batch_size"] = None
    w = make_window(p)
    result = train(qtbot, w)
    assert result.reason == "completed", result.message
    assert len(w.project.history["loss"]) == 4 and result.steps == 4
    assert "samples/s" in w.training.panel.status.text()


def test_each_train_runs_the_epochs_the_box_says(qtbot, make_window):
    # set 2, Train, set 5, Train: 5 more epochs (the reused network kept the first session's number)
    w = make_window(spiral_project(epochs=2))
    panel = w.training.panel
    train(qtbot, w)
    assert len(w.project.history["loss"]) == 2
    panel.epochs.setValue(5)
    result = train(qtbot, w)
    assert result.job.initial_epoch == 2 and len(w.project.history["loss"]) == 7


def test_the_automatic_loss_follows_the_output_layer(qtbot, make_window):
    from nnstudio.document import SetParams
    p = spiral_project()
    out = p.spec["nodes"][-1]
    out["params"] = {"units": 2, "activation": "softmax"}
    w = make_window(p)
    loss = w.training.panel.loss
    assert loss.itemText(0) == "auto: sparse_categorical_crossentropy"
    w.document.apply(SetParams(out["id"], {"units": 1, "activation": "sigmoid"}))
    assert loss.itemText(0) == "auto: binary_crossentropy"


def test_messages_name_layers_as_the_canvas_does():
    from nnstudio.gui.training.attach import with_display_names
    spec = {"nodes": [{"id": "x", "type": "Input", "name": "pixels"}, {"id": "y", "type": "Dense", "name": "digit"},
                      {"id": "h", "type": "Dense"}]}
    text = "Dense 'y' gives 1 value per sample, but Dense 'h' and Input 'x' feed it; 'yy' is another."
    assert with_display_names(text, spec) == ("Dense 'digit' gives 1 value per sample, but Dense 'h' and Input "
                                              "'pixels' feed it; 'yy' is another.")


def test_l1_l2_reach_every_layer_whose_kernel_takes_a_penalty(qtbot, make_window):
    from nnstudio.engine import layers
    w = make_window(spiral_project())
    w.training.panel.l2.setValue(0.01)
    for n in w.document.spec["nodes"]:
        takes = layers.get(n["type"]).takes_regularizer()
        assert bool((n.get("params") or {}).get("kernel_regularizer")) == takes


def _x_range(plot):
    return plot.plot_item.getViewBox().viewRange()[0]


def test_the_curves_x_axis_grows_with_progress(qtbot, make_window):
    from nnstudio.gui.training.views import FIRST_SPAN, SPAN_GROWTH
    w = make_window(spiral_project(epochs=60))
    views = w.training.views
    seen = []  # (position, right end of the x axis) at every report, however fast the machine trains
    w.training.controller.progress.connect(lambda info: seen.append((info.position, _x_range(views.loss)[1])))
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=30000):
        w.training.panel.train_btn.click()
    assert seen
    for position, right in seen:                        # never all 60 planned epochs ahead of the progress...
        assert position <= right <= 1.1 * max(FIRST_SPAN, SPAN_GROWTH * position) + 1
    assert 55 < _x_range(views.loss)[1] < 63           # ...and as far as training got at the end


def test_until_stopped_runs_past_the_epochs_box_and_stops_on_stop(qtbot, make_window):
    w = make_window(spiral_project(epochs=2))
    panel, c = w.training.panel, w.training.controller
    panel.endless.setChecked(True)
    assert not panel.epochs.isEnabled()
    panel.train_btn.click()
    qtbot.waitUntil(lambda: getattr(c.last_progress, "epoch", 0) >= 4, timeout=20000)
    assert c.last_progress.epoch_end is None
    assert panel.progress.format().startswith("epoch ")
    with qtbot.waitSignal(c.sessionFinished, timeout=10000) as done:
        panel.stop_btn.click()
    assert done.args[0].reason == "stopped" and len(w.project.history["loss"]) >= 4


def test_a_slow_pace_shows_each_epoch_and_full_speed_returns(qtbot, make_window):
    w = make_window(spiral_project(epochs=1000))
    panel, c = w.training.panel, w.training.controller
    from nnstudio.gui.training.panel import PACES
    panel.pace.setCurrentIndex([pace for _, pace in PACES].index(("epoch", 10.0)))
    assert c.pace == ("epoch", 10.0)
    seen = []
    c.snapshot.connect(lambda snap: seen.append(snap.epoch))
    import time
    start = time.perf_counter()
    panel.train_btn.click()

    def whole():        # snapshots at an epoch's end (a busy machine may add one mid-epoch, on the clock)
        return [int(e) for e in seen if e > 0 and float(e).is_integer()]

    qtbot.waitUntil(lambda: len(whole()) >= 3, timeout=10000)
    # ten a second at most, so the lesson can be watched (a busy machine only makes it slower)
    assert c.last_progress.epoch <= 10 * (time.perf_counter() - start) + 2
    first = whole()[0]
    assert whole()[:3] == [first, first + 1, first + 2] and seen == sorted(seen)   # every epoch shown, in order
    panel.pace.setCurrentIndex(0)                      # full speed, while training
    assert c.pace is None
    with qtbot.waitSignal(c.sessionFinished, timeout=60000) as done:
        pass
    assert done.args[0].reason == "completed" and len(w.project.history["loss"]) == 1000


def test_histogram_grids_behind_a_tab_are_built_when_shown(qtbot, make_window):
    """Starting a session built every layer's histogram plots at once, even behind a tab: a deep network
    stalled the window (found by the monkey, tests/gui/monkey.py). They are built when first shown."""
    w = make_window(spiral_project(epochs=2))
    v = w.training.views
    v.docks["LossDock"].raise_()
    v.docks["MetricDock"].raise_()       # both histogram tabs behind others
    qtbot.waitUntil(lambda: not v._visible(v.weight_hist) and not v._visible(v.activations), timeout=3000)
    train(qtbot, w)
    assert v.weight_hist.plots == {} and v.activations.plots == {}
    for dock, view in (("WeightHistDock", v.weight_hist), ("ActivationsDock", v.activations)):
        v.docks[dock].raise_()
        qtbot.waitUntil(lambda view=view: set(view.plots) == {"h0", "h1", "y"}, timeout=3000)
        assert set(view.data) == {"h0", "h1", "y"}
        x, counts = view.curves["h1"].getData()
        assert np.array_equal(counts, view.data["h1"][0])


def test_a_frame_is_parted_into_the_curves_and_the_views_in_sight(qtbot, make_window):
    w = make_window(spiral_project(epochs=30))
    v = w.training.views
    frames = []
    make_parts = v.frame_parts

    def recorded():
        parts = make_parts()
        targets = [p.args[0] if p.args else p.func.__self__ for p in parts]
        # (the card pictures are a function of the window's, drawn with every snapshot)
        frames.append([(t, v._visible(t) if isinstance(t, QWidget) else True) for t in targets])
        return parts

    w.training.controller.frame_parts = recorded
    train(qtbot, w)
    assert frames
    slow = {id(view) for name, view in v._views.items() if name not in ("prediction", "gradients", "forecast",
                                                                           "through_time", "loss", "metric")}
    for parts in frames:
        assert [target for target, _ in parts[:2]] == [v.loss, v.metric]     # the curves first, one part each
        assert all(shown for _, shown in parts)                             # nothing drawn out of sight
        assert sum(id(target) in slow for target, _ in parts) <= 1         # one slowly changing view a frame
    assert any(target is v.prediction for parts in frames for target, _ in parts)
    assert not any(target is v.weight_hist for parts in frames for target, _ in parts)   # a tab behind others


def test_a_screenshot_with_no_project_is_the_welcome_page_alone(qtbot, make_window, tmp_path):
    """`nnstudio gui --screenshot shot.png` with no project: the training views used to be shown under the
    welcome page, taking most of the picture."""
    from PySide6.QtWidgets import QDockWidget

    w = make_window()
    w.show_welcome()
    shot = tmp_path / "shot.png"
    assert headless.run(w, screenshot=str(shot), train=False) is None
    qtbot.waitUntil(shot.exists, timeout=5000)
    assert w.on_welcome()
    assert [d.objectName() for d in w.findChildren(QDockWidget) if d.isVisible()] == []


def test_a_session_that_ends_early_shows_a_full_done_bar(qtbot, make_window):
    """The perceptron learns AND in under 20 epochs and stops: the bar said "done" at 7 of 20."""
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    w = make_window(load(samples_dir() / "perceptron_and.nnproj"))
    result = train(qtbot, w)
    assert result.reason == "converged" and len(result.history["loss"]) < 20
    bar = w.training.panel.progress
    assert bar.value() == bar.maximum() and bar.format().startswith("done:")


def test_a_change_that_drops_trained_weights_redraws_what_the_network_predicts(qtbot, make_window):
    """After units 8 -> 12 dropped the trained weights of two layers, the window kept drawing the discarded
    network's decision boundary."""
    import numpy as np
    w = make_window(spiral_project(epochs=3))
    train(qtbot, w)
    plane = w.training.views.prediction.plane
    qtbot.waitUntil(lambda: plane.values is not None, timeout=10000)
    before = np.array(plane.values, copy=True)
    with qtbot.waitSignal(w.training.previewDone, timeout=20000):
        w.editor.set_params("h0", {"units": 12}, "Set units")
    assert "h0" not in w.project.weights                      # dropped: they no longer fit
    assert not np.allclose(plane.values, before)              # the views show the changed network
    with qtbot.waitSignal(w.training.previewDone, timeout=20000):
        w.undo()                                               # the trained weights come back, and their picture
    np.testing.assert_allclose(plane.values, before, rtol=1e-5, atol=1e-6)


def test_a_project_whose_weights_are_missing_says_so_and_trains_a_new_run(qtbot, make_window, tmp_path):
    """It opened as "100 epochs trained" and went on at epoch 101 from fresh weights, the loss jumping."""
    import zipfile

    from nnstudio.project import load, runner
    p = spiral_project(epochs=3)
    runner.train(p)
    p.save(tmp_path / "s.nnproj")
    with zipfile.ZipFile(tmp_path / "s.nnproj") as z, zipfile.ZipFile(tmp_path / "lost.nnproj", "w") as out:
        for name in z.namelist():
            if name != "weights.npz":
                out.writestr(name, z.read(name))
    w = make_window(load(tmp_path / "lost.nnproj"))
    panel = w.training.panel
    assert "weights are missing" in panel.message.text() and panel.message.isVisibleTo(w)
    assert panel.progress.format() == "ready"
    train(qtbot, w)
    assert len(w.project.history["loss"]) == 3                 # a run of its own, epochs 1..3
    assert [len(r.history["loss"]) for r in w.project.runs] == [3]     # the old curves kept as a run


def test_a_new_project_after_a_trained_one_has_empty_curves_on_fresh_axes(qtbot, make_window):
    """After New, the empty Loss and Accuracy plots kept the old run's axes (loss 0.45-0.7, epochs 0-100)."""
    from nnstudio.gui.training.views import FIRST_SPAN
    from nnstudio.project import Project
    w = make_window(spiral_project(epochs=30))
    train(qtbot, w)
    w.set_project(Project.new())
    for plot in (w.training.views.loss, w.training.views.metric):
        (x0, x1), (y0, y1) = plot.plot_item.getViewBox().viewRange()
        assert x1 < FIRST_SPAN + 1 and (y0, y1) == (0.0, 1.0)
