"""Tutorial 002: the NumPy 2-4-1 house-price network on its 20 houses (data, training, loss range,
predictions in thousand euros), the Keras feed-forward network (4,929 parameters) and the MNIST CNN's
225,034 parameters. The LSTM's 10,451 waits for recurrent layers (#14). Listed in docs/course.md."""

import shutil

import numpy as np
import pytest

from nnstudio.data import load_builtin
from nnstudio.engine.network import Network
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner
from nnstudio.project.predict import predict_rows

from ..engine.helpers import chain

# the tutorial's table, row by row: area m2, age years, price thousand euros
AREA_AGE = [(100, 5), (120, 10), (80, 15), (150, 2), (90, 20), (110, 7), (95, 12), (130, 8), (140, 5), (75, 18),
            (85, 14), (125, 6), (100, 10), (135, 4), (105, 9), (115, 11), (140, 3), (80, 20), (90, 22), (120, 14)]
PRICE = [200, 220, 170, 280, 160, 210, 175, 225, 270, 155, 185, 230, 195, 265, 175, 215, 275, 165, 185, 225]


def _standardized():
    ds = load_builtin("houses")
    X, y = ds.X, ds.y.reshape(-1, 1)
    return (X - X.mean(axis=0)) / X.std(axis=0), (y - y.mean()) / y.std()


def _tutorial_descent(Xn, yn, w1, w2, epochs, lr=0.01):
    """The tutorial's training loop in our words: sigmoid hidden layer, linear output, biases from 1, and a
    step of lr x (mean over the houses of error x input), the error being target - output."""
    b1, b2 = np.ones((1, w1.shape[1])), np.ones((1, 1))
    w1, w2 = w1.copy(), w2.copy()
    curve = []
    for _ in range(epochs):
        hidden = 1 / (1 + np.exp(-(Xn @ w1 + b1)))
        out = hidden @ w2 + b2
        err = yn - out
        curve.append(float(np.mean(err ** 2)))
        back = (err @ w2.T) * hidden * (1 - hidden)
        m = len(Xn)
        w2 += lr * hidden.T @ err / m
        b2 += lr * err.sum(axis=0, keepdims=True) / m
        w1 += lr * Xn.T @ back / m
        b1 += lr * back.sum(axis=0, keepdims=True) / m
    return np.array(curve)


def test_the_bundled_table_is_the_tutorials():
    ds = load_builtin("houses")
    np.testing.assert_array_equal(ds.X, AREA_AGE)
    np.testing.assert_array_equal(ds.y, PRICE)
    assert ds.task == "regression" and ds.feature_names == ["area_m2", "age_years"]


def test_the_sample_is_the_tutorials_network():
    project = load(samples_dir() / "house_price_network.nnproj")
    net = project.network()
    hidden, out = (n["params"] for n in project.spec["nodes"] if n["type"] == "Dense")
    assert (hidden["units"], hidden["activation"], out["units"], out["activation"]) == (4, "sigmoid", 1, "linear")
    assert hidden["bias_initializer"] == out["bias_initializer"] == "ones"
    weights = net.get_weights()
    assert all((weights[n]["bias"] == 1).all() for n in ("h", "y"))
    assert net.count_params() == 17
    assert project.training["epochs"] == 2000 and project.training["batch_size"] is None
    assert project.data["preprocessing"]["scale"] == "standard" and project.data["preprocessing"]["scale_target"]
    assert "tutorial 002" in project.notes


@pytest.mark.parametrize("seed", range(3))
def test_nnstudio_takes_the_tutorials_steps_with_half_its_learning_rate(seed):
    # same start, same data: sgd 0.005 on mse (gradient 2 x error) is the tutorial's 0.01 on its error
    Xn, yn = _standardized()
    rng = np.random.default_rng(seed)
    w1, w2 = rng.standard_normal((2, 4)), rng.standard_normal((4, 1))
    expected = _tutorial_descent(Xn, yn, w1, w2, epochs=300)
    spec = chain([2], ("Dense", {"units": 4, "activation": "sigmoid"}), ("Dense", {"units": 1}))
    for loss, lr in (("mse", 0.005), ("sum_squared_error", 0.01 / 20)):
        net = Network.from_config(spec, dtype="float64")
        net.set_weights({"l1": {"kernel": w1, "bias": np.ones(4)}, "l2": {"kernel": w2, "bias": np.ones(1)}})
        hist = net.fit(Xn, yn, loss=loss, optimizer={"name": "sgd", "learning_rate": lr}, epochs=300,
                       batch_size=None, shuffle=False)
        curve = np.array(hist.history["loss"]) / (1 if loss == "mse" else 0.5 * len(Xn))
        np.testing.assert_allclose(curve, expected, rtol=1e-9)


def test_final_normalized_loss_and_predictions_in_thousand_euros(tmp_path):
    path = shutil.copy(samples_dir() / "house_price_network.nnproj", tmp_path / "houses.nnproj")
    project = load(path)
    runner.train(project)
    loss = project.history["loss"]
    assert len(loss) == 2000
    assert 0.05 < loss[-1] < 0.25  # the tutorial's code ends between 0.06 and 0.23 over 200 random starts
    assert loss[-1] < loss[0] and all(b <= a + 1e-6 for a, b in zip(loss[100:], loss[101:]))
    header, rows = predict_rows(project, np.array([[110.0, 7.0], [85.0, 12.0]]))
    first, second = (float(r[0]) for r in rows)
    assert header == ["prediction"]
    assert 200 < first < 232 and 163 < second < 185  # the tutorial's code: 201-230 and 165-183
    assert first > second  # bigger and newer is dearer


def test_keras_feed_forward_network_has_4929_parameters():
    # Dense(64, relu) on 10 inputs, Dense(64, relu), Dense(1, sigmoid): 704 + 4,160 + 65
    net = Network.from_config(chain([10], ("Dense", {"units": 64, "activation": "relu"}),
                                    ("Dense", {"units": 64, "activation": "relu"}),
                                    ("Dense", {"units": 1, "activation": "sigmoid"})))
    assert [row["params"] for row in net.summary_rows()] == [0, 704, 4160, 65]
    assert net.count_params() == 4929


def test_mnist_cnn_has_225034_parameters():
    # Conv 32 3x3 relu, max-pool 2, Conv 64 3x3 relu, max-pool 2, Flatten, Dense 128 relu, Dense 10 softmax
    net = Network.from_config(chain([28, 28, 1],
                                    ("Conv2D", {"filters": 32, "kernel_size": 3, "activation": "relu"}),
                                    ("MaxPooling2D", {"pool_size": 2}),
                                    ("Conv2D", {"filters": 64, "kernel_size": 3, "activation": "relu"}),
                                    ("MaxPooling2D", {"pool_size": 2}),
                                    ("Flatten", {}),
                                    ("Dense", {"units": 128, "activation": "relu"}),
                                    ("Dense", {"units": 10, "activation": "softmax"})))
    rows = net.summary_rows()
    assert [row["params"] for row in rows] == [0, 320, 0, 18496, 0, 0, 204928, 1290]
    assert net.count_params() == 225034
    assert net.predict(np.zeros((2, 28, 28, 1))).shape == (2, 10)
