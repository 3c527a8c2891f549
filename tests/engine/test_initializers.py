"""Initializers: Keras fans, the spread of large draws against each stated formula, determinism, dtype,
orthogonality, config round trip and errors."""

import math

import numpy as np
import pytest

from nnstudio.engine import initializers
from nnstudio.engine.errors import SpecError

SHAPE = (400, 600)  # 240,000 draws: sample std within ~0.3% of the truth
FAN_IN, FAN_OUT = SHAPE

# name -> (expected std, bound on |w - mean| or None)
VS_STD = {
    "glorot_uniform": math.sqrt(2 / (FAN_IN + FAN_OUT)),
    "glorot_normal": math.sqrt(2 / (FAN_IN + FAN_OUT)),
    "he_uniform": math.sqrt(2 / FAN_IN),
    "he_normal": math.sqrt(2 / FAN_IN),
    "lecun_uniform": math.sqrt(1 / FAN_IN),
    "lecun_normal": math.sqrt(1 / FAN_IN),
}
UNIFORM_LIMIT = {
    "glorot_uniform": math.sqrt(6 / (FAN_IN + FAN_OUT)),
    "he_uniform": math.sqrt(6 / FAN_IN),
    "lecun_uniform": math.sqrt(3 / FAN_IN),
}


def _draw(config, shape=SHAPE, seed=0, dtype=np.float64):
    return initializers.get(config)(shape, np.random.default_rng(seed), dtype)


def test_names_and_aliases():
    assert initializers.names() == ["zeros", "ones", "constant", "random_uniform", "random_normal",
                                    "truncated_normal", "glorot_uniform", "glorot_normal", "he_uniform",
                                    "he_normal", "lecun_uniform", "lecun_normal", "orthogonal",
                                    "kaiming_normal", "kaiming_uniform", "xavier_normal", "xavier_uniform",
                                    "torch_default"]
    # the torch.nn.init names are their own initializers now, no longer aliases of Keras's
    for name in ("xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal"):
        assert initializers.get(name).name == name
    for alias, name in [("zero", "zeros"), ("one", "ones"), ("uniform", "random_uniform"),
                        ("normal", "random_normal")]:
        assert initializers.get(alias).name == name


@pytest.mark.parametrize("shape, fans", [
    ((7,), (7, 7)), ((3, 5), (3, 5)), ((3, 3, 16, 32), (144, 288)), ((5, 4, 8), (20, 40)), ((), (1, 1))])
def test_compute_fans_as_keras(shape, fans):
    assert initializers.compute_fans(shape) == fans


@pytest.mark.parametrize("name", sorted(VS_STD))
def test_variance_scaling_spread_follows_the_formula(name):
    w = _draw(name)
    expected = VS_STD[name]
    assert abs(w.std() / expected - 1) < 0.01
    assert abs(w.mean()) < 5 * expected / math.sqrt(w.size)
    if name in UNIFORM_LIMIT:
        limit = UNIFORM_LIMIT[name]
        assert np.abs(w).max() <= limit and np.abs(w).max() > 0.999 * limit
    else:  # truncated at 2 stddev of the corrected (pre-truncation) normal
        bound = 2 * expected / 0.87962566103423978
        assert np.abs(w).max() <= bound and np.abs(w).max() > 0.99 * bound


def test_conv_kernel_uses_receptive_field_fans():
    w = _draw("he_normal", shape=(3, 3, 16, 64))  # fan_in = 3*3*16 = 144
    assert abs(w.std() / math.sqrt(2 / 144) - 1) < 0.02


def test_random_and_constant_initializers():
    w = _draw({"name": "random_uniform", "minval": -1.0, "maxval": 3.0})
    assert w.min() >= -1 and w.max() < 3 and abs(w.mean() - 1) < 0.01
    assert abs(w.std() / (4 / math.sqrt(12)) - 1) < 0.01
    w = _draw({"name": "random_normal", "mean": 2.0, "stddev": 0.5})
    assert abs(w.mean() - 2) < 0.005 and abs(w.std() / 0.5 - 1) < 0.01
    w = _draw({"name": "truncated_normal", "mean": 1.0, "stddev": 0.1})
    assert np.abs(w - 1).max() <= 0.2 and abs(w.mean() - 1) < 0.001
    assert abs(w.std() / (0.1 * 0.87962566103423978) - 1) < 0.01  # Keras: stddev is before truncation
    w = _draw("random_normal")
    assert abs(w.std() / 0.05 - 1) < 0.01  # default stddev 0.05
    assert not _draw("zeros", (3, 2)).any()
    assert (_draw("ones", (3, 2)) == 1).all()
    assert (_draw({"name": "constant", "value": -0.5}, (4,)) == -0.5).all()


