"""The training panel, the data panel and the CSV import dialog, driven through their widgets."""

import pytest
from PySide6.QtCore import Qt

from nnstudio import data
from nnstudio.engine import optimizers
from nnstudio.gui.csv_dialog import CsvDialog
from nnstudio.gui.data_panel import DataPanel, fit_problems
from nnstudio.gui.training.controller import IDLE, PAUSED, RUNNING
from nnstudio.gui.training.panel import TrainingPanel, format_eta
from nnstudio.project import Project

from .conftest import mlp_spec, progress_record


@pytest.fixture
def project():
    p = Project(spec=mlp_spec())
    p.data["source"] = data.generate("moons", n_samples=60).source
    return p


def test_training_panel_reads_and_writes_the_project(qtbot, project):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.load(project, "binary", "sigmoid")
    assert panel.loss.currentText() == "auto: binary_crossentropy"
    assert panel.epochs.value() == project.training["epochs"]
    changed = []
    panel.settingsChanged.connect(lambda: changed.append(1))
    panel.epochs.setValue(7)
    panel.batch.setValue(5)
    panel.val_split.setValue(0.3)
    panel.early.setChecked(True)
    panel.patience.setValue(4)
    assert project.training["epochs"] == 7 and project.training["batch_size"] == 5
    assert project.data["split"]["val"] == pytest.approx(0.3)
    assert project.training["early_stopping"] == {"patience": 4}
    assert changed
    panel.optimizer.setCurrentText("sgd")
    # the optimizer's own parameters come from its ParamSpec table
    names = {s.name for s in optimizers.param_specs("sgd")} - {"learning_rate"}
    assert set(panel._opt_widgets) == {n for n in names if panel._opt_widgets.get(n) is not None}
    assert "momentum" in panel._opt_widgets
    panel._opt_widgets["momentum"].setValue(0.9)
    assert project.training["optimizer"]["name"] == "sgd"
    assert project.training["optimizer"]["momentum"] == pytest.approx(0.9)
    rates = []
    panel.learningRateChanged.connect(rates.append)
    panel.lr.setValue(0.05)
    assert rates == [pytest.approx(0.05)]
    assert project.training["optimizer"]["learning_rate"] == pytest.approx(0.05)


