"""Every registered activation through the same checks: values and gradients against PyTorch's definitions,
float64 numerical gradient checks, dtype preservation, stability, config round trip, clear errors."""

import math

import numpy as np
import pytest

from nnstudio.engine import activations
from nnstudio.engine.errors import SpecError

ALL = activations.names()
DIFFERENTIABLE = [n for n in ALL if activations.get(n).differentiable]
ELEMENTWISE = [n for n in ALL if n != "softmax"]
# kinks where PyTorch picks a one-sided derivative; included on purpose
KINKS = np.array([0.0, -3.0, 3.0, 20.0, -20.0])


def _sample(seed=0, shape=(4, 7)):
    return np.random.default_rng(seed).normal(0.0, 3.0, shape)


def _away_from_kinks(z):
    # numerical differences straddling a kink are meaningless: nudge points within 1e-3 of one
    for k in KINKS:
        near = np.abs(z - k) < 1e-3
        z[near] = k + 1e-2
    return z


def test_names_are_the_documented_set():
    assert ALL == ["linear", "step", "sign", "sigmoid", "hard_sigmoid", "tanh", "relu", "leaky_relu",
                   "elu", "celu", "selu", "gelu", "swish", "softplus", "softsign", "softmax"]
    assert activations.get("silu").name == "swish"
    assert activations.get("logistic").name == "sigmoid"  # scikit-learn's activation="logistic"


@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_backward_matches_central_differences_in_float64(name):
    act = activations.get(name)
    z = _away_from_kinks(_sample(1))
    g = np.random.default_rng(2).normal(size=z.shape)
    analytic = act.backward(z, act.forward(z), g)
    eps = 1e-6
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += eps
        zm[idx] -= eps
        numeric[idx] = ((act.forward(zp) - act.forward(zm)) * g).sum() / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_agrees_with_backward(name):
    act = activations.get(name)
    z = np.concatenate([_sample(3).ravel(), KINKS]).reshape(1, -1)
    g = np.random.default_rng(4).normal(size=z.shape)
    np.testing.assert_allclose(act.backward(z, act.forward(z), g), g * act.derivative(z), rtol=1e-12,
                               atol=1e-15)


def _torch_fn(name, F):
    return {
        "linear": lambda t: t, "sign": lambda t: t.sign(), "sigmoid": lambda t: t.sigmoid(),
        "hard_sigmoid": F.hardsigmoid, "tanh": lambda t: t.tanh(), "relu": F.relu,
        "leaky_relu": F.leaky_relu, "elu": F.elu, "celu": F.celu, "selu": F.selu, "gelu": F.gelu, "swish": F.silu,
        "softplus": F.softplus, "softsign": F.softsign, "softmax": lambda t: F.softmax(t, dim=-1),
        "step": lambda t: (t >= 0).to(t.dtype),
    }[name]


@pytest.mark.parametrize("name", ALL)
def test_values_and_gradients_equal_torch_including_kinks(name):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    act = activations.get(name)
    z = np.concatenate([_sample(5).ravel(), KINKS, [-40.0, 40.0, 1.0]]).reshape(3, -1)
    g = np.random.default_rng(6).normal(size=z.shape)
    t = torch.tensor(z, requires_grad=True)
    out = _torch_fn(name, F)(t)
    np.testing.assert_allclose(act.forward(z), out.detach().numpy(), rtol=1e-14, atol=1e-15)
    if act.differentiable:
        out.backward(torch.tensor(g))
        # torch's CPU hardsigmoid backward multiplies by the float32 constant 1.0f/6.0f; we use exact 1/6
        rtol = 1e-7 if name == "hard_sigmoid" else 1e-12
        np.testing.assert_allclose(act.backward(z, act.forward(z), g), t.grad.numpy(), rtol=rtol,
                                   atol=1e-15)
    else:
        assert not act.backward(z, act.forward(z), g).any()


def test_parametrised_activations_equal_torch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    z = np.concatenate([_sample(7).ravel(), KINKS])
    t = torch.tensor(z)
    cases = [({"name": "leaky_relu", "alpha": 0.2}, lambda x: F.leaky_relu(x, 0.2)),
             ({"name": "elu", "alpha": 0.5}, lambda x: F.elu(x, 0.5)),
             ({"name": "celu", "alpha": 0.5}, lambda x: F.celu(x, 0.5)),
             ({"name": "celu", "alpha": 3.0}, lambda x: F.celu(x, 3.0)),
             ({"name": "softplus", "beta": 2.0, "threshold": 5.0}, lambda x: F.softplus(x, 2.0, 5.0))]
    for config, fn in cases:
        act = activations.get(config)
        np.testing.assert_allclose(act.forward(z), fn(t).numpy(), rtol=1e-14)
        tg = t.clone().requires_grad_(True)
        fn(tg).sum().backward()
        np.testing.assert_allclose(act.derivative(z), tg.grad.numpy(), rtol=1e-12)


def test_kink_derivatives_follow_pytorch():
    z = np.array([0.0])
    assert activations.get("relu").derivative(z)[0] == 0.0
    assert activations.get("leaky_relu").derivative(z)[0] == 0.01
    assert activations.get("elu").derivative(z)[0] == 1.0
    assert activations.get({"name": "celu", "alpha": 0.5}).derivative(z)[0] == 1.0
    assert activations.get("hard_sigmoid").derivative(np.array([-3.0, 0.0, 3.0])).tolist() == [0, 1 / 6, 0]
    assert activations.get("step").forward(np.array([-1e-300, 0.0, 2.0])).tolist() == [0.0, 1.0, 1.0]
    assert activations.get("sign").forward(np.array([-2.0, 0.0, 2.0])).tolist() == [-1.0, 0.0, 1.0]


