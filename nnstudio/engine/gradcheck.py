"""Numerical gradient check: central differences against backpropagation, in float64."""

from __future__ import annotations

import numpy as np

from . import losses

_FLOOR = 1e-4  # gradients smaller than this are compared absolutely (see gradcheck)


def numerical_gradient(f, x, h: float = 1e-4) -> np.ndarray:
    """The gradient of ``f`` at ``x`` by central differences, (f(x + h) - f(x - h)) / 2h along each axis, as
    the course computes it (tutorial 003, with its h = 1e-4). ``x`` is copied to float64 and left unchanged."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        keep = flat_x[i]
        flat_x[i] = keep + h
        up = float(f(x))
        flat_x[i] = keep - h
        down = float(f(x))
        flat_x[i] = keep
        flat_g[i] = (up - down) / (2 * h)
    return grad


def gradcheck(net, X, y, loss, eps: float = 1e-6) -> dict[str, float]:
    """{"node_id/param": max relative error} for every trainable tensor.

    Runs on a float64 copy of ``net`` in training mode (batch statistics for BatchNormalization) with every
    Dropout mask fixed (the same seed before each evaluation). The error of a tensor is
    max |analytic - numeric| / max(max |analytic|, max |numeric|, 1e-4): relative to the tensor's own scale,
    so elements whose gradient is tiny do not blow up the ratio with round-off. A tensor whose gradient is
    below 1e-4 everywhere (e.g. a bias before BatchNormalization, exactly 0) is compared absolutely, in units
    of 1e-4: the finite differences themselves carry ~1e-10 of round-off.
    """
    from .network import Network
    loss = losses.get(loss)
    copy = Network.from_config(net.to_config(), seed=net.seed, dtype="float64")
    copy.set_weights(net.get_weights())
    X = copy._as_input(X)
    y = copy._as_target(y, loss)

    def evaluate():
        copy.reseed_dropout(0)
        value, grads, _, _ = copy._loss_and_gradients(X, y, loss)
        return value, grads

    _, analytic = evaluate()
    analytic = {k: g.copy() for k, g in analytic.items()}
    errors = {}
    for key, w in copy.params_flat.items():
        numeric = np.zeros_like(w)
        flat_w, flat_n = w.reshape(-1), numeric.reshape(-1)
        for i in range(flat_w.size):
            keep = flat_w[i]
            flat_w[i] = keep + eps
            up = evaluate()[0]
            flat_w[i] = keep - eps
            down = evaluate()[0]
            flat_w[i] = keep
            flat_n[i] = (up - down) / (2 * eps)
        a = analytic[key]
        scale = max(float(np.abs(a).max(initial=0.0)), float(np.abs(numeric).max(initial=0.0)), _FLOOR)
        errors[key] = float(np.abs(a - numeric).max(initial=0.0)) / scale
    return errors
