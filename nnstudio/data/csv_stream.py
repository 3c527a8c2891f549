"""Reading a big regular CSV block by block, so that neither its whole text nor all its lines are ever held.

``read_table`` hands files larger than ``STREAM_BYTES`` here first. Only the shape the fast path reads is
streamed: UTF-8 (or a given encoding), no quotes, the same number of fields on every line, line breaks all
``\\n`` or all ``\\r\\n``. Numbers go straight into one preallocated float array. Whatever else turns up
(a quote, a ragged row, a word among numbers, a trailing delimiter, another encoding) returns None, and
``read_table`` reads the file as before, so the result, and every message, is exactly the fast or general
path's.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from operator import methodcaller
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from . import csv_read
from .csv_read import (_SNIFF_LINES, Table, _default_names, _edge_column, _EDGE, _fill_missing, _head_lines,
                       _header_names, choose_delimiter, sniff_decimal, sniff_header, split_columns)

STREAM_BYTES = 4 << 20     # files larger than this are streamed (smaller ones cost little in one piece)
BLOCK_BYTES = 4 << 20      # read this many bytes at a time


class _Irregular(Exception):
    """The file is not of the shape streamed here: read it in one piece instead."""


def read_stream(path: Path, encoding: str | None, delimiter: str | None, header: bool | None,
                decimal: str | None, progress: Callable[[float], None] | None = None) -> tuple[Table, str, str] | None:
    """(table, sha256 hex, decimal mark) as ``read_table`` gives them, or None when the file needs reading in
    one piece. ``progress(fraction)`` hears the share of the file's bytes parsed (it may raise to stop)."""
    try:
        return _Stream(path, encoding, progress).read(delimiter, header, decimal)
    except (_Irregular, OSError, LookupError, UnicodeDecodeError, ValueError):
        return None


class _Stream:
    def __init__(self, path: Path, encoding: str | None, progress):
        self.path, self.progress = path, progress
        self.size = max(path.stat().st_size, 1)
        self.sha = hashlib.sha256()
        self.used = encoding or "utf-8-sig"       # other encodings are guessed in one piece
        self.explicit = bool(encoding)
        self.read_bytes = 0

    def _texts(self) -> Iterator[str]:
        """The decoded text, a block at a time (the last one may be empty)."""
        decoder = codecs.getincrementaldecoder(self.used)(errors="strict")
        with open(self.path, "rb") as f:
            while raw := f.read(BLOCK_BYTES):
                if self.read_bytes == 0 and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
                        and not self.explicit:
                    raise _Irregular
                self.read_bytes += len(raw)
                self.sha.update(raw)
                yield decoder.decode(raw)
        yield decoder.decode(b"", final=True)

    def read(self, delimiter, header, decimal) -> tuple[Table, str, str]:
        texts = self._texts()
        text = next(texts)
        if self.explicit:
            text = text.lstrip("\ufeff")
        while len(text) <= 1 << 17:              # the sniffing looks at the first 64 K characters
            more = next(texts, None)
            if more is None:
                break
            text += more
        if not text.strip():
            raise _Irregular
        text, delimiter = choose_delimiter(text, delimiter)
        if delimiter is None:
            raise _Irregular
        sample = [r for r in csv.reader(_head_lines(text), delimiter=delimiter) if any(c.strip() for c in r)]
        if not sample:
            raise _Irregular
        decimal = sniff_decimal(sample, delimiter) if decimal is None else decimal
        header = sniff_header(sample[0], sample[1:], decimal == ",") if header is None else header
        table = _Records(self.path.name, self.used, delimiter, bool(header), decimal, self.size).parse(
            self._lines(text, texts))
        return table, self.sha.hexdigest(), decimal

    def _lines(self, text: str, texts: Iterator[str]) -> Iterator[tuple[list[str], bool]]:
        """The text's lines, a block at a time, with \\r\\n made \\n (a lone \\r is irregular); True with the
        last block."""
        while True:
            more = next(texts, None)
            last = more is None
            if last:
                body, text = text, ""
                if body.count("\r") != body.count("\r\n"):
                    raise _Irregular
            else:
                cut = text.rfind("\n")
                if cut < 0:
                    text += more
                    continue
                body, text = text[:cut], text[cut + 1:] + more
                if body.count("\r") != body.count("\r\n") + body.endswith("\r"):
                    raise _Irregular
                if body.endswith("\r"):
                    body = body[:-1]
            if '"' in body:
                raise _Irregular                 # quoted fields: the fast path unquotes the whole text
            yield (body.replace("\r\n", "\n") if "\r" in body else body).split("\n"), last
            if self.progress is not None:
                self.progress(1.0 if last else min(self.read_bytes / self.size, 1.0) * 0.999)
            if last:
                return


