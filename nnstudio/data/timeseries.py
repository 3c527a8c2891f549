"""load_timeseries: columns of a CSV file read as one series in time order, cut into forecasting windows.

Each sample is ``window`` consecutive rows of the chosen columns (``(window, features)``, the shape a recurrent
layer reads); its target is the value (or values) of the target column(s) ``horizon`` rows after the window's
last one; consecutive samples start ``stride`` rows apart. The rows must already be in time order, one per
time step, without gaps. The Dataset is ``chronological``: its splits cut train | val | test in time order and
never shuffle windows across the boundary, because a shuffled validation window would sit between training
windows that overlap it, and the network would be checked on values it has already seen (the future leaks
into training). Scaling is the Preprocessor's, fitted on the training part only; with ``scale_target`` its
``inverse_transform_y`` gives forecasts back in the series' own units.

The file is read by the CSV importer's parser (``csv_read.read_table``) and typed by its ``type_column``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import numpy as np

from nnstudio.i18n import N_, _

from .csv_columns import Column, more_sentence, type_column
from .csv_read import Table, read_table
from .dataset import Dataset
from .errors import DataError


def windows(series: np.ndarray, targets: np.ndarray, window: int, horizon: int = 1,
            stride: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(X, y): ``X[k]`` the ``window`` rows of ``series`` (length, F) from ``k * stride`` on, ``y[k]`` the
    row of ``targets`` (length, D) ``horizon`` steps after that window's last row."""
    n = (len(series) - window - horizon) // stride + 1
    starts = np.arange(max(n, 0)) * stride
    X = series[starts[:, None] + np.arange(window)]
    y = targets[starts + window + horizon - 1]
    return X, y


