"""File ▸ New from scikit-learn Recipe: the dialog, its live summary and the project it makes."""

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from nnstudio.data import load_builtin
from nnstudio.gui import recipe_dialog
from nnstudio.gui.recipe_dialog import RecipeDialog
from nnstudio.project import Project


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def test_defaults_show_the_call_and_what_it_becomes(qtbot):
    dialog = RecipeDialog()
    qtbot.addWidget(dialog)
    assert dialog.call.text() == "MLPRegressor(hidden_layer_sizes=(50, 50, 50))"
    assert dialog.summary.text().startswith("4 Dense layers") and _ok(dialog).isEnabled()
    dialog.sizes.setText("50, x")
    assert "hidden_layer_sizes must be whole numbers" in dialog.summary.text() and not _ok(dialog).isEnabled()
    dialog.sizes.setText("(10,)")
    dialog.alpha.setText("lots")
    assert "alpha must be a number" in dialog.summary.text() and not _ok(dialog).isEnabled()
    dialog.alpha.setText("0.01")
    dialog.activation.setCurrentText("logistic")
    dialog.solver.setCurrentText("sgd")
    dialog.inputs.setValue(5)
    assert _ok(dialog).isEnabled()
    assert dialog.call.text() == ("MLPRegressor(hidden_layer_sizes=(10,), activation='logistic', solver='sgd', "
                                  "alpha=0.01)")
    project = dialog.project(None)
    dense = [n for n in project.spec["nodes"] if n["type"] == "Dense"]
    assert [n["params"]["activation"] for n in dense] == ["sigmoid", "linear"]
    assert project.spec["nodes"][0]["params"]["shape"] == [5]
    assert project.training["optimizer"]["name"] == "sgd" and project.notes.startswith("# MLPRegressor recipe")
    assert all("position" in n for n in project.spec["nodes"])


def test_the_data_decides_outputs_and_a_mismatched_estimator_is_said(qtbot):
    iris = load_builtin("iris")
    dialog = RecipeDialog(iris, test_fraction=0.2)
    qtbot.addWidget(dialog)
    assert dialog.estimator.currentText() == "MLPClassifier" and dialog.inputs.isHidden()
    dialog.early_stopping.setChecked(True)
    project = dialog.project({"source": {"kind": "builtin", "name": "iris"}, "preprocessing": {"scale": "standard"},
                              "split": {"val": 0.0, "test": 0.2, "seed": 0, "stratify": True}})
    out = project.spec["nodes"][-1]["params"]
    assert out["units"] == 3 and out["activation"] == "softmax"
    assert project.data["split"]["val"] == pytest.approx(0.08)
    assert project.training["early_stopping"]["monitor"] == "val_accuracy"
    dialog.estimator.setCurrentText("MLPRegressor")
    assert "choose MLPClassifier" in dialog.summary.text() and not _ok(dialog).isEnabled()


def test_file_menu_builds_the_recipe_for_the_windows_data(make_window, monkeypatch):
    project = Project.new("houses")
    project.data["source"] = {"kind": "builtin", "name": "diabetes"}
    window = make_window(project)
    assert window.training.data_panel.dataset is not None

    def accept(dialog):
        dialog.sizes.setText("50, 50, 50")
        return QDialog.Accepted
    monkeypatch.setattr(RecipeDialog, "exec", accept)
    window.actions.recipe.trigger()
    spec = window.document.spec
    assert [n["params"]["units"] for n in spec["nodes"] if n["type"] == "Dense"] == [50, 50, 50, 1]
    assert spec["nodes"][0]["params"]["shape"] == [10]
    assert window.project.data["source"]["name"] == "diabetes"
    assert window.project.title == "MLPRegressor(hidden_layer_sizes=(50, 50, 50))"
    assert window.project.training["batch_size"] == min(200, int(442 * 0.8))


def test_a_deep_recipe_is_laid_out_for_the_windows_canvas(make_window, monkeypatch):
    """Five columns in one row would show below a readable size in a small canvas: they wrap into rows."""
    window = make_window(Project.new("deep"))
    window.canvas.setFixedSize(420, 260)

    def accept(dialog):
        dialog.sizes.setText("50, 50, 50")
        return QDialog.Accepted
    monkeypatch.setattr(RecipeDialog, "exec", accept)
    window.actions.recipe.trigger()
    rows = {node["position"][1] for node in window.document.spec["nodes"]}
    assert len(window.document.spec["nodes"]) == 5 and len(rows) > 1


def test_cancel_keeps_the_project_and_the_welcome_page_offers_it(window, monkeypatch, qtbot):
    before = window.document.spec
    monkeypatch.setattr(RecipeDialog, "exec", lambda dialog: QDialog.Rejected)
    assert recipe_dialog.new_from_recipe(window) is False
    assert window.document.spec == before
    asked = []
    monkeypatch.setattr(recipe_dialog.RecipeDialog, "exec", lambda dialog: asked.append(dialog) or QDialog.Rejected)
    window.welcome.recipe_button.click()
    assert len(asked) == 1


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_dialog_renders(qtbot, size, tmp_path):
    dialog = RecipeDialog(load_builtin("diabetes"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    assert not dialog.grab().isNull()
