"""Sequence data: windows of a series for forecasting, the memory task, chronological splits, scaling."""

import json

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data.sequences import windows


def test_windows_pair_each_stretch_with_the_value_horizon_steps_later():
    series = np.arange(10.0)
    X, y = windows(series, window=3, horizon=2)
    assert X.shape == (6, 3, 1) and y.shape == (6,)
    np.testing.assert_array_equal(X[0, :, 0], [0, 1, 2])
    np.testing.assert_array_equal(y, [4, 5, 6, 7, 8, 9])  # 2 steps after each window's last value
    X2, y2 = windows(np.c_[series, -series], window=4, horizon=1)
    assert X2.shape == (6, 4, 2)
    np.testing.assert_array_equal(y2, [4, 5, 6, 7, 8, 9])  # the first feature is forecast


def test_sine_windows_are_one_series_in_time_order():
    ds = data.generate("sine_windows", n_samples=50, window=8, horizon=1, noise=0.0, seed=0)
    assert ds.X.shape == (50, 8, 1) and ds.task == "regression" and ds.chronological
    # consecutive windows overlap by all but one step, and each target is the next window's last value
    np.testing.assert_allclose(ds.X[1:, :-1, 0], ds.X[:-1, 1:, 0])
    np.testing.assert_allclose(ds.y[:-1], ds.X[1:, -1, 0])
    assert ds.describe() == "50 sequences of 8 steps, 1 feature per step, regression target 'value 1 step ahead'"
    assert ds.source == json.loads(json.dumps(ds.source))
    again = data.from_source(ds.source)
    assert again.chronological
    np.testing.assert_array_equal(again.X, ds.X)


def test_a_chronological_split_keeps_time_order_whatever_the_seed():
    ds = data.generate("sine_windows", n_samples=100, seed=1)
    for seed in (0, 7):
        train, val, test = ds.split(val=0.2, test=0.1, seed=seed)
        np.testing.assert_array_equal(train.indices, np.arange(70))
        np.testing.assert_array_equal(val.indices, np.arange(70, 90))
        np.testing.assert_array_equal(test.indices, np.arange(90, 100))
        assert val.split_info["chronological"] and train.chronological


def test_splits_of_other_data_still_shuffle():
    ds = data.generate("sine", n_samples=100, seed=1)
    assert not ds.chronological
    _, val, _ = ds.split(val=0.2, seed=0)
    assert not np.array_equal(val.indices, np.arange(80, 100)) and "chronological" not in val.split_info


def test_memory_marks_the_value_its_label_asks_for():
    ds = data.generate("memory", n_samples=200, lag=12, noise=0.5, seed=0)
    assert ds.X.shape == (200, 22, 2) and ds.task == "binary" and not ds.chronological
    marks = ds.X[:, :, 1]
    assert (marks.sum(axis=1) == 1).all() and (marks[:, 10:] == 0).all()  # one mark, in the first 10 steps
    marked = ds.X[:, :, 0][marks == 1]
    np.testing.assert_array_equal(marked > 0, ds.y == 1)
    assert np.abs(marked).min() >= 0.2  # the remembered value is never ambiguous
    assert np.abs(ds.X[:, :, 0]).max() <= 1.0
    assert ds.class_counts().tolist() == [100, 100]


@pytest.mark.parametrize("scale", ["standard", "minmax"])
def test_sequences_are_scaled_per_feature_over_every_timestep(scale):
    ds = data.generate("memory", n_samples=100, lag=5, seed=0)
    prep = data.Preprocessor(scale=scale).fit(ds)
    X, _ = prep.transform(ds)
    assert X.shape == ds.X.shape
    flat = X.reshape(-1, 2)
    if scale == "standard":
        np.testing.assert_allclose(flat.mean(axis=0), 0, atol=1e-12)
        np.testing.assert_allclose(flat.std(axis=0), 1)
    else:
        np.testing.assert_allclose(flat.min(axis=0), 0)
        np.testing.assert_allclose(flat.max(axis=0), 1)
