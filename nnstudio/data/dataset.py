"""Dataset: features, encoded targets, names and where the data came from; seeded (stratified) splits."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .errors import DataError
from ..i18n import N_, _

TASKS = ("binary", "multiclass", "regression")


def _counted(n: int, one: str, many: str, **values) -> str:
    """``one`` or ``many`` (N_-marked templates with ``{n}``) translated and filled in."""
    return _(one if n == 1 else many).format(n=n, **values)


@dataclass(eq=False)
class Dataset:
    """One table (or stack of images) ready for learning.

    ``X`` is float, ``(N, F)``, sequences ``(N, timesteps, F)`` or images ``(N, H, W, C)``: float32 stays float32
    (a large image set, half the memory, and the engine's own precision), anything else becomes float64. For
    classification ``y`` holds class indices ``0..K-1`` and ``class_names[k]`` is the original label of class ``k``; for regression ``y`` is float.
    ``source`` is a JSON-able dict that lets ``from_source`` rebuild the data. ``chronological``: the rows
    are in time order (windows of one series), so ``split`` keeps the order instead of shuffling.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    target_name: str
    task: str
    class_names: list[str] | None = None
    source: dict = field(default_factory=dict)
    split_info: dict | None = None          # {"part", "val", "test", "stratify", "seed"} after split()
    indices: np.ndarray | None = None       # rows of the unsplit dataset this part holds
    source_changed: bool = False            # the CSV file's SHA-256 differs from the recorded one
    fixed_test: np.ndarray | None = None    # rows of an official test set (MNIST's 10,000): split() keeps them
    chronological: bool = False             # rows in time order: split() cuts train | val | test in that order
    target_names: list[str] | None = None   # one per column of a (N, D) regression target; else [target_name]

    def __post_init__(self):
        X = np.asarray(self.X)
        self.X = X if X.dtype == np.float32 else X.astype(np.float64, copy=False)
        if self.X.ndim not in (2, 3, 4):
            raise DataError(_("Dataset features must be a table (N, F), sequences (N, timesteps, F) "
                              "or images (N, H, W, C), not an array of shape {shape}.").format(shape=self.X.shape))
        if self.task not in TASKS:
            raise DataError(_("Unknown task {task!r}; use one of {names}.")
                            .format(task=self.task, names=', '.join(TASKS)))
        if self.task == "regression":
            y = np.asarray(self.y, dtype=np.float64)
            if y.ndim > 2:
                raise DataError(_("Regression targets must be one column or a table (N, D), not an "
                                  "array of shape {shape}.").format(shape=y.shape))
            # several target columns (multi-output regression, or several 0/1 labels) stay a table
            self.y = y if y.ndim == 2 and y.shape[1] > 1 else y.reshape(-1)
            self.class_names = None
        else:
            self.y = np.asarray(self.y).reshape(-1).astype(np.int64)
            self.class_names = [str(c) for c in (self.class_names or [])]
            k = len(self.class_names)
            if self.task == "binary" and k != 2:
                raise DataError(_("A binary task needs exactly 2 classes, not {k}.").format(k=k))
            if k < 2:
                raise DataError(_("A classification task needs at least 2 classes, not {k}.").format(k=k))
            if self.y.size and (self.y.min() < 0 or self.y.max() >= k):
                raise DataError(_("Class indices must lie in 0..{number}.").format(number=k - 1))
        if len(self.X) != len(self.y):
            raise DataError(_("The features have {count} rows but the targets have {count2}.")
                            .format(count=len(self.X), count2=len(self.y)))
        self.feature_names = [str(n) for n in self.feature_names]
        width = 1 if self.y.ndim == 1 else int(self.y.shape[1])
        if self.target_names is None:
            self.target_names = ([str(self.target_name)] if width == 1 else
                                 [f"{self.target_name} {i + 1}" for i in range(width)])
        self.target_names = [str(n) for n in self.target_names]
        if len(self.target_names) != width:
            raise DataError(_("There are {width} target columns but {count} target names.")
                            .format(width=width, count=len(self.target_names)))
        if self.X.ndim in (2, 3) and len(self.feature_names) != self.X.shape[-1]:
            raise DataError(_("There are {shape} feature columns but {count} feature names.")
                            .format(shape=self.X.shape[-1], count=len(self.feature_names)))

    # -- shape facts the GUI and the engine need ---------------------------------------------------
    def __len__(self) -> int:
        return len(self.y)

    @property
    def n_samples(self) -> int:
        return len(self.y)

    @property
    def n_classes(self) -> int | None:
        """Number of classes, or None for regression."""
        return None if self.task == "regression" else len(self.class_names)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(s) for s in self.X.shape[1:])

    @property
    def is_images(self) -> bool:
        return self.X.ndim == 4

    @property
    def is_sequences(self) -> bool:
        return self.X.ndim == 3

    @property
    def columns(self) -> list[str]:
        """Column titles of ``head()`` rows: the features (per timestep for sequences), then the target."""
        if self.X.ndim == 2:
            names = self.feature_names
        elif self.is_sequences:
            names = [f"{name} t{step + 1}" for step in range(self.X.shape[1]) for name in self.feature_names]
        else:
            names = [f"pixel {i}" for i in range(self._flat_width)]
        return [*names, *self.target_names]

    @property
    def _flat_width(self) -> int:
        return int(np.prod(self.X.shape[1:]))

    def labels(self) -> np.ndarray:
        """Targets as the user knows them: original class labels, or the regression values."""
        if self.task == "regression":
            return self.y.copy()
        return np.asarray(self.class_names, dtype=object)[self.y]

    def head(self, n: int = 5) -> list[list]:
        """The first ``n`` rows as lists (features, then the target label) for previews."""
        X = self.X[:n].reshape(min(n, len(self.X)), -1)
        labels = self.labels()[:n]
        if labels.ndim == 2:
            return [[*(float(v) for v in row), *(float(v) for v in lab)] for row, lab in zip(X, labels)]
        return [[*(float(v) for v in row), lab if isinstance(lab, str) else float(lab)]
                for row, lab in zip(X, labels)]

    def describe(self) -> str:
        """One line for the GUI, e.g. "400 samples, 2 features, 3 classes"."""
        n = self.n_samples
        parts = [_counted(n, N_("{n} sample"), N_("{n} samples"))]
        if self.is_images:
            parts[0] = _counted(n, N_("{n} image {shape}"), N_("{n} images {shape}"),
                                shape="x".join(str(s) for s in self.input_shape))
        elif self.is_sequences:
            t, f = self.input_shape
            steps = _counted(t, N_("{n} step"), N_("{n} steps"))
            parts[0] = _counted(n, N_("{n} sequence of {steps}"), N_("{n} sequences of {steps}"), steps=steps)
            parts.append(_counted(f, N_("{n} feature per step"), N_("{n} features per step")))
        else:
            parts.append(_counted(self.X.shape[1], N_("{n} feature"), N_("{n} features")))
        if self.task == "regression" and len(self.target_names) > 1:
            parts.append(_("regression targets {names}").format(names=", ".join(f"'{t}'" for t in self.target_names)))
        elif self.task == "regression":
            parts.append(_("regression target '{name}'").format(name=self.target_name))
        else:
            parts.append(_("{n} classes").format(n=self.n_classes))
        return _(", ").join(parts)

    def class_counts(self) -> np.ndarray:
        """Samples per class (classification only)."""
        if self.task == "regression":
            raise DataError(_("Class counts only exist for classification data."))
        return np.bincount(self.y, minlength=self.n_classes)

    # -- subsets and splits ------------------------------------------------------------------------
    def subset(self, rows: np.ndarray, split_info: dict | None = None) -> "Dataset":
        """A Dataset of the given rows, with the same names, classes and source; consecutive rows share
        this dataset's features (a view), others get their own copy."""
        rows = np.asarray(rows, dtype=np.int64)
        base = self.indices if self.indices is not None else np.arange(len(self))
        run = len(rows) > 0 and rows[-1] - rows[0] == len(rows) - 1 and bool(np.all(np.diff(rows) == 1))
        X = self.X[rows[0]:rows[-1] + 1] if run else self.X[rows]   # consecutive rows: a view, not a copy
        return Dataset(X, self.y[rows], list(self.feature_names), self.target_name, self.task,
                       None if self.class_names is None else list(self.class_names), dict(self.source),
                       split_info=split_info, indices=base[rows], source_changed=self.source_changed,
                       chronological=self.chronological, target_names=list(self.target_names))

    def split(self, val: float = 0.0, test: float = 0.0, stratify: bool = True,
              seed: int = 0) -> tuple["Dataset", "Dataset", "Dataset"]:
        """Seeded (train, val, test) parts; val/test are empty when their fraction is 0.

        A data set with an official test set (``fixed_test``) uses exactly those rows as its test part
        whenever ``test`` is above 0, whatever the fraction; ``val`` is then carved from the other rows.

        Stratification (classification only) keeps each class's share in every part. The same seed
        always gives the same split. A ``chronological`` data set is cut in time order instead, train first,
        then val, then test (shuffled windows would let the model peek at the future it is tested on).
        """
        for name, frac in (("val", val), ("test", test)):
            if not 0.0 <= frac < 1.0:
                raise DataError(_("The {name} fraction must be at least 0 and below 1, not {frac}.")
                                .format(name=name, frac=frac))
        if val + test >= 1.0:
            raise DataError(_("The val and test fractions ({val} + {test}) leave no training data.")
                            .format(val=val, test=test))
        n = len(self)
        n_test, n_val = _part_size(n, test), _part_size(n, val)
        if n - n_test - n_val < 1:
            raise DataError(_("{n} samples are too few to split into train, val ({val}) and test ({test}).")
                            .format(n=n, val=val, test=test))
        rng = np.random.default_rng(seed)
        stratified = stratify and self.task != "regression"
        if self.fixed_test is not None and test > 0:
            # an official test set stays exactly that; validation is carved from the other rows
            test_rows = np.asarray(self.fixed_test, dtype=np.int64)
            rest = np.setdiff1d(np.arange(n), test_rows)
            if stratified:
                _val, picked = _stratified_parts(self.y[rest], self.n_classes, 0, min(n_val, len(rest) - 1), rng)
            else:
                picked = rng.permutation(len(rest))[:min(n_val, len(rest) - 1)]
            val_rows = rest[picked]
        elif self.chronological:
            stratified = False
            val_rows = np.arange(n - n_test - n_val, n - n_test)
            test_rows = np.arange(n - n_test, n)
        elif stratified:
            test_rows, val_rows = _stratified_parts(self.y, self.n_classes, n_test, n_val, rng)
        else:
            order = rng.permutation(n)
            test_rows, val_rows = order[:n_test], order[n_test:n_test + n_val]
        train_mask = np.ones(n, dtype=bool)
        train_mask[test_rows] = False
        train_mask[val_rows] = False
        record = {"val": float(val), "test": float(test), "stratify": bool(stratified), "seed": int(seed)}
        if self.chronological:
            record["chronological"] = True
        return (self.subset(np.flatnonzero(train_mask), {**record, "part": "train"}),
                self.subset(np.sort(val_rows), {**record, "part": "val"}),
                self.subset(np.sort(test_rows), {**record, "part": "test"}))


