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

import time
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
    return {key: c.summary() for key, c in compare(net, X, y, loss, eps).tensors.items()}


@dataclass(frozen=True)
class TensorComparison:
    """One trainable tensor entry by entry: what the gradient-check view draws."""

    key: str                 # "node_id/param"
    shape: tuple[int, ...]
    index: np.ndarray        # flat indices of the entries checked (all, or a sample of them)
    analytic: np.ndarray     # backpropagation's gradient at those entries
    central: np.ndarray      # (f(w + eps) - f(w - eps)) / 2 eps
    forward: np.ndarray      # (f(w + eps) - f(w)) / eps, from the same f(w + eps)
    kink: np.ndarray         # bool: the entry straddles a kink (left out of the errors)
    scale: float             # the error's denominator: max(max |analytic|, max |central|, 1e-4)
    passes: int              # loss evaluations the numerical gradients took (2 per entry)
    seconds_up: float        # time of the f(w + eps) evaluations (all forward differences need)
    seconds_down: float      # time of the f(w - eps) evaluations (central differences need both)

    def error(self, numeric: np.ndarray) -> float:
        off = np.abs(self.analytic - numeric) / self.scale
        return float(off[~self.kink].max(initial=0.0))

    @property
    def central_error(self) -> float:
        return self.error(self.central)

    @property
    def forward_error(self) -> float:
        return self.error(self.forward)

    def summary(self) -> TensorCheck:
        return TensorCheck(error=self.central_error, kinks=int(self.kink.sum()), size=int(self.index.size))


@dataclass(frozen=True)
class Comparison:
    """Every tensor's comparison, with the cost of one backpropagation pass beside."""

    tensors: dict[str, TensorComparison]  # by "node_id/param"
    backprop_seconds: float               # one forward and one backward pass, giving every gradient at once


@np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")  # as fit: NaN shows as NaN
def compare(net, X, y, loss, eps: float = 1e-6, max_entries: int | None = None, seed: int = 0,
            progress=None) -> Comparison:
    """Per trainable tensor, backpropagation against central and forward differences entry by entry.

    Runs on a float64 copy as ``gradcheck`` does. ``max_entries``: check at most that many entries per tensor,
    drawn at random (with ``seed``); None checks all. ``progress(done, total)`` is called every few entries
    with the counts of loss evaluations; it may raise to stop the check.
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

    backprop_seconds = float("inf")
    for _ in range(5):  # the best of a few: the first pass also pays for one-off allocations
        started = time.perf_counter()
        base, analytic = evaluate()
        backprop_seconds = min(backprop_seconds, time.perf_counter() - started)
    analytic = {k: g.copy() for k, g in analytic.items()}
    rng = np.random.default_rng(seed)
    picks = {}
    for key, w in copy.params_flat.items():
        every = np.arange(w.size)
        picks[key] = every if max_entries is None or w.size <= max_entries else \
            np.sort(rng.choice(w.size, size=max_entries, replace=False))
    total = 2 * sum(p.size for p in picks.values())
    done = 0
    results = {}
    for key, w in copy.params_flat.items():
        flat_w = w.reshape(-1)
        index = picks[key]
        up = np.empty(index.size)
        down = np.empty(index.size)
        seconds_up = seconds_down = 0.0
        for j, i in enumerate(index):
            keep = flat_w[i]
            flat_w[i] = keep + eps
            t0 = time.perf_counter()
            up[j] = evaluate()[0]
            t1 = time.perf_counter()
            flat_w[i] = keep - eps
            down[j] = evaluate()[0]
            t2 = time.perf_counter()
            flat_w[i] = keep
            seconds_up += t1 - t0
            seconds_down += t2 - t1
            done += 2
            if progress is not None and (done % 64 == 0 or done == total):
                progress(done, total)
        a = analytic[key].reshape(-1)[index]
        central = (up - down) / (2 * eps)
        scale = max(float(np.abs(a).max(initial=0.0)), float(np.abs(central).max(initial=0.0)), _FLOOR)
        off = np.abs(a - central) / scale
        kink = _kinks(a, off, (up - base) / eps, (base - down) / eps, scale)
        results[key] = TensorComparison(key, tuple(w.shape), index, a, central, (up - base) / eps, kink, scale,
                                        2 * index.size, seconds_up, seconds_down)
    return Comparison(results, backprop_seconds)


def _kinks(analytic, off, right, left, scale: float) -> np.ndarray:
    """Entries that would mismatch only because a kink lies within eps: the slopes to the right and left of
    the weight disagree and the analytic gradient equals one of them."""
    tol = TOLERANCE * scale
    sides_disagree = np.abs(right - left) > 2 * tol
    one_side_agrees = np.minimum(np.abs(analytic - right), np.abs(analytic - left)) <= tol
    return (off > TOLERANCE) & sides_disagree & one_side_agrees
