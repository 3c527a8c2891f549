"""The PyTorch export: the generated module reproduces nnstudio's predictions for every layer and activation."""

import subprocess
import sys

import numpy as np
import pytest

from nnstudio.engine.network import Network
from nnstudio.export import export_network

from .networks import CASE_IDS, CASES, mlp, random_weights, reference
from .scripts import export_script, load_script

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_predictions_match_the_engine(spec, tmp_path):
    weights, X, expected = reference(spec)
    module = export_script("pytorch", spec, weights, tmp_path)
    model = module.build_model()
    assert not model.training
    with torch.no_grad():
        got = model(torch.from_numpy(X)).numpy()
    assert got.dtype == np.float32 and got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_float64_predictions_match_exactly(spec, tmp_path):
    """In float64 the module and the engine agree to rounding: every formula is the same."""
    weights, X, expected = reference(spec, dtype="float64")
    model = export_script("pytorch", spec, weights, tmp_path).build_model().double()
    # the NPZ holds float32 weights: give the engine the very same values
    net = Network.from_config(spec, dtype="float64")
    net.set_weights({k: {n: v.astype(np.float32).astype(np.float64) for n, v in p.items()}
                     for k, p in weights.items()})
    with torch.no_grad():
        got = model(torch.from_numpy(X)).numpy()
    np.testing.assert_allclose(got, net.predict(X), rtol=1e-9, atol=1e-10)


# --- the training loop: the script's steps are nnstudio's steps ------------------------------------------

def _targets(loss, units, rng, n):
    if loss == "binary_crossentropy":
        return rng.integers(0, 2, (n, units)).astype(np.float64)
    if loss == "sparse_categorical_crossentropy":
        return rng.integers(0, units, n)
    if loss in ("categorical_crossentropy", "cross_entropy_error"):
        return np.eye(units)[rng.integers(0, units, n)]
    return rng.normal(size=(n, units))


TRAINING_CASES = [
    # (case id, spec, loss, optimizer)
    ("mse-sgd-momentum-l1l2", mlp(2, "linear", {"l1": 0.01, "l2": 0.02}), "mse",
     {"name": "sgd", "learning_rate": 0.1, "momentum": 0.9}),
    ("mae-sgd-nesterov-decay", mlp(1, "linear"), "mae",
     {"name": "sgd", "learning_rate": 0.1, "momentum": 0.5, "nesterov": True, "weight_decay": 0.01}),
    ("huber-adam", mlp(2, "linear"), {"name": "huber", "delta": 0.5}, {"name": "adam", "learning_rate": 0.01}),
    ("bce-adamw-clipnorm", mlp(1, "sigmoid"), "binary_crossentropy",
     {"name": "adamw", "learning_rate": 0.05, "clipnorm": 0.1}),
    ("sparse-rmsprop-batchnorm", mlp(3, "softmax", batchnorm=True), "sparse_categorical_crossentropy",
     {"name": "rmsprop", "learning_rate": 0.01, "momentum": 0.5}),
    ("categorical-adagrad", mlp(3, "softmax"), "categorical_crossentropy",
     {"name": "adagrad", "learning_rate": 0.1, "initial_accumulator_value": 0.1}),
    ("mse-lbfgs", mlp(1, "linear"), "mse", {"name": "lbfgs", "max_iter": 5}),
    ("course-sse-sgd", mlp(2, "linear"), "sum_squared_error", {"name": "sgd", "learning_rate": 0.01}),
    ("course-ce-sgd", mlp(3, "softmax"), {"name": "cross_entropy_error", "epsilon": 1e-7},
     {"name": "sgd", "learning_rate": 0.1}),
]


@pytest.mark.parametrize("spec, loss, optimizer", [c[1:] for c in TRAINING_CASES],
                         ids=[c[0] for c in TRAINING_CASES])
