import json

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import DataError, Dataset, Preprocessor


def _table(X, y=None, task="regression"):
    X = np.asarray(X, dtype=float)
    y = np.zeros(len(X)) if y is None else y
    names = None if task == "regression" else ["a", "b", "c"][: int(np.max(y)) + 1]
    return Dataset(X, y, [f"f{i}" for i in range(X.shape[1])], "t", task, names)


def test_standard_scaling_is_fitted_on_train_only():
    ds = data.load_builtin("wine")
    train, _, test = ds.split(test=0.3, seed=0)
    prep = Preprocessor(scale="standard").fit(train)
    Xtr, _ = prep.transform(train)
    np.testing.assert_allclose(Xtr.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Xtr.std(axis=0), 1, atol=1e-12)
    Xte, _ = prep.transform(test)
    np.testing.assert_allclose(Xte, (test.X - train.X.mean(0)) / train.X.std(0))
    assert not np.allclose(Xte.mean(axis=0), 0, atol=1e-3)     # test statistics were not used


def test_minmax_scaling_and_constant_columns():
    ds = _table([[1, 5, 7], [3, 5, 9], [2, 5, 8]])
    X, _ = Preprocessor(scale="minmax").fit(ds).transform(ds)
    np.testing.assert_allclose(X, [[0, 0, 0], [1, 0, 1], [0.5, 0, 0.5]])
    X, _ = Preprocessor(scale="standard").fit(ds).transform(ds)
    assert np.isfinite(X).all() and (X[:, 1] == 0).all()
    X, _ = Preprocessor(scale=None).fit(ds).transform(ds)
    np.testing.assert_array_equal(X, ds.X)


def test_target_encodings_follow_the_engine_losses():
    binary = data.generate("moons", n_samples=10)
    _, y = Preprocessor().fit(binary).transform(binary)
    assert y.shape == (10, 1) and y.dtype == np.float64 and set(y.ravel()) == {0.0, 1.0}
    multi = data.load_builtin("iris")
    _, y = Preprocessor().fit(multi).transform(multi)
    assert y.shape == (150,) and y.dtype == np.int64
    _, y = Preprocessor(one_hot=True).fit(multi).transform(multi)
    assert y.shape == (150, 3) and (y.sum(axis=1) == 1).all() and y[-1].tolist() == [0, 0, 1]
    reg = data.generate("sine", n_samples=10)
    _, y = Preprocessor().fit(reg).transform(reg)
    assert y.shape == (10, 1) and y.dtype == np.float64
    np.testing.assert_array_equal(y.ravel(), reg.y)


def test_images_are_scaled_to_unit_range():
    ds = data.load_builtin("digits", as_images=True)
    X, y = Preprocessor().fit(ds).transform(ds)
    assert X.shape == (1797, 8, 8, 1) and X.min() == 0 and X.max() == 1
    np.testing.assert_allclose(X, ds.X / 16)
    X, _ = Preprocessor(image_scale=False).fit(ds).transform(ds)
    np.testing.assert_array_equal(X, ds.X)


def test_config_round_trip_through_json_gives_the_same_transform():
    ds = data.load_builtin("breast_cancer")
    train, _, test = ds.split(test=0.2, seed=1)
    for kw in ({"scale": "standard"}, {"scale": "minmax"}, {"scale": None, "one_hot": True}):
        prep = Preprocessor(**kw).fit(train)
        cfg = json.loads(json.dumps(prep.to_config()))
        again = Preprocessor.from_config(cfg)
        for a, b in zip(prep.transform(test), again.transform(test)):
            np.testing.assert_array_equal(a, b)
    assert isinstance(Preprocessor().fit(train).to_config()["fitted"]["mean"], list)


def test_scaled_regression_targets_invert_to_original_units():
    ds = data.generate("house_prices")
    prep = Preprocessor(scale_target=True).fit(ds)
    _, y = prep.transform(ds)
    assert abs(y.mean()) < 1e-12 and y.std() == pytest.approx(1)
    back = prep.inverse_transform_y(y)
    assert back.shape == (20, 1)                        # the shape of the network's output is kept
    np.testing.assert_allclose(back.ravel(), ds.y)
    cfg = Preprocessor.from_config(json.loads(json.dumps(prep.to_config())))
    np.testing.assert_allclose(cfg.inverse_transform_y(y.ravel()), ds.y)
    np.testing.assert_array_equal(Preprocessor().fit(ds).inverse_transform_y(y), y)   # nothing to undo


def test_inverse_transform_y_gives_class_indices():
    iris = data.load_builtin("iris")
    prep = Preprocessor().fit(iris)
    assert prep.inverse_transform_y([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]]).tolist() == [1, 0]
    assert prep.inverse_transform_y([2, 0]).tolist() == [2, 0]
    binary = Preprocessor().fit(data.generate("xor"))
    assert binary.inverse_transform_y([[0.2], [0.9]]).tolist() == [0, 1]


