"""The recurrent cells walked one timestep at a time, keeping what the sequence views show.

For a few samples only (the live views' chosen samples, never a training batch): each function takes a built
``SimpleRNN``/``LSTM``/``GRU`` layer, its input ``x`` (batch, timesteps, features), its weights and dL/d(its
output), and returns a ``StepRecord``: the hidden state and the gate values at every step, and the gradient of
the loss with respect to each step's hidden state, total (through the output and through every later step).
The layers declare their function as ``STEPS``.

The arithmetic is written out plainly, apart from the layers' fast loops, so that those can change for speed
without touching this; ``kernel_grad`` is what these steps make of the kernel's gradient, which equals the
layer's own backward (the tests hold the two together).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class StepRecord:
    """One recurrent layer's values over time, batch first: ``states`` (batch, timesteps, units) is h_t,
    ``gates`` {name: (batch, timesteps, units)} in the layer's gate order, ``state_grads`` the same shape
    as ``states``: dL/dh_t."""

    states: np.ndarray
    gates: dict = field(default_factory=dict)
    state_grads: np.ndarray | None = None
    kernel_grad: np.ndarray | None = None

    @property
    def grad_norms(self) -> np.ndarray:
        """‖dL/dh_t‖ per sample and timestep, (batch, timesteps)."""
        return np.sqrt(np.einsum("ntu,ntu->nt", self.state_grads, self.state_grads))


def _outside_grads(layer, grad_out: np.ndarray, t: int) -> np.ndarray:
    """dL/dh_t from outside the layer, (timesteps, batch, units): only the last step without return_sequences."""
    if layer.return_sequences:
        return np.asarray(grad_out).transpose(1, 0, 2)
    g = np.zeros((t,) + np.shape(grad_out), np.result_type(grad_out))
    g[-1] = grad_out
    return g


def _gate(act, z):
    return act.forward(z)


def _batch_first(steps: list) -> np.ndarray:
    return np.stack(steps, axis=1)


def simple_rnn(layer, x, params, grad_out) -> StepRecord:
    """h_t = activation(x_t W + h_{t-1} U + b)."""
    n, t, _ = x.shape
    w, u = params["kernel"], params["recurrent_kernel"]
    b = params.get("bias", 0.0)
    h = np.zeros((n, layer.units), x.dtype)
    zs, hs, prev = [], [], []
    for s in range(t):
        prev.append(h)
        z = x[:, s] @ w + h @ u + b
        h = layer.act.forward(z)
        zs.append(z)
        hs.append(h)
    outside = _outside_grads(layer, grad_out, t)
    dh = np.zeros_like(h)
    dhs, kernel_grad = [None] * t, np.zeros_like(w)
    for s in range(t - 1, -1, -1):
        dh = dh + outside[s]
        dhs[s] = dh
        dz = layer.act.backward(zs[s], hs[s], dh)
        kernel_grad += x[:, s].T @ dz
        dh = dz @ u.T
    return StepRecord(_batch_first(hs), {}, _batch_first(dhs), kernel_grad)


def lstm(layer, x, params, grad_out) -> StepRecord:
    """Gates i, f, o = recurrent_activation(.), candidate c~ = activation(.) of x_t W + h_{t-1} U + b (Keras
    block order i, f, c, o); c_t = f c_{t-1} + i c~, h_t = o activation(c_t)."""
    n, t, _ = x.shape
    units = layer.units
    w, u = params["kernel"], params["recurrent_kernel"]
    b = params.get("bias", 0.0)
    blocks = [slice(k * units, (k + 1) * units) for k in range(4)]
    h = np.zeros((n, units), x.dtype)
    c = np.zeros_like(h)
    steps = []                       # per step: (z, i, f, c~, o, c_prev, c, activation(c))
    hs = []
    for s in range(t):
        z = x[:, s] @ w + h @ u + b
        i, f, o = (_gate(layer.rec, z[:, blocks[k]]) for k in (0, 1, 3))
        cand = layer.act.forward(z[:, blocks[2]])
        c_prev, c = c, f * c + i * cand
        act_c = layer.act.forward(c)
        h = o * act_c
        steps.append((z, i, f, cand, o, c_prev, c, act_c))
        hs.append(h)
    outside = _outside_grads(layer, grad_out, t)
    dh, dc = np.zeros_like(h), np.zeros_like(h)
    dhs, kernel_grad = [None] * t, np.zeros_like(w)
    for s in range(t - 1, -1, -1):
        z, i, f, cand, o, c_prev, c, act_c = steps[s]
        dh = dh + outside[s]
        dhs[s] = dh
        dc = dc + layer.act.backward(c, act_c, dh * o)
        dz = np.empty_like(z)
        dz[:, blocks[0]] = layer.rec.backward(z[:, blocks[0]], i, dc * cand)
        dz[:, blocks[1]] = layer.rec.backward(z[:, blocks[1]], f, dc * c_prev)
        dz[:, blocks[2]] = layer.act.backward(z[:, blocks[2]], cand, dc * i)
        dz[:, blocks[3]] = layer.rec.backward(z[:, blocks[3]], o, dh * act_c)
        kernel_grad += x[:, s].T @ dz
        dc = dc * f
        dh = dz @ u.T
    gates = {name: _batch_first([st[k] for st in steps]) for name, k in (("i", 1), ("f", 2), ("c", 3), ("o", 4))}
    return StepRecord(_batch_first(hs), gates, _batch_first(dhs), kernel_grad)


def gru(layer, x, params, grad_out) -> StepRecord:
    """Gates z, r = recurrent_activation(.), candidate h~ = activation(.) (the "h" block); h_t = z h_{t-1}
    + (1 - z) h~. ``reset_after``: h~ = activation(x W_h + b_h + r (h U_h + b'_h)); else activation(x W_h +
    b_h + (r h) U_h)."""
    n, t, _ = x.shape
    units = layer.units
    w, u = params["kernel"], params["recurrent_kernel"]
    bias = params.get("bias")
    zero = np.zeros(3 * units, x.dtype)
    b_in, b_rec = (zero, zero) if bias is None else ((bias[0], bias[1]) if layer.reset_after else (bias, zero))
    zr, hb = slice(0, 2 * units), slice(2 * units, 3 * units)
    h = np.zeros((n, units), x.dtype)
    steps, hs = [], []                 # per step: (h_prev, zr pre-activation, z, r, recurrent h part, pre, h~)
    for s in range(t):
        xw = x[:, s] @ w + b_in
        hu = h @ u + b_rec
        zr_pre = xw[:, zr] + hu[:, zr]
        z, r = _gate(layer.rec, zr_pre[:, :units]), _gate(layer.rec, zr_pre[:, units:])
        rec_h = r * hu[:, hb] if layer.reset_after else (r * h) @ u[:, hb]
        pre = xw[:, hb] + rec_h
        cand = layer.act.forward(pre)
        steps.append((h, zr_pre, z, r, hu[:, hb], pre, cand))
        h = z * h + (1 - z) * cand
        hs.append(h)
    outside = _outside_grads(layer, grad_out, t)
    dh = np.zeros_like(h)
    dhs, kernel_grad = [None] * t, np.zeros_like(w)
    for s in range(t - 1, -1, -1):
        h_prev, zr_pre, z, r, hu_h, pre, cand = steps[s]
        dh = dh + outside[s]
        dhs[s] = dh
        dpre = layer.act.backward(pre, cand, dh * (1 - z))
        dz = layer.rec.backward(zr_pre[:, :units], z, dh * (h_prev - cand))
        if layer.reset_after:
            dr = layer.rec.backward(zr_pre[:, units:], r, dpre * hu_h)
            dh_prev = dh * z + np.hstack([dz, dr, dpre * r]) @ u.T
        else:
            drh = dpre @ u[:, hb].T
            dr = layer.rec.backward(zr_pre[:, units:], r, drh * h_prev)
            dh_prev = dh * z + drh * r + np.hstack([dz, dr]) @ u[:, zr].T
        kernel_grad += x[:, s].T @ np.hstack([dz, dr, dpre])
        dh = dh_prev
    gates = {name: _batch_first([st[k] for st in steps]) for name, k in (("z", 2), ("r", 3), ("h", 6))}
    return StepRecord(_batch_first(hs), gates, _batch_first(dhs), kernel_grad)