class _Records:
    """The fast path's parse (``csv_read._read_fast``), one block of lines at a time."""

    def __init__(self, name, encoding, delimiter, header, decimal, size):
        self.name, self.encoding, self.delimiter, self.header = name, encoding, delimiter, header
        self.comma = decimal == ","
        self.size = size
        self.columns: list[str] | None = None
        self.width = 0
        self.numeric_cols: list[int] = []
        self.text_cols: list[int] = []
        self.numbers: np.ndarray | None = None   # (capacity, len(numeric_cols)), filled to self.n
        self.texts: list[np.ndarray] = []
        self.rows: list[np.ndarray] = []
        self.n = 0

    def parse(self, blocks: Iterator[tuple[list[str], bool]]) -> Table:
        line_no = 0                               # lines before this block
        for lines, last in blocks:
            kept = [i for i, ln in enumerate(lines) if ln.strip(self.delimiter + " \t")]
            if any(not lines[i].strip() for i in kept):
                raise _Irregular                 # whitespace that only str.strip calls blank
            records = [lines[i] for i in kept]
            rows = np.asarray(kept, dtype=np.int64) + (line_no + 1)
            line_no += len(lines)
            if self.columns is None and records:
                records, rows = self._start(records, rows, last)
            if records:
                self._add(records, rows)
        if self.columns is None or self.n == 0:
            raise _Irregular                     # no records (a header alone): the one-piece path says so
        numbers = self.numbers[:self.n]
        numeric = {j: numbers[:, k] for k, j in enumerate(self.numeric_cols)}
        texts = {}
        if self.text_cols:
            cells = np.concatenate(self.texts)
            texts = {j: cells[:, k] for k, j in enumerate(self.text_cols)}
        return Table(self.name, self.encoding, self.delimiter, self.header, self.columns,
                     np.concatenate(self.rows), text=texts, numeric=numeric)

    def _start(self, records: list[str], rows: np.ndarray, last: bool):
        """Header, width and column kinds from the first records (as _read_fast judges them)."""
        d = self.delimiter
        first = None
        if self.header:
            first = next(csv.reader([records[0]], delimiter=d))
            if not first:
                raise _Irregular
            self.columns = _header_names(first)
            records, rows = records[1:], rows[1:]
        if not records or (len(records) < _SNIFF_LINES and not last):
            raise _Irregular                     # too few records in the first block to judge the columns
        self.width = width = records[0].count(d) + 1
        if records[0].endswith(d) or (first is not None and (width != len(first) or not first[-1].strip())):
            raise _Irregular
        sample = [ln.split(d) for ln in records[:_SNIFF_LINES]]
        if not sample[0][-1].strip():
            raise _Irregular
        self.columns = self.columns or _default_names(width)
        self.numeric_cols, self.text_cols = split_columns(sample, width, self.comma)
        # room for the whole file at the first block's bytes per record, grown if the estimate falls short
        per_line = max(sum(map(len, records)) / len(records), 1.0)
        self.numbers = np.empty((int(self.size / per_line * 1.02) + 1, len(self.numeric_cols)))
        return records, rows

    def _add(self, records: list[str], rows: np.ndarray) -> None:
        d, width = self.delimiter, self.width
        for start in range(0, len(records), csv_read.CHUNK_LINES):
            chunk = records[start:start + csv_read.CHUNK_LINES]
            if set(map(methodcaller("count", d), chunk)) != {width - 1}:
                raise _Irregular                 # a ragged row: the general path names it
            if self.numeric_cols:
                self._put(self._numbers(chunk))
            if self.text_cols:
                if all(min(j, width - 1 - j) < _EDGE for j in self.text_cols):
                    cells = np.stack([_edge_column(chunk, j, width, d) for j in self.text_cols], axis=1)
                else:
                    cells = np.loadtxt(chunk, delimiter=d, dtype=str, comments=None, usecols=self.text_cols,
                                       ndmin=2)
                if len(cells) != len(chunk):
                    raise _Irregular
                self.texts.append(cells)
            self.n += len(chunk)
        self.rows.append(rows)

    def _numbers(self, chunk: list[str]) -> np.ndarray:
        """The numeric columns of ``chunk``; gaps (empty, NA, ?) read as NaN, as in the fast path."""
        try:
            return self._loadtxt(chunk)
        except ValueError:
            gapless = _fill_missing("\n".join(chunk), self.delimiter, chunk)
            if gapless is None:
                raise _Irregular from None        # a word among numbers: the column becomes text
            return self._loadtxt(gapless)         # a ValueError here ends streaming too

    def _loadtxt(self, chunk: list[str]) -> np.ndarray:
        if self.comma:
            chunk = [ln.replace(",", ".") for ln in chunk]
        part = np.loadtxt(chunk, delimiter=self.delimiter, dtype=np.float64, comments=None,
                          usecols=self.numeric_cols, ndmin=2)
        if len(part) != len(chunk):
            raise _Irregular
        return part

    def _put(self, part: np.ndarray) -> None:
        """Rows ``n`` on of the numbers get ``part``."""
        need = self.n + len(part)
        if need > len(self.numbers):              # the estimate fell short: grow by half
            grown = np.empty((max(need, len(self.numbers) * 3 // 2), self.numbers.shape[1]))
            grown[:self.n] = self.numbers[:self.n]
            self.numbers = grown
        self.numbers[self.n:need] = part