def test_training_panel_buttons_follow_the_state(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.set_state(IDLE)
    assert panel.train_btn.isEnabled() and not panel.stop_btn.isEnabled() and panel.reset_btn.isEnabled()
    panel.set_state(RUNNING)
    assert not panel.train_btn.isEnabled() and panel.pause_btn.text() == "Pause"
    assert not panel.epochs.isEnabled() and panel.lr.isEnabled()      # lr may change live, epochs may not
    assert not panel.reset_btn.isEnabled()
    panel.set_state(PAUSED)
    assert panel.pause_btn.text() == "Resume" and panel.stop_btn.isEnabled()


def test_step_button_with_shift_steps_an_epoch(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    units = []
    panel.stepClicked.connect(units.append)
    qtbot.mouseClick(panel.step_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.step_btn, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier)
    assert units == ["batch", "epoch"]


def test_progress_bar_says_ready_before_training(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    assert panel.progress.text() == "ready"   # what the bar draws (empty while it has no value)


def test_progress_line_in_words(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.on_progress(progress_record(epoch_end=10, position=4.5, step=1234, eta_s=75.0, samples_per_s=5000.0))
    assert panel.progress.format() == "epoch 5 of 10"
    assert panel.progress.value() == 450
    assert panel.status.text() == "step 1,234 · ETA 1:15 · 5,000 samples/s"
    assert format_eta(None) == "–" and format_eta(3725) == "1:02:05"
    panel.on_progress(progress_record(epoch_end=10, position=6.0, step=1600, eta_s=40.0, samples_per_s=5000.0,
                                      final=True))      # stopped early: no time left to announce
    assert panel.status.text() == "step 1,600 · 5,000 samples/s"


def test_data_panel_generator_writes_the_source(qtbot, project):
    panel = DataPanel(spec_provider=lambda: project.spec, ask=False)
    qtbot.addWidget(panel)
    panel.load(project)
    assert "60 samples" in panel.summary.text()
    panel.generator.setCurrentIndex(panel.generator.findData("circles"))
    with qtbot.waitSignal(panel.dataChanged) as blocker:
        panel._param_widgets["n_samples"].setValue(80)
    ds = blocker.args[0]
    assert project.data["source"]["name"] == "circles"
    assert project.data["source"]["params"]["n_samples"] == 80
    assert len(ds) == 80
    seed = panel.gen_seed.value()
    qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)
    assert project.data["source"]["seed"] == seed + 1
    assert not panel.preview.isHidden()                  # 2-D data gets a scatter preview


def test_data_panel_prompts_and_adapts_when_the_network_does_not_fit(qtbot, project, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    panel = DataPanel(spec_provider=lambda: project.spec)
    qtbot.addWidget(panel)
    panel.load(project)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert panel.builtin.currentData() == "iris"         # the first built-in set
    panel.kind.setCurrentIndex(panel.kind.findData("builtin"))   # only shows the page
    assert not asked and project.data["source"]["kind"] == "generator"
    with qtbot.waitSignal(panel.adaptRequested) as blocker:
        panel.use_button.click()
    assert "takes shape [2]" in asked[-1] and "[4]" in asked[-1]
    fixes = blocker.args[0].params
    assert fixes["x"]["shape"] == [4]
    assert fixes["y"]["units"] == 3 and fixes["y"]["activation"] == "softmax"
    assert panel.fit_label.isVisibleTo(panel)


def test_fit_problems_accepts_a_two_unit_softmax_for_binary_data():
    ds = data.generate("moons", n_samples=20)
    spec = mlp_spec(outputs=2, out_act="softmax")
    sentences, fixes = fit_problems(spec, ds)
    assert sentences == [] and fixes == []
    sentences, _ = fit_problems(mlp_spec(inputs=3), ds)
    assert sentences == ["The Input layer takes shape [3] but each sample of the data has shape [2]."]


def test_digits_as_images(qtbot, project):
    panel = DataPanel(spec_provider=lambda: project.spec, ask=False)
    qtbot.addWidget(panel)
    panel.load(project)
    panel.kind.setCurrentIndex(panel.kind.findData("builtin"))
    panel.builtin.setCurrentIndex(panel.builtin.findData("digits"))
    with qtbot.waitSignal(panel.dataChanged) as blocker:
        panel.as_images.setChecked(True)
    assert blocker.args[0].input_shape == (8, 8, 1)
    assert project.data["source"] == {"kind": "builtin", "name": "digits", "as_images": True}
    assert panel.preview.isHidden()


CSV = "size,colour,price\n50,red,100.5\n60,blue,120.25\n70,red,\n80,blue,160.75\n90,red,180.5\n"


def test_csv_dialog_previews_picks_columns_and_names_problems(qtbot, tmp_path):
    path = tmp_path / "houses.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 5 and dialog.table.columnCount() == 3
    assert dialog.target.currentText() == "price"
    assert "regression" in dialog.task_label.text()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()                            # a missing price: refused as set...
    assert "houses.csv" in dialog.problems.text() and "row 4" in dialog.problems.text()
    dialog.missing.setCurrentIndex(dialog.missing.findData("drop"))
    assert ok.isEnabled()                                # ...until the learner says what to do
    dialog.target.setCurrentIndex(1)                     # colour: a class label
    assert "classification" in dialog.task_label.text()
    assert [dialog.features.item(i).text() for i in range(dialog.features.count())] == ["size", "price"]
    dialog.features.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.selected_features() == ["size"]
    dialog.accept()
    assert dialog.dataset is not None
    assert dialog.dataset.task == "binary" and dialog.dataset.feature_names == ["size"]


def test_data_panel_imports_csv_into_the_project(qtbot, project, tmp_path):
    path = tmp_path / "points.csv"
    rows = "\n".join(f"{i * 0.1:.1f},{(i * 7) % 5 * 0.3:.1f},{i % 2}" for i in range(30))
    path.write_text("a,b,label\n" + rows + "\n", encoding="utf-8")
    panel = DataPanel(spec_provider=lambda: project.spec, ask=False)
    qtbot.addWidget(panel)
    panel.load(project)

    class Accepting(CsvDialog):
        def exec(self):
            self.accept()
            return True

    with qtbot.waitSignal(panel.dataChanged):
        assert panel.import_csv(str(path), dialog_factory=Accepting)
    assert project.data["source"]["kind"] == "csv"
    assert project.data["source"]["path"] == "data/points.csv"
    assert project.embedded["points.csv"] == path.read_bytes()
    assert len(project.dataset()) == 30                  # the project finds its embedded copy
