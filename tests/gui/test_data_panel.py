"""The data panel in the window: adapting the network to new data (output layer and loss, one undo step, one
sentence), data mismatches in the Problems list, target scaling stored with the project, and the scatter
preview of a large set."""

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from nnstudio import data
from nnstudio.gui.csv_dialog import CsvDialog
from nnstudio.gui.data_panel import PREVIEW_POINTS, DataPanel
from nnstudio.project import Project, runner


def classifier_spec() -> dict:
    return {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}, "position": [0.0, 0.0]},
                      {"id": "h", "type": "Dense", "params": {"units": 8, "activation": "tanh"},
                       "position": [220.0, 0.0]},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"},
                       "position": [440.0, 0.0]}],
            "edges": [["x", "h"], ["h", "y"]]}


def house_csv(tmp_path):
    """20 houses: 3 features and a price in thousands that repeats (17 distinct whole numbers)."""
    rng = np.random.default_rng(3)
    prices = [120, 135, 150, 150, 180, 200, 210, 210, 240, 260, 275, 290, 300, 300, 320, 350, 380, 400, 420, 450]
    lines = ["area,rooms,age,price"] + [f"{50 + 5 * i},{1 + i % 4},{int(rng.integers(1, 40))},{p}"
                                         for i, p in enumerate(prices)]
    path = tmp_path / "houses.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class RegressionImport(CsvDialog):
    """The import dialog as a learner uses it on the house table: task regression, then Import."""

    def exec(self):
        self.task.setCurrentIndex(self.task.findData("regression"))
        self.accept()
        return self.dataset is not None


@pytest.fixture
def make_window(qtbot):
    from nnstudio.gui.main_window import MainWindow
    made = []

    def make(project):
        w = MainWindow(project)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        w.training.controller.shutdown()
        w.mark_saved()
        w.close()
        w.deleteLater()


def classifier_project() -> Project:
    p = Project(spec=classifier_spec(), title="Moons")
    p.data["source"] = data.generate("moons", n_samples=60).source
    p.training.update(loss="binary_crossentropy", epochs=2, batch_size=16)
    return p


def test_adapting_to_a_regression_csv_sets_output_and_loss_as_one_undo_step(qtbot, make_window, tmp_path,
                                                                              monkeypatch):
    w = make_window(classifier_project())
    panel = w.training.data_panel
    assert w.problems.messages() == []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    assert panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    assert panel.dataset.task == "regression" and len(panel.dataset) == 20
    # declined: the Problems list names the sigmoid output and the classification loss
    problems = w.problems.messages()
    assert any("sigmoid" in m and "regression task needs a linear output" in m for m in problems)
    assert any("binary_crossentropy" in m for m in problems)
    assert w.problem_label.text() != "No problems"
    before = w.document.spec

    panel.fit_button.click()                        # the button offers the same fix
    nodes = {n["id"]: n for n in w.document.spec["nodes"]}
    assert nodes["x"]["params"]["shape"] == [3]
    assert nodes["y"]["params"]["units"] == 1 and nodes["y"]["params"]["activation"] == "linear"
    assert w.project.training["loss"] is None       # automatic: mse for a linear regression output
    assert w.training.panel.loss.currentText() == "auto: mse"
    message = w.statusBar().currentMessage()
    assert message.startswith("Adapted the network to the data:") and "sigmoid → 1 unit · linear" in message
    assert w.problems.messages() == []

    w.undo_stack.undo()                             # one step takes all of it back
    assert w.document.spec == before
    assert w.project.training["loss"] == "binary_crossentropy"
    assert w.training.panel.loss.currentText() == "binary_crossentropy"
    assert any("sigmoid" in m for m in w.problems.messages())
    w.undo_stack.redo()
    assert w.project.training["loss"] is None and w.problems.messages() == []
    w.spec_to_project()                             # the document owns the spec while the window is open
    report = runner.train(w.project, epochs=3)
    assert "mae" in report.history and np.isfinite(report.history["mae"][-1])


def test_adapting_is_refused_while_the_structure_is_locked(qtbot, make_window, tmp_path, monkeypatch):
    w = make_window(classifier_project())
    panel = w.training.data_panel
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    w.set_structure_locked(True, "a test holds it")
    panel.fit_button.click()
    assert w.project.training["loss"] == "binary_crossentropy"
    assert {n["id"]: n for n in w.document.spec["nodes"]}["y"]["params"]["activation"] == "sigmoid"
    w.set_structure_locked(False)


