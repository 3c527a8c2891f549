"""The accuracy plot's "train (epoch so far)" line: the unfinished epoch alone, never left behind in pieces
once the epochs have their points, and named in the legend only while it is drawn."""

from __future__ import annotations

import numpy as np

from nnstudio.gui.plots.curves import MetricPlot

from ..records import progress_record
from .shown import shown

RUNNING = "train (epoch so far)"


def legend_names(plot) -> list[str]:
    return [label.text for _sample, label in plot.legend.items]


def epoch_running(epoch: int, accuracies) -> tuple[list[float], dict]:
    """Running values at the ends of batches 10..19 of ``epoch`` (20 batches an epoch)."""
    return [epoch - 1 + b / 20 for b in range(10, 10 + len(accuracies))], {"accuracy": list(accuracies)}


def test_before_any_training_the_legend_has_no_running_entry(qtbot):
    # MNIST, never trained: the legend listed "train (epoch so far)" beside empty axes
    plot = shown(qtbot, MetricPlot())
    assert RUNNING not in legend_names(plot)
    plot.set_history({"accuracy": [0.5, 0.6], "val_accuracy": [0.5, 0.55]})
    assert legend_names(plot) == ["train accuracy", "validation accuracy"]


def test_an_epochs_running_line_goes_when_the_epoch_has_its_point_and_all_of_it_when_training_ends(qtbot):
    # digits_mlp after training: pieces of the running line (0.55 -> 0.7 over epoch 1, another above the curve
    # in epoch 2) stayed drawn beside the epoch curve, and the legend still named it
    plot = shown(qtbot, MetricPlot())
    plot.expect_session(validation=True, batches_per_epoch=20)
    plot.add_progress(progress_record(position=0.6, batches_per_epoch=20, running_points=epoch_running(1, [0.55, 0.6,
                                                                                                           0.7])))
    plot.redraw(force=True)
    x, _ = plot.items["running_accuracy"].getData()
    assert len(x) == 3 and RUNNING in legend_names(plot)                # the unfinished epoch: drawn

    # epoch 1 ends (its point arrives) and epoch 2 begins in the same report
    plot.add_progress(progress_record(position=1.6, batches_per_epoch=20,
                                      epochs=[(1, {"accuracy": 0.78, "val_accuracy": 0.9})],
                                      running_points=epoch_running(2, [0.95, 0.96])))
    plot.redraw(force=True)
    x, _ = plot.items["running_accuracy"].getData()
    np.testing.assert_allclose(x, [1.5, 1.55])                          # epoch 2 only, nothing of epoch 1

    plot.add_progress(progress_record(position=2.0, batches_per_epoch=20,
                                      epochs=[(2, {"accuracy": 0.97, "val_accuracy": 0.95})]))
    plot.redraw(force=True)
    x, _ = plot.items["running_accuracy"].getData()
    assert x is None or len(x) == 0                                     # epoch 2 has its point
    assert RUNNING not in legend_names(plot)

    # stopped in the middle of epoch 3: the session is over, the recorded epochs are all that stays
    plot.add_progress(progress_record(position=2.7, batches_per_epoch=20, running_points=epoch_running(3, [0.98,
                                                                                                           0.99])))
    plot.redraw(force=True)
    assert RUNNING in legend_names(plot)
    plot.add_progress(progress_record(position=2.7, batches_per_epoch=20, final=True))
    plot.redraw(force=True)
    x, _ = plot.items["running_accuracy"].getData()
    assert x is None or len(x) == 0
    assert legend_names(plot) == ["train accuracy", "validation accuracy"]
    assert [r for r in plot._csv()[1] if r[0] == RUNNING] == []
