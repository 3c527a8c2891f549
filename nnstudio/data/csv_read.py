"""Reading a delimited text file into a header and string columns: encoding, delimiter and header sniffing.

Two paths give the same result. The fast one hands regular files (no ragged rows, no stray quotes) to NumPy's
C parser (``np.loadtxt``), which is what makes a 100,000 x 50 file load in about a second; the general one
uses the ``csv`` module and knows the spreadsheet row of every record, so it is also used to find the exact
row of a structural problem.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .errors import DataError
from ..i18n import _

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# Tried in this order when no encoding is given; latin-1 decodes any bytes, so it is the last resort.
ENCODINGS = ("utf-8-sig", "gb18030", "cp1252", "latin-1")
MISSING_TOKENS = frozenset({"", "na", "n/a", "#n/a", "nan", "?", "null"})
_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
_SNIFF_LINES = 60
_SEP_HINT = re.compile(r"^\ufeff?sep=([,;\t|])[ \t]*\r?\n", re.IGNORECASE)


@dataclass
class Table:
    """A file's cells. ``row_numbers[i]`` is the spreadsheet row of data record ``i``.

    Each column is either already parsed as floats (``numeric``, fast path; 'nan' cells are NaN) or kept
    as text (``text``); cells missing at the end of a short row are empty strings.
    """

    name: str                      # file name used in messages
    encoding: str
    delimiter: str
    header: bool
    columns: list[str]
    row_numbers: np.ndarray
    text: dict[int, Sequence[str]] = field(default_factory=dict)
    numeric: dict[int, np.ndarray] = field(default_factory=dict)
    complete: bool = True          # False: a preview's first lines only (the file goes on)

    @property
    def n_rows(self) -> int:
        return len(self.row_numbers)

    def column(self, j: int, limit: int | None = None) -> np.ndarray:
        """Column ``j`` (its first ``limit`` cells) as a str array."""
        if j in self.numeric:
            return self.numeric[j][:limit].astype(str)
        return np.asarray(self.text[j][:limit], dtype=str).reshape(-1)

    def row_number(self, i: int) -> int:
        return int(self.row_numbers[i])

    def first(self, k: int) -> "Table":
        """The first ``k`` records."""
        return Table(self.name, self.encoding, self.delimiter, self.header, self.columns, self.row_numbers[:k],
                     text={j: v[:k] for j, v in self.text.items()},
                     numeric={j: v[:k] for j, v in self.numeric.items()})


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; with ``limit``, at most that many from its start."""
    try:
        if limit is None:
            return path.read_bytes()
        with open(path, "rb") as f:
            return f.read(limit)
    except FileNotFoundError:
        raise DataError(_("{name}: the file does not exist ({path}).")
                        .format(name=path.name, path=path), path) from None
    except IsADirectoryError:
        raise DataError(_("{name}: this is a folder, not a CSV file.").format(name=path.name), path) from None
    except OSError as exc:
        raise DataError(_("{name}: the file cannot be read ({strerror}).")
                        .format(name=path.name, strerror=exc.strerror), path) from None


def decode(raw: bytes, name: str, path: Path, encoding: str | None) -> tuple[str, str]:
    """Text and the encoding used: the given one, else the first of ENCODINGS that decodes strictly."""
    if encoding:
        try:
            text = raw.decode(encoding)
        except LookupError:
            raise DataError(_("{name}: {encoding!r} is not a known text encoding.")
                            .format(name=name, encoding=encoding), path) from None
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise DataError(_("{name}, line {line}: the bytes are not valid {encoding} text (try "
                              "another encoding, such as gb18030 or cp1252).").format(name=name, line=line, encoding=encoding), path, line) from None
        return text.lstrip("\ufeff"), encoding
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):   # Excel's "Unicode text" export
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for enc in ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and _misread_latin(text):
            try:
                return raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        return text, enc
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _misread_latin(text: str, limit: int = 2000) -> bool:
    """Whether GB18030-decoded ``text`` looks like Windows-1252 read wrongly.

    Chinese files written as GBK use mostly the common characters of GB2312, where both bytes are >= 0xA1.
    Latin accents read as GB18030 give characters whose second byte is an ASCII letter (GBK's rare
    extension areas: 'Zürich' -> 'Z黵ich'), or single characters inside Latin words ('Größe' -> 'Gr鰯e').
    True when most of the first ``limit`` non-ASCII characters are like that.
    """
    seen = odd = 0
    for m in _NON_ASCII.finditer(text):
        start, end = m.span()
        inside_word = end - start == 1 and start > 0 and end < len(text) and \
            _latin_letter(text[start - 1]) and _latin_letter(text[end])
        for ch in m.group():
            code = ch.encode("gb18030")
            odd += inside_word or len(code) != 2 or code[0] < 0xA1 or code[1] < 0xA1
            seen += 1
        if seen >= limit:
            break
    return odd * 2 > seen