def n_windows(length: int, window: int, horizon: int = 1, stride: int = 1) -> int:
    """How many windows a series of ``length`` rows gives (0 when it is too short for one)."""
    return max((length - window - horizon) // stride + 1, 0)


def load_timeseries(path, columns: Sequence[str | int] | str | int | None = None,
                    target: Sequence[str | int] | str | int | None = None, window: int = 10, horizon: int = 1,
                    stride: int = 1, encoding: str | None = None, delimiter: str | None = None,
                    header: bool | None = None, decimal: str | None = None,
                    progress: Callable[[float], None] | None = None) -> Dataset:
    """A CSV file's ``columns`` (names or 0-based positions; default: the last column) as a series, cut into
    windows of ``window`` rows; the target is ``target`` (default: the first of ``columns``; a list gives one
    (N, D) target) ``horizon`` rows after each window; windows start ``stride`` rows apart.

    Every cell of the chosen columns must be a number: a gap would break the time steps. Encoding, delimiter,
    header and decimal mark are sniffed when None, as by ``load_csv``. ``progress(fraction)`` hears how far
    a big file's parsing is (it may raise to stop it).
    """
    path = Path(os.fspath(path))
    for name, value in (("window", window), ("horizon", horizon), ("stride", stride)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise DataError(_("{file}: the {what} must be a whole number of steps, at least 1, not {value!r}.")
                            .format(file=path.name, what=name, value=value), path)
    if decimal not in (None, ".", ","):
        raise DataError(_("decimal must be '.' or ',', not {value!r}.").format(value=decimal), path)
    table, sha, decimal = read_table(path, encoding, delimiter, header, decimal, progress=progress)
    if columns is None:
        columns = [len(table.columns) - 1]
    chosen = _resolve_all(table, path, columns, "series")
    wanted = [chosen[0]] if target is None else _resolve_all(table, path, target, "target")
    cols = {j: _numeric_column(table, path, j, decimal) for j in dict.fromkeys([*chosen, *wanted])}
    length = table.n_rows
    if n_windows(length, int(window), int(horizon), int(stride)) < 1:
        raise DataError(_("{file}: the series has {n} rows, too short for windows of {window} steps and a "
                          "horizon of {horizon}: it needs at least {need} rows.")
                        .format(file=path.name, n=length, window=window, horizon=horizon,
                                need=int(window) + int(horizon)), path)
    series = np.column_stack([cols[j].values.astype(np.float64) for j in chosen])
    targets = np.column_stack([cols[j].values.astype(np.float64) for j in wanted])
    X, y = windows(series, targets, int(window), int(horizon), int(stride))
    names = [table.columns[j] for j in chosen]
    target_names = [table.columns[j] for j in wanted]
    options = {"columns": names, "target": target_names, "window": int(window), "horizon": int(horizon),
               "stride": int(stride), "encoding": table.encoding, "delimiter": table.delimiter,
               "header": table.header, "decimal": decimal}
    source = {"kind": "timeseries", "path": os.fspath(path), "sha256": sha, "options": options}
    if len(wanted) == 1:
        return Dataset(X, y[:, 0], names, target_names[0], "regression", None, source, chronological=True)
    return Dataset(X, y, names, ", ".join(target_names), "regression", None, source, chronological=True,
                   target_names=target_names)


class _Keys(NamedTuple):
    """The sentences of column keys that cannot be used, one set per role (whole, for the translator)."""
    none: str
    twice: str
    number: str
    name: str
    kind: str


_KEYS = {
    "series": _Keys(
        N_("{file}: choose at least one series column."),
        N_("{file}: the series column '{column}' is chosen twice."),
        N_("{file}: there is no series column number {key}; the file has {n} columns (0 to {last})."),
        N_("{file}: there is no series column '{column}'; the columns are {columns}."),
        N_("{file}: a series column is given by name or number, not {key!r}.")),
    "target": _Keys(
        N_("{file}: choose at least one target column."),
        N_("{file}: the target column '{column}' is chosen twice."),
        N_("{file}: there is no target column number {key}; the file has {n} columns (0 to {last})."),
        N_("{file}: there is no target column '{column}'; the columns are {columns}."),
        N_("{file}: a target column is given by name or number, not {key!r}.")),
}


def _resolve_all(table: Table, path: Path, keys, role: str) -> list[int]:
    keys = [keys] if isinstance(keys, (str, int, np.integer)) else list(keys)
    if not keys:
        raise DataError(_(_KEYS[role].none).format(file=table.name), path)
    found = [_resolve(table, path, key, role) for key in keys]
    twice = next((j for k, j in enumerate(found) if j in found[:k]), None)
    if twice is not None:
        name = table.columns[twice]
        raise DataError(_(_KEYS[role].twice).format(file=table.name, column=name), path, None, name)
    return found


def _resolve(table: Table, path: Path, key, role: str) -> int:
    cols = table.columns
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if -len(cols) <= key < len(cols):
            return int(key) % len(cols)
        raise DataError(_(_KEYS[role].number).format(file=table.name, key=key, n=len(cols), last=len(cols) - 1),
                        path)
    if isinstance(key, str):
        folded = [c.strip().casefold() for c in cols]
        if key in cols or key.strip().casefold() in folded:
            return cols.index(key) if key in cols else folded.index(key.strip().casefold())
        raise DataError(_(_KEYS[role].name).format(file=table.name, column=key,
                                                   columns=", ".join(f"'{c}'" for c in cols)), path, None, key)
    raise DataError(_(_KEYS[role].kind).format(file=table.name, key=key), path)


def _not_a_number(infinite: bool) -> str:
    """A cell that is no (finite) number, without the table import's 'empty it' advice: a gap refuses a series
    too."""
    if infinite:
        return _("{file}, row {row}, column {column}: '{cell}' is not a finite number; every value of a time "
                 "series column must be one.")
    return _("{file}, row {row}, column {column}: '{cell}' is not a number; every value of a time series "
             "column must be one.")


def _numeric_column(table: Table, path: Path, j: int, decimal: str) -> Column:
    """The column typed as numbers, or one sentence naming the file, column and first cell that is not one."""
    col = type_column(table, j, decimal)
    if not col.numeric:
        first = next((i for i in range(len(col.values)) if not col.missing[i] and not _number(col.raw_cell(i))), 0)
        row = table.row_number(first)
        raise DataError(_not_a_number(False).format(file=table.name, row=row, column=col.label,
                                                    cell=col.raw_cell(first)), path, row, col.name)
    bad, gap = col.bad_spot(table), col.gap_spot(table)
    if bad is not None and (gap is None or bad.row < gap.row):        # the earlier cell of the two
        raise DataError(_not_a_number(bad.infinite).format(file=table.name, row=bad.row, column=col.label,
                                                           cell=bad.cell) + more_sentence(bad),
                        path, bad.row, col.name)
    if gap is not None:
        raise DataError(_("{file}, row {row}, column {column}: the value is missing; a time series needs "
                          "a value at every step (fill the gap in the file).")
                        .format(file=table.name, row=gap.row, column=col.label) + more_sentence(gap),
                        path, gap.row, col.name)
    return col


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True
