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
                                    "he_normal", "lecun_uniform", "lecun_normal", "orthogonal"]
    for alias, name in [("xavier_uniform", "glorot_uniform"), ("xavier_normal", "glorot_normal"),
                        ("kaiming_uniform", "he_uniform"), ("kaiming_normal", "he_normal")]:
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
    assert "glorot_uniform" in info.value.message and "kaiming" not in info.value.message
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
