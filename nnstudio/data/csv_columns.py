"""Typing one CSV column: numbers or categories, missing cells, and the first bad cell (vectorized)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .csv_read import MISSING_TOKENS, Table
from .errors import DataError, MissingValue
from ..i18n import _

# NumPy 2's string ufuncs are several times faster than the legacy np.char wrappers.
_strings = getattr(np, "strings", np.char)

MAX_CLASSES_FOR_NUMBERS = 20   # integer targets with at most this many values are read as classes ...
# ... unless most rows are the only row with their value: a class needs several examples to be learnt
# (and to appear in both the training and the validation rows), so such a column is a measurement.


class Spot(NamedTuple):
    """Where a column's cells of one kind of problem are (cells that are no number, or gaps): the first one's
    row (as a spreadsheet numbers it) and text, how many more there are and the row of the next one."""

    row: int
    cell: str
    more: int
    next_row: int | None
    complete: bool               # False: counted in a preview's first rows only, the file may hold more
    infinite: bool = False       # the first cell reads as a number, but not a finite one ('inf', '1e999')


def more_sentence(spot: Spot | None) -> str:
    """The sentence after a cell's problem that says how many more cells of its column have it (fixing only
    the first, a learner would meet the next one on every import), or '' when it is the only one."""
    if spot is None or spot.more < 1:
        return ""
    if not spot.complete:
        return _(" More rows of this column have the same problem (at least {n} in the rows previewed), the "
                 "first of them row {next}.").format(n=f"{spot.more:,}", next=spot.next_row)
    if spot.more == 1:
        return _(" The same problem is in 1 more row of this column: row {next}.").format(next=spot.next_row)
    return _(" The same problem is in {n} more rows of this column, the first of them row {next}.").format(
        n=f"{spot.more:,}", next=spot.next_row)


@dataclass
class Column:
    """A typed column. ``values`` are floats (NaN where missing) for numbers, else stripped strings."""

    index: int                   # 0-based position in the file
    name: str
    numeric: bool
    values: np.ndarray
    missing: np.ndarray          # bool mask
    bad: np.ndarray              # indices of cells that break the column's type (text among numbers, inf)
    raw: np.ndarray | None = None  # the cells as text, for messages

    @property
    def label(self) -> str:
        """How messages name the column: 'age' (3)."""
        return f"'{self.name}' ({self.index + 1})"

    def encode(self) -> tuple[list[str], np.ndarray]:
        """Distinct non-missing values in natural order (numbers numerically, text by code point) and
        each cell's index among them (-1 where missing)."""
        uniq, inverse = np.unique(self.values[~self.missing], return_inverse=True)
        names = [format_number(v) for v in uniq] if self.numeric else [str(v) for v in uniq]
        codes = np.full(len(self.values), -1, dtype=np.int64)
        codes[~self.missing] = inverse.reshape(-1)
        return names, codes

    def bad_spot(self, table: Table) -> Spot | None:
        """The cells that break the column's type (text among numbers, inf): the first, and how many more."""
        if not self.bad.size:
            return None
        i = int(self.bad[0])
        later = table.row_number(int(self.bad[1])) if self.bad.size > 1 else None
        cell = self.raw_cell(i)
        return Spot(table.row_number(i), cell, int(self.bad.size) - 1, later, table.complete, _is_number(cell))

    def gap_spot(self, table: Table) -> Spot | None:
        """The missing cells: the first, and how many more (only counted when there is one: no cost for a
        column without gaps)."""
        if not self.missing.any():
            return None
        gaps = np.flatnonzero(self.missing)
        later = table.row_number(int(gaps[1])) if gaps.size > 1 else None
        return Spot(table.row_number(int(gaps[0])), self.raw_cell(int(gaps[0])), int(gaps.size) - 1, later,
                    table.complete)

    def problem(self, table: Table, path, policy: str) -> tuple[int, DataError] | None:
        """The earliest cell this column cannot be loaded with (row index, error), or None. The sentence ends
        by saying how many more cells of the column have the same problem, if any."""
        first_bad = int(self.bad[0]) if self.bad.size else None
        first_missing = None
        if policy == "error" and self.missing.any():
            first_missing = int(np.argmax(self.missing))
        if first_bad is None and first_missing is None:
            return None
        bad_first = first_missing is None or (first_bad is not None and first_bad < first_missing)
        i = first_bad if bad_first else first_missing
        row = table.row_number(i)
        where = {"name": table.name, "row": row, "label": self.label}
        if bad_first:
            cell = self.raw_cell(i)
            # no missing-values choice loads a cell of text: only the file can change (an emptied cell then
            # is a gap, which that choice handles)
            template = (_("{name}, row {row}, column {label}: '{cell}' is not a finite number; correct that "
                          "cell, or empty it to make it a missing value.") if _is_number(cell)
                        else _("{name}, row {row}, column {label}: '{cell}' is not a number; correct that cell, "
                               "or empty it to make it a missing value."))
            message = template.format(cell=cell, **where) + more_sentence(self.bad_spot(table))
            return i, DataError(message, path, row, self.name)
        # one sentence for the window (its 'Missing values' choices drop those rows or fill with the column
        # mean) and for load_csv and a project's data options (missing='drop' or 'mean')
        message = _("{name}, row {row}, column {label}: the value is missing; to allow gaps, choose to drop the "
                    "rows with a gap or to fill gaps with the column mean (missing='drop' or "
                    "missing='mean').").format(**where) + more_sentence(self.gap_spot(table))
        return i, MissingValue(message, path, row, self.name)

    def raw_cell(self, i: int) -> str:
        return str((self.raw if self.raw is not None else self.values)[i])


