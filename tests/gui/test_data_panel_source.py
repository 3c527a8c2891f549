"""The data panel's Source pages in the window: looking at another source's page changes nothing, the CSV
page gives an imported file back, every data change is one undo step, the generator shown in a new project
can be chosen, and a split that leaves a tiny set too little to train on is said next to it."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from nnstudio import data
from nnstudio.project import Project, load, runs
from nnstudio.paths import samples_dir

from .test_data_panel import RegressionImport, house_csv


def regression_spec() -> dict:
    """3 inputs, one linear output: the house table fits it, so no adapt question comes up on import."""
    return {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}, "position": [0.0, 0.0]},
                      {"id": "h", "type": "Dense", "params": {"units": 4, "activation": "tanh"},
                       "position": [220.0, 0.0]},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "linear"},
                       "position": [440.0, 0.0]}],
            "edges": [["x", "h"], ["h", "y"]]}


def choose(combo, value) -> None:
    """Pick an entry as the keyboard does on a closed combo box (Up/Down, which the user sees)."""
    combo.setFocus()
    target = combo.findData(value)
    assert target >= 0
    while combo.currentIndex() != target:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def test_looking_at_another_source_keeps_the_csv_and_using_it_is_undoable(qtbot, make_window, tmp_path,
                                                                        monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    w = make_window(Project(spec=regression_spec(), title="Houses"))
    panel = w.training.data_panel
    assert panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    csv_source = dict(w.project.data["source"])
    assert csv_source["kind"] == "csv" and len(panel.dataset) == 20
    assert w.undo_stack.undoText() == "Use data houses.csv"
    w.project.data["preprocessing"]["fitted"] = {"marker": "fitted to the houses"}   # as training leaves it
    steps = w.undo_stack.count()

    for kind in ("generator", "builtin"):           # just looking: nothing changes, nothing is asked
        choose(panel.kind, kind)
        assert w.project.data["source"] == csv_source and len(panel.dataset) == 20
        assert panel.use_button.isVisibleTo(panel) and panel.page_note.isVisibleTo(panel)
        assert "houses.csv" in panel.page_note.text()
        assert w.undo_stack.count() == steps and not asked
    choose(panel.kind, "csv")                       # back: the file is still the data in use
    assert panel.csv_label.text() == "Imported: houses.csv"
    assert not panel.use_button.isVisibleTo(panel) and not panel.page_note.isVisibleTo(panel)

    choose(panel.kind, "generator")                 # now use XOR, on purpose
    panel.use_button.click()
    assert w.project.data["source"]["name"] == "xor" and len(panel.dataset) == 4
    assert w.project.data["preprocessing"]["fitted"] is None
    assert w.undo_stack.undoText() == "Use data xor" and len(asked) == 1       # the adapt question, declined
    assert not panel.use_button.isVisibleTo(panel)

    choose(panel.kind, "csv")                       # the imported file is offered back
    assert panel.csv_label.text() == "Imported earlier: houses.csv (not in use now)"
    assert panel.use_button.isVisibleTo(panel)
    panel.use_button.click()
    assert w.project.data["source"] == csv_source and len(panel.dataset) == 20
    assert w.project.dataset().X.shape == (20, 3)   # what Train reads
    w.undo_stack.undo()                             # back to XOR, its page shown
    assert w.project.data["source"]["name"] == "xor" and panel.kind.currentData() == "generator"
    w.undo_stack.undo()                             # back to the CSV, with the scaling fitted to it
    assert w.project.data["source"] == csv_source and len(panel.dataset) == 20
    assert w.project.data["preprocessing"]["fitted"] == {"marker": "fitted to the houses"}
    assert panel.kind.currentData() == "csv" and panel.csv_label.text() == "Imported: houses.csv"
    assert panel.summary.text() == f"<b>{panel.dataset.describe()}</b>"
    w.undo_stack.redo()
    assert w.project.data["source"]["name"] == "xor" and len(panel.dataset) == 4


def test_spinning_a_generator_setting_is_one_undo_step(qtbot, make_window):
    w = make_window(Project(spec=regression_spec()))
    panel = w.training.data_panel
    panel.ask = False                               # no question about adapting the network
    choose(panel.generator, "moons")                # a choice: one step
    assert w.project.data["source"]["name"] == "moons"
    steps = w.undo_stack.count()
    box = panel._param_widgets["n_samples"]
    before = box.value()
    box.setFocus()
    for _ in range(3):
        QTest.keyClick(box, Qt.Key.Key_Up)
    assert w.project.data["source"]["params"]["n_samples"] == box.value() and len(panel.dataset) == box.value()
    assert w.undo_stack.count() == steps + 1
    w.undo_stack.undo()                             # all three spins at once
    assert w.project.data["source"]["params"]["n_samples"] == box.value() == len(panel.dataset) == before
    assert w.undo_stack.count() == steps + 1 and w.project.data["source"]["name"] == "moons"


def test_a_new_project_uses_the_generator_it_shows_when_chosen(qtbot, make_window):
    w = make_window(Project.new("new"))
    panel = w.training.data_panel
    assert panel.kind.currentData() == "generator" and panel.generator.currentData() == "xor"
    assert w.project.data.get("source") is None
    assert panel.use_button.isVisibleTo(panel)      # what the page shows is not in use yet, and says so
    assert not panel.page_note.isVisibleTo(panel)   # (no data in use to keep)
    panel.generator.setFocus()
    panel.generator.showPopup()                     # the learner picks xor, the entry already shown
    view = panel.generator.view()
    view.setCurrentIndex(view.model().index(panel.generator.findData("xor"), 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert w.project.data["source"]["name"] == "xor" and len(panel.dataset) == 4
    assert not panel.use_button.isVisibleTo(panel)
    assert w.undo_stack.undoText() == "Use data xor"
    steps = w.undo_stack.count()
    panel.generator.showPopup()                     # picking it again changes nothing
    QTest.keyClick(panel.generator.view(), Qt.Key.Key_Return)
    assert w.undo_stack.count() == steps


def test_a_split_that_leaves_a_tiny_set_too_little_to_train_on_is_said(qtbot, make_window):
    w = make_window(Project.new("xor"))
    panel, training = w.training.data_panel, w.training.panel
    panel.use_button.click()                        # XOR's 4 corners, with the default split 0.2
    assert w.project.data["split"]["val"] == pytest.approx(0.2)
    expected = ("With 4 samples, Validation split 0.2 holds 1 of them out: the network never trains on that "
                "sample, so its validation scores say little. For a set this small, set Validation split to 0 "
                "(Training panel).")
    assert panel.split_note.text() == expected and panel.split_note.isVisibleTo(panel)
    assert training.split_note.text() == expected and training.split_note.isVisibleTo(training)
    training.val_split.setValue(0.0)                # the fix the sentence names; nothing was blocked
    assert not panel.split_note.isVisibleTo(panel) and not training.split_note.isVisibleTo(training)
    training.val_split.setValue(0.5)
    assert "holds 2 of them out and leaves 2 to train on" in panel.split_note.text()
    choose(panel.generator, "moons")                # 200 samples: a split is fine
    assert not panel.split_note.isVisibleTo(panel) and not training.split_note.isVisibleTo(training)


def test_a_split_that_takes_a_whole_class_out_is_named():
    from nnstudio.gui.data_panel import split_note
    X = np.random.default_rng(0).random((60, 2))
    y = np.array([0] * 57 + [1] * 3)
    ds = data.Dataset(X, y, ["a", "b"], "t", "binary", ["common", "rare"], {})
    assert split_note(ds, {"val": 0.3}) == ""       # stratified: every class keeps training samples
    assert split_note(ds, {"val": 0.5, "stratify": False, "seed": 3}) == (
        "Validation split 0.5 leaves no training sample of class 'rare': the network cannot learn that class. "
        "Set Validation split lower, or to 0 (Training panel).")


@pytest.mark.parametrize("name", ["perceptron_and", "perceptron_xor", "xor_step_units", "xor_hidden_layer",
                                  "keras_xor", "inside_one_step"])
def test_the_shipped_small_samples_say_nothing_about_their_split(qtbot, make_window, name):
    w = make_window(load(samples_dir() / f"{name}.nnproj"))
    panel = w.training.data_panel
    assert len(panel.dataset) == 4 and w.project.data["split"]["val"] == 0.0
    assert not panel.split_note.isVisibleTo(panel) and not w.training.panel.split_note.isVisibleTo(w.training.panel)
    assert not panel.use_button.isVisibleTo(panel)  # the page shows the data in use


def import_then_use_xor(w, tmp_path, monkeypatch):
    """The learner imports the house table, then uses XOR on purpose (the adapt question declined)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    panel = w.training.data_panel
    assert panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    csv_source = dict(w.project.data["source"])
    choose(panel.kind, "generator")
    panel.use_button.click()
    assert w.project.data["source"]["name"] == "xor"
    choose(panel.kind, "csv")
    return panel, csv_source


