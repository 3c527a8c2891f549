import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnstudio import data
from nnstudio.data import DataError, Dataset


def _toy(task="multiclass", n=100):
    X = np.arange(2 * n, dtype=float).reshape(n, 2)
    if task == "regression":
        return Dataset(X, np.linspace(0, 1, n), ["a", "b"], "t", task, None, {"kind": "test"})
    k = 2 if task == "binary" else 3
    y = np.r_[np.zeros(n // 2), np.arange(n - n // 2) % (k - 1) + 1].astype(int)  # unbalanced classes
    return Dataset(X, y, ["a", "b"], "t", task, [f"c{i}" for i in range(k)], {"kind": "test"})


def test_properties_and_describe():
    ds = data.generate("spiral", n_samples=400, noise=0.1, classes=3, seed=0)
    assert ds.n_classes == 3 and ds.input_shape == (2,) and len(ds) == 400
    assert ds.describe() == "400 samples, 2 features, 3 classes"
    reg = data.generate("sine", n_samples=1)
    assert reg.n_classes is None and reg.describe() == "1 sample, 1 feature, regression target 'y'"


def test_head_gives_rows_with_original_labels():
    ds = data.load_builtin("iris")
    rows = ds.head(3)
    assert len(rows) == 3 and rows[0] == [5.1, 3.5, 1.4, 0.2, "setosa"]
    assert ds.columns == [*ds.feature_names, "species"]
    assert data.generate("plane", n_samples=5).head(10)[4][-1] == pytest.approx(
        data.generate("plane", n_samples=5).y[4])


def test_split_sizes_and_disjoint_cover():
    ds = _toy()
    train, val, test = ds.split(val=0.15, test=0.15, seed=0)
    assert (len(train), len(val), len(test)) == (70, 15, 15)
    rows = np.concatenate([train.indices, val.indices, test.indices])
    assert sorted(rows.tolist()) == list(range(100))
    np.testing.assert_array_equal(val.X, ds.X[val.indices])
    assert train.source == ds.source and train.class_names == ds.class_names
    assert val.split_info == {"val": 0.15, "test": 0.15, "stratify": True, "seed": 0, "part": "val"}


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_stratification_keeps_class_proportions(seed):
    ds = _toy(n=200)
    share = ds.class_counts() / len(ds)
    for part in ds.split(val=0.2, test=0.2, stratify=True, seed=seed):
        np.testing.assert_allclose(part.class_counts() / len(part), share, atol=0.03)


def test_unstratified_split_differs_and_same_seed_same_split():
    ds = _toy(n=200)
    a = ds.split(val=0.2, test=0.2, stratify=False, seed=3)
    b = ds.split(val=0.2, test=0.2, stratify=False, seed=3)
    c = ds.split(val=0.2, test=0.2, stratify=False, seed=4)
    for p, q in zip(a, b):
        np.testing.assert_array_equal(p.indices, q.indices)
    assert not np.array_equal(a[2].indices, c[2].indices)
    assert a[0].split_info["stratify"] is False


def test_regression_split_and_empty_parts():
    ds = _toy("regression", n=10)
    train, val, test = ds.split(test=0.3, seed=0)
    assert (len(train), len(val), len(test)) == (7, 0, 3)
    assert val.X.shape == (0, 2) and val.split_info["stratify"] is False
    train, val, test = ds.split()
    assert len(train) == 10 and len(val) == len(test) == 0


@pytest.mark.parametrize("kwargs, words", [
    ({"val": 0.5, "test": 0.5}, "leave no training data"),
    ({"val": -0.1}, "val fraction must be at least 0"),
    ({"test": 1.0}, "test fraction must be at least 0 and below 1"),
])
def test_bad_split_fractions(kwargs, words):
    with pytest.raises(DataError, match=words):
        _toy().split(**kwargs)


def test_too_few_samples_to_split():
    tiny = data.generate("xor")
    with pytest.raises(DataError, match="4 samples are too few"):
        tiny.split(val=0.4, test=0.4)


@pytest.mark.parametrize("args, words", [
    ((np.zeros(3), np.zeros(3), [], "t", "binary", ["a", "b"]), "must be a table"),
    ((np.zeros((3, 1)), np.zeros(3), ["a"], "t", "ordinal", None), "Unknown task 'ordinal'"),
    ((np.zeros((3, 1)), np.zeros(3), ["a"], "t", "binary", ["a", "b", "c"]), "exactly 2 classes"),
    ((np.zeros((3, 1)), np.array([0, 1, 3]), ["a"], "t", "multiclass", ["a", "b", "c"]), "lie in 0..2"),
    ((np.zeros((3, 1)), np.zeros(4), ["a"], "t", "regression", None), "3 rows but the targets have 4"),
    ((np.zeros((3, 2)), np.zeros(3), ["a"], "t", "regression", None), "2 feature columns but 1"),
])
def test_inconsistent_datasets_are_refused(args, words):
    with pytest.raises(DataError, match=words):
        Dataset(*args)


@settings(max_examples=60, deadline=None)
@given(counts=st.lists(st.integers(1, 40), min_size=2, max_size=6), val=st.sampled_from([0.0, 0.1, 0.2]),
       test=st.sampled_from([0.0, 0.15, 0.3]), seed=st.integers(0, 99))
def test_stratified_split_sizes_are_exact_and_shares_within_one(counts, val, test, seed):
    y = np.repeat(np.arange(len(counts)), counts)
    n = len(y)
    ds = Dataset(np.zeros((n, 1)), y, ["a"], "t", "multiclass" if len(counts) > 2 else "binary",
                 [str(c) for c in range(len(counts))])
    n_test = 0 if test == 0 else max(1, round(n * test))
    n_val = 0 if val == 0 else max(1, round(n * val))
    if n - n_test - n_val < 1:
        return
    train, v, t = ds.split(val=val, test=test, seed=seed)
    assert (len(v), len(t), len(train)) == (n_val, n_test, n - n_val - n_test)
    for part, size in ((t, n_test), (v, n_val)):
        if size:
            ideal = np.array(counts) * size / n
            assert np.all(np.abs(part.class_counts() - ideal) < 1 + 1e-9 + (part is v))


def test_a_subset_of_consecutive_rows_is_a_view_and_others_a_copy():
    ds = Dataset(np.arange(20.0).reshape(10, 2), np.arange(10) % 2, ["a", "b"], "y", "binary", ["n", "p"])
    run, scattered = ds.subset(np.arange(3, 8)), ds.subset(np.array([1, 4, 5]))
    assert np.shares_memory(run.X, ds.X) and not np.shares_memory(scattered.X, ds.X)
    assert np.array_equal(run.X, ds.X[3:8]) and np.array_equal(scattered.X, ds.X[[1, 4, 5]])
    assert list(run.indices) == [3, 4, 5, 6, 7] and list(run.y) == [1, 0, 1, 0, 1]
    assert len(ds.subset(np.array([], dtype=np.int64))) == 0