def test_training_steps_match_the_engine(spec, loss, optimizer, tmp_path):
    """Full-batch epochs in the script (float64) land on the weights nnstudio's fit reaches."""
    rng = np.random.default_rng(3)
    units = spec["nodes"][-1]["params"]["units"]
    X, y = rng.normal(size=(16, 3)), _targets(loss if isinstance(loss, str) else loss["name"], units, rng, 16)
    net32 = Network.from_config(spec)
    weights = {k: {n: v.astype(np.float32) for n, v in p.items()}
               for k, p in random_weights(net32, seed=5).items()}
    training = {"loss": loss, "optimizer": optimizer, "epochs": 3, "batch_size": None}
    module = export_script("pytorch", spec, weights, tmp_path, training=training)
    model = module.build_model().double()
    target = torch.from_numpy(y)
    module.train(model, torch.from_numpy(X), target, epochs=3)  # batch_size None: the whole set

    net = Network.from_config(spec, dtype="float64")
    net.set_weights(weights)
    net.fit(X, y, loss=loss, optimizer=optimizer, epochs=3, batch_size=None, shuffle=False)
    trained = net.get_weights()
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    np.testing.assert_allclose(state["h.weight"], trained["h"]["kernel"].T, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(state["y.weight"], trained["y"]["kernel"].T, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(state["y.bias"], trained["y"]["bias"], rtol=1e-7, atol=1e-9)


def test_perceptron_rule_learns_and(tmp_path):
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                      {"id": "p", "type": "Dense", "params": {"units": 1, "activation": "step"}}],
            "edges": [["x", "p"]]}
    module = export_script("pytorch", spec, None, tmp_path,
                           training={"loss": "mse", "optimizer": "perceptron", "epochs": 20})
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [0.0], [0.0], [1.0]])
    model = module.train(module.build_model(), X, y, epochs=50)
    with torch.no_grad():
        assert torch.equal(model(X), y)


def _write_csv(path, X, y):
    header = ",".join([f"f{i}" for i in range(X.shape[1])] + ["target"])
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", header=header, comments="")


@pytest.mark.slow  # a fresh interpreter importing torch: several seconds
def test_script_trains_on_a_csv_as_a_program(tmp_path):
    """`python model.py data.csv --epochs 2` runs the training loop in a fresh interpreter."""
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4, 4, 1]}},
                      {"id": "c", "type": "Conv2D", "params": {"filters": 2, "kernel_size": 3, "padding": "same",
                                                               "activation": "relu"}},
                      {"id": "f", "type": "Flatten", "params": {}},
                      {"id": "y", "type": "Dense", "params": {"units": 3, "activation": "softmax"}}],
            "edges": [["x", "c"], ["c", "f"], ["f", "y"]]}
    export_network(spec, None, "pytorch", tmp_path / "model.py",
                   training={"loss": "sparse_categorical_crossentropy", "optimizer": "adam", "epochs": 50,
                             "batch_size": 8})
    rng = np.random.default_rng(0)
    _write_csv(tmp_path / "data.csv", rng.normal(size=(20, 16)), rng.integers(0, 3, 20))
    run = subprocess.run([sys.executable, "model.py", "data.csv", "--epochs", "2"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1].startswith("epoch 2/2  loss ")


@pytest.mark.parametrize("units, activation, loss, optimizer", [
    (2, "linear", "huber", "rmsprop"),
    (1, "sigmoid", "binary_crossentropy", "sgd"),
    (3, "softmax", "categorical_crossentropy", "adagrad"),
    (1, "sign", None, "perceptron"),
    (1, "linear", "mse", {"name": "lbfgs", "max_iter": 3}),
])
def test_main_trains_on_random_data(units, activation, loss, optimizer, tmp_path, monkeypatch, capsys):
    """The script's command line (`python model.py --epochs 2`) for each kind of target, in-process."""
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}},
                      {"id": "y", "type": "Dense", "params": {"units": units, "activation": activation}}],
            "edges": [["x", "y"]]}
    export_network(spec, None, "pytorch", tmp_path / "model.py", training={"loss": loss, "optimizer": optimizer})
    module = load_script(tmp_path / "model.py")
    monkeypatch.setattr("sys.argv", ["model.py", "--epochs", "2"])
    module.main()
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(("epoch 2/2  loss ", "epoch 1/2  mistakes 0", "epoch 2/2  mistakes"))
