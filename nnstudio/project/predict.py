"""Predictions for new samples: read their features from a CSV, apply the project's fitted preprocessing,
and turn the network's outputs into rows of labels and probabilities (or values, for regression)."""

from __future__ import annotations

import csv
import io
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
    codes = {c: {v: k for k, v in enumerate(categories[header[c]])} for c in columns if header[c] in categories}
    total = sum(len(codes[c]) if c in codes else 1 for c in columns)
    X = np.zeros((len(rows) - 1, total), dtype=np.float64)
    for i, row in enumerate(rows[1:]):
        at = 0
        for c in columns:
            cell = row[c].strip() if c < len(row) else ""
            where = {"path": path, "row": i + 2, "column": header[c]}
            if c in codes:
                k = codes[c].get(cell)
                if k is None:
                    template = (_("{path}, row {row}, column {column!r}: the value is missing.") if not cell else
                                _("{path}, row {row}, column {column!r}: {cell!r} is not one of the categories "
                                  "the network was trained on ({known})."))
                    raise DataError(template.format(cell=cell, known=_listing(categories[header[c]]), **where),
                                    path, i + 2, header[c])
                X[i, at + k] = 1.0
                at += len(codes[c])
                continue
            try:
                X[i, at] = float(cell)
            except ValueError:
                raise DataError(_("{path}, row {row}, column {column!r}: {cell!r} is not a number.")
                                .format(cell=cell, **where), path, i + 2, header[c]) from None
            at += 1
    return X.reshape((len(X),) + tuple(shape))


def _fitted_preprocessor(project: Project) -> Preprocessor:
    fitted = project.data.get("preprocessing", {}).get("fitted")
    if project.weights is None or not fitted:
        name = project.path if project.path is not None else "The project"
        raise ProjectError(_("{name} is not trained yet: run 'nnstudio train {name}' first.").format(name=name),
                           project.path)
    return Preprocessor.from_config(fitted)


def predict_rows(project: Project, X: np.ndarray) -> tuple[list[str], list[list[str]]]:
    """(header, rows) for samples ``X`` in the data's original units: for classification the predicted
    class name then ``probability_<class>`` per class; for regression the predicted value(s)."""
    return _rows(project, project.network(), _fitted_preprocessor(project), X)


def _rows(project: Project, net, preprocessor: Preprocessor, X: np.ndarray) -> tuple[list[str], list[list[str]]]:
    out = np.asarray(net.predict(preprocessor.transform_X(X)), dtype=np.float64)
    classes = project.class_names
    if classes:
        if out.shape[-1] == 1:  # one sigmoid (or tanh/linear fitted to 0/1) output: P(class 1)
            probs = np.concatenate([1.0 - out, out], axis=-1)
            labels = predicted_classes(out, "binary").reshape(-1)
        else:
            probs = out
            labels = predicted_classes(out, "multiclass")
        header = ["prediction"] + [f"probability_{name}" for name in classes]
        return header, [[classes[k]] + [f"{p:.6g}" for p in row] for k, row in zip(labels, probs)]
    values = np.asarray(preprocessor.inverse_transform_y(out), dtype=np.float64).reshape(len(out), -1)
    header = ["prediction"] if values.shape[1] == 1 else [f"prediction_{i}" for i in range(values.shape[1])]
    return header, [[f"{v:.6g}" for v in row] for row in values]


def predict_csv(project: Project, source: Path, target: Path) -> int:
    """Predict every sample of the CSV ``source`` and write ``target`` atomically; returns the row count."""
    preprocessor = _fitted_preprocessor(project)  # refuses an untrained project before reading anything
    net = project.network()  # built once: it gives the input shape and the predictions
    names, categories = input_columns(project)
    X = read_features(Path(source), names, tuple(net.input_shape), categories)
    header, rows = _rows(project, net, preprocessor, X)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    try:
        write_atomic(target, lambda f: f.write(buf.getvalue().encode("utf-8")))
    except OSError as exc:
        raise ProjectError(_("Cannot write {target}: {value}.")
                           .format(target=target, value=exc.strerror or exc), target) from None
    return len(rows)
