"""The timeline under the views: a trained run's snapshots shown by epoch, played back, exported as PNG frames
and continued from as a new run."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from nnstudio.engine.network import Network
from nnstudio.gui.training import frames
from nnstudio.project import runner
from nnstudio.project.model import load

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
EPOCHS = 20


@pytest.fixture
def trained():
    project = load(SAMPLES / "spiral.nnproj")
    runner.train(project, epochs=EPOCHS)
    return project


@pytest.fixture
def timeline(make_window, trained, qtbot):
    w = make_window(trained, size=(1280, 720))
    t = w.training.timeline
    qtbot.waitUntil(lambda: len(t.epochs) >= 3, timeout=20000)
    return t


def plane_prediction(window, weights) -> np.ndarray:
    """What a network holding ``weights`` predicts over the plane the boundary view draws."""
    net = Network.from_config(window.document.spec)
    net.set_weights(weights)
    xs, ys = window.training.views.prediction.plane.axes
    gx, gy = np.meshgrid(xs, ys)
    out = net.predict(np.column_stack([gx.ravel(), gy.ravel()]))
    return np.asarray(out, dtype=np.float64).reshape(len(ys), len(xs), -1)


def test_the_slider_offers_the_runs_snapshot_epochs(timeline, trained):
    assert timeline.epochs == trained.snapshots.epochs
    assert timeline.epochs[0] == 0 and timeline.epochs[-1] == EPOCHS
    assert timeline.bar.slider.isEnabled()
    assert timeline.bar.slider.maximum() == len(timeline.epochs) - 1
    assert timeline.rewound is None and not timeline.bar.live.isEnabled()


def test_an_epoch_shows_its_stored_weights(timeline, trained, qtbot):
    w = timeline.side.window
    views = timeline.side.views
    live_values = np.array(views.prediction.plane.values)
    epoch = timeline.epochs[2]
    stored = trained.snapshots.get(epoch)
    timeline.show_epoch(epoch)
    assert timeline.rewound == epoch
    np.testing.assert_allclose(views.prediction.plane.values, plane_prediction(w, stored), atol=1e-5)
    assert not np.allclose(views.prediction.plane.values, live_values, atol=1e-3)
    # the views behind other tabs catch up with the epoch shown when their tab is chosen
    views.docks["WeightsDock"].raise_()
    views.docks["WeightHistDock"].raise_()
    qtbot.waitUntil(lambda: views.weights._last is not None and bool(views.weight_hist.data), timeout=5000)
    kernel_node = views.weights.combo.currentData()
    np.testing.assert_allclose(views.weights._last[kernel_node]["kernel"], stored[kernel_node]["kernel"], atol=1e-6)
    hist_counts, _edges = views.weight_hist.data[kernel_node]
    assert hist_counts.sum() == sum(np.size(a) for a in stored[kernel_node].values())
    for plot in (views.loss, views.metric):
        assert plot.marker.isVisible() and plot.marker.value() == epoch
    assert timeline.side.overlays.shown           # the cards show that epoch's pictures
    assert timeline.bar.branch.isEnabled() and timeline.bar.live.isEnabled()
    # Live: the network as trained now, the markers gone
    timeline.bar.live.click()
    assert timeline.rewound is None
    np.testing.assert_allclose(views.prediction.plane.values, live_values)
    np.testing.assert_allclose(views.prediction.plane.values, plane_prediction(w, trained.weights), atol=1e-5)
    assert not views.loss.marker.isVisible() and not views.metric.marker.isVisible()


def test_moving_the_slider_to_the_newest_epoch_is_live(timeline):
    timeline.bar.slider.setValue(1)
    assert timeline.rewound == timeline.epochs[1]
    timeline.bar.slider.setValue(timeline.bar.slider.maximum())
    assert timeline.rewound is None and not timeline.side.views.loss.marker.isVisible()


def test_a_large_network_is_drawn_from_a_background_thread(timeline, trained, monkeypatch, qtbot):
    monkeypatch.setattr(frames, "SYNC_PARAMS", 0)
    epoch = timeline.epochs[1]
    timeline.show_epoch(epoch)
    qtbot.waitUntil(lambda: timeline.side.views.loss.marker is not None
                    and timeline.side.views.loss.marker.isVisible(), timeout=10000)
    expected = plane_prediction(timeline.side.window, trained.snapshots.get(epoch))
    np.testing.assert_allclose(timeline.side.views.prediction.plane.values, expected, atol=1e-5)


def test_play_steps_through_every_epoch_then_goes_live(timeline, qtbot):
    seen = []
    timeline.shown.connect(seen.append)
    timeline.bar.pace.setCurrentIndex(timeline.bar.pace.findData(10))
    timeline.bar.play.click()
    assert timeline.bar.play.isChecked() and timeline.player.isActive()
    qtbot.waitUntil(lambda: not timeline.player.isActive(), timeout=30000)
    assert seen == timeline.epochs[:-1] + [None]
    assert not timeline.bar.play.isChecked() and timeline.rewound is None


def test_pause_stops_playback_where_it_is(timeline, qtbot):
    timeline.play()
    qtbot.waitUntil(lambda: timeline.rewound is not None and timeline.rewound > timeline.epochs[1], timeout=10000)
    timeline.pause()
    held = timeline.rewound
    qtbot.wait(300)
    assert timeline.rewound == held and not timeline.player.isActive()


def test_export_writes_one_png_per_snapshot(timeline, tmp_path, qtbot):
    folder = tmp_path / "slides"
    assert timeline.export.start(folder, "views")
    qtbot.waitUntil(lambda: not timeline.export.running, timeout=30000)
    names = sorted(p.name for p in folder.glob("*.png"))
    n = len(timeline.epochs)
    assert names == [f"frame_{i:04d}.png" for i in range(1, n + 1)]
    first, last = QImage(str(folder / names[0])), QImage(str(folder / names[-1]))
    assert not first.isNull() and first.width() > 100 and first.height() > 100
    # the views under the canvas: as wide as the three tab groups side by side, no taller than the window
    views = timeline.side.views.docks
    window = timeline.side.window
    ratio = first.devicePixelRatio()
    row = views["LossDock"].width() + views["PredictionDock"].width() + views["MetricDock"].width()
    assert row * ratio <= first.width() <= window.width() * ratio
    assert views["PredictionDock"].height() * ratio <= first.height() < window.height() * ratio
    assert first != last                              # the boundary moved between epoch 0 and the end
    assert str(n) in timeline.bar.message.text()
    assert timeline.rewound is None                   # live again, as before the export


def test_export_of_the_whole_window_is_the_windows_size(timeline, tmp_path, qtbot):
    assert timeline.export.start(tmp_path, "window")
    qtbot.waitUntil(lambda: not timeline.export.running, timeout=30000)
    image = QImage(str(tmp_path / "frame_0001.png"))
    window = timeline.side.window
    assert (image.width(), image.height()) == (window.width() * image.devicePixelRatio(),
                                               window.height() * image.devicePixelRatio())


def test_export_refuses_a_folder_it_cannot_write(timeline, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert not timeline.export.start(blocker, "views")
    assert not timeline.export.running
    text = timeline.bar.message.text()
    assert str(blocker) in text and "not a folder" in text
    assert not list(tmp_path.glob("*.png"))


def test_export_can_be_cancelled(timeline, tmp_path, qtbot):
    timeline.export.start(tmp_path, "views")
    qtbot.waitUntil(lambda: len(timeline.export.written) >= 1, timeout=10000)
    timeline.bar.cancel.click()
    assert not timeline.export.running
    written = len(list(tmp_path.glob("*.png")))
    assert 1 <= written < len(timeline.epochs)
    assert "cancelled" in timeline.bar.message.text()


def test_continue_from_here_branches_a_run_with_the_snapshots_weights(timeline, trained, qtbot):
    project = timeline.project
    old_id = project.run.id
    epoch = timeline.epochs[3]
    stored = trained.snapshots.get(epoch)
    timeline.show_epoch(epoch)
    timeline.bar.branch.click()
    assert project.run.id != old_id
    assert [r.id for r in project.runs] == [old_id]
    assert set(project.weights) == set(stored)
    for nid, params in stored.items():
        for name, value in params.items():
            np.testing.assert_array_equal(project.weights[nid][name], value)
    assert runner.epochs_done(project) == epoch
    assert "optimizer starts afresh" in timeline.bar.message.text()
    assert timeline.side.window.is_modified()
    # the new run's timeline: the snapshots up to the branch point, the views live on its weights
    qtbot.waitUntil(lambda: bool(timeline.epochs) and timeline.epochs[-1] == epoch, timeout=20000)
    assert timeline.rewound is None
    np.testing.assert_allclose(timeline.side.views.prediction.plane.values,
                               plane_prediction(timeline.side.window, stored), atol=1e-5)
    # one undo step: the run it came from is current again, with its weights
    window = timeline.side.window
    assert "epoch" in window.undo_stack.undoText()
    window.undo_stack.undo()
    assert project.run.id == old_id and project.runs == []
    assert runner.epochs_done(project) == runner.epochs_done(trained)
    window.undo_stack.redo()
    assert project.run.id != old_id and runner.epochs_done(project) == epoch


def test_continue_from_here_names_the_new_run_in_the_interface_language(timeline, qtbot, qapp):
    """The branch's name is stored in English ("Run 1 from epoch 3"); in Chinese the message shows it translated."""
    from nnstudio.gui import language

    assert language.install(qapp, "zh_CN")
    try:
        epoch = timeline.epochs[3]
        timeline.show_epoch(epoch)
        timeline.bar.branch.click()
        assert timeline.project.run.name == f"Run 1 from epoch {epoch}"
        text = timeline.bar.message.text()
        assert f"\u201c第 1 次训练（从第 {epoch} 轮继续）\u201d" in text and "Run 1" not in text
    finally:
        language.install(qapp, "en")


