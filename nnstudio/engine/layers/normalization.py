"""BatchNormalization with Keras semantics: normalise over every axis but the last (features of a flat
input, channels of an image); moving statistics updated as moving = momentum * moving + (1 - momentum) * batch."""

from __future__ import annotations

import numpy as np

from ..params import ParamSpec
from .base import Layer
from ...i18n import N_


class BatchNormalization(Layer):
    TYPE = "BatchNormalization"
    ICON = "batch_normalization"
    CATEGORY = "Normalization"
    DESCRIPTION = N_("Rescales each feature to mean 0 and spread 1 over the batch, then learns a scale and shift.")
    PARAMS = [ParamSpec("momentum", "float", 0.99, N_("how slowly the running mean and variance follow the batches"),
                        min=0.0, max=1.0),
              ParamSpec("epsilon", "float", 1e-3, N_("small number added to the variance to avoid dividing by 0"),
                        min=0.0, exclusive_min=True)]

    @classmethod
    def card_parts(cls, params):
        return [f"momentum {params.get('momentum')}"]

    def configure(self):
        self.momentum = self.params["momentum"]
        self.epsilon = self.params["epsilon"]

    def weight_shapes(self, input_shapes):
        c = (input_shapes[0][-1],)
        return {"gamma": (c, True), "beta": (c, True), "moving_mean": (c, False), "moving_variance": (c, False)}

    def build(self, input_shapes, rng, dtype):
        c = input_shapes[0][-1]
        return ({"gamma": np.ones(c, dtype), "beta": np.zeros(c, dtype)},
                {"moving_mean": np.zeros(c, dtype), "moving_variance": np.ones(c, dtype)})

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        axes = tuple(range(x.ndim - 1))
        if training:
            mean = x.mean(axis=axes)
            var = x.var(axis=axes)  # biased, as Keras (and PyTorch's normalisation) use
        else:
            mean, var = state["moving_mean"], state["moving_variance"]
        inv_std = 1.0 / np.sqrt(var + x.dtype.type(self.epsilon))
        x_hat = (x - mean) * inv_std  # x_hat = (x - mu) / sqrt(var + eps)
        out = x_hat * params["gamma"] + params["beta"]
        return out, (x_hat, inv_std, mean, var, training)

    def update_state(self, state, cache) -> None:
        """After a training step: fold the batch statistics into the moving averages, in place."""
        mean, var = cache[2], cache[3]
        m = self.momentum
        state["moving_mean"] *= m
        state["moving_mean"] += (1 - m) * mean
        state["moving_variance"] *= m
        state["moving_variance"] += (1 - m) * var

    def backward(self, grad_out, cache, params):
        x_hat, inv_std, _, _, training = cache
        axes = tuple(range(grad_out.ndim - 1))
        grads = {"gamma": (grad_out * x_hat).sum(axis=axes), "beta": grad_out.sum(axis=axes)}
        g_hat = grad_out * params["gamma"]
        if not training:  # fixed statistics: a plain affine map
            return [g_hat * inv_std], grads
        m = grad_out.size // grad_out.shape[-1]
        # dx = inv_std / m * (m g_hat - sum(g_hat) - x_hat sum(g_hat x_hat))
        grad_x = (inv_std / m) * (m * g_hat - g_hat.sum(axis=axes) - x_hat * (g_hat * x_hat).sum(axis=axes))
        return [grad_x], grads
