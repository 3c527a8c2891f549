"""Tutorial 000: the perceptron (step unit, perceptron rule, AND learned, XOR never), the hand-wired XOR MLP,
the activation identities it quotes, scikit-learn's vocabulary (logistic, RMSE) and the output-layer table.
Listed with the expected figures in docs/course.md."""

import math

import numpy as np
import pytest

from nnstudio.engine import activations, losses, metrics
from nnstudio.engine.network import Network
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner

from ..engine.helpers import XOR_X, chain


@pytest.mark.parametrize("seed", range(6))
def test_perceptron_learns_and_within_a_handful_of_epochs(seed):
    # the perceptron rule on AND: linearly separable, so the rule converges; training stops after the
    # first epoch without a mistake, whatever the random start
    project = load(samples_dir() / "perceptron_and.nnproj")
    runner.train(project, seed=seed)
    accuracy = project.history["accuracy"]
    assert accuracy[-1] == 1.0
    assert len(accuracy) <= 15 < project.training["epochs"] + 1


@pytest.mark.parametrize("seed", range(6))
def test_perceptron_never_settles_on_xor(seed):
    project = load(samples_dir() / "perceptron_xor.nnproj")
    runner.train(project, seed=seed)
    accuracy = project.history["accuracy"]
    assert len(accuracy) == project.training["epochs"]  # it never has an epoch without mistakes
    assert max(accuracy) <= 0.75


def test_hand_wired_xor_mlp():
    # the tutorial's weights: hidden W = ones(2, 2), b = (-1.5, -0.5) (an AND unit and an OR unit),
    # output W = (-1, 1), b = -0.5 (OR and not AND), step activations throughout
    spec = chain([2], ("Dense", {"units": 2, "activation": "step"}), ("Dense", {"units": 1, "activation": "step"}))
    net = Network.from_config(spec, dtype="float64")
    net.set_weights({"l1": {"kernel": np.ones((2, 2)), "bias": np.array([-1.5, -0.5])},
                     "l2": {"kernel": np.array([[-1.0], [1.0]]), "bias": np.array([-0.5])}})
    assert net.predict(XOR_X).ravel().tolist() == [0.0, 1.0, 1.0, 0.0]
    hidden = net.forward_all(XOR_X)["l1"]
    assert hidden.tolist() == [[0, 0], [0, 1], [0, 1], [1, 1]]  # (AND, OR) of each corner


def test_hand_wired_xor_sample_predicts_xor_without_training():
    # samples/xor_step_units.nnproj: the same network and weights, shipped with its data; nothing to train
    project = load(samples_dir() / "xor_step_units.nnproj")
    assert project.history is None
    prepared = runner.prepare(project)
    net = prepared.network
    assert prepared.X.tolist() == XOR_X.tolist()               # unscaled: the weights read the 0/1 inputs
    assert net.predict(prepared.X).ravel().tolist() == prepared.y.ravel().tolist() == [0.0, 1.0, 1.0, 0.0]
    assert net.forward_all(XOR_X)["h"].tolist() == [[0, 0], [0, 1], [0, 1], [1, 1]]   # (AND, OR)
    # gradient descent leaves step units where they are: a step passes no gradient
    before = net.get_weights()
    history = net.fit(prepared.X, prepared.y, **{**prepared.fit_kwargs, "epochs": 3})
    assert history.history["accuracy"] == [1.0, 1.0, 1.0]
    for nid, params in before.items():
        for name, arr in params.items():
            np.testing.assert_array_equal(net.get_weights()[nid][name], arr)


def test_heaviside_and_sign_step_functions():
    z = np.array([-2.0, 0.0, 3.0])
    assert activations.get("step").forward(z).tolist() == [0.0, 1.0, 1.0]  # heaviside: 1 at z >= 0
    assert activations.get("heaviside").forward(z).tolist() == [0.0, 1.0, 1.0]
    assert activations.get("sign").forward(z).tolist() == [-1.0, 0.0, 1.0]


def test_tanh_is_a_rescaled_sigmoid_and_relu_is_max():
    z = np.linspace(-5, 5, 41)
    sigmoid, tanh = activations.get("sigmoid"), activations.get("tanh")
    np.testing.assert_allclose(tanh.forward(z), 2 * sigmoid.forward(2 * z) - 1, atol=1e-15)
    np.testing.assert_array_equal(activations.get("relu").forward(z), np.maximum(0, z))