def test_the_imported_file_stays_offered_through_save_and_a_run_switch(qtbot, make_window, tmp_path, monkeypatch):
    project = Project(spec=regression_spec(), title="Houses")
    w = make_window(project)
    panel, csv_source = import_then_use_xor(w, tmp_path, monkeypatch)
    assert w.files.save_to(tmp_path / "houses.nnproj")
    assert panel.csv_label.text() == "Imported earlier: houses.csv (not in use now)"
    # a run trained on the house table, kept; switching to it and back reloads the data panel
    w.project.runs.append(runs.Run(info=runs.RunInfo(id="run-7", name="On the houses", settings=runs.RunSettings(
        regression_spec(), {**w.project.data, "source": csv_source}, dict(w.project.training))),
        history={"loss": [1.0]}))
    w.project.history = {"loss": [0.7]}                        # the XOR run was trained too: it is kept
    w.training.switch_run("run-7")
    assert w.project.data["source"] == csv_source and panel.csv_label.text() == "Imported: houses.csv"
    w.training.switch_run(w.project.runs[-1].id)               # back to the XOR run
    assert w.project.data["source"]["name"] == "xor"
    choose(panel.kind, "csv")
    assert panel.csv_label.text() == "Imported earlier: houses.csv (not in use now)"
    assert panel.use_button.isVisibleTo(panel) and not panel.kept_button.isVisibleTo(panel)
    panel.use_button.click()
    assert w.project.data["source"] == csv_source and len(panel.dataset) == 20
    w.undo_stack.undo()
    assert w.project.data["source"]["name"] == "xor"


