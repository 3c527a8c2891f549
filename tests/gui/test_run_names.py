"""Run names in the interface's language: the names the studio gives runs ("Run 2", "Run 2 from epoch 5") stay
English in the file and show translated in the window; a name the user typed shows as typed, and a branch of it
shows the studio's " from epoch <k>" translated."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from nnstudio.gui import language
from nnstudio.gui.run_names import shown, stored
from nnstudio.gui.runs_view import RunsComparison, open_runs_view
from nnstudio.project import compare, load, runs
from tests.project.test_runner import moons_project

from .training.test_window import spiral_project, train


@pytest.fixture
def chinese(qapp):
    assert language.install(qapp, "zh_CN")
    yield
    language.install(qapp, "en")


@pytest.fixture(scope="module")
def two_runs():
    """Kept runs "Run 1" (the name the studio gave it) and "batch 16" (typed), both trained; "Run 3" current."""
    project = moons_project()
    for value, name in ((1, "Run 1"), (16, "batch 16")):
        variant = compare.grid([compare.Vary("training.batch_size", (value,))])[0]
        run = compare.as_run(compare.train(project, variant, epochs=2))
        run.info.name = name
        runs.keep(project, run)
    project.run = runs.RunInfo(id="run-3", name="Run 3")
    return project


def test_english_shows_every_name_as_stored():
    for name in ("Run 1", "Run 2 from epoch 5 from epoch 7", "batch 16"):
        assert shown(name) == name


def test_chinese_translates_automatic_names_only(chinese):
    assert shown("Run 2") == "第 2 次训练"
    assert shown("Run 2 from epoch 5") == "第 2 次训练（从第 5 轮继续）"
    assert shown("Run 2 from epoch 5 from epoch 7") == "第 2 次训练（从第 5 轮继续）（从第 7 轮继续）"
    for typed in ("batch 16", "Run", "Run 01", "run 1", "Run 1 ", "Run 1b", "第 1 次训练", "from epoch 3",
                  "Run 2 from epoch 05"):
        assert shown(typed) == typed


def test_a_branch_of_a_renamed_run_translates_the_studios_part(chinese):
    """runs.branch names a branch "<source name> from epoch <k>" in English whatever the source's name."""
    assert shown("基线 from epoch 5") == "基线（从第 5 轮继续）"
    assert shown("batch 16 from epoch 0 from epoch 2") == "batch 16（从第 0 轮继续）（从第 2 轮继续）"
    assert stored("基线（从第 5 轮继续）", "基线 from epoch 5") == "基线 from epoch 5"   # confirmed unchanged


def test_the_rename_editor_keeps_an_unchanged_automatic_name(chinese):
    assert stored("第 2 次训练", "Run 2") == "Run 2"          # confirmed as shown: stays automatic
    assert stored("  第 2 次训练 ", "Run 2") == "Run 2"
    assert stored("基线", "Run 2") == "基线"
    assert stored("第 3 次训练", "Run 2") == "第 3 次训练"     # another number typed: the user's own name
    assert stored("batch 16", "batch 16") == "batch 16"


def test_the_runs_window_in_chinese_translates_automatic_names_and_keeps_typed_ones(qtbot, chinese, two_runs):
    view = RunsComparison(lambda: two_runs)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert [view.table.item(r, 0).text() for r in range(view.table.rowCount())] == ["第 1 次训练", "batch 16"]
    first, typed = two_runs.runs
    assert view.curves[(first.id, "loss")].name() == "第 1 次训练"
    assert view.curves[(typed.id, "loss")].name() == "batch 16"
    assert "第 1 次训练" in view.curves[(first.id, "val_loss")].name()
    runs.pin(two_runs, first.id)
    try:
        view.refresh()
        assert view.table.item(0, 0).text().startswith("第 1 次训练") and "Run" not in view.table.item(0, 0).text()
    finally:
        runs.pin(two_runs, first.id, False)
    view.close()


def test_renaming_in_chinese_starts_from_the_shown_name_and_saves_the_automatic_one(
        qtbot, chinese, make_window, monkeypatch, tmp_path):
    w = make_window(spiral_project(epochs=1))
    train(qtbot, w)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.training.panel.reset_btn.click()                    # the first run kept, "Run 2" started, in Chinese
    train(qtbot, w)
    p = w.project
    assert [r.name for r in runs.all_runs(p)] == ["Run 1", "Run 2"]
    view = open_runs_view(w)
    assert [view.table.item(r, 0).text() for r in range(2)] == ["第 1 次训练", "第 2 次训练"]
    offered = []

    def confirm(text):
        def get_text(parent, title, label, mode, initial, *rest, **kw):
            offered.append(initial)
            return (initial if text is None else text), True
        monkeypatch.setattr(QInputDialog, "getText", get_text)

    steps = w.undo_stack.count()
    view.select(p.run.id)
    confirm(None)                                         # OK on the name as offered
    view.buttons["rename"].click()
    assert offered == ["第 2 次训练"] and p.run.name == "Run 2" and w.undo_stack.count() == steps
    view.select(p.runs[0].id)
    confirm("基线")
    view.buttons["rename"].click()
    assert p.runs[0].name == "基线" and view.table.item(0, 0).text() == "基线"
    view.select(p.runs[0].id)
    confirm(None)
    view.buttons["rename"].click()
    assert offered[-1] == "基线" and p.runs[0].name == "基线"
    view.close()
    path = tmp_path / "runs.nnproj"
    w.spec_to_project()
    p.save(path)
    with zipfile.ZipFile(path) as archive:
        doc = json.loads(archive.read("project.json"))
    assert doc["run"]["name"] == "Run 2" and [r["name"] for r in doc["runs"]] == ["基线"]
    assert load(path).run.name == "Run 2"
