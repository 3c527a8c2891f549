"""Tutorial 003: the course's losses (1/2 sum of squares, cross-entropy with its epsilon, averaged over a
mini-batch), numerical gradients of f(x0, x1) = x0^2 + x1^2, gradient descent on it, and the two-layer
network's backpropagated gradient against the numerical one. Its MNIST run waits for #15.
Listed with the expected figures in docs/course.md."""

import math

import numpy as np
import pytest

from nnstudio.engine import gradcheck, losses, optimizers
from nnstudio.engine.gradcheck import numerical_gradient
from nnstudio.engine.network import Network

from ..engine.helpers import chain

# the textbook's example: the correct class is 2; a confident right answer, then a confident wrong one
T = np.eye(10)[[2]]
Y_RIGHT = np.array([[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]])
Y_WRONG = np.array([[0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]])


def square_sum(x):
    return x[0] ** 2 + x[1] ** 2


def test_half_sum_of_squares():
    sse = losses.get("sum_squared_error")
    assert sse(Y_RIGHT, T) == pytest.approx(0.0975, rel=1e-12)
    assert sse(Y_WRONG, T) == pytest.approx(0.5975, rel=1e-12)


def test_cross_entropy_with_the_epsilon_inside_the_log():
    ce = losses.get("cross_entropy_error")  # the tutorial's delta, 1e-8
    assert ce(Y_RIGHT, T) == pytest.approx(-math.log(0.6 + 1e-8), rel=1e-12)   # 0.5108
    assert ce(Y_WRONG, T) == pytest.approx(-math.log(0.1 + 1e-8), rel=1e-12)   # 2.3026
    book = losses.get({"name": "cross_entropy_error", "epsilon": 1e-7})
    assert book(Y_RIGHT, T) == pytest.approx(0.510825457, rel=1e-8)
    assert book(Y_WRONG, T) == pytest.approx(2.302584093, rel=1e-8)
    # a zero probability on the right class stays finite: -ln(1e-8) = 18.42
    assert ce(np.eye(10)[[0]], T) == pytest.approx(-math.log(1e-8), rel=1e-12)


def test_mini_batch_cross_entropy_is_the_mean_of_the_rows():
    ce = losses.get("cross_entropy_error")
    batch = np.vstack([Y_RIGHT, Y_WRONG])
    targets = np.vstack([T, T])
    assert ce(batch, targets) == pytest.approx((ce(Y_RIGHT, T) + ce(Y_WRONG, T)) / 2, rel=1e-14)


@pytest.mark.parametrize("point, gradient", [((3.0, 4.0), (6.0, 8.0)), ((0.0, 2.0), (0.0, 4.0)),
                                             ((3.0, 0.0), (6.0, 0.0))])
def test_numerical_gradient_of_the_square_sum(point, gradient):
    x = np.array(point)
    np.testing.assert_allclose(numerical_gradient(square_sum, x), gradient, atol=1e-9)
    assert x.tolist() == list(point)  # left unchanged


def _descend(learning_rate, steps=100):
    x = {"x": np.array([-3.0, 4.0])}
    sgd = optimizers.get({"name": "sgd", "learning_rate": learning_rate})
    for _ in range(steps):
        sgd.step(x, {"x": numerical_gradient(square_sum, x["x"])})
    return x["x"]


def test_gradient_descent_from_minus_3_4_reaches_the_minimum():
    # x <- x - 0.1 * 2x shrinks x by 0.8 a step: after 100 steps (-3, 4) x 0.8^100 = (-6.1e-10, 8.1e-10)
    np.testing.assert_allclose(_descend(0.1), np.array([-3.0, 4.0]) * 0.8 ** 100, rtol=1e-6)


def test_too_large_or_too_small_learning_rates():
    assert np.abs(_descend(10.0)).max() > 1e10  # each step overshoots further: it diverges
    np.testing.assert_allclose(_descend(1e-10), [-3.0, 4.0], rtol=1e-7)  # it barely moves


def _two_layer_net(inputs, hidden, outputs):
    # weight_init_std 0.01 normal weights, zero biases, sigmoid hidden layer, softmax output
    small = {"name": "random_normal", "stddev": 0.01}
    return chain([inputs], ("Dense", {"units": hidden, "activation": "sigmoid", "kernel_initializer": small}),
                 ("Dense", {"units": outputs, "activation": "softmax", "kernel_initializer": small}))


def test_two_layer_net_has_the_mnist_sizes():
    net = Network.from_config(_two_layer_net(784, 100, 10))
    assert net.count_params() == 784 * 100 + 100 + 100 * 10 + 10 == 79510
    w = net.get_weights()
    assert abs(w["l1"]["kernel"].std() - 0.01) < 0.0005 and not w["l1"]["bias"].any()


def test_two_layer_net_backprop_agrees_with_numerical_gradients():
    # the course's check on a small copy of the network (the full 784-100-10 has 79,510 weights)
    net = Network.from_config(_two_layer_net(6, 5, 3), seed=0, dtype="float64")
    w = net.get_weights()
    rng = np.random.default_rng(0)
    w["l1"]["kernel"] = rng.normal(0, 1, (6, 5))  # larger than 0.01 so every gradient is far above round-off
    w["l2"]["kernel"] = rng.normal(0, 1, (5, 3))
    net.set_weights(w)
    X, labels = rng.normal(size=(8, 6)), rng.integers(0, 3, 8)
    errors = gradcheck(net, X, np.eye(3)[labels], "cross_entropy_error")
    assert max(errors.values()) < 1e-7, errors


def test_a_softmax_output_passes_through_the_course_cross_entropy():
    # predict() gives probabilities; the loss of the course is computed on them (epsilon and all)
    net = Network.from_config(_two_layer_net(4, 5, 3), seed=0, dtype="float64")
    X, labels = np.random.default_rng(2).normal(size=(5, 4)), np.array([0, 1, 2, 0, 1])
    p = net.predict(X)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert net.evaluate(X, np.eye(3)[labels], "cross_entropy_error")["loss"] == pytest.approx(
        -np.mean(np.log(p[np.arange(5), labels] + 1e-8)), rel=1e-12)


def test_the_mnist_sample_runs_the_tutorials_10000_mini_batches():
    """MNIST's 60,000 training and 10,000 test images; the sample keeps 10,000 training images for validation,
    so 20 epochs of 100-image batches are the tutorial's 10,000 iterations."""
    from nnstudio.data import Dataset
    from nnstudio.paths import samples_dir
    from nnstudio.project import load

    project = load(samples_dir() / "mnist_two_layer.nnproj")
    y = np.arange(70_000) % 10
    mnist = Dataset(np.zeros((70_000, 1)), y, ["pixel"], "digit", "multiclass", [str(d) for d in range(10)],
                    fixed_test=np.arange(60_000, 70_000))
    split = project.data["split"]
    train, val, test = mnist.split(val=split["val"], test=split["test"])
    assert (len(train), len(val), len(test)) == (50_000, 10_000, 10_000)
    batches = math.ceil(len(train) / project.training["batch_size"])
    assert batches * project.training["epochs"] == 10_000
    assert project.goal["epochs"] == project.training["epochs"]