def format_number(v: float) -> str:
    """A class label for a number: '3' for 3.0, else the shortest round-tripping text."""
    v = float(v)
    return str(int(v)) if v.is_integer() else repr(v)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def type_column(table: Table, j: int, decimal: str = ".") -> Column:
    """Numbers when most non-missing cells are numbers (the others are then errors), else categories."""
    name = table.columns[j]
    if j in table.numeric:                        # the fast path already parsed it; 'nan' counts as missing
        values = table.numeric[j]
        missing = np.isnan(values)
        bad = np.flatnonzero(np.isinf(values))
        return Column(j, name, True, values, missing, bad, raw=values.astype(str) if bad.size else None)
    cells = table.text[j]
    if decimal == ".":
        try:                                      # the common case: every cell a number, in one C call
            values = np.array(cells, dtype=np.float64).reshape(-1)
        except ValueError:
            pass
        else:
            return type_column(Table(table.name, table.encoding, table.delimiter, table.header, table.columns,
                                     table.row_numbers, numeric={j: values}), j)
    raw = np.asarray(cells, dtype=str).reshape(-1)
    stripped = _strings.strip(raw)
    missing = _missing(stripped)
    text = _strings.replace(stripped, ",", ".") if decimal == "," else stripped
    values = np.full(len(raw), np.nan)
    ok = ~missing
    try:
        values[ok] = _to_floats(text if ok.all() else text[ok])
        numeric_ok = ok
    except ValueError:
        # Find which cells are not numbers, one distinct value at a time (a text column has few).
        distinct, inverse = np.unique(text[ok], return_inverse=True)
        parsed = np.full(len(distinct), np.nan)
        is_number = np.zeros(len(distinct), dtype=bool)
        for k, cell in enumerate(distinct.tolist()):
            try:
                parsed[k] = float(cell)
                is_number[k] = True
            except ValueError:
                pass
        inverse = inverse.reshape(-1)
        values[ok] = parsed[inverse]
        numeric_ok = ok.copy()
        numeric_ok[ok] = is_number[inverse]
    n_numbers = int(numeric_ok.sum())
    n_text = int(ok.sum()) - n_numbers
    if n_numbers and n_numbers >= n_text:
        bad = np.flatnonzero((ok & ~numeric_ok) | (numeric_ok & ~np.isfinite(values)))
        return Column(j, name, True, values, missing, bad, raw=stripped)
    return Column(j, name, False, stripped, missing, np.zeros(0, dtype=np.int64), raw=stripped)


def _missing(stripped: np.ndarray) -> np.ndarray:
    """Mask of missing-value tokens; only short cells can be one, so only those are lower-cased."""
    longest = max(len(t) for t in MISSING_TOKENS)
    short = np.flatnonzero(_str_len(stripped) <= longest)
    lowered = _strings.lower(stripped[short])
    hit = np.zeros(len(short), dtype=bool)
    for token in MISSING_TOKENS:
        hit |= lowered == token
    missing = np.zeros(len(stripped), dtype=bool)
    missing[short[hit]] = True
    return missing


def _str_len(a: np.ndarray) -> np.ndarray:
    return _strings.str_len(a) if hasattr(_strings, "str_len") else np.char.str_len(a)


def _to_floats(text: np.ndarray) -> np.ndarray:
    """Parse stripped number strings with NumPy's C text parser (several times faster than astype).

    Raises ValueError when a cell is not a number; a cell with a space inside reads as two fields,
    which also ends in a ValueError (ragged lines, or a shape that does not fit the caller's slot).
    """
    if len(text) == 0:
        return np.zeros(0)
    return np.loadtxt(text.tolist(), dtype=np.float64, comments=None, ndmin=1, delimiter=None)


def one_hot(codes: np.ndarray, n: int) -> np.ndarray:
    """(N, n) 0/1 floats from category codes; rows with code -1 (missing) are all zero."""
    out = np.zeros((len(codes), n))
    present = codes >= 0
    out[np.flatnonzero(present), codes[present]] = 1.0
    return out


def infer_task(col: Column) -> str | None:
    """binary / multiclass / regression for a target column, or None if it cannot be one.

    Text is classes. Numbers are classes when they are whole, at most MAX_CLASSES_FOR_NUMBERS distinct, and
    either just two values (a 0/1 label) or values that repeat: if half of the rows or more hold a value
    no other row has (20 house prices with 17 distinct values), the column is a quantity, so regression.
    """
    if col.bad.size:
        return None
    _, counts = np.unique(col.values[~col.missing], return_counts=True)
    n_classes = len(counts)
    if col.numeric and not (whole_numbers(col) and n_classes <= MAX_CLASSES_FOR_NUMBERS
                            and (n_classes <= 2 or _values_repeat(counts))):
        return "regression"
    return None if n_classes < 2 else ("binary" if n_classes == 2 else "multiclass")


def _values_repeat(counts: np.ndarray) -> bool:
    """Most rows share their value with another row (fewer than half are the only row with theirs)."""
    return 2 * int(np.count_nonzero(counts == 1)) < int(counts.sum())


def whole_numbers(col: Column) -> bool:
    """Every present cell is a whole number (so the column can be class labels)."""
    v = col.values[~col.missing]
    return bool(np.all(v == np.round(v)))
