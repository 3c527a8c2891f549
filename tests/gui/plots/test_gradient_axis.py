"""The gradient-norm plot counts training steps in whole numbers: after one snapshot its axis read
"0.0 0.2 ... 1.0", steps no optimizer ever takes."""

from __future__ import annotations

import pytest

from nnstudio.gui.plots.gradients import GradientNormsPlot

from .shown import axis_texts


@pytest.mark.parametrize("steps", [[1], [1, 2], [3, 6, 9], [10, 250, 500, 1000]])
def test_every_step_label_is_a_whole_step(qtbot, steps):
    plot = GradientNormsPlot()
    qtbot.addWidget(plot)
    plot.resize(313, 276)
    plot.set_layers([("d1", "hidden (Dense)"), ("d2", "out (Dense)")])
    for i, step in enumerate(steps):
        plot.record_norms(step, {"d1": 0.5 / (i + 1), "d2": 0.1})
    plot.draw()
    plot.set_x_span(0, steps[-1])
    plot.show()
    qtbot.waitExposed(plot)
    labels = [text for _rect, text in axis_texts(plot.plot_item.getAxis("bottom"))]
    assert len(labels) >= 2
    assert all(float(text).is_integer() and "." not in text for text in labels), labels