def test_erf_matches_math_erf_to_float64_precision():
    x = np.concatenate([np.linspace(-9, 9, 20001), np.geomspace(1e-300, 1.0, 600),
                        -np.geomspace(1e-30, 1.0, 50), [0.5, 1.0, 7.999, 8.0, 30.0]])
    ref = np.array([math.erf(v) for v in x])
    got = activations.erf(x)
    rel = np.abs(got - ref) / np.maximum(np.abs(ref), np.finfo(float).tiny)
    assert rel.max() < 2e-15
    assert activations.erf(np.array([np.inf, -np.inf])).tolist() == [1.0, -1.0]
    assert np.isnan(activations.erf(np.array([np.nan])))[0]


def test_erfc_matches_math_erfc_including_its_tiny_tail():
    # the tail is what keeps GELU's small negative outputs exact
    x = np.concatenate([np.linspace(-6, 26, 20001), [0.0, 1.0, -1.0, 8.0]])
    ref = np.array([math.erfc(v) for v in x])
    got = activations.erfc(x)
    assert (np.abs(got - ref) / ref).max() < 3e-15
    assert activations.erfc(np.array([np.inf, -np.inf])).tolist() == [0.0, 2.0]
    assert np.isnan(activations.erfc(np.array([np.nan])))[0]


def test_gelu_negative_tail_is_accurate():
    # z * Phi(z) at z = -10: 1 + erf(z / sqrt 2) would cancel to a few digits; erfc keeps them all
    z = np.array([-10.0, -6.0, -3.0])
    exact = np.array([v * 0.5 * math.erfc(-v / math.sqrt(2)) for v in z])
    np.testing.assert_allclose(activations.get("gelu").forward(z), exact, rtol=5e-14)


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_kept(name, dtype):
    act = activations.get(name)
    z = _sample(8).astype(dtype)
    a = act.forward(z)
    assert a.dtype == dtype and a.shape == z.shape
    assert act.backward(z, a, np.ones_like(z)).dtype == dtype
    if name != "softmax":
        assert act.derivative(z).dtype == dtype


@pytest.mark.parametrize("name", ALL)
def test_extreme_inputs_stay_finite_without_warnings(name):
    # pytest turns overflow warnings into errors, so this also proves no branch overflows
    act = activations.get(name)
    z = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]])
    a = act.forward(z)
    assert np.isfinite(a).all()
    assert np.isfinite(act.backward(z, a, np.ones_like(z))).all()


def test_sigmoid_and_softmax_saturate_exactly():
    assert activations.get("sigmoid").forward(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]
    s = activations.get("softmax").forward(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(s, [[1.0, 0.0, 0.0]])


def test_softmax_rows_sum_to_one_and_have_no_elementwise_derivative():
    sm = activations.get("softmax")
    a = sm.forward(_sample(9, (5, 4, 3)))
    np.testing.assert_allclose(a.sum(axis=-1), 1.0)
    with pytest.raises(ValueError, match="backward"):
        sm.derivative(np.zeros((2, 3)))


def test_config_with_parameters_round_trips():
    act = activations.get({"name": "leaky_relu", "alpha": 0.3})
    assert act.get_config() == {"name": "leaky_relu", "alpha": 0.3}
    assert activations.get(act.get_config()).alpha == 0.3
    assert activations.get({"name": "elu"}).get_config() == "elu"
    assert activations.get(None).name == "linear"


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(SpecError) as info:
        activations.get("relu6")
    assert "relu6" in info.value.message and "leaky_relu" in info.value.message
    assert "silu" not in info.value.message  # aliases are not advertised


def test_bad_parameters_are_named():
    with pytest.raises(SpecError, match="'beta'") as info:
        activations.get({"name": "relu", "beta": 1})
    assert info.value.param == "beta"
    with pytest.raises(SpecError, match="'alpha'"):
        activations.get({"name": "leaky_relu", "alpha": "big"})
    with pytest.raises(SpecError, match="'beta'"):
        activations.get({"name": "softplus", "beta": 0})
    with pytest.raises(SpecError, match="'alpha'"):
        activations.get({"name": "celu", "alpha": 0.0})  # torch refuses alpha = 0 too (z / alpha)
    with pytest.raises(SpecError):
        activations.get(42)


@pytest.mark.parametrize("name", ALL)
def test_float32_values_are_float32_accurate(name):
    # against our float64 path (itself checked against torch in float64). torch's own float32 GELU is
    # less accurate in the negative tail (1 + erf cancels), so it is not the reference here
    z64 = _sample(10, (8, 16))
    z32 = z64.astype(np.float32)
    act = activations.get(name)
    got = act.forward(z32)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, act.forward(z32.astype(np.float64)), rtol=2e-6, atol=1e-30)


@pytest.mark.parametrize("alpha", [0.1, 0.5, 2.0])
def test_celu_with_other_alphas_passes_the_gradient_check_and_its_definition(alpha):
    # torch.nn.CELU: max(0, z) + min(0, alpha * (exp(z / alpha) - 1))
    act = activations.get({"name": "celu", "alpha": alpha})
    z = _away_from_kinks(_sample(11))
    expected = np.maximum(0, z) + np.minimum(0, alpha * (np.exp(z / alpha) - 1))
    np.testing.assert_allclose(act.forward(z), expected, rtol=1e-14, atol=1e-16)
    eps = 1e-6
    numeric = (act.forward(z + eps) - act.forward(z - eps)) / (2 * eps)
    np.testing.assert_allclose(act.derivative(z), numeric, rtol=1e-6, atol=1e-9)
    assert act.get_config() == {"name": "celu", "alpha": alpha}
