"""Activation functions by name, with PyTorch's definitions (values and derivatives at kinks).

``get("relu")``, ``get({"name": "leaky_relu", "alpha": 0.2})`` or ``get(instance)`` returns an
``Activation``. Every function keeps the input's float dtype (float32 in, float32 out).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import halves
from .params import ConfigValue, ParamSpec, check_params, lookup, split_identifier
from ..i18n import N_


class Activation(ConfigValue):
    """One element-wise (or, for softmax, last-axis) function and its vector-Jacobian product."""

    FAMILY = "activations"
    description: str = ""
    differentiable: bool = True

    def forward(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """Element-wise derivative da/dz (used by the inspector's plot and by ``backward``)."""
        raise NotImplementedError

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """dL/dz from dL/da. ``a`` is ``forward(z)``; subclasses reuse it where it is cheaper."""
        return grad_a * self.derivative(z)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # PyTorch's formula 1 / (1 + e^-z), four passes; for very negative z, e^-z overflows to inf and the
    # result is exactly 0, the float's own limit
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


# --- erf: NumPy has none and scipy is not a dependency. Cephes ndtr.c rational approximations
# (S. L. Moshier), accurate to ~1e-16 relative in float64; evaluated in the input's dtype.
_ERF_T = (9.60497373987051638749e0, 9.00260197203842689217e1, 2.23200534594684319226e3,
          7.00332514112805075473e3, 5.55923013010394962768e4)
_ERF_U = (1.0, 3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3,
          2.26290000613890934246e4, 4.92673942608635921086e4)
_ERFC_P = (2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687e0,
           4.86371970985681366614e1, 1.96520832956077098242e2, 5.26445194995477358631e2,
           9.34528527171957607540e2, 1.02755188689515710272e3, 5.57535335369399327526e2)
_ERFC_Q = (1.0, 1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2,
           9.75708501743205489753e2, 1.82390916687909736289e3, 2.24633760818710981792e3,
           1.65666309194161350182e3, 5.57535340817727675546e2)
_ERFC_R = (5.64189583547755073984e-1, 1.27536670759978104416e0, 5.01905042251180477414e0,
           6.16021097993053585195e0, 7.40974269950448939160e0, 2.97886665372100240670e0)
_ERFC_S = (1.0, 2.26052863220117276590e0, 9.39603524938001434673e0, 1.20489539808096656605e1,
           1.70814450747565897222e1, 9.60896809063285878198e0, 3.36907645100081516050e0)


def _polyval(coeffs: tuple, x: np.ndarray) -> np.ndarray:
    # Horner's rule, highest power first; Python-float coefficients keep x's dtype
    out = np.full_like(x, coeffs[0])
    for c in coeffs[1:]:
        out *= x
        out += c
    return out


def _as_float(x) -> np.ndarray:
    x = np.asarray(x)
    return x if np.issubdtype(x.dtype, np.floating) else x.astype(np.float64)


def _erfc_tail(a: np.ndarray) -> np.ndarray:
    """erfc(a) for a >= 1: exp(-a^2) P(a)/Q(a), R/S beyond 8; no cancellation, so tiny values stay exact."""
    out = np.empty_like(a)
    mid = ~(a >= 8.0)  # NaN goes this way and stays NaN
    far = ~mid & np.isfinite(a)
    for mask, p, q in ((mid, _ERFC_P, _ERFC_Q), (far, _ERFC_R, _ERFC_S)):
        am = a[mask]
        # exp(-a^2) as Cephes' expx2: a = m + f with m on a 1/128 grid, so m^2 is exact and the rounding
        # of a^2 (up to 6e-14 relative near a = 25) never reaches the exponent
        m = np.round(am * 128) / 128
        f = am - m
        out[mask] = np.exp(-m * m) * np.exp(-f * (2 * m + f)) * _polyval(p, am) / _polyval(q, am)
    out[np.isinf(a)] = 0.0
    return out


def _erf_small(x: np.ndarray) -> np.ndarray:
    z = x * x
    return x * _polyval(_ERF_T, z) / _polyval(_ERF_U, z)


def erf(x: np.ndarray) -> np.ndarray:
    """Vectorised error function, float64-accurate (Cephes); keeps the input's float dtype."""
    x = _as_float(x)
    out = np.empty_like(x)
    small = np.abs(x) <= 1.0
    out[small] = _erf_small(x[small])
    big = ~small  # erf = sign(x) (1 - erfc(|x|)); NaN stays NaN
    xb = x[big]
    out[big] = np.copysign(1 - _erfc_tail(np.abs(xb)), xb)
    return out


def erfc(x: np.ndarray) -> np.ndarray:
    """Vectorised complementary error function 1 - erf(x), accurate in its tail (GELU's negative side)."""
    x = _as_float(x)
    out = np.empty_like(x)
    small = np.abs(x) < 1.0
    out[small] = 1 - _erf_small(x[small])
    big = ~small
    xb = x[big]
    tail = _erfc_tail(np.abs(xb))
    out[big] = np.where(xb < 0, 2 - tail, tail)  # erfc(-a) = 2 - erfc(a)
    return out


_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
# SELU constants exactly as torch.nn.SELU
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class Linear(Activation):
    name, description = "linear", N_("a = z (identity)")

    def forward(self, z):
        return z  # identity: returns its input unchanged, no copy

    def derivative(self, z):
        return np.ones_like(z)

    def backward(self, z, a, grad_a):
        return grad_a


class _Staircase(Activation):
    """Piecewise constant: its derivative is 0 wherever it exists, so no gradient flows (as in PyTorch)."""

    differentiable = False

    def derivative(self, z):
        return np.zeros_like(z)

    def backward(self, z, a, grad_a):
        return np.zeros_like(grad_a)


class Step(_Staircase):
    name, description = "step", N_("Heaviside: a = 1 where z >= 0, else 0")

    def forward(self, z):
        return (z >= 0).astype(z.dtype)


class Sign(_Staircase):
    name, description = "sign", N_("a = -1, 0 or 1 by the sign of z")

    def forward(self, z):
        return np.sign(z)


class Sigmoid(Activation):
    name, description = "sigmoid", N_("a = 1 / (1 + exp(-z))")

    def forward(self, z):
        return _sigmoid(z)

    def derivative(self, z):
        s = _sigmoid(z)
        return s * (1 - s)

    def backward(self, z, a, grad_a):
        return grad_a * a * (1 - a)  # s' = s (1 - s)


class HardSigmoid(Activation):
    name, description = "hard_sigmoid", N_("a = relu6(z + 3) / 6 (PyTorch Hardsigmoid)")

    def forward(self, z):
        return np.clip(z + 3, 0, 6) / 6

    def derivative(self, z):
        # torch: 1/6 strictly inside (-3, 3), 0 at and beyond the corners
        return ((z > -3) & (z < 3)).astype(z.dtype) / 6


class Tanh(Activation):
    name, description = "tanh", N_("a = tanh(z)")

    def forward(self, z):
        return np.tanh(z)

    def derivative(self, z):
        t = np.tanh(z)
        return 1 - t * t

    def backward(self, z, a, grad_a):
        return grad_a * (1 - a * a)


class ReLU(Activation):
    name, description = "relu", N_("a = max(0, z)")

    def forward(self, z):
        if np.ndim(z) == 0 or np.size(z) < halves.LARGE:
            return np.maximum(z, 0)
        out = np.empty_like(z)
        halves.rows(len(z), z.size, lambda rows: np.maximum(z[rows], 0, out=out[rows]))
        return out

    def derivative(self, z):
        return (z > 0).astype(z.dtype)  # relu'(0) = 0 as in PyTorch

    def backward(self, z, a, grad_a):
        if np.ndim(z) == 0 or np.shape(grad_a) != np.shape(z) or np.size(z) < halves.LARGE:
            return grad_a * (z > 0)
        out = np.empty(np.shape(z), dtype=np.result_type(grad_a, np.bool_))
        halves.rows(len(z), z.size, lambda rows: np.multiply(grad_a[rows], z[rows] > 0, out=out[rows]))
        return out


class LeakyReLU(Activation):
    name, description = "leaky_relu", N_("a = z if z > 0 else alpha * z")
    PARAMS = (ParamSpec("alpha", "float", 0.01, N_("slope for negative z (torch negative_slope)")),)

    def forward(self, z):
        return np.where(z > 0, z, self.alpha * z)

    def derivative(self, z):
        return np.where(z > 0, 1, self.alpha).astype(z.dtype)  # alpha at 0, as in PyTorch


class ELU(Activation):
    name, description = "elu", N_("a = z if z > 0 else alpha * (exp(z) - 1)")
    PARAMS = (ParamSpec("alpha", "float", 1.0, N_("value approached for very negative z")),)

    def forward(self, z):
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0)))

    def derivative(self, z):
        return np.where(z > 0, 1, self.alpha * np.exp(np.minimum(z, 0))).astype(z.dtype)