def test_scikit_learn_names():
    # MLPRegressor(activation="logistic") is the sigmoid; RMSE = mean_squared_error(squared=False)
    assert activations.get("logistic") == activations.get("sigmoid")
    y_true, y_pred = np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])
    assert metrics.rmse(y_pred, y_true) == pytest.approx(math.sqrt((0.25 + 0.25 + 0 + 1) / 4))


@pytest.mark.parametrize("task, outputs, activation, loss", [
    ("binary", 1, "sigmoid", "binary_crossentropy"),              # one sigmoid neuron
    ("multilabel", 3, "sigmoid", "binary_crossentropy"),          # one sigmoid per label
    ("multiclass", 4, "softmax", "sparse_categorical_crossentropy"),  # one softmax unit per class
])
def test_output_layer_table_trains(task, outputs, activation, loss):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    if task == "multiclass":
        y = np.argmax(X @ rng.normal(size=(3, outputs)), axis=1)
    else:
        y = (X @ rng.normal(size=(3, outputs)) > 0).astype(float)
    spec = chain([3], ("Dense", {"units": 8, "activation": "tanh"}),
                 ("Dense", {"units": outputs, "activation": activation}))
    net = Network.from_config(spec, seed=0)
    if task != "multilabel":
        assert losses.default_for(task, activation) == loss
    hist = net.fit(X, y, loss=loss, optimizer={"name": "adam", "learning_rate": 0.05}, epochs=60,
                   batch_size=None, seed=0)
    assert hist.history["accuracy"][-1] > 0.85
    probabilities = net.predict(X)
    assert probabilities.shape == (120, outputs) and ((0 <= probabilities) & (probabilities <= 1)).all()


def test_multi_output_regression_a_point_and_a_box():
    # locating an object: 2 outputs for its centre, 4 with width and height; one linear neuron per value
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 5))
    Y = X @ rng.normal(size=(5, 4))
    net = Network.from_config(chain([5], ("Dense", {"units": 4})), seed=0)
    hist = net.fit(X, Y, loss="mse", optimizer={"name": "adam", "learning_rate": 0.05}, epochs=200,
                   batch_size=None, seed=0)
    assert net.predict(X).shape == (200, 4)
    assert hist.history["r2"][-1] > 0.99 and hist.history["rmse"][-1] < 0.1 * Y.std()


def test_docs_course_lists_every_sample_made_from_a_tutorial():
    # each sample whose notes say which tutorial it follows appears in docs/course.md
    text = (samples_dir().parent / "docs" / "course.md").read_text(encoding="utf-8")
    from_tutorials = [path.stem for path in sorted(samples_dir().glob("*.nnproj"))
                      if "tutorial 00" in load(path).notes]
    assert {"keras_xor", "house_price_network"} <= set(from_tutorials)
    assert [name for name in from_tutorials if f"`{name}`" not in text] == []


def _california_archive(folder, rows=400, seed=0):
    """A cal_housing.tgz in scikit-learn's layout, made on the spot: value rises with income."""
    import io
    import tarfile

    rng = np.random.default_rng(seed)
    households = rng.integers(50, 500, rows).astype(float)
    income = rng.uniform(0.5, 15, rows)
    table = np.column_stack([rng.uniform(-124, -114, rows), rng.uniform(32, 42, rows), rng.integers(1, 52, rows),
                             households * rng.uniform(3, 8, rows), households * rng.uniform(0.8, 1.2, rows),
                             households * rng.uniform(2, 4, rows), households, income,
                             np.clip(40000 * income + rng.normal(0, 20000, rows), 15000, 500001)])
    body = "".join(",".join(f"{v:.4f}" for v in row) + "\n" for row in table).encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("CaliforniaHousing/cal_housing.data")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    (folder / "california_housing").mkdir(parents=True)
    (folder / "california_housing" / "cal_housing.tgz").write_bytes(buffer.getvalue())
    return table


