"""Activations and gradients through depth at initialisation: the classic Xavier/He facts, numerically."""

import numpy as np
import pytest

from nnstudio.engine import Network
from nnstudio.engine.depth_stats import (CLASSIC, Choice, coinciding, compare, dense_chain, measure, stack_spec,
                                         with_initializer)
from nnstudio.engine.errors import SpecError

from .helpers import chain


def _by_label(results):
    return {r.label: r for r in results}


def test_he_with_relu_keeps_the_spread_and_draws_var_2_over_fan_in():
    he = measure(stack_spec(10, 100, "relu", "he_normal"), label="He")
    for layer in he.layers:
        assert layer.kernel_var == pytest.approx(2 / layer.fan_in, rel=0.15)  # Keras' truncated normal
    second_moments = [float((s.activations ** 2).mean()) for s in he.layers]
    # He: E[a^2] stays at E[x^2] = 1 through every layer (up to the sampling noise of 100 units)
    assert max(second_moments) / min(second_moments) < 2.5
    assert 0.4 < second_moments[-1] < 2.5


def test_xavier_var_and_small_weights_collapse_big_ones_saturate_under_tanh():
    results = _by_label(compare(stack_spec(10, 100, "tanh")))
    assert set(results) == {c.label for c in CLASSIC}
    xavier = results["Xavier"]
    assert xavier.layers[0].kernel_var == pytest.approx(2 / (100 + 100), rel=0.15)
    small = results["N(0, 0.01)"].stds("activations")
    assert small[0] == pytest.approx(0.1, rel=0.1)           # sqrt(100 * 0.01^2) * std(x)
    assert np.all(np.diff(small) < 0) and small[-1] < 1e-8   # each layer multiplies by about 0.1
    big = results["N(0, 1)"]
    for layer in big.layers:
        assert np.mean(np.abs(layer.activations) > 0.95) > 0.7  # most units sit at ±1
    assert not np.any(results["zeros"].stds("activations"))
    assert np.all(xavier.stds("activations") > 0.15)


def test_the_walk_back_equals_the_networks_own_gradients():
    spec = stack_spec(4, 6, "tanh", "glorot_uniform")
    stats = measure(spec, batch=7, seed=3)
    net = Network.from_config(spec, seed=3, dtype="float64")
    rng = np.random.default_rng([3, 1])
    X = rng.normal(size=(7, 6))
    g = rng.normal(size=(7, 6))
    y = net.predict(X) - g * 7 * 6 / 2  # mse's gradient 2 (y - t) / (N D) is then exactly g
    _, grads = net.gradients(X, y, "mse")
    outs = net.forward_all(X)
    for layer in stats.layers:
        np.testing.assert_allclose(layer.kernel_gradient, grads[layer.node_id]["kernel"], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(layer.gradients.sum(axis=0), grads[layer.node_id]["bias"], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(layer.activations, outs[layer.node_id], rtol=1e-12)


def test_histograms_share_one_range_and_sum_to_one():
    stats = measure(stack_spec(3, 20, "relu", "he_normal"), batch=50)
    edges, fractions = stats.histograms("activations", bins=21)
    assert edges.shape == (22,) and fractions.shape == (3, 21)
    np.testing.assert_allclose(fractions.sum(axis=1), 1.0)
    assert edges[-1] == -edges[0] > 0
    zero = measure(stack_spec(3, 20, "tanh", "zeros"), batch=50)
    edges, fractions = zero.histograms("activations", bins=21)
    assert (edges[0], edges[-1]) == (-1.0, 1.0) and np.all(fractions[:, 10] == 1.0)


def test_the_current_network_when_it_is_a_dense_chain():
    spec = chain([4], ("Dense", {"units": 8, "activation": "relu"}), ("Dense", {"units": 3, "activation": "softmax"}))
    assert dense_chain(spec) == ["l1", "l2"]
    results = compare(spec, (Choice("He", "he_normal"),), batch=30)
    assert [s.activations.shape for s in results[0].layers] == [(30, 8), (30, 3)]
    assert with_initializer(spec, "zeros")["nodes"][1]["params"]["kernel_initializer"] == "zeros"
    assert "kernel_initializer" not in spec["nodes"][1]["params"]  # the original is left alone
    conv = chain([4, 4, 1], ("Conv2D", {"filters": 2, "kernel_size": 3}), ("Flatten", {}), ("Dense", {"units": 1}))
    with pytest.raises(SpecError, match="not a chain of Dense layers: 'l1' is a Conv2D"):
        dense_chain(conv)


def test_a_step_layer_gives_every_random_scale_one_spread_and_a_tanh_stack_does_not():
    # step sees only the sign of w·x: N(0, 1), N(0, 0.01), Xavier and He draw one spread; zeros (0) is not drawn
    step = compare(stack_spec(1, 1, "step"), CLASSIC, 200, 0)
    assert coinciding(step, "activations") == [["N(0, 1)", "N(0, 0.01)", "Xavier", "He"]]
    assert coinciding(step, "gradients") == []           # all 0: no point on a log axis, nothing hidden
    assert coinciding(compare(stack_spec(3, 20, "tanh"), CLASSIC, 200, 0), "activations") == []
