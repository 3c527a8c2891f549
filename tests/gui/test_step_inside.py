"""Step inside one training step: the explorer's pictures and formulas are the engine's trace, stop by stop,
and "Apply this step" is a real training step recorded in the project."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.engine import Network, trace
from nnstudio.engine.trace import preview_update, stages
from nnstudio.gui.step_formulas import num
from nnstudio.gui.step_inside import StepInside, StepSource, open_step_inside
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner
from tests.engine.helpers import XOR_X, XOR_Y, chain

SPEC = chain([2], ("Dense", {"units": 3, "activation": "tanh"}), ("Dense", {"units": 1, "activation": "sigmoid"}))
SGD = {"name": "sgd", "learning_rate": 0.5}


def source(spec=SPEC, optimizer=SGD):
    def make():
        net = Network.from_config(spec, seed=1)
        return StepSource(net, XOR_X, XOR_Y, "binary_crossentropy", optimizer,
                          {"x": "inputs", "l1": "hidden", "l2": "output"}, ["0", "1"])
    return make


@pytest.fixture
def view(qtbot):
    v = StepInside(source=source())
    qtbot.addWidget(v)
    v.reload()
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.close()


def expected_trace(rows):
    return trace(Network.from_config(SPEC, seed=1), XOR_X[rows], XOR_Y[rows], "binary_crossentropy")


def test_forward_then_back_shows_the_traces_values_stop_by_stop(view, qtbot):
    view.sample.setValue(3)
    want = expected_trace([2])
    stops = stages(want)
    seen = []
    while True:
        stop = view.stops[view.position]
        seen.append((stop.kind, stop.node_id))
        cols = {c.node_id: c for c in view.diagram.picture.columns}
        if stop.kind in ("forward", "backward"):
            assert cols[stop.node_id].current
            node = want.node(stop.node_id)
            shown = node.a[0] if stop.kind == "forward" else node.delta[0]
            np.testing.assert_allclose(cols[stop.node_id].values, shown.ravel())
        if stop.kind == "forward" and stop.node_id == "l1":
            assert num(want.node("l1").z[0, 0]) in view.text.toPlainText()   # z₁ written out with its value
            assert cols["l2"].values is None                                # not reached yet
        if stop.kind == "loss":
            assert num(want.loss) in view.text.toPlainText()
        if not view.forward.isEnabled():
            break
        qtbot.mouseClick(view.forward, Qt.LeftButton)
    assert seen == [(s.kind, s.node_id) for s in stops]
    assert "update" in view.where.text()
    qtbot.mouseClick(view.back, Qt.LeftButton)
    assert view.stops[view.position].kind == "backward"
    qtbot.mouseClick(view.restart, Qt.LeftButton)
    assert view.position == 0 and not view.back.isEnabled()


def test_the_update_is_w_minus_eta_g_with_the_numbers(view):
    view.go(len(view.stops) - 1)
    want = expected_trace([0])
    updates = preview_update(Network.from_config(SPEC, seed=1), want, SGD)
    text = view.text.toPlainText()
    assert "w ← w − η·g" in text
    u = updates[0]
    assert f"{num(u.before.ravel()[0])} − {num(0.5)}·" in text and num(u.after.ravel()[0]) in text
    kernel = {(src, dst): k for src, dst, k in view.diagram.picture.weights}[(1, 2)]
    np.testing.assert_allclose(kernel, [x.after for x in updates if x.key == "l2/kernel"][0])


def test_a_batch_of_samples_gives_the_batch_gradients(view):
    view.sample.setValue(2)
    view.batch.setValue(3)
    assert view.rows() == [1, 2, 3]
    want = expected_trace([1, 2, 3])
    for nid, grads in want.gradients().items():
        for k, g in grads.items():
            np.testing.assert_array_equal(view.trace.node(nid).grads[k], g)
    assert "3 samples" in view.text.toPlainText()


def test_wide_layers_are_heatmaps_and_a_step_network_gets_a_sentence(qtbot):
    wide = chain([2], ("Dense", {"units": 40, "activation": "relu"}), ("Dense", {"units": 1, "activation": "sigmoid"}))
    v = StepInside(source=source(wide))
    qtbot.addWidget(v)
    v.reload()
    v.resize(1024, 768)
    v.show()
    v.go(2)
    assert v.diagram.unit_centers(1) == [] and v.diagram.picture.columns[1].values.size == 40
    v.grab()    # paints the heatmap
    step = StepInside(source=source(chain([2], ("Dense", {"units": 1, "activation": "step"}))))
    qtbot.addWidget(step)
    assert not step.reload()
    assert "perceptron rule" in step.message.text() and not step.forward.isEnabled()


def test_apply_this_step_trains_the_project_once_and_records_it(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    v = open_step_inside(w)
    qtbot.addWidget(v)
    v.sample.setValue(2)
    v.go(len(v.stops) - 1)
    after = {u.key: u.after for u in v.updates}
    epochs = runner.epochs_done(w.project)
    qtbot.mouseClick(v.apply_button, Qt.LeftButton)
    assert runner.epochs_done(w.project) == epochs + 1
    assert "Applied" in v.message.text() and w.is_modified()
    for key, value in after.items():
        nid, param = key.split("/")
        np.testing.assert_allclose(w.project.weights[nid][param], value, rtol=1e-5, atol=1e-6)
    x, y = w.training.views.loss.series["loss"].data()
    assert len(x) == epochs + 1
    # the explorer now starts from the new weights, and Adam's moments carried on
    assert v.position == 0
    np.testing.assert_allclose(v.trace.node("h").weights["kernel"], w.project.weights["h"]["kernel"])
    assert w.project.resume_state is not None
    v.go(len(v.stops) - 1)
    after = {u.key: u.after for u in v.updates}
    qtbot.mouseClick(v.apply_button, Qt.LeftButton)
    for key, value in after.items():          # the second preview had Adam's moments from the first step
        nid, param = key.split("/")
        np.testing.assert_allclose(w.project.weights[nid][param], value, rtol=1e-5, atol=1e-6)
    v.close()


def test_a_loss_that_refuses_the_targets_is_a_sentence_not_a_traceback(make_window, qtbot):
    """Found by the monkey: two one-hot targets for one sigmoid output with the cross-entropy of the course
    raised ValueError out of Step Inside."""
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    v = open_step_inside(w)
    qtbot.addWidget(v)
    v.src.y = np.eye(2, dtype=np.float32)[np.asarray(v.src.y, dtype=int).ravel()]   # (n, 2) for one output
    v.src.loss = "categorical_crossentropy"
    assert not v.retrace()
    assert "target" in v.message.text() and not v.forward.isEnabled()


@pytest.mark.parametrize("sample, words", [("lstm_forecast", "the memory"), ("co2_gru", "gates z, r"),
                                           ("memory_over_time", "h0 = 0")])
def test_a_recurrent_layer_says_how_it_runs_over_the_timesteps(make_window, qtbot, sample, words):
    w = make_window(load(samples_dir() / f"{sample}.nnproj"))
    v = open_step_inside(w)
    qtbot.addWidget(v)
    recurrent = next(i for i, s in enumerate(v.stops) if s.kind == "forward"
                     and v.trace.node(s.node_id).type in ("SimpleRNN", "LSTM", "GRU"))
    v.go(recurrent)
    text = v.text.toPlainText()
    assert words in text and "one timestep after another" in text
    name = v.src.names[v.stops[recurrent].node_id]
    node_type = v.trace.node(v.stops[recurrent].node_id).type
    # "LSTM (LSTM)" when the layer is named after its type said the same thing twice
    assert text.startswith(f"{name}: forward" if name == node_type else f"{name} ({node_type}): forward")


def test_a_recurrent_layers_backward_stop_names_backpropagation_through_time(make_window, qtbot):
    w = make_window(load(samples_dir() / "lstm_forecast.nnproj"))
    v = open_step_inside(w)
    qtbot.addWidget(v)
    back = next(i for i, s in enumerate(v.stops) if s.kind == "backward" and v.trace.node(s.node_id).type == "LSTM")
    v.go(back)
    assert "Backpropagation through time" in v.text.toPlainText()
    v.go(0)
    assert "through time" not in v.text.toPlainText()


def test_the_update_names_each_weight_by_its_input_and_unit(view):
    view.go(len(view.stops) - 1)
    text = view.text.toPlainText()
    assert "[1, 1]" in text and "[1, 2]" in text          # l1/kernel (2 x 3), row by row from 1
    assert "from input i to unit j" in text


def test_a_scaled_sample_is_shown_as_the_data_gives_it_too(qtbot):
    """inside_one_step standardizes XOR: x = (−1, −1) for the data's (0, 0), and the input stop says so."""
    project = load(samples_dir() / "inside_one_step.nnproj")
    prepared = runner.prepare(project)

    def make():
        names = {n["id"]: n.get("name") or n["id"] for n in project.spec["nodes"]}
        return StepSource(prepared.network, prepared.X, prepared.y, prepared.loss, "sgd", names,
                          prepared.dataset.class_names, prepared.preprocessor)

    v = StepInside(source=make)
    qtbot.addWidget(v)
    v.reload()
    text = v.text.toPlainText()
    raw = prepared.preprocessor.inverse_transform_X(prepared.X[:1])[0]
    np.testing.assert_allclose(prepared.preprocessor.transform_X(raw[None])[0], prepared.X[0], atol=1e-6)
    assert set(np.round(raw, 6)) <= {0.0, 1.0}                  # the data's own XOR corner
    assert f"in the data: ({num(raw[0])}, {num(raw[1])})" in text
    assert f"scaled: x = ({num(prepared.X[0, 0])}, {num(prepared.X[0, 1])})" in text
    assert "standardized" in text


