"""Small IDX files made on the spot, in MNIST's exact format (no download, nothing shipped)."""

from __future__ import annotations

import gzip
import hashlib
import struct

import numpy as np


def idx_bytes(array: np.ndarray) -> bytes:
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.tobytes()


def mnist_like(n_train: int = 12, n_test: int = 5, seed: int = 0) -> dict[str, bytes]:
    """The four gzipped MNIST files for tiny random digits: {file name: bytes}."""
    rng = np.random.default_rng(seed)
    parts = {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        parts[f"{prefix}-images-idx3-ubyte.gz"] = gzip.compress(
            idx_bytes(rng.integers(0, 256, (n, 28, 28))), mtime=0)
        parts[f"{prefix}-labels-idx1-ubyte.gz"] = gzip.compress(idx_bytes(np.arange(n) % 10), mtime=0)
    return parts


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