@pytest.mark.parametrize("name", initializers.names())
def test_seed_determinism_and_dtype(name):
    a = _draw(name, (20, 30), seed=7, dtype=np.float32)
    b = _draw(name, (20, 30), seed=7, dtype=np.float32)
    c = _draw(name, (20, 30), seed=7, dtype=np.float64)
    assert a.dtype == np.float32 and c.dtype == np.float64 and a.shape == (20, 30)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c.astype(np.float32))  # float32 and float64 nets start alike
    if name not in ("zeros", "ones", "constant"):
        assert not np.array_equal(c, _draw(name, (20, 30), seed=8))


@pytest.mark.parametrize("shape", [(50, 20), (20, 50), (16, 16), (3, 3, 4, 8)])
def test_orthogonal_rows_or_columns_are_orthonormal(shape):
    w = _draw({"name": "orthogonal", "gain": 2.0}, shape).reshape(-1, shape[-1])
    rows, cols = w.shape
    gram = w.T @ w if rows >= cols else w @ w.T
    np.testing.assert_allclose(gram, 4.0 * np.eye(min(rows, cols)), atol=1e-12)


def test_orthogonal_refuses_a_bias_vector():
    with pytest.raises(SpecError, match="at least 2 dimensions"):
        _draw("orthogonal", (10,))


def test_config_with_parameters():
    init = initializers.get({"name": "random_uniform", "minval": -1, "maxval": 1})
    assert init.get_config() == {"name": "random_uniform", "minval": -1.0, "maxval": 1.0}
    assert initializers.get({"name": "constant", "value": 0}).get_config() == "constant"


def test_errors_are_clear():
    with pytest.raises(SpecError) as info:
        initializers.get("xavier")
    assert "glorot_uniform" in info.value.message and "'zero'" not in info.value.message
    with pytest.raises(SpecError, match="'scale'") as info:
        initializers.get({"name": "he_normal", "scale": 3})
    assert info.value.param == "scale"
    with pytest.raises(SpecError, match="minval < maxval"):
        initializers.get({"name": "random_uniform", "minval": 1, "maxval": 1})
    with pytest.raises(SpecError, match="'stddev'"):
        initializers.get({"name": "random_normal", "stddev": -1})
    with pytest.raises(SpecError, match="'value'"):
        initializers.get({"name": "constant", "value": float("nan")})
    with pytest.raises(SpecError):
        initializers.get(3.0)


# --- torch.nn.init: untruncated normals, torch's gains and fan modes ------------------------------------------

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": math.sqrt(2), "selu": 0.75}
# (config, expected std with SHAPE's fans, distribution)
TORCH_CASES = [
    ("kaiming_normal", math.sqrt(2) / math.sqrt(FAN_IN), "normal"),  # torch default: leaky_relu with a = 0
    ("kaiming_uniform", math.sqrt(2) / math.sqrt(FAN_IN), "uniform"),
    ({"name": "kaiming_normal", "mode": "fan_out", "nonlinearity": "relu"}, math.sqrt(2 / FAN_OUT), "normal"),
    ({"name": "kaiming_uniform", "a": math.sqrt(5)}, math.sqrt(2 / 6) / math.sqrt(FAN_IN), "uniform"),
    ({"name": "kaiming_normal", "a": 0.2, "nonlinearity": "leaky_relu"}, math.sqrt(2 / 1.04 / FAN_IN),
     "normal"),
    ({"name": "kaiming_normal", "nonlinearity": "tanh"}, 5 / 3 / math.sqrt(FAN_IN), "normal"),
    ({"name": "kaiming_uniform", "nonlinearity": "linear", "mode": "fan_out"}, 1 / math.sqrt(FAN_OUT),
     "uniform"),
    ("xavier_normal", math.sqrt(2 / (FAN_IN + FAN_OUT)), "normal"),
    ("xavier_uniform", math.sqrt(2 / (FAN_IN + FAN_OUT)), "uniform"),
    ({"name": "xavier_normal", "gain": 5 / 3}, 5 / 3 * math.sqrt(2 / (FAN_IN + FAN_OUT)), "normal"),
    ({"name": "xavier_uniform", "gain": 2.0}, 2 * math.sqrt(2 / (FAN_IN + FAN_OUT)), "uniform"),
    ("torch_default", 1 / math.sqrt(3 * FAN_IN), "uniform"),
]


@pytest.mark.parametrize("config, std, distribution", TORCH_CASES,
                         ids=[str(c) if isinstance(c, str) else "-".join(map(str, c.values()))
                              for c, _, _ in TORCH_CASES])
def test_torch_initializers_spread_follows_torch_formula(config, std, distribution):
    w = _draw(config)
    assert abs(w.std() / std - 1) < 0.01
    assert abs(w.mean()) < 5 * std / math.sqrt(w.size)
    peak = np.abs(w).max()
    if distribution == "uniform":  # bound sqrt(3) x std, reached
        assert peak <= math.sqrt(3) * std and peak > 0.999 * math.sqrt(3) * std
    else:  # untruncated: 240,000 normal draws reach beyond 4 std (P(all within) < 1e-3), Keras's stop at 2.27
        assert peak > 4 * std
        excess_kurtosis = np.mean((w / w.std()) ** 4) - 3
        assert abs(excess_kurtosis) < 0.1  # a normal's is 0; a 2-std truncation gives about -0.8


