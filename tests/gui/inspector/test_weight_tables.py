"""The inspector's weight tables: the numbers the next training starts from, edited cell by cell through the
real table, each edit one undo step, bad text and edits during training refused with a sentence."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from nnstudio.engine import Network
from nnstudio.gui.inspector.weights import VISIBLE_ROWS


@pytest.fixture
def dense(window):
    nid = window.editor.add_layer("Dense", (320, 0), after="input")
    window.editor.set_params(nid, {**window.document.params(nid), "units": 3}, "Set units")
    return nid


def _table(window, param):
    return window.inspector.weights.tables[param]


def _type_into_cell(qtbot, table, row, col, text):
    """Open the cell's editor as a double-click does, type ``text`` and press Enter."""
    index = table.model.index(row, col)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    # the open one: a closed editor stays a child until its deferred deletion
    editors = [e for e in table.view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()        # the delegate commits and closes its editor in a queued call


def test_tables_show_the_initial_weights_rows_inputs_columns_units(window, dense):
    tables = window.inspector.weights.tables
    assert list(tables) == ["kernel", "bias"]
    kernel, bias = tables["kernel"].model, tables["bias"].model
    n_in = window.document.analysis().shapes["input"][0]
    assert (kernel.rowCount(), kernel.columnCount()) == (n_in, 3)
    assert (bias.rowCount(), bias.columnCount()) == (1, 3)
    assert kernel.headerData(0, Qt.Vertical) == "in 1" and kernel.headerData(2, Qt.Horizontal) == "unit 3"
    seed = window.project.training.get("seed", 0)
    expected = Network.from_config(window.document.spec, seed=seed).get_weights()[dense]
    shown = np.array([[float(kernel.data(kernel.index(r, c), Qt.EditRole)) for c in range(3)]
                      for r in range(n_in)])
    np.testing.assert_allclose(shown, expected["kernel"], rtol=1e-6)
    assert window.project.weights is None     # showing is not editing


def test_typing_a_number_sets_the_weight_and_undo_takes_it_back(window, dense, qtbot):
    table = _table(window, "kernel")
    before = table.model.value(0, 1)
    _type_into_cell(qtbot, table, 0, 1, "0.25")
    kernel = window.project.weights[dense]["kernel"]
    assert kernel[0, 1] == pytest.approx(0.25)
    assert table.model.value(0, 1) == pytest.approx(0.25)        # the table shows the new number
    assert window.undo_stack.undoText() == f"Set {dense} kernel[1, 2] to 0.25"
    assert window.is_modified()
    window.undo()
    assert window.project.weights is None
    assert table.model.value(0, 1) == pytest.approx(before)
    window.redo()
    assert window.project.weights[dense]["kernel"][0, 1] == pytest.approx(0.25)


def test_each_edit_is_its_own_undo_step(window, dense):
    commit = _table(window, "bias").model.setData
    model = _table(window, "bias").model
    for col, text in enumerate(("1", "2", "3")):
        assert commit(model.index(0, col), text)
    np.testing.assert_allclose(window.project.weights[dense]["bias"], [1, 2, 3])
    window.undo()
    np.testing.assert_allclose(window.project.weights[dense]["bias"], [1, 2, 0])


@pytest.mark.parametrize("text, why", [("abc", "is not a number"), ("nan", "finite number"),
                                       ("inf", "finite number"), ("", "is not a number")])
def test_bad_text_is_refused_with_a_sentence(window, dense, qtbot, text, why):
    table = _table(window, "kernel")
    steps = window.undo_stack.count()
    if text:
        _type_into_cell(qtbot, table, 0, 0, text)
    else:
        assert not table.model.setData(table.model.index(0, 0), text)
    assert window.project.weights is None and window.undo_stack.count() == steps
    problem = window.inspector.weights.problem
    assert problem.isVisible() and why in problem.text()


def test_edits_are_refused_while_training_runs(window, dense, qtbot):
    window.set_structure_locked(True, "training is running")
    table = _table(window, "kernel")
    _type_into_cell(qtbot, table, 0, 0, "0.5")
    assert window.project.weights is None
    problem = window.inspector.weights.problem
    assert "training is running" in problem.text() and problem.isVisible()
    assert "training is running" in window.statusBar().currentMessage()
    window.set_structure_locked(False)
    _type_into_cell(qtbot, table, 0, 0, "0.5")
    assert window.project.weights[dense]["kernel"][0, 0] == 0.5
    assert not problem.isVisible()
    window.set_structure_locked(True, "training is running")
    assert not window.editor.can_undo_redo(undo=True)          # nor taken back under training's feet
    window.set_structure_locked(False)


def test_changing_the_layer_reshapes_its_tables_and_drops_edits_that_no_longer_fit(window, dense):
    model = _table(window, "bias").model
    model.setData(model.index(0, 0), "4")
    window.inspector.fields["units"].box.setValue(5)
    assert _table(window, "bias").model.columnCount() == 5
    assert dense not in (window.project.weights or {})        # set aside: 3 biases do not fit 5 units
    window.undo()
    assert window.project.weights[dense]["bias"][0] == 4      # and back with the 3 units


def test_layers_without_weights_show_no_tables(window):
    nid = window.editor.add_layer("Flatten", (320, 0), after="input")
    assert window.inspector.node_id == nid
    assert window.inspector.weights.tables == {} and window.inspector.weights.isHidden()


def test_conv_kernels_show_one_filter_and_channel_at_a_time(window):
    window.editor.set_params("input", {"shape": [6, 6, 2]}, "Set shape")
    nid = window.editor.add_layer("Conv2D", (320, 0), after="input")
    window.editor.set_params(nid, {**window.document.params(nid), "filters": 4, "kernel_size": [3, 3]}, "Set")
    table = _table(window, "kernel")
    assert table.shape == (3, 3, 2, 4) and len(table.choosers) == 2
    assert [c.accessibleName() for c in table.choosers] == ["Input channel", "Filter"]
    channel, filt = table.choosers
    channel.setValue(2)
    filt.setValue(3)
    full = window.inspector.weight_edits.arrays(nid)["kernel"]
    assert table.model.value(1, 2) == pytest.approx(float(full[1, 2, 1, 2]))
    assert table.model.setData(table.model.index(1, 2), "-0.75")
    kernel = window.project.weights[nid]["kernel"]
    assert kernel[1, 2, 1, 2] == -0.75
    assert table.choosers[1].value() == 3            # the table kept its slice across the edit
    assert table.model.value(1, 2) == -0.75


def test_a_large_layer_scrolls_inside_its_table(window):
    window.editor.set_params("input", {"shape": [784]}, "Set shape")
    nid = window.editor.add_layer("Dense", (320, 0), after="input")
    table = _table(window, "kernel")
    assert table.model.rowCount() == 784
    assert table.view.height() < table.view.verticalHeader().defaultSectionSize() * (VISIBLE_ROWS + 3)
    assert window.inspector.node_id == nid


def test_initialise_redraws_the_tensor_as_one_undo_step(window, dense, qtbot):
    table = _table(window, "kernel")
    before = window.inspector.weight_edits.arrays(dense)["kernel"].copy()
    qtbot.mouseClick(table.initialise, Qt.LeftButton)
    after = window.project.weights[dense]["kernel"]
    assert after.shape == before.shape and not np.array_equal(after, before)
    np.testing.assert_array_equal(window.project.weights[dense]["bias"],
                                  window.inspector.weight_edits.arrays(dense)["bias"])
    assert window.undo_stack.undoText() == f"Initialise {dense} kernel"
    window.undo()
    assert window.project.weights is None


# ---- the hand-wired XOR sample: read and edit the weights, watch the boundary ----------------------------------
XOR_CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _corner_values(plane) -> list[float]:
    """P(class 1) the boundary view paints at the four corners of the unit square."""
    xs, ys = plane.axes
    return [float(plane.values[np.argmin(abs(ys - y)), np.argmin(abs(xs - x)), 0]) for x, y in XOR_CORNERS]


def test_editing_the_hand_wired_xor_changes_its_prediction_and_undo_restores_it(qtbot, make_window, tmp_path):
    from nnstudio.paths import samples_dir
    from nnstudio.project import load

    w = make_window(load(samples_dir() / "xor_step_units.nnproj"))
    side = w.training
    qtbot.waitUntil(lambda: not side.preview.running(), timeout=30000)
    plane = side.views.prediction.plane
    assert side.views.prediction.kind == "plane"
    assert _corner_values(plane) == [0.0, 1.0, 1.0, 0.0]       # the XOR regions, before any training
    w.inspector.show_nodes(["h"])
    bias = w.inspector.weights.tables["bias"]
    assert [bias.model.value(0, c) for c in range(2)] == [-1.5, -0.5]
    assert w.inspector.weights.tables["kernel"].model.headerData(1, Qt.Horizontal) == "unit 2"

    with qtbot.waitSignal(side.previewDone, timeout=30000):
        _type_into_cell(qtbot, bias, 0, 0, "0.5")              # the AND unit now fires for every corner
    assert w.project.network().predict(XOR_CORNERS).ravel().tolist() == [0.0, 0.0, 0.0, 0.0]
    assert _corner_values(plane) == [0.0, 0.0, 0.0, 0.0]       # the boundary view followed
    path = tmp_path / "edited.nnproj"
    assert w.files.save_to(path)
    assert load(path).weights["h"]["bias"].tolist() == [0.5, -0.5]    # the edit is what the project saves

    with qtbot.waitSignal(side.previewDone, timeout=30000):
        w.undo()
    assert w.project.network().predict(XOR_CORNERS).ravel().tolist() == [0.0, 1.0, 1.0, 0.0]
    assert _corner_values(plane) == [0.0, 1.0, 1.0, 0.0]
    assert bias.model.value(0, 0) == -1.5

    w.redo()
    qtbot.waitUntil(lambda: not side.preview.running(), timeout=30000)
    result = None
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=30000) as blocker:
        side.controller.train(1)                              # the next training starts from the edit
    result = blocker.args[0]
    assert result.job.prepared.network.get_weights()["h"]["bias"].tolist() == [0.5, -0.5]
    assert w.project.history["accuracy"] == [0.5]
