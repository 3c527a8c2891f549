"""Preprocessor: feature scaling fitted on the training part only, and targets encoded for the losses.

Tables are scaled per column ("standard": (x - mean) / std, "minmax": (x - min) / (max - min)), sequences
per feature over every timestep; images
are mapped to [0, 1] with the training set's overall min and max. Targets follow the engine's losses:
binary (N, 1) float 0/1, multiclass integer (N,) or one-hot (N, K), regression (N, 1) float (optionally
standardized with ``scale_target=True``; ``inverse_transform_y`` undoes it).
"""

from __future__ import annotations

import numpy as np

from .dataset import Dataset
from .errors import DataError
from ..i18n import _

SCALES = ("standard", "minmax", None)


class Preprocessor:
    def __init__(self, scale: str | None = "standard", one_hot: bool = False, image_scale: bool = True,
                 scale_target: bool = False):
        if scale not in SCALES:
            raise DataError(_("scale must be 'standard', 'minmax' or None, not {scale!r}.").format(scale=scale))
        self.scale = scale
        self.one_hot = bool(one_hot)
        self.image_scale = bool(image_scale)
        self.scale_target = bool(scale_target)
        self.fitted: dict | None = None

    # -- fitting -----------------------------------------------------------------------------------
    def fit(self, ds: Dataset) -> "Preprocessor":
        """Learn the scaling from ``ds`` (the training part only, so nothing leaks from val/test)."""
        if len(ds) == 0:
            raise DataError(_("Cannot fit preprocessing on an empty dataset."))
        X = ds.X
        f: dict = {"task": ds.task, "n_classes": ds.n_classes, "input_shape": list(ds.input_shape)}
        if ds.is_images:
            lo, hi = float(X.min()), float(X.max())
            f.update(image_min=lo, image_max=hi)
        elif self.scale == "standard":  # per feature; for sequences over every sample and timestep
            axes = tuple(range(X.ndim - 1))
            f.update(mean=X.mean(axis=axes, dtype=np.float64).tolist(),
                     std=X.std(axis=axes, dtype=np.float64).tolist())
        elif self.scale == "minmax":
            axes = tuple(range(X.ndim - 1))
            f.update(min=X.min(axis=axes).tolist(), max=X.max(axis=axes).tolist())
        if ds.task == "regression" and self.scale_target:
            if ds.y.ndim == 2:
                raise DataError(_("Scale target works on one target column; this data has {shape} "
                                  "target columns: turn it off (the inputs are still scaled).").format(shape=ds.y.shape[1]))
            f.update(y_mean=float(ds.y.mean()), y_std=float(ds.y.std()))
        self.fitted = f
        return self

    def _require_fit(self) -> dict:
        if self.fitted is None:
            raise DataError(_("The preprocessor is not fitted yet; call fit(train) first."))
        return self.fitted

    # -- applying ----------------------------------------------------------------------------------
    def transform(self, ds: Dataset, in_place: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(X, y) ready for Network.fit; ``in_place``: ``ds.X`` may be overwritten with the scaled features."""
        f = self._require_fit()
        if ds.task != f["task"]:
            raise DataError(_("The preprocessor was fitted on {f} data, not {task} data.")
                            .format(f=f['task'], task=ds.task))
        return self.transform_X(ds.X, in_place=in_place), self.transform_y(ds.y)

    def transform_X(self, X, in_place: bool = False) -> np.ndarray:
        """Scale features (also for prediction on new data). ``in_place``: ``X`` is the caller's own float32 or
        float64 array, which may be overwritten with the result (one copy of a large set fewer)."""
        f = self._require_fit()
        X = np.asarray(X)
        in_place = in_place and X.dtype in (np.float32, np.float64)
        X = X if X.dtype == np.float32 else X.astype(np.float64, copy=False)
        shape = tuple(f["input_shape"])
        if X.shape == shape:          # one sample without the batch axis
            X = X[None]
        elif X.shape[1:] != shape:
            raise DataError(_("Expected inputs of shape {shape} per sample, not {shape2}.")
                            .format(shape=shape, shape2=X.shape[1:]))
        if "image_min" in f:
            if not self.image_scale:
                return X if in_place else X.copy()
            # in place on one copy, in X's own float type: a full image set is copied once, not three times
            out = np.subtract(X, X.dtype.type(f["image_min"]), out=X if in_place else None)
            out /= X.dtype.type(_safe_range(f["image_max"] - f["image_min"]))
            return out
        if "mean" in f:
            lo, width = np.asarray(f["mean"]), _safe_range(np.asarray(f["std"]))
        elif "min" in f:
            lo = np.asarray(f["min"])
            width = _safe_range(np.asarray(f["max"]) - lo)
        else:
            return X if in_place else X.copy()
        out = np.subtract(X, lo.astype(X.dtype), out=X if in_place else None)
        out /= width.astype(X.dtype)
        return out

    def transform_y(self, y) -> np.ndarray:
        """Encode targets for the loss that matches the task."""
        f = self._require_fit()
        y = np.asarray(y)
        if f["task"] == "regression":
            y = y.astype(np.float64)
            y = y.reshape(-1, 1) if y.ndim == 1 else y   # several target columns stay (N, D)
            if "y_mean" in f:
                y = (y - f["y_mean"]) / _safe_range(f["y_std"])
            return y
        y = y.astype(np.int64).reshape(-1)
        if f["task"] == "binary":
            return y.astype(np.float64).reshape(-1, 1)
        if self.one_hot:
            return np.eye(f["n_classes"])[y]
        return y

    def scaling(self) -> str | None:
        """How ``transform_X`` changes the features: "standard", "minmax", "images" or None (unchanged)."""
        f = self._require_fit()
        if "image_min" in f:
            return "images" if self.image_scale else None
        return "standard" if "mean" in f else "minmax" if "min" in f else None

    def inverse_transform_X(self, X) -> np.ndarray:
        """Scaled features back in the data's own terms (float64): what ``transform_X`` was given."""
        f = self._require_fit()
        X = np.asarray(X, dtype=np.float64)
        kind = self.scaling()
        if kind == "images":
            return X * _safe_range(f["image_max"] - f["image_min"]) + f["image_min"]
        if kind == "standard":
            return X * _safe_range(np.asarray(f["std"])) + np.asarray(f["mean"])
        if kind == "minmax":
            lo = np.asarray(f["min"])
            return X * _safe_range(np.asarray(f["max"]) - lo) + lo
        return X.copy()

    def inverse_transform_y(self, y) -> np.ndarray:
        """Back to the dataset's terms: regression values in original units (same shape as given), or
        class indices (N,) from probabilities (binary (N, 1) thresholded at 0.5; multiclass argmax),
        one-hot rows or indices."""
        f = self._require_fit()
        y = np.asarray(y, dtype=np.float64)
        if f["task"] == "regression":
            if "y_mean" in f:
                y = y * _safe_range(f["y_std"]) + f["y_mean"]
            return y
        if f["task"] == "binary":
            return (y.reshape(-1) >= 0.5).astype(np.int64)
        if y.ndim == 2:
            return y.argmax(axis=1).astype(np.int64)
        return y.astype(np.int64)

    @property
    def target_scale(self) -> float:
        """What an error measured on transformed regression targets (MAE, RMSE) is multiplied by to be in
        the target's own units: its training std when ``scale_target``, else 1."""
        f = self._require_fit()
        return float(_safe_range(f["y_std"])) if "y_std" in f else 1.0

    # -- persistence -------------------------------------------------------------------------------
    def to_config(self) -> dict:
        """JSON-able settings and fitted values (means, stds, mins, maxes as lists)."""
        return {"scale": self.scale, "one_hot": self.one_hot, "image_scale": self.image_scale,
                "scale_target": self.scale_target, "fitted": None if self.fitted is None else dict(self.fitted)}

    @classmethod
    def from_config(cls, cfg: dict) -> "Preprocessor":
        try:
            prep = cls(scale=cfg.get("scale", "standard"), one_hot=cfg.get("one_hot", False),
                       image_scale=cfg.get("image_scale", True), scale_target=cfg.get("scale_target", False))
        except AttributeError:
            raise DataError(_("The preprocessing settings are not a dictionary.")) from None
        fitted = cfg.get("fitted")
        if fitted is not None:
            if not isinstance(fitted, dict) or not {"task", "input_shape"} <= set(fitted):
                raise DataError(_("The preprocessing settings lack their fitted values (task, input_shape)."))
            prep.fitted = dict(fitted)
        return prep


def _safe_range(r):
    """Divisor that leaves constant columns at 0 instead of dividing by zero."""
    r = np.asarray(r, dtype=np.float64)
    return np.where(r > 0, r, 1.0) if r.ndim else (float(r) if r > 0 else 1.0)
