"""Core layers: Input, Dense, Activation, Dropout, Flatten, Reshape."""

from __future__ import annotations

import math

import numpy as np

from .. import halves
from ..params import ParamSpec
from . import card
from .base import Layer, describe, registry_object
from ...i18n import N_, _

ACTIVATION = ParamSpec("activation", "activation", "linear", N_("function applied to the weighted sum"))
USE_BIAS = ParamSpec("use_bias", "bool", True, N_("add a learned bias to each output"))
KERNEL_INIT = ParamSpec("kernel_initializer", "initializer", "glorot_uniform", N_("how the weights start"))
BIAS_INIT = ParamSpec("bias_initializer", "initializer", "zeros", N_("how the biases start"))
REGULARIZER = ParamSpec("kernel_regularizer", "regularizer", None,
                        N_('weight penalty added to the loss, e.g. {"l2": 0.01}'))


class ActivatedLayer(Layer):
    """A layer whose output is ``activation(z)``: the loss may backpropagate from z directly (fused path).
    ``forward(..., activate=False)`` returns z itself: the training loop asks for that on the output layer when
    the loss is fused with its activation, which then never needs computing."""

    ACTIVATED = True

    def configure_activation(self) -> None:
        self.activation = registry_object("activation", self.params["activation"])
        self.linear = self.activation.name == "linear"

    def activate(self, z: np.ndarray) -> np.ndarray:
        return z if self.linear else self.activation.forward(z)

    def backward(self, grad_out, cache, params):
        z, a = cache[-2], cache[-1]
        grad_z = grad_out if self.linear else self.activation.backward(z, a, grad_out)
        return self.backward_preactivation(grad_z, cache, params)

    def backward_preactivation(self, grad_z, cache, params):
        raise NotImplementedError


class WeightedLayer(ActivatedLayer):
    """Shared by Dense and Conv2D: activation, bias, initializers and the kernel penalty."""

    def configure_activation(self) -> None:
        super().configure_activation()
        self._ones = None  # a constant vector reused by bias_gradient
        self.use_bias = self.params["use_bias"]
        self.regularizer = self.params["kernel_regularizer"]
        self._inits = {"kernel": registry_object("initializer", self.params["kernel_initializer"]),
                       "bias": registry_object("initializer", self.params["bias_initializer"])}

    def initializer_for(self, name):
        return self._inits[name]

    def bias_gradient(self, grad_z2d: np.ndarray) -> np.ndarray:
        """db = the column sums of dz, as a BLAS matrix-vector product (several times faster than sum)."""
        m = grad_z2d.shape[0]
        ones = self._ones
        if ones is None or ones.shape[0] != m or ones.dtype != grad_z2d.dtype:
            ones = self._ones = np.ones(m, dtype=grad_z2d.dtype)
        return np.matmul(ones, grad_z2d, out=self._grad_out("bias", grad_z2d.dtype))

    def _grad_out(self, name: str, dtype) -> np.ndarray | None:
        """The network's buffer for the gradient of ``name`` when it can take it, else None (allocate)."""
        bufs = self.grad_buffers
        if bufs is None:
            return None
        buf = bufs.get(name)
        return buf if buf is not None and buf.dtype == dtype else None

    def activate(self, z):
        # z is this layer's own fresh array: relu may overwrite it (its backward only needs the sign of z,
        # which a = relu(z) keeps), saving an allocation and a pass on the hot path
        if self.activation.name == "relu":
            return np.maximum(z, 0, out=z)
        return super().activate(z)


