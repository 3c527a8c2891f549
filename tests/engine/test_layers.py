"""Every layer through the same checks: shape inference, dtype, config round trip, float64 gradient check."""

import numpy as np
import pytest

from nnstudio.engine import Network, analyze, gradcheck, layers
from nnstudio.engine.errors import SpecError
from nnstudio.engine.params import ParamSpec

from .helpers import around

# (case id, layer type, params, input shape, number of inputs, expected output shape)
CASES = [
    ("dense", "Dense", {"units": 4, "activation": "tanh"}, (3,), 1, (4,)),
    ("dense_nobias", "Dense", {"units": 3, "use_bias": False}, (3,), 1, (3,)),
    ("dense_l1l2", "Dense", {"units": 3, "activation": "sigmoid", "kernel_regularizer": {"l1": 0.01, "l2": 0.1}},
     (3,), 1, (3,)),
    ("activation", "Activation", {"activation": "elu"}, (4,), 1, (4,)),
    ("dropout", "Dropout", {"rate": 0.4}, (6,), 1, (6,)),
    ("flatten", "Flatten", {}, (3, 3, 2), 1, (18,)),
    ("reshape", "Reshape", {"target_shape": [2, -1]}, (6,), 1, (2, 3)),
    ("reshape_image", "Reshape", {"target_shape": [2, 2, 2]}, (8,), 1, (2, 2, 2)),
    ("conv_valid", "Conv2D", {"filters": 3, "kernel_size": 3}, (5, 5, 2), 1, (3, 3, 3)),
    ("conv_same_s2", "Conv2D", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same",
                                "activation": "relu"}, (6, 6, 2), 1, (3, 3, 2)),
    ("conv_rect_same", "Conv2D", {"filters": 2, "kernel_size": [2, 3], "padding": "same", "use_bias": False},
     (4, 5, 1), 1, (4, 5, 2)),
    ("conv_s2_valid_l2", "Conv2D", {"filters": 2, "kernel_size": 2, "strides": [2, 1],
                                    "kernel_regularizer": {"l2": 0.05}}, (5, 4, 2), 1, (2, 3, 2)),
    ("conv_grey_s2", "Conv2D", {"filters": 3, "kernel_size": 3, "strides": 2}, (7, 6, 1), 1, (3, 2, 3)),
    ("conv_grey_same", "Conv2D", {"filters": 2, "kernel_size": 3, "padding": "same", "activation": "tanh"},
     (4, 4, 1), 1, (4, 4, 2)),
    ("maxpool", "MaxPooling2D", {}, (4, 4, 2), 1, (2, 2, 2)),
    ("maxpool_same_s2", "MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (5, 5, 2), 1,
     (3, 3, 2)),
    ("avgpool", "AveragePooling2D", {"pool_size": 2}, (4, 4, 2), 1, (2, 2, 2)),
    ("avgpool_same", "AveragePooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (5, 4, 2), 1,
     (3, 2, 2)),
    ("gap", "GlobalAveragePooling2D", {}, (3, 3, 2), 1, (2,)),
    ("bn_flat", "BatchNormalization", {}, (4,), 1, (4,)),
    ("bn_image", "BatchNormalization", {"momentum": 0.9}, (3, 3, 2), 1, (3, 3, 2)),
    ("add2", "Add", {}, (4,), 2, (4,)),
    ("add3_image", "Add", {}, (3, 3, 2), 3, (3, 3, 2)),
    ("concat", "Concatenate", {}, (3,), 2, (6,)),
    ("concat_image_channels", "Concatenate", {"axis": -1}, (2, 2, 2), 2, (2, 2, 4)),
    ("concat_image_rows", "Concatenate", {"axis": 1}, (2, 3, 1), 3, (6, 3, 1)),
    ("dense_per_step", "Dense", {"units": 3, "activation": "relu"}, (4, 2), 1, (4, 3)),
    ("rnn", "SimpleRNN", {"units": 3}, (4, 2), 1, (3,)),
    ("rnn_sequences_relu", "SimpleRNN", {"units": 3, "activation": "relu", "return_sequences": True}, (4, 2), 1,
     (4, 3)),
    ("rnn_nobias_l2", "SimpleRNN", {"units": 2, "use_bias": False, "kernel_regularizer": {"l2": 0.1},
                                    "recurrent_regularizer": {"l1": 0.01, "l2": 0.05}}, (3, 2), 1, (2,)),
    ("lstm", "LSTM", {"units": 3}, (4, 2), 1, (3,)),
    ("lstm_sequences", "LSTM", {"units": 2, "return_sequences": True}, (5, 3), 1, (5, 2)),
    ("lstm_relu_course", "LSTM", {"units": 3, "activation": "relu"}, (4, 1), 1, (3,)),
    ("lstm_nobias_hard", "LSTM", {"units": 2, "use_bias": False, "recurrent_activation": "hard_sigmoid",
                                  "unit_forget_bias": False, "recurrent_regularizer": {"l2": 0.1}}, (3, 2), 1, (2,)),
    ("gru", "GRU", {"units": 3}, (4, 2), 1, (3,)),
    ("gru_sequences_relu", "GRU", {"units": 2, "activation": "relu", "return_sequences": True}, (4, 3), 1, (4, 2)),
    ("gru_reset_before", "GRU", {"units": 3, "reset_after": False}, (4, 2), 1, (3,)),
    ("gru_hard_gates_l2", "GRU", {"units": 2, "recurrent_activation": "hard_sigmoid", "use_bias": False,
                                  "return_sequences": True, "recurrent_regularizer": {"l2": 0.1}}, (3, 2), 1, (3, 2)),
    ("gru_softmax_cell", "GRU", {"units": 3, "activation": "softmax"}, (4, 2), 1, (3,)),
    ("rnn_softmax_cell", "SimpleRNN", {"units": 3, "activation": "softmax", "return_sequences": True}, (4, 2), 1,
     (4, 3)),
    ("gru_reset_before_nobias", "GRU", {"units": 2, "reset_after": False, "use_bias": False,
                                        "return_sequences": True}, (3, 2), 1, (3, 2)),
    ("embedding", "Embedding", {"input_dim": 4, "output_dim": 3}, (5,), 1, (5, 3)),
]
IDS = [c[0] for c in CASES]


