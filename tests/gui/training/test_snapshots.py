"""What the worker computes for the views: plan kinds, dead/saturated units, the plane in one pass,
confusion matrices, and the pictures for the canvas cards."""

import numpy as np
import pytest

from nnstudio.engine.network import Network
from nnstudio.gui.plots.histograms import badge_for
from nnstudio.gui.training import card_images, snapshots

from .conftest import mlp_spec


def test_plan_kinds_follow_the_data():
    X2, X1, X5 = np.zeros((4, 2)), np.zeros((4, 1)), np.zeros((4, 5))
    y = np.zeros((4, 1))
    assert snapshots.SnapshotPlan.build(mlp_spec(), "binary", X2, y).kind == "plane"
    assert snapshots.SnapshotPlan.build(mlp_spec(1), "regression", X1, y).kind == "curve"
    assert snapshots.SnapshotPlan.build(mlp_spec(5), "multiclass", X5, y).kind == "confusion"
    assert snapshots.SnapshotPlan.build(mlp_spec(5), "regression", X5, y).kind == "scatter"
    assert snapshots.SnapshotPlan.build(mlp_spec(1), "binary", X1, y).kind == "confusion"


def test_small_networks_get_neuron_tiles_and_big_ones_do_not():
    X = np.random.default_rng(0).normal(size=(20, 2))
    small = snapshots.SnapshotPlan.build(mlp_spec(hidden=(8, 8)), "binary", X, np.zeros((20, 1)))
    assert small.tiled == ("h0", "h1", "y")
    big = snapshots.SnapshotPlan.build(mlp_spec(hidden=(64,)), "binary", X, np.zeros((20, 1)))
    assert big.tiled == ()


def test_dead_relus_and_saturated_sigmoids_are_counted():
    spec = mlp_spec(hidden=(4,), act="relu")
    plan = snapshots.SnapshotPlan.build(spec, "binary", np.zeros((3, 2)), np.zeros((3, 1)))
    # units 0 and 2 never fire on the probe rows: half the layer is dead
    relu_out = np.array([[0.0, 1.0, 0.0, 0.5], [0.0, 0.0, 0.0, 2.0], [0.0, 3.0, 0.0, 0.0]])
    sig_out = np.array([[0.999], [0.001], [0.5]])
    acts = snapshots.activation_part(plan, {"x": np.zeros((3, 2)), "h0": relu_out, "y": sig_out})
    assert "x" not in acts
    assert acts["h0"]["dead"] == pytest.approx(0.5) and acts["h0"]["saturated"] is None
    assert acts["h0"]["counts"].sum() == relu_out.size
    # a confident output layer is saturated by design: no warning for it
    assert acts["y"]["saturated"] is None and badge_for(acts["y"]) == ("", "ok")
    assert badge_for(acts["h0"]) == ("⚠ 50% dead ReLUs", "bad")
    hidden_sigmoid = snapshots.SnapshotPlan.build(mlp_spec(hidden=(1,), act="sigmoid"), "binary",
                                                  np.zeros((3, 2)), np.zeros((3, 1)))
    acts = snapshots.activation_part(hidden_sigmoid, {"h0": sig_out})
    assert acts["h0"]["saturated"] == pytest.approx(2 / 3)
    assert badge_for(acts["h0"]) == ("⚠ 67% saturated", "warn")
    assert badge_for({"dead": 0.0, "saturated": None}) == ("", "ok")


def _plane_setup():
    """A 2-6-1 network on 50 random points: a plane plan with neuron tiles."""
    spec = mlp_spec(hidden=(6,))
    net = Network.from_config(spec, seed=1)
    X = np.random.default_rng(1).normal(size=(50, 2))
    return spec, net, snapshots.SnapshotPlan.build(spec, "binary", X, (X[:, :1] > 0).astype(float))


def test_snapshot_plane_matches_predict_and_tiles_every_neuron():
    spec, net, plan = _plane_setup()
    snap = snapshots.take(plan, net, step=3, epoch=0.5)
    pred = snap.prediction
    assert pred["kind"] == "plane" and pred["values"].shape == (64, 64, 1)
    gx, gy = np.meshgrid(pred["xs"], pred["ys"])
    expected = net.predict(np.column_stack([gx.ravel(), gy.ravel()])).reshape(64, 64, 1)
    np.testing.assert_allclose(pred["values"], expected, rtol=1e-5, atol=1e-6)
    assert snap.neurons["h0"].shape == (6, 32, 32)
    assert set(snap.weights) == {"h0", "y"}
    assert snap.weights["h0"]["kernel"] is not net.get_weights()["h0"]["kernel"]   # copies
    images = card_images.overlays(snap, spec)
    assert set(images) == {"h0", "y"}
    assert images["h0"].width() == card_images.SIZE and images["h0"].height() == card_images.SIZE


def test_confusion_matrix_counts_held_out_predictions():
    spec = mlp_spec(inputs=3, hidden=(4,), outputs=3, out_act="softmax")
    net = Network.from_config(spec, seed=0)
    X = np.random.default_rng(2).normal(size=(30, 3))
    y = np.arange(30) % 3
    plan = snapshots.SnapshotPlan.build(spec, "multiclass", X[:20], y[:20], X[20:], y[20:], n_classes=3)
    part = snapshots.prediction_part(plan, net, None)
    assert part["kind"] == "confusion" and part["which"] == "validation"
    m = part["matrix"]
    assert m.shape == (3, 3) and m.sum() == 10
    assert list(m.sum(axis=1)) == list(np.bincount(y[20:], minlength=3))
    pred = np.argmax(net.predict(X[20:]), axis=1)
    assert np.trace(m) == int(np.sum(pred == y[20:]))


def test_gradient_norms_per_layer():
    spec = mlp_spec(hidden=(3,))
    net = Network.from_config(spec, seed=0)
    X = np.random.default_rng(3).normal(size=(8, 2))
    y = (X[:, :1] > 0).astype(float)
    net.fit(X, y, "binary_crossentropy", epochs=1, batch_size=8)
    norms = snapshots.gradient_norms(net)
    expected = np.sqrt(sum(np.sum(np.asarray(g) ** 2) for k, g in net.last_gradients.items()
                           if k.startswith("h0/")))
    assert norms["h0"] == pytest.approx(expected)
    assert set(norms) == {"h0", "y"}


def test_optional_parts_are_computed_only_when_asked_for():
    spec, net, plan = _plane_setup()
    full = snapshots.take(plan, net, step=1, epoch=0.1)
    assert full.weight_hist is not None and set(full.activations) == {"h0", "y"}
    lean = snapshots.take(plan, net, step=1, epoch=0.1, parts=frozenset())
    assert lean.weight_hist is None and lean.activations is None
    assert set(lean.weights) == {"h0", "y"} and lean.prediction["kind"] == "plane"   # the rest stays
