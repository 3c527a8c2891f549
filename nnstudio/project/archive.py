"""Reading untrusted archives: zip members, JSON text and NPY arrays, each within hard limits.

Nothing here extracts files, follows links or unpickles. Every refusal is a ``ProjectError`` whose one
sentence names the file (``label``) and the problem.
"""

from __future__ import annotations

import io
import json
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnstudio.i18n import _

from .errors import ProjectError

_CHUNK = 1 << 20
# What zipfile and zlib raise on damaged bytes (found by tests/project/test_fuzz.py): bad headers, bad CRCs,
# corrupt deflate streams, unknown compression or zip versions, truncation.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
           struct.error, OverflowError)


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile archive from exhausting memory or the stack."""

    max_members: int = 256
    max_total_bytes: int = 1 << 30      # 1 GiB uncompressed: ~250 million float32 weights
    max_json_depth: int = 64


DEFAULT_LIMITS = Limits()


def _refuse(label: str, problem: str, path: str | Path | None) -> ProjectError:
    return ProjectError(_("Cannot open {label}: {problem}.").format(label=label, problem=problem), path)


def _megabytes(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def _bad_name(name: str) -> str | None:
    """Why a member name is unsafe, or None."""
    if not name:
        return _("a member has an empty name")
    if "\\" in name or "\x00" in name:
        return _("the member name {name!r} contains a backslash or a NUL character").format(name=name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return _("the member name {name!r} is an absolute path").format(name=name)
    if ".." in name.split("/"):
        return _("the member name {name!r} contains '..'").format(name=name)
    return None


def _is_link(info: zipfile.ZipInfo) -> bool:
    # Unix mode bits live in the high 16 bits of external_attr (when written on Unix).
    return stat.S_ISLNK(info.external_attr >> 16)


_ZIP_START = b"PK\x03\x04"  # a zip archive's first bytes; its table of contents is at the very end


def _unreadable(source) -> str:
    """Why zipfile cannot open ``source``: empty, cut short (it starts as a zip but its end is missing, as
    after an interrupted copy, download or save), or no zip archive at all."""
    try:
        if isinstance(source, io.BytesIO):
            head = source.getvalue()[:len(_ZIP_START)]
        else:
            with open(source, "rb") as f:
                head = f.read(len(_ZIP_START))
    except OSError:
        head = b""
    if head == b"":
        return _("the file is empty")
    if _ZIP_START.startswith(head):
        return _("the file is damaged or incomplete (its end is missing, as when a copy or download is cut short)")
    return _("it is not a zip archive")     # zipfile's own reason ("File is not a zip file") adds nothing


def read_zip(source: str | Path | bytes, *, label: str, path: str | Path | None = None,
             want: Callable[[str], bool] = lambda name: True,
             limits: Limits = DEFAULT_LIMITS,
             progress: Callable[[int, int], None] | None = None) -> dict[str, bytearray]:
    """Check every member of a zip archive, then read the wanted regular members into memory (bytearrays).

    ``source`` is a file path or the archive's bytes. The total declared size is checked before reading
    and the bytes actually produced are counted while decompressing, so a header that lies about sizes
    cannot fill memory. ``progress(done, total)`` follows the bytes produced against those declared; what it
    raises (a cancel) stops the reading.
    """
    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray, memoryview)) else source
    try:
        zf = zipfile.ZipFile(stream)
    except FileNotFoundError:
        raise _refuse(label, _("the file does not exist"), path) from None
    except IsADirectoryError:
        raise _refuse(label, _("it is a folder, not a file"), path) from None
    except PermissionError:
        raise _refuse(label, _("permission denied"), path) from None
    except _DAMAGE:
        raise _refuse(label, _unreadable(stream), path) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise _refuse(label, _("it has {count} members, more than the limit of {limit}")
                          .format(count=len(infos), limit=limits.max_members), path)
        seen: set[str] = set()
        declared = 0
        for info in infos:
            problem = _bad_name(info.filename)
            if problem:
                raise _refuse(label, problem, path)
            if info.filename in seen:
                raise _refuse(label, _("the member {name!r} appears twice").format(name=info.filename), path)
            seen.add(info.filename)
            if _is_link(info):
                raise _refuse(label, _("the member {name!r} is a symbolic link").format(name=info.filename), path)
            if info.flag_bits & 0x1:
                raise _refuse(label, _("the member {name!r} is encrypted").format(name=info.filename), path)
            declared += info.file_size
        if declared > limits.max_total_bytes:
            raise _refuse(label, _("its members declare {size} of content, more than the {limit} limit")
                          .format(size=_megabytes(declared), limit=_megabytes(limits.max_total_bytes)), path)
        out: dict[str, bytearray] = {}
        produced = 0
        for info in infos:
            if info.is_dir() or not want(info.filename):
                continue
            content = bytearray()      # grows in place: no second copy of a large member while joining
            try:
                with zf.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        produced += len(chunk)
                        if produced > limits.max_total_bytes:
                            raise _refuse(label, _("its content expands beyond the {limit} limit")
                                          .format(limit=_megabytes(limits.max_total_bytes)), path)
                        content += chunk
                        if progress is not None:
                            progress(produced, declared)
            except ProjectError:
                raise
            except _DAMAGE as exc:
                raise _refuse(label, _("the member {name!r} is damaged or unreadable ({exc})")
                              .format(name=info.filename, exc=exc), path) from None
            out[info.filename] = content
        return out


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def _json_depth_exceeds(text: str, cap: int) -> bool:
    # Counted before parsing: json.loads recurses once per level, so a deep file could exhaust the stack.
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > cap:
                return True
        else:
            depth -= 1
    return False


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_json(data: bytes, *, label: str, path: str | Path | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Any:
    """Decode UTF-8 JSON text, refusing NaN/Infinity and nesting deeper than the limit."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(label, _("it is not UTF-8 text (byte {byte})").format(byte=exc.start), path) from None
    if _json_depth_exceeds(text, limits.max_json_depth):
        raise _refuse(label, _("its JSON is nested deeper than the limit of {limit} levels")
                      .format(limit=limits.max_json_depth), path)
    try:
        return json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise _refuse(label, _("it is not valid JSON (line {line}, column {column}: {detail})")
                      .format(line=exc.lineno, column=exc.colno, detail=exc.msg), path) from None
    except (ValueError, RecursionError) as exc:
        raise _refuse(label, _("it is not valid JSON ({exc})").format(exc=exc), path) from None