def test_scaled_target_is_stored_and_results_come_back_in_its_units(qtbot, tmp_path, monkeypatch):
    project = Project(spec=classifier_spec())
    panel = DataPanel(spec_provider=lambda: project.spec, ask=False)
    qtbot.addWidget(panel)
    panel.load(project)
    assert panel.scale_target.isHidden()
    panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    assert not panel.scale_target.isHidden()        # offered for a regression target
    panel.scale_target.setChecked(True)
    assert project.data["preprocessing"]["scale_target"] is True
    fit = panel.current_fit()
    project.spec["nodes"][0]["params"] = fit.params["x"]
    project.spec["nodes"][2]["params"] = fit.params["y"]
    prepared = runner.prepare(project)
    assert prepared.preprocessor.scale_target
    assert abs(float(prepared.y.mean())) < 1e-9 and prepared.y.std() == pytest.approx(1.0)
    runner.train(project, epochs=2)
    assert project.data["preprocessing"]["fitted"]["scale_target"] is True
    prepared = runner.prepare(project)              # trained: the stored preprocessing comes back
    pred = prepared.preprocessor.inverse_transform_y(prepared.network.predict(prepared.X))
    truth = prepared.train.y.reshape(-1, 1)
    assert runner.evaluate(project)["train"]["mae"] == pytest.approx(float(np.abs(pred - truth).mean()), rel=1e-6)
    saved = project.save(tmp_path / "houses.nnproj")
    from nnstudio.project import load
    assert load(saved).data["preprocessing"]["scale_target"] is True


def test_the_scatter_preview_of_a_large_set_draws_a_seeded_subsample(qtbot):
    project = Project(spec=classifier_spec())
    panel = DataPanel(spec_provider=lambda: project.spec, ask=False)
    qtbot.addWidget(panel)
    panel.load(project)
    panel.generator.setCurrentIndex(panel.generator.findData("moons"))
    panel._param_widgets["n_samples"].setValue(50_000)
    assert len(panel.dataset) == 50_000
    assert panel.preview.shown_rows == PREVIEW_POINTS
    x, _ = panel.preview.points.getData()
    assert len(x) == PREVIEW_POINTS
    assert "of 50,000 samples" in panel.preview.note
    assert panel.preview.getPlotItem().titleLabel.text == panel.preview.note
    first = np.array(x)
    panel.load(project)                             # the same data shows the same points
    assert np.array_equal(np.array(panel.preview.points.getData()[0]), first)
    panel._param_widgets["n_samples"].setValue(200)
    assert panel.preview.shown_rows == 200 and panel.preview.note == ""


def _contrast(a, b) -> float:
    """WCAG's contrast ratio of two QColors."""
    def lum(c):
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        r, g, b = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _text_contrast(label) -> float:
    from PySide6.QtGui import QPalette

    label.ensurePolished()
    palette = label.palette()
    return _contrast(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_data_sets_description_is_readable_on_a_projector(qtbot, make_window, scheme):
    from nnstudio.gui import theme

    previous = theme.appearance()
    theme.set_appearance(scheme)
    try:
        w = make_window(Project(spec=classifier_spec()))
        assert _text_contrast(w.training.data_panel.description) >= 4.5      # WCAG AA for body text
    finally:
        theme.set_appearance(previous)


def test_an_error_stays_readable_when_the_window_turns_dark(qtbot, make_window):
    from nnstudio.gui import theme

    previous = theme.appearance()
    theme.set_appearance("light")
    try:
        w = make_window(Project(spec=classifier_spec()))
        label = w.training.data_panel.error_label
        assert label.property("tone") == "error"
        light = _text_contrast(label)
        w.set_appearance("dark")                     # View ▸ Appearance
        assert label.palette().color(label.foregroundRole()).name() == theme.TONES["error"][1]
        assert min(light, _text_contrast(label)) >= 4.5
    finally:
        theme.set_appearance(previous)


def test_a_declined_proposal_to_adapt_is_not_asked_again_while_it_stays_the_same(qtbot, make_window, tmp_path,
                                                                                  monkeypatch):
    """Every spin of a generator's setting asked "Adapt the network?" anew after the learner said No."""
    w = make_window(classifier_project())
    panel = w.training.data_panel
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    assert len(asked) == 1
    panel.check_fit(prompt=True)
    panel.check_fit(prompt=True)
    assert len(asked) == 1 and panel.fit_button.isVisible()      # the banner's button still offers it
    w.set_project(classifier_project())                           # another project: asked again when it comes up
    assert panel.import_csv(str(house_csv(tmp_path)), dialog_factory=RegressionImport)
    assert len(asked) == 2
