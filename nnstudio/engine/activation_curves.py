"""What the activation explorer draws: each registry activation's curve, its slope, and where it is flat.

Every activation is evaluated through its own ``forward`` and ``backward`` on rows (z, 0), reading the first
column: for the element-wise functions that is exactly ``forward(z)`` and ``derivative(z)``; for softmax,
which acts on a whole row, it is the first output of a two-class softmax and its slope along z (the curve of
a sigmoid). One path for all of them, so a newly registered activation appears with no extra code.

The *peak* is the supremum of |slope| over all z, not only over the plot: the slope is also read far
beyond it (out to ``FAR``), so softplus's is 1 (approached as z grows, never reached: ``peak_approached``),
not the 0.998 at the plot's edge. A region is *flat* (saturating) where |slope| < ``FLAT_FRACTION`` of it:
a gradient passing back through a unit there is cut to less than a tenth, and through k such layers to less
than 0.1**k. ``depth_factor`` gives the best case through k layers: the largest slope to the power k
(for the sigmoid 0.25**k: 0.25**10 is about 1e-6, why deep sigmoid networks learn slowly).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations

FLAT_FRACTION = 0.1
Z_RANGE = (-6.0, 6.0)
FAR = 1e4  # where a slope that still changes at the plot's edge has reached its limit in float64


@dataclass(frozen=True)
class Curve:
    name: str
    z: np.ndarray          # the inputs, increasing
    value: np.ndarray      # a(z)
    slope: np.ndarray      # da/dz
    peak: float            # sup |slope| over all z (0 for step and sign: no gradient flows at all)
    flat: tuple[tuple[float, float], ...]  # (from, to) intervals of z where |slope| < FLAT_FRACTION * peak
    peak_approached: bool = False  # the peak is a limit as |z| grows, never reached (softplus: 1)


def curve(name, z=None) -> Curve:
    """The curve of activation ``name`` (a name or config) on ``z`` (default: 1201 points over Z_RANGE)."""
    act = activations.get(name)
    z = np.linspace(*Z_RANGE, 1201) if z is None else np.asarray(z, dtype=np.float64)
    a, slope = _evaluate(act, z)
    shown = float(np.abs(slope).max(initial=0.0))
    far = np.geomspace(max(abs(float(z[0])), abs(float(z[-1])), 1.0), FAR, 400)
    with np.errstate(all="ignore"):
        tails = np.abs(_evaluate(act, np.concatenate([-far[::-1], far]))[1])
    tails = tails[np.isfinite(tails)]
    peak = max(shown, float(tails.max(initial=0.0)))
    # a limit, not a value: higher than anywhere plotted, and reached only at the far ends (±FAR)
    approached = bool(peak > shown * (1 + 1e-9) and len(tails) and max(tails[0], tails[-1]) >= peak * (1 - 1e-12))
    return Curve(act.name, z, np.array(a), np.array(slope), peak, flat_regions(z, slope, peak), approached)


def _evaluate(act, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a(z) and da/dz through the activation's own forward and backward, on rows (z, 0), first column."""
    rows = np.stack([z, np.zeros_like(z)], axis=1)
    a = act.forward(rows)
    pick = np.zeros_like(rows)
    pick[:, 0] = 1.0
    return a[:, 0], act.backward(rows, a, pick)[:, 0]  # d a_0 / d z_0: the vector-Jacobian product with e_0


def flat_regions(z: np.ndarray, slope: np.ndarray, peak: float | None = None,
                 fraction: float = FLAT_FRACTION) -> tuple[tuple[float, float], ...]:
    """Intervals of ``z`` (its own points as ends) where |slope| < fraction * peak; all of it when peak is 0."""
    peak = float(np.abs(slope).max(initial=0.0)) if peak is None else peak
    flat = np.abs(slope) < fraction * peak if peak > 0 else np.ones(len(z), bool)
    edges = np.diff(flat.astype(np.int8))
    starts = list(np.flatnonzero(edges == 1) + 1)
    ends = list(np.flatnonzero(edges == -1))
    if flat[0]:
        starts.insert(0, 0)
    if flat[-1]:
        ends.append(len(z) - 1)
    return tuple((float(z[s]), float(z[e])) for s, e in zip(starts, ends))


def depth_factor(peak: float, layers: int) -> float:
    """The most of a gradient that survives ``layers`` layers of this activation: peak ** layers."""
    return float(peak) ** int(layers)