def _read_npy(data: bytes, *, label: str, key: str, path: str | Path | None) -> np.ndarray:
    fp = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(fp)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(fp)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(fp)
        else:
            raise ValueError(f"unsupported NPY version {version}")
    except Exception as exc:  # noqa: BLE001  the header is a Python literal: crafted ones fail in many ways
        raise _refuse(label, _("the array {key!r} has a damaged header ({exc})").format(key=key, exc=exc),
                      path) from None
    if dtype.hasobject or dtype.fields is not None or dtype.kind not in "fiub":
        raise _refuse(label, _("the array {key!r} has the non-numeric type {dtype}").format(key=key, dtype=dtype), path)
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if expected != len(data) - fp.tell():
        raise _refuse(label, _("the array {key!r} is truncated or has extra bytes").format(key=key), path)
    fp.seek(0)
    return np.lib.format.read_array(fp, allow_pickle=False)


def read_npz(data: bytes, *, label: str, path: str | Path | None = None,
             limits: Limits = DEFAULT_LIMITS) -> dict[str, np.ndarray]:
    """The arrays of an NPZ archive, keyed by name (never unpickled: object arrays are refused)."""
    members = read_zip(data, label=label, path=path, limits=limits)
    arrays = {}
    for name, raw in members.items():
        if not name.endswith(".npy"):
            raise _refuse(label, _("the member {name!r} is not a .npy array").format(name=name), path)
        key = name[:-4]
        arrays[key] = _read_npy(raw, label=label, key=key, path=path)
    return arrays
