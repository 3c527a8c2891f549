"""The Keras 3 export: the generated functional model reproduces nnstudio's predictions."""

import os

import numpy as np
import pytest

from nnstudio.engine.network import Network
from nnstudio.export import export_network

from .networks import CASE_IDS, CASES, mlp, random_weights, reference
from .scripts import export_script, load_script

# Keras picks its backend at import; PyTorch is the one this project's machines have.
os.environ.setdefault("KERAS_BACKEND", "torch")
keras = pytest.importorskip("keras")

# Keras's torch backend converts tensors with np.array(tensor), which NumPy 2 flags with a DeprecationWarning
# inside Keras (not in nnstudio or the generated script): ignore exactly that one.
pytestmark = pytest.mark.filterwarnings(
    "ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning")


def _numpy(tensor):
    # keras.ops.convert_to_numpy trips a NumPy 2 DeprecationWarning on the torch backend
    return tensor.detach().cpu().numpy() if hasattr(tensor, "detach") else np.asarray(tensor)


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_predictions_match_the_engine(spec, tmp_path):
    weights, X, expected = reference(spec)
    model = export_script("keras", spec, weights, tmp_path).build_model()
    got = _numpy(model(X, training=False))
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("loss, units, activation", [("mse", 2, "linear"),
                                                      ("sparse_categorical_crossentropy", 3, "softmax")])
def test_sgd_training_matches_the_engine(loss, units, activation, tmp_path):
    """Keras's SGD with momentum equals torch's (so nnstudio's) for a fixed learning rate: same weights."""
    spec = mlp(units, activation, {"l1": 0.0, "l2": 0.01})
    rng = np.random.default_rng(4)
    X = rng.normal(size=(16, 3)).astype(np.float32)
    y = rng.normal(size=(16, units)).astype(np.float32) if loss == "mse" else rng.integers(0, units, 16)
    net = Network.from_config(spec)
    net.set_weights(random_weights(net, seed=2))
    weights = net.get_weights()
    optimizer = {"name": "sgd", "learning_rate": 0.1, "momentum": 0.9}
    module = export_script("keras", spec, weights, tmp_path,
                           training={"loss": loss, "optimizer": optimizer, "batch_size": None})
    model = module.train(module.build_model(), X, y, epochs=3)
    net.fit(X, y, loss=loss, optimizer=optimizer, epochs=3, batch_size=None, shuffle=False)
    trained = net.get_weights()
    kernel, bias = model.get_layer("y").get_weights()
    np.testing.assert_allclose(kernel, trained["y"]["kernel"], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(bias, trained["y"]["bias"], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(model.get_layer("h").get_weights()[0], trained["h"]["kernel"], rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("activation", ["step", "sign"])
def test_perceptron_rule_learns_and(activation, tmp_path):
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                      {"id": "p", "type": "Dense", "params": {"units": 1, "activation": activation}}],
            "edges": [["x", "p"]]}
    module = export_script("keras", spec, None, tmp_path, training={"optimizer": "perceptron", "epochs": 20})
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
    y = np.array([[0], [0], [0], [1]], dtype=np.float32)
    y = 2 * y - 1 if activation == "sign" else y
    model = module.train(module.build_model(), X, y, epochs=50)
    np.testing.assert_array_equal(_numpy(model(X, training=False)), y)


def test_main_trains_on_random_data(tmp_path, monkeypatch, capsys):
    """The script's command line (`python model.py --epochs 2`), run in-process to spare a Keras start-up."""
    spec = mlp(1, "sigmoid", {"l1": 0.001, "l2": 0.0})
    export_network(spec, None, "keras", tmp_path / "model.py",
                   training={"loss": "binary_crossentropy", "optimizer": {"name": "rmsprop", "clipnorm": 1.0}})
    module = load_script(tmp_path / "model.py")
    monkeypatch.setattr("sys.argv", ["model.py", "--epochs", "2"])
    module.main()
    assert "Epoch 2/2" in capsys.readouterr().out


@pytest.mark.parametrize("loss, optimizer", [
    *[("mse", name) for name in ("adam", "adamw", "rmsprop", "adagrad", "lbfgs")],
    *[(loss, {"name": "sgd", "weight_decay": 0.01, "clipnorm": 1.0})
      for loss in ("mae", {"name": "huber", "delta": 0.5}, "binary_crossentropy", "categorical_crossentropy")],
])
def test_every_loss_and_optimizer_compiles_and_trains(loss, optimizer, tmp_path, capsys):
    name = loss if isinstance(loss, str) else loss["name"]
    activation = {"binary_crossentropy": "sigmoid", "categorical_crossentropy": "softmax"}.get(name, "linear")
    spec = mlp(3 if activation == "softmax" else 1, activation)
    module = export_script("keras", spec, None, tmp_path,
                           training={"loss": loss, "optimizer": optimizer, "batch_size": 16})
    X, y = module.load_data()
    module.train(module.build_model(), X, y, epochs=2)
    out = capsys.readouterr().out
    assert "Epoch 2/2" in out and "loss: nan" not in out