def test_keras_names_keep_their_truncation_while_torch_names_do_not():
    keras = _draw("he_normal")
    torch_like = _draw({"name": "kaiming_normal", "nonlinearity": "relu"})
    assert abs(keras.std() / torch_like.std() - 1) < 0.01  # same std sqrt(2 / fan_in) ...
    assert np.abs(keras).max() < 2.3 * keras.std() < 4 * torch_like.std() < np.abs(torch_like).max()


def test_torch_gain_table_is_calculate_gain():
    for name, gain in GAINS.items():
        assert initializers.torch_gain(name) == pytest.approx(gain, rel=1e-15)
    assert initializers.torch_gain("leaky_relu", 0.0) == pytest.approx(math.sqrt(2))
    assert initializers.torch_gain("leaky_relu", math.sqrt(5)) == pytest.approx(math.sqrt(1 / 3))


def test_torch_default_bounds_bias_by_the_layers_fan_in():
    # nn.Linear(5, 3): weights and biases both uniform on +-1/sqrt(5), whatever the number of outputs
    from nnstudio.engine.network import Network

    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [5]}},
                      {"id": "l", "type": "Dense", "params": {"units": 3000, "kernel_initializer": "torch_default",
                                                              "bias_initializer": "torch_default"}}],
            "edges": [["x", "l"]]}
    w = Network.from_config(spec, seed=0).get_weights()["l"]
    bound = 1 / math.sqrt(5)
    for value in (w["kernel"], w["bias"]):
        assert np.abs(value).max() <= bound * (1 + 1e-6) and np.abs(value).max() > 0.99 * bound
        assert abs(value.std() / (bound / math.sqrt(3)) - 1) < 0.05
    # drawn alone (no layer), a bias vector falls back to its own length as fan-in
    alone = initializers.get("torch_default")((400,), np.random.default_rng(0), np.float64)
    assert np.abs(alone).max() <= 1 / math.sqrt(400)


def test_torch_conv_kernel_fans_match_torch():
    # torch weight (out, in, kh, kw) has fan_in = in*kh*kw, fan_out = out*kh*kw; ours (kh, kw, in, out) too
    w = _draw({"name": "kaiming_normal", "mode": "fan_out", "nonlinearity": "relu"}, shape=(3, 3, 16, 64))
    assert abs(w.std() / math.sqrt(2 / (64 * 9)) - 1) < 0.02


def test_torch_initializer_parameters_are_checked():
    with pytest.raises(SpecError, match="'nonlinearity'"):
        initializers.get({"name": "kaiming_normal", "nonlinearity": "swish"})
    with pytest.raises(SpecError, match="'mode'"):
        initializers.get({"name": "kaiming_uniform", "mode": "fan_avg"})
    with pytest.raises(SpecError, match="'a'"):
        initializers.get({"name": "kaiming_uniform", "a": -1})
    with pytest.raises(SpecError, match="'gain'"):
        initializers.get({"name": "xavier_normal", "gain": -1})
    config = {"name": "kaiming_normal", "a": 0.0, "mode": "fan_out", "nonlinearity": "relu"}
    assert initializers.get(config).get_config() == config


TORCH_REFERENCE = [  # (our config, torch.nn.init call on a (out, in) weight)
    ("kaiming_normal", lambda init, t: init.kaiming_normal_(t)),
    ("kaiming_uniform", lambda init, t: init.kaiming_uniform_(t)),
    ({"name": "kaiming_normal", "mode": "fan_out", "nonlinearity": "relu"},
     lambda init, t: init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu")),
    ({"name": "kaiming_uniform", "a": 0.3}, lambda init, t: init.kaiming_uniform_(t, a=0.3)),
    ("xavier_normal", lambda init, t: init.xavier_normal_(t)),
    ({"name": "xavier_uniform", "gain": 5 / 3}, lambda init, t: init.xavier_uniform_(t, gain=5 / 3)),
]


@pytest.mark.parametrize("config, call", TORCH_REFERENCE, ids=[str(c) for c, _ in TORCH_REFERENCE])
def test_distribution_parameters_equal_torch(config, call):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    t = torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)  # torch stores (out, in); ours is (in, out)
    call(torch.nn.init, t)
    theirs = t.numpy()
    ours = _draw(config)
    assert abs(ours.std() / theirs.std() - 1) < 0.02
    assert abs(np.abs(ours).max() / np.abs(theirs).max() - 1) < 0.2


def test_torch_default_equals_nn_linear_bounds():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    layer = torch.nn.Linear(FAN_IN, FAN_OUT).double()
    for theirs in (layer.weight.detach().numpy(), layer.bias.detach().numpy()):
        ours = initializers.get("torch_default")(theirs.shape[::-1], np.random.default_rng(0), np.float64,
                                                 layer_fan_in=FAN_IN)
        assert abs(np.abs(ours).max() / np.abs(theirs).max() - 1) < 0.02
