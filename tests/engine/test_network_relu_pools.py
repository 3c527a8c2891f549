"""A max pool that alone reads a relu layer takes the relu after its maximum and applies relu's derivative in
its own backward, and a grey conv before such a pool lays its output out window by window (network.py): the
loss, output and gradients must be the plain walk's (that conv's kernel gradient sums its pixels in another
order: within rounding)."""

import numpy as np
import pytest

from nnstudio.engine import Network, losses

from .helpers import chain, node


def _cnn(pool=2, strides=None, padding="valid", activation="relu"):
    return chain([9, 9, 1], ("Conv2D", {"filters": 3, "kernel_size": 2, "activation": activation}),
                 ("MaxPooling2D", {"pool_size": pool, "strides": strides, "padding": padding}),
                 ("Conv2D", {"filters": 2, "kernel_size": 2, "activation": activation}),
                 ("MaxPooling2D", {"pool_size": 2, "padding": "same"}), ("Flatten", {}),
                 ("Dense", {"units": 3, "activation": "softmax"}))


def _tied_network(spec, dtype):
    """Small integer weights and inputs: sums are exact, so windows often hold equal maxima, positive ties
    as well as windows of relu zeros."""
    net = Network(spec, seed=0, dtype=dtype)
    rng = np.random.default_rng(1)
    net.set_weights({nid: {k: rng.integers(-1, 2, size=v.shape).astype(dtype) for k, v in p.items()}
                     for nid, p in net.get_weights().items()})
    X = rng.integers(0, 3, size=(6, 9, 9, 1)).astype(dtype)
    return net, X, rng.integers(0, 3, size=6)


def _gradients(net, X, y, through_relu: bool):
    kept = net._relu_pools, net._relu_sources, net._window_tiles
    if not through_relu:
        net._relu_pools, net._relu_sources, net._window_tiles = {}, frozenset(), {}
    try:
        value, grads, out, _ = net._loss_and_gradients(X, y, losses.get("sparse_categorical_crossentropy"))
        return value, out.copy(), {k: np.array(v, copy=True) for k, v in grads.items()}
    finally:
        net._relu_pools, net._relu_sources, net._window_tiles = kept


def test_the_pools_after_relu_layers_are_found():
    assert Network(_cnn())._relu_pools == {"l2": "l1", "l4": "l3"}
    assert Network(_cnn(activation="tanh"))._relu_pools == {}
    assert Network(_cnn(activation="leaky_relu"))._relu_pools == {}


def test_a_relu_output_read_twice_keeps_the_plain_walk():
    spec = _cnn()
    spec["nodes"].append(node("side", "Flatten"))
    spec["edges"].append(["l1", "side"])      # conv1's output also goes elsewhere (a dangling branch is fine)
    spec["nodes"].append(node("join", "Concatenate"))
    spec["edges"] += [["l5", "join"], ["side", "join"]]
    spec["edges"] = [e for e in spec["edges"] if e != ["l5", "l6"]] + [["join", "l6"]]
    assert Network(spec)._relu_pools == {"l4": "l3"}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("pool,strides,padding", [(2, None, "valid"), (2, None, "same"), (3, 1, "valid"),
                                                  (2, 1, "same"), (3, 2, "valid")])
def test_gradients_equal_the_plain_walk_with_ties_and_dead_windows(dtype, pool, strides, padding):
    net, X, y = _tied_network(_cnn(pool, strides, padding), dtype)
    conv1 = net.forward(X)["l1"]
    windows_of_zeros = (conv1 == 0).mean()
    assert 0.2 < windows_of_zeros < 0.9          # the relu zeros the fused walk must route nothing from
    (value, out, fused), (plain_value, plain_out, plain) = _gradients(net, X, y, True), _gradients(net, X, y, False)
    assert value == plain_value
    np.testing.assert_array_equal(out, plain_out)
    assert fused.keys() == plain.keys()
    tight = 2e-6 if dtype == "float32" else 1e-13
    for key in plain:
        if key.split("/")[0] in net._window_tiles:   # its output's pixels window by window: the same sums of
            np.testing.assert_allclose(fused[key], plain[key], rtol=tight, err_msg=key)   # another order
        else:
            np.testing.assert_array_equal(fused[key], plain[key], err_msg=key)
    assert any(np.any(g != 0) for g in plain.values())


def test_grey_convs_before_pools_that_tile_them_lay_out_their_windows():
    assert Network(_cnn())._window_tiles == {"l1": (2, 2), "l2": (2, 2)}
    assert Network(_cnn(3, 1))._window_tiles == {}           # overlapping windows
    assert Network(_cnn(3, None))._window_tiles == {}        # 8 x 8 is not a whole number of 3 x 3 windows
    colour = _cnn()
    colour["nodes"][0]["params"]["shape"] = [9, 9, 3]
    assert Network(colour)._window_tiles == {}               # its window matrix is not copied plane by plane