class Input(Layer):
    TYPE = "Input"
    ICON = "input"
    STARTING_PARAMS = {"shape": [2]}
    DESCRIPTION = N_("Where the data enters: one sample's shape, e.g. [2] for points or [28, 28, 1] for images.")
    PARAMS = [ParamSpec("shape", "shape", None, N_("shape of one sample, without the batch axis"),
                        required=True)]

    @classmethod
    def card_parts(cls, params):
        shape = params.get("shape")
        return [card.shape_text(shape) if shape is not None else "no shape"]
    MIN_INPUTS = MAX_INPUTS = 0

    def configure(self):
        self.shape = tuple(self.params["shape"])
        if any(d < 1 for d in self.shape):
            raise self.fail(_("needs every dimension of 'shape' to be at least 1, but it is {shape}.")
                            .format(shape=list(self.shape)), "shape")

    def output_shape(self, input_shapes):
        return self.shape

    def forward(self, inputs, params, state, training):
        return inputs[0], None

    def backward(self, grad_out, cache, params):
        return [], {}


class Dense(WeightedLayer):
    TYPE = "Dense"
    ICON = "dense"
    STARTING_PARAMS = {"units": 16, "activation": "relu"}
    UNIT_TILES = True
    CARD_PARAMS = ("units", "activation", "kernel_initializer")
    DESCRIPTION = N_("Fully connected: every output is a weighted sum of all inputs plus a bias.")
    PARAMS = [ParamSpec("units", "int", None, N_("number of neurons (outputs)"), min=1, required=True),
              ACTIVATION, USE_BIAS, KERNEL_INIT, BIAS_INIT, REGULARIZER]

    def configure(self):
        self.units = self.params["units"]
        self.configure_activation()

    def output_shape(self, input_shapes):
        shape = input_shapes[0]
        if len(shape) == 2:  # a sequence (timesteps, features): the same Dense at every timestep (Keras 3)
            return (shape[0], self.units)
        if len(shape) != 1:
            raise self.fail(_("needs a flat input but receives {shape}: add a Flatten before it.")
                            .format(shape=describe(shape)))
        return (self.units,)

    def weight_shapes(self, input_shapes):
        out = {"kernel": ((input_shapes[0][-1], self.units), True)}
        if self.use_bias:
            out["bias"] = ((self.units,), True)
        return out

    def product_size(self, input_shapes):
        return math.prod(input_shapes[0]) * self.units  # x W (and x^T dz, dz W^T: the same count)

    def forward(self, inputs, params, state, training, activate=True):
        x = inputs[0]
        if x.ndim == 3:  # per timestep: one matrix product over every (sample, timestep) row
            x = x.reshape(-1, x.shape[-1])
        w = params["kernel"]
        # small products skip the split's call altogether: XOR makes five a step of ~40 us
        z = x @ w if len(x) * w.size < halves.PRODUCT else halves.matmul(x, w)  # z = x W + b
        if self.use_bias:
            z += params["bias"]
        a = self.activate(z) if activate else z
        if inputs[0].ndim == 3:
            z, a = (v.reshape(inputs[0].shape[:2] + (self.units,)) for v in (z, a))
        return a, (x, z, a)

    def backward_preactivation(self, grad_z, cache, params):
        x = cache[0]
        sequence = grad_z.ndim == 3
        if sequence:
            steps = grad_z.shape[1]
            grad_z = grad_z.reshape(-1, self.units)
        w = params["kernel"]
        large = len(grad_z) * w.size >= halves.PRODUCT
        out = self._grad_out("kernel", grad_z.dtype)
        # dW = x^T dz
        grads = {"kernel": halves.matmul_t(x, grad_z, out=out) if large else np.matmul(x.T, grad_z, out=out)}
        if self.use_bias:
            grads["bias"] = self.bias_gradient(grad_z)
        grad_x = None
        if self.needs_input_grad:  # dx = dz W^T
            grad_x = halves.matmul(grad_z, w.T) if large else grad_z @ w.T
        if sequence and grad_x is not None:
            grad_x = grad_x.reshape(-1, steps, grad_x.shape[-1])
        return [grad_x], grads


