"""Runs in the window (#16): window training records weight snapshots into the current run; Reset and changed
settings start a new run and keep the old; the Compare Runs window switches, renames, pins and deletes runs
(each one undo step); the Compare variants dialog trains variants as `nnstudio train` would, and Cancel keeps
the finished ones."""

import numpy as np
from PySide6.QtWidgets import QInputDialog, QMessageBox

from nnstudio.project import compare, load, runner, runs
from nnstudio.gui.runs_view import open_runs_view
from nnstudio.gui.variants_dialog import open_variants_dialog

from .test_window import spiral_project, train


def same_weights(a, b, tol=0.0):
    return a.keys() == b.keys() and all(
        a[n].keys() == b[n].keys() and all(np.allclose(a[n][k], b[n][k], rtol=tol, atol=tol) for k in a[n])
        for n in a)


def test_window_training_records_snapshots_that_survive_save_and_reload(qtbot, make_window, tmp_path):
    w = make_window(spiral_project(epochs=3))
    train(qtbot, w)
    p = w.project
    assert p.snapshots.epochs == [0, 1, 2, 3]
    assert same_weights(p.snapshots.get(3), p.weights)
    train(qtbot, w)                                        # the same run continued: epochs 4..6 join it
    assert p.snapshots.epochs == [0, 1, 2, 3, 4, 5, 6] and p.runs == []
    w.spec_to_project()
    p.save(tmp_path / "s.nnproj")
    again = load(tmp_path / "s.nnproj")
    assert again.snapshots.epochs == p.snapshots.epochs
    for epoch in again.snapshots.epochs:
        assert same_weights(again.snapshots.get(epoch), p.snapshots.get(epoch))
    assert again.run.seconds > 0 and again.run.settings is not None


def test_reset_keeps_the_old_run_and_undo_puts_it_back(qtbot, make_window, monkeypatch):
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    p = w.project
    first_id, weights, history = p.run.id, p.weights, p.history
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.training.panel.reset_btn.click()
    assert p.weights is None and p.history is None and len(p.snapshots) == 0
    assert [r.id for r in p.runs] == [first_id] and same_weights(p.runs[0].weights, weights)
    assert p.runs[0].history == history and p.runs[0].snapshots.epochs == [0, 1, 2]
    assert p.run.id != first_id
    w.undo()
    assert p.runs == [] and p.run.id == first_id and p.weights is weights and p.history == history
    w.redo()
    result = train(qtbot, w)                               # the new run trains from scratch
    assert result.job.initial_epoch == 0 and [r.id for r in p.runs] == [first_id]


def test_a_changed_setting_starts_a_new_run_and_more_epochs_continue(qtbot, make_window):
    w = make_window(spiral_project(epochs=2))
    panel = w.training.panel
    train(qtbot, w)
    panel.epochs.setValue(3)                               # how long to train: the same run goes on
    assert train(qtbot, w).job.initial_epoch == 2 and w.project.runs == []
    panel.batch.setValue(8)                                # a training setting: a new run
    result = train(qtbot, w)
    p = w.project
    assert result.job.initial_epoch == 0 and len(p.history["loss"]) == 3
    assert [r.epochs for r in p.runs] == [5] and p.runs[0].info.settings.training["batch_size"] == 16
    assert p.run.settings.training["batch_size"] == 8


def test_switching_runs_restores_weights_and_settings_and_undo_goes_back(qtbot, make_window):
    w = make_window(spiral_project(epochs=2))
    train(qtbot, w)
    p = w.project
    first = (p.run.id, p.weights)
    w.training.panel.batch.setValue(8)
    train(qtbot, w)
    second = (p.run.id, p.weights)
    view = open_runs_view(w)
    view.select(first[0])
    assert view.buttons["switch"].isEnabled()
    view.buttons["switch"].click()
    assert p.run.id == first[0] and p.weights is first[1] and p.training["batch_size"] == 16
    assert w.training.panel.batch.value() == 16 and [r.id for r in p.runs] == [second[0]]
    qtbot.waitUntil(lambda: not w.training.preview.running(), timeout=30000)
    result = train(qtbot, w)                               # continues the run switched to
    assert result.job.initial_epoch == 2 and p.run.id == first[0]
    w.undo()
    assert p.run.id == second[0] and p.weights is second[1] and w.training.panel.batch.value() == 8
    qtbot.waitUntil(lambda: not w.training.preview.running(), timeout=30000)
    view.close()


def test_rename_pin_and_delete_from_the_runs_window_are_undoable(qtbot, make_window, monkeypatch):
    w = make_window(spiral_project(epochs=1))
    train(qtbot, w)
    w.training.panel.batch.setValue(8)
    train(qtbot, w)
    p = w.project
    kept = p.runs[0].id
    view = open_runs_view(w)
    view.select(kept)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("batch 16", True))
    view.buttons["rename"].click()
    assert p.runs[0].name == "batch 16"
    view.buttons["pin"].click()
    assert p.runs[0].info.pinned and view.buttons["pin"].text() == "Unpin"
    view.buttons["delete"].click()
    assert p.runs == []
    w.undo()
    w.undo()
    assert p.runs[0].name == "batch 16" and not p.runs[0].info.pinned
    w.undo()
    assert p.runs[0].name != "batch 16"
    view.close()


