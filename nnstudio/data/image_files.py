"""The image files students already have, as data sets: MNIST-style IDX files (gzipped or not) and Keras'
``mnist.npz``; and copying them into the download cache, so the built-in MNIST (and the course's samples)
open from them without a download.

``load_idx(images, labels, test_images, test_labels)`` and ``load_mnist_npz(path)`` give a Dataset whose
source record (``{"kind": "idx", ...}``, ``{"kind": "mnist_npz", ...}``) ``from_source`` reads again; a test
part given with the files is the data set's official test set (``Dataset.fixed_test``), as MNIST's own.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..atomic import write_atomic
from . import remote
from .cache import dataset_dir
from .dataset import Dataset
from .errors import DataError
from .idx import read_idx, read_idx_pair, read_mnist_npz
from ..i18n import _

DIGITS = [str(d) for d in range(10)]


def image_dataset(train_x, train_y, test_x, test_y, as_images: bool, source: dict,
                  class_names: list[str] | None = None) -> Dataset:
    """One Dataset of uint8 images (N, H, W) and labels: float32 pixels 0-255, the test images (if any) last
    and kept as its official test set; flat ``pixel k`` features, or (N, H, W, 1) images."""
    parts_x = [train_x] if test_x is None else [train_x, test_x]
    parts_y = [train_y] if test_y is None else [train_y, test_y]
    images = np.concatenate(parts_x).astype(np.float32)   # the engine's precision, half of float64
    labels = np.concatenate(parts_y).astype(np.int64)
    n, h, w = images.shape
    if class_names is None:
        top = int(labels.max(initial=0))
        class_names = DIGITS if top < 10 else [str(k) for k in range(top + 1)]
    X = images.reshape(n, h, w, 1) if as_images else images.reshape(n, h * w)
    names = [] if as_images else [f"pixel {i + 1}" for i in range(h * w)]
    ds = Dataset(X, labels, names, "label", "multiclass", list(class_names), source)
    if test_x is not None:
        ds.fixed_test = np.arange(len(train_x), n)
    return ds


def load_idx(images, labels, test_images=None, test_labels=None, as_images: bool = False) -> Dataset:
    """A data set from IDX files (MNIST's format, gzipped or not): training images and labels, and optionally
    the test images and labels, which then form its official test set."""
    if (test_images is None) != (test_labels is None):
        raise DataError(_("Give both the test images and the test labels, or neither."))
    train_x, train_y = read_idx_pair(images, labels)
    test_x = test_y = None
    if test_images is not None:
        test_x, test_y = read_idx_pair(test_images, test_labels)
        if test_x.shape[1:] != train_x.shape[1:]:
            raise DataError(_("{name}: its images are {shape}, the training images {shape2}: they do not belong "
                              "together.").format(name=Path(os.fspath(test_images)).name, shape=test_x.shape[1:], shape2=train_x.shape[1:]), test_images)
    source = {"kind": "idx", "path": os.fspath(images), "labels": os.fspath(labels), "as_images": bool(as_images)}
    if test_images is not None:
        source.update(test_images=os.fspath(test_images), test_labels=os.fspath(test_labels))
    return image_dataset(train_x, train_y, test_x, test_y, as_images, source)


def load_mnist_npz(path, as_images: bool = False) -> Dataset:
    """A data set from Keras' ``mnist.npz`` layout (x_train, y_train, x_test, y_test; never unpickled)."""
    a = read_mnist_npz(path)
    source = {"kind": "mnist_npz", "path": os.fspath(path), "as_images": bool(as_images)}
    return image_dataset(a["x_train"], a["y_train"], a["x_test"], a["y_test"], as_images, source)


def from_record(source: dict, base_dir=None) -> Dataset:
    """Read an ``idx`` or ``mnist_npz`` source record again (relative paths are taken from ``base_dir``)."""
    def where(key):
        path = Path(os.fspath(source[key]))
        return path if path.is_absolute() or base_dir is None else Path(os.fspath(base_dir)) / path
    as_images = bool(source.get("as_images", False))
    if source["kind"] == "mnist_npz":
        return load_mnist_npz(where("path"), as_images)
    tests = (where("test_images"), where("test_labels")) if source.get("test_images") else (None, None)
    return load_idx(where("path"), where("labels"), *tests, as_images=as_images)


# --- into the download cache -------------------------------------------------------------------------------
def importable(name: str) -> bool:
    """Whether a student's own copy of the downloadable set ``name`` can be imported (MNIST-style IDX sets)."""
    files = remote.remote_set(name).files
    return len(files) == 4 and files[0].name.endswith("idx3-ubyte.gz")


def import_into_cache(name: str, paths, progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy a student's copy of a downloadable image set (``mnist``, ``fashion_mnist``) into the cache under
    the names the download uses: the four IDX files (any names: which is which is read from their headers and
    sizes) or one Keras ``.npz``. Every file is read and checked before anything is written, and each is
    written beside its place and renamed into it, so no half-written file is ever left. ``progress(done,
    total)`` after each file. Returns the folder."""
    spec = remote.remote_set(name)
    if not importable(name):
        raise DataError(_("{name} is not a set of IDX image files; only MNIST-style sets can be imported.")
                        .format(name=name))
    paths = [Path(os.fspath(p)) for p in paths]
    if len(paths) == 1 and paths[0].suffix.lower() == ".npz":
        a = read_mnist_npz(paths[0])
        for key, array in a.items():      # written as IDX bytes: anything else would be cut, not converted
            if array.dtype != np.uint8 and not (np.issubdtype(array.dtype, np.integer) and array.size
                                                and 0 <= array.min() and array.max() <= 255):
                raise DataError(_("{name}: {key} holds {dtype} values; an MNIST-style set holds whole numbers "
                                  "0-255.").format(name=paths[0].name, key=key, dtype=array.dtype), paths[0])
        arrays = [a["x_train"], a["y_train"], a["x_test"], a["y_test"]]
    elif len(paths) == 4:
        arrays = _sorted_idx([(p, read_idx(p)) for p in paths])
    else:
        raise DataError(_("Choose the four IDX files (training and test images and labels) or one .npz file, "
                          "not {count} files.").format(count=len(paths)))
    _check_pairs(arrays)
    folder = dataset_dir(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for done, (item, array) in enumerate(zip(spec.files, arrays), start=1):
            _write_gz(folder / item.name, array)
            if progress is not None:
                progress(done, len(arrays))
    except OSError as exc:
        raise DataError(_("Cannot write the files into {folder} ({reason}).")
                        .format(folder=folder, reason=exc.strerror or exc), folder) from None
    return folder


def _sorted_idx(read: list[tuple[Path, np.ndarray]]) -> list[np.ndarray]:
    """[train images, train labels, test images, test labels] from four IDX files in any order: images have
    three dimensions, labels one; the training part is the larger of the two."""
    images = sorted((a for _p, a in read if a.ndim == 3), key=len, reverse=True)
    labels = sorted((a for _p, a in read if a.ndim == 1), key=len, reverse=True)
    if len(images) != 2 or len(labels) != 2:
        odd = next((p for p, a in read if a.ndim not in (1, 3)), None)
        if odd is not None:
            raise DataError(_("{name}: neither images (N, height, width) nor labels (N,).")
                            .format(name=odd.name), odd)
        raise DataError(_("Choose two image files and two label files; these are {images} image and {labels} "
                          "label files.").format(images=len(images), labels=len(labels)))
    return [images[0], labels[0], images[1], labels[1]]


def _check_pairs(arrays: list[np.ndarray]) -> None:
    train_x, train_y, test_x, test_y = arrays
    if len(train_x) != len(train_y):
        raise DataError(_("The training part holds {count:,} images but {count2:,} labels: they do not belong "
                          "together.").format(count=len(train_x), count2=len(train_y)))
    if len(test_x) != len(test_y):
        raise DataError(_("The test part holds {count:,} images but {count2:,} labels: they do not belong "
                          "together.").format(count=len(test_x), count2=len(test_y)))
    if train_x.shape[1:] != test_x.shape[1:]:
        raise DataError(_("The training images are {shape}, the test images {shape2}: they do not belong "
                          "together.").format(shape=train_x.shape[1:], shape2=test_x.shape[1:]))


def _write_gz(target: Path, array: np.ndarray) -> None:
    """``array`` as a gzipped IDX file at ``target``, written beside it and renamed into place."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)

    def write(raw) -> None:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as f:
            f.write(header)
            f.write(memoryview(array).cast("B"))
    write_atomic(target, write)
