"""float64 gradient checks through whole networks: every differentiable activation inside Dense, every loss
with and without the fused path."""

import numpy as np
import pytest

from nnstudio.engine import Network, activations, gradcheck, losses
from nnstudio.engine.gradcheck import check, compare

from .helpers import chain

DIFFERENTIABLE = [n for n in activations.names() if activations.get(n).differentiable]


def test_every_differentiable_activation_is_listed():
    assert {"sigmoid", "tanh", "relu", "gelu", "softmax", "selu", "swish"} <= set(DIFFERENTIABLE)
    assert "step" not in DIFFERENTIABLE and "sign" not in DIFFERENTIABLE


@pytest.mark.parametrize("act", DIFFERENTIABLE)
def test_activation_inside_dense(act):
    net = Network.from_config(chain([3], ("Dense", {"units": 5, "activation": act}), ("Dense", {"units": 2})),
                              seed=4, dtype="float64")
    rng = np.random.default_rng(0)
    errors = gradcheck(net, rng.normal(size=(6, 3)) * 2, rng.normal(size=(6, 2)), "mse")
    assert max(errors.values()) < 1e-6, errors


def _targets(loss_name, n, k, rng):
    if loss_name == "sparse_categorical_crossentropy":
        return rng.integers(0, k, size=n)
    if losses.get(loss_name).one_hot_targets:
        return np.eye(k)[rng.integers(0, k, size=n)]
    if loss_name == "binary_crossentropy":
        return rng.integers(0, 2, size=(n, k)).astype(float)
    return rng.normal(size=(n, k))


def _output_activation(loss_name):
    return {"binary": "sigmoid", "multiclass": "softmax"}.get(losses.get(loss_name).metric_kind, "linear")


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("loss_name", losses.names())
def test_every_loss(loss_name, fused):
    k = 1 if loss_name == "binary_crossentropy" else 3
    act = _output_activation(loss_name)
    layers = [("Dense", {"units": 4, "activation": "tanh"}), ("Dense", {"units": k, "activation": act})]
    if not fused:
        layers.append(("Dropout", {"rate": 0.0}))  # the output node has no activation: no fused path
    net = Network.from_config(chain([3], *layers), seed=1, dtype="float64")
    assert net._fusable(losses.get(loss_name)) == (fused and losses.get(loss_name).fused(act))
    rng = np.random.default_rng(2)
    errors = gradcheck(net, rng.normal(size=(7, 3)), _targets(loss_name, 7, k, rng), loss_name)
    assert max(errors.values()) < 1e-6, errors


def test_gradcheck_leaves_the_network_untouched_and_reports_float64_errors():
    net = Network.from_config(chain([2], ("Dense", {"units": 2}), ("BatchNormalization", {})))
    before = net.get_weights()
    rng = np.random.default_rng(0)
    errors = gradcheck(net, rng.normal(size=(5, 2)), rng.normal(size=(5, 2)), "mse")
    assert set(errors) == {"l1/kernel", "l1/bias", "l2/gamma", "l2/beta"}
    assert max(errors.values()) < 1e-6  # the float32 network is checked on a float64 copy
    after = net.get_weights()
    for nid in before:
        for name in before[nid]:
            np.testing.assert_array_equal(before[nid][name], after[nid][name])


# ---- kinks: entries where the finite difference straddles a corner of the loss ----------------------------
def _relu_at_zero():
    """A ReLU layer whose bias is 0 fed an all-zero sample: its inputs sit exactly on the ReLU's corner."""
    net = Network.from_config(chain([3], ("Dense", {"units": 4, "activation": "relu"}), ("Dense", {"units": 2})),
                              seed=3, dtype="float64")
    weights = net.get_weights()
    weights["l1"]["bias"][:] = 0.0
    net.set_weights(weights)
    rng = np.random.default_rng(5)
    X = np.vstack([np.zeros((2, 3)), rng.normal(size=(4, 3))])
    return net, X, rng.normal(size=(6, 2))