def _data(input_shape, n=5, seed=1, type_=None):
    rng = np.random.default_rng(seed)
    if type_ is not None and layers.get(type_).INDEX_INPUTS:  # token ids below every case's input_dim
        return rng.integers(0, 4, size=(n,) + tuple(input_shape)).astype(float), rng.normal(size=(n, 2))
    return rng.normal(size=(n,) + tuple(input_shape)), rng.normal(size=(n, 2))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_shape_inference_matches_forward(case):
    _, type_, params, in_shape, k, expected = case
    spec = around(type_, params, in_shape, k)
    result = analyze(spec)
    assert result.errors == []
    assert result.shapes["t"] == expected
    net = Network.from_config(spec, seed=0)
    X, _ = _data(in_shape, type_=type_)
    outs = net.forward_all(X)
    assert outs["t"].shape == (len(X),) + expected
    assert outs["t"].dtype == np.float32 and outs["out"].dtype == np.float32
    # analyze counts parameters without allocating; the built network agrees
    assert sum(result.param_counts.values()) == net.count_params()


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_dtype_is_kept_through_training_step(case, dtype):
    _, type_, params, in_shape, k, _ = case
    net = Network.from_config(around(type_, params, in_shape, k), seed=0, dtype=dtype)
    X, y = _data(in_shape, type_=type_)
    loss, grads = net.gradients(X, y, "mse")
    assert np.isfinite(loss)
    for per_node in grads.values():
        for g in per_node.values():
            assert g.dtype == np.dtype(dtype)
    for per_node in net.get_weights().values():
        for w in per_node.values():
            assert w.dtype == np.dtype(dtype)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_config_round_trip(case):
    _, type_, params, in_shape, k, _ = case
    net = Network.from_config(around(type_, params, in_shape, k), seed=3)
    config = net.to_config()
    again = Network.from_config(config, seed=3)
    assert again.to_config() == config
    for nid, per_node in net.get_weights().items():  # same seed: same initial weights
        for name, w in per_node.items():
            np.testing.assert_array_equal(w, again.get_weights()[nid][name])
    layer = layers.get(type_)("t", params)
    assert layers.get(type_)("t", layer.get_config()).get_config() == layer.get_config()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_gradcheck(case):
    _, type_, params, in_shape, k, _ = case
    net = Network.from_config(around(type_, params, in_shape, k), seed=2, dtype="float64")
    X, y = _data(in_shape, type_=type_)
    errors = gradcheck(net, X, y, "mse")
    assert errors and max(errors.values()) < 1e-6, errors