def test_a_reopened_project_offers_its_kept_copy_to_import_again(qtbot, make_window, tmp_path, monkeypatch):
    w = make_window(Project(spec=regression_spec(), title="Houses"))
    panel, csv_source = import_then_use_xor(w, tmp_path, monkeypatch)
    assert w.files.save_to(tmp_path / "houses.nnproj")
    assert w.files.open_path(tmp_path / "houses.nnproj", ask=False)
    assert w.project.data["source"]["name"] == "xor" and "houses.csv" in w.project.embedded
    choose(panel.kind, "csv")
    # the file kept the copy, not how it was read: said, and offered, rather than "No file imported."
    assert panel.csv_label.text() == ("This project keeps a copy of houses.csv, imported earlier, but not how it "
                                      "was read (target, columns, task): it was saved while other data was in use.")
    assert panel.kept_button.isVisibleTo(panel) and panel.kept_button.text() == "Import houses.csv again…"
    assert not panel.use_button.isVisibleTo(panel)            # nothing to use without the import's choices
    monkeypatch.setattr(panel, "dialog_factory", RegressionImport)
    panel.kept_button.click()                                 # the dialog runs on the project's copy
    assert w.project.data["source"] == csv_source and len(panel.dataset) == 20
    assert panel.csv_label.text() == "Imported: houses.csv" and not panel.kept_button.isVisibleTo(panel)
    assert w.undo_stack.undoText() == "Use data houses.csv"
    w.undo_stack.undo()                                       # XOR again, the import offered back
    assert w.project.data["source"]["name"] == "xor"
    choose(panel.kind, "csv")
    assert panel.csv_label.text() == "Imported earlier: houses.csv (not in use now)"
    assert panel.use_button.isVisibleTo(panel)


def test_undoing_the_first_data_leaves_a_project_that_saves(qtbot, make_window, tmp_path):
    """Undoing the first data a new project got took the source out of the project altogether, and every
    later save failed: "data lacks the required field 'source'" (found by the monkey test, seed 941)."""
    w = make_window(Project(spec=regression_spec(), title="Houses"))
    assert w.project.data["source"] is None
    panel = w.training.data_panel
    assert panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    w.undo_stack.undo()
    assert "source" in w.project.data and w.project.data["source"] is None
    path = tmp_path / "after_undo.nnproj"
    assert w.files.save_to(path)
    assert load(path).data["source"] is None
