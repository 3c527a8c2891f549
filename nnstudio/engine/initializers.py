"""Weight initializers by name: Keras's under Keras's names, PyTorch's under PyTorch's names.

``get("he_normal")`` or ``get({"name": "random_uniform", "minval": -1, "maxval": 1})`` returns an
``Initializer``; calling it with ``(shape, rng, dtype)`` draws an array. Draws are made in float64 and cast,
so a float32 and a float64 network built with the same seed start from the same weights.

The Keras names (``glorot_*``, ``he_*``, ``lecun_*``) draw their normals truncated at 2 std, as Keras does;
the ``torch.nn.init`` names (``xavier_*``, ``kaiming_*``) draw untruncated normals with torch's gain, and
``torch_default`` is what ``nn.Linear`` and ``nn.Conv2d`` start from. A layer passes its kernel's fan-in
(``layer_fan_in``) to every draw, because torch bounds a bias by the fan-in of its layer's weights.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .errors import SpecError
from .params import ConfigValue, ParamSpec, check_params, lookup, split_identifier
from ..i18n import N_, _

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

    def __call__(self, shape, rng: np.random.Generator, dtype=np.float32, layer_fan_in: int | None = None
                 ) -> np.ndarray:
        """Draw an array of ``shape``. ``layer_fan_in`` is the fan-in of the layer's kernel, which only the
        initializers that bound a bias by it (``torch_default``) read; the others use the shape's own fans."""
        shape = tuple(int(s) for s in shape)
        return np.asarray(self._draw_in_layer(shape, rng, layer_fan_in), dtype=np.float64).astype(
            dtype, copy=False)

    def _draw_in_layer(self, shape, rng, layer_fan_in):
        return self._draw(shape, rng)

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError


class Zeros(Initializer):
    name, description = "zeros", N_("all weights 0")

    def _draw(self, shape, rng):
        return np.zeros(shape)


class Ones(Initializer):
    name, description = "ones", N_("all weights 1")

    def _draw(self, shape, rng):
        return np.ones(shape)


class Constant(Initializer):
    name, description = "constant", N_("all weights equal to value")
    PARAMS = (ParamSpec("value", "float", 0.0, N_("the value of every weight")),)

    def _draw(self, shape, rng):
        return np.full(shape, self.value)


class RandomUniform(Initializer):
    name, description = "random_uniform", N_("uniform on [minval, maxval)")
    PARAMS = (ParamSpec("minval", "float", -0.05, N_("lower bound")),
              ParamSpec("maxval", "float", 0.05, N_("upper bound")))

    def _draw(self, shape, rng):
        return rng.uniform(self.minval, self.maxval, shape)


class RandomNormal(Initializer):
    name, description = "random_normal", N_("normal with the given mean and stddev")
    PARAMS = (ParamSpec("mean", "float", 0.0, N_("mean")),
              ParamSpec("stddev", "float", 0.05, N_("standard deviation"), min=0.0))

    def _draw(self, shape, rng):
        return self.mean + self.stddev * rng.standard_normal(shape)


class TruncatedNormal(Initializer):
    name = "truncated_normal"
    description = N_("normal(mean, stddev) with values beyond 2 stddev redrawn (Keras: no std correction)")
    PARAMS = (ParamSpec("mean", "float", 0.0, N_("mean")),
              ParamSpec("stddev", "float", 0.05, N_("stddev of the normal before truncation"), min=0.0))

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
    name, description = "glorot_uniform", N_("uniform, limit sqrt(6 / (fan_in + fan_out)) (Xavier)")
    scale, mode, distribution = 1.0, "fan_avg", "uniform"


class GlorotNormal(VarianceScaling):
    name, description = "glorot_normal", N_("truncated normal, std sqrt(2 / (fan_in + fan_out)) (Xavier)")
    scale, mode, distribution = 1.0, "fan_avg", "normal"


class HeUniform(VarianceScaling):
    name, description = "he_uniform", N_("uniform, limit sqrt(6 / fan_in) (Kaiming)")
    scale, mode, distribution = 2.0, "fan_in", "uniform"


class HeNormal(VarianceScaling):
    name, description = "he_normal", N_("truncated normal, std sqrt(2 / fan_in) (Kaiming)")
    scale, mode, distribution = 2.0, "fan_in", "normal"


class LecunUniform(VarianceScaling):
    name, description = "lecun_uniform", N_("uniform, limit sqrt(3 / fan_in)")
    scale, mode, distribution = 1.0, "fan_in", "uniform"


class LecunNormal(VarianceScaling):
    name, description = "lecun_normal", N_("truncated normal, std sqrt(1 / fan_in)")
    scale, mode, distribution = 1.0, "fan_in", "normal"


# --- torch.nn.init -----------------------------------------------------------------------------------------

# torch.nn.init.calculate_gain: the factor that keeps the activations' variance steady through the layer
_TORCH_GAINS = {"linear": lambda a: 1.0, "sigmoid": lambda a: 1.0, "tanh": lambda a: 5.0 / 3.0,
                "relu": lambda a: math.sqrt(2.0), "leaky_relu": lambda a: math.sqrt(2.0 / (1.0 + a * a)),
                "selu": lambda a: 0.75}


def torch_gain(nonlinearity: str, a: float = 0.0) -> float:
    """torch.nn.init.calculate_gain(nonlinearity, a); ``a`` is leaky_relu's negative slope."""
    return _TORCH_GAINS[nonlinearity](a)


