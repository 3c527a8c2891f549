"""SimpleRNN, LSTM and GRU against torch.nn.RNN/LSTM/GRU in float64: outputs, input and weight gradients.

Keras keeps kernels as (features, gates·units) in gate order LSTM i, f, c, o and GRU z, r, h; PyTorch keeps
(gates·units, features) in order i, f, g, o and r, z, n, with a second bias on the recurrent side."""

import numpy as np
import pytest

from nnstudio.engine import layers
from nnstudio.engine.layers import recurrent

torch = pytest.importorskip("torch")

TOL = {"rtol": 1e-10, "atol": 1e-12}


def t(a, grad=False):
    return torch.tensor(np.ascontiguousarray(a), dtype=torch.float64, requires_grad=grad)


def blocks(a, order, units):
    """The gate blocks of the last axis of ``a`` rearranged (GRU: Keras z, r, h <-> PyTorch r, z, n)."""
    return np.concatenate([a[..., k * units:(k + 1) * units] for k in order], axis=-1)


GRU_ORDER = (1, 0, 2)  # an involution: the same permutation maps both ways


def run(type_, params, x, seed=1, walk=None):
    layer = layers.get(type_)("n", params)
    if walk is not None:  # LSTM: force one of its walks (the defaults take the fused one)
        layer.fused, layer.elementwise = walk == "fused", walk != "step_by_step"
    w, _ = layer.build([x.shape[1:]], np.random.default_rng(seed), np.float64)
    # a non-zero bias so its mapping is checked too
    if "bias" in w:
        w["bias"] = np.random.default_rng(seed + 1).normal(size=w["bias"].shape) * 0.3
    out, cache = layer.forward([x], w, {}, True)
    g = np.random.default_rng(seed + 2).normal(size=out.shape)
    grad_in, grads = layer.backward(g, cache, w)
    return out, g, grad_in[0], grads, w


def torch_module(cls, w, units, order=None, **kwargs):
    f = w["kernel"].shape[0]
    mod = cls(f, units, batch_first=True, dtype=torch.float64, bias="bias" in w, **kwargs)
    reorder = (lambda a: blocks(a, order, units)) if order else (lambda a: a)
    with torch.no_grad():
        mod.weight_ih_l0.copy_(t(reorder(w["kernel"]).T))
        mod.weight_hh_l0.copy_(t(reorder(w["recurrent_kernel"]).T))
        if "bias" in w:
            b = w["bias"]
            if b.ndim == 2:  # GRU reset_after: input-side and recurrent-side biases
                mod.bias_ih_l0.copy_(t(reorder(b[0])))
                mod.bias_hh_l0.copy_(t(reorder(b[1])))
            else:
                mod.bias_ih_l0.copy_(t(reorder(b)))
                mod.bias_hh_l0.zero_()
    return mod


def check_against(mod, x, out, g, gx, grads, w, units, order=None, return_sequences=False):
    tx = t(x, True)
    seq, _ = mod(tx)
    ref = seq if return_sequences else seq[:, -1]
    ref.backward(t(g))
    back = (lambda a: blocks(a, order, units)) if order else (lambda a: a)
    np.testing.assert_allclose(out, ref.detach().numpy(), **TOL)
    np.testing.assert_allclose(gx, tx.grad.numpy(), **TOL)
    np.testing.assert_allclose(grads["kernel"], back(mod.weight_ih_l0.grad.numpy().T), **TOL)
    np.testing.assert_allclose(grads["recurrent_kernel"], back(mod.weight_hh_l0.grad.numpy().T), **TOL)
    if "bias" in w:
        if w["bias"].ndim == 2:
            np.testing.assert_allclose(grads["bias"][0], back(mod.bias_ih_l0.grad.numpy()), **TOL)
            np.testing.assert_allclose(grads["bias"][1], back(mod.bias_hh_l0.grad.numpy()), **TOL)
        else:
            np.testing.assert_allclose(grads["bias"], back(mod.bias_ih_l0.grad.numpy()), **TOL)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("use_bias", [True, False])
def test_simple_rnn_equals_torch_rnn(activation, return_sequences, use_bias):
    x = np.random.default_rng(0).normal(size=(4, 6, 3))
    params = {"units": 5, "activation": activation, "return_sequences": return_sequences, "use_bias": use_bias}
    out, g, gx, grads, w = run("SimpleRNN", params, x)
    mod = torch_module(torch.nn.RNN, w, 5, nonlinearity=activation)
    check_against(mod, x, out, g, gx, grads, w, 5, return_sequences=return_sequences)


# the fused walk (sigmoid gates, tanh or relu cell) and the general one other activations take, whose backward
# precomputes the derivatives of element-wise activations or goes step by step (softmax)
LSTM_WALKS = ["fused", "factored", "step_by_step"]


