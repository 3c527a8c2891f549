"""Metrics: accuracy (binary threshold, multiclass argmax, integer or one-hot targets), MAE, R^2, and the
batch accumulator that makes an epoch's metric equal the metric over all its samples."""

import numpy as np
import pytest

from nnstudio.engine.metrics import METRICS, Accumulator, accuracy, mae, predicted_classes, r2, rmse
from nnstudio.engine.training import History


def test_binary_accuracy_thresholds_at_one_half():
    p = np.array([[0.2], [0.51], [0.5], [0.9]])
    assert predicted_classes(p, "binary").ravel().tolist() == [0, 1, 0, 1]
    assert accuracy(p, np.array([0, 1, 1, 1]), "binary") == 0.75


def test_multiclass_accuracy_with_integer_or_one_hot_targets():
    p = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.1, 0.1, 0.8]])
    y = np.array([1, 2, 2])
    assert accuracy(p, y, "multiclass") == pytest.approx(2 / 3)
    assert accuracy(p, np.eye(3)[y], "multiclass") == pytest.approx(2 / 3)


def test_regression_metrics_match_their_definitions():
    rng = np.random.default_rng(0)
    t = rng.normal(size=(30, 2))
    p = t + rng.normal(scale=0.3, size=(30, 2))
    assert mae(p, t) == pytest.approx(np.abs(p - t).mean())
    per_col = 1 - ((p - t) ** 2).sum(0) / ((t - t.mean(0)) ** 2).sum(0)
    assert r2(p, t) == pytest.approx(per_col.mean())
    assert r2(np.ones((4, 1)), np.ones((4, 1))) == 1.0  # constant target predicted exactly
    assert r2(np.zeros((4, 1)), np.ones((4, 1))) == 0.0


@pytest.mark.parametrize("kind", ["binary", "multiclass", "regression"])
def test_accumulating_batches_equals_the_whole(kind):
    rng = np.random.default_rng(1)
    if kind == "binary":
        p, t = rng.uniform(size=(50, 1)), rng.integers(0, 2, size=(50, 1)).astype(float)
    elif kind == "multiclass":
        p, t = rng.uniform(size=(50, 4)), rng.integers(0, 4, size=50)
    else:
        p, t = rng.normal(size=(50, 3)), rng.normal(size=(50, 3))
    whole = Accumulator(kind)
    whole.update(p, t)
    parts = Accumulator(kind)
    for i in range(0, 50, 7):
        parts.update(p[i:i + 7], t[i:i + 7])
    for key, value in whole.result().items():
        assert parts.result()[key] == pytest.approx(value, rel=1e-12)


def test_history_round_trips_through_plain_data():
    h = History()
    h.append(0, {"loss": 1.0, "accuracy": 0.5})
    h.append(1, {"loss": 0.5, "accuracy": 0.75})
    again = History.from_dict(h.to_dict())
    assert again.history == h.history and again.epoch == [0, 1]


def test_metrics_from_logits_match_metrics_from_probabilities():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(40, 1))
    t = rng.integers(0, 2, size=(40, 1)).astype(float)
    a, b = Accumulator("binary"), Accumulator("binary")
    a.update(z, t, logits=True)
    b.update(1 / (1 + np.exp(-z)), t)
    assert a.result() == b.result()
    z3, k = rng.normal(size=(40, 3)), rng.integers(0, 3, size=40)
    a, b = Accumulator("multiclass"), Accumulator("multiclass")
    a.update(z3, k, logits=True)
    b.update(np.exp(z3) / np.exp(z3).sum(1, keepdims=True), k)
    assert a.result() == b.result()


def test_rmse_is_the_root_of_the_mean_squared_error_and_accumulates():
    rng = np.random.default_rng(3)
    p, t = rng.normal(size=(50, 2)), rng.normal(size=(50, 2))
    assert rmse(p, t) == pytest.approx(np.sqrt(((p - t) ** 2).mean()), rel=1e-14)
    assert rmse(np.array([[1.0], [3.0]]), np.array([1.0, 0.0])) == pytest.approx(np.sqrt(4.5))  # flat targets
    acc = Accumulator("regression")
    for lo in range(0, 50, 7):  # uneven batches sum to the whole epoch's figure
        acc.update(p[lo:lo + 7], t[lo:lo + 7])
    assert acc.result()["rmse"] == pytest.approx(rmse(p, t), rel=1e-12)
    assert METRICS["regression"] == ("mae", "rmse", "r2") and set(acc.result()) == set(METRICS["regression"])
