"""Tutorial 004: activation functions and their derivatives at chosen points (sigmoid, tanh, ReLU, ELU, CELU,
softmax), torch.nn.init on nn.Linear(5, 3) (uniform, constant, zeros, ones, normal, Kaiming, Xavier, and
torch's default), and the 3-3-2-2 model with per-layer initialisation. Listed in docs/course.md."""

import math

import numpy as np
import pytest

from nnstudio.engine import activations, initializers
from nnstudio.engine.network import Network

from ..engine.helpers import chain

# (activation config, z, f(z), f'(z)) at points the tutorial's plots and formulas single out
POINTS = [
    ("sigmoid", 0.0, 0.5, 0.25),                                   # f' = f (1 - f), at most 1/4
    ("sigmoid", 6.0, 1 / (1 + math.exp(-6)), math.exp(-6) / (1 + math.exp(-6)) ** 2),  # edge of [-6, 6]
    ("tanh", 0.0, 0.0, 1.0),                                       # f' = 1 - f^2, at most 1
    ("tanh", 3.0, math.tanh(3), 1 - math.tanh(3) ** 2),            # edge of [-3, 3]
    ("relu", -2.0, 0.0, 0.0),
    ("relu", 2.0, 2.0, 1.0),
    ("relu", 0.0, 0.0, 0.0),   # the tutorial writes f'(0) = 1; nnstudio follows PyTorch: 0
    ("elu", -1.0, math.exp(-1) - 1, math.exp(-1)),                 # alpha = 1
    ("elu", 2.0, 2.0, 1.0),
    ({"name": "celu", "alpha": 0.001}, -0.001, 0.001 * (math.exp(-1) - 1), math.exp(-1)),  # show(torch.celu, 0.001)
    ({"name": "celu", "alpha": 0.001}, -20.0, -0.001, 0.0),       # the plot's left end: flat at -alpha
    ({"name": "celu", "alpha": 1.0}, -1.0, math.exp(-1) - 1, math.exp(-1)),  # alpha 1: the same as elu
]


@pytest.mark.parametrize("config, z, value, slope", POINTS, ids=[f"{c if isinstance(c, str) else c['name']}"
                                                                 f"@{z}" for c, z, _, _ in POINTS])
def test_activation_values_and_derivatives_at_chosen_points(config, z, value, slope):
    act = activations.get(config)
    assert act.forward(np.array([z]))[0] == pytest.approx(value, rel=1e-12, abs=1e-300)
    assert act.derivative(np.array([z]))[0] == pytest.approx(slope, rel=1e-12, abs=1e-300)


def test_derivative_ranges_on_the_plots_interval():
    z = np.linspace(-20, 20, 1001)
    sigmoid_slope = activations.get("sigmoid").derivative(z)
    assert sigmoid_slope.max() == pytest.approx(0.25) and sigmoid_slope.min() > 0  # (0, 0.25]
    tanh_slope = activations.get("tanh").derivative(z)
    assert tanh_slope.max() == pytest.approx(1.0) and tanh_slope.min() >= 0
    # five sigmoid layers multiply at most 0.25^5 ~ 0.001 into a gradient: why it vanishes
    assert 0.25 ** 5 < 1e-3


def test_softmax_of_the_tutorials_scores():
    scores = np.array([0.2, 0.02, 0.15, 0.15, 0.15, 0.15, 1, 3.14])
    p = activations.get("softmax").forward(scores)
    np.testing.assert_allclose(p, np.exp(scores) / np.exp(scores).sum(), rtol=1e-14)
    assert p.sum() == pytest.approx(1.0) and p.argmax() == 7


# nn.Linear(5, 3): torch stores the weight as (3, 5), nnstudio's kernel as (5, 3); fan_in 5, fan_out 3
FAN_IN, FAN_OUT = 5, 3
DRAWS = 20000  # kernels of (5, 3) drawn: 300,000 weights, so a sample std is within ~0.5 % of the truth


def _many(config):
    """DRAWS independent (5, 3) kernels, as many nn.Linear(5, 3) layers would start."""
    init = initializers.get(config)
    rng = np.random.default_rng(0)
    return np.stack([init((FAN_IN, FAN_OUT), rng, np.float64) for _ in range(DRAWS)])


