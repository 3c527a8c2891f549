"""California housing: scikit-learn's archive, downloaded (from 127.0.0.1 here), read safely, as scikit-learn shows it."""

import io
import tarfile

import numpy as np
import pytest

from nnstudio.data import DataError, load_builtin, remote
from nnstudio.data import california
from nnstudio.data.builtin import BUILTINS, is_downloaded

from .fixtures_idx import sha256
from .test_remote import _Server

# longitude, latitude, age, total rooms, total bedrooms, population, households, income, value
ROWS = [(-122.23, 37.88, 41.0, 880.0, 129.0, 322.0, 126.0, 8.3252, 452600.0),
        (-122.22, 37.86, 21.0, 7099.0, 1106.0, 2401.0, 1138.0, 8.3014, 358500.0),
        (-118.30, 34.05, 35.0, 1500.0, 400.0, 1200.0, 300.0, 2.5, 150000.0)]


def _tgz(members) -> bytes:
    """A gzipped tar of {name: bytes, or a TarInfo for special members}."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, body in members.items():
            if isinstance(body, tarfile.TarInfo):
                tar.addfile(body)
                continue
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def _table(rows=ROWS) -> bytes:
    return "".join(",".join(f"{v:.6f}" for v in row) + "\n" for row in rows).encode()


def _archive(rows=ROWS) -> bytes:
    return _tgz({"CaliforniaHousing/cal_housing.domain": b"longitude: continuous.\n",
                 "CaliforniaHousing/cal_housing.data": _table(rows)})


def test_the_catalog_pins_scikit_learns_archive():
    spec = remote.remote_set("california_housing")
    (item,) = spec.files
    assert item.name == "cal_housing.tgz" and item.size == 441963
    assert item.sha256 == "aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681"
    assert item.urls and spec.mirrors
    assert "california_housing" in BUILTINS and "20,640" in BUILTINS["california_housing"]


def test_fetched_from_a_local_server_then_loaded_as_scikit_learn_presents_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    body = _archive()
    srv = _Server({"/files/1": body})
    try:
        spec = remote.RemoteSet("california_housing", "California housing",
                                (remote.RemoteFile("cal_housing.tgz", sha256(body), len(body),
                                                   (srv.url + "/files/1",)),),
                                ("http://127.0.0.1:9/never/",), "test data")
        monkeypatch.setitem(remote.REMOTE, "california_housing", spec)
        with pytest.raises(DataError, match="nnstudio data fetch california_housing"):
            load_builtin("california_housing")
        assert not is_downloaded("california_housing")
        remote.fetch("california_housing")
        assert srv.requests == ["/files/1"]  # the direct address first; the mirror was not needed
    finally:
        srv.close()
    ds = load_builtin("california_housing")
    assert ds.task == "regression" and ds.feature_names == california.FEATURE_NAMES
    assert ds.target_name == "MedHouseVal" and ds.X.shape == (3, 8)
    raw = np.array(ROWS)
    lon, lat, age, rooms, beds, pop, households, income, value = raw.T
    expected = np.column_stack([income, age, rooms / households, beds / households, pop, pop / households,
                                lat, lon])
    np.testing.assert_allclose(ds.X, expected, rtol=1e-6)
    np.testing.assert_allclose(ds.y, value / 100000.0, rtol=1e-6)
    assert ds.X[0, 2] == pytest.approx(880 / 126, rel=1e-6)  # average rooms per household
    with pytest.raises(DataError, match="table, not images"):
        load_builtin("california_housing", as_images=True)


def test_source_records_the_builtin_and_splits_like_any_table(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    (tmp_path / "california_housing").mkdir()
    rows = [(-120 + i / 10, 35 + i / 20, 10 + i, 1000 + 7 * i, 200 + i, 500 + 3 * i, 100 + i, 1 + i / 7,
             100000 + 1000 * i) for i in range(40)]
    (tmp_path / "california_housing" / "cal_housing.tgz").write_bytes(_archive(rows))
    ds = load_builtin("california_housing")
    assert ds.source == {"kind": "builtin", "name": "california_housing", "as_images": False}
    train, val, test = ds.split(val=0.1875, test=0.25, seed=0)
    assert len(train) + len(val) + len(test) == 40 and len(test) == 10
    assert not set(train.indices) & set(val.indices) and not set(val.indices) & set(test.indices)


@pytest.mark.parametrize("members, message", [
    ({"other.txt": b"1,2\n"}, "has no CaliforniaHousing/cal_housing.data"),
    ({"CaliforniaHousing/cal_housing.data": b"1,2,3\n"}, "Row 1 .* has 3 values, not 9"),
    ({"CaliforniaHousing/cal_housing.data": _table(ROWS[:1]) + b"1,2,3,4,5,6,7,x,9\n"}, "Row 2 .* not a number"),
    ({"CaliforniaHousing/cal_housing.data": _table([ROWS[0][:6] + (0.0,) + ROWS[0][7:]])}, "no households"),
])
def test_bad_archives_are_one_sentence(tmp_path, members, message):
    path = tmp_path / "cal_housing.tgz"
    path.write_bytes(_tgz(members))
    with pytest.raises(DataError, match=message) as err:
        california.read_table(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_links_and_non_archives_are_refused_and_nothing_is_extracted(tmp_path):
    link = tarfile.TarInfo("CaliforniaHousing/cal_housing.data")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    path = tmp_path / "cal_housing.tgz"
    path.write_bytes(_tgz({"CaliforniaHousing/cal_housing.data": link}))
    with pytest.raises(DataError, match="not a regular file"):
        california.read_table(path)
    path.write_bytes(b"not a gzip file at all")
    with pytest.raises(DataError, match="Cannot read the archive"):
        california.read_table(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal_housing.tgz"]
