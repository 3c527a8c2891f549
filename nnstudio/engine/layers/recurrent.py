"""Recurrent layers: SimpleRNN, LSTM, GRU (Keras names and weight layouts, PyTorch's arithmetic), Embedding.

Inputs are ``(batch, timesteps, features)``. Each layer computes the input part of every timestep at once
(``x W + b``, one matrix product), then walks the timesteps with one Python loop for the recurrent part
(``h U``); backpropagation through time walks them back the same way, collecting the gradient of every
timestep's pre-activation, so the kernel, recurrent kernel and bias gradients are again one matrix product
each. Internally the arrays are time-major ``(timesteps, batch, ...)`` so that each step reads a contiguous
block. The LSTM with sigmoid gates and a tanh or relu cell (the defaults, the course's) walks each step's
arrays transposed instead, ``(timesteps, gates x units, batch)``, with the input part and bias in the step's
product (``LSTM._fused_forward``).

Gate orders follow Keras: LSTM i, f, c, o (PyTorch i, f, g, o is the same order); GRU z, r, h (PyTorch r, z,
n). With ``reset_after=True`` (the default, as in Keras 3) the GRU keeps two biases, ``bias[0]`` on the input
side and ``bias[1]`` on the recurrent side, and computes exactly what ``torch.nn.GRU`` computes.
"""

from __future__ import annotations

import numpy as np

from .. import halves
from ..blas_threads import small_products
from ..params import ParamSpec
from . import recurrent_steps
from .base import Layer, describe, registry_object
from .core import BIAS_INIT, KERNEL_INIT, REGULARIZER, USE_BIAS
from ...i18n import N_, _

UNITS = ParamSpec("units", "int", None, N_("size of the hidden state (the layer's memory)"), min=1, required=True)
CELL_ACTIVATION = ParamSpec("activation", "activation", "tanh", N_("function applied to the new memory content"))
RECURRENT_ACTIVATION = ParamSpec("recurrent_activation", "activation", "sigmoid",
                                 N_("function of the gates (0 = closed, 1 = open)"))
RETURN_SEQUENCES = ParamSpec("return_sequences", "bool", False,
                             N_("output the state at every timestep (for a next recurrent layer), not only the last"))
RECURRENT_INIT = ParamSpec("recurrent_initializer", "initializer", "orthogonal",
                           N_("how the state-to-state weights start"))
RECURRENT_REGULARIZER = ParamSpec("recurrent_regularizer", "regularizer", None,
                                  N_('penalty on the state-to-state weights, e.g. {"l2": 0.01}'))