class CELU(Activation):
    name, description = "celu", N_("a = z if z > 0 else alpha * (exp(z / alpha) - 1) (torch CELU)")
    PARAMS = (ParamSpec("alpha", "float", 1.0, N_("value approached for very negative z; also its scale"),
                        min=0.0, exclusive_min=True),)

    def forward(self, z):
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0) / self.alpha))

    def derivative(self, z):
        # exp(z / alpha) below 0 meets 1 above it, so the derivative is continuous (1 at z = 0)
        return np.where(z > 0, 1, np.exp(np.minimum(z, 0) / self.alpha)).astype(z.dtype)


class SELU(Activation):
    name, description = "selu", N_("a = scale * (z if z > 0 else alpha * (exp(z) - 1)), fixed constants")

    def forward(self, z):
        return _SELU_SCALE * np.where(z > 0, z, _SELU_ALPHA * np.expm1(np.minimum(z, 0)))

    def derivative(self, z):
        return _SELU_SCALE * np.where(z > 0, 1, _SELU_ALPHA * np.exp(np.minimum(z, 0))).astype(z.dtype)


class GELU(Activation):
    name, description = "gelu", N_("a = z * Phi(z) = z/2 * (1 + erf(z / sqrt 2)) (exact form)")

    # Phi(z) = erfc(-z / sqrt 2) / 2, the same as (1 + erf(z / sqrt 2)) / 2 without its cancellation
    # for negative z, so the small negative tail keeps full precision
    def forward(self, z):
        return 0.5 * z * erfc(-_SQRT_HALF * z)

    def derivative(self, z):
        # Phi(z) + z * phi(z)
        return 0.5 * erfc(-_SQRT_HALF * z) + z * _INV_SQRT_2PI * np.exp(-0.5 * z * z)