def test_california_mlp_regressor_recipe(tmp_path, monkeypatch):
    # MLPRegressor(hidden_layer_sizes=(50, 50, 50)) after a StandardScaler, test and validation split off as
    # two 25 % train_test_splits do, RMSE on validation; trained here on an archive in scikit-learn's layout
    project = load(samples_dir() / "california_mlp.nnproj")
    dense = [n for n in project.spec["nodes"] if n["type"] == "Dense"]
    assert [n["params"]["units"] for n in dense] == [50, 50, 50, 1]
    assert [n["params"]["activation"] for n in dense] == ["relu", "relu", "relu", "linear"]
    assert project.network().count_params() == 5601
    assert project.training["optimizer"]["name"] == "adam" and project.training["optimizer"]["learning_rate"] == 0.001
    assert project.training["batch_size"] == 200 and project.training["epochs"] == 200
    assert dense[0]["params"]["kernel_regularizer"]["l2"] == pytest.approx(2 * 0.0001 / (2 * 200))
    split = project.data["split"]
    assert split["test"] == 0.25 and split["val"] == pytest.approx(0.75 * 0.25)
    assert project.data["preprocessing"]["scale"] == "standard"
    assert project.goal["metric"] == "val_rmse"
    assert "tutorial 000" in project.notes and "nnstudio data fetch california_housing" in project.notes

    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    table = _california_archive(tmp_path)
    ds = project.dataset()
    assert ds.X.shape == (400, 8) and ds.feature_names[:3] == ["MedInc", "HouseAge", "AveRooms"]
    np.testing.assert_allclose(ds.y, table[:, 8] / 100000, rtol=1e-6)
    runner.train(project, epochs=150)
    history = project.history
    assert "val_rmse" in history and len(history["val_rmse"]) >= 1
    spread = float(np.std(table[:, 8] / 100000))
    assert min(history["val_rmse"]) < 0.7 * spread  # learns the income relation


def test_mlp_regressor_arguments_become_a_network():
    # the arguments the tutorial lists, each one reaching the network or its training
    from nnstudio.document.sklearn_recipe import Recipe, translate

    for activation, ours in (("relu", "relu"), ("tanh", "tanh"), ("logistic", "sigmoid")):
        t = translate(Recipe(hidden_layer_sizes=(50, 50, 50), activation=activation), (8,), 1, "regression", 11610)
        assert [n["params"]["activation"] for n in t.spec["nodes"][1:]] == [ours] * 3 + ["linear"]
        assert Network.from_config(t.spec).count_params() == 5601
    for solver, batch in (("adam", 200), ("lbfgs", None), ("sgd", 200)):
        t = translate(Recipe(solver=solver, learning_rate_init=0.01, max_iter=50), (8,), 1, "regression", 11610)
        assert t.training["optimizer"]["name"] == solver and t.training["batch_size"] == batch
        assert t.training["epochs"] == 50
    t = translate(Recipe(alpha=1e-4, early_stopping=True), (8,), 1, "regression", 20640, test_fraction=0.25)
    assert t.spec["nodes"][1]["params"]["kernel_regularizer"]["l2"] == pytest.approx(5e-7)
    assert t.validation_fraction == 0.1 and t.training["early_stopping"]["monitor"] == "val_r2"


def test_a_box_and_several_labels_from_a_csv_file(tmp_path):
    # the tutorial's bounding box (4 numbers per image) and its multi-label case (one sigmoid per label), as
    # a learner brings them: columns of a CSV file
    from nnstudio.data import load_csv, network_fit

    rng = np.random.default_rng(2)
    X = rng.normal(size=(150, 5))
    box = X @ rng.normal(size=(5, 4))
    labels = (X[:, :3] > 0).astype(int)
    header = "f1,f2,f3,f4,f5,x,y,w,h,red,round,big"
    lines = [",".join([*(f"{v:.6f}" for v in (*x, *b)), *(str(v) for v in lab)])
             for x, b, lab in zip(X, box, labels)]
    path = tmp_path / "objects.csv"
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    features = ["f1", "f2", "f3", "f4", "f5"]
    boxes = load_csv(path, target=["x", "y", "w", "h"], features=features)
    assert boxes.y.shape == (150, 4) and network_fit.output_needs(boxes) == (4, "linear")
    tags = load_csv(path, target=["red", "round", "big"], features=features)
    assert network_fit.output_needs(tags) == (3, "sigmoid")
    net = Network.from_config(chain([5], ("Dense", {"units": 16, "activation": "relu"}),
                                    ("Dense", {"units": 3, "activation": "sigmoid"})), seed=0)
    net.fit(tags.X, tags.y, loss="binary_crossentropy", optimizer={"name": "adam", "learning_rate": 0.02},
            epochs=200, batch_size=None, seed=0)
    accuracy = ((net.predict(tags.X) >= 0.5) == (tags.y == 1)).mean()
    assert accuracy > 0.85  # per label, as the tutorial's table expects of each sigmoid
