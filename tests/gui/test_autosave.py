"""Nothing lost (#20 items 2-4, 9): autosave soon and off the GUI thread, each instance's copies its own,
recovery that never deletes what it could not restore, weights that follow edits, samples kept as templates."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnstudio.gui import settings
from nnstudio.paths import samples_dir
from nnstudio.project import Project, load, runner
from tests.gui.test_files import answer, build, save_as


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leave_copy(name: str, project: Project | None = None):
    """An autosaved copy as another instance leaves it."""
    folder = settings.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    project = project or Project.new("other instance's work")
    path = project.save(folder / f"{name}.nnproj")
    (folder / f"{name}.json").write_text('{"original": null}')
    return path


# ----- item 3: when and where autosave happens ---------------------------------------------------------------
def test_the_first_change_is_autosaved_within_seconds(window, qtbot):
    saver = window.files.autosaver
    assert saver.soon.interval() <= 10_000 and not saver.soon.isActive()
    build(window)
    assert saver.soon.isActive()                  # not two minutes away: a crash now would lose the edit
    saver.soon.setInterval(20)
    window.files.changed()
    qtbot.waitUntil(lambda: not saver.soon.isActive(), timeout=5000)
    saver.wait()
    assert load(saver.path).spec == window.document.spec


def test_recorded_training_autosaves_at_once(window):
    """mark_modified (what recording a session calls) autosaves soon; autosave_now writes at once."""
    window.files.open_path(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(window.project, epochs=3)
    window.mark_modified()
    assert window.files.autosaver.soon.isActive()
    assert window.files.autosave_now() == window.files.autosaver.path
    window.files.autosaver.wait()
    back = load(window.files.autosaver.path)
    np.testing.assert_array_equal(back.weights["h"]["kernel"], window.project.weights["h"]["kernel"])


def test_a_mid_session_checkpoint_is_written_as_given(window):
    window.files.open_path(samples_dir() / "xor_hidden_layer.nnproj")
    checkpoint = window.project.snapshot()
    checkpoint.weights = checkpoint.network(seed=5).get_weights()
    assert not window.is_modified()
    path = window.files.autosave_now(checkpoint)
    window.files.autosaver.wait()
    np.testing.assert_array_equal(load(path).weights["h"]["kernel"], checkpoint.weights["h"]["kernel"])


def test_autosave_writes_in_a_worker_thread(window, monkeypatch):
    threads = []
    real = Project.save

    def spy(self, *args, **kwargs):
        threads.append(threading.current_thread())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Project, "save", spy)
    build(window)
    window.files.autosave()
    window.files.autosaver.wait()
    assert threads and threads[0] is not threading.main_thread()


def test_closing_removes_the_copy_and_the_lock(window):
    build(window)
    saver = window.files.autosaver
    path = saver.autosave()
    window.mark_saved()
    window.close()
    assert not path.exists() and not path.with_suffix(".json").exists() and not saver.lock.path.exists()


# ----- item 4: two instances -----------------------------------------------------------------------------
def test_a_running_instances_copy_is_neither_offered_nor_deleted(window):
    """With instance A running (another process) and autosaved, starting B offers nothing and deletes nothing."""
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        copy = _leave_copy(f"autosave-{alive.pid}")
        assert window.files.pending_recoveries() == []
        assert not window.files.offer_recovery()        # no dialog (the fixture fails on any)
        assert copy.exists() and copy.with_suffix(".json").exists()
    finally:
        alive.kill()
        alive.wait()
    assert window.files.pending_recoveries() == [copy]  # A is gone: now its copy is offered


def test_a_held_lock_keeps_the_copy_its_owners(window):
    folder = settings.autosave_dir()
    copy = _leave_copy("autosave-1-0")        # process 1 runs, but the lock decides
    code = ("import sys, time; from nnstudio.instances import InstanceLock; "
            "assert InstanceLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(60)")
    owner = subprocess.Popen([sys.executable, "-c", code, str(folder / "autosave-1-0.lock")],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert owner.stdout.readline().strip() == "held"
        assert window.files.pending_recoveries() == []
    finally:
        owner.kill()
        owner.wait()
        owner.stdout.close()
    assert window.files.pending_recoveries() == [copy]   # its owner died: the lock is free


# ----- item 2: recovery never deletes what it could not restore ------------------------------------------
def test_a_copy_that_cannot_be_recovered_is_kept_and_its_place_named(window, monkeypatch):
    folder = settings.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"autosave-{_dead_pid()}.nnproj"
    copy.write_bytes(b"PK\x03\x04 not really a project")
    answer(monkeypatch, "question", QMessageBox.Yes)
    seen = []
    answer(monkeypatch, "critical", QMessageBox.Ok, seen)
    assert not window.files.offer_recovery()
    assert copy.exists()
    assert str(copy) in seen[0][1] and "kept" in seen[0][1]


def test_trained_sample_edited_saves_reopens_and_undo_restores_weights(window, tmp_path, monkeypatch):
    """#20 item 2 in the window: train, hidden units 10 -> 7, Save, open; undo brings the weights back."""
    window.files.open_path(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(window.project, epochs=5)
    trained = window.project.weights["h"]["kernel"].copy()
    window.editor.set_params("h", {"units": 7, "activation": "tanh"}, "Change units")
    assert "h" not in window.project.weights
    assert "no longer fit" in window.statusBar().currentMessage()
    window.spec_to_project()              # what saving does first
    assert runner.prepare(window.project).network.get_weights()["h"]["kernel"].shape == (2, 7)
    save_as(window, monkeypatch, tmp_path / "xor7.nnproj")
    back = load(tmp_path / "xor7.nnproj")
    runner.train(back, epochs=1)
    window.undo()
    np.testing.assert_array_equal(window.project.weights["h"]["kernel"], trained)
    window.files.save_to(tmp_path / "xor10.nnproj")
    np.testing.assert_array_equal(load(tmp_path / "xor10.nnproj").weights["h"]["kernel"], trained)


# ----- item 9: samples are templates ---------------------------------------------------------------------
def test_save_on_a_sample_asks_where_and_never_writes_the_installed_copy(window, tmp_path, monkeypatch):
    sample = samples_dir() / "xor_hidden_layer.nnproj"
    installed = sample.read_bytes()
    assert window.files.open_path(sample)
    assert "sample" in window.windowTitle()
    build(window)
    asked = []

    def where(parent, caption, suggested, *rest):
        asked.append(suggested)
        return str(tmp_path / "mine.nnproj"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", where)
    window.actions.save.trigger()
    assert asked and not asked[0].startswith(str(samples_dir()))
    assert sample.read_bytes() == installed
    assert window.project.path == tmp_path / "mine.nnproj" and "sample" not in window.windowTitle()


def test_save_as_into_the_samples_folder_is_refused(window, monkeypatch):
    window.files.open_path(samples_dir() / "perceptron_and.nnproj")
    installed = (samples_dir() / "perceptron_and.nnproj").read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(samples_dir() / "perceptron_and.nnproj"), ""))
    seen = []
    answer(monkeypatch, "critical", QMessageBox.Ok, seen)
    assert not window.files.save_as()
    assert "sample" in seen[0][1]
    assert (samples_dir() / "perceptron_and.nnproj").read_bytes() == installed