def test_transform_X_for_prediction_checks_the_shape():
    ds = data.load_builtin("iris")
    prep = Preprocessor().fit(ds)
    single = prep.transform_X([5.1, 3.5, 1.4, 0.2])
    np.testing.assert_allclose(single, prep.transform_X(ds.X[:1]))
    with pytest.raises(DataError, match=r"Expected inputs of shape \(4,\) per sample, not \(3,\)"):
        prep.transform_X(np.zeros((2, 3)))


def test_misuse_is_explained():
    with pytest.raises(DataError, match="scale must be 'standard', 'minmax' or None"):
        Preprocessor(scale="robust")
    with pytest.raises(DataError, match="not fitted yet"):
        Preprocessor().transform_X(np.zeros((1, 2)))
    prep = Preprocessor().fit(data.generate("moons"))
    with pytest.raises(DataError, match="fitted on binary data, not regression data"):
        prep.transform(data.generate("plane"))
    with pytest.raises(DataError, match="lack their fitted values"):
        Preprocessor.from_config({"scale": "standard", "fitted": {"mean": [0]}})


@pytest.mark.parametrize("scale, images", [("standard", False), ("minmax", False), (None, False),
                                           ("standard", True)])
def test_float32_data_stays_float32_and_matches_float64(scale, images):
    # a full MNIST in float64 would need twice the memory and a float32 copy for the engine besides
    rng = np.random.default_rng(3)
    shape = (40, 4, 4, 1) if images else (40, 5)
    X64 = rng.integers(0, 256, shape).astype(np.float64)
    y = np.arange(40) % 3
    ds32 = Dataset(X64.astype(np.float32), y, [] if images else list("abcde"), "t", "multiclass", list("xyz"))
    ds64 = Dataset(X64, y, [] if images else list("abcde"), "t", "multiclass", list("xyz"))
    assert ds32.X.dtype == np.float32 and ds64.X.dtype == np.float64
    assert ds32.subset(np.arange(10)).X.dtype == np.float32
    X32, _ = Preprocessor(scale=scale).fit(ds32).transform(ds32)
    X64t, _ = Preprocessor(scale=scale).fit(ds64).transform(ds64)
    assert X32.dtype == np.float32
    np.testing.assert_allclose(X32, X64t, rtol=1e-5, atol=1e-5)


def test_integer_data_becomes_float64():
    ds = Dataset(np.arange(6).reshape(3, 2), [0, 1, 0], ["a", "b"], "t", "binary", ["n", "y"])
    assert ds.X.dtype == np.float64


@pytest.mark.parametrize("scale", ["standard", "minmax", None])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_transform_in_place_gives_the_same_bits_in_the_callers_array(scale, dtype):
    rng = np.random.default_rng(0)
    ds = Dataset(rng.normal(3.0, 2.0, (50, 4)).astype(dtype), rng.integers(0, 2, 50), list("abcd"), "y",
                 "binary", ["n", "p"])
    pre = Preprocessor(scale=scale).fit(ds)
    copied = pre.transform_X(ds.X)
    own = ds.X.copy()
    scaled = pre.transform_X(own, in_place=True)
    assert scaled is own and scaled.dtype == copied.dtype and np.array_equal(scaled, copied)
    assert not np.shares_memory(copied, ds.X)


def test_image_transform_in_place_gives_the_same_bits():
    X = np.random.default_rng(1).integers(0, 256, (20, 8, 8, 1)).astype(np.float32)
    ds = Dataset(X, np.arange(20) % 2, [], "y", "binary", ["n", "p"])
    pre = Preprocessor().fit(ds)
    own = X.copy()
    assert np.array_equal(pre.transform_X(own, in_place=True), pre.transform_X(X)) and own.max() == 1.0


@pytest.mark.parametrize("scale", ["standard", "minmax", None])
def test_inverse_transform_X_gives_the_features_back(scale):
    X = np.array([[0.0, 10.0], [1.0, 30.0], [3.0, 20.0], [5.0, 20.0]])
    prep = Preprocessor(scale=scale).fit(_table(X))
    assert prep.scaling() == scale
    np.testing.assert_allclose(prep.inverse_transform_X(prep.transform_X(X)), X, atol=1e-12)


def test_inverse_transform_X_of_images():
    ds = data.load_builtin("digits", as_images=True)
    prep = Preprocessor().fit(ds)
    assert prep.scaling() == "images"
    np.testing.assert_allclose(prep.inverse_transform_X(prep.transform_X(ds.X[:5])), ds.X[:5])
    assert Preprocessor(image_scale=False).fit(ds).scaling() is None