def _part_size(n: int, frac: float) -> int:
    """Rows for a fraction: rounded, but at least one when the fraction is positive."""
    if frac <= 0:
        return 0
    return max(1, int(round(n * frac)))


def _stratified_parts(y: np.ndarray, k: int, n_test: int, n_val: int, rng: np.random.Generator):
    """Per-class shuffles cut so each class keeps its share; totals hit n_test and n_val exactly."""
    counts = np.bincount(y, minlength=k)
    per_test = _apportion(counts, n_test)
    per_val = _apportion(counts - per_test, n_val, share=counts)
    test_rows, val_rows = [], []
    for c in range(k):
        rows = rng.permutation(np.flatnonzero(y == c))
        test_rows.append(rows[:per_test[c]])
        val_rows.append(rows[per_test[c]:per_test[c] + per_val[c]])
    return np.concatenate(test_rows).astype(np.int64), np.concatenate(val_rows).astype(np.int64)


def _apportion(available: np.ndarray, total: int, share: np.ndarray | None = None) -> np.ndarray:
    """Split ``total`` over classes in proportion to ``share`` (largest remainders), capped by ``available``."""
    share = available if share is None else share
    ideal = total * share / max(share.sum(), 1)
    out = np.minimum(np.floor(ideal).astype(np.int64), available)
    order = np.argsort(-(ideal - out), kind="stable")
    i = 0
    while out.sum() < total and i < 10 * len(order) + total:
        c = order[i % len(order)]
        if out[c] < available[c]:
            out[c] += 1
        i += 1
    return out
