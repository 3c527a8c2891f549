"""Files from the window: save and reopen, the unsaved-changes prompt, corrupt files, recent files,
revert, autosave recovery, canvas export, and dropping a project on the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnstudio.gui import settings
from nnstudio.project import Project, load
from tests.gui.gestures import drop


def build(window):
    window.scene.select_ids(["input"])
    window.add_after_selected("Dense")
    window.add_after_selected("Dense")
    return window.document.spec


def answer(monkeypatch, name, value, seen=None):
    def dialog(*args, **kwargs):
        if seen is not None:
            seen.append([a for a in args if isinstance(a, str)])
        return value
    monkeypatch.setattr(QMessageBox, name, dialog)


def save_as(window, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.actions.save_as.trigger()


def test_title_shows_star_while_unsaved(window, tmp_path, monkeypatch):
    assert "*" not in window.windowTitle()
    build(window)
    assert window.windowTitle().startswith("Untitled*")
    save_as(window, monkeypatch, tmp_path / "net")  # the extension is added
    assert window.windowTitle() == "net.nnproj — nnstudio"
    assert not window.is_modified()
    window.mark_modified()
    assert window.windowTitle() == "net.nnproj* — nnstudio"


def test_save_reopen_and_compare(window, tmp_path, monkeypatch):
    spec = build(window)
    save_as(window, monkeypatch, tmp_path / "net.nnproj")
    assert (tmp_path / "net.nnproj").is_file()
    assert load(tmp_path / "net.nnproj").spec == spec
    window.files.new()
    assert window.document.ids() == ["input"]
    assert window.files.open_path(tmp_path / "net.nnproj")
    assert window.document.spec == spec
    assert set(window.scene.cards) == set(spec_ids(spec))
    assert not window.undo_stack.canUndo() and not window.is_modified()


def spec_ids(spec):
    return [n["id"] for n in spec["nodes"]]


def test_save_keeps_project_in_sync_with_document(window, tmp_path, monkeypatch):
    build(window)
    save_as(window, monkeypatch, tmp_path / "a.nnproj")
    assert window.project.spec == window.document.spec
    assert window.project.path == tmp_path / "a.nnproj"


@pytest.mark.parametrize("choice, proceeds, saved", [
    (QMessageBox.Cancel, False, False), (QMessageBox.Discard, True, False), (QMessageBox.Save, True, True)])
def test_unsaved_changes_prompt_on_new(window, tmp_path, monkeypatch, choice, proceeds, saved):
    spec = build(window)
    seen = []
    answer(monkeypatch, "warning", choice, seen)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "s.nnproj"), ""))
    window.actions.new.trigger()
    assert seen and "not saved" in seen[0][1]
    assert (window.document.ids() == ["input"]) is proceeds
    if not proceeds:
        assert window.document.spec == spec and window.is_modified()
    assert (tmp_path / "s.nnproj").exists() is saved


def test_close_with_unsaved_changes_can_be_cancelled(window, monkeypatch):
    build(window)
    answer(monkeypatch, "warning", QMessageBox.Cancel)
    assert not window.close()
    assert window.isVisible()
    answer(monkeypatch, "warning", QMessageBox.Discard)
    assert window.close()


def test_corrupt_file_gives_one_sentence_and_keeps_the_current_project(window, tmp_path, monkeypatch):
    spec = build(window)
    window.mark_saved()
    bad = tmp_path / "broken.nnproj"
    bad.write_bytes(b"this is not a zip archive")
    seen = []
    answer(monkeypatch, "critical", QMessageBox.Ok, seen)
    assert not window.files.open_path(bad)
    assert len(seen) == 1
    title, sentence = seen[0][0], seen[0][1]
    assert title == "Cannot open project"
    assert str(bad) in sentence and "\n" not in sentence and "Traceback" not in sentence
    assert window.document.spec == spec
    assert window.statusBar().currentMessage() == sentence


def test_missing_recent_file_is_dropped_from_the_list(window, tmp_path, monkeypatch):
    ghost = tmp_path / "gone.nnproj"
    settings.add_recent(ghost)
    window.refresh_recent()
    assert str(ghost) in window.recent_menu.actions()[0].text()
    answer(monkeypatch, "critical", QMessageBox.Ok)
    window.recent_menu.actions()[0].trigger()
    assert settings.recent_files() == []


def test_recent_files_menu_reopens(window, tmp_path, monkeypatch):
    spec = build(window)
    save_as(window, monkeypatch, tmp_path / "r.nnproj")
    window.files.new()
    assert settings.recent_files() == [str((tmp_path / "r.nnproj").resolve())]
    window.recent_menu.actions()[0].trigger()
    assert window.document.spec == spec


def test_revert_discards_changes_after_confirmation(window, tmp_path, monkeypatch):
    spec = build(window)
    save_as(window, monkeypatch, tmp_path / "v.nnproj")
    window.editor.add_layer("Dropout", (0, 400))
    answer(monkeypatch, "question", QMessageBox.Discard)
    window.actions.revert.trigger()
    assert window.document.spec == spec and not window.is_modified()


def test_autosave_then_recovery_on_next_start(window, qtbot, tmp_path, monkeypatch):
    spec = build(window)
    written = window.files.autosave()
    window.files.autosaver.wait()
    assert written is not None and written.is_file()
    assert load(written).spec == spec
    window.files.autosaver.lock.release(remove=False)   # what a crash does: the lock goes, the files stay

    from nnstudio.gui.main_window import MainWindow

    second = MainWindow(panels=False)
    try:
        seen = []
        answer(monkeypatch, "question", QMessageBox.Yes, seen)
        assert second.files.offer_recovery()
        assert "did not close properly" in seen[0][1]
        assert second.document.spec == spec
        assert second.is_modified()
        assert not written.exists() and not written.with_suffix(".lock").exists()  # offered once
        assert not second.files.offer_recovery()
    finally:
        second.mark_saved()
        second.close()


def test_autosave_skips_when_nothing_changed(window):
    assert window.files.autosave() is None
    assert window.files.autosave_timer.interval() == 120_000


def test_export_png_and_svg(window, tmp_path):
    build(window)
    assert window.files.export_image(str(tmp_path / "net.png"))
    assert window.files.export_image(str(tmp_path / "net.svg"))
    assert (tmp_path / "net.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "net.svg").read_text()
    assert "<svg" in svg and "dense_1" in svg


@pytest.mark.parametrize("chosen, suffix", [("PNG image (*.png)", ".png"), ("SVG drawing (*.svg)", ".svg")])
def test_a_picture_name_typed_without_its_type_gets_the_chosen_filters(window, tmp_path, monkeypatch, chosen,
                                                                        suffix):
    """"pic" with the PNG filter failed as "Cannot write .../pic"."""
    build(window)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a[2]) or (str(tmp_path / "pic"),
                                                                                                  chosen))
    assert window.files.export_image()
    assert Path(asked[0]).parent == Path.home()             # a new project: home, not the working folder
    assert (tmp_path / f"pic{suffix}").exists() and not (tmp_path / "pic").exists()


def test_dropping_a_project_file_opens_it(window, tmp_path):
    other = Project.new("dropped")
    other.spec["nodes"].append({"id": "d", "type": "Dense", "params": {"units": 2}, "position": [300.0, 0.0]})
    other.spec["edges"].append(["input", "d"])
    other.save(tmp_path / "dropped.nnproj")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped.nnproj"))])
    event = drop(window.canvas, mime, QPointF(0, 0))
    assert event.isAccepted()
    assert window.document.ids() == ["input", "d"]


def test_layout_and_docks_persist(qtbot, window):
    window.docks["summary_dock"].hide()
    window.close()
    from nnstudio.gui.main_window import MainWindow

    again = MainWindow(panels=False)
    try:
        again.show()
        assert not again.docks["summary_dock"].isVisible()
        assert again.docks["palette_dock"].isVisible()
    finally:
        again.close()


def test_save_failure_is_reported_not_raised(window, tmp_path, monkeypatch):
    build(window)
    seen = []
    answer(monkeypatch, "critical", QMessageBox.Ok, seen)
    target = tmp_path / "no_such_folder" / "x.nnproj"
    assert not window.files.save_to(target)
    assert seen and seen[0][1].startswith(f"Cannot save {target}")
    assert window.is_modified()
    assert not target.exists()
