"""Metrics chosen by the loss's ``metric_kind``: accuracy for classification, MAE, RMSE and R^2 for regression.

RMSE is the square root of the mean squared error over every output element, in the target's units (as
scikit-learn's ``mean_squared_error(..., squared=False)`` for one output column).

An ``Accumulator`` sums over batches so an epoch's metric equals the metric over all its samples.
"""

from __future__ import annotations

import numpy as np

METRICS = {"binary": ("accuracy",), "multiclass": ("accuracy",), "regression": ("mae", "rmse", "r2")}


def predicted_classes(y_pred: np.ndarray, kind: str) -> np.ndarray:
    """Binary: 1 where the (sigmoid) output is above 0.5; multiclass: the index of the largest output."""
    if kind == "binary":
        return (y_pred > 0.5).astype(np.intp)
    return np.argmax(y_pred, axis=-1)


def _true_classes(y_true: np.ndarray, y_pred: np.ndarray, kind: str) -> np.ndarray:
    y_true = np.asarray(y_true)
    if kind == "binary":
        return np.round(y_true).astype(np.intp).reshape(y_pred.shape)
    if y_true.ndim == y_pred.ndim and y_true.shape == y_pred.shape:  # one-hot
        return np.argmax(y_true, axis=-1)
    return y_true.reshape(y_pred.shape[:-1]).astype(np.intp)


def accuracy(y_pred: np.ndarray, y_true: np.ndarray, kind: str) -> float:
    """Fraction of correct predictions (binary: of every output element)."""
    correct = predicted_classes(y_pred, kind) == _true_classes(y_true, y_pred, kind)
    return float(correct.mean()) if correct.size else 0.0


def mae(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(y_pred, np.float64) - np.asarray(y_true).reshape(np.shape(y_pred)))))


def rmse(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Root mean squared error over every element: sqrt(mean((y_pred - y)^2))."""
    e = np.asarray(y_pred, np.float64) - np.asarray(y_true).reshape(np.shape(y_pred))
    return float(np.sqrt(np.mean(e * e)))


def r2(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Coefficient of determination 1 - SS_res / SS_tot, averaged over output columns."""
    acc = Accumulator("regression")
    acc.update(y_pred, y_true)
    return acc.result()["r2"]


class Accumulator:
    """Running sums for one epoch's metrics (float64, so long epochs do not lose precision)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.n = 0
        self.correct = 0
        self.count = 0
        self.abs_err = 0.0
        self.sq_err = self.sum_y = self.sum_y2 = None

    def update(self, y_pred: np.ndarray, y_true: np.ndarray, logits: bool = False) -> None:
        """Add a batch. ``logits``: y_pred is the output before its sigmoid or softmax (the training loop
        skips those when the loss is fused): sigmoid(z) > 0.5 is z > 0, and softmax keeps the argmax."""
        if self.kind == "regression":
            p = np.asarray(y_pred, np.float64).reshape(len(y_pred), -1)
            t = np.asarray(y_true, np.float64).reshape(p.shape)
            e = p - t
            self.abs_err += float(np.abs(e).sum())
            self.count += e.size
            self.n += len(p)
            sums = ((e * e).sum(axis=0), t.sum(axis=0), (t * t).sum(axis=0))
            if self.sq_err is None:
                self.sq_err, self.sum_y, self.sum_y2 = (s.copy() for s in sums)
            else:
                self.sq_err += sums[0]
                self.sum_y += sums[1]
                self.sum_y2 += sums[2]
        elif self.kind == "binary" and np.shape(y_true) == y_pred.shape:
            # 0/1 targets: right when both sides fall on the same side of 0.5
            self.correct += int(np.count_nonzero((y_pred > (0.0 if logits else 0.5)) == (y_true > 0.5)))
            self.count += y_pred.size
        elif self.kind == "multiclass" and np.ndim(y_true) == 1:
            self.correct += int(np.count_nonzero(y_pred.argmax(axis=-1) == y_true))
            self.count += len(y_true)
        else:
            if logits and self.kind == "binary":
                y_pred = (y_pred > 0).astype(y_pred.dtype)
            correct = predicted_classes(y_pred, self.kind) == _true_classes(y_true, y_pred, self.kind)
            self.correct += int(correct.sum())
            self.count += correct.size

    def result(self) -> dict[str, float]:
        if self.kind != "regression":
            return {"accuracy": self.correct / self.count if self.count else 0.0}
        if not self.count:
            return {"mae": 0.0, "rmse": 0.0, "r2": 0.0}
        ss_tot = self.sum_y2 - self.sum_y * self.sum_y / self.n
        ss_res = self.sq_err
        # a constant target: R^2 is 1 for a perfect fit, else 0 (as scikit-learn's force_finite)
        safe = np.where(ss_tot > 0, ss_tot, 1.0)
        per_col = np.where(ss_tot > 0, 1.0 - ss_res / safe, np.where(ss_res == 0, 1.0, 0.0))
        rmse_ = float(np.sqrt(self.sq_err.sum() / self.count))
        return {"mae": self.abs_err / self.count, "rmse": rmse_, "r2": float(per_col.mean())}
