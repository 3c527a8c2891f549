"""Plots a class can read from the back of the room: legends outside the data, R² and MAE on their own
axes, weight colours that one large weight cannot wash out, a class legend on the decision boundary."""

from __future__ import annotations

import numpy as np
import pytest

from nnstudio.gui.plots.curves import LossPlot, MetricPlot
from nnstudio.gui.plots.gradients import GradientNormsPlot
from nnstudio.gui.plots.prediction import POINT_SIZE, PredictionView
from nnstudio.gui.plots.weights import WeightsHeatmap, robust_limit
from nnstudio.gui.training.snapshots import Snapshot

from ..records import progress_record
from .shown import axis_texts, shown


def below_the_data(plot_item) -> bool:
    """The legend's top edge is under the view box (the data area): nothing drawn can hide behind it."""
    vb = plot_item.getViewBox().sceneBoundingRect()
    legend = plot_item.legend.sceneBoundingRect()
    assert legend.top() >= vb.bottom() and legend.height() > 0, (legend, vb)
    return True


def eight_layers():
    return [(f"h{i}", f"hidden {i + 1}") for i in range(7)] + [("out", "output")]


def test_eight_gradient_entries_stay_outside_the_lines(qtbot):
    plot = shown(qtbot, GradientNormsPlot())
    plot.set_layers(eight_layers())
    plot.set_x_span(0, 100)
    for step in range(0, 101, 10):
        plot.record(Snapshot(step=step, grad_norms={nid: 10.0 ** (i - 6) for i, (nid, _) in enumerate(eight_layers())}))
    plot.draw()
    qtbot.wait(20)
    assert len(plot.legend.items) == 8
    assert below_the_data(plot.plot_item)
    assert plot.legend.columnCount > 1                        # wrapped into columns, not eight rows
    assert plot.legend.sceneBoundingRect().right() <= plot.plot_item.sceneBoundingRect().right() + 1


@pytest.mark.parametrize("width", [230, 250, 280, 315, 360, 420])
def test_every_legend_entry_is_whole_inside_the_plot(qtbot, width):
    """The MNIST CNN's four layers at 315 px had their fourth entry cut to "dig": the columns were counted
    without the legend's margins and the gap between each sample and its label."""
    plot = shown(qtbot, GradientNormsPlot(), size=(width, 275))
    plot.set_layers([("a", "filters 1 (Conv2D)"), ("b", "filters 2 (Conv2D)"), ("c", "hidden (Dense)"),
                     ("d", "digit (Dense)")])
    qtbot.wait(20)
    inside = plot.mapToScene(plot.rect()).boundingRect()
    for _sample, label in plot.legend.items:
        assert inside.contains(label.mapRectToScene(label.boundingRect())), label.text


@pytest.mark.parametrize("make", [LossPlot, MetricPlot])
def test_curve_legends_sit_under_the_axis(qtbot, make):
    plot = shown(qtbot, make())
    for e in range(1, 30):
        plot.add_progress(progress_record(epochs=[(e, {"loss": 1 / e, "val_loss": 0.5 + e / 50, "accuracy": 1 - 1 / e,
                                                          "val_accuracy": 0.9})]))
    plot.redraw(force=True)
    qtbot.wait(20)
    assert below_the_data(plot.plot_item)


def test_errors_and_r2_have_their_own_axes(qtbot):
    plot = shown(qtbot, MetricPlot())
    plot.set_task("regression")
    for e in range(1, 20):
        plot.add_progress(progress_record(epochs=[(e, {"mae": 200.0 / e, "val_mae": 250.0 / e, "rmse": 260.0 / e,
                                                      "val_rmse": 300.0 / e, "r2": 1 - 1 / e, "val_r2": 1 - 1.2 / e})]))
    plot.redraw(force=True)
    assert plot.right_keys == {"mae", "val_mae"}
    assert plot.plot_item.getAxis("right").isVisible()
    left = plot.plot_item.getViewBox().viewRange()[1]
    right = plot.right.viewRange()[1]
    assert left[1] < 2 and right[1] > 200               # R² near [0, 1]; the error in its own units
    assert {plot.items[k] for k in ("mae", "val_mae")} <= set(plot.right.addedItems)
    assert len(plot.legend.items) == 4       # R² and the mean absolute error, train and validation
    plot.set_task("binary")
    assert not plot.plot_item.getAxis("right").isVisible() and plot.right_keys == set()


