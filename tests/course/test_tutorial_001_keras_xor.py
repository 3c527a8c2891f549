"""Tutorial 001: the Keras XOR network step by step (41 parameters, predict before and after training, save
and reload), the output-layer weight update of backpropagation, and batch / stochastic / mini-batch descent.
Listed with the expected figures in docs/course.md."""

import math
import shutil

import numpy as np
import pytest

from nnstudio.engine.network import Network
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner

from ..engine.helpers import XOR_X, XOR_Y, chain


def _keras_xor():
    return load(samples_dir() / "keras_xor.nnproj")


def test_the_sample_is_the_tutorials_model():
    project = _keras_xor()
    dense = [n for n in project.spec["nodes"] if n["type"] == "Dense"]
    assert [(n["params"]["units"], n["params"]["activation"]) for n in dense] == [(10, "tanh"), (1, "sigmoid")]
    assert project.training["loss"] == "binary_crossentropy"
    assert project.training["optimizer"] == {"name": "sgd", "learning_rate": 0.1}
    assert "tutorial 001" in project.notes


def test_41_parameters_30_and_11():
    net = _keras_xor().network()
    assert net.count_params() == 41
    assert [row["params"] for row in net.summary_rows()] == [0, 30, 11]


def test_predict_before_training_is_a_guess_and_zero_inputs_give_one_half():
    project = _keras_xor()
    before = project.network().predict(project.dataset().X).ravel()
    assert before[0] == 0.5  # biases start at 0: every sum is 0 at (0, 0), tanh(0) = 0, sigmoid(0) = 1/2
    assert np.all(np.abs(before - 0.5) < 0.3)  # random weights: near one half, not the answers


def test_train_then_predict_save_and_reload(tmp_path):
    path = shutil.copy(samples_dir() / "keras_xor.nnproj", tmp_path / "xor.nnproj")
    project = load(path)
    runner.train(project)
    history = project.history
    assert history["accuracy"][-1] == 1.0 and history["loss"][-1] < 0.1
    assert history["loss"][0] == pytest.approx(math.log(2), abs=0.1)  # the tutorial's first loss, 0.6917
    X = project.dataset().X
    after = project.network().predict(X).ravel()
    np.testing.assert_array_equal(np.round(after), [0, 1, 1, 0])
    assert np.abs(after - [0, 1, 1, 0]).max() < 0.2
    project.save(path)
    reloaded = load(path)  # the architecture and the weights come back from one file
    np.testing.assert_array_equal(reloaded.network().predict(X).ravel(), after)


def test_output_layer_update_is_the_tutorials_formula():
    # a sigmoid output y_j fed by y_i, error 1/2 (y_j - f_j)^2: dE/dw_ij = y_i (y_j - f_j) y_j (1 - y_j)
    net = Network.from_config(chain([3], ("Dense", {"units": 2, "activation": "sigmoid"})), seed=0,
                              dtype="float64")
    rng = np.random.default_rng(0)
    inputs, targets = rng.normal(size=(1, 3)), rng.uniform(size=(1, 2))
    _, grads = net.gradients(inputs, targets, "sum_squared_error")
    out = net.predict(inputs)
    expected = inputs.T @ ((out - targets) * out * (1 - out))
    np.testing.assert_allclose(grads["l1"]["kernel"], expected, rtol=1e-12)


@pytest.mark.parametrize("batch_size, steps", [(None, 1), (1, 4), (2, 2), (3, 2)])
def test_batch_stochastic_and_mini_batch_descent(batch_size, steps):
    # batch: one update per epoch from all samples; stochastic: one per sample; mini-batch: one per batch
    net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": "sigmoid"})), seed=0)
    net.fit(XOR_X, XOR_Y, loss="binary_crossentropy", optimizer="sgd", epochs=3, batch_size=batch_size, seed=0)
    assert net.step_count == 3 * steps