@pytest.mark.skipif(os.name == "nt", reason="process ids in file names are checked with POSIX signals")
def test_opening_a_project_removes_what_killed_saves_left(window, tmp_path):
    path = Project.new("x").save(tmp_path / "x.nnproj")
    stale = tmp_path / f".x.nnproj.{_dead_pid()}-abcd1234.tmp"
    stale.write_bytes(b"half a project")
    assert window.files.open_path(path)
    assert not stale.exists()


# ----- #13 item 4: export the model from the window ----------------------------------------------------------
def test_export_model_from_the_file_menu(window, tmp_path, monkeypatch):
    window.files.open_path(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(window.project, epochs=2)
    offered = []

    def where(parent, caption, start, filters, chosen):
        offered.extend(filters.split(";;"))
        return str(tmp_path / "xor"), "NumPy weights (*.npz)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", where)
    window.actions.export_model.trigger()
    assert len(offered) == 6 and any("ONNX" in f for f in offered) and any("PyTorch" in f for f in offered)
    assert (tmp_path / "xor.npz").is_file()
    assert "raw data" in window.statusBar().currentMessage()
    file_menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Export &Model…" in file_menu and "&Export Picture of the Canvas…" in file_menu


def test_export_a_keras_model_file_from_the_file_menu(window, tmp_path, monkeypatch):
    """Tutorial 001's save-and-reload: the .keras choice of the dialog writes a file named by its suffix."""
    pytest.importorskip("h5py")
    window.files.open_path(samples_dir() / "keras_xor.nnproj")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (
        str(tmp_path / "xor"), next(f for f in args[3].split(";;") if f.endswith("(*.keras)"))))
    window.actions.export_model.trigger()
    assert (tmp_path / "xor.keras").is_file()
    assert "xor.keras" in window.statusBar().currentMessage()


