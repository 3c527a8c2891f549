"""Numerical gradient check: central differences against backpropagation, in float64.

Where a ReLU (or leaky ReLU, SELU, hard sigmoid, ...) input sits within eps of its corner, a max-pool window
holds a tie, or an L1 penalty's weight is 0, the loss has a kink: its slope jumps there, so the two sides of
the central difference see different slopes and their average matches neither. Backpropagation is right at
such a point (it takes one side's slope, as every framework does), yet the comparison would read as a
mismatch. ``check`` recognises these entries from the difference itself, with no knowledge of the layers:
the slopes left and right of the weight disagree, and the analytic gradient equals one of them. They are
counted as kinks and left out of the error. A real backprop mistake in a smooth region does not look like
that: there the two one-sided slopes agree with each other, so it stays a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import losses

_FLOOR = 1e-4  # gradients smaller than this are compared absolutely (see gradcheck)
TOLERANCE = 1e-4  # a relative error above this is a mismatch


@dataclass(frozen=True)
class TensorCheck:
    """One trainable tensor's result."""

    error: float  # max relative error over its entries away from kinks
    kinks: int    # entries whose finite difference straddles a kink (left out of ``error``)
    size: int     # entries checked

    @property
    def ok(self) -> bool:
        return self.error <= TOLERANCE


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
    """{"node_id/param": max relative error} for every trainable tensor (entries at kinks left out).

    Runs on a float64 copy of ``net`` in training mode (batch statistics for BatchNormalization) with every
    Dropout mask fixed (the same seed before each evaluation). The error of a tensor is
    max |analytic - numeric| / max(max |analytic|, max |numeric|, 1e-4): relative to the tensor's own scale,
    so elements whose gradient is tiny do not blow up the ratio with round-off. A tensor whose gradient is
    below 1e-4 everywhere (e.g. a bias before BatchNormalization, exactly 0) is compared absolutely, in units
    of 1e-4: the finite differences themselves carry ~1e-10 of round-off. ``check`` also counts the kinks.
    """
    return {key: result.error for key, result in check(net, X, y, loss, eps).items()}


def check(net, X, y, loss, eps: float = 1e-6) -> dict[str, TensorCheck]:
    """``gradcheck`` with, per tensor, how many entries sit on a kink (see the module's doc)."""
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

    base, analytic = evaluate()
    analytic = {k: g.copy() for k, g in analytic.items()}
    results = {}
    for key, w in copy.params_flat.items():
        flat_w = w.reshape(-1)
        up = np.empty(flat_w.size)
        down = np.empty(flat_w.size)
        for i in range(flat_w.size):
            keep = flat_w[i]
            flat_w[i] = keep + eps
            up[i] = evaluate()[0]
            flat_w[i] = keep - eps
            down[i] = evaluate()[0]
            flat_w[i] = keep
        a = analytic[key].reshape(-1)
        numeric = (up - down) / (2 * eps)
        scale = max(float(np.abs(a).max(initial=0.0)), float(np.abs(numeric).max(initial=0.0)), _FLOOR)
        off = np.abs(a - numeric) / scale
        kink = _kinks(a, off, (up - base) / eps, (base - down) / eps, scale)
        results[key] = TensorCheck(error=float(off[~kink].max(initial=0.0)), kinks=int(kink.sum()),
                                   size=int(flat_w.size))
    return results


def _kinks(analytic, off, right, left, scale: float) -> np.ndarray:
    """Entries that would mismatch only because a kink lies within eps: the slopes to the right and left of
    the weight disagree and the analytic gradient equals one of them."""
    tol = TOLERANCE * scale
    sides_disagree = np.abs(right - left) > 2 * tol
    one_side_agrees = np.minimum(np.abs(analytic - right), np.abs(analytic - left)) <= tol
    return (off > TOLERANCE) & sides_disagree & one_side_agrees
