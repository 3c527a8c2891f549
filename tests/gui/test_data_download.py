"""The window offers to download MNIST-like sets and reads them off the GUI thread: against a local HTTP server
on 127.0.0.1 serving a tiny set in MNIST's format (tests never use the internet)."""

import http.server
import threading
import time

import numpy as np
import pytest

from nnstudio.data import remote
from nnstudio.gui.data_panel import DataPanel
from nnstudio.project import Project
from tests.data.fixtures_idx import mnist_like, sha256
from tests.data.test_remote import _Server

FILES = mnist_like()


def tiny_mnist(files=FILES, mirrors=("http://127.0.0.1:9/",)):
    entries = tuple(remote.RemoteFile(n, sha256(b), len(b)) for n, b in files.items())
    return remote.RemoteSet("mnist", "MNIST", entries, tuple(mirrors), "test data")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path / "cache"))


@pytest.fixture
def server():
    made = []
    yield lambda routes: made.append(_Server(routes)) or made[-1]
    for s in made:
        s.close()


def mnist_project(as_images=True) -> Project:
    p = Project.new("digits")
    p.data["source"] = {"kind": "builtin", "name": "mnist", "as_images": as_images}
    return p


def make_panel(qtbot, project=None):
    panel = DataPanel(ask=False)
    qtbot.addWidget(panel)
    panel.show()
    if project is not None:
        panel.load(project)
    return panel


def test_a_project_on_missing_mnist_offers_the_download_and_then_loads_it(qtbot, server, monkeypatch, tmp_path):
    srv = server({f"/school/mnist/{n}": b for n, b in FILES.items()})
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())
    monkeypatch.setenv(remote.ENV_MIRROR, srv.url + "/school")
    panel = make_panel(qtbot, mnist_project())
    box = panel.download_box
    assert panel.dataset is None and box.download.isVisible()
    assert box.download.text().startswith("Download MNIST (")
    # the window's buttons, not the command line (`nnstudio data fetch`, --mirror) the data layer names
    assert "not on this computer yet" in box.note.text() and "“Download MNIST (" in box.note.text()
    assert "Use files I have" in box.note.text() and "nnstudio data fetch" not in box.note.text()
    assert [m.message for m in panel.problems()] == [box.note.text()]
    with qtbot.waitSignal(panel.loaded, timeout=20000) as loaded:
        box.download.click()
    ds = loaded.args[0]
    assert panel.dataset is ds and ds.X.shape == (17, 28, 28, 1) and ds.X.dtype == np.float32
    assert list(ds.fixed_test) == list(range(12, 17))
    assert not box.isVisible() and panel.problems() == [] and panel.error_label.isHidden()
    assert any(r.endswith("train-images-idx3-ubyte.gz") for r in srv.requests)


def test_a_cached_set_is_read_in_the_background_with_a_busy_bar(qtbot, monkeypatch, tmp_path):
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())
    folder = remote.dataset_dir("mnist")
    folder.mkdir(parents=True)
    for name, body in FILES.items():
        (folder / name).write_bytes(body)
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.load(mnist_project(as_images=False))
        assert panel.loading() and panel.download_box.bar.isVisible()
        assert panel.download_box.bar.maximum() == 0            # busy: reading gives no progress
        assert "Reading MNIST" in panel.download_box.bar.format()
    assert panel.dataset.X.shape == (17, 784) and not panel.download_box.isVisible()


def test_choosing_mnist_in_the_panel_downloads_and_records_the_source(qtbot, server, monkeypatch):
    srv = server({f"/m/{n}": b for n, b in FILES.items()})
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist(mirrors=(srv.url + "/m/",)))
    project = Project.new("choose")
    panel = make_panel(qtbot, project)
    panel.kind.setCurrentIndex(panel.kind.findData("builtin"))
    panel.builtin.setCurrentIndex(panel.builtin.findData("mnist"))
    assert panel.download_box.download.isVisible()
    assert (project.data.get("source") or {}).get("name") != "mnist"   # nothing changes until the data is here
    with qtbot.waitSignal(panel.dataChanged, timeout=20000):
        panel.download_box.download.click()
    assert project.data["source"] == {"kind": "builtin", "name": "mnist", "as_images": False}


def test_offline_is_one_sentence_naming_files_and_folder_and_the_button_stays(qtbot, monkeypatch):
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())   # port 9: nothing listens
    panel = make_panel(qtbot, mnist_project())
    with qtbot.waitSignal(panel.loader.failed, timeout=30000):
        panel.download_box.download.click()
    text = panel.error_label.text()
    assert panel.error_label.isVisible() and "Traceback" not in text and "\n" not in text
    assert "train-images-idx3-ubyte.gz" in text and str(remote.dataset_dir("mnist")) in text
    assert panel.download_box.download.isVisible() and panel.dataset is None


class _SlowHandler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        for start in range(0, len(self.body), 1 << 16):
            try:
                self.wfile.write(self.body[start:start + (1 << 16)])
            except OSError:         # the client went away (cancelled)
                return
            time.sleep(0.05)

    def log_message(self, *args):
        pass


