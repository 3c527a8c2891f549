"""Seeded teaching datasets: 2-D points, the 1-D sine, sequences (``sequences``); each with a one-line
description and its parameters.

Every generator takes a ``np.random.Generator`` and keyword parameters and returns (X, y, class_names,
feature_names, target_name, task). Classification sets are balanced: classes differ in size by at most one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .dataset import Dataset
from .errors import DataError
from .sequences import memory, sine_windows
from ..i18n import N_, _


@dataclass(frozen=True)
class _Generator:
    description: str
    params: dict                     # parameter name -> default value
    make: Callable
    chronological: bool = False      # samples are windows of one series in time order (split keeps the order)


def _class_sizes(n: int, k: int) -> np.ndarray:
    return np.array([n // k + (1 if c < n % k else 0) for c in range(k)])


def _labels(n: int, k: int) -> np.ndarray:
    return np.repeat(np.arange(k), _class_sizes(n, k))


def _cls(X, y, k, names=None):
    task = "binary" if k == 2 else "multiclass"
    return X, y, names or [str(c) for c in range(k)], ["x1", "x2"], "class", task


def _truth_table(table: tuple[int, int, int, int]):
    """Corners (0,0), (0,1), (1,0), (1,1) cycled to n_samples, jittered by Gaussian noise."""
    def make(rng, n_samples, noise):
        corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
        idx = np.arange(n_samples) % 4
        X = corners[idx] + noise * rng.standard_normal((n_samples, 2))
        return _cls(X, np.asarray(table)[idx], 2)
    return make


def _circles(rng, n_samples, noise, classes):
    y = _labels(n_samples, classes)
    radius = (y + 1) / classes                       # ring c has radius (c+1)/k
    angle = rng.uniform(0, 2 * np.pi, n_samples)
    X = radius[:, None] * np.c_[np.cos(angle), np.sin(angle)]
    return _cls(X + noise * rng.standard_normal(X.shape), y, classes)


def _moons(rng, n_samples, noise):
    y = _labels(n_samples, 2)
    t = rng.uniform(0, np.pi, n_samples)
    X = np.where(y[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    return _cls(X + noise * rng.standard_normal(X.shape), y, 2)


def _gaussians(rng, n_samples, noise, classes):
    y = _labels(n_samples, classes)
    angle = 2 * np.pi * np.arange(classes) / classes + np.pi / 4
    centers = 2.0 * np.c_[np.cos(angle), np.sin(angle)]   # blob centres evenly on a circle of radius 2
    return _cls(centers[y] + max(noise, 0.0) * rng.standard_normal((n_samples, 2)), y, classes)


def _spiral(rng, n_samples, noise, classes):
    y = _labels(n_samples, classes)
    r = np.concatenate([np.linspace(0.05, 1.0, s) for s in _class_sizes(n_samples, classes)])
    theta = 1.75 * 2 * np.pi * r + 2 * np.pi * y / classes  # 1.75 turns per arm, as in TensorFlow Playground
    X = r[:, None] * np.c_[np.sin(theta), np.cos(theta)]
    return _cls(X + noise * rng.standard_normal(X.shape), y, classes)


def _linear(rng, n_samples, noise, margin):
    # Points on either side of a random line through the origin, at least margin/2 from it.
    angle = rng.uniform(0, 2 * np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    along = np.array([-normal[1], normal[0]])
    y = _labels(n_samples, 2)
    dist = (margin / 2 + rng.uniform(0, 1.5, n_samples)) * np.where(y == 1, 1.0, -1.0)
    X = dist[:, None] * normal + rng.uniform(-2, 2, n_samples)[:, None] * along
    return _cls(X + noise * rng.standard_normal(X.shape), y, 2)


def _checkerboard(rng, n_samples, noise, cells):
    # Rejection-free: draw each class's points inside randomly chosen squares of its colour.
    y = _labels(n_samples, 2)
    ij = np.indices((cells, cells)).reshape(2, -1).T
    X = np.empty((n_samples, 2))
    for c in (0, 1):
        own = ij[(ij.sum(axis=1) % 2) == c]
        rows = np.flatnonzero(y == c)
        pick = own[rng.integers(0, len(own), len(rows))]
        X[rows] = (pick + rng.uniform(0, 1, (len(rows), 2))) * (2.0 / cells) - 1.0   # board spans [-1, 1]^2
    return _cls(X + noise * rng.standard_normal(X.shape), y, 2)


def _sine(rng, n_samples, noise):
    x = np.sort(rng.uniform(-np.pi, np.pi, n_samples))
    return x[:, None], np.sin(x) + noise * rng.standard_normal(n_samples), None, ["x"], "y", "regression"


def _plane(rng, n_samples, noise):
    X = rng.uniform(-1, 1, (n_samples, 2))
    y = 2.0 * X[:, 0] - 3.0 * X[:, 1] + 1.0                 # y = 2 x1 - 3 x2 + 1
    return X, y + noise * rng.standard_normal(n_samples), None, ["x1", "x2"], "y", "regression"


def _bumps(rng, n_samples, noise):
    X = rng.uniform(-2, 2, (n_samples, 2))
    centers = np.array([[-1.0, -1.0], [1.0, 0.5], [-0.5, 1.2]])
    heights = np.array([1.0, -0.8, 0.6])
    d2 = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2)
    y = (heights * np.exp(-d2 / 0.5)).sum(axis=1)         # three Gaussian hills and hollows
    return X, y + noise * rng.standard_normal(n_samples), None, ["x1", "x2"], "y", "regression"


# The tutorial's house prices: invented for nnstudio (no course file was available), documented in
# docs/data.md. Price (thousands) ~ 2.2 * size - 1.1 * age + 40, plus fixed hand-picked noise.
HOUSE_PRICES = np.array([
    # size m^2, age years, price thousands
    [45, 30, 106], [52, 12, 142], [60, 25, 143], [65, 5, 183], [70, 40, 149],
    [75, 18, 189], [80, 8, 212], [85, 35, 178], [90, 15, 222], [95, 22, 225],
    [100, 3, 258], [105, 28, 236], [110, 10, 265], [120, 45, 247], [125, 6, 309],
    [130, 20, 299], [140, 14, 334], [150, 33, 327], [160, 2, 387], [180, 25, 405],
], dtype=np.float64)


def _house_prices(rng):
    return (HOUSE_PRICES[:, :2].copy(), HOUSE_PRICES[:, 2].copy(), None, ["size_m2", "age_years"],
            "price_thousands", "regression")


_GENERATORS: dict[str, _Generator] = {
    "xor": _Generator(N_("XOR: the four corners of the truth table (add samples and noise for a cloud); "
                         "not linearly separable."), {"n_samples": 4, "noise": 0.0}, _truth_table((0, 1, 1, 0))),
    "and": _Generator(N_("AND truth table: only (1, 1) is class 1; a single perceptron can learn it."),
                      {"n_samples": 4, "noise": 0.0}, _truth_table((0, 0, 0, 1))),
    "or": _Generator(N_("OR truth table: class 1 unless both inputs are 0; a single perceptron can learn it."),
                     {"n_samples": 4, "noise": 0.0}, _truth_table((0, 1, 1, 1))),
    "circles": _Generator(N_("Concentric rings, one class per ring: needs a curved boundary."),
                          {"n_samples": 200, "noise": 0.05, "classes": 2}, _circles),
    "moons": _Generator(N_("Two interleaving half-moons."), {"n_samples": 200, "noise": 0.1}, _moons),
    "gaussians": _Generator(N_("Gaussian blobs, one per class; noise is each blob's spread."),
                            {"n_samples": 200, "noise": 0.5, "classes": 3}, _gaussians),
    "spiral": _Generator(N_("Interleaved spiral arms, one per class: a hard boundary for small networks."),
                         {"n_samples": 300, "noise": 0.05, "classes": 3}, _spiral),
    "linear": _Generator(N_("Two classes on either side of a straight line, separated by a margin."),
                         {"n_samples": 200, "noise": 0.0, "margin": 0.5}, _linear),
    "checkerboard": _Generator(N_("A checkerboard of two classes (cells x cells squares)."),
                               {"n_samples": 400, "noise": 0.0, "cells": 4}, _checkerboard),
    "sine": _Generator(N_("Regression: y = sin(x) on [-pi, pi] plus noise (one input)."),
                       {"n_samples": 100, "noise": 0.1}, _sine),
    "plane": _Generator(N_("Regression: y = 2 x1 - 3 x2 + 1 plus noise; a single linear neuron fits it."),
                        {"n_samples": 200, "noise": 0.1}, _plane),
    "bumps": _Generator(N_("Regression: a landscape of three Gaussian hills and hollows over two inputs."),
                        {"n_samples": 300, "noise": 0.05}, _bumps),
    "house_prices": _Generator(N_("Regression: the tutorial's 20 houses, size (m^2) and age (years) -> "
                                  "price (thousands)."), {}, _house_prices),
    "sine_windows": _Generator(N_("Sequences: windows of a noisy sum of two sines; forecast the value horizon steps "
                                  "after each window."), {"n_samples": 500, "window": 10, "horizon": 1,
                                                      "period": 20.0, "noise": 0.05}, sine_windows,
                               chronological=True),
    "memory": _Generator(N_("Sequences: is the first value positive? lag random values (up to noise) follow it, "
                            "so the answer must be remembered that long."), {"n_samples": 1000, "lag": 30, "noise": 1.0}, memory),
}

GENERATORS: dict[str, str] = {name: g.description for name, g in _GENERATORS.items()}

_LIMITS = {"n_samples": (1, 1_000_000), "classes": (2, 20), "cells": (1, 20), "window": (1, 1000),
           "horizon": (1, 1000), "lag": (1, 1000)}


def generator_params(name: str) -> dict:
    """Parameter names and defaults of a generator (for building GUI widgets)."""
    return dict(_get(name).params)


def generate(name: str, seed: int = 0, **params) -> Dataset:
    """A seeded teaching dataset, e.g. ``generate("spiral", n_samples=400, noise=0.1, classes=3)``."""
    gen = _get(name)
    unknown = sorted(set(params) - set(gen.params))
    if unknown:
        template = (_("The {name} generator has no parameter {unknown!r} (it takes {allowed}).") if gen.params else
                    _("The {name} generator has no parameter {unknown!r} (it takes no parameters)."))
        raise DataError(template.format(name=name, unknown=unknown[0], allowed=", ".join(gen.params)))
    values = {**gen.params, **params}
    for key, value in values.items():
        values[key] = _check_param(name, key, value)
    X, y, class_names, feature_names, target_name, task = gen.make(np.random.default_rng(seed), **values)
    source = {"kind": "generator", "name": name, "params": values, "seed": int(seed)}
    return Dataset(X, y, feature_names, target_name, task, class_names, source, chronological=gen.chronological)


def _get(name: str) -> _Generator:
    try:
        return _GENERATORS[name]
    except KeyError:
        raise DataError(_("There is no generator {name!r}; choose one of {names}.")
                        .format(name=name, names=', '.join(_GENERATORS))) from None


def _check_param(name: str, key: str, value):
    if key in _LIMITS:
        lo, hi = _LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
            raise DataError(_("The {name} generator's {key} must be a whole number from {lo} to {hi}, "
                              "not {value!r}.").format(name=name, key=key, lo=lo, hi=hi, value=value))
        return int(value)
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not np.isfinite(value) \
            or value < 0:
        raise DataError(_("The {name} generator's {key} must be a number of at least 0, not {value!r}.")
                        .format(name=name, key=key, value=value))
    return float(value)
