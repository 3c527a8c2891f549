"""Weight initializers by name, with Keras's names, fans and formulas.

``get("he_normal")`` or ``get({"name": "random_uniform", "minval": -1, "maxval": 1})`` returns an
``Initializer``; calling it with ``(shape, rng, dtype)`` draws an array. Draws are made in float64 and cast,
so a float32 and a float64 network built with the same seed start from the same weights.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .errors import SpecError
from .params import ConfigValue, ParamSpec, check_params, lookup, split_identifier

# std of a standard normal truncated at +-2 std; dividing by it makes a truncated draw's std exact (Keras)
_TRUNCATED_STD = 0.87962566103423978


def compute_fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """(fan_in, fan_out) exactly as Keras: conv kernels (kh, kw, cin, cout) count receptive field x channels."""
    shape = tuple(int(s) for s in shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


def _truncated_standard_normal(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    # redraw values beyond 2 std until none remain (about 4.6% per round)
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2
    return out


class Initializer(ConfigValue):
    FAMILY = "initializers"
    description: str = ""

    def __call__(self, shape, rng: np.random.Generator, dtype=np.float32) -> np.ndarray:
        shape = tuple(int(s) for s in shape)
        return np.asarray(self._draw(shape, rng), dtype=np.float64).astype(dtype, copy=False)

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError


class Zeros(Initializer):
    name, description = "zeros", "all weights 0"

    def _draw(self, shape, rng):
        return np.zeros(shape)


class Ones(Initializer):
    name, description = "ones", "all weights 1"

    def _draw(self, shape, rng):
        return np.ones(shape)


class Constant(Initializer):
    name, description = "constant", "all weights equal to value"
    PARAMS = (ParamSpec("value", "float", 0.0, "the value of every weight"),)

    def _draw(self, shape, rng):
        return np.full(shape, self.value)


class RandomUniform(Initializer):
    name, description = "random_uniform", "uniform on [minval, maxval)"
    PARAMS = (ParamSpec("minval", "float", -0.05, "lower bound"),
              ParamSpec("maxval", "float", 0.05, "upper bound"))

    def _draw(self, shape, rng):
        return rng.uniform(self.minval, self.maxval, shape)


class RandomNormal(Initializer):
    name, description = "random_normal", "normal with the given mean and stddev"
    PARAMS = (ParamSpec("mean", "float", 0.0, "mean"),
              ParamSpec("stddev", "float", 0.05, "standard deviation", min=0.0))

    def _draw(self, shape, rng):
        return self.mean + self.stddev * rng.standard_normal(shape)


class TruncatedNormal(Initializer):
    name = "truncated_normal"
    description = "normal(mean, stddev) with values beyond 2 stddev redrawn (Keras: no std correction)"
    PARAMS = (ParamSpec("mean", "float", 0.0, "mean"),
              ParamSpec("stddev", "float", 0.05, "stddev of the normal before truncation", min=0.0))

    def _draw(self, shape, rng):
        return self.mean + self.stddev * _truncated_standard_normal(shape, rng)


class VarianceScaling(Initializer):
    """Var(w) = scale / n with n = fan_in, fan_out or their mean; uniform or (truncated) normal."""

    scale: float = 1.0
    mode: str = "fan_in"
    distribution: str = "normal"

    def std(self, shape: tuple[int, ...]) -> float:
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        return math.sqrt(self.scale / max(1.0, n))

    def _draw(self, shape, rng):
        std = self.std(shape)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0) * std  # uniform on [-l, l] has std l / sqrt 3
            return rng.uniform(-limit, limit, shape)
        return (std / _TRUNCATED_STD) * _truncated_standard_normal(shape, rng)


class GlorotUniform(VarianceScaling):
    name, description = "glorot_uniform", "uniform, limit sqrt(6 / (fan_in + fan_out)) (Xavier)"
    scale, mode, distribution = 1.0, "fan_avg", "uniform"


class GlorotNormal(VarianceScaling):
    name, description = "glorot_normal", "truncated normal, std sqrt(2 / (fan_in + fan_out)) (Xavier)"
    scale, mode, distribution = 1.0, "fan_avg", "normal"


class HeUniform(VarianceScaling):
    name, description = "he_uniform", "uniform, limit sqrt(6 / fan_in) (Kaiming)"
    scale, mode, distribution = 2.0, "fan_in", "uniform"


class HeNormal(VarianceScaling):
    name, description = "he_normal", "truncated normal, std sqrt(2 / fan_in) (Kaiming)"
    scale, mode, distribution = 2.0, "fan_in", "normal"


class LecunUniform(VarianceScaling):
    name, description = "lecun_uniform", "uniform, limit sqrt(3 / fan_in)"
    scale, mode, distribution = 1.0, "fan_in", "uniform"


class LecunNormal(VarianceScaling):
    name, description = "lecun_normal", "truncated normal, std sqrt(1 / fan_in)"
    scale, mode, distribution = 1.0, "fan_in", "normal"


class Orthogonal(Initializer):
    name, description = "orthogonal", "gain x a random orthogonal matrix (rows or columns orthonormal)"
    PARAMS = (ParamSpec("gain", "float", 1.0, "multiplier of the orthogonal matrix"),)

    def _draw(self, shape, rng):
        if len(shape) < 2:
            raise SpecError(f"The orthogonal initializer needs a weight matrix with at least 2 dimensions, "
                            f"not shape {shape}: use it for kernels, not biases.", param="initializer")
        rows, cols = math.prod(shape[:-1]), shape[-1]
        # QR of a tall Gaussian matrix; fixing the signs of R's diagonal makes Q uniformly distributed (Keras)
        a = rng.standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return self.gain * q.reshape(shape)


_CLASSES = (Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, GlorotUniform,
            GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Orthogonal)
_REGISTRY: dict[str, type[Initializer]] = {c.name: c for c in _CLASSES}
_ALIASES = {"xavier_uniform": "glorot_uniform", "xavier_normal": "glorot_normal",
            "kaiming_uniform": "he_uniform", "kaiming_normal": "he_normal", "zero": "zeros", "one": "ones",
            "uniform": "random_uniform", "normal": "random_normal"}


def names() -> list[str]:
    """Canonical names (aliases such as xavier_* and kaiming_* resolve but are not listed)."""
    return list(_REGISTRY)


def _checked(cls: type[Initializer], params: dict) -> dict:
    out = check_params(cls.PARAMS, params, f"Initializer '{cls.name}'", fmt="", python_numbers=True)
    if cls is RandomUniform:
        lo, hi = out.get("minval", -0.05), out.get("maxval", 0.05)
        if not lo < hi:
            raise SpecError(f"Initializer 'random_uniform' needs minval < maxval, got {lo} and {hi}.",
                            param="maxval")
    return out


def get(identifier: Any) -> Initializer:
    """An Initializer from a name, a ``{"name": ..., **params}`` dict or an instance."""
    if isinstance(identifier, Initializer):
        return identifier
    name, params = split_identifier(identifier, "initializer", "glorot_uniform")
    cls = lookup(name, _REGISTRY, _ALIASES, "initializer")
    return cls(**_checked(cls, params))