def test_cancel_stops_the_download_and_leaves_nothing_half_written(qtbot, monkeypatch):
    big = mnist_like(n_train=3000)
    _SlowHandler.body = big["train-images-idx3-ubyte.gz"]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist(
            big, mirrors=(f"http://127.0.0.1:{httpd.server_address[1]}/",)))
        panel = make_panel(qtbot, mnist_project())
        shown = []

        def cancel(_done, _total):
            shown.append(panel.download_box.bar.format())
            panel.download_box.cancel.click()
        panel.loader.progressed.connect(cancel)
        with qtbot.waitSignal(panel.loader.cancelled, timeout=30000):
            panel.download_box.download.click()
        assert shown and shown[0].endswith(" MB") and " of " in shown[0]
        assert panel.download_box.download.isVisible() and panel.dataset is None
        folder = remote.dataset_dir("mnist")
        assert sorted(p.name for p in folder.iterdir()) == []    # no part file, no unverified file
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_the_mnist_sample_opened_without_the_data_shows_the_offer_in_the_window(make_window, qtbot):
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    w = make_window(load(samples_dir() / "mnist_two_layer.nnproj"), (1024, 768))
    panel = w.training.data_panel
    assert panel.download_box.download.isVisibleTo(w) and panel.dataset is None
    assert any("not on this computer yet" in p.message for p in panel.problems())
    with qtbot.waitSignal(w.training.controller.failed, timeout=10000) as failed:
        w.training.controller.train()           # Train says it with the window's words too
    assert "In the Data panel" in failed.args[0] and "`" not in failed.args[0]


def test_the_mnist_sample_with_the_set_cached_loads_it_after_the_first_paint(qtbot, make_window, monkeypatch):
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())
    folder = remote.dataset_dir("mnist")
    folder.mkdir(parents=True)
    for name, body in FILES.items():
        (folder / name).write_bytes(body)
    w = make_window(load(samples_dir() / "mnist_two_layer.nnproj"), (1024, 768))
    panel = w.training.data_panel
    qtbot.waitUntil(lambda: panel.dataset is not None, timeout=20000)
    assert panel.dataset.X.dtype == np.float32 and not w.is_modified()
    assert not panel.download_box.isVisible() and panel.problems() == []
    job = w.training._make_job(1)
    assert job.prepared.dataset is panel.dataset           # training uses the set in memory, not a re-read


def test_files_a_student_has_are_imported_instead_of_downloaded(qtbot, monkeypatch, tmp_path):
    """"Use files I have…": the four IDX files (here gzipped and in any order) are copied into the data
    folder off the GUI thread and the set loads, with no connection at all."""
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())   # port 9: a download would fail
    stick = tmp_path / "usb"
    stick.mkdir()
    for name, body in FILES.items():
        (stick / name).write_bytes(body)
    chosen = [str(stick / n) for n in reversed(list(FILES))]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    panel = make_panel(qtbot, mnist_project())
    box = panel.download_box
    assert box.import_files.isVisible() and box.import_files.text() == "Use files I have…"
    with qtbot.waitSignal(panel.loaded, timeout=20000) as loaded:
        box.import_files.click()
    ds = loaded.args[0]
    assert ds.X.shape == (17, 28, 28, 1) and list(ds.fixed_test) == list(range(12, 17))
    assert not box.isVisible() and panel.problems() == []
    assert sorted(p.name for p in remote.dataset_dir("mnist").glob("*.gz")) == sorted(FILES)


def test_wrong_files_say_why_in_one_sentence_and_the_offer_stays(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())
    (tmp_path / "notes.txt").write_text("not a data file")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(tmp_path / "notes.txt")], ""))
    panel = make_panel(qtbot, mnist_project())
    with qtbot.waitSignal(panel.loader.failed, timeout=20000):
        panel.download_box.import_files.click()
    text = panel.error_label.text()
    assert "four IDX files" in text and "\n" not in text and "Traceback" not in text
    assert panel.download_box.import_files.isVisible() and panel.dataset is None
    assert not remote.dataset_dir("mnist").exists()


def test_cancelling_the_file_dialog_changes_nothing(qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setitem(remote.REMOTE, "mnist", tiny_mnist())
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    panel = make_panel(qtbot, mnist_project())
    panel.download_box.import_files.click()
    assert not panel.loading() and panel.download_box.import_files.isVisible() and panel.dataset is None


def test_california_housing_offers_its_download_with_its_size_and_no_file_import(qtbot):
    # its 0.4 MB read "(0 MB)", and "Use files I have…" only knows MNIST-style IDX files
    p = Project.new("regression")
    p.data["source"] = {"kind": "builtin", "name": "california_housing"}
    panel = make_panel(qtbot, p)
    box = panel.download_box
    qtbot.waitUntil(box.download.isVisible)
    size = remote.remote_set("california_housing").total_size / (1 << 20)
    assert f"({size:.1f} MB)" in box.download.text() and "(0 MB)" not in box.download.text()
    assert not box.import_files.isVisibleTo(panel)
    folder = str(remote.dataset_dir("california_housing"))          # a long path without a space in it
    assert folder in box.note.toolTip() and "\u200b" not in box.note.toolTip()   # whole, to copy from
    assert box.note.minimumSizeHint().width() < 260                 # it wraps in a 1024x768 window's dock
    mnist = make_panel(qtbot, mnist_project())
    qtbot.waitUntil(mnist.download_box.download.isVisible)
    assert mnist.download_box.import_files.isVisibleTo(mnist)


@pytest.mark.parametrize("size, shown", [(400_000, "0.4"), (11_594_722, "11"), (30 << 20, "30"), (9 << 20, "9.0")])
def test_download_sizes_read_in_megabytes(size, shown):
    from nnstudio.gui.missing_data import megabytes

    assert megabytes(size) == shown


def test_a_regression_lesson_opened_without_its_data_shows_regression_metrics(make_window):
    from nnstudio.paths import samples_dir
    from nnstudio.project import load

    w = make_window(load(samples_dir() / "california_mlp.nnproj"))            # not downloaded here
    assert w.training.data_panel.dataset is None
    assert w.training.views.metric.metrics == ("mae", "r2")           # not an accuracy plot
    assert w.training.panel.task == "regression"
    mnist = make_window(load(samples_dir() / "mnist_cnn.nnproj"))
    assert mnist.training.views.metric.metrics == ("accuracy",) and mnist.training.panel.task == "multiclass"
