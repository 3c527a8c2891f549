"""A decompressed copy kept beside a downloaded gzip file, so the next load skips the decompression.

Opening MNIST spent most of its load inflating 47 MB of images (docs/data.md has the figures); the copy reads
in a fraction of that. Its name carries the gzip file's last eight bytes (the CRC-32 and length of the
content), so a replaced download never meets an old copy, and the copy's own CRC-32 is checked on every read,
so a damaged copy is never used. Written atomically; a folder that cannot be written (a class's shared,
read-only drive) keeps no copy and loads as before.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from ..atomic import write_atomic

SUFFIX = ".unpacked"


def _trailer(gz: Path) -> bytes | None:
    """The gzip trailer: CRC-32 and length (mod 2**32) of the content, little-endian; None if unreadable."""
    try:
        with open(gz, "rb") as f:
            f.seek(-8, os.SEEK_END)
            tail = f.read(8)
    except OSError:
        return None
    return tail if len(tail) == 8 else None


def copy_path(gz: Path, trailer: bytes) -> Path:
    """Where the copy of ``gz`` with this trailer lives: ``train-images-idx3-ubyte.<trailer>.unpacked``."""
    return gz.with_name(f"{gz.stem}.{trailer.hex()}{SUFFIX}")


def read(gz: Path) -> bytes | None:
    """The content of the gzip file ``gz`` from its decompressed copy, or None when there is no valid copy."""
    trailer = _trailer(gz)
    if trailer is None:
        return None
    try:
        raw = copy_path(gz, trailer).read_bytes()
    except OSError:
        return None
    crc, size = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
    if len(raw) % (1 << 32) != size or zlib.crc32(raw) != crc:
        return None                       # damaged or cut short: decompress the original instead
    return raw


def keep(gz: Path, raw: bytes) -> None:
    """Keep ``raw`` (the decompressed content of ``gz``) beside it, replacing copies of earlier downloads."""
    trailer = _trailer(gz)
    if trailer is None:
        return
    target = copy_path(gz, trailer)
    try:
        for old in gz.parent.glob(f"{gz.stem}.*{SUFFIX}"):
            if old != target:
                old.unlink()
        write_atomic(target, lambda f: f.write(raw))
    except OSError:
        pass                              # a read-only or full folder: no copy, the next load decompresses
