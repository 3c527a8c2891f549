"""IDX and Keras mnist.npz readers: the formats students already have on disk."""

import gzip

import numpy as np
import pytest

from nnstudio.data import DataError
from nnstudio.data.idx import read_idx, read_idx_pair, read_mnist_npz

from .fixtures_idx import idx_bytes


def test_reads_plain_and_gzipped_idx(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a.idx").write_bytes(idx_bytes(images))
    (tmp_path / "a.idx.gz").write_bytes(gzip.compress(idx_bytes(images)))
    for name in ("a.idx", "a.idx.gz"):
        out = read_idx(tmp_path / name)
        assert out.dtype == np.uint8 and out.shape == (2, 3, 4)
        np.testing.assert_array_equal(out, images)


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04 not idx", "not an IDX file"),
    (bytes([0, 0, 0x0D, 1, 0, 0, 0, 2]) + b"\x00" * 8, "type 0x0d"),
    (bytes([0, 0, 0x08, 2, 0, 0]), "header is incomplete"),
    (bytes([0, 0, 0x08, 1, 0, 0, 0, 9, 1, 2, 3]), "damaged or incomplete"),
    (b"\x1f\x8b\x08\x00garbage", "gzip data is damaged"),
])
def test_damaged_files_give_one_sentence_naming_the_file(tmp_path, content, words):
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        read_idx(path)
    assert words in str(err.value) and str(err.value).startswith(path.name) and err.value.path == str(path)


def test_images_and_labels_must_belong_together(tmp_path):
    (tmp_path / "i").write_bytes(idx_bytes(np.zeros((3, 2, 2))))
    (tmp_path / "l").write_bytes(idx_bytes(np.zeros(4)))
    with pytest.raises(DataError, match="3 images but l holds 4 labels"):
        read_idx_pair(tmp_path / "i", tmp_path / "l")
    with pytest.raises(DataError, match="does not exist"):
        read_idx_pair(tmp_path / "missing", tmp_path / "l")


def test_keras_npz_layout_and_no_pickles(tmp_path):
    good = tmp_path / "mnist.npz"
    x = np.zeros((4, 28, 28), np.uint8)
    np.savez(good, x_train=x, y_train=np.arange(4, dtype=np.uint8), x_test=x[:2], y_test=np.arange(2))
    arrays = read_mnist_npz(good)
    assert arrays["x_train"].shape == (4, 28, 28) and list(arrays["y_test"]) == [0, 1]
    partial = tmp_path / "partial.npz"
    np.savez(partial, x_train=x, y_train=np.arange(4))
    with pytest.raises(DataError, match="lacks the array 'x_test'"):
        read_mnist_npz(partial)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, x_train=np.array([object()], dtype=object), y_train=x, x_test=x, y_test=x)
    with pytest.raises(DataError, match="pickled.npz"):
        read_mnist_npz(pickled)
