"""The decompressed copies the download cache keeps beside its gzip files: used when they match the gzip
file exactly, replaced with a new download, ignored when damaged, never written outside the cache, and no
loss when the folder cannot be written."""

import gzip
import os
import stat

import numpy as np
import pytest

from nnstudio import atomic
from nnstudio.data import load_builtin, unpacked
from nnstudio.data.idx import read_idx_pair

from .fixtures_idx import idx_bytes, mnist_like

FILES = mnist_like()


def _cache(tmp_path, monkeypatch, files=FILES):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    folder = tmp_path / "mnist"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(body)
    return folder


def _copies(folder):
    return sorted(p.name for p in folder.glob(f"*{unpacked.SUFFIX}"))


def test_the_first_load_keeps_copies_and_the_next_reads_them(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    first = load_builtin("mnist")
    assert len(_copies(folder)) == 4
    images_gz = folder / "train-images-idx3-ubyte.gz"
    copy = next(folder.glob(f"train-images-idx3-ubyte.*{unpacked.SUFFIX}"))
    assert copy.read_bytes() == gzip.decompress(images_gz.read_bytes())
    assert unpacked.read(images_gz) == copy.read_bytes()
    again = load_builtin("mnist")
    np.testing.assert_array_equal(again.X, first.X)
    np.testing.assert_array_equal(again.y, first.y)


def test_a_new_download_replaces_the_old_copy(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    load_builtin("mnist")
    old = _copies(folder)
    _cache(tmp_path, monkeypatch, mnist_like(seed=1))      # other images under the same names
    fresh = load_builtin("mnist")
    expected = np.frombuffer(gzip.decompress(FILES["train-images-idx3-ubyte.gz"]), np.uint8)
    assert _copies(folder) != old and len(_copies(folder)) == 4
    other = np.frombuffer(gzip.decompress((folder / "train-images-idx3-ubyte.gz").read_bytes()), np.uint8)
    np.testing.assert_array_equal(fresh.X[:12].ravel(), other[16:].astype(np.float32))
    assert not np.array_equal(other, expected)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_copy_is_ignored_and_mended(tmp_path, monkeypatch, damage):
    folder = _cache(tmp_path, monkeypatch)
    first = load_builtin("mnist")
    copy = next(folder.glob(f"train-images-idx3-ubyte.*{unpacked.SUFFIX}"))
    body = bytearray(copy.read_bytes())
    if damage == "truncate":
        del body[-100:]
    else:
        body[-1] ^= 0xFF
    copy.write_bytes(bytes(body))
    assert unpacked.read(folder / "train-images-idx3-ubyte.gz") is None
    np.testing.assert_array_equal(load_builtin("mnist").X, first.X)
    assert unpacked.read(folder / "train-images-idx3-ubyte.gz") is not None     # written again


@pytest.mark.skipif(os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="a read-only folder needs POSIX permissions and a user they apply to")
def test_a_read_only_cache_loads_without_copies(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        ds = load_builtin("mnist")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert ds.X.shape == (17, 784) and _copies(folder) == []


def test_a_folder_that_refuses_writes_loses_nothing(tmp_path, monkeypatch):
    """(Root ignores permissions: the refusal is simulated where the copy is written.)"""
    folder = _cache(tmp_path, monkeypatch)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    ds = load_builtin("mnist")
    assert ds.X.shape == (17, 784) and _copies(folder) == []
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []     # no temporary left


def test_a_students_own_files_get_no_copies(tmp_path):
    rng = np.random.default_rng(0)
    (tmp_path / "images.gz").write_bytes(gzip.compress(idx_bytes(rng.integers(0, 256, (3, 28, 28)))))
    (tmp_path / "labels.gz").write_bytes(gzip.compress(idx_bytes(np.arange(3))))
    images, labels = read_idx_pair(tmp_path / "images.gz", tmp_path / "labels.gz")
    assert len(images) == 3 and _copies(tmp_path) == []


def test_plain_files_under_gzip_names_need_no_copy(tmp_path, monkeypatch):
    plain = {name: gzip.decompress(body) for name, body in FILES.items()}
    folder = _cache(tmp_path, monkeypatch, plain)
    assert load_builtin("mnist").X.shape == (17, 784) and _copies(folder) == []
