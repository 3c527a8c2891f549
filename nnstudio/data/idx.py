"""Readers for the files students already have: MNIST's IDX files (gzipped or not) and Keras' mnist.npz.

IDX (LeCun's format): a big-endian header ``0 0 <type> <ndim>``, ``ndim`` 32-bit sizes, then the values.
Only unsigned bytes (type 0x08) occur in MNIST and Fashion-MNIST, so only those are read.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

import numpy as np

from . import unpacked
from .errors import DataError
from ..i18n import _

_UBYTE = 0x08
_GZIP_MAGIC = b"\x1f\x8b"


def read_idx(path, keep_unpacked: bool = False) -> np.ndarray:
    """The array stored in an IDX file (``.gz`` or plain), as uint8 of the shape its header gives.
    ``keep_unpacked`` (the download cache only, never a student's own folder): a gzipped file's content is
    kept decompressed beside it and read from there next time (data.unpacked)."""
    path = Path(os.fspath(path))
    raw = unpacked.read(path) if keep_unpacked else None
    if raw is None:
        raw = _read_bytes(path)
        if raw[:2] == _GZIP_MAGIC:
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError, zlib.error):
                raise DataError(_("{name}: the gzip data is damaged or cut short.")
                                .format(name=path.name), path) from None
            if keep_unpacked:
                unpacked.keep(path, raw)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise DataError(_("{name}: not an IDX file (it does not start with the IDX header).")
                        .format(name=path.name), path)
    kind, ndim = raw[2], raw[3]
    if kind != _UBYTE:
        raise DataError(_("{name}: holds IDX values of type 0x{kind:02x}; only unsigned bytes (0x08) are read.")
                        .format(name=path.name, kind=kind), path)
    header = 4 + 4 * ndim
    if ndim == 0 or len(raw) < header:
        raise DataError(_("{name}: the IDX header is incomplete.").format(name=path.name), path)
    shape = tuple(int(d) for d in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    expected = int(np.prod(shape, dtype=np.int64))
    if len(raw) - header != expected:
        raise DataError(_("{name}: the header promises {expected:,} values of shape {shape} but the "
                          "file holds {number:,}: it is damaged or incomplete.").format(name=path.name, expected=expected, shape=shape, number=len(raw) - header), path)
    return np.frombuffer(raw, np.uint8, count=expected, offset=header).reshape(shape)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(_("{name}: the file does not exist (looked for {path}).")
                        .format(name=path.name, path=path), path) from None
    except OSError as exc:
        raise DataError(_("{name}: cannot be read ({value}).")
                        .format(name=path.name, value=exc.strerror or exc), path) from None


def read_idx_pair(images_path, labels_path, keep_unpacked: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(images (N, H, W) uint8, labels (N,) uint8) from an images file and its labels file."""
    images, labels = read_idx(images_path, keep_unpacked), read_idx(labels_path, keep_unpacked)
    if images.ndim != 3:
        raise DataError(_("{name}: expected images (N, height, width), found shape {shape}.")
                        .format(name=Path(images_path).name, shape=images.shape), images_path)
    if labels.ndim != 1:
        raise DataError(_("{name}: expected one label per image, found shape {shape}.")
                        .format(name=Path(labels_path).name, shape=labels.shape), labels_path)
    if len(images) != len(labels):
        raise DataError(_("{name} holds {count:,} images but {name2} holds {count2:,} labels: they do "
                          "not belong together.").format(name=Path(images_path).name, count=len(images), name2=Path(labels_path).name, count2=len(labels)), labels_path)
    return images, labels


_NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")


def read_mnist_npz(path) -> dict[str, np.ndarray]:
    """The four arrays of Keras' ``mnist.npz`` layout (x_train, y_train, x_test, y_test); never unpickles."""
    path = Path(os.fspath(path))
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in _NPZ_KEYS if k not in npz.files]
            if missing:
                raise DataError(_("{name}: lacks the array {missing!r}; a Keras mnist.npz holds {names}.")
                                .format(name=path.name, missing=missing[0], names=', '.join(_NPZ_KEYS)), path)
            arrays = {k: npz[k] for k in _NPZ_KEYS}
    except FileNotFoundError:
        raise DataError(_("{name}: the file does not exist (looked for {path}).")
                        .format(name=path.name, path=path), path) from None
    except (OSError, ValueError, zlib.error, EOFError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(_("{name}: not a readable .npz file ({exc}).")
                        .format(name=path.name, exc=exc), path) from None
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if x.ndim != 3 or y.ndim != 1 or len(x) != len(y):
            raise DataError(_("{name}: x_{part} {shape} and y_{part} {shape2} are not images (N, "
                              "height, width) with one label each.").format(name=path.name, part=part, shape=x.shape, shape2=y.shape), path)
    return arrays
