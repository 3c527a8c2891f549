"""The loss and accuracy curves count epochs in whole numbers: after one epoch the axis read
"0 0.2 0.4 0.6 0.8 1.0", and a class asked what epoch 0.4 was."""

from __future__ import annotations

import pytest
from tests.gui.plots.shown import axis_texts

from nnstudio.gui.plots.curves import LossPlot, MetricPlot
from nnstudio.gui.training.views import LiveViews

from .conftest import make_job, progress_record


def x_labels(plot) -> list[str]:
    """The bottom axis's tick labels as pyqtgraph draws them."""
    return sorted((text for _rect, text in axis_texts(plot.plot_item.getAxis("bottom"))), key=float)


def test_a_one_epoch_session_labels_its_curves_at_epochs_0_and_1(qtbot):
    views = LiveViews()
    views.begin(make_job(epochs=1, batch_size=8), fresh=True)
    views.on_progress(progress_record(position=1.0, batch_points=([0.25, 0.5, 0.75, 1.0], [0.9, 0.8, 0.7, 0.6]),
                                      batches_per_epoch=9, epochs=[(1, {"loss": 0.6, "accuracy": 0.7})]))
    views.frame()
    for plot in (views.loss, views.metric):
        qtbot.addWidget(plot)
        plot.resize(313, 276)          # the Loss and Accuracy docks at 1280x720
        plot.show()
        qtbot.waitExposed(plot)
        assert x_labels(plot) == ["0", "1"]


@pytest.mark.parametrize("make", [LossPlot, MetricPlot])
@pytest.mark.parametrize("epochs, size", [(2, (228, 250)), (3, (313, 250)), (3, (228, 250)),
                                          (7, (422, 290)), (10, (228, 250)), (35, (313, 250))])
def test_every_label_is_a_whole_epoch(qtbot, make, epochs, size):
    plot = make()
    qtbot.addWidget(plot)
    plot.resize(*size)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_x_span(0, epochs)
    labels = x_labels(plot)
    assert len(labels) >= 2 and "0" in labels
    assert all(float(text).is_integer() and "." not in text for text in labels), labels


def test_zoomed_within_an_epoch_the_axis_keeps_labels(qtbot):
    """Closer than two whole epochs (the user's zoom), the fractions come back rather than no label at all."""
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(313, 250)
    plot.show()
    qtbot.waitExposed(plot)
    plot.plot_item.setXRange(0.3, 0.7, padding=0)
    assert len(x_labels(plot)) >= 2
