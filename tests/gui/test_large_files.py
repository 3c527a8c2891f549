"""Large projects are saved and opened in a worker thread behind a progress dialog with Cancel (#20 item 8:
a 200 MB project froze the window 14.5 s on save and 5.4 s on open). Here ``BACKGROUND_BYTES`` is lowered
so small projects take that path; benchmarks/big_project.py measures the real thing."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from nnstudio.gui import files
from nnstudio.project import Project, load
from nnstudio.project import model as model_module

CSV = b"a,b,y\n" + b"".join(f"{i % 7},{i % 5},{i % 2}\n".encode() for i in range(3000))


@pytest.fixture(autouse=True)
def everything_is_large(monkeypatch):
    monkeypatch.setattr(files, "BACKGROUND_BYTES", 0)


def csv_project(path=None) -> Project:
    p = Project.new("Large")
    rel = p.embed("table.csv", CSV)
    p.data["source"] = {"kind": "csv", "path": rel, "target": "y"}
    if path is not None:
        p.save(path)
    return p


def slowly(monkeypatch, steps=400):
    """Project.save and load that report progress for a while first (as a large file would), so a test can
    act while the worker is busy."""
    real_save, real_load = model_module.Project.save, files.load

    def dawdle(progress):
        for i in range(steps):
            if progress is not None:
                progress(i, steps)
            time.sleep(0.01)

    def save(self, path=None, progress=None):
        dawdle(progress)
        return real_save(self, path, progress)

    def load(path, progress=None, **kw):
        dawdle(progress)
        return real_load(path, progress=progress, **kw)
    monkeypatch.setattr(model_module.Project, "save", save)
    monkeypatch.setattr(files, "load", load)


def press_cancel_soon(window):
    """Press the progress dialog's Cancel button once it is up."""
    def cancel():
        dialog = next((d for d in window.findChildren(QProgressDialog) if d.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, cancel)
        else:
            dialog.findChild(QPushButton).click()
    QTimer.singleShot(50, cancel)


def test_a_large_save_runs_while_the_window_keeps_handling_events(window, tmp_path, monkeypatch):
    slowly(monkeypatch, steps=30)
    window.editor.add_layer("Dense", (300.0, 0.0), after="input")
    ticks = []
    QTimer.singleShot(0, lambda: ticks.append("tick"))    # needs the GUI thread's event loop
    assert window.files.save_to(tmp_path / "p.nnproj")
    assert ticks == ["tick"]                               # it ran while the save was under way
    assert not window.is_modified() and window.project.path == tmp_path / "p.nnproj"
    assert load(tmp_path / "p.nnproj").spec == window.document.spec


def test_cancelling_a_large_save_keeps_the_old_file_and_the_changes(window, tmp_path, monkeypatch):
    path = tmp_path / "p.nnproj"
    assert window.files.save_to(path)
    before = path.read_bytes()
    window.editor.add_layer("Dense", (300.0, 0.0), after="input")
    slowly(monkeypatch)
    press_cancel_soon(window)
    assert not window.files.save_to(path)
    assert path.read_bytes() == before and window.is_modified()
    assert "cancelled" in window.statusBar().currentMessage()
    window.files.close()                      # waits for the worker, which stops at its next progress call
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.nnproj"]   # no temporary file left


def test_a_failed_large_save_is_one_sentence(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(files.messages, "show_error", lambda w, title, sentence: shown.append(sentence))
    target = tmp_path / "missing-folder" / "p.nnproj"
    assert not window.files.save_to(target)
    assert len(shown) == 1 and str(target) in shown[0]


def test_a_bug_in_the_worker_reaches_the_excepthook_not_a_sentence(window, tmp_path, monkeypatch):
    def broken(self, path=None, progress=None):
        raise KeyError("bug")
    monkeypatch.setattr(model_module.Project, "save", broken)
    with pytest.raises(KeyError):
        window.files.save_to(tmp_path / "p.nnproj")


def test_a_large_open_reads_the_data_in_the_worker(make_window, tmp_path, monkeypatch):
    path = tmp_path / "big.nnproj"
    csv_project(path)
    w = make_window()
    threads = []
    real = model_module.from_source

    def from_source(*args, **kwargs):
        import threading
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)
    monkeypatch.setattr(model_module, "from_source", from_source)
    assert w.files.open_path(path, ask=False)
    assert threads == [False]                 # read once, in the worker, not again on the GUI thread
    ds = w.training.data_panel.dataset
    assert ds is not None and len(ds.X) == 3000
    assert np.array_equal(ds.X[:3], [[0, 0], [1, 1], [2, 2]])


def test_cancelling_a_large_open_keeps_the_current_project(window, tmp_path, monkeypatch):
    path = tmp_path / "big.nnproj"
    csv_project(path)
    window.editor.add_layer("Dense", (300.0, 0.0), after="input")
    spec = window.document.spec
    slowly(monkeypatch)
    press_cancel_soon(window)
    assert not window.files.open_path(path, ask=False)
    assert window.document.spec == spec and window.project.path is None
    assert "cancelled" in window.statusBar().currentMessage()