def test_variants_from_the_dialog_equal_nnstudio_train(qtbot, make_window):
    w = make_window(spiral_project(epochs=2))
    w.spec_to_project()
    base = w.project.snapshot()
    dialog = open_variants_dialog(w)
    dialog.setting.setCurrentIndex(dialog.setting.findData("training.batch_size"))
    dialog.values.setText("8, null")
    dialog.epochs.setValue(3)
    with qtbot.waitSignal(w.training.runsChanged, timeout=60000):
        dialog.train_btn.click()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=60000)
    p = w.project
    assert [r.name for r in p.runs] == ["batch_size=8", "batch_size=all"]     # null typed, named as the panel says it
    for run, batch in zip(p.runs, (8, None)):
        twin = compare.apply(base, compare.Variant((("training.batch_size", batch),)))
        runner.train(twin, epochs=3)                    # what `nnstudio train` does with these settings
        assert run.epochs == 3 and run.info.settings.training["batch_size"] == batch
        assert np.allclose(run.history["loss"], twin.history["loss"], rtol=1e-5, atol=1e-6)
        assert same_weights(run.weights, twin.weights, tol=1e-5)
        assert run.snapshots.epochs == [0, 1, 2, 3]
    assert p.weights is None                             # the current run is left as it was
    w.undo()
    assert [r.name for r in p.runs] == ["batch_size=8"]
    dialog.close()


def test_cancel_keeps_the_finished_variants(qtbot, make_window):
    w = make_window(spiral_project(epochs=2))
    dialog = open_variants_dialog(w)
    dialog.setting.setCurrentIndex(dialog.setting.findData("activation"))
    dialog.values.setText("tanh, relu")
    names = []
    w.training.runsChanged.connect(lambda: names.append([r.name for r in w.project.runs]))
    dialog.epochs.setValue(2)
    dialog.train_btn.click()
    dialog.epochs.setValue(100000)                        # read when the second variant starts
    qtbot.waitUntil(lambda: len(w.project.runs) == 1, timeout=60000)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=60000)
    dialog.cancel_btn.click()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=30000)
    assert [r.name for r in w.project.runs] == ["activation=tanh"] and w.project.runs[0].epochs == 2
    assert "1 of 2" in dialog.message.text()
    hidden = [n["id"] for n in w.project.runs[0].info.settings.spec["nodes"]
              if n["params"].get("activation") == "tanh"]
    assert hidden == ["h0", "h1"]                          # every hidden layer, not the output
    dialog.close()


def test_opening_another_project_stops_the_variants_and_keeps_none_of_them_there(qtbot, make_window):
    """Variants of the spiral were being trained when the teacher opened the iris lesson: they stop, and no
    spiral run joins the iris project (before, each finished variant was kept in whatever project was open)."""
    from nnstudio.paths import samples_dir

    w = make_window(spiral_project(epochs=2))
    dialog = open_variants_dialog(w)
    dialog.setting.setCurrentIndex(dialog.setting.findData("activation"))
    dialog.values.setText("tanh, relu")
    dialog.epochs.setValue(100000)
    dialog.train_btn.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=60000)
    w.mark_saved()
    assert w.files.open_path(samples_dir() / "iris_softmax.nnproj", ask=False)
    assert not dialog.running()
    assert "another project was opened" in dialog.message.text()
    qtbot.wait(200)
    assert w.project.runs == [] or all(not r.name.startswith("activation=") for r in w.project.runs)
    # its layer list is the new network's
    dialog.setting.setCurrentIndex(dialog.setting.findData("units"))
    ids = {n["id"] for n in w.document.spec["nodes"]}
    assert {dialog.layer.itemData(i) for i in range(1, dialog.layer.count())} <= ids
    dialog.close()


def test_keeping_variants_leaves_the_current_runs_timeline_to_replay(qtbot, make_window):
    """After Compare variants kept its runs, Play and Export were disabled and the epoch label gone: the
    window had dropped the session the Timeline replays from, though the current run had not changed."""
    w = make_window(spiral_project(epochs=3))
    train(qtbot, w)
    timeline = w.training.timeline
    assert timeline.bar.play.isEnabled() and timeline.epochs[-1] == 3
    w.spec_to_project()
    twin = compare.apply(w.project.snapshot(), compare.Variant((("training.learning_rate", 0.02),)))
    runner.train(twin, epochs=2)
    kept = runs.current(twin)                              # what the dialog keeps: another run, trained apart
    kept.info.name = "learning_rate=0.02"
    w.training.keep_runs([kept])
    assert [r.name for r in w.project.runs][-1] == "learning_rate=0.02"
    assert timeline.bar.play.isEnabled() and timeline.epochs[-1] == 3
    assert timeline.bar.epoch.text() == "epoch 3 of 3"


def test_the_variants_batch_size_takes_all_as_the_training_panel_says_it():
    """The label said "empty: the whole set", its example "1, 16, null", the Training panel "all"."""
    from nnstudio.gui.variants_dialog import settings, variants
    batch = next(s for s in settings() if s.key == "training.batch_size")
    assert "all" in batch.label and batch.example.endswith("all")
    made = variants(batch, None, "16, all", {})
    assert [name for name, _ in made] == ["batch_size=16", "batch_size=all"]
    assert [v.settings for _, v in made] == [(("training.batch_size", 16),), (("training.batch_size", None),)]