class Swish(Activation):
    name, description = "swish", N_("a = z * sigmoid(z) (also called silu)")

    def forward(self, z):
        return z * _sigmoid(z)

    def derivative(self, z):
        s = _sigmoid(z)
        return s * (1 + z * (1 - s))


class Softplus(Activation):
    name, description = "softplus", N_("a = log(1 + exp(beta z)) / beta, linear where beta z > threshold")
    PARAMS = (ParamSpec("beta", "float", 1.0, N_("sharpness"), min=0.0, exclusive_min=True),
              ParamSpec("threshold", "float", 20.0, N_("beyond beta*z > threshold the result is z")))

    def forward(self, z):
        bz = self.beta * z
        soft = np.log1p(np.exp(np.minimum(bz, self.threshold))) / self.beta
        return np.where(bz > self.threshold, z, soft)

    def derivative(self, z):
        bz = self.beta * z
        return np.where(bz > self.threshold, 1, _sigmoid(bz)).astype(z.dtype)


class Softsign(Activation):
    name, description = "softsign", N_("a = z / (1 + |z|)")

    def forward(self, z):
        return z / (1 + np.abs(z))

    def derivative(self, z):
        d = 1 + np.abs(z)
        return 1 / (d * d)


class Softmax(Activation):
    name, description = "softmax", N_("a_i = exp(z_i) / sum_j exp(z_j) over the last axis")

    def forward(self, z):
        e = np.exp(z - z.max(axis=-1, keepdims=True))  # shift by the max: no overflow
        e /= e.sum(axis=-1, keepdims=True)
        return e

    def derivative(self, z):
        raise ValueError("softmax has no element-wise derivative: each output depends on every input "
                         "of its row, so use backward() for the Jacobian-vector product")

    def backward(self, z, a, grad_a):
        # J^T g with J = diag(a) - a a^T  =>  a * (g - <g, a>)
        return a * (grad_a - (grad_a * a).sum(axis=-1, keepdims=True))


_CLASSES = (Linear, Step, Sign, Sigmoid, HardSigmoid, Tanh, ReLU, LeakyReLU, ELU, CELU, SELU, GELU, Swish,
            Softplus, Softsign, Softmax)
_REGISTRY: dict[str, type[Activation]] = {c.name: c for c in _CLASSES}
_ALIASES = {"silu": "swish", "identity": "linear", "heaviside": "step", "hardsigmoid": "hard_sigmoid",
            "leakyrelu": "leaky_relu", "logistic": "sigmoid"}  # logistic: scikit-learn's name


def names() -> list[str]:
    """Canonical names, in the order a menu shows them (aliases resolve but are not listed)."""
    return list(_REGISTRY)


def get(identifier: Any) -> Activation:
    """An Activation from a name, a ``{"name": ..., **params}`` dict, an instance, or None (linear)."""
    if isinstance(identifier, Activation):
        return identifier
    if identifier is None:
        return Linear()
    name, params = split_identifier(identifier, "activation", "relu")
    cls = lookup(name, _REGISTRY, _ALIASES, "activation")
    return cls(**check_params(cls.PARAMS, params, f"Activation '{cls.name}'", fmt="",
                                   python_numbers=True))