def _latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def choose_delimiter(text: str, delimiter: str | None) -> tuple[str, str | None]:
    """``text`` without Excel's "sep=;" first line (it names the delimiter and is not a row), and the delimiter:
    the one given (a character or its name), else the one that line names, else sniffed; None when the one
    given is not allowed."""
    hint = _SEP_HINT.match(text)
    if hint:
        text = text[hint.end():]
        if delimiter is None:
            delimiter = hint.group(1)
    if delimiter is None:
        return text, sniff_delimiter(text)
    if delimiter in DELIMITER_NAMES.values():
        return text, {v: k for k, v in DELIMITER_NAMES.items()}[delimiter]
    return text, delimiter if delimiter in DELIMITERS else None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits most of the first lines into the same number (> 1) of fields.

    Ties go to tab, semicolon and pipe before comma, because a file separated by ';' often uses ',' as
    its decimal mark (so both split every line evenly).
    """
    lines = [ln for ln in _head_lines(text) if ln.strip()]
    best, best_share = ",", 0.0
    for d in ("\t", ";", "|", ","):
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
        mode = max(set(counts), key=counts.count) if counts else 1
        share = counts.count(mode) / len(counts) if mode > 1 else 0.0
        if share > best_share:
            best, best_share = d, share
    return best


def _head_lines(text: str) -> list[str]:
    """The first lines of the file (without splitting all of a big one)."""
    return text[: 1 << 16].splitlines()[:_SNIFF_LINES]


def looks_numeric(cell: str, decimal_comma: bool = False) -> bool:
    if decimal_comma:
        cell = cell.replace(",", ".")
    return bool(_NUMBER.match(cell))


def sniff_header(first: list[str], later: list[list[str]], decimal_comma: bool) -> bool:
    """Header when some column is numeric below but not in the first row, or when the first row's
    values are all text and never reappear in their column."""
    if not later:
        return not all(looks_numeric(c, decimal_comma) or c.strip().lower() in MISSING_TOKENS for c in first)
    for j, cell in enumerate(first):
        below = [r[j] for r in later if j < len(r) and r[j].strip().lower() not in MISSING_TOKENS]
        if below and all(looks_numeric(c, decimal_comma) for c in below) and not looks_numeric(cell, decimal_comma):
            return True
    if any(looks_numeric(c, decimal_comma) or not c.strip() for c in first):
        return False
    return all(all(j >= len(r) or r[j] != cell for r in later) for j, cell in enumerate(first))


HEAD_BYTES = 4 << 20      # a preview reads at most this much of a file
MAX_HEAD_COLUMNS = 2000   # and refuses a file with more columns (a table that wide cannot be shown or picked from)


def read_table(path: Path, encoding: str | None = None, delimiter: str | None = None,
               header: bool | None = None, decimal: str | None = None,
               problems: list | None = None, head: int | None = None,
               progress: Callable[[float], None] | None = None) -> tuple[Table, str, str]:
    """Read ``path`` into a Table. Returns (table, sha256 hex, decimal mark).

    With a ``problems`` list, rows longer than the header are cut and reported there instead of raising.
    With ``head``, only the records on the first ``head`` lines (within the first HEAD_BYTES) are read (for
    previews), by the csv module so that every cell keeps its text as written; the sha256 is then None, and a
    file of more than MAX_HEAD_COLUMNS columns raises. ``progress(fraction)`` hears how far the parsing is.
    """
    name = path.name
    if head is None and _size(path) > csv_stream.STREAM_BYTES:
        streamed = csv_stream.read_stream(path, encoding, delimiter, header, decimal, progress)
        if streamed is not None:
            return streamed
    raw = read_bytes(path, None if head is None else HEAD_BYTES + 1)
    cut = head is not None and len(raw) > HEAD_BYTES
    if cut and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        end = raw.rfind(b"\n", 0, HEAD_BYTES)    # whole lines only (no encoding but UTF-16 has 0x0A in a character)
        raw = raw[:end + 1] if end >= 0 else raw[:HEAD_BYTES]
    sha = None if head is not None else hashlib.sha256(raw).hexdigest()
    try:
        text, used = decode(raw, name, path, encoding)
    except DataError:
        if not cut:
            raise
        text, used = decode(raw[:-8], name, path, encoding)   # a character cut at the end of a long line
    del raw                   # the text holds it all now: no second copy of a big file while parsing
    if not text.strip():
        raise DataError(_("{name}: the file is empty.").format(name=name), path)
    text, chosen = choose_delimiter(text, delimiter)
    if chosen is None:
        raise DataError(_("{name}: the delimiter must be one of comma, semicolon, tab or pipe, not "
                          "{delimiter!r}.").format(name=name, delimiter=delimiter), path)
    delimiter = chosen
    sample = [r for r in csv.reader(_head_lines(text), delimiter=delimiter) if any(c.strip() for c in r)]
    if not sample:
        raise DataError(_("{name}: the file holds no values, only delimiters or spaces.").format(name=name), path)
    if head is not None:
        first = text.split("\n", 1)[0]
        width = first.count(delimiter) + 1
        if width > MAX_HEAD_COLUMNS:
            template = (_("{name} has {width:,} columns: too many to preview or to choose from (at most "
                          "{MAX_HEAD_COLUMNS:,}).") if "\n" in text else
                        _("{name} has more than {width:,} columns: too many to preview or to choose from (at "
                          "most {MAX_HEAD_COLUMNS:,})."))
            raise DataError(template.format(name=name, width=width, MAX_HEAD_COLUMNS=MAX_HEAD_COLUMNS), path)
    if decimal is None:
        decimal = sniff_decimal(sample, delimiter)
    if header is None:
        header = sniff_header(sample[0], sample[1:], decimal == ",")
    if head is not None:
        table = _read_head(text, name, path, used, delimiter, bool(header), problems, head)
    else:
        table = _read_fast(text, name, used, delimiter, bool(header), decimal, progress)
        if table is None:
            table = _read_general(text, name, path, used, delimiter, bool(header), problems)
    if table.n_rows == 0:
        raise DataError(_("{name}: the file has a header but no data rows.").format(name=name), path)
    if cut:
        table.complete = False
    return table, sha, decimal


def sniff_decimal(sample: list[list[str]], delimiter: str) -> str:
    """',' when the delimiter is not a comma and a cell below the first row reads like '3,5'."""
    return "," if delimiter != "," and any(
        re.match(r"^\s*[-+]?\d+,\d+\s*$", c) for r in sample[1:] for c in r) else "."


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0              # read_bytes names the problem


def _header_names(first: list[str]) -> list[str]:
    """Stripped names; an empty one becomes 'column j' and a repeated one gets its number: 'x (3)'."""
    names = [c.strip() or f"column {j + 1}" for j, c in enumerate(first)]
    return [n if n not in names[:j] else f"{n} ({j + 1})" for j, n in enumerate(names)]


def _default_names(width: int) -> list[str]:
    return [f"column {j + 1}" for j in range(width)]


_HOLE = "\x01"          # stands for a quoted field; a file holding it is read by the csv module
_QUOTED = re.compile(r'("[^"]*(?:""[^"]*)*")')


def _unquote(text: str, delimiter: str) -> tuple[str, list[str]] | None:
    """``text`` with every quoted field replaced by a placeholder (a control character), and the quoted fields in order; None
    when quotes are used in a way only the csv module reads the same (a quote inside an unquoted field,
    an unclosed quote, a quoted part glued to unquoted text)."""
    if _HOLE in text:
        return None
    pieces = _QUOTED.split(text)                 # outside, quoted, outside, quoted, ..., outside
    outside = pieces[::2]
    seps = (delimiter, "\n")
    # Each quoted field must be a whole cell: a delimiter, a line break or the file's start/end on each side.
    if not (all(p.endswith(seps) for p in outside[1:-1]) and all(p.startswith(seps) for p in outside[1:-1])
            and (outside[0] == "" or outside[0].endswith(seps))
            and (outside[-1] == "" or outside[-1].startswith(seps))):
        return None
    u = _HOLE.join(outside)
    return None if '"' in u else (u, pieces[1::2])


def _requote(plain: str, quoted: list[str]) -> str:
    """Put the quoted fields back into their placeholders (the inverse of ``_unquote``)."""
    parts = plain.split(_HOLE)
    out = [""] * (2 * len(parts) - 1)
    out[::2], out[1::2] = parts, quoted
    return "".join(out)


_EDGE = 3   # text columns this close to either end are cut out of the lines in Python, not parsed in C


def _edge_column(lines: list[str], j: int, width: int, delimiter: str) -> np.ndarray:
    """Cell ``j`` of every line (each line has ``width`` cells), splitting off only the cells before it, or
    only those after it: a target in the first or last column costs far less than a full parse."""
    if j < width - 1 - j:
        cells = [ln.split(delimiter, j + 1)[j] for ln in lines]
    else:
        k = width - j                              # cells from j to the end
        cells = [ln.rsplit(delimiter, k)[1] if k < width else ln.rsplit(delimiter, k - 1)[0] for ln in lines]
    return np.array(cells, dtype=str).reshape(-1)


def _restore_quoted(cells: np.ndarray, fields: list[str]) -> np.ndarray:
    """Text cells parsed from placeholder lines, with each placeholder (in reading order) replaced by its
    quoted field, unquoted as the csv module does. Raises ValueError when the counts do not match."""
    holes = cells == _HOLE
    if int(holes.sum()) != len(fields):
        raise ValueError("placeholders and quoted fields differ")
    if not fields:
        return cells
    full = cells.astype(object)
    full[holes] = [f[1:-1].replace('""', '"') for f in fields]
    return full.astype(str)


_MISSING_BYTES = frozenset(t.encode() for t in MISSING_TOKENS)
# Byte classes for _fill_missing: 0 can be part of a number, 1 a delimiter or line break, 3 a space or tab
# (both set per call), 2 anything else. Runs of class 2 are the rare 'words' checked for missing-value tokens.
_BYTE_CLASS = np.full(256, 2, dtype=np.uint8)
_BYTE_CLASS[np.frombuffer(b"0123456789.+-eE \t" + _HOLE.encode(), np.uint8)] = 0   # a hole is never a gap


def _fill_missing(text: str, delimiter: str, lines: list[str]) -> list[str] | None:
    """``lines`` (which are ``text.split("\\n")``) with every missing-value cell (empty, NA, ?, ...) written
    'nan', which NumPy's float parser reads as a gap (' NA ' too); None when there is none this can rewrite
    (a cell of spaces only is left to the slower typing). Blank lines may gain a 'nan'.

    Vectorized over the bytes: only the rare runs of non-number characters are looked at one by one.
    Cells of text columns may be rewritten too; the caller reads those from the original lines.
    """
    raw = ("\n" + text + "\n").encode("utf-8")
    classes = _BYTE_CLASS.copy()
    classes[[32, 9]] = 3
    classes[[ord(delimiter), 10]] = 1           # (a tab delimiter is a delimiter, not a space)
    cls = np.frombuffer(raw.translate(classes.tobytes()), np.uint8)
    sep = cls == 1
    edits = [(p, p) for p in (np.flatnonzero(sep[:-1] & sep[1:]) + 1).tolist()]      # empty cells
    at = np.flatnonzero(cls == 2)
    if at.size:
        cut = np.flatnonzero(np.diff(at) > 1)
        starts, ends = at[np.r_[0, cut + 1]], at[np.r_[cut, at.size - 1]] + 1
        # a whole cell, or one with spaces around it (the run's neighbours are looked at more closely below)
        whole = (ends - starts <= max(map(len, _MISSING_BYTES))) & (cls[starts - 1] % 2 == 1) & \
            (cls[ends] % 2 == 1)                 # classes 1 and 3: a delimiter, line break or space
        for s, e in zip(starts[whole].tolist(), ends[whole].tolist()):
            if raw[s:e].lower() in _MISSING_BYTES:
                while cls[s - 1] == 3:
                    s -= 1
                while cls[e] == 3:
                    e += 1
                if sep[s - 1] and sep[e]:
                    edits.append((s, e))
    if not edits:
        return None
    edits.sort()
    if len(raw) != len(text) + 2:                # not ASCII: rebuild the text from byte pieces
        pieces, pos = [], 1
        for s, e in edits:
            pieces += [raw[pos:s], b"nan"]
            pos = e
        pieces.append(raw[pos:-1])
        return b"".join(pieces).decode("utf-8").split("\n")
    # ASCII: byte positions are character positions, so only the lines with a gap are rebuilt.
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    breaks = np.concatenate([[0], np.cumsum(lengths + 1)])         # where raw's line breaks are
    pos_arr = np.array(edits, dtype=np.int64)
    line_of = np.searchsorted(breaks, pos_arr[:, 0], side="left") - 1
    offsets = pos_arr - (breaks[line_of] + 1)[:, None]
    out = list(lines)
    current, pieces, src, pos = -1, [], "", 0
    for k, s, e in zip(line_of.tolist(), offsets[:, 0].tolist(), offsets[:, 1].tolist()):
        if k != current:
            if current >= 0:
                pieces.append(src[pos:])
                out[current] = "".join(pieces)
            current, pieces, src, pos = k, [], out[k], 0
        pieces += [src[pos:s], "nan"]
        pos = e
    pieces.append(src[pos:])
    out[current] = "".join(pieces)
    return out


CHUNK_LINES = 20000   # the fast path parses this many lines per call into NumPy's C parser
_BLOCK = 1 << 22      # and splits a big text into lines this many characters at a time


def _split_lines(text: str) -> list[str]:
    """``text.split("\\n")``, done in blocks so another thread gets the GIL between them."""
    if len(text) <= _BLOCK:
        return text.split("\n")
    out: list[str] = []
    start = 0
    while True:
        end = text.find("\n", start + _BLOCK)
        if end < 0:
            out.extend(text[start:].split("\n"))
            return out
        out.extend(text[start:end].split("\n"))
        start = end + 1


def _field_counts(lines: list[str], delimiter: str) -> set[int]:
    """The distinct numbers of delimiters on the lines (in chunks, for the same reason)."""
    counts: set[int] = set()
    for start in range(0, len(lines), CHUNK_LINES):
        counts |= set(map(methodcaller("count", delimiter), lines[start:start + CHUNK_LINES]))
    return counts


def _read_fast(text: str, name: str, encoding: str, delimiter: str, header: bool, decimal: str,
               progress: Callable[[float], None] | None = None) -> Table | None:
    """NumPy's C parser for regular files; None when the file needs the general path. ``progress(fraction)``
    is called after each chunk of lines parsed (it may raise to stop the reading).

    Quoted fields are fine (also with delimiters, doubled quotes or line breaks inside), and so are blank
    lines, gaps and a delimiter ending every line; ragged rows, stray quotes and mixed line endings go to
    the general path, which names their rows.
    """
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    quoted = '"' in text
    fields: list[str] = []
    if quoted:
        found = _unquote(text, delimiter)
        if found is None:
            return None
        plain, fields = found
    else:
        plain = text
    all_lines = _split_lines(plain)
    lines = list(all_lines)                      # one line per record: quoted line breaks are placeholders
    while lines and not lines[-1].strip():
        lines.pop()
    rows = np.arange(1, len(lines) + 1)          # spreadsheet row of each line
    blank = delimiter + " \t"                    # a row of empty cells is a blank row, as in the general path
    filled = [i for i, ln in enumerate(lines) if ln.strip(blank)]
    kept: list[int] | range = range(len(lines))  # which lines of ``plain`` the records are
    if len(filled) != len(lines):                # (blank lines are never inside a quoted field here)
        rows = rows[filled]
        lines = [lines[i] for i in filled]
        kept = filled
    if not lines:
        return None
    columns = None
    if header:
        first_line = lines[0]
        if quoted:
            head_fields, fields = fields[: first_line.count(_HOLE)], fields[first_line.count(_HOLE):]
            first_line = _requote(first_line, head_fields)
            if "\n" in first_line:
                return None                       # a line break inside a quoted header name
        first = next(csv.reader([first_line], delimiter=delimiter))
        if not first:
            return None
        columns = _header_names(first)
        lines, rows, kept = lines[1:], rows[1:], kept[1:]
    if not lines:
        return None if columns and not first[-1].strip() else \
            Table(name, encoding, delimiter, header, columns or [], np.zeros(0, np.int64))
    width = lines[0].count(delimiter) + 1
    # A delimiter ending every line (Excel does that) leaves a nameless, empty last column: drop it, as
    # the general path does. (Only exactly this shape; anything else goes there.)
    while width > 1 and (not header or (width == len(first) and not first[-1].strip())) and \
            all(ln.endswith(delimiter) for ln in lines):
        lines = [ln[:-1] for ln in lines]
        width -= 1
        if header:
            first, columns = first[:-1], columns[:-1]
    if header and not first[-1].strip():
        return None       # a nameless last column with values: the general path names it
    # The first records, parsed, judge which columns are numbers (and show a trailing delimiter).
    if quoted:
        head = lines[:_SNIFF_LINES]
        head_text = _requote("\n".join(head), fields[: sum(ln.count(_HOLE) for ln in head)])
        sample = [r for r in csv.reader(io.StringIO(head_text, newline=""), delimiter=delimiter)
                  if any(map(str.strip, r))]
    else:
        sample = [ln.split(delimiter) for ln in lines[:_SNIFF_LINES]]
    # Every record must have exactly width fields: this also rules out ragged rows.
    if _field_counts(lines, delimiter) != {width - 1} or \
            (columns is not None and width != len(columns)) or not sample or not sample[0][-1].strip():
        return None
    columns = columns or _default_names(width)
    # Parse numeric-looking columns as floats in C; the rest as strings. A gap among the first numbers does
    # not make a column text: gaps are rewritten as 'nan' below.
    comma = decimal == ","

    numeric_cols, text_cols = split_columns(sample, width, comma)

    chunked_text = bool(text_cols) and not all(min(j, width - 1 - j) < _EDGE for j in text_cols)
    text_share = (len(text_cols) / width if numeric_cols else 1.0) if chunked_text else 0.0
    reported = [0.0]

    def report(dtype, fraction: float) -> None:
        """Overall progress: the numbers' parse, then the text columns' (by their share of the columns);
        never backwards (a reparse after gaps were filled repeats fractions already reported)."""
        if progress is None:
            return
        done = (1 - text_share) + fraction * text_share if dtype is str else fraction * (1 - text_share)
        if done > reported[0]:
            reported[0] = done
            progress(done)

    def load(dtype, usecols, decimal_comma=False, source=None):
        """Parse ``source`` (default: the lines, with quoted fields as placeholders) in C; lines go in chunks
        of CHUNK_LINES, so another thread gets the GIL between them and ``progress`` hears of each."""
        if source is None:
            source = lines
        if isinstance(source, str):            # the text with its quotes
            source = io.StringIO(source.replace(",", ".") if decimal_comma else source)
            return np.loadtxt(source, delimiter=delimiter, dtype=dtype, comments=None, usecols=usecols, ndmin=2,
                              quotechar='"')
        out, parts = None, []
        for start in range(0, max(len(source), 1), CHUNK_LINES):
            chunk = source[start:start + CHUNK_LINES]
            if decimal_comma:
                chunk = [ln.replace(",", ".") for ln in chunk]
            part = np.loadtxt(chunk, delimiter=delimiter, dtype=dtype, comments=None, usecols=usecols, ndmin=2)
            if dtype is str:                   # widths differ per chunk: joined at the end (text is rare)
                parts.append(part)
            else:                              # numbers: straight into one array, no second full copy
                if out is None:
                    out = np.empty((len(source), part.shape[1]), dtype=part.dtype)
                out[start:start + len(part)] = part
            report(dtype, min(start + CHUNK_LINES, len(source)) / max(len(source), 1))
        return np.concatenate(parts) if dtype is str else out

    numeric: dict[int, np.ndarray] = {}
    texts: dict[int, np.ndarray] = {}
    try:
        # The lines with quoted fields as placeholders: numbers must be unquoted, and the placeholders
        # (all in text columns then) get their fields back. Gaps are written 'nan' and parsed again.
        if numeric_cols:
            try:
                arr = load(np.float64, numeric_cols, comma)
            except ValueError:
                gapless = _fill_missing(plain, delimiter, all_lines)
                if gapless is None:
                    raise
                gapless = gapless[kept.start:kept.stop] if isinstance(kept, range) else [gapless[i] for i in kept]
                arr = load(np.float64, numeric_cols, comma, gapless)
            numeric = {j: arr[:, k] for k, j in enumerate(numeric_cols)}
        if text_cols:
            if all(min(j, width - 1 - j) < _EDGE for j in text_cols):
                cells = np.stack([_edge_column(lines, j, width, delimiter) for j in text_cols], axis=1)
            else:
                cells = load(str, text_cols)
            if quoted:
                cells = _restore_quoted(cells, fields)
            texts = {j: cells[:, k] for k, j in enumerate(text_cols)}
    except ValueError:
        numeric, texts = {}, {}
        if quoted:                             # quoted numbers, or placeholders where they cannot be put back
            body = _requote("\n".join(lines), fields)
            try:
                if numeric_cols:
                    arr = load(np.float64, numeric_cols, comma, body)
                    numeric = {j: arr[:, k] for k, j in enumerate(numeric_cols)}
                if text_cols:
                    cells = load(str, text_cols, False, body)
                    texts = {j: cells[:, k] for k, j in enumerate(text_cols)}
            except ValueError:
                numeric, texts = {}, {}
        if not numeric and not texts:
            # A word among numbers: keep every column as text; typing finds the cell.
            cells = load(str, None, False, _requote("\n".join(lines), fields) if quoted else None)
            numeric, texts = {}, {j: cells[:, j] for j in range(width)}
    if any(len(v) != len(lines) for v in (*numeric.values(), *texts.values())):
        return None
    return Table(name, encoding, delimiter, header, columns, rows.astype(np.int64), text=texts, numeric=numeric)


def split_columns(sample: list[list[str]], width: int, comma: bool) -> tuple[list[int], list[int]]:
    """(numeric, text) column indices as judged by the first records: a column is numeric when each of its
    cells there is a number or a missing-value token, and one at least a number."""
    def number_like(cell: str) -> bool:
        return looks_numeric(cell, comma) or cell.strip().lower() in MISSING_TOKENS

    numeric_cols = [j for j in range(width) if all(j < len(r) and number_like(r[j]) for r in sample)
                    and any(looks_numeric(r[j], comma) for r in sample)]
    return numeric_cols, [j for j in range(width) if j not in numeric_cols]


def _read_head(text: str, name: str, path: Path, encoding: str, delimiter: str, header: bool,
               problems: list | None, n_lines: int) -> Table:
    """The records on the first ``n_lines`` lines of ``text``. The last of them may be cut short (a line
    break inside a quoted field), so when the file goes on it is left out, with any problem it had."""
    parts = text.split("\n", n_lines)
    if len(parts) <= n_lines or not parts[n_lines].strip():
        return _read_general(text, name, path, encoding, delimiter, header, problems)
    found: list[DataError] = []
    table = _read_general("\n".join(parts[:n_lines]), name, path, encoding, delimiter, header, found)
    if table.n_rows > 1:
        table = table.first(table.n_rows - 1)
    table.complete = False
    last = table.row_number(table.n_rows - 1) if table.n_rows else 0
    found = [p for p in found if p.row is None or p.row <= last]
    if problems is None and found:
        raise found[0]
    if problems is not None:
        problems.extend(found)
    return table


def _read_general(text: str, name: str, path: Path, encoding: str, delimiter: str, header: bool,
                  problems: list | None = None) -> Table:
    """The csv module's parse. Ragged rows raise, or are cut and reported in ``problems`` when given."""
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    numbered = [(i + 1, r) for i, r in enumerate(records) if any(map(str.strip, r))]  # skip blank rows
    if not numbered:
        raise DataError(_("{name}: the file is empty.").format(name=name), path)
    if header:
        first = numbered[0][1]
        columns, nameless = _header_names(first), [not c.strip() for c in first]
        numbered = numbered[1:]
    else:
        columns = _default_names(max(len(r) for _, r in numbered))
        nameless = [True] * len(columns)
    # A trailing delimiter on every line makes a nameless, empty last column: drop it.
    while len(columns) > 1 and nameless[-1] and all(
            len(r) < len(columns) or not r[len(columns) - 1].strip() for _, r in numbered):
        columns, nameless = columns[:-1], nameless[:-1]
        numbered = [(k, r[: len(columns)] if len(r) == len(columns) + 1 else r) for k, r in numbered]
    width = len(columns)
    for k, r in numbered:
        if len(r) > width:
            err = DataError(_("{name}, row {k}: the row has {count} fields but the header has {width} columns.")
                            .format(name=name, k=k, count=len(r), width=width), path, k)
            if problems is None:
                raise err
            problems.append(err)
    rows = [r if len(r) == width else (r + [""] * width)[:width] for _, r in numbered]
    return Table(name, encoding, delimiter, header, columns, np.array([k for k, _ in numbered], dtype=np.int64),
                 text=dict(enumerate(zip(*rows))) if rows else {j: () for j in range(width)})


from . import csv_stream  # noqa: E402  (it builds on this module's helpers)
