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

from .errors import DataError

_UBYTE = 0x08
_GZIP_MAGIC = b"\x1f\x8b"


def read_idx(path) -> np.ndarray:
    """The array stored in an IDX file (``.gz`` or plain), as uint8 of the shape its header gives."""
    path = Path(os.fspath(path))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path.name}: the file does not exist (looked for {path}).", path) from None
    except OSError as exc:
        raise DataError(f"{path.name}: cannot be read ({exc.strerror or exc}).", path) from None
    if raw[:2] == _GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            raise DataError(f"{path.name}: the gzip data is damaged or cut short.", path) from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise DataError(f"{path.name}: not an IDX file (it does not start with the IDX header).", path)
    kind, ndim = raw[2], raw[3]
    if kind != _UBYTE:
        raise DataError(f"{path.name}: holds IDX values of type 0x{kind:02x}; only unsigned bytes (0x08) "
                        "are read.", path)
    header = 4 + 4 * ndim
    if ndim == 0 or len(raw) < header:
        raise DataError(f"{path.name}: the IDX header is incomplete.", path)
    shape = tuple(int(d) for d in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    expected = int(np.prod(shape, dtype=np.int64))
    if len(raw) - header != expected:
        raise DataError(f"{path.name}: the header promises {expected:,} values of shape {shape} but the file "
                        f"holds {len(raw) - header:,}: it is damaged or incomplete.", path)
    return np.frombuffer(raw, np.uint8, count=expected, offset=header).reshape(shape)


def read_idx_pair(images_path, labels_path) -> tuple[np.ndarray, np.ndarray]:
    """(images (N, H, W) uint8, labels (N,) uint8) from an images file and its labels file."""
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3:
        raise DataError(f"{Path(images_path).name}: expected images (N, height, width), found shape "
                        f"{images.shape}.", images_path)
    if labels.ndim != 1:
        raise DataError(f"{Path(labels_path).name}: expected one label per image, found shape "
                        f"{labels.shape}.", labels_path)
    if len(images) != len(labels):
        raise DataError(f"{Path(images_path).name} holds {len(images):,} images but {Path(labels_path).name} "
                        f"holds {len(labels):,} labels: they do not belong together.", labels_path)
    return images, labels


_NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")


def read_mnist_npz(path) -> dict[str, np.ndarray]:
    """The four arrays of Keras' ``mnist.npz`` layout (x_train, y_train, x_test, y_test); never unpickles."""
    path = Path(os.fspath(path))
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in _NPZ_KEYS if k not in npz.files]
            if missing:
                raise DataError(f"{path.name}: lacks the array {missing[0]!r}; a Keras mnist.npz holds "
                                f"{', '.join(_NPZ_KEYS)}.", path)
            arrays = {k: npz[k] for k in _NPZ_KEYS}
    except FileNotFoundError:
        raise DataError(f"{path.name}: the file does not exist (looked for {path}).", path) from None
    except (OSError, ValueError, zlib.error, EOFError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"{path.name}: not a readable .npz file ({exc}).", path) from None
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if x.ndim != 3 or y.ndim != 1 or len(x) != len(y):
            raise DataError(f"{path.name}: x_{part} {x.shape} and y_{part} {y.shape} are not images "
                            "(N, height, width) with one label each.", path)
    return arrays