def _sigmoid_into(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z) written into ``out`` in three passes (the registry's sigmoid takes six): e^-z overflows
    to inf for very negative z, where 1 / inf = 0 is the right answer, so that overflow is silenced."""
    np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1
    return np.reciprocal(out, out=out)


# activations written straight into an array (no temporary): the per-step loops call them most
_INTO = {"tanh": lambda z, out: np.tanh(z, out=out), "sigmoid": _sigmoid_into,
         "relu": lambda z, out: np.maximum(z, 0, out=out)}


def _into(activation):
    """``f(z, out)`` writing ``activation(z)`` into ``out``."""
    return _INTO.get(activation.name) or (lambda z, out: np.copyto(out, activation.forward(z)))


def _tanh_slope(z, a, out):
    np.multiply(a, a, out=out)
    return np.subtract(1, out, out=out)


# activations' derivatives from their output written into an array (backward precomputes them for every step)
_SLOPE = {"tanh": _tanh_slope, "sigmoid": lambda z, a, out: np.multiply(np.subtract(1, a, out=out), a, out=out),
          "relu": lambda z, a, out: np.greater(a, 0, out=out, casting="unsafe")}


def _slope(activation):
    """``f(z, a, out)`` writing activation'(z) into ``out`` (``a`` = activation(z); element-wise only)."""
    return _SLOPE.get(activation.name) or (lambda z, a, out: np.copyto(out, activation.backward(z, a,
                                                                                            np.ones_like(a))))


# per-step products up to this many multiply-adds run on one BLAS thread: splitting them over threads costs
# more in synchronisation than it saves, and far more when other processes share the cores
_ONE_THREAD_STEP = 1 << 22
# the GRU backward computes its step factors this many values at a time (a few timesteps): they stay in cache
_CHUNK_VALUES = 1 << 15
# ... when a step's gates hold at most this many values (batch x 2 units): above it the walk's element-wise
# work is bound by the data, not by the number of NumPy calls, and the factored walk is no faster
_FACTORED_GRU_STEP = 1 << 12
# the LSTM's fused backward precomputes its gate factors this many gate values at a time
_LSTM_CHUNK_VALUES = 1 << 17


def _step_threads(batch: int, units: int, width: int):
    """A context for the walk over the timesteps: BLAS on one thread when each step's product is small."""
    return small_products(batch * units * width <= _ONE_THREAD_STEP)


def _transposed(kernel: np.ndarray) -> np.ndarray:
    """The recurrent kernel's transpose as a contiguous copy, made once per backward: OpenBLAS multiplies a
    step's gradient by it faster than by the transposed view, every timestep."""
    return np.ascontiguousarray(kernel.T)


def _fused_columns(a: np.ndarray, k: int) -> np.ndarray:
    """``a``'s last ``k`` columns moved to the front (a new array): Keras's gate columns i, f, c, o become the
    LSTM's fused order o, i, f, c with k = units, and back with k = 3 units."""
    return np.concatenate((a[:, -k:], a[:, :-k]), axis=1)


def _sequence_hint(shape) -> str:
    """The Reshape that turns a non-sequence input into (timesteps, features)."""
    if len(shape) == 1:
        return _("add a Reshape to ({steps}, 1) before it (each value one timestep)").format(steps=shape[0])
    return _("add a Reshape to ({steps}, {features}) before it (rows as timesteps)").format(
        steps=shape[0], features=int(np.prod(shape[1:])))


class Recurrent(Layer):
    """What SimpleRNN, LSTM and GRU share: params, shapes, initializers, penalties and the time-major layout.
    ``GATES`` is the number of ``units``-wide blocks in the kernel (1, 4, 3)."""

    CATEGORY = "Recurrent"
    GATES = 1
    STARTING_PARAMS = {"units": 16}
    CARD_PARAMS = ("units", "activation")

    @classmethod
    def card_parts(cls, params):
        parts = super().card_parts(params)
        if params.get("return_sequences"):
            parts.append("sequences")
        return parts

    def configure(self):
        p = self.params
        self.units = p["units"]
        self.use_bias = p["use_bias"]
        self.return_sequences = p["return_sequences"]
        self.act = registry_object("activation", p["activation"])
        self.act_into = _into(self.act)
        self.act_slope = _slope(self.act)
        self.rec = registry_object("activation", p["recurrent_activation"]) if "recurrent_activation" in p else None
        # sigmoid gates (the usual) are computed over whole contiguous rows, the cell's columns included and
        # then overwritten: several times faster than gate by gate on strided slices
        self.fast_gates = self.rec is not None and self.rec.name == "sigmoid"
        # element-wise functions (all but softmax) let backward precompute their derivatives for every step
        self.elementwise = all(a is None or a.name != "softmax" for a in (self.act, self.rec))
        self._inits = {"kernel": registry_object("initializer", p["kernel_initializer"]),
                       "recurrent_kernel": registry_object("initializer", p["recurrent_initializer"]),
                       "bias": registry_object("initializer", p["bias_initializer"])}
        self._penalties = [(name, reg) for name, reg in (("kernel", p["kernel_regularizer"]),
                                                          ("recurrent_kernel", p["recurrent_regularizer"])) if reg]
        # the network asks ``regularizer`` whether to call penalty at all
        self.regularizer = p["kernel_regularizer"] or p["recurrent_regularizer"]

    def output_shape(self, input_shapes):
        shape = input_shapes[0]
        if len(shape) != 2:
            raise self.fail(_("needs a sequence input of shape (timesteps, features) but receives "
                              "{shape}: {shape2}.").format(shape=describe(shape), shape2=_sequence_hint(shape)))
        return (shape[0], self.units) if self.return_sequences else (self.units,)

    def bias_shape(self) -> tuple[int, ...]:
        return (self.GATES * self.units,)

    def weight_shapes(self, input_shapes):
        width = self.GATES * self.units
        out = {"kernel": ((input_shapes[0][-1], width), True),
               "recurrent_kernel": ((self.units, width), True)}
        if self.use_bias:
            out["bias"] = (self.bias_shape(), True)
        return out

    def product_size(self, input_shapes):
        steps, features = input_shapes[0]
        # x W over all timesteps, and the recurrent kernel's gradient h^T dz
        return steps * max(features, self.units) * self.GATES * self.units

    def initializer_for(self, name):
        return self._inits[name]

    # --- penalties on the kernel and the recurrent kernel ------------------------------------------------
    def penalty(self, params):
        total = 0.0
        for name, reg in self._penalties:
            w = params[name]
            total += reg.get("l1", 0.0) * float(np.abs(w).sum()) + reg.get("l2", 0.0) * float(np.vdot(w, w))
        return total

    def add_penalty_gradient(self, params, grads):
        for name, reg in self._penalties:
            w, g = params[name], grads[name]
            if reg.get("l1"):
                g += reg["l1"] * np.sign(w)
            if reg.get("l2"):
                g += (2 * reg["l2"]) * w

    # --- shared steps ---------------------------------------------------------------------------------------
    def gates_forward(self, z: np.ndarray, out: np.ndarray, blocks: tuple[int, ...]) -> None:
        """``out``'s gate blocks (``units`` columns each) = recurrent_activation of ``z``'s; with sigmoid gates
        every column is written (the caller overwrites the others)."""
        if self.fast_gates:
            _sigmoid_into(z, out)
            return
        u = self.units
        for k in blocks:  # gate by gate, as Keras applies it
            out[:, k * u:(k + 1) * u] = self.rec.forward(z[:, k * u:(k + 1) * u])

    def gates_backward(self, z, a, grad_a, out, blocks: tuple[int, ...]) -> None:
        """``out``'s gate blocks = dL/dz from dL/da (the same columns as ``gates_forward``)."""
        if self.fast_gates:  # sigmoid' = a (1 - a)
            np.subtract(1, a, out=out)
            out *= a
            out *= grad_a
            return
        u = self.units
        for k in blocks:
            cols = slice(k * u, (k + 1) * u)
            out[:, cols] = self.rec.backward(z[:, cols], a[:, cols], grad_a[:, cols])

    def gate_derivatives(self, z: np.ndarray, a: np.ndarray, blocks: tuple[int, ...]) -> np.ndarray:
        """A new array whose gate blocks hold recurrent_activation'(z) for every timestep (element-wise
        activations only); with sigmoid gates every column is written (the caller overwrites the others)."""
        out = np.empty_like(z)
        if self.fast_gates:  # sigmoid' = a (1 - a)
            np.subtract(1, a, out=out)
            out *= a
            return out
        u = self.units
        for k in blocks:
            cols = slice(k * u, (k + 1) * u)
            out[..., cols] = self.rec.backward(z[..., cols], a[..., cols], np.ones_like(a[..., cols]))
        return out

    def input_part(self, x: np.ndarray, kernel: np.ndarray, bias: np.ndarray | None):
        """(x in time-major order, 2-D; x W + b for every timestep, (timesteps, batch, width))."""
        n, t, f = x.shape
        xt = np.ascontiguousarray(x.transpose(1, 0, 2)).reshape(t * n, f)
        xw = xt @ kernel
        if bias is not None:
            xw += bias
        return xt, xw.reshape(t, n, -1)

    def output(self, hs: np.ndarray) -> np.ndarray:
        """``hs`` (timesteps + 1, batch, units), the initial state first: the layer's batch-first output."""
        return hs[1:].transpose(1, 0, 2) if self.return_sequences else hs[-1]

    def grad_per_step(self, grad_out: np.ndarray, steps: int) -> np.ndarray:
        """dL/dh from outside the layer, time-major (zero for the steps that are not output)."""
        if self.return_sequences:
            return grad_out.transpose(1, 0, 2)
        g = np.zeros((steps,) + grad_out.shape, grad_out.dtype)
        g[-1] = grad_out
        return g

    def weight_grads(self, xt, dxw, hs_prev, dhu, params, n, t, f) -> tuple[list, dict]:
        """The gradients of kernel, recurrent kernel and bias from the per-step pre-activation gradients:
        ``dxw`` on the input side, ``dhu`` on the recurrent side (the same array except in GRU)."""
        width = dxw.shape[-1]
        dxw2 = dxw.reshape(t * n, width)
        grads = {"kernel": xt.T @ dxw2,
                 "recurrent_kernel": hs_prev.reshape(t * n, self.units).T @ dhu.reshape(t * n, -1)}
        if self.use_bias:
            grads["bias"] = dxw2.sum(axis=0)
        grad_x = None
        if self.needs_input_grad:
            grad_x = (dxw2 @ params["kernel"].T).reshape(t, n, f).transpose(1, 0, 2)
        return [grad_x], grads


class SimpleRNN(Recurrent):
    TYPE = "SimpleRNN"
    STEPS = staticmethod(recurrent_steps.simple_rnn)
    ICON = "simple_rnn"
    DESCRIPTION = N_("A plain recurrent layer: the new state is activation(x W + h U + b), one timestep after another.")
    PARAMS = [UNITS, CELL_ACTIVATION, USE_BIAS, RETURN_SEQUENCES, KERNEL_INIT, RECURRENT_INIT, BIAS_INIT,
              REGULARIZER, RECURRENT_REGULARIZER]

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        n, t, f = x.shape
        xt, zs = self.input_part(x, params["kernel"], params.get("bias"))
        u = params["recurrent_kernel"]
        hs = np.zeros((t + 1, n, self.units), x.dtype)
        hu = np.empty((n, self.units), x.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t):
                zs[s] += np.matmul(hs[s], u, out=hu)
                self.act_into(zs[s], hs[s + 1])
        return self.output(hs), (xt, zs, hs)

    def backward(self, grad_out, cache, params):
        xt, zs, hs = cache
        t, n, _ = zs.shape
        f = xt.shape[1]
        u_t = _transposed(params["recurrent_kernel"])
        dh_out = self.grad_per_step(grad_out, t)
        dh = np.zeros((n, self.units), zs.dtype)
        if self.elementwise:  # the activation's derivative for every step at once: two operations a step
            dz = self.act.backward(zs, hs[1:], np.ones_like(zs))
            with _step_threads(n, self.units, self.GATES * self.units):
                for s in range(t - 1, -1, -1):
                    dh += dh_out[s]
                    dz[s] *= dh
                    np.matmul(dz[s], u_t, out=dh)
            return self.weight_grads(xt, dz, hs[:-1], dz, params, n, t, f)
        dz = np.empty_like(zs)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t - 1, -1, -1):
                dh += dh_out[s]
                dz[s] = self.act.backward(zs[s], hs[s + 1], dh)
                dh = dz[s] @ u_t
        return self.weight_grads(xt, dz, hs[:-1], dz, params, n, t, f)


