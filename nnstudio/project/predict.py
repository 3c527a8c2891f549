"""Predictions for new samples: read their features from a CSV, apply the project's fitted preprocessing,
and turn the network's outputs into rows of labels and probabilities (or values, for regression)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnstudio.data import DataError, Preprocessor
from nnstudio.engine.metrics import predicted_classes
from nnstudio.i18n import _

from ..atomic import write_atomic
from .errors import ProjectError
from .model import Project


def input_columns(project: Project) -> tuple[list[str] | None, dict[str, list[str]]]:
    """The columns predict reads from a CSV, and for each text column its categories in one-hot order.

    A CSV whose text features were one-hot encoded at import (``source["categories"]``) is read by its
    original column names; otherwise the columns are the recorded feature names (None for images).
    """
    names = project.feature_names
    source = project.data.get("source") or {}
    categories = source.get("categories") if source.get("kind") == "csv" else None
    features = (source.get("options") or {}).get("features")
    if not (names and isinstance(categories, dict) and categories and isinstance(features, list)
            and all(isinstance(f, str) for f in features)):
        return names, {}
    if not all(isinstance(c, list) and all(isinstance(v, str) for v in c) for c in categories.values()):
        return names, {}
    # load_csv names a one-hot column "column=value", in the order of the recorded categories
    expanded = [name for f in features
                for name in ([f"{f}={c}" for c in categories[f]] if f in categories else [f])]
    if expanded != list(names):  # not the encoding these weights were trained with: read the names as they are
        return names, {}
    return list(features), {f: list(c) for f, c in categories.items() if f in features}


def _listing(values: list[str], cap: int = 10) -> str:
    shown = ", ".join(repr(v) for v in values[:cap])
    return shown + (f" and {len(values) - cap} more" if len(values) > cap else "")


class BadCell(ValueError):
    """A cell ``encode_rows`` cannot read: ``row`` (0-based among the rows given), ``column`` (its name),
    ``cell`` (its text, stripped), ``known`` (a text column's categories; None for a number column)."""

    def __init__(self, row: int, column: str, cell: str, known: list[str] | None = None):
        super().__init__(f"row {row}, column {column!r}: {cell!r}")
        self.row, self.column, self.cell, self.known = row, column, cell, known


def encode_rows(rows: list[list[str]], columns: list[str],
                categories: dict[str, list[str]] | None = None) -> np.ndarray:
    """Samples from the text of their cells, one list per sample in the order of ``columns`` (the names
    ``input_columns`` gives): a number column's cell is read as a number, a column listed in ``categories``
    becomes one 0/1 value per category, as at training time. Returns float64 (samples, values); the first
    cell that cannot be read raises ``BadCell``. The one reader of new samples: ``nnstudio predict``'s CSV
    and the window's Predict New Samples table."""
    categories = categories or {}
    codes = {i: {v: k for k, v in enumerate(categories[name])} for i, name in enumerate(columns)
             if name in categories}
    total = sum(len(codes[i]) if i in codes else 1 for i in range(len(columns)))
    X = np.zeros((len(rows), total), dtype=np.float64)
    for r, row in enumerate(rows):
        at = 0
        for i, name in enumerate(columns):
            cell = row[i].strip() if i < len(row) else ""
            if i in codes:
                k = codes[i].get(cell)
                if k is None:
                    raise BadCell(r, name, cell, list(categories[name]))
                X[r, at + k] = 1.0
                at += len(codes[i])
                continue
            try:
                X[r, at] = float(cell)
            except ValueError:
                raise BadCell(r, name, cell) from None
            at += 1
    return X


def read_features(path: Path, names: list[str] | None, shape: tuple[int, ...],
                  categories: dict[str, list[str]] | None = None) -> np.ndarray:
    """The samples of a CSV with a header: the named columns in the project's order (other columns are
    ignored), or for images (``names`` None) one column per pixel in row-major order. A column listed in
    ``categories`` holds text and becomes one 0/1 value per category, as at training time."""
    categories = categories or {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise DataError(_("{path}: the input file does not exist.").format(path=path), path) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(_("{path}: the input file cannot be read as UTF-8 CSV ({exc}).")
                        .format(path=path, exc=exc), path) from None
    if not rows:
        raise DataError(_("{path}: the input file is empty.").format(path=path), path)
    header = [h.strip() for h in rows[0]]
    width = int(np.prod(shape))
    if names:
        missing = [n for n in names if n not in header]
        if missing:
            raise DataError(_("{path}: the column {missing!r} the network was trained on is missing "
                              "(the header has {names}).").format(path=path, missing=missing[0], names=', '.join(header)), path, 1, missing[0])
        columns = [header.index(n) for n in names]
    else:
        if len(header) != width:
            raise DataError(_("{path}: the network takes {width} values per sample but the header has "
                              "{count} columns.").format(path=path, width=width, count=len(header)), path, 1)
        columns = list(range(width))
    cells = [[row[c].strip() if c < len(row) else "" for c in columns] for row in rows[1:]]
    try:
        X = encode_rows(cells, [header[c] for c in columns], categories)
    except BadCell as bad:
        where = {"path": path, "row": bad.row + 2, "column": bad.column}
        if bad.known is not None:
            template = (_("{path}, row {row}, column {column!r}: the value is missing.") if not bad.cell else
                        _("{path}, row {row}, column {column!r}: {cell!r} is not one of the categories "
                          "the network was trained on ({known})."))
            raise DataError(template.format(cell=bad.cell, known=_listing(bad.known), **where),
                            path, bad.row + 2, bad.column) from None
        raise DataError(_("{path}, row {row}, column {column!r}: {cell!r} is not a number.")
                        .format(cell=bad.cell, **where), path, bad.row + 2, bad.column) from None
    return X.reshape((len(X),) + tuple(shape))


def _fitted_preprocessor(project: Project) -> Preprocessor:
    fitted = project.data.get("preprocessing", {}).get("fitted")
    if project.weights is None or not fitted:
        name = project.path if project.path is not None else "The project"
        raise ProjectError(_("{name} is not trained yet: run 'nnstudio train {name}' first.").format(name=name),
                           project.path)
    return Preprocessor.from_config(fitted)


@dataclass
class Predictions:
    """What the network says about some samples, in the data's own terms. Classification: ``classes`` (the
    class names), ``labels`` (the predicted class of each sample) and ``probabilities`` (samples, classes);
    regression: ``values`` (samples, outputs) in the target's own units (the fitted scaling undone)."""

    classes: list[str] | None = None
    labels: list[str] | None = None
    probabilities: np.ndarray | None = None
    values: np.ndarray | None = None

    def rows(self) -> tuple[list[str], list[list[str]]]:
        """(header, rows) as ``nnstudio predict`` writes them: the class name then ``probability_<class>`` per
        class, or the predicted value(s)."""
        if self.classes is not None:
            header = ["prediction"] + [f"probability_{name}" for name in self.classes]
            return header, [[label] + [number_text(p) for p in row]
                            for label, row in zip(self.labels, self.probabilities)]
        width = self.values.shape[1]
        header = ["prediction"] if width == 1 else [f"prediction_{i}" for i in range(width)]
        return header, [[number_text(v) for v in row] for row in self.values]


def number_text(value: float) -> str:
    """A predicted number as ``nnstudio predict`` writes it (6 significant digits)."""
    return f"{value:.6g}"


class Predictor:
    """A trained project ready to predict new samples: its network with the saved weights and its fitted
    preprocessing, built once. Raises ``ProjectError`` for an untrained project; building the network raises
    ``SpecError`` when the weights no longer fit it."""

    def __init__(self, project: Project):
        self.preprocessor = _fitted_preprocessor(project)  # refuses an untrained project before building
        self.net = project.network()
        self.input_shape = tuple(self.net.input_shape)
        self.classes = None if project.class_names is None else [str(c) for c in project.class_names]
        self.columns, self.categories = input_columns(project)  # columns None: images

    def predict(self, X: np.ndarray) -> Predictions:
        """Samples ``X`` in the data's original units (as ``encode_rows`` or ``read_features`` give them)."""
        X = np.asarray(X, dtype=np.float64).reshape((-1,) + self.input_shape)
        out = np.asarray(self.net.predict(self.preprocessor.transform_X(X)), dtype=np.float64)
        if self.classes:
            if out.shape[-1] == 1:  # one sigmoid (or tanh/linear fitted to 0/1) output: P(class 1)
                probs = np.concatenate([1.0 - out, out], axis=-1)
                labels = predicted_classes(out, "binary").reshape(-1)
            else:
                probs = out
                labels = predicted_classes(out, "multiclass")
            return Predictions(classes=list(self.classes), labels=[self.classes[k] for k in labels],
                               probabilities=probs)
        values = np.asarray(self.preprocessor.inverse_transform_y(out), dtype=np.float64).reshape(len(out), -1)
        return Predictions(values=values)


def predict_rows(project: Project, X: np.ndarray) -> tuple[list[str], list[list[str]]]:
    """(header, rows) for samples ``X`` in the data's original units: for classification the predicted
    class name then ``probability_<class>`` per class; for regression the predicted value(s)."""
    return Predictor(project).predict(X).rows()


def predict_csv(project: Project, source: Path, target: Path) -> int:
    """Predict every sample of the CSV ``source`` and write ``target`` atomically; returns the row count."""
    predictor = Predictor(project)  # refuses an untrained project before reading anything
    X = read_features(Path(source), predictor.columns, predictor.input_shape, predictor.categories)
    header, rows = predictor.predict(X).rows()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    try:
        write_atomic(target, lambda f: f.write(buf.getvalue().encode("utf-8")))
    except OSError as exc:
        raise ProjectError(_("Cannot write {target}: {value}.")
                           .format(target=target, value=exc.strerror or exc), target) from None
    return len(rows)