def test_relu_inputs_at_exactly_zero_are_kinks_not_mismatches():
    # Regression (#13 item 7): `nnstudio gradcheck samples/digits_cnn.nnproj` reported MISMATCH 1.3e-1 on a
    # conv bias: its ReLU inputs were exactly 0 (zero pixels, zero bias), where the slope jumps.
    net, X, y = _relu_at_zero()
    results = check(net, X, y, "mse")
    assert results["l1/bias"].kinks > 0 and results["l1/bias"].ok
    assert max(r.error for r in results.values()) < 1e-6
    assert results["l2/kernel"].kinks == 0                      # smooth there: nothing to skip
    assert gradcheck(net, X, y, "mse") == {k: r.error for k, r in results.items()}


@pytest.mark.parametrize("make", [_relu_at_zero, lambda: (Network.from_config(
    chain([3], ("Dense", {"units": 4, "activation": "tanh"}), ("Dense", {"units": 2})), seed=3, dtype="float64"),
    np.random.default_rng(1).normal(size=(6, 3)), np.random.default_rng(2).normal(size=(6, 2)))],
    ids=["relu", "tanh"])
def test_a_wrong_backward_is_still_a_mismatch(monkeypatch, make):
    """Kinks are recognised by the loss itself, so a real backprop mistake is never excused as one."""
    net, X, y = make()
    act = net.layers["l1"].activation
    wrong = lambda z, a, grad_a, right=act.backward: 1.01 * right(z, a, grad_a)  # noqa: E731
    monkeypatch.setattr(type(act), "backward", lambda self, z, a, grad_a: wrong(z, a, grad_a))
    results = check(net, X, y, "mse")
    assert not results["l1/kernel"].ok and results["l1/kernel"].kinks == 0


# ---- compare: the entry-by-entry data of the gradient-check view ---------------------------------------------
def test_compare_gives_every_entry_and_agrees_with_check():
    net, X, y = _relu_at_zero()
    result = compare(net, X, y, "mse")
    assert set(result.tensors) == set(check(net, X, y, "mse"))
    _, grads = Network.from_config(net.to_config(), seed=3, dtype="float64").gradients(X, y, "mse")
    for key, c in result.tensors.items():
        nid, name = key.split("/")
        np.testing.assert_array_equal(c.index, np.arange(grads[nid][name].size))
        np.testing.assert_allclose(c.analytic, grads[nid][name].reshape(-1), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(c.central[~c.kink], c.analytic[~c.kink], rtol=1e-5, atol=1e-7)
        assert c.passes == 2 * c.index.size and c.seconds_up > 0 and c.seconds_down > 0
        assert c.summary() == check(net, X, y, "mse")[key]
    assert result.tensors["l1/bias"].kink.any() and result.backprop_seconds > 0


def test_forward_differences_are_first_order_and_central_second_order():
    net = Network.from_config(chain([3], ("Dense", {"units": 4, "activation": "tanh"}), ("Dense", {"units": 2})),
                              seed=3, dtype="float64")
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    coarse = compare(net, X, y, "mse", eps=1e-3).tensors["l1/kernel"]
    fine = compare(net, X, y, "mse", eps=1e-4).tensors["l1/kernel"]
    # error ~ eps for forward differences, ~ eps^2 for central ones: ten times smaller eps, 10x and 100x
    assert 5 < coarse.forward_error / fine.forward_error < 20
    assert 50 < coarse.central_error / fine.central_error < 200
    assert fine.central_error < fine.forward_error / 100


def test_compare_samples_entries_and_reports_progress():
    net, X, y = _relu_at_zero()
    seen = []
    result = compare(net, X, y, "mse", max_entries=5, seed=2, progress=lambda d, t: seen.append((d, t)))
    sizes = {key: c.index.size for key, c in result.tensors.items()}
    assert sizes == {"l1/kernel": 5, "l1/bias": 4, "l2/kernel": 5, "l2/bias": 2}
    kernel = result.tensors["l1/kernel"]
    assert len(set(kernel.index)) == 5 and kernel.index.max() < 12
    assert seen[-1] == (32, 32) and all(d <= t for d, t in seen)

    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop

    with pytest.raises(Stop):
        compare(net, X, y, "mse", progress=stop)
