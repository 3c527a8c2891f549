"""DataError: a problem with data, told in one plain sentence that names the file, row and column."""

from __future__ import annotations

from os import PathLike


class DataError(ValueError):
    """Bad or unusable data.

    ``row`` is 1-based as a spreadsheet shows it (the header line is row 1); ``column`` is the column's
    name. The message is the whole sentence shown to the user; the fields let a GUI point at the cell.
    """

    def __init__(self, message: str, path: str | PathLike | None = None, row: int | None = None,
                 column: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.row = row
        self.column = column

    def __str__(self) -> str:
        return self.message


class MissingValue(DataError):
    """A cell is empty (or NA, ...) and the missing-values choice is to refuse the file: choosing to drop those
    rows or to fill the gaps would load it. A type, not words, tells a window so in any language."""


class NotDownloaded(DataError):
    """A data set fetched on request (MNIST, California housing) is not in the cache yet. The message says how
    from the command line; ``name`` lets a window say it with its own buttons."""

    def __init__(self, message: str, path: str | PathLike | None, name: str):
        super().__init__(message, path)
        self.name = name
