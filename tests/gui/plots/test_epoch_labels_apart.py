"""Epoch and step labels stand apart in a narrow dock: at 1024x768 the Metrics dock of a 2,000-epoch lesson
(house_price_network) read "0 5001000150 2000"."""

from __future__ import annotations

import numpy as np
import pytest

from nnstudio.gui.plots.curves import LossPlot, MetricPlot
from nnstudio.gui.plots.gradients import GradientNormsPlot

from .shown import axis_texts


def _label_rects(plot):
    return sorted(axis_texts(plot.plot_item.getAxis("bottom")), key=lambda rt: rt[0].left())


def _apart(rects) -> bool:
    return all(a.right() < b.left() for (a, _), (b, _) in zip(rects, rects[1:]))


@pytest.mark.parametrize("width,epochs", [(193, 2000), (160, 2000), (230, 400), (193, 10000), (313, 2000)])
def test_epoch_labels_do_not_run_together(qtbot, width, epochs):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(width, 276)
    plot.set_history({"loss": list(np.linspace(1.5, 0.1, epochs))})
    plot.set_x_span(0, epochs)          # as a session planned for ``epochs`` sets it
    plot.show()
    qtbot.waitExposed(plot)
    rects = _label_rects(plot)
    assert len(rects) >= 2, [t for _, t in rects]
    assert _apart(rects), [t for _, t in rects]


@pytest.mark.parametrize("width", [193, 228, 262])
def test_regression_metric_labels_do_not_run_together(qtbot, width):
    """R² and the mean absolute error on two axes leave the epochs the least room."""
    plot = MetricPlot()
    plot.set_task("regression")
    qtbot.addWidget(plot)
    plot.resize(width, 276)
    n = 2000
    plot.set_history({"r2": list(np.linspace(-0.5, 0.9, n)), "mae": list(np.linspace(0.9, 0.3, n))})
    plot.set_x_span(0, n)
    plot.show()
    qtbot.waitExposed(plot)
    rects = _label_rects(plot)
    assert len(rects) >= 2, [t for _, t in rects]
    assert _apart(rects), [t for _, t in rects]


def test_step_labels_do_not_run_together(qtbot):
    plot = GradientNormsPlot()
    qtbot.addWidget(plot)
    plot.resize(193, 276)
    plot.set_layers([("d1", "hidden (Dense)")])
    for step in range(0, 20001, 500):
        plot.record_norms(step, {"d1": 0.5})
    plot.draw()
    plot.set_x_span(0, 20000)
    plot.show()
    qtbot.waitExposed(plot)
    rects = _label_rects(plot)
    assert len(rects) >= 2 and _apart(rects), [t for _, t in rects]
