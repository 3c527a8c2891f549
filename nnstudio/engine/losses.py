"""Loss functions by name, averaged like PyTorch's defaults (``reduction="mean"``), plus the course's own.

mse, mae, huber and binary_crossentropy average over every element (N x D), as ``MSELoss``, ``L1Loss``,
``HuberLoss`` and ``BCELoss`` do; the categorical losses average over the batch of the per-row sum over
classes, as ``CrossEntropyLoss`` does. A sigmoid or softmax output followed by its cross-entropy is
computed "fused" from the logits z (``from_logits``), which is exact and stable for any |z|.

Two losses follow the course's textbook conventions instead, so its numbers can be matched digit for digit:
``sum_squared_error`` is 1/2 sum (y - t)^2 summed over the whole batch (not averaged), and
``cross_entropy_error`` is -sum t log(y + epsilon) averaged over the batch, the epsilon inside the log.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .params import ConfigValue, ParamSpec, check_params, lookup, split_identifier
from ..i18n import N_, _

TASKS = ("binary", "multiclass", "regression")
_LOG_FLOOR = -100.0  # torch.nn.BCELoss clamps log(p) at -100 so that p = 0 gives a finite loss
_GRAD_EPS = 1e-12    # torch's BCE backward divides by max(p (1 - p), 1e-12)


class Loss(ConfigValue):
    FAMILY = "losses"
    description: str = ""
    metric_kind: str = "regression"
    fused_activation: str | None = None  # the output activation this loss fuses with
    one_hot_targets: bool = False  # True: class targets come one-hot (one column per class)

    # --- public API -----------------------------------------------------------------------------------
    def __call__(self, y_pred: np.ndarray, y_true: np.ndarray) -> float:
        y_pred = np.asarray(y_pred)
        return float(self._loss(y_pred, self._targets(y_pred, y_true)))

    def gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """dL/dy_pred, averaging included, in y_pred's dtype."""
        y_pred = np.asarray(y_pred)
        return self._grad(y_pred, self._targets(y_pred, y_true))

    def fused(self, activation_name: str | None) -> bool:
        """True when this loss after ``activation_name`` has an exact, stable form in the logits."""
        return self.fused_activation is not None and activation_name == self.fused_activation

    def from_logits(self, activation_name: str | None, z: np.ndarray, y_true: np.ndarray
                    ) -> tuple[float, np.ndarray]:
        """(loss, dL/dz) for activation(z) followed by this loss, computed stably from the logits z."""
        if not self.fused(activation_name):
            raise ValueError(_("Loss '{name}' has no fused form after a '{activation}' output; call it on the "
                               "activation's output instead.").format(name=self.name, activation=activation_name))
        z = np.asarray(z)
        return self._fused(z, self._targets(z, y_true))

    # the training loop validates the targets once per fit, then calls these per batch
    def checked_targets(self, like: np.ndarray, y_true) -> np.ndarray:
        """``y_true`` validated and converted for outputs like ``like`` (any number of rows: only its row
        shape and dtype count), ready for the ``*_checked`` methods."""
        like = np.asarray(like)
        row = np.zeros((1,) + like.shape[1:], like.dtype)
        return self._targets(np.broadcast_to(row, (len(y_true),) + like.shape[1:]), y_true)

    def loss_checked(self, y_pred: np.ndarray, y: np.ndarray):
        return self._loss(y_pred, y)

    def gradient_checked(self, y_pred: np.ndarray, y: np.ndarray) -> np.ndarray:
        return self._grad(y_pred, y)

    def fused_checked(self, z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        return self._fused(z, y)

    # --- per-loss parts ---------------------------------------------------------------------------------
    def _targets(self, y_pred: np.ndarray, y_true) -> np.ndarray:
        """Targets in y_pred's shape and dtype; (N,) is accepted for a single output column."""
        y_true = np.asarray(y_true)
        if y_true.shape != y_pred.shape and y_true.ndim == 1 and y_pred.shape == (y_true.shape[0], 1):
            y_true = y_true.reshape(-1, 1)
        if y_true.shape != y_pred.shape:
            if y_pred.ndim == 3 and y_true.ndim < 3:  # a Dense after return_sequences=True: one output per step
                raise ValueError(_("Loss '{name}': the network outputs a sequence {outputs} per sample (one "
                                   "output at every timestep) but the targets have shape {targets}; turn off "
                                   "return_sequences in the last recurrent layer to predict once per sequence.")
                                 .format(name=self.name, outputs=y_pred.shape[1:], targets=y_true.shape[1:]))
            raise ValueError(_("Loss '{name}': the targets have shape {targets} but the network outputs "
                               "{outputs}; give one target value per output.")
                             .format(name=self.name, targets=y_true.shape, outputs=y_pred.shape))
        return y_true.astype(y_pred.dtype, copy=False)  # float64 targets must not upcast a float32 net

    def _need_matrix(self, y_pred) -> np.ndarray:
        """``y_pred`` as an array, checked to be (N, classes) as the categorical losses need."""
        y_pred = np.asarray(y_pred)
        if y_pred.ndim != 2:
            raise ValueError(_("Loss '{name}' needs outputs of shape (N, classes), got {shape}.")
                             .format(name=self.name, shape=y_pred.shape))
        return y_pred

    def _loss(self, p, y):
        raise NotImplementedError

    def _grad(self, p, y):
        raise NotImplementedError

    def _fused(self, z, y):
        raise NotImplementedError


class MeanSquaredError(Loss):
    name, description = "mse", "mean of (y_pred - y)^2 over all elements (torch MSELoss)"

    def _loss(self, p, y):
        r = p - y
        return np.mean(r * r)

    def _grad(self, p, y):
        r = p - y
        r *= 2.0 / r.size
        return r


class SumSquaredError(Loss):
    name = "sum_squared_error"
    description = "1/2 sum of (y_pred - y)^2 over every element of the batch, not averaged (the course's E)"

    def _loss(self, p, y):
        r = p - y
        return 0.5 * np.vdot(r, r)

    def _grad(self, p, y):
        return p - y  # d/dp of 1/2 r^2: the 1/2 is there to cancel the 2


class MeanAbsoluteError(Loss):
    name, description = "mae", "mean of |y_pred - y| over all elements (torch L1Loss)"

    def _loss(self, p, y):
        return np.mean(np.abs(p - y))

    def _grad(self, p, y):
        return np.sign(p - y) / p.size  # sign(0) = 0, as torch


class Huber(Loss):
    name = "huber"
    description = "0.5 r^2 where |r| <= delta, else delta (|r| - delta/2); mean (torch HuberLoss)"
    PARAMS = (ParamSpec("delta", "float", 1.0, N_("where the quadratic turns linear"), min=0.0,
                        exclusive_min=True),)

    def _loss(self, p, y):
        r = np.abs(p - y)
        d = self.delta
        return np.mean(np.where(r <= d, 0.5 * r * r, d * (r - 0.5 * d)))

    def _grad(self, p, y):
        return np.clip(p - y, -self.delta, self.delta) / p.size


class BinaryCrossentropy(Loss):
    name = "binary_crossentropy"
    description = "-mean(y log p + (1 - y) log(1 - p)), log clamped at -100 (torch BCELoss)"
    metric_kind, fused_activation = "binary", "sigmoid"

    def _check_probabilities(self, p):
        if p.size and (p.min() < 0 or p.max() > 1):
            raise ValueError(_("Loss '{name}' needs predicted probabilities between 0 and 1 (a sigmoid "
                               "output), got values from {low:.4g} to {high:.4g}.")
                             .format(name=self.name, low=p.min(), high=p.max()))

    def _loss(self, p, y):
        self._check_probabilities(p)
        with np.errstate(divide="ignore"):  # log(0) = -inf, then clamped like torch
            log_p = np.maximum(np.log(p), _LOG_FLOOR)
            log_q = np.maximum(np.log1p(-p), _LOG_FLOOR)
        return -np.mean(y * log_p + (1 - y) * log_q)

    def _grad(self, p, y):
        self._check_probabilities(p)
        # (p - y) / (p (1 - p)), the denominator floored as in torch's binary_cross_entropy_backward
        return (p - y) / np.maximum(p * (1 - p), _GRAD_EPS) / p.size

    def _fused(self, z, y):
        # BCEWithLogits: max(z, 0) - z y + log(1 + e^-|z|); gradient sigmoid(z) - y
        # (the same arithmetic as the plain expressions, in place and without np.mean's overhead: this runs
        # every step of a small full-batch network, where the call count is the cost)
        e = np.abs(z)
        np.negative(e, out=e)
        np.exp(e, out=e)
        terms = np.maximum(z, 0)
        terms -= z * y
        terms += np.log1p(e)
        loss = terms.sum() / terms.size
        grad = np.where(z >= 0, 1, e)
        e += 1
        grad /= e
        grad -= y
        grad /= z.size
        return float(loss), grad


class CategoricalCrossentropy(Loss):
    name = "categorical_crossentropy"
    description = "-mean over rows of sum_k y_k log p_k with one-hot targets y"
    metric_kind, fused_activation, one_hot_targets = "multiclass", "softmax", True

    def _targets(self, y_pred, y_true):
        y_pred = self._need_matrix(y_pred)
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            raise ValueError(_("Loss '{name}' needs one-hot targets of shape {outputs}, got class indices of "
                               "shape {targets}: use sparse_categorical_crossentropy for integer targets.")
                             .format(name=self.name, outputs=y_pred.shape, targets=y_true.shape))
        return super()._targets(y_pred, y_true)

    def _loss(self, p, y):
        with np.errstate(divide="ignore"):
            log_p = np.maximum(np.log(p), _LOG_FLOOR)
        return -np.sum(y * log_p) / p.shape[0]

    def _grad(self, p, y):
        return -y / np.maximum(p, _GRAD_EPS) / p.shape[0]

    def _fused(self, z, y):
        # softmax + CE: sum_k y_k (lse(z) - z_k) = sum_k y_k (log s + (m - z_k)), both parts >= 0, so no
        # cancellation can make it negative; gradient softmax(z) sum_k y_k - y
        n = z.shape[0]
        e = np.subtract(z, z.max(axis=1, keepdims=True))  # z - m <= 0: exp() below cannot overflow
        below_max = -float(np.vdot(y, e))
        np.exp(e, out=e)
        s = e.sum(axis=1, keepdims=True)
        y_rows = y.sum(axis=1, keepdims=True)  # 1 for one-hot rows; soft targets may differ
        loss = (float(np.vdot(np.log(s), y_rows)) + below_max) / n
        e /= s
        e *= y_rows
        e -= y
        e /= n
        return float(loss), e


class CrossEntropyError(CategoricalCrossentropy):
    name = "cross_entropy_error"
    description = ("-mean over rows of sum_k y_k log(p_k + epsilon) with one-hot targets y (the course's "
                   "cross-entropy: the epsilon keeps log(0) finite)")
    fused_activation = None  # the epsilon sits inside the log: computed on the softmax's probabilities
    PARAMS = (ParamSpec("epsilon", "float", 1e-8, N_("added to every probability before its log"), min=0.0,
                        exclusive_min=True),)

    def _loss(self, p, y):
        return -np.vdot(y, np.log(p + self.epsilon)) / p.shape[0]

    def _grad(self, p, y):
        return -y / (p + self.epsilon) / p.shape[0]  # epsilon > 0 keeps it finite where p = 0


class SparseCategoricalCrossentropy(Loss):
    name = "sparse_categorical_crossentropy"
    description = "-mean over rows of log p[target] with integer class targets (torch CrossEntropyLoss)"
    metric_kind, fused_activation = "multiclass", "softmax"

    def _targets(self, y_pred, y_true):
        y_pred = self._need_matrix(y_pred)
        y = np.asarray(y_true)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.shape != (y_pred.shape[0],):
            raise ValueError(_("Loss '{name}' needs one integer class per row, shape ({rows},), got targets "
                               "of shape {shape}.").format(name=self.name, rows=y_pred.shape[0], shape=y.shape))
        if not np.issubdtype(y.dtype, np.integer):
            if not (np.issubdtype(y.dtype, np.floating) and np.all(np.mod(y, 1) == 0)):
                raise ValueError(_("Loss '{name}' needs integer class indices as targets, got values of type "
                                   "{dtype}.").format(name=self.name, dtype=y.dtype))
            y = y.astype(np.intp)
        k = y_pred.shape[1]
        bad = np.flatnonzero((y < 0) | (y >= k))
        if bad.size:
            raise ValueError(_("Loss '{name}': target {target} in row {row} is not a class index 0..{last} of "
                               "the {count} outputs.")
                             .format(name=self.name, target=y[bad[0]], row=bad[0], last=k - 1, count=k))
        return y

    def _loss(self, p, y):
        with np.errstate(divide="ignore"):
            return -np.mean(np.maximum(np.log(p[np.arange(p.shape[0]), y]), _LOG_FLOOR))

    def _grad(self, p, y):
        rows = np.arange(p.shape[0])
        g = np.zeros_like(p)
        g[rows, y] = -1.0 / (np.maximum(p[rows, y], _GRAD_EPS) * p.shape[0])
        return g

    def _fused(self, z, y):
        # softmax + CE: lse(z) - z[y]; gradient softmax(z) - onehot(y). Worked on z transposed (classes,
        # samples): a reduction over a few classes is then a few fast passes over whole rows, where NumPy's
        # reduction along short rows is several times slower; the gradient comes back C-ordered like z
        n = z.shape[0]
        rows = _rows(n)
        zt = np.ascontiguousarray(z.T)
        m = np.maximum.reduce(zt, axis=0)  # each sample's largest z: exp() below cannot overflow
        e = np.subtract(zt, m)
        np.exp(e, out=e)
        s = np.add.reduce(e, axis=0)
        terms = np.log(s)
        terms += m
        terms -= zt[y, rows]  # lse(z) - z[y] per sample
        loss = terms.sum() / n  # np.mean's arithmetic without its overhead
        e /= s
        e[y, rows] -= 1
        return float(loss), np.divide(e.T, n, order="C")


_ROWS: dict[int, np.ndarray] = {}


def _rows(n: int) -> np.ndarray:
    """np.arange(n), kept per batch size (read-only: it indexes a row of every sample)."""
    rows = _ROWS.get(n)
    if rows is None:
        if len(_ROWS) > 64:
            _ROWS.clear()
        rows = _ROWS[n] = np.arange(n)
        rows.flags.writeable = False
    return rows


_CLASSES = (MeanSquaredError, MeanAbsoluteError, Huber, BinaryCrossentropy, CategoricalCrossentropy,
            SparseCategoricalCrossentropy, SumSquaredError, CrossEntropyError)
_REGISTRY: dict[str, type[Loss]] = {c.name: c for c in _CLASSES}
_ALIASES = {"mean_squared_error": "mse", "mean_absolute_error": "mae", "l1": "mae", "huber_loss": "huber",
            "bce": "binary_crossentropy", "cross_entropy": "sparse_categorical_crossentropy",
            "crossentropy": "sparse_categorical_crossentropy"}


def names() -> list[str]:
    """Canonical loss names (aliases resolve but are not listed)."""
    return list(_REGISTRY)


def is_classification(name: str) -> bool:
    """True for the cross-entropy losses (their metric is accuracy)."""
    return get(name).metric_kind != "regression"


def default_for(task: str, output_activation: str | None) -> str:
    """The loss a course would pick for ``task`` given the output layer's activation."""
    if task not in TASKS:
        raise ValueError(_("Unknown task '{task}'; expected one of: {tasks}.")
                         .format(task=task, tasks=", ".join(TASKS)))
    if task == "regression":
        return "mse"
    if output_activation == "softmax" or task == "multiclass":
        return "sparse_categorical_crossentropy"
    # binary: cross-entropy needs probabilities; tanh/sign/linear outputs are fitted to 0/1 by mse
    return "binary_crossentropy" if output_activation == "sigmoid" else "mse"


def get(identifier: Any) -> Loss:
    """A Loss from a name, a ``{"name": ..., **params}`` dict or an instance."""
    if isinstance(identifier, Loss):
        return identifier
    name, params = split_identifier(identifier, "loss", "mse")
    cls = lookup(name, _REGISTRY, _ALIASES, "loss")
    return cls(**check_params(cls.PARAMS, params, _("Loss '{name}'").format(name=cls.name), fmt="", one_sentence=True,
                                   python_numbers=True))
