"""The accuracy axis runs from the data's lowest tenth to 1: deep_sigmoid's 3 % wobble around 0.48, autoscaled
to 0.43 .. 0.55, looked like wild swings where the lesson's point is that the network stays at chance."""

from __future__ import annotations

import pytest

from nnstudio.gui.plots.curves import SHARE_PADDING, MetricPlot

from ..records import progress_record
from .shown import shown


def y_range(plot):
    return plot.plot_item.getViewBox().viewRange()[1]


def feed(plot, values, start=1):
    for e, (train, val) in enumerate(values, start=start):
        plot.add_progress(progress_record(position=float(e), epochs=[(e, {"accuracy": train, "val_accuracy": val})]))
    plot.redraw(force=True)


def expected(lo, hi=1.0):
    pad = SHARE_PADDING * (hi - lo)
    return pytest.approx([lo - pad, hi + pad], abs=1e-9)


def test_a_wobble_at_chance_is_drawn_on_an_axis_from_its_tenth_to_one(qtbot):
    plot = shown(qtbot, MetricPlot())
    feed(plot, [(0.45, 0.50), (0.51, 0.47), (0.46, 0.49), (0.50, 0.48)])
    assert y_range(plot) == expected(0.4)            # not 0.43 .. 0.52
    feed(plot, [(0.39, 0.41)], start=5)              # lower data: the next tenth down
    assert y_range(plot) == expected(0.3)
    plot.reset()
    feed(plot, [(0.02, 0.0), (0.9, 1.0)])            # never below 0
    assert y_range(plot) == expected(0.0)
    plot.reset()
    feed(plot, [(1.0, 1.0), (1.0, 1.0)])             # all perfect: still a range, 0.9 .. 1
    assert y_range(plot) == expected(0.9)


def test_the_users_zoom_lasts_while_the_range_holds_and_view_all_brings_the_share_range_back(qtbot):
    plot = shown(qtbot, MetricPlot())
    feed(plot, [(0.45, 0.50), (0.51, 0.47)])
    plot.plot_item.setYRange(0.46, 0.52, padding=0)   # the teacher zooms in on the wobble
    feed(plot, [(0.48, 0.49)], start=3)
    assert y_range(plot) == pytest.approx([0.46, 0.52])
    plot.plot_item.autoBtn.clicked.emit(plot.plot_item.autoBtn)   # pyqtgraph's "A" button: view all
    assert y_range(plot) == expected(0.4)


def test_log_scale_and_regression_keep_their_own_ranges(qtbot):
    plot = shown(qtbot, MetricPlot())
    feed(plot, [(0.45, 0.50), (0.51, 0.47)])
    plot.log_action.setChecked(True)
    assert y_range(plot)[1] < 0                       # log10 of the data, not 1.0
    plot.log_action.setChecked(False)
    assert y_range(plot) == expected(0.4)
    plot.set_task("regression")
    plot.add_progress(progress_record(epochs=[(1, {"r2": 0.2, "val_r2": 0.3, "mae": 1.0, "val_mae": 1.2})]))
    plot.redraw(force=True)
    assert y_range(plot) == expected(0.2)             # R² too: a share of perfect, from its tenth to 1


def test_r2_runs_from_its_tenth_to_one_but_not_below_minus_one(qtbot):
    """An early R² of −8 (co2_forecast's first epochs) squashed the rest of the curve into a flat line."""
    plot = shown(qtbot, MetricPlot())
    plot.set_task("regression")
    for e, (r2, val) in enumerate([(-8.0, -7.5), (0.6, 0.55), (0.93, 0.9)], start=1):
        plot.add_progress(progress_record(position=float(e), epochs=[(e, {"r2": r2, "val_r2": val, "mae": 1 / e,
                                                                          "val_mae": 1.1 / e})]))
    plot.redraw(force=True)
    assert y_range(plot) == expected(-1.0)
    plot.reset()
    feed_r2 = [(0.72, 0.7), (0.95, 0.93)]
    for e, (r2, val) in enumerate(feed_r2, start=1):
        plot.add_progress(progress_record(position=float(e), epochs=[(e, {"r2": r2, "val_r2": val})]))
    plot.redraw(force=True)
    assert y_range(plot) == expected(0.7)