def test_the_timeline_is_disabled_while_training(timeline, qtbot):
    timeline.show_epoch(timeline.epochs[1])
    c = timeline.side.controller
    c.train()
    qtbot.waitUntil(lambda: c.busy, timeout=10000)
    assert not timeline.bar.slider.isEnabled() and not timeline.bar.play.isEnabled()
    assert timeline.rewound is None and not timeline.side.views.loss.marker.isVisible()
    label = timeline.bar.epoch
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()     # "training: live" whole
    c.stop()
    qtbot.waitUntil(lambda: not c.busy, timeout=20000)
    assert timeline.bar.slider.isEnabled()


def test_an_untrained_project_has_no_timeline(make_window, qtbot):
    project = load(SAMPLES / "spiral.nnproj")
    w = make_window(project, size=(1024, 768))
    t = w.training.timeline
    assert t.epochs == [] and not t.bar.slider.isEnabled() and not t.bar.play.isEnabled()
    assert not t.bar.branch.isEnabled() and not t.bar.export.isEnabled()
    label = t.bar.epoch
    assert label.text() and label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_reset_weights_while_rewound_leaves_the_views_empty(timeline, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    timeline.show_epoch(timeline.epochs[1])
    timeline.side.reset_weights()
    assert timeline.rewound is None and not timeline.bar.slider.isEnabled()
    assert timeline.side.views.last_snapshot is None          # the live pictures are not drawn back
    assert not timeline.side.views.loss.marker.isVisible()