ROBUST = [  # values, expected limit
    (np.full(100, 0.5), 0.5),
    (np.r_[np.full(999, 0.2), 40.0], 0.2),                # one huge weight does not set the scale
    (np.zeros(10), 1.0),                                  # nothing to scale: a neutral default
    (np.r_[np.zeros(200), 3.0], 3.0),                     # the percentile is zero: the largest weight
]


@pytest.mark.parametrize("values, limit", ROBUST)
def test_robust_limit(values, limit):
    assert robust_limit(values) == pytest.approx(limit)


def test_one_large_weight_does_not_wash_out_the_heatmap(qtbot):
    heat = shown(qtbot, WeightsHeatmap())
    heat.set_layers([("h", "hidden")])
    rng = np.random.default_rng(0)
    k = rng.normal(0.0, 0.3, (16, 16))
    k[3, 4] = 12.0
    heat.on_snapshot(Snapshot(weights={"h": {"kernel": k}}))
    assert heat.limit < 1.5
    assert heat.bar.levels() == pytest.approx((-heat.limit, heat.limit))   # the scale is shown beside it
    assert "max 12" in heat.view.plot_item.titleLabel.text
    lut_image = heat.image.getLevels()
    assert tuple(lut_image) == pytest.approx((-heat.limit, heat.limit))


def test_a_narrow_heatmap_drops_the_largest_weight_from_its_title_before_cutting_the_scale(qtbot):
    from nnstudio.gui.plots import base

    heat = shown(qtbot, WeightsHeatmap(), size=(230, 275))
    heat.set_layers([("h", "hidden")])
    k = np.random.default_rng(0).normal(0.0, 0.3, (16, 16))
    k[3, 4] = 12.0
    heat.on_snapshot(Snapshot(weights={"h": {"kernel": k}}))
    title = heat.view.plot_item.titleLabel
    scale = f"weights ±{heat.limit:.3g}"
    qtbot.waitUntil(lambda: title.text == scale)        # whole, not "weights ±0.82 (…"
    assert title.full == scale + " (max 12)" and title.toolTip() == title.full
    try:
        base.set_scale(1.5, [heat])                     # the title is set again at the new size
        assert title.full == scale + " (max 12)" and title.shorter == (scale,)
    finally:
        base.set_scale(1.0, [heat.view])
    heat.resize(700, 400)
    qtbot.waitUntil(lambda: title.text == title.full)


def test_decision_boundary_names_the_classes(qtbot):
    view = shown(qtbot, PredictionView())
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 2))
    y = rng.integers(0, 3, 60)
    view.set_data(X[:40], y[:40], X[40:], y[40:], "multiclass", class_names=["setosa", "versicolor", "virginica"],
                  kind="plane")
    names = [label.text for _sample, label in view.plane.legend.items]
    assert names == ["setosa", "versicolor", "virginica", "validation (ringed)"]
    view.set_data(X, (X[:, :1] > 0).astype(float), None, None, "binary", kind="plane")
    assert [label.text for _s, label in view.plane.legend.items] == ["class 0", "class 1"]
    assert view.plane.train_points.opts["size"] >= POINT_SIZE >= 10


def test_a_picture_taken_right_after_new_values_has_the_axis_title_clear_of_the_tick_labels(qtbot):
    """An axis measures its tick labels while painting: the picture waits for the width they need."""
    from nnstudio.gui.plots.base import settled_grab

    plot = shown(qtbot, LossPlot())
    axis = plot.plot_item.getAxis("left")
    view = plot.plot_item.getViewBox()
    view.setYRange(0, 10, padding=0)            # tick labels "2", "4": a narrow axis
    qtbot.waitUntil(lambda: axis.width() < 45)
    narrow = axis.width()
    view.setYRange(0.66, 0.75, padding=0)       # "0.700": wider labels, measured in the next paint
    picture = settled_grab(plot)
    assert axis.width() > narrow
    qtbot.wait(50)                              # whatever the event loop still had to do
    assert plot.grab().toImage() == picture.toImage()


