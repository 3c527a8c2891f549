"""float64 gradient checks through whole networks: every differentiable activation inside Dense, every loss
with and without the fused path."""

import numpy as np
import pytest

from nnstudio.engine import Network, activations, gradcheck, losses

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
