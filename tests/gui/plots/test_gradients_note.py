"""The Gradients view of a perceptron says why it stays empty instead of drawing bare axes (#13 item 7)."""

from __future__ import annotations

import pytest

from nnstudio.gui.plots.gradients import GradientNormsPlot
from nnstudio.paths import samples_dir
from nnstudio.project import load


def test_the_plot_explains_a_rule_without_gradients(qtbot):
    plot = GradientNormsPlot()
    qtbot.addWidget(plot)
    plot.resize(400, 260)
    plot.show()
    plot.set_optimizer({"name": "perceptron", "learning_rate": 1.0})
    assert plot.note.isVisible() and not plot.plot_item.isVisible()
    assert "perceptron" in plot.note.text() and "no gradients" in plot.note.text()
    assert plot.note.geometry().width() > 300          # spread over the plot, not squeezed in a corner
    plot.set_optimizer("sgd")
    assert not plot.note.isVisible() and plot.plot_item.isVisible()
    plot.set_optimizer({"name": "no_such_optimizer"})  # the Training panel reports that one
    assert not plot.note.isVisible()


@pytest.fixture
def window(make_window):
    return make_window(load(samples_dir() / "perceptron_and.nnproj"))


def test_perceptron_sample_in_the_window(qtbot, window):
    side = window.training
    side.views.docks["GradientsDock"].raise_()
    gradients = side.views.gradients
    assert gradients.note.isVisibleTo(window) and not gradients.plot_item.isVisible()   # opened: says so
    side.panel.epochs.setValue(3)
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=30000):
        side.panel.train_btn.click()
    assert gradients.note.isVisibleTo(window)                                           # trained: still
    assert all(s.n == 0 for s in gradients.series.values())
    side.panel.optimizer.setCurrentText("sgd")                                          # another rule
    assert not gradients.note.isVisibleTo(window) and gradients.plot_item.isVisible()
