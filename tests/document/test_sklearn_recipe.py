"""scikit-learn's MLP vocabulary translated into a normal spec and training settings."""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from nnstudio.document.sklearn_recipe import Recipe, RecipeError, apply_to_project, batch_rows, translate
from nnstudio.engine.network import Network
from nnstudio.project import Project

# recipe, (input shape, outputs, kind, rows): expected hidden units, activations, loss, optimizer subset,
# batch size, l2 per Dense layer
CASES = [
    ("tutorial regressor", Recipe(hidden_layer_sizes=(50, 50, 50)), ((8,), 1, "regression", 11610),
     [50, 50, 50, 1], ["relu"] * 3 + ["linear"], "mse", {"name": "adam", "learning_rate": 0.001}, 200,
     2 * 0.0001 / (2 * 200)),
    ("logistic sgd classifier", Recipe(hidden_layer_sizes=(10,), activation="logistic", solver="sgd",
                                       learning_rate_init=0.1, alpha=0.01, batch_size=32),
     ((4,), 3, "multiclass", 150), [10, 3], ["sigmoid", "softmax"], "sparse_categorical_crossentropy",
     {"name": "sgd", "learning_rate": 0.1, "momentum": 0.9, "nesterov": True}, 32, 0.01 / 64),
    ("small data auto batch, regression sgd", Recipe(hidden_layer_sizes=(4,), activation="tanh", solver="sgd",
                                                     learning_rate_init=0.01), ((2,), 1, "regression", 20),
     [4, 1], ["tanh", "linear"], "mse", {"name": "sgd", "learning_rate": 0.005}, 20, 2 * 0.0001 / 40),
    ("lbfgs full batch", Recipe(hidden_layer_sizes=(5, 5), activation="identity", solver="lbfgs", alpha=0.0),
     ((3,), 1, "binary", 90), [5, 5, 1], ["linear", "linear", "sigmoid"], "binary_crossentropy",
     {"name": "lbfgs", "max_iter": 1}, None, None),
    ("multi-label", Recipe(hidden_layer_sizes=(16,)), ((6,), 4, "multilabel", 1000), [16, 4],
     ["relu", "sigmoid"], "binary_crossentropy", {"name": "adam"}, 200, 0.0001 / (2 * 200) / 4),
]


@pytest.mark.parametrize("title, recipe, data, units, activations, loss, optimizer, batch, l2", CASES,
                         ids=[c[0] for c in CASES])
def test_recipe_table(title, recipe, data, units, activations, loss, optimizer, batch, l2):
    shape, outputs, kind, rows = data
    t = translate(recipe, shape, outputs, kind, rows)
    dense = [n for n in t.spec["nodes"] if n["type"] == "Dense"]
    assert [n["params"]["units"] for n in dense] == units
    assert [n["params"]["activation"] for n in dense] == activations
    assert t.training["loss"] == loss
    for key, value in optimizer.items():
        assert t.training["optimizer"][key] == (pytest.approx(value) if isinstance(value, float) else value)
    assert t.training["batch_size"] == batch and t.training["epochs"] == recipe.max_iter
    for node in dense:
        reg = node["params"]["kernel_regularizer"]
        assert (reg is None) if l2 is None else reg["l2"] == pytest.approx(l2)
    net = Network(t.spec, seed=0)  # a normal spec: it builds
    out = net.predict(np.zeros((2, *shape)))
    assert out.shape == (2, outputs)


def test_the_tutorials_network_counts_and_initialisation():
    t = translate(Recipe(hidden_layer_sizes=(50, 50, 50)), (8,), 1, "regression", 11610)
    net = Network(t.spec, seed=0)
    assert net.count_params() == 8 * 50 + 50 + 2 * (50 * 50 + 50) + 51
    weights = net.get_weights()
    bound = math.sqrt(6 / (8 + 50))  # scikit-learn's _init_coef for relu; biases drawn the same way
    assert np.abs(weights["h1"]["kernel"]).max() <= bound and np.abs(weights["h1"]["bias"]).max() <= bound
    assert np.abs(weights["h1"]["bias"]).max() > bound / 2  # not zeros
    logistic = translate(Recipe(hidden_layer_sizes=(50,), activation="logistic"), (8,), 1, "regression", 100)
    first = logistic.spec["nodes"][1]["params"]["kernel_initializer"]
    assert first["maxval"] == pytest.approx(math.sqrt(2 / 58))


def test_early_stopping_holds_out_a_validation_part_and_watches_the_score():
    plain = translate(Recipe(), (8,), 1, "regression", 1000)
    assert plain.validation_fraction is None
    assert plain.training["early_stopping"] == {"monitor": "loss", "patience": 11, "min_delta": 2e-4,
                                                "restore_best_weights": False}
    early = translate(Recipe(early_stopping=True, n_iter_no_change=5), (8,), 1, "regression", 1000)
    assert early.validation_fraction == 0.1
    assert early.training["early_stopping"]["monitor"] == "val_r2"
    assert early.training["early_stopping"]["patience"] == 6 and early.training["early_stopping"]["restore_best_weights"]
    clf = translate(Recipe(early_stopping=True), (4,), 3, "multiclass", 150)
    assert clf.training["early_stopping"]["monitor"] == "val_accuracy"
    assert clf.batch_rows == math.floor(150 * 0.9)  # 'auto' = min(200, rows trained on)