@pytest.mark.parametrize("config, low, high", [
    ({"name": "random_uniform", "minval": 0.0, "maxval": 1.0}, 0.0, 1.0),     # nn.init.uniform_
    ("kaiming_uniform", -math.sqrt(6 / FAN_IN), math.sqrt(6 / FAN_IN)),       # gain sqrt 2 x sqrt(3 / fan_in)
    ("xavier_uniform", -math.sqrt(6 / (FAN_IN + FAN_OUT)), math.sqrt(6 / (FAN_IN + FAN_OUT))),
    ("torch_default", -1 / math.sqrt(FAN_IN), 1 / math.sqrt(FAN_IN)),          # what nn.Linear(5, 3) starts from
])
def test_uniform_initializers_fill_their_interval(config, low, high):
    w = _many(config)
    width = high - low
    assert low <= w.min() < low + 0.001 * width and high - 0.001 * width < w.max() < high
    assert abs(w.std() / (width / math.sqrt(12)) - 1) < 0.01
    assert abs(w.mean() - (low + high) / 2) < 5 * width / math.sqrt(12 * w.size)


@pytest.mark.parametrize("config, mean, std", [
    ({"name": "random_normal", "mean": 0.0, "stddev": 1.0}, 0.0, 1.0),         # nn.init.normal_
    ("kaiming_normal", 0.0, math.sqrt(2 / FAN_IN)),                            # std sqrt(2 / fan_in)
    ("xavier_normal", 0.0, math.sqrt(2 / (FAN_IN + FAN_OUT))),                 # std sqrt(2 / (in + out))
])
def test_normal_initializers_have_the_stated_spread(config, mean, std):
    w = _many(config)
    assert abs(w.mean() - mean) < 5 * std / math.sqrt(w.size)
    assert abs(w.std() / std - 1) < 0.01
    assert np.abs(w - mean).max() > 4 * std  # untruncated, as torch draws them


def test_constant_zeros_and_ones():
    shape = (FAN_IN, FAN_OUT)
    rng = np.random.default_rng(0)
    assert (initializers.get({"name": "constant", "value": 5.0})(shape, rng) == 5).all()
    assert not initializers.get("zeros")(shape, rng).any()
    assert (initializers.get("ones")(shape, rng) == 1).all()


def _three_three_two_two():
    # Linear(3, 3) xavier_normal + sigmoid, Linear(3, 2) kaiming_normal + relu, Linear(2, 2) + softmax;
    # biases (and the last weights) as torch's nn.Linear leaves them
    return chain([3],
                 ("Dense", {"units": 3, "activation": "sigmoid", "kernel_initializer": "xavier_normal",
                            "bias_initializer": "torch_default"}),
                 ("Dense", {"units": 2, "activation": "relu", "kernel_initializer": "kaiming_normal",
                            "bias_initializer": "torch_default"}),
                 ("Dense", {"units": 2, "activation": "softmax", "kernel_initializer": "torch_default",
                            "bias_initializer": "torch_default"}))


def test_the_3_3_2_2_model():
    net = Network.from_config(_three_three_two_two(), seed=0)
    assert [row["params"] for row in net.summary_rows()] == [0, 12, 8, 6]
    assert net.count_params() == 26
    out = net.predict(np.random.default_rng(0).normal(size=(5, 3)))  # torch.randn(5, 3)
    assert out.shape == (5, 2)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-6)


def test_the_3_3_2_2_model_starts_with_torchs_statistics():
    # many networks: each layer's weights spread as torch.nn.init draws them
    kernels = {"l1": [], "l2": [], "l3": [], "b3": []}
    for seed in range(3000):
        w = Network.from_config(_three_three_two_two(), seed=seed, dtype="float64").get_weights()
        for key in ("l1", "l2", "l3"):
            kernels[key].append(w[key]["kernel"].ravel())
        kernels["b3"].append(w["l3"]["bias"])
    spread = {k: np.concatenate(v) for k, v in kernels.items()}
    assert abs(spread["l1"].std() / math.sqrt(2 / 6) - 1) < 0.03   # xavier_normal, fans 3 and 3
    assert abs(spread["l2"].std() / math.sqrt(2 / 3) - 1) < 0.03   # kaiming_normal, fan_in 3
    bound = 1 / math.sqrt(2)                                       # torch's default for Linear(2, 2)
    for key in ("l3", "b3"):
        assert np.abs(spread[key]).max() <= bound and np.abs(spread[key]).max() > 0.99 * bound