def test_the_case_table_covers_every_layer_type():
    # a new layer type gets its row in CASES (docs/adding-a-layer.md); Input starts every case already
    assert set(layers.names()) - {c[1] for c in CASES} == {"Input"}


def test_registry_describes_every_layer():
    assert layers.names()[0] == "Input"
    grouped = layers.by_category()
    assert sorted(t for ts in grouped.values() for t in ts) == sorted(layers.names())
    for name in layers.names():
        cls = layers.get(name)
        assert cls.TYPE == name
        assert cls.CATEGORY in layers.CATEGORIES
        assert cls.DESCRIPTION and len(cls.DESCRIPTION) < 110
        assert all(isinstance(p, ParamSpec) for p in cls.PARAMS)
        assert cls.MAX_INPUTS is None or cls.MAX_INPUTS >= cls.MIN_INPUTS
    assert (layers.get("Input").MIN_INPUTS, layers.get("Input").MAX_INPUTS) == (0, 0)
    assert (layers.get("Add").MIN_INPUTS, layers.get("Add").MAX_INPUTS) == (2, None)
    assert (layers.get("Dense").MIN_INPUTS, layers.get("Dense").MAX_INPUTS) == (1, 1)


def test_unknown_layer_lists_valid_types():
    with pytest.raises(SpecError, match="valid types are: Input, Dense"):
        layers.get("Dence")


def test_defaults_filled_from_param_specs():
    layer = layers.get("Conv2D")("c", {"filters": 4, "kernel_size": 3})
    cfg = layer.get_config()
    assert cfg["strides"] == 1 and cfg["padding"] == "valid" and cfg["activation"] == "linear"
    assert cfg["kernel_initializer"] == "glorot_uniform" and cfg["kernel_regularizer"] is None
    assert layers.get("BatchNormalization")("b", {}).get_config() == {"momentum": 0.99, "epsilon": 1e-3}
    assert layers.get("MaxPooling2D")("p", {}).get_config() == {"pool_size": 2, "strides": None,
                                                                 "padding": "valid"}


def test_dropout_is_inverted_and_off_at_predict():
    from .helpers import chain
    net = Network.from_config(chain([1000], ("Dropout", {"rate": 0.25})), seed=0)
    X = np.ones((4, 1000))
    np.testing.assert_array_equal(net.predict(X), X)
    out, _ = net.layers["l1"].forward([X.astype(np.float32)], {}, {}, True)
    kept = out != 0
    assert 0.7 < kept.mean() < 0.8
    np.testing.assert_allclose(out[kept], 1 / 0.75, rtol=1e-6)