class LSTM(Recurrent):
    TYPE = "LSTM"
    STEPS = staticmethod(recurrent_steps.lstm)
    ICON = "lstm"
    GATES = 4
    DESCRIPTION = N_("Long short-term memory: input, forget and output gates guard a memory cell across timesteps.")
    PARAMS = [UNITS, CELL_ACTIVATION, RECURRENT_ACTIVATION, USE_BIAS, RETURN_SEQUENCES, KERNEL_INIT, RECURRENT_INIT,
              BIAS_INIT, ParamSpec("unit_forget_bias", "bool", True, N_("start the forget gate's bias at 1 (remember)")),
              REGULARIZER, RECURRENT_REGULARIZER]

    def initializer_for(self, name):
        if name == "bias" and self.params["unit_forget_bias"]:
            return self._forget_bias
        return self._inits[name]

    def _forget_bias(self, shape, rng, dtype, **kwargs):
        # Keras: the bias initializer for i, ones for f, the bias initializer again for c and o
        u = self.units
        init = self._inits["bias"]
        return np.concatenate([init((u,), rng, dtype, **kwargs), np.ones(u, dtype),
                               init((2 * u,), rng, dtype, **kwargs)])

    def configure(self):
        super().configure()
        # sigmoid gates and a tanh or relu cell (the defaults, the course's): the fused walk below, whose
        # derivatives come from the activations' outputs alone
        self.fused = self.fast_gates and self.act.name in ("tanh", "relu")

    def forward(self, inputs, params, state, training):
        if self.fused:
            return self._fused_forward(inputs[0], params)
        x = inputs[0]
        n, t, f = x.shape
        u = self.units
        xt, zs = self.input_part(x, params["kernel"], params.get("bias"))
        rk = params["recurrent_kernel"]
        gates = np.empty_like(zs)  # i, f, c (the candidate, through ``activation``), o
        hs = np.zeros((t + 1, n, u), x.dtype)
        cs = np.zeros((t + 1, n, u), x.dtype)
        act_c = np.empty((t, n, u), x.dtype)
        hu = np.empty((n, 4 * u), x.dtype)
        ig = np.empty((n, u), x.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t):
                z = zs[s]
                z += np.matmul(hs[s], rk, out=hu)
                g = gates[s]
                self.gates_forward(z, g, (0, 1, 3))
                self.act_into(z[:, 2 * u:3 * u], g[:, 2 * u:3 * u])
                c = cs[s + 1]
                np.multiply(g[:, u:2 * u], cs[s], out=c)           # f c
                c += np.multiply(g[:, :u], g[:, 2 * u:3 * u], out=ig)  # + i c~
                self.act_into(c, act_c[s])
                np.multiply(g[:, 3 * u:], act_c[s], out=hs[s + 1])
        return self.output(hs), (xt, zs, gates, hs, cs, act_c)

    def backward(self, grad_out, cache, params):
        if self.fused:
            return self._fused_backward(grad_out, cache, params)
        if self.elementwise:
            return self._backward_elementwise(grad_out, cache, params)
        xt, zs, gates, hs, cs, act_c = cache
        t, n, _ = zs.shape
        u = self.units
        f = xt.shape[1]
        rk_t = _transposed(params["recurrent_kernel"])
        dh_out = self.grad_per_step(grad_out, t)
        dz = np.empty_like(zs)
        dgate = np.empty((n, 4 * u), zs.dtype)  # dL/d(gate value) of one step
        dh = np.zeros((n, u), zs.dtype)
        dc = np.zeros((n, u), zs.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t - 1, -1, -1):
                g, z = gates[s], zs[s]
                dh += dh_out[s]
                dgate[:, 3 * u:] = dh * act_c[s]                                     # o
                dc += self.act.backward(cs[s + 1], act_c[s], dh * g[:, 3 * u:])
                dgate[:, :u] = dc * g[:, 2 * u:3 * u]                                # i
                dgate[:, u:2 * u] = dc * cs[s]                                       # f
                dgate[:, 2 * u:3 * u] = dc * g[:, :u]                                # c
                dc *= g[:, u:2 * u]                                                  # to the previous cell
                d = dz[s]
                self.gates_backward(z, g, dgate, d, (0, 1, 3))
                d[:, 2 * u:3 * u] = self.act.backward(z[:, 2 * u:3 * u], g[:, 2 * u:3 * u], dgate[:, 2 * u:3 * u])
                dh = d @ rk_t
        return self.weight_grads(xt, dz, hs[:-1], dz, params, n, t, f)

    def _backward_elementwise(self, grad_out, cache, params):
        """The same gradients with every factor that does not depend on the step's incoming gradient computed
        for all timesteps at once before the walk back: each step is then seven array operations."""
        xt, zs, gates, hs, cs, act_c = cache
        t, n, _ = zs.shape
        u = self.units
        f = xt.shape[1]
        rk_t = _transposed(params["recurrent_kernel"])
        i, fg, c, o = (gates[..., k * u:(k + 1) * u] for k in range(4))
        # dz = factor * (dc for i, f, c; dh for o): activation derivative times the other factor of the product
        dz = self.gate_derivatives(zs, gates, (0, 1, 3))
        dz[..., 2 * u:3 * u] = self.act.backward(zs[..., 2 * u:3 * u], c, np.ones_like(c))
        blocks = dz.reshape(t, n, 4, u)
        blocks[:, :, 0] *= c
        blocks[:, :, 1] *= cs[:-1]
        blocks[:, :, 2] *= i
        blocks[:, :, 3] *= act_c
        through_c = self.act.backward(cs[1:], act_c, np.ones_like(act_c))
        through_c *= o                                      # dc += dh o act'(c)
        dh_out = grad_out.transpose(1, 0, 2) if self.return_sequences else None
        dh = np.zeros((n, u), zs.dtype) if self.return_sequences else np.array(grad_out, zs.dtype)
        dc = np.zeros((n, u), zs.dtype)
        tmp = np.empty((n, u), zs.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t - 1, -1, -1):
                if dh_out is not None:
                    dh += dh_out[s]
                dc += np.multiply(dh, through_c[s], out=tmp)
                d = blocks[s]
                np.multiply(d[:, 3], dh, out=d[:, 3])               # o
                np.multiply(d[:, :3], dc[:, None, :], out=d[:, :3])  # i, f, c
                dc *= fg[s]                                          # to the previous cell
                np.matmul(dz[s], rk_t, out=dh)
        return self.weight_grads(xt, dz, hs[:-1], dz, params, n, t, f)


    # --- the fused walk: sigmoid gates, tanh or relu cell ----------------------------------------------------
    # With a tanh cell a step is one product and eight element-wise operations on contiguous blocks. Its arrays are
    # transposed, (gates x units, batch): the product [W; b; U]^T [x_t; 1; h_t] gives the whole pre-activation
    # (input part and bias included), and every gate is a contiguous block of rows, in the order o, i, f, c
    # (Keras i, f, c, o rolled by one block): the three sigmoid gates are adjacent for the forward, and i, f,
    # c, which backward multiplies by the same dc, are adjacent too.

    def _fused_weights(self, params, dtype):
        """[kernel; bias; recurrent kernel] transposed, gate rows o, i, f, c: (4 units, features + 1 + units).
        With a tanh cell the sigmoid gates' rows are halved, since sigmoid(z) = (1 + tanh(z / 2)) / 2 lets one
        tanh over the whole block compute all four gates (halving is exact in floating point)."""
        kernel = params["kernel"]
        f, u = kernel.shape[0], self.units
        w = np.empty((4 * u, f + 1 + u), dtype)
        for rows, cols in ((slice(0, u), slice(3 * u, None)), (slice(u, None), slice(0, 3 * u))):  # o; i, f, c
            w[rows, :f] = kernel[:, cols].T
            w[rows, f] = params["bias"][cols] if self.use_bias else 0
            w[rows, f + 1:] = params["recurrent_kernel"][:, cols].T
        if self.act.name == "tanh":
            w[:3 * u] *= 0.5
        return w

    def _fused_forward(self, x, params):
        n, t, f = x.shape
        u = self.units
        tanh_cell = self.act.name == "tanh"
        w = self._fused_weights(params, x.dtype)
        # each step's [x_t; 1; h_t], the product's right-hand side; step t writes h_t+1 into the next one
        inp = np.empty((t + 1, f + 1 + u, n), x.dtype)
        inp[:t, :f] = x.transpose(1, 2, 0)
        inp[:, f] = 1
        inp[0, f + 1:] = 0
        hs = inp[:, f + 1:]
        gates = np.empty((t, 4 * u, n), x.dtype)  # o, i, f (sigmoid), c (the candidate, through ``activation``)
        cs = np.empty((t + 1, u, n), x.dtype)
        cs[0] = 0
        act_c = np.empty((t, u, n), x.dtype)
        ig = np.empty((u, n), x.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t):
                g = gates[s]
                np.matmul(w, inp[s], out=g)
                sig = g[:3 * u]
                if tanh_cell:
                    np.tanh(g, out=g)
                    sig *= 0.5
                    sig += 0.5
                else:
                    _sigmoid_into(sig, sig)
                    self.act_into(g[3 * u:], g[3 * u:])
                c = cs[s + 1]
                np.multiply(g[2 * u:3 * u], cs[s], out=c)                 # f c
                c += np.multiply(g[u:2 * u], g[3 * u:], out=ig)           # + i c~
                self.act_into(c, act_c[s])
                np.multiply(g[:u], act_c[s], out=hs[s + 1])               # h = o act(c)
        out = hs[1:].transpose(2, 0, 1) if self.return_sequences else np.ascontiguousarray(hs[t].T)
        return out, (inp, gates, cs, act_c)

    def _fused_factors(self, gates, c_prev, act_c, rows) -> None:
        """For a few timesteps: ``rows`` = dc/dh through the cell, then what dL/dz is over dh (o) or over dc
        (i, f, c) for each gate."""
        u = self.units
        o, i, cand = gates[:, :u], gates[:, u:2 * u], gates[:, 3 * u:]
        sig = rows[:, u:4 * u]
        np.subtract(1, gates[:, :3 * u], out=sig)        # sigmoid' = a (1 - a)
        sig *= gates[:, :3 * u]
        rows[:, u:2 * u] *= act_c                        # o: h = o act(c)
        rows[:, 2 * u:3 * u] *= cand                     # i: i c~
        rows[:, 3 * u:4 * u] *= c_prev                   # f: f c
        self.act_slope(None, cand, rows[:, 4 * u:])
        rows[:, 4 * u:] *= i                             # c~: i c~
        self.act_slope(None, act_c, rows[:, :u])
        rows[:, :u] *= o                                 # through c: h = o act(c)

    def _fused_backward(self, grad_out, cache, params):
        """Back through time, the gate factors that do not depend on the incoming gradient computed a few
        timesteps at a time just before those steps are walked (still in the CPU's cache when read); each
        step is then five operations, and the weight gradients one product per timestep."""
        inp, gates, cs, act_c = cache
        t, _, n = gates.shape
        u = self.units
        f = inp.shape[1] - 1 - u
        rk = _fused_columns(params["recurrent_kernel"], u)
        # per step: dh's share of dc above dL/dz of o, i, f, c, so that one operation multiplies both by dh
        rows = np.empty((t, 5 * u, n), gates.dtype)
        dz = rows[:, u:]
        if self.return_sequences:
            dh_out = np.ascontiguousarray(grad_out.transpose(1, 2, 0))
            dh = np.zeros((u, n), gates.dtype)
        else:
            dh_out, dh = None, np.array(grad_out.T, gates.dtype)
        dc = np.zeros((u, n), gates.dtype)
        chunk = max(1, _LSTM_CHUNK_VALUES // (4 * u * n))
        with _step_threads(n, self.units, self.GATES * self.units):
            for end in range(t, 0, -chunk):
                c = slice(max(end - chunk, 0), end)
                self._fused_factors(gates[c], cs[c], act_c[c], rows[c])
                for s in range(end - 1, c.start - 1, -1):
                    if dh_out is not None:
                        dh += dh_out[s]
                    r = rows[s]
                    by_dh = r[:2 * u].reshape(2, u, n)
                    np.multiply(by_dh, dh, out=by_dh)                      # dc's share, o
                    dc += r[:u]
                    ifc = r[2 * u:].reshape(3, u, n)
                    np.multiply(ifc, dc, out=ifc)                          # i, f, c
                    if s:
                        dc *= gates[s, 2 * u:3 * u]                        # to the previous cell
                        np.matmul(rk, r[u:], out=dh)
        wg = np.empty((4 * u, inp.shape[1]), gates.dtype)                  # (4 units, features + 1 + units)
        inp_t = inp[:t].transpose(0, 2, 1)

        def weight_rows(r):  # rows r of [W; b; U]^T's gradient: each a sum over every step and sample
            np.matmul(dz[:, r], inp_t).sum(axis=0, out=wg[r])

        # a large product is cut along its rows over the cores, as Dense and Conv2D do (halves.matmul), while a
        # fit holds BLAS to one thread; the values it touches include the per-step products summed
        if halves.splits_product(4 * u, dz.size // (4 * u) * inp.shape[1]):
            halves.rows(4 * u, dz.size + inp.size + t * wg.size, weight_rows)
        else:
            weight_rows(slice(None))
        wg = _fused_columns(wg.T, 3 * u)                                   # columns back to i, f, c, o
        grads = {"kernel": wg[:f], "recurrent_kernel": wg[f + 1:]}
        if self.use_bias:
            grads["bias"] = wg[f]
        grad_x = None
        if self.needs_input_grad:
            grad_x = np.matmul(_fused_columns(params["kernel"], u), dz).transpose(2, 0, 1)
        return [grad_x], grads


class GRU(Recurrent):
    TYPE = "GRU"
    STEPS = staticmethod(recurrent_steps.gru)
    ICON = "gru"
    GATES = 3
    DESCRIPTION = N_("Gated recurrent unit: an update gate and a reset gate decide how much of the state to keep.")
    PARAMS = [UNITS, CELL_ACTIVATION, RECURRENT_ACTIVATION, USE_BIAS, RETURN_SEQUENCES, KERNEL_INIT, RECURRENT_INIT,
              BIAS_INIT, ParamSpec("reset_after", "bool", True,
                                   N_("apply the reset gate after the state-to-state product (Keras 3, PyTorch)")),
              REGULARIZER, RECURRENT_REGULARIZER]

    def configure(self):
        super().configure()
        self.reset_after = self.params["reset_after"]

    def bias_shape(self):
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        n, t, f = x.shape
        u = self.units
        bias = params.get("bias")
        input_bias = None if bias is None else (bias[0] if self.reset_after else bias)
        xt, xz = self.input_part(x, params["kernel"], input_bias)
        rk = params["recurrent_kernel"]
        recurrent_bias = bias[1] if bias is not None and self.reset_after else None
        zr_pre = np.empty((t, n, 2 * u), x.dtype)
        zr = np.empty_like(zr_pre)
        pre = np.empty((t, n, u), x.dtype)     # the candidate's pre-activation
        cand = np.empty_like(pre)              # the candidate h~
        hu = np.empty_like(pre)                # reset_after: h U_h + b_h; before: r * h (what U_h multiplies)
        hs = np.zeros((t + 1, n, u), x.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t):
                h = hs[s]
                if self.reset_after:
                    hz = h @ rk
                    if recurrent_bias is not None:
                        hz += recurrent_bias
                    np.add(xz[s, :, :2 * u], hz[:, :2 * u], out=zr_pre[s])
                    self.gates_forward(zr_pre[s], zr[s], (0, 1))
                    hu[s] = hz[:, 2 * u:]
                    np.add(xz[s, :, 2 * u:], zr[s, :, u:] * hu[s], out=pre[s])
                else:
                    np.add(xz[s, :, :2 * u], h @ rk[:, :2 * u], out=zr_pre[s])
                    self.gates_forward(zr_pre[s], zr[s], (0, 1))
                    np.multiply(zr[s, :, u:], h, out=hu[s])
                    np.add(xz[s, :, 2 * u:], hu[s] @ rk[:, 2 * u:], out=pre[s])
                self.act_into(pre[s], cand[s])
                # h = z h + (1 - z) h~ = h~ + z (h - h~)
                np.add(cand[s], zr[s, :, :u] * (h - cand[s]), out=hs[s + 1])
        return self.output(hs), (xt, zr_pre, zr, pre, cand, hu, hs)

    def backward(self, grad_out, cache, params):
        if self.elementwise and self.reset_after and cache[2].shape[1] * cache[2].shape[2] <= _FACTORED_GRU_STEP:
            return self._backward_elementwise(grad_out, cache, params)
        xt, zr_pre, zr, pre, cand, hu, hs = cache
        t, n, u = pre.shape
        f = xt.shape[1]
        rk = params["recurrent_kernel"]
        rk_t = _transposed(rk)
        rk_zr_t, rk_h_t = rk[:, :2 * u].T, rk[:, 2 * u:].T
        dh_out = self.grad_per_step(grad_out, t)
        dxz = np.empty((t, n, 3 * u), pre.dtype)
        dhz = np.empty_like(dxz) if self.reset_after else None  # reset_after: the recurrent side differs
        dgate = np.empty((n, 2 * u), pre.dtype)
        dzr = np.empty_like(dgate)
        dh = np.zeros((n, u), pre.dtype)
        with _step_threads(n, self.units, self.GATES * self.units):
            for s in range(t - 1, -1, -1):
                h = hs[s]
                z, r = zr[s, :, :u], zr[s, :, u:]
                dh += dh_out[s]
                dgate[:, :u] = dh * (h - cand[s])                            # z
                dpre = self.act.backward(pre[s], cand[s], dh * (1 - z))
                dh = dh * z                                                  # through z h
                if self.reset_after:
                    dgate[:, u:] = dpre * hu[s]                              # r
                    self.gates_backward(zr_pre[s], zr[s], dgate, dzr, (0, 1))
                    dxz[s, :, :2 * u] = dzr
                    dxz[s, :, 2 * u:] = dpre
                    dhz[s, :, :2 * u] = dzr
                    np.multiply(dpre, r, out=dhz[s, :, 2 * u:])
                    dh += dhz[s] @ rk_t
                else:
                    drh = dpre @ rk_h_t
                    dgate[:, u:] = drh * h                                   # r
                    dh += drh * r
                    self.gates_backward(zr_pre[s], zr[s], dgate, dzr, (0, 1))
                    dxz[s, :, :2 * u] = dzr
                    dxz[s, :, 2 * u:] = dpre
                    dh += dzr @ rk_zr_t
        if self.reset_after:
            grad_inputs, grads = self.weight_grads(xt, dxz, hs[:-1], dhz, params, n, t, f)
            if self.use_bias:
                grads["bias"] = np.stack([grads["bias"], dhz.reshape(t * n, -1).sum(axis=0)])
            return grad_inputs, grads
        grad_inputs, grads = self.weight_grads(xt, dxz, hs[:-1], dxz[..., :2 * u], params, n, t, f)
        grad_h = hu.reshape(t * n, u).T @ dxz[..., 2 * u:].reshape(t * n, u)  # U_h multiplies r * h
        grads["recurrent_kernel"] = np.concatenate([grads["recurrent_kernel"], grad_h], axis=1)
        return grad_inputs, grads


    def _backward_elementwise(self, grad_out, cache, params):
        """reset_after: the same gradients with every factor that does not depend on the incoming gradient
        dh computed before the walk back, which then takes four array operations a step. Each pre-activation
        gradient is dh times a factor: z: (h - h~) sig'(z); r: dh~ r'(r) (h U_h + b_h) with
        dh~ = (1 - z) act'(h~), the candidate's; h: dh~ on the input side, dh~ r on the recurrent one. The
        factors are computed a few timesteps at a time, just before those steps are walked, so that they
        are still in the CPU's cache when the walk reads them (whole-sequence passes run from memory)."""
        xt, zr_pre, zr, pre, cand, hu, hs = cache
        t, n, u = pre.shape
        f = xt.shape[1]
        rk_t = _transposed(params["recurrent_kernel"])
        rec = np.empty((t, n, 3, u), pre.dtype)  # dL/d(h U + b_rec) of each step, over dh until walked
        dhz = rec.reshape(t, n, 3 * u)
        dxz = np.empty_like(dhz)
        dcand = np.empty((t, n, u), pre.dtype)
        dhs = np.empty((t, n, u), pre.dtype)  # dL/dh at every step's output, filled by the walk
        dhs[-1] = grad_out[:, -1] if self.return_sequences else grad_out
        dh_out = grad_out.transpose(1, 0, 2) if self.return_sequences else None
        tmp = np.empty((n, u), pre.dtype)
        chunk = max(1, _CHUNK_VALUES // (n * 3 * u))
        with _step_threads(n, self.units, self.GATES * self.units):
            for end in range(t, 0, -chunk):
                c = slice(max(end - chunk, 0), end)
                z, factor, dc = zr[c, :, :u], rec[c], dcand[c]
                self.act_slope(pre[c], cand[c], dc)
                np.subtract(hs[c], cand[c], out=factor[:, :, 2])     # scratch until the h block is due
                np.subtract(dc, np.multiply(dc, z, out=dxz[c, :, :u]), out=dc)  # (1 - z) act'
                if self.fast_gates:  # sigmoid' = a (1 - a), written straight into the z and r blocks
                    gates = zr[c].reshape(-1, n, 2, u)
                    np.subtract(1, gates, out=factor[:, :, :2])
                    factor[:, :, :2] *= gates
                else:
                    factor[:, :, :2] = self.gate_derivatives(zr_pre[c], zr[c], (0, 1)).reshape(-1, n, 2, u)
                factor[:, :, 0] *= factor[:, :, 2]
                np.multiply(factor[:, :, 1], dc, out=factor[:, :, 1])
                factor[:, :, 1] *= hu[c]
                np.multiply(dc, zr[c, :, u:], out=factor[:, :, 2])
                for s in range(end - 1, c.start - 1, -1):
                    dh = dhs[s]
                    np.multiply(rec[s], dh[:, None, :], out=rec[s])
                    if s:
                        prev = dhs[s - 1]
                        np.matmul(dhz[s], rk_t, out=prev)
                        prev += np.multiply(dh, zr[s, :, :u], out=tmp)     # through z h
                        if dh_out is not None:
                            prev += dh_out[s - 1]
                # the input side differs from the recurrent one only in the candidate's block: dh~, not dh~ r
                dxz[c] = dhz[c]
                np.multiply(dhs[c], dc, out=dxz[c, :, 2 * u:])
        grad_inputs, grads = self.weight_grads(xt, dxz, hs[:-1], dhz, params, n, t, f)
        if self.use_bias:
            grads["bias"] = np.stack([grads["bias"], dhz.reshape(t * n, -1).sum(axis=0)])
        return grad_inputs, grads

class Embedding(Layer):
    TYPE = "Embedding"
    ICON = "embedding"
    CATEGORY = "Recurrent"
    INDEX_INPUTS = True
    STARTING_PARAMS = {"input_dim": 100, "output_dim": 8}
    CARD_PARAMS = ("input_dim", "output_dim")
    DESCRIPTION = N_("Turns each token number (0 to input_dim - 1) into a learned vector of output_dim values.")
    PARAMS = [ParamSpec("input_dim", "int", None, N_("number of different tokens (the largest token + 1)"), min=1,
                        required=True),
              ParamSpec("output_dim", "int", None, N_("length of each token's vector"), min=1, required=True),
              ParamSpec("embeddings_initializer", "initializer", "random_uniform",
                        N_("how the vectors start (Keras: uniform on [-0.05, 0.05))"))]

    def configure(self):
        self.input_dim, self.output_dim = self.params["input_dim"], self.params["output_dim"]
        self._init = registry_object("initializer", self.params["embeddings_initializer"])

    def output_shape(self, input_shapes):
        return input_shapes[0] + (self.output_dim,)

    def weight_shapes(self, input_shapes):
        return {"embeddings": ((self.input_dim, self.output_dim), True)}

    def initializer_for(self, name):
        return self._init

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        idx = x.astype(np.int64)
        if idx.size and (idx.min() < 0 or idx.max() >= self.input_dim or not np.array_equal(idx, x)):
            bad = x[(idx < 0) | (idx >= self.input_dim) | (idx != x)].flat[0]
            raise self.fail(_("receives the value {bad:g}, but its inputs must be whole token numbers "
                              "from 0 to {number} (input_dim {input_dim}).").format(bad=bad, number=self.input_dim - 1, input_dim=self.input_dim), "input_dim")
        return params["embeddings"][idx], idx

    def backward(self, grad_out, cache, params):
        grad = np.zeros_like(params["embeddings"])
        np.add.at(grad, cache.reshape(-1), grad_out.reshape(-1, self.output_dim))
        return [None], {"embeddings": grad}
