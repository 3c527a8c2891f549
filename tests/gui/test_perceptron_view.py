"""The perceptron rule sample by sample: the view shows the engine's steps (which are fit's), the line and
the mistakes per epoch; AND settles, XOR never does."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.engine import Network
from nnstudio.gui.perceptron_view import PerceptronSource, PerceptronView, open_perceptron_view
from nnstudio.gui.step_formulas import num
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner
from tests.engine.helpers import XOR_X, XOR_Y, chain

AND_Y = np.array([[0], [0], [0], [1]], dtype=float)


def source(y, act="step"):
    def make():
        net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": act,
                                                        "kernel_initializer": "random_normal"})), seed=2)
        return PerceptronSource(net, XOR_X, y, 1.0, True, ["x1", "x2"])
    return make


def open_view(qtbot, y, act="step"):
    v = PerceptronView(source=source(y, act))
    qtbot.addWidget(v)
    v.reload()
    v.show()
    qtbot.waitExposed(v)
    return v


def test_each_sample_shows_the_rule_with_its_numbers_and_moves_the_line(qtbot):
    v = open_view(qtbot, AND_Y)
    for _ in range(8):
        qtbot.mouseClick(v.step, Qt.LeftButton)
        s = v.walk.steps[-1]
        text = v.text.toPlainText()
        assert f"ŷ = step(z) = {num(s.y_hat[0])}" in text and f"= {num(s.error[0])}" in text
        if s.wrong:
            assert f"w1 = {num(s.kernel_before[0, 0])}" in text and num(s.kernel_after[0, 0]) in text
        else:
            assert "weights stay" in text
        xs, ys = v.line.getData()
        if xs is not None and len(xs):
            w, b = v.walk.kernel[:, 0], v.walk.bias[0]
            np.testing.assert_allclose(w[0] * xs + w[1] * ys + b, 0.0, atol=1e-4)   # on w·x + b = 0
        assert list(v.current.getData()[0]) == [s.x[0]]
    heights = v.bars.opts["height"]
    assert list(heights) == v.walk.mistakes_per_epoch()
    v.close()


def test_back_undoes_a_sample(qtbot):
    v = open_view(qtbot, XOR_Y)
    for _ in range(3):
        v.next_sample()
    kernel = v.walk.kernel.copy()
    v.next_sample()
    qtbot.mouseClick(v.back, Qt.LeftButton)
    np.testing.assert_array_equal(v.walk.kernel, kernel)
    assert len(v.walk.steps) == 3
    v.close()


@pytest.mark.parametrize("act", ["step", "sign"])
def test_and_settles_and_xor_never_does(qtbot, act):
    done = open_view(qtbot, AND_Y, act)
    for _ in range(30):
        qtbot.mouseClick(done.epoch, Qt.LeftButton)
    assert "Settled" in done.message.text() and done.walk.mistakes_per_epoch()[-1] == 0
    never = open_view(qtbot, XOR_Y, act)
    for _ in range(30):
        qtbot.mouseClick(never.epoch, Qt.LeftButton)
    assert "never settles" in never.message.text() and min(never.walk.mistakes_per_epoch()) > 0
    done.close()
    never.close()


def test_in_a_window_the_steps_are_the_next_training_sessions(make_window, qtbot):
    project = load(samples_dir() / "perceptron_xor.nnproj")
    trained = copy.deepcopy(project)
    w = make_window(project)
    v = open_perceptron_view(w)
    qtbot.addWidget(v)
    for _ in range(3):
        v.rest_of_epoch()
    runner.train(trained, epochs=3)
    np.testing.assert_array_equal(v.walk.kernel, trained.weights["y"]["kernel"])
    np.testing.assert_array_equal(v.walk.bias, trained.weights["y"]["bias"])
    assert w.project.weights is None       # the view stepped on a copy
    v.close()


def test_another_optimizer_gets_a_sentence(make_window, qtbot):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    v = open_perceptron_view(w)
    qtbot.addWidget(v)
    assert "perceptron" in v.message.text() and not v.step.isEnabled()
    v.close()


def test_the_shading_and_the_line_fill_the_plot_as_shown(qtbot):
    """The plot keeps x and y to one scale, so a tall plot shows more than the data's box: the class shading
    and the boundary reach the plot's edges (they stopped at the box, leaving white bands above and below)."""
    view = open_view(qtbot, [0, 0, 0, 1])
    view.resize(1008, 720)
    qtbot.wait(50)
    for _ in range(3):
        qtbot.mouseClick(view.step, Qt.LeftButton)
    qtbot.wait(50)
    (x0, x1), (y0, y1) = view.plot_item.getViewBox().viewRange()
    assert (y1 - y0) > (view.box[1][1] - view.box[1][0]) * 1.2      # the view is taller than the data's box
    shaded = view.regions.mapRectToParent(view.regions.boundingRect())
    assert shaded.top() <= y0 + 1e-6 and shaded.bottom() >= y1 - 1e-6
    assert shaded.left() <= x0 + 1e-6 and shaded.right() >= x1 - 1e-6


def test_the_rules_formulas_do_not_break_inside():
    from nnstudio.gui.perceptron_view import whole_formulas
    html = whole_formulas("<p><b>Wrong: w ← w + η(t − ŷ)x, b ← b + η(t − ŷ)</b> and more</p>")
    assert "w\u00a0←\u00a0w\u00a0+\u00a0η(t\u00a0−\u00a0ŷ)x, b\u00a0←" in html      # a break only between the two
    assert "Wrong: w" in html and "and more" in html                              # and outside the formulas


def test_play_stops_once_the_rule_has_settled(qtbot):
    v = open_view(qtbot, AND_Y)
    v.play.click()
    assert v.play.isChecked() and v.timer.isActive()
    for _ in range(200):                   # the timer's ticks, without waiting for them
        if not v.play.isChecked():
            break
        v.next_sample()
    assert v.walk.settled() and not v.play.isChecked() and not v.timer.isActive()
    assert v.play.text() == "Play" and "Settled" in v.message.text()
    v.close()