def test_batch_rows_follow_scikit_learn():
    assert batch_rows(Recipe(), 5000) == 200
    assert batch_rows(Recipe(), 50) == 50
    assert batch_rows(Recipe(batch_size=64), 50) == 50  # scikit-learn clips it to the rows
    assert batch_rows(Recipe(solver="lbfgs"), 300) == 300


def test_images_are_flattened_first():
    t = translate(Recipe(hidden_layer_sizes=(20,)), (8, 8, 1), 10, "multiclass", 1797)
    assert [n["type"] for n in t.spec["nodes"]] == ["Input", "Flatten", "Dense", "Dense"]
    assert t.spec["nodes"][2]["params"]["kernel_initializer"]["maxval"] == pytest.approx(math.sqrt(6 / 84))


@pytest.mark.parametrize("recipe, message", [
    (Recipe(hidden_layer_sizes=()), "hidden_layer_sizes"),
    (Recipe(hidden_layer_sizes=(10, 0)), "hidden_layer_sizes"),
    (Recipe(activation="softmax"), "activation must be one of identity, logistic, tanh, relu"),
    (Recipe(solver="rmsprop"), "solver must be one of adam, sgd, lbfgs"),
    (Recipe(alpha=-1.0), "alpha"),
    (Recipe(batch_size="all"), "batch_size"),
    (Recipe(validation_fraction=1.0), "validation_fraction"),
])
def test_refused_recipes_name_the_argument(recipe, message):
    with pytest.raises(RecipeError, match=message):
        translate(recipe, (2,), 1, "regression", 100)


def test_applied_to_a_project_keeps_the_data_and_trains(tmp_path):
    project = Project.new("quick")
    project.data = {"source": {"kind": "builtin", "name": "diabetes"}, "preprocessing": {"scale": "standard"},
                    "split": {"val": 0.0, "test": 0.2, "seed": 0, "stratify": True}}
    t = translate(Recipe(hidden_layer_sizes=(8,), early_stopping=True, max_iter=3), (10,), 1, "regression", 442,
                  test_fraction=0.2)
    apply_to_project(project, t)
    assert project.data["split"]["val"] == pytest.approx(0.08) and project.data["split"]["test"] == 0.2
    assert project.spec is t.spec and project.training["epochs"] == 3
    path = project.save(tmp_path / "quick.nnproj")
    from nnstudio import cli
    assert cli.main(["train", str(path), "--epochs", "2"]) == 0


def test_parse_sizes():
    from nnstudio.document.sklearn_recipe import parse_sizes
    assert parse_sizes("50, 50, 50") == parse_sizes("(50,50,50)") == parse_sizes("[50, 50, 50]") == (50, 50, 50)
    assert parse_sizes("(100,)") == (100,)
    for bad in ("", "50, x", "0", "-3"):
        with pytest.raises(RecipeError, match="hidden_layer_sizes"):
            parse_sizes(bad)


def test_data_shape_by_estimator_and_task():
    from nnstudio.data import Dataset
    from nnstudio.document.sklearn_recipe import data_shape
    X = np.zeros((6, 3))
    reg = Dataset(X, np.arange(6.0), ["a", "b", "c"], "t", "regression")
    # Dataset keeps one target column today; several (the CSV importer's next step) arrive as (N, D)
    two = SimpleNamespace(X=X, y=np.zeros((6, 2)) + [0.5, 1.5], task="regression", n_classes=None)
    labels = SimpleNamespace(X=X, y=np.eye(3)[[0, 1, 2, 0, 1, 2]], task="regression", n_classes=None)
    binary = Dataset(X, np.arange(6) % 2, ["a", "b", "c"], "t", "binary", ["no", "yes"])
    multi = Dataset(X, np.arange(6) % 3, ["a", "b", "c"], "t", "multiclass", ["x", "y", "z"])
    assert data_shape("MLPRegressor", reg) == ((3,), 1, "regression", 6)
    assert data_shape("MLPRegressor", two) == ((3,), 2, "regression", 6)
    assert data_shape("MLPClassifier", labels) == ((3,), 3, "multilabel", 6)
    assert data_shape("MLPClassifier", binary) == ((3,), 1, "binary", 6)
    assert data_shape("MLPClassifier", multi) == ((3,), 3, "multiclass", 6)
    with pytest.raises(RecipeError, match="choose MLPClassifier"):
        data_shape("MLPRegressor", multi)
    with pytest.raises(RecipeError, match="choose MLPRegressor"):
        data_shape("MLPClassifier", two)
