"""The plot widgets on their own: curves (crosshair, log scale, redraw limit), the four prediction pictures,
weights heatmap and conv filter mosaic, histograms with badges."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from nnstudio.engine.network import Network
from nnstudio.gui.plots.curves import LossPlot, MetricPlot, first_running_batch
from nnstudio.gui.plots.histograms import ActivationHistograms
from nnstudio.gui.plots.prediction import ConfusionView, PredictionView
from nnstudio.gui.plots.weights import FilterGrid, WeightsHeatmap, filter_mosaic, kernel_matrix
from nnstudio.gui.training import snapshots
from nnstudio.gui.training.snapshots import Snapshot
from nnstudio.gui.training.views import LiveViews

from .conftest import make_job, mlp_spec, progress_record


def progress(epoch, loss, val):
    return progress_record(position=float(epoch), batch_points=([float(epoch)], [loss]), batches_per_epoch=4,
                           epochs=[(epoch, {"loss": loss, "val_loss": val, "accuracy": 1 - loss,
                                            "val_accuracy": 1 - val})])


def test_loss_curves_crosshair_and_log_scale(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    for e in range(1, 6):
        plot.on_progress(progress(e, 1.0 / e, 1.2 / e))
    plot.redraw(force=True)
    assert plot.series["loss"].n == 5 and plot.series["batch"].n == 5
    text = plot.readout_at(2.1)
    assert text.splitlines()[0] == "epoch 2.10"
    assert "train: 0.5" in text and "validation: 0.6" in text
    x, y = plot.items["val_loss"].getData()
    np.testing.assert_allclose(y, 1.2 / np.arange(1, 6))
    plot.log_action.setChecked(True)
    assert plot.plot_item.ctrl.logYCheck.isChecked()
    assert len(plot.items["loss"].getData()[0]) == 5


def test_curves_redraw_at_most_ten_times_a_second_but_never_lose_points(qtbot):
    plot = MetricPlot()
    qtbot.addWidget(plot)
    before = plot.updates
    for e in range(1, 31):
        plot.on_progress(progress(e, 0.5, 0.6))
    assert plot.updates - before <= 2                      # thirty updates in a moment: drawn once or twice
    qtbot.waitUntil(lambda: plot.items["val_accuracy"].getData()[0] is not None
                    and len(plot.items["val_accuracy"].getData()[0]) == 30, timeout=2000)


def test_accuracy_plot_draws_the_unfinished_epochs_running_accuracy(qtbot):
    # a first epoch of minutes (MNIST) left the accuracy plot empty until it ended
    plot = MetricPlot()
    qtbot.addWidget(plot)
    plot.on_progress(progress_record(position=0.5, batches_per_epoch=20, running_points=([0.25, 0.5],
                                                                                         {"accuracy": [0.1, 0.3]})))
    plot.redraw(force=True)
    np.testing.assert_array_equal(plot.series["running_accuracy"].data()[0], [0.25, 0.5])
    plot.on_progress(progress_record(position=1.5, batches_per_epoch=20, epochs=[(1, {"accuracy": 0.5})],
                                     running_points=([1.0, 1.25, 1.5], {"accuracy": [0.5, 0.7, 0.75]})))
    plot.redraw(force=True)
    x, y = plot.series["running_accuracy"].data()
    # epoch 1 has its point: its running values went; epoch 2's (1.25, 1.5) are drawn
    np.testing.assert_array_equal(x, [1.25, 1.5])
    np.testing.assert_array_equal(y, [0.7, 0.75])
    assert plot.items["running_accuracy"].name() == "train (epoch so far)"
    header, rows = plot._csv()
    assert [r[1] for r in rows if r[0] == "train (epoch so far)"] == [1.25, 1.5]
    plot.set_x_span(0, 10)                                 # a fixed span clips to the view: epoch 2 stays drawn
    plot.redraw(force=True)
    drawn_x, _ = plot.items["running_accuracy"].getData()
    assert 1.5 in list(drawn_x)
    assert "train (epoch so far): 0.7" in plot.readout_at(1.3)
    plot.on_progress(progress_record(position=3.0, batches_per_epoch=1,
                                     running_points=([3.0], {"accuracy": [0.9]})))
    assert plot.series["running_accuracy"].n == 2          # one batch an epoch: the epoch points say it all
    plot.set_task("regression")
    assert "running_accuracy" not in plot.series


def test_the_running_accuracy_waits_for_a_tenth_of_the_epoch_and_five_batches(qtbot):
    # over an epoch's first batches alone it jumped about: a saw-tooth at the start of every epoch
    plot = MetricPlot()
    qtbot.addWidget(plot)
    xs = [b / 20 for b in range(1, 21)]
    plot.add_progress(progress_record(position=xs[-1], batches_per_epoch=20,
                                     running_points=(xs, {"accuracy": [0.9 if round(x * 20) % 20 in (1, 2, 3, 4)
                                                                       else 0.5 for x in xs]})))
    x, y = plot.series["running_accuracy"].data()
    np.testing.assert_allclose(x, [b / 20 for b in range(5, 21)])
    assert (y == 0.5).all()
    xs = [1 + b / 20 for b in range(1, 7)]
    plot.add_progress(progress_record(position=xs[-1], batches_per_epoch=20, epochs=[(1, {"accuracy": 0.5})],
                                     running_points=(xs, {"accuracy": [0.9, 0.9, 0.9, 0.9, 0.5, 0.5]})))
    x, y = plot.series["running_accuracy"].data()
    np.testing.assert_allclose(x, [1.25, 1.3])
    assert (y == 0.5).all()
    assert first_running_batch(600) == 60 and first_running_batch(10) == 5 and first_running_batch(9) is None
    short = MetricPlot()                                   # 8 batches an epoch: the epoch points suffice
    qtbot.addWidget(short)
    short.add_progress(progress_record(position=1.0, batches_per_epoch=8,
                                      running_points=([b / 8 for b in range(1, 9)], {"accuracy": [0.5] * 8})))
    assert short.series["running_accuracy"].n == 0


def test_the_accuracy_axis_stays_within_zero_and_one_and_r2_within_minus_one_and_one(qtbot):
    # one point (the first batch's running accuracy, 0.1) opened the axis to -0.4 .. 0.6
    plot = MetricPlot()
    qtbot.addWidget(plot)
    plot.on_progress(progress_record(position=0.25, batches_per_epoch=20, running_points=([0.25], {"accuracy": [0.1]})))
    plot.redraw(force=True)
    lo, hi = plot.plot_item.getViewBox().viewRange()[1]
    assert -0.03 <= lo < 0.1 < hi <= 1.03
    plot.set_task("regression")
    plot.on_progress(progress_record(epochs=[(1, {"r2": -3.0, "val_r2": -2.0, "mae": 1.0, "val_mae": 1.2})]))
    plot.redraw(force=True)
    lo, hi = plot.plot_item.getViewBox().viewRange()[1]
    assert -1.1 < lo < -1.0 and 1.0 < hi < 1.1          # below −1 is off the chart (far worse than the mean)


def test_metric_plot_switches_to_regression_metrics(qtbot):
    plot = MetricPlot()
    qtbot.addWidget(plot)
    plot.set_task("regression")
    assert set(plot.series) == {"mae", "val_mae", "r2", "val_r2"}     # RMSE too made six lines on two axes
    plot.on_progress(progress_record(epochs=[(1, {"mae": 0.5, "val_mae": 0.7, "r2": 0.8, "val_r2": 0.6})]))
    plot.redraw(force=True)
    assert plot.series["val_r2"].data()[1].tolist() == [0.6]


def test_the_first_epoch_shows_as_a_dot_until_a_line_can_be_drawn(qtbot):
    plot = MetricPlot()
    qtbot.addWidget(plot)
    plot.on_progress(progress(1, 0.5, 0.6))
    plot.redraw(force=True)
    assert plot.items["val_accuracy"].opts["symbol"] == "o"        # one point: a line would be invisible
    plot.on_progress(progress(2, 0.4, 0.5))
    plot.redraw(force=True)
    assert plot.items["val_accuracy"].opts["symbol"] is None
    plot.reset()
    assert plot.items["val_accuracy"].opts["symbol"] is None


def _snapshot(spec, task, X, y, Xv=None, yv=None, k=0):
    net = Network.from_config(spec, seed=0)
    plan = snapshots.SnapshotPlan.build(spec, task, X, y, Xv, yv, k)
    return plan, snapshots.take(plan, net, step=1, epoch=1.0), net


def test_one_input_regression_shows_the_fitted_curve(qtbot):
    X = np.linspace(-3, 3, 40)[:, None]
    y = np.sin(X)
    plan, snap, net = _snapshot(mlp_spec(inputs=1, out_act="linear"), "regression", X, y)
    view = PredictionView()
    qtbot.addWidget(view)
    view.set_data(X, y, None, None, "regression", kind=plan.kind)
    view.on_snapshot(snap)
    assert view.kind == "curve" and view.stack.currentWidget() is view.curve
    cx, cy = view.curve.curve.getData()
    np.testing.assert_allclose(cy, net.predict(cx[:, None]).ravel(), rtol=1e-5, atol=1e-6)
    assert not view.discretize.isVisibleTo(view)


def test_other_regression_shows_predicted_against_true(qtbot):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), rng.normal(size=(30, 1))
    plan, snap, net = _snapshot(mlp_spec(inputs=3, out_act="linear"), "regression", X[:20], y[:20], X[20:], y[20:])
    view = PredictionView()
    qtbot.addWidget(view)
    view.on_snapshot(snap)
    assert view.kind == "scatter"
    t, p = view.scatter.points.getData()
    np.testing.assert_allclose(t, y[20:, 0])
    np.testing.assert_allclose(p, net.predict(X[20:]).ravel(), rtol=1e-5, atol=1e-6)


def test_plane_discretize_paints_two_flat_colours(qtbot):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 2))
    y = (X[:, :1] > 0).astype(float)
    plan, snap, _ = _snapshot(mlp_spec(), "binary", X, y)
    view = PredictionView()
    qtbot.addWidget(view)
    view.set_data(X, y, None, None, "binary", kind=plan.kind)
    view.on_snapshot(snap)
    smooth = view.plane.image.image.copy()
    view.discretize.setChecked(True)
    flat = view.plane.image.image
    assert len(np.unique(flat.reshape(-1, 4), axis=0)) <= 2 < len(np.unique(smooth.reshape(-1, 4), axis=0))


def test_weights_heatmap_and_filter_mosaic(qtbot):
    k = np.arange(3 * 3 * 2 * 5, dtype=float).reshape(3, 3, 2, 5)
    assert kernel_matrix(k).shape == (18, 5)
    mosaic = filter_mosaic(k)
    assert mosaic.shape == (2 * 3 + 1, 3 * 3 + 2)               # 5 filters: 2 rows of 3, 1-px gaps
    np.testing.assert_allclose(mosaic[:3, :3], k[:, :, :, 0].mean(axis=2))
    assert np.isnan(mosaic[3, 0])
    heat = WeightsHeatmap()
    qtbot.addWidget(heat)
    heat.set_layers([("h", "h (Dense)")])
    heat.on_snapshot(Snapshot(weights={"h": {"kernel": np.array([[1.0, -2.0], [0.5, 0.0]])}}))
    assert heat.image.image.shape == (2, 2)
    assert f"±{heat.limit:.3g}" in heat.view.plot_item.titleLabel.text
    grid = FilterGrid()
    qtbot.addWidget(grid)
    grid.set_layers([("c", "c (Conv2D)")])
    grid.on_snapshot(Snapshot(weights={"c": {"kernel": k}}))
    assert grid.image.image.shape[:2] == mosaic.shape
    assert "c (Conv2D): 5 filters" in grid.view.plot_item.titleLabel.text
    grid.on_snapshot(Snapshot(weights={"c": {"kernel": k[..., :1]}}))
    assert "c (Conv2D): 1 filter" in grid.view.plot_item.titleLabel.text         # one, not "1 filters"


def test_activation_badges_show_in_the_layer_title(qtbot):
    hist = ActivationHistograms()
    qtbot.addWidget(hist)
    hist.set_layers([("h", "h (Dense)")])
    edges = np.linspace(0, 1, 31)
    hist.on_snapshot(Snapshot(activations={"h": {"counts": np.ones(30), "edges": edges, "dead": 0.75,
                                                 "saturated": None}}))
    assert "75% dead ReLUs" in hist.plots["h"].titleLabel.text
    hist.on_snapshot(Snapshot(activations={"h": {"counts": np.ones(30), "edges": edges, "dead": 0.0,
                                                 "saturated": None}}))
    assert "dead" not in hist.plots["h"].titleLabel.text


def test_live_views_draw_only_in_frames(qtbot):
    views = LiveViews()
    qtbot.addWidget(views.loss)
    views.begin(make_job(epochs=4), fresh=True)
    before = views.loss.updates
    views.on_progress(progress_record(position=1.5, batch_points=([1.5], [0.7]), batches_per_epoch=5,
                                      epochs=[(1, {"loss": 0.8})]))
    assert views.loss.updates == before            # stored, not drawn
    views.frame()
    assert views.loss.updates == before + 1
    xs, ys = views.loss.series["loss"].data()
    np.testing.assert_allclose(xs, [1]); np.testing.assert_allclose(ys, [0.8])


def test_confusion_matrix_counts_are_drawn_in_their_cells(qtbot):
    view = ConfusionView()
    qtbot.addWidget(view)
    view.resize(360, 360)
    view.show()
    view.set_classes(["cat", "dog", "fox"])
    m = np.array([[8, 1, 0], [2, 5, 0], [0, 0, 0]])
    view.on_prediction({"matrix": m, "which": "validation"})
    # a mistake never made is left blank, so the few made stand out; the diagonal keeps its 0
    assert view.labels.texts == ["8", "1", "", "2", "5", "", "", "", "0"]
    # white on the strong colour of a cell holding most of its class, dark elsewhere
    assert view.labels.light == [True, False, False, False, True, False, False, False, False]
    image = view.grab().toImage()
    vb = view.plot_item.getViewBox()

    def dark_pixels(i, j):
        centre = view.mapFromScene(vb.mapViewToScene(QPointF(j + 0.5, i + 0.5)))
        return sum(image.pixelColor(centre.x() + dx, centre.y() + dy).lightness() < 90
                   for dx in range(-4, 5) for dy in range(-6, 7))
    assert dark_pixels(0, 1) > 0            # the "1" is drawn, dark on a pale cell
    view.on_prediction({"matrix": np.zeros((3, 3), dtype=int), "which": "validation"})
    assert view.labels.texts == ["0", "", "", "", "0", "", "", "", "0"]


def test_counts_too_large_for_their_cells_are_left_out_rather_than_run_together(qtbot):
    view = ConfusionView()
    qtbot.addWidget(view)
    view.set_classes([str(i) for i in range(10)])
    view.on_prediction({"matrix": np.full((10, 10), 100), "which": "validation"})
    view.resize(230, 150)
    view.show()
    qtbot.waitExposed(view)

    def readable():
        return view.labels.readable(view.labels.deviceTransform(view.viewportTransform()))
    assert not readable()
    view.resize(700, 700)
    qtbot.waitUntil(readable)


def test_counts_grow_with_presentation_mode(qtbot):
    from nnstudio.gui.plots import base
    from nnstudio.gui.plots.prediction import _scaled

    view = ConfusionView()
    qtbot.addWidget(view)
    view.set_classes(["a", "b", "c"])
    normal = _scaled(view.labels.font).pointSizeF()
    try:
        base.set_scale(1.4, [view])
        assert _scaled(view.labels.font).pointSizeF() == pytest.approx(normal * 1.4)
    finally:
        base.set_scale(1.0, [view])
    assert _scaled(view.labels.font).pointSizeF() == pytest.approx(normal)


def test_predicted_against_true_reads_in_the_datas_own_units(qtbot):
    from nnstudio.gui.plots.prediction import PredVsTrueView

    view = PredVsTrueView()
    qtbot.addWidget(view)
    view.set_unscale(lambda y: np.asarray(y) * 10.0 + 350.0)       # standardized -> ppm
    view.on_prediction({"y_true": np.array([-1.0, 0.0, 1.0]), "y_pred": np.array([-0.5, 0.0, 0.5]),
                        "which": "validation"})
    x, y = view.points.getData()
    np.testing.assert_allclose(x, [340.0, 350.0, 360.0])
    np.testing.assert_allclose(y, [345.0, 350.0, 355.0])
    assert view.plot_item.titleLabel.full == "Predicted vs true (validation data)"


def test_the_confusion_title_names_the_part_in_words_a_translation_can_change(qtbot):
    view = ConfusionView()
    qtbot.addWidget(view)
    view.set_classes(["a", "b"])
    view.on_prediction({"matrix": np.array([[3, 1], [0, 4]]), "which": "training"})
    assert view.plot_item.titleLabel.full == "87.5% right (training)"


def _legend_names(plot):
    return [label.text for _sample, label in plot.legend.items]


def test_the_legends_name_only_the_curves_a_session_draws(qtbot):
    # the perceptron on XOR (no validation data, 4 batches an epoch) listed "validation" and
    # "train (epoch so far)" beside curves that never came
    loss, metric = LossPlot(), MetricPlot()
    for plot in (loss, metric):
        qtbot.addWidget(plot)
    metric.set_task("binary")
    assert _legend_names(loss) == ["train (batches)", "train", "validation"]    # before any session: all
    loss.expect_session(validation=False, batches_per_epoch=4)
    metric.expect_session(validation=False, batches_per_epoch=4)
    assert _legend_names(loss) == ["train (batches)", "train"]
    assert _legend_names(metric) == ["train accuracy"]
    loss.expect_session(validation=False, batches_per_epoch=1)                 # full batch: no batch line
    assert _legend_names(loss) == ["train"]
    metric.expect_session(validation=True, batches_per_epoch=600)               # MNIST
    assert _legend_names(metric) == ["train accuracy", "validation accuracy"]
    metric.add_progress(progress_record(position=0.2, batches_per_epoch=600,    # one value alone draws nothing
                                        running_points=([0.1], {"accuracy": [0.4]})))
    metric.redraw(force=True)
    assert "train (epoch so far)" not in _legend_names(metric)
    metric.add_progress(progress_record(position=0.3, batches_per_epoch=600,    # a piece of line: named
                                        running_points=([0.2], {"accuracy": [0.5]})))
    metric.redraw(force=True)
    assert _legend_names(metric) == ["train accuracy", "validation accuracy", "train (epoch so far)"]
    loss.add_progress(progress_record(epochs=[(1, {"loss": 0.5, "val_loss": 0.6})]))   # points it was not told of
    loss.redraw(force=True)
    assert _legend_names(loss) == ["train", "validation"]
    metric.set_task("regression")                                               # another task: all its series
    assert len(_legend_names(metric)) == 4
