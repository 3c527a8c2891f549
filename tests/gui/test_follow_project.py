"""Tool windows follow the window's project: another project opened, the network edited or trained; and they
close with the studio."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from nnstudio.gui.follow_project import SETTLE_MS
from nnstudio.gui.gradcheck_view import open_gradcheck_view
from nnstudio.gui.init_explorer import open_init_explorer
from nnstudio.gui.perceptron_view import open_perceptron_view
from nnstudio.gui.step_inside import open_step_inside
from nnstudio.paths import samples_dir
from nnstudio.project import load


def open_other(w, name: str) -> None:
    w.mark_saved()
    assert w.files.open_path(samples_dir() / f"{name}.nnproj", ask=False)


def test_step_inside_steps_through_the_project_just_opened(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    view = open_step_inside(w)
    qtbot.addWidget(view)
    assert view.src.X.shape[1] == 2
    view.sample.setValue(3)
    view.go(len(view.stops) - 1)
    open_other(w, "iris_softmax")
    qtbot.waitUntil(lambda: view.src.X.shape[1] == 4, timeout=3000)   # iris: four measurements
    assert view.position == 0 and view.sample.value() == 1            # its step from the start
    assert "setosa" in view.text.toPlainText() or "versicolor" in view.text.toPlainText() \
        or "virginica" in view.text.toPlainText()


def test_step_inside_follows_an_edit_of_the_network(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    view = open_step_inside(w)
    qtbot.addWidget(view)
    assert view.trace.node("h").weights["kernel"].shape == (2, 10)
    w.editor.set_params("h", {**w.document.params("h"), "units": 4}, "units")
    qtbot.waitUntil(lambda: view.trace.node("h").weights["kernel"].shape == (2, 4), timeout=3000)


def test_applying_a_step_keeps_its_sentence(make_window, qtbot):
    """Apply changes the project itself: the view reads it once and the sentence saying what was applied
    stays (a follow-up reload would clear it)."""
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    view = open_step_inside(w)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.apply_button, Qt.LeftButton)
    assert "Applied" in view.message.text()
    qtbot.wait(3 * SETTLE_MS)
    assert "Applied" in view.message.text()


def test_the_perceptron_rule_restarts_on_the_project_opened(make_window, qtbot):
    w = make_window(load(samples_dir() / "perceptron_and.nnproj"))
    view = open_perceptron_view(w)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.step, Qt.LeftButton)
    assert view.walk.steps
    before = view.walk
    open_other(w, "perceptron_xor")
    qtbot.waitUntil(lambda: view.walk is not before, timeout=3000)
    assert not view.walk.steps                          # a fresh walk on the other project


def test_a_hidden_view_is_not_recomputed_until_opened_again(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    view = open_step_inside(w)
    qtbot.addWidget(view)
    view.close()
    old = view.src
    open_other(w, "iris_softmax")
    qtbot.wait(3 * SETTLE_MS)
    assert view.src is old
    assert open_step_inside(w) is view and view.src.X.shape[1] == 4


def test_the_gradient_check_forgets_the_other_projects_table(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    view = open_gradcheck_view(w)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.run, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() > 0, timeout=20000)
    open_other(w, "iris_softmax")
    assert view.table.rowCount() == 0 and view.result is None and view.costs.text() == ""


def test_the_initialisation_explorer_measures_the_edited_network(make_window, qtbot):
    w = make_window(load(samples_dir() / "ten_layers_init.nnproj"))
    view = open_init_explorer(w)
    qtbot.addWidget(view)
    view.network.setCurrentIndex(view.network.findData("current"))
    qtbot.waitUntil(lambda: bool(view.results), timeout=20000)
    ten = len(view.results[0].layers)
    open_other(w, "deep_sigmoid")
    qtbot.waitUntil(lambda: len(view.results[0].layers) != ten, timeout=20000)
    dense = len([n for n in w.document.spec["nodes"] if n["type"] == "Dense"])
    assert len(view.results[0].layers) - dense == ten - 11     # ten_layers_init: 11 Dense layers


def test_closing_the_studio_closes_its_tool_windows_and_their_work(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    for action in ("gradcheck", "init_explorer", "step_inside", "playground"):
        getattr(w.actions, action).trigger()
    tools = [c for c in w.findChildren(QWidget) if c.isWindow() and c.isVisible() and c is not w]
    assert len(tools) >= 4
    init = open_init_explorer(w)
    w.mark_saved()
    assert w.close()
    assert not any(t.isVisible() for t in tools)
    assert not init.background.running()