def test_batchnorm_moving_statistics_follow_keras():
    layer = layers.get("BatchNormalization")("bn", {"momentum": 0.9})
    trainable, state = layer.build([(3,)], np.random.default_rng(0), np.float64)
    x = np.random.default_rng(1).normal(2.0, 3.0, size=(50, 3))
    out, cache = layer.forward([x], trainable, state, True)
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-12)
    layer.update_state(state, cache)
    np.testing.assert_allclose(state["moving_mean"], 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(state["moving_variance"], 0.9 + 0.1 * x.var(axis=0))
    out_inf, _ = layer.forward([x], trainable, state, False)
    expected = (x - state["moving_mean"]) / np.sqrt(state["moving_variance"] + 1e-3)
    np.testing.assert_allclose(out_inf, expected)


def test_max_pool_same_padding_never_picks_the_padding():
    layer = layers.get("MaxPooling2D")("p", {"pool_size": 2, "padding": "same"})
    x = -np.arange(1.0, 10.0).reshape(1, 3, 3, 1)  # all negative: zero padding would win
    out, _ = layer.forward([x], {}, {}, False)
    assert out.shape == (1, 2, 2, 1)
    np.testing.assert_array_equal(out[0, :, :, 0], [[-1, -3], [-7, -9]])


@pytest.mark.parametrize("pool", [{"pool_size": 2}, {"pool_size": 2, "strides": 1}])
@pytest.mark.parametrize("window, winner", [
    ([[0.0, 5.0], [5.0, 0.0]], (0, 1)),      # a tie across the rows: the top row comes first
    ([[5.0, 5.0], [5.0, 5.0]], (0, 0)),      # all equal (a window of relu zeros): the first pixel
    ([[1.0, 2.0], [2.0, 2.0]], (0, 1)),
    ([[3.0, 1.0], [3.0, 1.0]], (0, 0)),
    ([[1.0, 0.0], [4.0, 4.0]], (1, 0)),      # a tie in the bottom row: its first pixel
    ([[1.0, 0.0], [2.0, 4.0]], (1, 1)),
])
def test_max_pool_sends_the_gradient_to_the_first_maximum_in_row_major_order(pool, window, winner):
    # PyTorch's rule, for windows side by side (stride 2) and overlapping ones (stride 1; one window here)
    layer = layers.get("MaxPooling2D")("p", pool)
    x = np.array(window).reshape(1, 2, 2, 1)
    out, cache = layer.forward([x], {}, {}, True)
    np.testing.assert_array_equal(out.ravel(), [np.max(window)])
    (dx,), _ = layer.backward(np.full_like(out, -2.5), cache, {})
    expected = np.zeros((2, 2))
    expected[winner] = -2.5
    np.testing.assert_array_equal(dx[0, :, :, 0], expected)


def test_average_pool_same_padding_averages_real_pixels_only():
    layer = layers.get("AveragePooling2D")("p", {"pool_size": 2, "padding": "same"})
    x = np.ones((1, 3, 3, 1))
    out, _ = layer.forward([x], {}, {}, False)
    np.testing.assert_array_equal(out, np.ones((1, 2, 2, 1)))


# (input (H, W, C), filters, padding, the path the shape rule picks): conv2 of the course's MNIST CNN, a grey
# first layer, and equal channel counts, where the stride-1 path copies no more than col2im
CONV_INPUT_GRADIENT_PATHS = [((13, 13, 32), 64, "valid", True), ((6, 6, 1), 4, "same", True),
                             ((10, 9, 4), 4, "valid", False), ((5, 5, 3), 4, "same", False)]


@pytest.mark.parametrize("shape, filters, padding, col2im", CONV_INPUT_GRADIENT_PATHS)
def test_conv_input_gradient_paths_agree(shape, filters, padding, col2im, monkeypatch):
    from nnstudio.engine.layers import conv
    layer = layers.get("Conv2D")("c", {"filters": filters, "kernel_size": 3, "padding": padding})
    layer.needs_input_grad = True
    rng = np.random.default_rng(5)
    kernel = rng.normal(size=(3, 3, shape[2], filters))
    params = {"kernel": kernel, "bias": rng.normal(size=filters)}
    x = rng.normal(size=(3,) + shape)
    out, cache = layer.forward([x], params, {}, True)
    g = rng.normal(size=out.shape)
    ho, wo = out.shape[1:3]
    assert conv._col2im_moves_less(cache[1], cache[2], ho, wo, filters) is col2im
    by_rule = layer.backward(g, cache, params)[0][0]
    monkeypatch.setattr(conv, "_col2im_moves_less", lambda *args: not col2im)
    other = layer.backward(g, cache, params)[0][0]
    assert by_rule.shape == other.shape == x.shape
    np.testing.assert_allclose(by_rule, other, rtol=1e-12, atol=1e-12)
