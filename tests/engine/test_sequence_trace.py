"""The recurrent state, gates and gradient through time that the sequence views show (float64)."""

import numpy as np
import pytest

from nnstudio.engine import Network
from nnstudio.engine.sequence_trace import recurrent_nodes, trace_recurrent
from nnstudio.engine.trace import trace

from .helpers import chain, xor_spec

# (layer type, its params): every cell and option the steps walk differently
CASES = [
    ("SimpleRNN", {"units": 3}),
    ("SimpleRNN", {"units": 3, "activation": "relu", "use_bias": False}),
    ("LSTM", {"units": 3}),
    ("LSTM", {"units": 3, "activation": "relu", "recurrent_activation": "hard_sigmoid"}),
    ("GRU", {"units": 3}),
    ("GRU", {"units": 3, "reset_after": False}),
    ("GRU", {"units": 3, "use_bias": False, "activation": "relu"}),
]
IDS = [f"{t}-{'-'.join(f'{k}={v}' for k, v in p.items())}" for t, p in CASES]
STEPS, FEATURES, SAMPLES = 6, 2, 4


def _net(type_, params, return_sequences, seed=3):
    layer = dict(params, return_sequences=return_sequences)
    spec = chain([STEPS, FEATURES], (type_, layer), ("Dense", {"units": 1}))
    net = Network.from_config(spec, seed=seed, dtype="float64")
    rng = np.random.default_rng(seed)
    # biases away from zero so every gate and bias path matters
    net.set_weights({"l1": {k: v + rng.normal(scale=0.3, size=v.shape) for k, v in net.get_weights()["l1"].items()}})
    X = rng.normal(size=(SAMPLES, STEPS, FEATURES))
    y = rng.normal(size=(SAMPLES, STEPS, 1) if return_sequences else (SAMPLES, 1))
    return net, X, y


@pytest.mark.parametrize("type_,params", CASES, ids=IDS)
@pytest.mark.parametrize("return_sequences", [False, True])
def test_states_and_kernel_gradient_equal_the_layer(type_, params, return_sequences):
    net, X, y = _net(type_, params, return_sequences)
    rec = trace_recurrent(net, X, y, "mse")
    seq_net, _, _ = _net(type_, params, True)
    seq_net.set_weights({"l1": net.get_weights()["l1"]})
    np.testing.assert_allclose(rec.states, seq_net.forward(X)["l1"], rtol=1e-10, atol=1e-12)
    # the per-step gradients make the layer's own kernel gradient (scaled back to the batch mean)
    _, grads = net.gradients(X, y, "mse")
    np.testing.assert_allclose(rec.kernel_grad / SAMPLES, grads["l1"]["kernel"], rtol=1e-9, atol=1e-12)
    assert rec.state_grads.shape == rec.states.shape == (SAMPLES, STEPS, 3)
    assert rec.grad_norms.shape == (SAMPLES, STEPS)


def test_the_last_state_gradient_is_the_output_gradient_of_each_sample():
    net, X, y = _net("LSTM", {"units": 3}, False)
    rec = trace_recurrent(net, X, y, "mse")
    grad_a = trace(net, X, y, "mse", training=False).node("l1").grad_a
    np.testing.assert_allclose(rec.state_grads[:, -1], SAMPLES * grad_a, rtol=1e-12)
    # sample by sample: the same values as a trace of that sample alone (its own loss)
    for i in range(SAMPLES):
        alone = trace_recurrent(net, X[i:i + 1], y[i:i + 1], "mse")
        np.testing.assert_allclose(alone.state_grads[0], rec.state_grads[i], rtol=1e-10, atol=1e-14)


