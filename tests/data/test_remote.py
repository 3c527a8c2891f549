"""Downloading data sets, against a local HTTP server on 127.0.0.1 (tests never use the internet)."""

import http.server
import socket
import threading

import numpy as np
import pytest

from nnstudio import cli
from nnstudio.data import DataError, load_builtin, remote
from nnstudio.data.builtin import is_downloaded

from .fixtures_idx import mnist_like, sha256

FILES = mnist_like()


class _Server:
    """Serves ``routes`` {path: bytes}; ``lie`` {path: claimed length} sends fewer bytes than promised."""

    def __init__(self, routes, lie=None):
        self.routes, self.lie, self.requests = routes, lie or {}, []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                body = outer.routes.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(outer.lie.get(self.path, len(body))))
                self.end_headers()
                self.wfile.write(body)
                if self.path in outer.lie:
                    self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def server():
    made = []

    def make(routes, lie=None):
        made.append(_Server(routes, lie))
        return made[-1]
    yield make
    for s in made:
        s.close()


def _set(mirrors, files=FILES, name="tiny"):
    entries = tuple(remote.RemoteFile(n, sha256(b), len(b)) for n, b in files.items())
    return remote.RemoteSet(name, "Tiny digits", entries, tuple(mirrors), "test data")


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_downloads_every_file_with_progress_and_skips_good_copies(server, tmp_path):
    srv = server({f"/sets/{n}": b for n, b in FILES.items()})
    seen = []
    folder = remote.fetch(_set([srv.url + "/sets/"]), folder=tmp_path / "tiny", progress=seen.append)
    for name, body in FILES.items():
        assert (folder / name).read_bytes() == body
    assert seen[-1].done == seen[-1].total == sum(len(b) for b in FILES.values())
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert _leftovers(folder) == []
    before = len(srv.requests)
    remote.fetch(_set([srv.url + "/sets/"]), folder=folder)
    assert len(srv.requests) == before  # verified copies are not fetched again


def test_checksum_mismatch_tries_the_next_mirror_and_keeps_nothing_bad(server, tmp_path):
    name = next(iter(FILES))
    bad = server({f"/{n}": (b[:-1] + bytes([b[-1] ^ 0xFF]) if n == name else b) for n, b in FILES.items()})
    good = server({f"/{n}": b for n, b in FILES.items()})
    folder = remote.fetch(_set([bad.url, good.url]), folder=tmp_path / "tiny")
    assert (folder / name).read_bytes() == FILES[name]
    with pytest.raises(DataError, match="SHA-256 checksum differs") as err:
        remote.fetch(_set([bad.url]), folder=tmp_path / "other")
    assert not (tmp_path / "other" / name).exists() and _leftovers(tmp_path / "other") == []
    assert "copy train-images-idx3-ubyte.gz" in str(err.value) and str(tmp_path / "other") in str(err.value)


def test_truncated_transfer_leaves_no_half_file(server, tmp_path):
    name = next(iter(FILES))
    srv = server({f"/{n}": b for n, b in FILES.items()}, lie={f"/{name}": len(FILES[name]) + 1000})
    with pytest.raises(DataError, match="broke off"):
        remote.fetch(_set([srv.url]), folder=tmp_path / "tiny", timeout=5)
    assert list((tmp_path / "tiny").iterdir()) == []


def test_server_gone_is_one_sentence_not_a_hang(tmp_path):
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DataError) as err:
        remote.fetch(_set([f"http://127.0.0.1:{port}/"]), folder=tmp_path / "tiny", timeout=5)
    message = str(err.value)
    assert message.startswith("Could not download Tiny digits's") and "no connection" in message
    assert "\n" not in message and "Traceback" not in message


def test_404_and_cancel(server, tmp_path):
    srv = server({})
    with pytest.raises(DataError, match="answered 404"):
        remote.fetch(_set([srv.url]), folder=tmp_path / "a")
    full = server({f"/{n}": b for n, b in FILES.items()})
    with pytest.raises(remote.DownloadCancelled, match="cancelled"):
        remote.fetch(_set([full.url]), folder=tmp_path / "b", cancelled=lambda: True)
    assert list((tmp_path / "b").iterdir()) == []


def test_mirror_option_and_environment_serve_name_folders(server, tmp_path, monkeypatch):
    srv = server({f"/school/tiny/{n}": b for n, b in FILES.items()})
    remote.fetch(_set(["http://127.0.0.1:9/never"]), folder=tmp_path / "a", mirror=srv.url + "/school")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(FILES)
    monkeypatch.setenv(remote.ENV_MIRROR, srv.url + "/school/")
    remote.fetch(_set(["http://127.0.0.1:9/never"]), folder=tmp_path / "b")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(FILES)


def test_the_catalog_pins_a_sha256_and_size_for_every_file():
    for spec in remote.REMOTE.values():
        assert spec.files and spec.mirrors and spec.licence
        for f in spec.files:
            assert len(f.sha256) == 64 and int(f.sha256, 16) >= 0 and f.size > 0


def test_mnist_loads_from_the_cache_with_its_own_test_set(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    with pytest.raises(DataError, match="nnstudio data fetch mnist"):
        load_builtin("mnist")
    assert not is_downloaded("mnist") and is_downloaded("iris")
    (tmp_path / "mnist").mkdir()
    for name, body in FILES.items():
        (tmp_path / "mnist" / name).write_bytes(body)
    flat = load_builtin("mnist")
    assert flat.X.shape == (17, 784) and flat.n_classes == 10 and flat.feature_names[0] == "pixel 1"
    images = load_builtin("mnist", as_images=True)
    assert images.X.shape == (17, 28, 28, 1) and images.X.max() <= 255
    train, val, test = images.split(val=0.2, test=0.1, seed=0)
    assert list(test.indices) == list(range(12, 17))  # the official test images, whatever the fraction
    assert len(val) == 3 and not set(val.indices) & set(test.indices) and len(train) == 9


def test_cli_fetch_and_list(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    srv = server({f"/mirror/mnist/{n}": b for n, b in FILES.items()})
    monkeypatch.setitem(remote.REMOTE, "mnist", _set(["http://127.0.0.1:9/"], name="mnist"))
    assert cli.main(["data", "list"]) == 0
    assert "not downloaded" in capsys.readouterr().out
    assert cli.main(["data", "fetch", "mnist", "--mirror", srv.url + "/mirror"]) == 0
    out = capsys.readouterr()
    assert "ready in" in out.out and "downloading train-images-idx3-ubyte.gz (1/4)" in out.err
    assert np.array_equal(load_builtin("mnist").y[:3], [0, 1, 2])
    assert cli.main(["data", "fetch", "cifar"]) == 2
    assert "no downloadable data set 'cifar'" in capsys.readouterr().err
