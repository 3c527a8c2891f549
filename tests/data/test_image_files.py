"""The MNIST files students already have: IDX files (gzipped or not) and Keras' mnist.npz as data sets whose
source record reads them again, and imported into the download cache so the built-in MNIST opens from them."""

import gzip

import numpy as np
import pytest

from nnstudio import cli
from nnstudio.data import DataError, from_source, import_into_cache, load_builtin, load_idx, load_mnist_npz
from nnstudio.data.builtin import is_downloaded

from .fixtures_idx import idx_bytes, mnist_like

FILES = mnist_like()        # 12 training and 5 test images, gzipped, under MNIST's names


def _write(folder, files=FILES, plain=()):
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(gzip.decompress(body) if name in plain else body)
    return {name: folder / name for name in files}


def _arrays():
    raw = {n: gzip.decompress(b) for n, b in FILES.items()}
    images = lambda n: np.frombuffer(raw[n], np.uint8, offset=16).reshape(-1, 28, 28)   # noqa: E731
    labels = lambda n: np.frombuffer(raw[n], np.uint8, offset=8)                        # noqa: E731
    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def test_idx_files_gzipped_or_not_with_their_own_test_set(tmp_path):
    p = _write(tmp_path / "mine", plain={"train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
    ds = load_idx(p["train-images-idx3-ubyte.gz"], p["train-labels-idx1-ubyte.gz"],
                  p["t10k-images-idx3-ubyte.gz"], p["t10k-labels-idx1-ubyte.gz"], as_images=True)
    train_x, train_y, test_x, test_y = _arrays()
    assert ds.X.shape == (17, 28, 28, 1) and ds.X.dtype == np.float32 and ds.class_names == list("0123456789")
    np.testing.assert_array_equal(ds.X[:12, :, :, 0], train_x)
    np.testing.assert_array_equal(ds.y, np.concatenate([train_y, test_y]))
    assert list(ds.fixed_test) == list(range(12, 17))
    _, _, test = ds.split(val=0.2, test=0.1, seed=0)
    assert list(test.indices) == list(range(12, 17))
    again = from_source(ds.source)
    np.testing.assert_array_equal(again.X, ds.X)
    assert list(again.fixed_test) == list(range(12, 17))


def test_idx_files_without_a_test_part_and_relative_records(tmp_path):
    _write(tmp_path / "mine")
    ds = load_idx(tmp_path / "mine" / "train-images-idx3-ubyte.gz", tmp_path / "mine" / "train-labels-idx1-ubyte.gz")
    assert ds.X.shape == (12, 784) and ds.fixed_test is None and ds.feature_names[0] == "pixel 1"
    record = {**ds.source, "path": "mine/train-images-idx3-ubyte.gz", "labels": "mine/train-labels-idx1-ubyte.gz"}
    np.testing.assert_array_equal(from_source(record, base_dir=tmp_path).X, ds.X)
    with pytest.raises(DataError, match="both the test images and the test labels"):
        load_idx(tmp_path / "mine" / "train-images-idx3-ubyte.gz", tmp_path / "mine" / "train-labels-idx1-ubyte.gz",
                 test_images=tmp_path / "mine" / "t10k-images-idx3-ubyte.gz")


def test_keras_npz(tmp_path):
    train_x, train_y, test_x, test_y = _arrays()
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=train_x, y_train=train_y, x_test=test_x, y_test=test_y)
    ds = load_mnist_npz(path)
    assert ds.X.shape == (17, 784) and list(ds.fixed_test) == list(range(12, 17))
    np.testing.assert_array_equal(from_source(ds.source).y, ds.y)


def test_import_into_the_cache_from_idx_files_in_any_order(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path / "cache"))
    p = _write(tmp_path / "downloads", plain={"t10k-images-idx3-ubyte.gz"})
    renamed = []
    for i, path in enumerate(p.values()):       # names say nothing: the headers and sizes tell
        renamed.append(path.rename(tmp_path / "downloads" / f"file{i}"))
    assert not is_downloaded("mnist")
    steps = []
    import_into_cache("mnist", reversed(renamed), progress=lambda done, total: steps.append((done, total)))
    assert steps == [(1, 4), (2, 4), (3, 4), (4, 4)] and is_downloaded("mnist")
    ds = load_builtin("mnist")
    train_x, train_y, test_x, test_y = _arrays()
    np.testing.assert_array_equal(ds.X[12:].reshape(-1, 28, 28), test_x)
    np.testing.assert_array_equal(ds.y, np.concatenate([train_y, test_y]))
    assert list(ds.fixed_test) == list(range(12, 17))
    assert [p.name for p in (tmp_path / "cache" / "mnist").iterdir() if p.name.startswith(".")] == []


def test_import_into_the_cache_from_a_keras_npz_by_the_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path / "cache"))
    train_x, train_y, test_x, test_y = _arrays()
    np.savez(tmp_path / "mnist.npz", x_train=train_x, y_train=train_y, x_test=test_x, y_test=test_y)
    assert cli.main(["data", "import", "mnist", str(tmp_path / "mnist.npz")]) == 0
    assert "mnist" in capsys.readouterr().out
    np.testing.assert_array_equal(load_builtin("mnist", as_images=True).X[:12, :, :, 0], train_x)


@pytest.mark.parametrize("case, words", [
    ("three files", "not 3 files"),
    ("three images", "3 image and 1 label files"),
    ("mismatched", "do not belong together"),
    ("not idx", "not an IDX file"),
])
def test_a_bad_import_names_the_problem_and_writes_nothing(tmp_path, monkeypatch, case, words):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path / "cache"))
    p = list(_write(tmp_path / "downloads").values())
    if case == "three files":
        p = p[:3]
    elif case == "three images":
        p[1].write_bytes(idx_bytes(np.zeros((12, 28, 28))))
    elif case == "mismatched":
        p[3].write_bytes(gzip.compress(idx_bytes(np.arange(4))))
    else:
        p[0].write_bytes(b"hello, not an image file")
    with pytest.raises(DataError, match=words):
        import_into_cache("mnist", p)
    assert not (tmp_path / "cache" / "mnist").exists()


def test_the_cli_reports_a_bad_import_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path / "cache"))
    assert cli.main(["data", "import", "mnist", str(tmp_path / "missing.npz")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.npz" in err[0] and "Traceback" not in err[0]


def test_an_npz_of_fractions_is_refused_not_cut_to_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path / "cache"))
    train_x, train_y, test_x, test_y = _arrays()
    np.savez(tmp_path / "scaled.npz", x_train=train_x / 255.0, y_train=train_y, x_test=test_x, y_test=test_y)
    with pytest.raises(DataError, match="x_train holds float64 values"):
        import_into_cache("mnist", [tmp_path / "scaled.npz"])
    assert not (tmp_path / "cache" / "mnist").exists()


def test_a_project_on_idx_files_beside_it_saves_and_reopens(tmp_path):
    from nnstudio.project import Project, load
    _write(tmp_path / "mine")
    ds = load_idx(tmp_path / "mine" / "train-images-idx3-ubyte.gz", tmp_path / "mine" / "train-labels-idx1-ubyte.gz")
    p = Project.new("my digits")
    p.data["source"] = {**ds.source, "path": "mine/train-images-idx3-ubyte.gz",
                        "labels": "mine/train-labels-idx1-ubyte.gz"}
    p.save(tmp_path / "digits.nnproj")
    again = load(tmp_path / "digits.nnproj").dataset()
    np.testing.assert_array_equal(again.X, ds.X)