def test_a_long_title_in_a_narrow_dock_is_cut_and_the_plot_keeps_its_right_axis_in_sight(qtbot):
    plot = shown(qtbot, MetricPlot(), size=(230, 260))
    plot.set_task("regression")
    qtbot.wait(20)
    item, title = plot.plot_item, plot.plot_item.titleLabel
    assert item.geometry().width() <= plot.width()
    right = item.getAxis("right")
    assert right.isVisible() and right.geometry().right() <= plot.width()
    assert title.text == "R² and error"                  # its short form, whole
    assert title.toolTip() == title.full == "R² and mean absolute error"
    plot.resize(110, 260)
    qtbot.waitUntil(lambda: title.text.endswith("…"))
    assert "R² and error".startswith(title.text[:-1])
    assert item.geometry().width() <= plot.width()
    plot.resize(600, 260)
    qtbot.waitUntil(lambda: title.text == title.full)


def test_presentation_scale_keeps_the_whole_title_of_a_cut_one(qtbot):
    from nnstudio.gui.plots import base

    plot = shown(qtbot, MetricPlot(), size=(230, 260))
    plot.set_task("regression")
    try:
        base.set_scale(1.5, [plot])
        assert plot.plot_item.titleLabel.full == "R² and mean absolute error"
    finally:
        base.set_scale(1.0, [plot])


@pytest.mark.parametrize("n", [1, 2, 3, 10, 101, 1000])
@pytest.mark.parametrize("q", [0.0, 1.0, 50.0, 99.0, 99.9, 100.0])
def test_the_colour_scale_percentile_is_numpys_linear_one(n, q):
    from nnstudio.gui.plots.weights import _percentile

    a = np.abs(np.random.default_rng(n).normal(size=n))
    assert _percentile(a, q) == pytest.approx(float(np.percentile(a, q)), rel=1e-12)


def _x_labels(plot):
    """The bottom axis's tick labels as pyqtgraph draws them, with their rectangles in the widget."""
    axis = plot.plot_item.getAxis("bottom")
    return {text: plot.mapFromScene(axis.mapToScene(rect)).boundingRect() for rect, text in axis_texts(axis)}


@pytest.mark.parametrize("make, task, last", [(MetricPlot, "multiclass", "1"), (MetricPlot, "regression", "1"),
                                              (LossPlot, None, "1"), (GradientNormsPlot, None, "1")])
def test_the_last_epoch_of_a_run_keeps_its_tick_label_whole_inside_the_plot(qtbot, make, task, last):
    plot = shown(qtbot, make(), size=(315, 275))
    if task:
        plot.set_task(task)
    plot.set_x_span(0, 1)                                # a one-epoch run: its end sits on a tick
    qtbot.waitUntil(lambda: last in _x_labels(plot))
    assert plot.rect().contains(_x_labels(plot)[last])


def test_a_regression_plane_colours_points_and_surface_on_one_scale_with_a_bar_in_the_datas_units(qtbot):
    view = shown(qtbot, PredictionView(), size=(360, 300))
    rng = np.random.default_rng(2)
    X = rng.normal(size=(40, 2))
    y = (X[:, :1] * 2.0 + 1.0)                               # standardized-looking targets
    unscale = lambda t: np.asarray(t) * 50.0 + 200.0        # noqa: E731  back to thousands
    view.set_data(X[:30], y[:30], X[30:], y[30:], "regression", feature_names=["area", "age"], kind="plane",
                  unscale_y=unscale, target_name="price")
    plane = view.plane
    assert plane.plot_item.titleLabel.full == "Predicted price over the inputs"   # what the colours are
    assert plane.plot_item.titleLabel.shorter[0] == "Predicted price"
    assert not view.discretize.isVisibleTo(view)          # no classes, no regions to paint
    center, vmax = plane.scale
    assert center == pytest.approx(float(y[:30].mean()))
    assert plane.bar.isVisible()
    assert plane.bar.levels() == pytest.approx((unscale(center - vmax), unscale(center + vmax)))
    # the surface where the network predicts the largest training target: that point's own colour
    top = int(np.argmax(y[:30]))
    grid = np.full((3, 3, 1), float(y[top, 0]))
    view.on_snapshot(Snapshot(prediction={"kind": "plane", "values": grid, "xs": np.arange(3.0),
                                          "ys": np.arange(3.0)}))
    painted = plane.image.image[1, 1, :3]
    point = plane.train_points.points()[top].brush().color()
    assert tuple(int(c) for c in painted) == (point.red(), point.green(), point.blue())
    view.set_data(X, (X[:, :1] > 0).astype(float), None, None, "binary", kind="plane")
    assert not plane.bar.isVisible() and view.discretize.isVisibleTo(view)
    assert plane.plot_item.titleLabel.full == "Decision boundary"
