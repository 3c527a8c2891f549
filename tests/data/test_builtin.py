import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import DataError

EXPECTED = {  # name: (samples, features, task, samples per class)
    "iris": (150, 4, "multiclass", [50, 50, 50]),
    "wine": (178, 13, "multiclass", [59, 71, 48]),
    "breast_cancer": (569, 30, "binary", [357, 212]),
    "digits": (1797, 64, "multiclass", [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]),
    "diabetes": (442, 10, "regression", None),
    "houses": (20, 2, "regression", None),
}


DOWNLOADED = {"mnist", "fashion_mnist", "california_housing"}  # fetched on request: test_remote.py, test_california.py


def test_registry_describes_every_builtin():
    assert sorted(data.BUILTINS) == sorted([*EXPECTED, *DOWNLOADED])
    assert all(isinstance(t, str) and t for t in data.BUILTINS.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shapes_tasks_and_class_counts(name):
    n, f, task, counts = EXPECTED[name]
    ds = data.load_builtin(name)
    assert ds.X.shape == (n, f) and ds.y.shape == (n,) and ds.task == task
    assert len(ds.feature_names) == f and len(set(ds.feature_names)) == f
    assert np.isfinite(ds.X).all()
    assert ds.source == {"kind": "builtin", "name": name, "as_images": False}
    if counts is not None:
        assert ds.class_counts().tolist() == counts


def test_original_names_and_labels_are_kept():
    iris = data.load_builtin("iris")
    assert iris.class_names == ["setosa", "versicolor", "virginica"]
    assert iris.feature_names[0] == "sepal_length_cm" and iris.target_name == "species"
    np.testing.assert_allclose(iris.X[0], [5.1, 3.5, 1.4, 0.2])
    assert data.load_builtin("breast_cancer").class_names == ["benign", "malignant"]
    assert data.load_builtin("digits").class_names == [str(d) for d in range(10)]
    wine = data.load_builtin("wine")
    assert wine.class_names == ["1", "2", "3"] and "proline" in wine.feature_names


def test_diabetes_is_in_original_units():
    ds = data.load_builtin("diabetes")
    assert ds.feature_names == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    assert 19 <= ds.X[:, 0].min() and ds.X[:, 0].max() <= 79          # ages in years, not scaled
    assert 25 <= ds.y.min() and ds.y.max() <= 346


def test_digits_as_images():
    ds = data.load_builtin("digits", as_images=True)
    flat = data.load_builtin("digits")
    assert ds.X.shape == (1797, 8, 8, 1) and ds.input_shape == (8, 8, 1) and ds.is_images
    np.testing.assert_array_equal(ds.X.reshape(1797, 64), flat.X)
    assert ds.X.min() == 0 and ds.X.max() == 16 and (ds.X == np.round(ds.X)).all()
    assert ds.source["as_images"] is True
    assert ds.describe() == "1797 images 8x8x1, 10 classes"


def test_unknown_builtin_and_images_of_a_table_are_refused():
    with pytest.raises(DataError, match="no built-in data set 'cifar10'; choose one of iris"):
        data.load_builtin("cifar10")
    with pytest.raises(DataError, match="is a table, not images"):
        data.load_builtin("iris", as_images=True)


def test_builtin_files_have_their_licence_notes():
    from nnstudio.paths import samples_dir
    readme = (samples_dir() / "data" / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"{name}.csv" in readme
