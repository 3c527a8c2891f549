import json

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import DataError

CLASSIFIERS = ["xor", "and", "or", "circles", "moons", "gaussians", "spiral", "linear", "checkerboard"]
REGRESSORS = ["sine", "plane", "bumps", "house_prices"]
SEQUENCES = ["sine_windows", "memory"]  # tests/data/test_sequences.py


def test_registry_lists_every_generator_with_a_description():
    assert sorted(data.GENERATORS) == sorted(CLASSIFIERS + REGRESSORS + SEQUENCES)
    for name, text in data.GENERATORS.items():
        assert isinstance(text, str) and len(text) > 15 and "\n" not in text, name


@pytest.mark.parametrize("name", CLASSIFIERS + REGRESSORS)
def test_shapes_tasks_and_json_source(name):
    params = {"n_samples": 60} if "n_samples" in data.generator_params(name) else {}
    ds = data.generate(name, seed=3, **params)
    n = params.get("n_samples", 20)
    width = 1 if name == "sine" else 2
    assert ds.X.shape == (n, width) and ds.y.shape == (n,)
    assert np.isfinite(ds.X).all()
    assert len(ds.feature_names) == width
    assert ds.task == ("regression" if name in REGRESSORS else
                       "multiclass" if data.generator_params(name).get("classes", 2) > 2 else "binary")
    assert ds.source == json.loads(json.dumps(ds.source))
    assert ds.source["kind"] == "generator" and ds.source["name"] == name and ds.source["seed"] == 3


@pytest.mark.parametrize("name", CLASSIFIERS + REGRESSORS)
def test_same_seed_same_data_other_seed_other_data(name):
    params = {"n_samples": 40} if "n_samples" in data.generator_params(name) else {}
    if "noise" in data.generator_params(name):
        params["noise"] = 0.2
    a, b = data.generate(name, seed=1, **params), data.generate(name, seed=1, **params)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    if name != "house_prices":              # the tutorial's fixed table ignores the seed
        assert not np.array_equal(a.X, data.generate(name, seed=2, **params).X)


@pytest.mark.parametrize("name", [n for n in CLASSIFIERS if "classes" in data.generator_params(n)])
@pytest.mark.parametrize("classes", [2, 3, 5])
def test_classes_are_balanced(name, classes):
    ds = data.generate(name, n_samples=101, classes=classes, seed=0)
    counts = ds.class_counts()
    assert len(counts) == classes == ds.n_classes
    assert counts.max() - counts.min() <= 1 and counts.sum() == 101


@pytest.mark.parametrize("name", ["xor", "moons", "linear", "checkerboard"])
def test_binary_sets_are_balanced(name):
    counts = data.generate(name, n_samples=201, seed=0).class_counts()
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", ["xor", "circles", "moons", "gaussians", "spiral", "linear", "sine", "plane",
                                  "bumps"])
def test_noise_moves_points_further_from_the_clean_set(name):
    # Same seed: the clean set and two noise levels; more noise, larger spread from the clean points.
    n = 200
    clean = data.generate(name, n_samples=n, noise=0.0, seed=5)
    small = data.generate(name, n_samples=n, noise=0.05, seed=5)
    large = data.generate(name, n_samples=n, noise=0.3, seed=5)
    target = name in ("sine", "plane", "bumps")
    spread = [np.abs((d.y - clean.y) if target else (d.X - clean.X)).mean() for d in (small, large)]
    assert 0 < spread[0] < spread[1]


def test_truth_tables_are_exact_with_four_samples_and_no_noise():
    corners = [[0, 0], [0, 1], [1, 0], [1, 1]]
    for name, table in {"xor": [0, 1, 1, 0], "and": [0, 0, 0, 1], "or": [0, 1, 1, 1]}.items():
        ds = data.generate(name)
        np.testing.assert_array_equal(ds.X, corners)
        np.testing.assert_array_equal(ds.y, table)
        assert ds.task == "binary"


def test_noisy_xor_cloud_keeps_labels_by_corner():
    ds = data.generate("xor", n_samples=400, noise=0.1, seed=0)
    near = np.round(ds.X).clip(0, 1).astype(int)
    agree = (near[:, 0] ^ near[:, 1]) == ds.y
    assert agree.mean() > 0.97


def test_linear_without_noise_is_separable_with_its_margin():
    ds = data.generate("linear", n_samples=300, margin=0.8, seed=4)
    # least squares on +-1 labels finds a separating line for separable data with a clear margin
    A = np.c_[ds.X, np.ones(len(ds))]
    w = np.linalg.lstsq(A, np.where(ds.y == 1, 1.0, -1.0), rcond=None)[0]
    assert ((A @ w > 0) == (ds.y == 1)).all()


def test_circles_rings_have_their_radii():
    ds = data.generate("circles", n_samples=300, noise=0.0, classes=3, seed=0)
    r = np.linalg.norm(ds.X, axis=1)
    for c in range(3):
        np.testing.assert_allclose(r[ds.y == c], (c + 1) / 3)


def test_plane_follows_its_formula_without_noise():
    ds = data.generate("plane", n_samples=50, noise=0.0, seed=0)
    np.testing.assert_allclose(ds.y, 2 * ds.X[:, 0] - 3 * ds.X[:, 1] + 1)


def test_house_prices_are_the_documented_twenty_rows():
    ds = data.generate("house_prices")
    assert ds.X.shape == (20, 2) and ds.feature_names == ["size_m2", "age_years"]
    assert ds.target_name == "price_thousands" and data.generator_params("house_prices") == {}
    # price rises with size and falls with age (fitted slopes)
    coef = np.linalg.lstsq(np.c_[ds.X, np.ones(20)], ds.y, rcond=None)[0]
    assert coef[0] > 1.5 and coef[1] < -0.5


def test_generator_params_lists_classes_only_where_it_makes_sense():
    assert "classes" in data.generator_params("spiral")
    assert "classes" not in data.generator_params("moons")
    assert "classes" not in data.generator_params("sine")
    assert data.generator_params("xor") == {"n_samples": 4, "noise": 0.0}


@pytest.mark.parametrize("call, words", [
    (lambda: data.generate("swirl"), "no generator 'swirl'"),
    (lambda: data.generate("moons", classes=3), "no parameter 'classes'"),
    (lambda: data.generate("spiral", classes=1), "classes must be a whole number from 2"),
    (lambda: data.generate("spiral", n_samples=0), "n_samples must be a whole number"),
    (lambda: data.generate("spiral", n_samples=2.5), "n_samples must be a whole number"),
    (lambda: data.generate("moons", noise=-1), "noise must be a number of at least 0"),
    (lambda: data.generate("moons", noise=float("nan")), "noise must be a number of at least 0"),
])
def test_bad_parameters_are_one_clear_sentence(call, words):
    with pytest.raises(DataError, match=words) as info:
        call()
    assert info.value.message.count(".") <= 3 and "\n" not in info.value.message


@pytest.mark.parametrize("cells", [2, 4, 5])
def test_checkerboard_colours_alternate_by_cell(cells):
    ds = data.generate("checkerboard", n_samples=300, cells=cells, seed=1)
    cell = np.floor((ds.X + 1) * cells / 2).astype(int)          # the board spans [-1, 1]^2
    assert ((cell.sum(axis=1) % 2) == ds.y).all()
    assert cell.min() >= 0 and cell.max() < cells