class Activation(ActivatedLayer):
    TYPE = "Activation"
    ICON = "activation"
    STARTING_PARAMS = {"activation": "relu"}
    CARD_PARAMS = ("activation",)
    DESCRIPTION = N_("Applies a function such as relu or sigmoid to each value, with no weights.")
    PARAMS = [ParamSpec("activation", "activation", "relu", N_("function applied to each value"))]

    def configure(self):
        self.configure_activation()

    def forward(self, inputs, params, state, training, activate=True):
        z = inputs[0]
        a = self.activate(z) if activate else z
        return a, (z, a)

    def backward_preactivation(self, grad_z, cache, params):
        return [grad_z], {}


class Dropout(Layer):
    TYPE = "Dropout"
    ICON = "dropout"
    DESCRIPTION = N_("While training, zeroes a random fraction of values (and scales the rest up); off when predicting.")
    PARAMS = [ParamSpec("rate", "float", 0.5, N_("fraction of values dropped while training"), min=0.0, max=1.0)]

    @classmethod
    def card_parts(cls, params):
        return [f"rate {params.get('rate')}"]

    def configure(self):
        self.rate = self.params["rate"]
        if self.rate >= 1.0:
            raise self.fail(_("needs 'rate' below 1 (a rate of {rate:g} would drop everything).")
                            .format(rate=self.rate), "rate")
        self.rng = np.random.default_rng(0)

    def build(self, input_shapes, rng, dtype):
        self.reseed(int(rng.integers(2**63)))
        return {}, {}

    def reseed(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        if not training or self.rate == 0.0:
            return x, None
        # inverted dropout: keep with probability 1 - rate and scale by 1 / (1 - rate)
        mask = self.rng.random(x.shape, dtype=x.dtype) >= self.rate
        mask = mask * x.dtype.type(1.0 / (1.0 - self.rate))
        return x * mask, mask

    def backward(self, grad_out, cache, params):
        return [grad_out if cache is None else grad_out * cache], {}


class Flatten(Layer):
    TYPE = "Flatten"
    ICON = "flatten"
    DESCRIPTION = N_("Unrolls an image (or any shape) into one long row of numbers for Dense layers.")

    def output_shape(self, input_shapes):
        return (math.prod(input_shapes[0]),)

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        return x.reshape(x.shape[0], -1), x.shape

    def backward(self, grad_out, cache, params):
        return [grad_out.reshape(cache)], {}


class Reshape(Layer):
    TYPE = "Reshape"
    ICON = "reshape"
    STARTING_PARAMS = {"target_shape": [-1]}
    DESCRIPTION = N_("Rearranges the values into a new shape with the same number of values (-1: inferred).")
    PARAMS = [ParamSpec("target_shape", "shape", None, N_("new shape of one sample; one entry may be -1"),
                        required=True)]

    @classmethod
    def card_parts(cls, params):
        target = params.get("target_shape")
        return ["→ " + card.shape_text(target) if target else ""]

    def configure(self):
        target = self.params["target_shape"]
        if sum(1 for d in target if d == -1) > 1 or any(d < 1 and d != -1 for d in target):
            raise self.fail(_("needs 'target_shape' made of positive sizes with at most one -1, but "
                              "it is {target}.").format(target=target), "target_shape")
        self.target = tuple(target)

    def output_shape(self, input_shapes):
        size = math.prod(input_shapes[0])
        known = math.prod(d for d in self.target if d != -1)
        if -1 in self.target:
            if size % known:
                raise self.fail(_("cannot reshape {describe} ({size} values) into {target}: {size} is "
                                  "not a multiple of {known}.").format(describe=describe(input_shapes[0]), size=size, target=list(self.target), known=known), "target_shape")
            return tuple(size // known if d == -1 else d for d in self.target)
        if known != size:
            raise self.fail(_("cannot reshape {describe} ({size} values) into {target} ({known} "
                              "values): the sizes must match.").format(describe=describe(input_shapes[0]), size=size, target=describe(self.target), known=known), "target_shape")
        return self.target

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        return x.reshape((x.shape[0],) + self.target), x.shape

    def backward(self, grad_out, cache, params):
        return [grad_out.reshape(cache)], {}