class _Torch(Initializer):
    """std = gain / sqrt(fan) as torch.nn.init; a uniform draw has the same std (limit = sqrt 3 x std)."""

    distribution: str = "normal"

    def std(self, shape: tuple[int, ...]) -> float:
        raise NotImplementedError

    def _draw(self, shape, rng):
        std = self.std(shape)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0) * std
            return rng.uniform(-limit, limit, shape)
        return std * rng.standard_normal(shape)  # untruncated, unlike Keras's he_normal / glorot_normal


_NONLINEARITIES = tuple(_TORCH_GAINS)
_KAIMING_PARAMS = (
    ParamSpec("a", "float", 0.0, N_("negative slope of the leaky_relu that follows (torch's a)"), min=0.0),
    ParamSpec("mode", "choice", "fan_in", N_("fan_in keeps the forward pass's variance, fan_out the backward's"),
              choices=("fan_in", "fan_out")),
    ParamSpec("nonlinearity", "choice", "leaky_relu", N_("the activation after the layer: sets the gain"),
              choices=_NONLINEARITIES))


class KaimingNormal(_Torch):
    name = "kaiming_normal"
    description = N_("normal, std gain / sqrt(fan), untruncated (torch.nn.init.kaiming_normal_)")
    PARAMS = _KAIMING_PARAMS

    def std(self, shape):
        fan = compute_fans(shape)[0 if self.mode == "fan_in" else 1]
        return torch_gain(self.nonlinearity, self.a) / math.sqrt(max(1, fan))


class KaimingUniform(KaimingNormal):
    name = "kaiming_uniform"
    description = N_("uniform, limit gain * sqrt(3 / fan) (torch.nn.init.kaiming_uniform_)")
    distribution = "uniform"


class XavierNormal(_Torch):
    name = "xavier_normal"
    description = N_("normal, std gain * sqrt(2 / (fan_in + fan_out)), untruncated (torch.nn.init.xavier_normal_)")
    PARAMS = (ParamSpec("gain", "float", 1.0, N_("multiplier, e.g. 5/3 before tanh (torch calculate_gain)"),
                        min=0.0),)

    def std(self, shape):
        fan_in, fan_out = compute_fans(shape)
        return self.gain * math.sqrt(2.0 / max(1, fan_in + fan_out))


class XavierUniform(XavierNormal):
    name = "xavier_uniform"
    description = N_("uniform, limit gain * sqrt(6 / (fan_in + fan_out)) (torch.nn.init.xavier_uniform_)")
    distribution = "uniform"


class TorchDefault(Initializer):
    name = "torch_default"
    description = N_("uniform, limit 1 / sqrt(fan_in of the layer): how nn.Linear and nn.Conv2d start, "
                     "weights and biases alike (kaiming_uniform with a = sqrt 5)")

    def _draw_in_layer(self, shape, rng, layer_fan_in):
        # the kernel's own fan_in for the kernel; a bias takes its layer's (torch: 1 / sqrt(fan_in of weight))
        fan_in = layer_fan_in if layer_fan_in is not None else compute_fans(shape)[0]
        limit = 1.0 / math.sqrt(max(1, fan_in))
        return rng.uniform(-limit, limit, shape)


class Orthogonal(Initializer):
    name, description = "orthogonal", N_("gain x a random orthogonal matrix (rows or columns orthonormal)")
    PARAMS = (ParamSpec("gain", "float", 1.0, N_("multiplier of the orthogonal matrix")),)

    def _draw(self, shape, rng):
        if len(shape) < 2:
            raise SpecError(_("The orthogonal initializer needs a weight matrix with at least 2 "
                              "dimensions, not shape {shape}: use it for kernels, not biases.").format(shape=shape), param="initializer")
        rows, cols = math.prod(shape[:-1]), shape[-1]
        # QR of a tall Gaussian matrix; fixing the signs of R's diagonal makes Q uniformly distributed (Keras)
        a = rng.standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return self.gain * q.reshape(shape)


_CLASSES = (Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, GlorotUniform,
            GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Orthogonal, KaimingNormal,
            KaimingUniform, XavierNormal, XavierUniform, TorchDefault)
_REGISTRY: dict[str, type[Initializer]] = {c.name: c for c in _CLASSES}
_ALIASES = {"zero": "zeros", "one": "ones", "uniform": "random_uniform", "normal": "random_normal"}


def names() -> list[str]:
    """Canonical names (aliases such as zero and normal resolve but are not listed)."""
    return list(_REGISTRY)


def layer_fan_in(weight_shapes: dict) -> int | None:
    """The fan-in of a layer's ``kernel`` among its ``{name: (shape, trainable)}``, or None without one."""
    kernel = weight_shapes.get("kernel")
    return None if kernel is None else compute_fans(kernel[0])[0]


def _checked(cls: type[Initializer], params: dict) -> dict:
    out = check_params(cls.PARAMS, params, f"Initializer '{cls.name}'", fmt="", python_numbers=True)
    if cls is RandomUniform:
        lo, hi = out.get("minval", -0.05), out.get("maxval", 0.05)
        if not lo < hi:
            raise SpecError(_("Initializer 'random_uniform' needs minval < maxval, got {lo} and {hi}.")
                            .format(lo=lo, hi=hi),
                            param="maxval")
    return out


def get(identifier: Any) -> Initializer:
    """An Initializer from a name, a ``{"name": ..., **params}`` dict or an instance."""
    if isinstance(identifier, Initializer):
        return identifier
    name, params = split_identifier(identifier, "initializer", "glorot_uniform")
    cls = lookup(name, _REGISTRY, _ALIASES, "initializer")
    return cls(**_checked(cls, params))