def _laid_out_lines(browser) -> list[str]:
    doc, lines = browser.document(), []
    doc.documentLayout().documentSize()
    block = doc.firstBlock()
    while block.isValid():
        layout, text = block.layout(), block.text()
        lines += [text[layout.lineAt(i).textStart():][:layout.lineAt(i).textLength()]
                  for i in range(layout.lineCount())]
        block = block.next()
    return lines


def test_the_update_formulas_are_not_broken_inside_a_number_in_presentation_mode(make_window, qtbot):
    """At a 1024 x 768 screen's width the update table's larger text was squeezed into the formulas' pane and
    Qt broke a formula inside its bracket: '−0.504 − 0.5·(−0.282' / ') = −0.363'."""
    from nnstudio.gui.plots import base as plots
    from nnstudio.gui.presentation import SCALE

    w = make_window(load(samples_dir() / "inside_one_step.nnproj"))
    view = open_step_inside(w)
    qtbot.addWidget(view)
    view.resize(1008, 720)
    view.go(len(view.stops) - 1)
    try:
        plots.set_scale(SCALE, [view])
        qtbot.wait(20)
        lines = [line.strip() for line in _laid_out_lines(view.text)]
        assert any("·(−" in line for line in lines)                # the formulas with a bracket are there
        assert not [line for line in lines if line.startswith(")") or line.count("(") != line.count(")")]
    finally:
        plots.set_scale(1.0, [view])