def test_export_model_failure_is_one_sentence(window, tmp_path, monkeypatch):
    build(window)
    seen = []
    answer(monkeypatch, "critical", QMessageBox.Ok, seen)
    assert window.files.export_model(str(tmp_path / "missing" / "m.onnx"), "onnx") == []
    assert seen[0][1].startswith(f"Cannot export the model to {tmp_path / 'missing' / 'm.onnx'}: ")
    assert seen[0][1].count(".") >= 1 and "Traceback" not in seen[0][1]


def test_the_toolbar_says_its_export_is_a_picture(window):
    texts = [a.iconText() for a in window.toolbar.actions()]
    assert "Export picture" in texts and "Export" not in texts


def test_a_headless_run_that_quits_leaves_no_autosave(qapp, tmp_path, monkeypatch):
    """`nnstudio gui x --train --quit-when-done` ends with the window open: its autosave must go too, else the
    next start says nnstudio did not close properly."""
    import nnstudio.gui.training.headless as headless
    from PySide6.QtWidgets import QApplication

    from nnstudio.gui import app as app_module

    seen = {}

    def run(window, **_kw):
        window.mark_modified()
        seen["copy"] = window.files.autosave_now()
        window.files.autosaver.wait()
        assert seen["copy"].is_file()
        seen["window"] = window
        return None   # the event loop runs ...

    monkeypatch.setattr(headless, "run", run)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)   # ... and quits, the window still open
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    path = Project.new("t").save(tmp_path / "t.nnproj")
    assert app_module.main([str(path), "--train", "--quit-when-done"]) == 0
    assert not seen["copy"].exists() and not seen["copy"].with_suffix(".lock").exists()
    seen["window"].mark_saved()
    seen["window"].close()


def test_locks_and_notes_without_a_copy_are_swept_at_start(window):
    from nnstudio.gui.main_window import MainWindow

    folder = settings.autosave_dir()
    orphan = folder / f"autosave-{_dead_pid()}-3.lock"
    note = folder / f"autosave-{_dead_pid()}-4.json"
    orphan.write_text("1\n")
    note.write_text("{}")
    mine = window.files.autosaver.lock.path   # a running instance's lock: kept
    second = MainWindow(panels=False)
    try:
        assert not orphan.exists() and not note.exists() and mine.exists()
    finally:
        second.close()


def test_autosaves_do_not_pile_up_behind_a_slow_write(window, monkeypatch):
    """While a large project is being written, further autosaves wait for it instead of queueing copies."""
    gate, calls = threading.Event(), []
    real = Project.save

    def slow(self, *args, **kwargs):
        calls.append(1)
        gate.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Project, "save", slow)
    build(window)
    saver = window.files.autosaver
    for _ in range(5):
        saver.autosave()
    assert saver.soon.isActive()      # tried again later
    gate.set()
    saver.wait()
    assert len(calls) == 1