def test_simple_rnn_gradient_through_time_by_hand():
    net, X, y = _net("SimpleRNN", {"units": 3}, False)
    rec = trace_recurrent(net, X[:1], y[:1], "mse")
    w = net.get_weights()
    k, u, b = w["l1"]["kernel"], w["l1"]["recurrent_kernel"], w["l1"]["bias"]
    h, hs = np.zeros(3), []
    for s in range(STEPS):
        h = np.tanh(X[0, s] @ k + h @ u + b)
        hs.append(h)
    out = hs[-1] @ w["l2"]["kernel"] + w["l2"]["bias"]
    dh = 2 * (out - y[0]) * w["l2"]["kernel"][:, 0]   # d(out - y)^2 / dh_T
    expected = [None] * STEPS
    for s in range(STEPS - 1, -1, -1):
        expected[s] = dh
        dh = ((1 - hs[s] ** 2) * dh) @ u.T
    np.testing.assert_allclose(rec.state_grads[0], np.array(expected), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(rec.grad_norms[0], np.linalg.norm(expected, axis=1), rtol=1e-10)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_lstm_gates_by_hand():
    net, X, y = _net("LSTM", {"units": 3}, False)
    rec = trace_recurrent(net, X, y, "mse")
    w = net.get_weights()["l1"]
    for i in range(SAMPLES):
        h, c = np.zeros(3), np.zeros(3)
        for s in range(STEPS):
            z = X[i, s] @ w["kernel"] + h @ w["recurrent_kernel"] + w["bias"]
            ig, fg, cg, og = _sigmoid(z[:3]), _sigmoid(z[3:6]), np.tanh(z[6:9]), _sigmoid(z[9:])
            c = fg * c + ig * cg
            h = og * np.tanh(c)
            for name, value in (("i", ig), ("f", fg), ("c", cg), ("o", og)):
                np.testing.assert_allclose(rec.gates[name][i, s], value, rtol=1e-12, err_msg=name)
            np.testing.assert_allclose(rec.states[i, s], h, rtol=1e-12)
    assert list(rec.gates) == ["i", "f", "c", "o"]


def test_gru_gates_by_hand():
    net, X, y = _net("GRU", {"units": 3}, False)
    rec = trace_recurrent(net, X, y, "mse")
    w = net.get_weights()["l1"]
    u, b = w["recurrent_kernel"], w["bias"]
    h = np.zeros((SAMPLES, 3))
    for s in range(STEPS):
        xw, hu = X[:, s] @ w["kernel"] + b[0], h @ u + b[1]
        z, r = _sigmoid(xw[:, :3] + hu[:, :3]), _sigmoid(xw[:, 3:6] + hu[:, 3:6])
        cand = np.tanh(xw[:, 6:] + r * hu[:, 6:])
        h = z * h + (1 - z) * cand
        for name, value in (("z", z), ("r", r), ("h", cand)):
            np.testing.assert_allclose(rec.gates[name][:, s], value, rtol=1e-12, err_msg=name)
    assert list(rec.gates) == ["z", "r", "h"]


def test_a_chosen_node_in_a_stack_and_the_recurrent_nodes():
    spec = chain([STEPS, FEATURES], ("GRU", {"units": 4, "return_sequences": True}), ("Dense", {"units": 4, "activation": "tanh"}),
                 ("LSTM", {"units": 3}), ("Dense", {"units": 1}))
    net = Network.from_config(spec, seed=1, dtype="float64")
    assert recurrent_nodes(net) == ["l1", "l3"]
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(2, STEPS, FEATURES)), rng.normal(size=(2, 1))
    first, third = trace_recurrent(net, X, y, "mse"), trace_recurrent(net, X, y, "mse", node_id="l3")
    assert first.states.shape == (2, STEPS, 4) and third.states.shape == (2, STEPS, 3)
    np.testing.assert_allclose(third.states[:, -1], net.forward(X)["l3"], rtol=1e-12)
    _, grads = net.gradients(X, y, "mse")
    np.testing.assert_allclose(first.kernel_grad / 2, grads["l1"]["kernel"], rtol=1e-9, atol=1e-12)


def test_a_network_without_recurrent_layer_is_refused():
    net = Network.from_config(xor_spec())
    assert recurrent_nodes(net) == []
    with pytest.raises(ValueError, match="no recurrent layer"):
        trace_recurrent(net, np.zeros((1, 2)), np.zeros((1, 1)), "mse")
    with pytest.raises(ValueError, match="Node 'l1' is not a recurrent layer"):
        trace_recurrent(net, np.zeros((1, 2)), np.zeros((1, 1)), "mse", node_id="l1")