@pytest.mark.parametrize("walk", LSTM_WALKS)
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("use_bias", [True, False])
def test_lstm_equals_torch_lstm(return_sequences, use_bias, walk):
    x = np.random.default_rng(0).normal(size=(3, 7, 2))
    params = {"units": 4, "return_sequences": return_sequences, "use_bias": use_bias}
    out, g, gx, grads, w = run("LSTM", params, x, walk=walk)
    check_against(torch_module(torch.nn.LSTM, w, 4), x, out, g, gx, grads, w, 4,
                  return_sequences=return_sequences)


@pytest.mark.parametrize("factored", [True, False], ids=["factored_walk", "step_by_step_walk"])
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("use_bias", [True, False])
def test_gru_reset_after_equals_torch_gru(return_sequences, use_bias, factored, monkeypatch):
    # small steps take the backward with precomputed factors, large ones the step-by-step walk: both checked
    monkeypatch.setattr(recurrent, "_FACTORED_GRU_STEP", 1 << 30 if factored else 0)
    x = np.random.default_rng(0).normal(size=(3, 7, 2))
    params = {"units": 4, "return_sequences": return_sequences, "use_bias": use_bias}
    out, g, gx, grads, w = run("GRU", params, x)
    check_against(torch_module(torch.nn.GRU, w, 4, order=GRU_ORDER), x, out, g, gx, grads, w, 4, order=GRU_ORDER,
                  return_sequences=return_sequences)


@pytest.mark.parametrize("walk", LSTM_WALKS)
def test_lstm_with_relu_equals_a_torch_cell_written_out(walk):
    # the course's LSTM uses relu for the cell; torch.nn.LSTM only has tanh, so the cell is written out
    x = np.random.default_rng(0).normal(size=(5, 10, 1))
    out, g, gx, grads, w = run("LSTM", {"units": 6, "activation": "relu"}, x, walk=walk)
    tx, tk, tr, tb = t(x, True), t(w["kernel"], True), t(w["recurrent_kernel"], True), t(w["bias"], True)
    h = c = torch.zeros(5, 6, dtype=torch.float64)
    for s in range(10):
        i, f, cc, o = torch.split(tx[:, s] @ tk + h @ tr + tb, 6, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.relu(cc)
        h = torch.sigmoid(o) * torch.relu(c)
    h.backward(t(g))
    np.testing.assert_allclose(out, h.detach().numpy(), **TOL)
    np.testing.assert_allclose(gx, tx.grad.numpy(), **TOL)
    for name, tensor in (("kernel", tk), ("recurrent_kernel", tr), ("bias", tb)):
        np.testing.assert_allclose(grads[name], tensor.grad.numpy(), **TOL)


def test_gru_reset_before_equals_the_keras_formula_in_torch():
    # reset_after=False (Keras 2's default): the reset gate multiplies the state before U_h; torch has no module
    x = np.random.default_rng(0).normal(size=(3, 5, 2))
    out, g, gx, grads, w = run("GRU", {"units": 4, "reset_after": False, "return_sequences": True}, x)
    tx, tk, tr, tb = t(x, True), t(w["kernel"], True), t(w["recurrent_kernel"], True), t(w["bias"], True)
    h = torch.zeros(3, 4, dtype=torch.float64)
    outs = []
    for s in range(5):
        xz = tx[:, s] @ tk + tb
        z = torch.sigmoid(xz[:, :4] + h @ tr[:, :4])
        r = torch.sigmoid(xz[:, 4:8] + h @ tr[:, 4:8])
        hh = torch.tanh(xz[:, 8:] + (r * h) @ tr[:, 8:])
        h = z * h + (1 - z) * hh
        outs.append(h)
    ref = torch.stack(outs, dim=1)
    ref.backward(t(g))
    np.testing.assert_allclose(out, ref.detach().numpy(), **TOL)
    np.testing.assert_allclose(gx, tx.grad.numpy(), **TOL)
    for name, tensor in (("kernel", tk), ("recurrent_kernel", tr), ("bias", tb)):
        np.testing.assert_allclose(grads[name], tensor.grad.numpy(), **TOL)


def test_embedding_equals_torch_embedding():
    x = np.array([[0, 3, 3, 1], [2, 2, 0, 4]], dtype=float)
    layer = layers.get("Embedding")("e", {"input_dim": 5, "output_dim": 3})
    w, _ = layer.build([(4,)], np.random.default_rng(0), np.float64)
    out, cache = layer.forward([x], w, {}, True)
    g = np.random.default_rng(1).normal(size=out.shape)
    _, grads = layer.backward(g, cache, w)
    emb = torch.nn.Embedding(5, 3, dtype=torch.float64)
    with torch.no_grad():
        emb.weight.copy_(t(w["embeddings"]))
    ref = emb(torch.tensor(x.astype(np.int64)))
    ref.backward(t(g))
    np.testing.assert_allclose(out, ref.detach().numpy(), **TOL)
    np.testing.assert_allclose(grads["embeddings"], emb.weight.grad.numpy(), **TOL)
