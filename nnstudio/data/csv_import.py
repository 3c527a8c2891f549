"""load_csv and preview_csv: a user's own table becomes a Dataset, or one clear sentence says why not."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import numpy as np

from .csv_columns import Column, Spot, infer_task, one_hot, type_column, whole_numbers
from .csv_read import DELIMITER_NAMES, Table, read_table
from .dataset import Dataset
from .errors import DataError
from ..i18n import N_, _

MISSING_POLICIES = ("error", "drop", "mean")
TASK_CHOICES = ("binary", "multiclass", "regression", "classification")


def load_csv(path, target: str | int | Sequence[str | int] | None = None,
             features: Sequence[str | int] | None = None,
             task: str | None = None, missing: str = "error", encoding: str | None = None,
             delimiter: str | None = None, header: bool | None = None, decimal: str | None = None,
             progress: Callable[[float], None] | None = None) -> Dataset:
    """Load a delimited text file as a Dataset.

    ``target`` is a column name or 0-based index (default: the last column), or a list of them: several
    numeric target columns give a (N, D) regression target (multi-output regression, or several 0/1 labels
    for sigmoid outputs); ``features`` names or indices (default: every other column). Text features are one-hot encoded as ``"column=value"``.
    ``task`` is inferred (text, or at most 20 distinct whole numbers that mostly repeat -> classification,
    else regression; see csv_columns.infer_task) unless given ("classification" picks binary or
    multiclass). ``missing`` is "error", "drop" (rows) or "mean" (impute the column mean; the most
    frequent value for text; rows missing the target are dropped). Encoding, delimiter, header and decimal mark are sniffed when None. ``progress(fraction)``
    is called as a big regular file is parsed (not part of the options; it may raise to stop the loading).
    """
    path = Path(os.fspath(path))
    name = path.name
    if missing not in MISSING_POLICIES:
        raise DataError(_("missing must be one of {names}, not {missing!r}.")
                        .format(names=', '.join(MISSING_POLICIES), missing=missing), path)
    if task is not None and task not in TASK_CHOICES:
        raise DataError(_("task must be one of {names}, not {task!r}.")
                        .format(names=', '.join(TASK_CHOICES), task=task), path)
    if decimal not in (None, ".", ","):
        raise DataError(_("decimal must be '.' or ',', not {decimal!r}.").format(decimal=decimal), path)
    table, sha, decimal = read_table(path, encoding, delimiter, header, decimal, progress=progress)
    targets = _resolve_targets(table, path, target)
    feats = _resolve_features(table, path, features, targets)
    fcols = [type_column(table, j, decimal) for j in feats]
    tcols = [type_column(table, t, decimal) for t in targets]
    if len(tcols) > 1:
        return _several_targets(table, path, sha, decimal, fcols, tcols, task, missing)
    tcol = tcols[0]
    _raise_first_problem(table, path, [*fcols, tcol], missing)
    if tcol.numeric is False and task == "regression":
        raise DataError(_("{name}: the target column {label} holds text, so it cannot be a regression "
                          "target; choose a classification task or another column.").format(name=name, label=tcol.label), path, None, tcol.name)

    keep = ~tcol.missing
    if missing == "drop":
        for c in fcols:
            keep &= ~c.missing
    if not keep.any():
        raise DataError(_("{name}: no rows are left after leaving out the rows with missing values.")
                        .format(name=name), path)

    y, class_names, resolved = _target(tcol, keep, task, name, path)   # a copy: X may then reuse its array
    X = _packed_features(fcols, keep)
    if X is None:
        X, feature_names, categories = _features(fcols, keep, missing)
    else:
        feature_names, categories = [c.name for c in fcols], {}
    options = {"target": tcol.name, "features": [c.name for c in fcols], "task": resolved,
               "missing": missing, "encoding": table.encoding, "delimiter": table.delimiter,
               "header": table.header, "decimal": decimal}
    source = {"kind": "csv", "path": os.fspath(path), "sha256": sha, "options": options,
              "categories": categories}
    return Dataset(X, y, feature_names, tcol.name, resolved, class_names, source)


def _several_targets(table, path: Path, sha, decimal, fcols, tcols, task, missing) -> Dataset:
    """Several numeric target columns: one (N, D) regression target, rows missing any of them left out."""
    name = path.name
    _raise_first_problem(table, path, [*fcols, *tcols], missing)
    labels = ", ".join(c.label for c in tcols)
    if task not in (None, "regression"):
        raise DataError(_("{name}: several target columns ({labels}) make a multi-output regression "
                          "(or several 0/1 labels), so the task cannot be {task}; choose one target "
                          "column to classify.").format(name=name, labels=labels, task=task),
                        path, None, tcols[0].name)
    text = next((c for c in tcols if c.numeric is False), None)
    if text is not None:
        raise DataError(_("{name}: the target column {label} holds text; with several target columns "
                          "each must hold numbers (0/1 for labels).").format(name=name, label=text.label), path, None, text.name)
    keep = np.ones(len(tcols[0].missing), dtype=bool)
    for c in tcols:
        keep &= ~c.missing
    if missing == "drop":
        for c in fcols:
            keep &= ~c.missing
    if not keep.any():
        raise DataError(_("{name}: no rows are left after leaving out the rows with missing values.")
                        .format(name=name), path)
    X, feature_names, categories = _features(fcols, keep, missing)
    y = np.column_stack([c.values[keep].astype(np.float64) for c in tcols])
    names = [c.name for c in tcols]
    options = {"target": names, "features": [c.name for c in fcols], "task": "regression",
               "missing": missing, "encoding": table.encoding, "delimiter": table.delimiter,
               "header": table.header, "decimal": decimal}
    source = {"kind": "csv", "path": os.fspath(path), "sha256": sha, "options": options,
              "categories": categories}
    return Dataset(X, y, feature_names, ", ".join(names), "regression", None, source, target_names=names)


class CsvPreview(NamedTuple):
    """What the import dialog shows before loading."""

    columns: list[str]
    rows: list[list[str]]            # the first n data rows, cells as written
    options: dict                    # sniffed encoding, delimiter (and its name), header, decimal
    tasks: dict[str, str | None]     # per column: the task it would give as target (None: unusable)
    problems: list[DataError]        # what load_csv would refuse with missing="error", in the rows parsed
    numeric: dict[str, bool] | None = None   # per column: numbers (so it can be a regression target)
    whole: dict[str, bool] | None = None     # per column: whole numbers only (so it can also be class labels)
    row_numbers: list[int] | None = None     # each of ``rows`` as a spreadsheet numbers it (header: row 1)
    labels: dict[str, bool] | None = None    # per column: text with a different value in every row read (a
    #                                          date or a name: one-hot, it would give each row its own input)
    bad: dict[str, Spot] | None = None       # per column of numbers with cells that are not (finite) numbers
    gaps: dict[str, Spot] | None = None      # per column with missing cells


PREVIEW_LINES = 2000   # preview_csv types the columns and looks for problems in this many first lines
LABEL_ROWS = 10        # a text column is called a label (a date, a name) when at least this many rows all differ


def preview_csv(path, n: int = 20, encoding: str | None = None, delimiter: str | None = None,
                header: bool | None = None, decimal: str | None = None) -> CsvPreview:
    """Sniff and type a file for the import dialog, collecting problems instead of raising.

    Only the first ``max(n, PREVIEW_LINES)`` lines (within the first few megabytes) are read, so a big file
    previews at once; tasks and problems are those of these rows (load_csv checks the rest). A file with
    too many columns to show gives no columns and says so in ``problems``.
    """
    path = Path(os.fspath(path))
    problems: list[DataError] = []
    try:
        table, _sha, decimal = read_table(path, encoding, delimiter, header, decimal, problems=problems,
                                          head=max(n + 1, PREVIEW_LINES))
    except DataError as exc:
        return CsvPreview([], [], {}, {}, [exc])
    rows = [table.column(j, n).tolist() for j in range(len(table.columns))]
    rows = [list(r) for r in zip(*rows)] if rows else []
    tasks: dict[str, str | None] = {}
    numeric: dict[str, bool] = {}
    whole: dict[str, bool] = {}
    labels: dict[str, bool] = {}
    bad: dict[str, Spot] = {}
    gaps: dict[str, Spot] = {}
    for j, name in enumerate(table.columns):
        col = type_column(table, j, decimal)
        tasks[name] = infer_task(col)
        numeric[name] = bool(col.numeric) and not col.bad.size
        whole[name] = numeric[name] and whole_numbers(col)
        present = col.values[~col.missing]
        labels[name] = (not col.numeric and present.size >= LABEL_ROWS
                        and len(np.unique(present)) == present.size)
        found = col.problem(table, path, "error")
        if found is not None:
            problems.append(found[1])
        for spots, spot in ((bad, col.bad_spot(table)), (gaps, col.gap_spot(table))):
            if spot is not None:
                spots[name] = spot
    options = {"encoding": table.encoding, "delimiter": table.delimiter,
               "delimiter_name": DELIMITER_NAMES[table.delimiter], "header": table.header, "decimal": decimal}
    return CsvPreview(list(table.columns), rows, options, tasks, problems, numeric, whole,
                      table.row_numbers[:len(rows)].tolist(), labels, bad, gaps)


class _Misses(NamedTuple):
    """The sentences of a column key that names no column, one set per role (whole, for the translator)."""
    number: str
    name: str
    kind: str


_MISSES = {
    "target": _Misses(
        N_("{name}: there is no target column number {key}; the file has {count} columns (0 to {number})."),
        N_("{name}: there is no target column '{key}'; the columns are {listing}."),
        N_("{name}: a target column is given by name or number, not {key!r}.")),
    "feature": _Misses(
        N_("{name}: there is no feature column number {key}; the file has {count} columns (0 to {number})."),
        N_("{name}: there is no feature column '{key}'; the columns are {listing}."),
        N_("{name}: a feature column is given by name or number, not {key!r}.")),
}


def _resolve(table: Table, path: Path, key: str | int, role: str) -> int:
    cols = table.columns
    misses = _MISSES[role]
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if -len(cols) <= key < len(cols):
            return int(key) % len(cols)
        raise DataError(_(misses.number).format(name=table.name, key=key, count=len(cols), number=len(cols) - 1),
                        path)
    if isinstance(key, str):
        if key in cols:
            return cols.index(key)
        folded = [c.strip().casefold() for c in cols]
        if key.strip().casefold() in folded:
            return folded.index(key.strip().casefold())
        listing = ", ".join(f"'{c}'" for c in cols)
        raise DataError(_(misses.name).format(name=table.name, key=key, listing=listing), path, None, key)
    raise DataError(_(misses.kind).format(name=table.name, key=key), path)


def _resolve_targets(table: Table, path: Path, target) -> list[int]:
    """Column indices of the target (the last column by default), in the order given."""
    if target is None:
        return [len(table.columns) - 1]
    if isinstance(target, (list, tuple)):
        chosen = [_resolve(table, path, t, "target") for t in target]
        if not chosen:
            raise DataError(_("{name}: choose at least one target column.").format(name=table.name), path)
        dup = next((j for k, j in enumerate(chosen) if j in chosen[:k]), None)
        if dup is not None:
            raise DataError(_("{name}: the target column '{columns}' is chosen twice.")
                            .format(name=table.name, columns=table.columns[dup]), path,
                            None, table.columns[dup])
        return chosen
    return [_resolve(table, path, target, "target")]


def _resolve_features(table: Table, path: Path, features, targets: list[int]) -> list[int]:
    if len(table.columns) < 2:
        raise DataError(_("{name}: the file has a single column; it needs at least one feature column "
                          "and a target column (is the delimiter right?).").format(name=table.name), path)
    if features is None:
        rest = [j for j in range(len(table.columns)) if j not in targets]
        if not rest:
            raise DataError(_("{name}: every column is a target; leave at least one as a feature.")
                            .format(name=table.name), path)
        return rest
    if isinstance(features, (str, int)):
        features = [features]
    chosen = [_resolve(table, path, f, "feature") for f in features]
    if not chosen:
        raise DataError(_("{name}: choose at least one feature column.").format(name=table.name), path)
    both = next((t for t in targets if t in chosen), None)
    if both is not None:
        raise DataError(_("{name}: the target column '{columns}' cannot also be a feature.")
                        .format(name=table.name, columns=table.columns[both]),
                        path, None, table.columns[both])
    dup = next((j for k, j in enumerate(chosen) if j in chosen[:k]), None)
    if dup is not None:
        raise DataError(_("{name}: the feature column '{columns}' is chosen twice.")
                        .format(name=table.name, columns=table.columns[dup]), path)
    return chosen


def _raise_first_problem(table: Table, path: Path, cols: list[Column], missing: str) -> None:
    """Raise the problem of the earliest cell in reading order (row, then column)."""
    for c in cols:
        if c.missing.all():
            raise DataError(_("{name}: column {label} has no values at all.")
                            .format(name=table.name, label=c.label), path, None, c.name)
    found = []
    for c in cols:
        p = c.problem(table, path, missing)   # with drop/mean only non-numbers are problems
        if p is not None:
            found.append((p[0], c.index, p[1]))
    if found:
        raise min(found, key=lambda f: (f[0], f[1]))[2]


def _packed_features(cols: list[Column], keep: np.ndarray) -> np.ndarray | None:
    """X for the common file of numbers without gaps, the target in its last column: the feature columns are
    then all but the last of the parser's own (rows, columns) array, and moving each row's features to the
    front of that array makes X without a second copy of the data. None for any other layout.

    Only for load_csv's own Table: it overwrites the columns' values (the target must be copied first)."""
    if not cols or not keep.all() or not all(c.numeric and not c.missing.any() for c in cols):
        return None
    base = cols[0].values.base
    width = len(cols)
    if base is None or base.ndim != 2 or base.dtype != np.float64 or not base.flags.c_contiguous or \
            base.shape[1] != width + 1:
        return None
    start, itemsize = base.__array_interface__["data"][0], base.itemsize
    for k, c in enumerate(cols):
        v = c.values
        if v.base is not base or v.strides != (base.strides[0],) or \
                v.__array_interface__["data"][0] != start + k * itemsize:
            return None
    n = len(cols[0].values)
    flat = base.reshape(-1)
    step = max(1, (1 << 20) // width)
    for a in range(0, n, step):    # forwards: a block never lands on rows not yet moved (NumPy buffers overlaps)
        b = min(n, a + step)
        flat[a * width:b * width].reshape(b - a, width)[...] = base[a:b, :width]
    return flat[:n * width].reshape(n, width)


def _features(cols: list[Column], keep: np.ndarray, missing: str):
    blocks, names, categories = [], [], {}
    everything = bool(keep.all())          # then skip 50 needless copies of 100,000 rows
    for c in cols:
        if c.numeric:
            v = c.values if everything else c.values[keep]
            if missing == "mean" and c.missing.any():
                v = np.where(np.isnan(v), np.nanmean(c.values), v)
            blocks.append(v)
            names.append(c.name)
        else:
            cats, codes = c.encode()
            codes = codes if everything else codes[keep]
            if missing == "mean" and (codes < 0).any():
                codes = np.where(codes < 0, np.bincount(codes[codes >= 0], minlength=len(cats)).argmax(), codes)
            blocks.append(one_hot(codes, len(cats)))
            names.extend(f"{c.name}={cat}" for cat in cats)
            categories[c.name] = cats
    X = np.empty((int(keep.sum()), len(names)))
    at = 0
    for b in blocks:                       # fill in place: cheaper than hstack of 50 thin columns
        width = 1 if b.ndim == 1 else b.shape[1]
        X[:, at:at + width] = b.reshape(len(X), width)
        at += width
    return X, names, categories


def _target(col: Column, keep: np.ndarray, task: str | None, name: str, path: Path):
    kept = Column(col.index, col.name, col.numeric, col.values[keep], col.missing[keep], col.bad, col.raw)
    inferred = infer_task(kept)
    if task is None:
        task = inferred
    if task == "regression":
        return kept.values.astype(np.float64), None, "regression"
    classes, codes = kept.encode()
    if len(classes) < 2:
        only = f" ('{classes[0]}')" if classes else ""
        raise DataError(_("{name}: the target column {label} has a single class{only}; a classifier "
                          "needs at least two.").format(name=name, label=col.label, only=only), path, None, col.name)
    if task == "binary" and len(classes) != 2:
        raise DataError(_("{name}: the target column {label} has {count} classes, so the task cannot "
                          "be binary; choose multiclass.").format(name=name, label=col.label, count=len(classes)), path, None, col.name)
    if task in (None, "classification"):
        task = "binary" if len(classes) == 2 else "multiclass"
    return codes, classes, task