def _tables(browser) -> list[list[list[str]]]:
    """Every table of the formulas' pane as rows of cell texts, in document order."""
    from PySide6.QtGui import QTextCursor

    doc, found, seen = browser.document(), [], set()
    block = doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and id(table) not in seen and table.firstPosition() not in seen:
            seen.add(table.firstPosition())
            rows = []
            for r in range(table.rows()):
                cells = []
                for c in range(table.columns()):
                    cell = table.cellAt(r, c)
                    cur = QTextCursor(doc)
                    cur.setPosition(cell.firstPosition())
                    cur.setPosition(cell.lastPosition(), QTextCursor.KeepAnchor)
                    cells.append(cur.selectedText().strip())
                rows.append(cells)
            found.append(rows)
        block = block.next()
    return found


def test_a_gradient_reads_the_same_in_its_matrix_and_in_the_update_table(make_window, qtbot):
    """dL/dW's matrix wrote 2 significant digits ('0.33') and the update table 3 decimals ('0.333'): one
    value, two numbers for a student comparing them."""
    w = make_window(load(samples_dir() / "inside_one_step.nnproj"))
    view = open_step_inside(w)
    qtbot.addWidget(view)
    matrices = {}                                   # node id -> dL/dW's cells as shown at its backward stop
    view.go(0)
    while True:
        stop = view.stops[view.position]
        if stop.kind == "backward":
            matrices[stop.node_id] = _tables(view.text)[0]
        if not view.forward.isEnabled():
            break
        qtbot.mouseClick(view.forward, Qt.LeftButton)
    assert view.stops[view.position].kind == "update"
    keys = [line for line in view.text.toPlainText().splitlines() if line.endswith(("/kernel", "/bias"))]
    tables = _tables(view.text)
    assert len(keys) == len(tables) == 4
    compared = []
    for key, table in zip(keys, tables):
        node_id, param = key.split("/")
        if param != "kernel":
            continue
        for row in table[1:]:
            if row[0].startswith("["):
                i, j = (int(s) - 1 for s in row[0].strip("[]").split(","))
                compared.append((key, row[0], matrices[node_id][i][j], row[2]))
    assert len(compared) == 7                       # h: 4 of its 6 entries, y: all 3
    assert [(k, where, shown) for k, where, shown, _ in compared] == [(k, where, g) for k, where, _, g in compared]
