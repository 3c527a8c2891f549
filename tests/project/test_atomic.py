"""Atomic replacement of files by writers that need a file name (the plot exports)."""

import os
from pathlib import Path

import pytest

from nnstudio.project.atomic import write_atomic_named


def test_named_writers_replace_the_file_atomically(tmp_path):
    # Qt's exporters write to a file name: PNG, SVG and CSV exports go through this
    target = tmp_path / "loss.png"
    target.write_bytes(b"the older picture")
    with pytest.raises(OSError):
        write_atomic_named(target, lambda tmp: False)            # the writer says it failed
    with pytest.raises(RuntimeError):
        write_atomic_named(target, _half_then_fail)                # the writer dies half-way
    assert target.read_bytes() == b"the older picture"
    assert [p.name for p in tmp_path.iterdir()] == ["loss.png"]  # no temporary file left behind
    write_atomic_named(target, lambda tmp: Path(tmp).write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    fresh = write_atomic_named(tmp_path / "new.svg", lambda tmp: Path(tmp).write_bytes(b"<svg/>"))
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask    # shareable, not a temporary file's 0600


def _half_then_fail(tmp):
    Path(tmp).write_bytes(b"half")
    raise RuntimeError("disk full")
