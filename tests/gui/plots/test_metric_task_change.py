"""The metric plot changing task (classification <-> regression) with points not yet drawn (found by the
monkey test: a KeyError 'mae' reached the excepthook from the next frame)."""

from __future__ import annotations

from nnstudio.gui.plots.curves import MetricPlot

from ..records import progress_record


def test_points_waiting_for_a_redraw_do_not_outlive_a_task_change(qtbot):
    plot = MetricPlot()
    qtbot.addWidget(plot)
    plot.set_task("regression")
    plot.redraw(force=True)   # the next redraw within the rate limit is deferred: points wait in between
    plot.add_progress(progress_record(epochs=[(1, {"mae": 0.5, "val_mae": 0.6, "r2": 0.1})]))
    plot.set_task("binary")
    plot.redraw(force=True)
    plot.add_progress(progress_record(epochs=[(2, {"accuracy": 0.7, "val_accuracy": 0.6})]))
    plot.redraw(force=True)
    assert set(plot.series) == {"accuracy", "val_accuracy", "running_accuracy"}
    x, y = plot.items["accuracy"].getData()
    assert list(x) == [2] and list(y) == [0.7]
