"""File ▸ Project Properties' notes editor shows hard-wrapped Markdown as it is stored: every stored line on one
line of the box whatever the box's width (a narrow window scrolls sideways), a paragraph typed in one piece
wrapped at the notes' own width, English and Chinese alike; editing stays undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextCursor

from nnstudio import translated_notes
from nnstudio.gui.project_properties import LessonFields, PropertiesDialog
from nnstudio.paths import samples_dir
from nnstudio.project import Project, load

SAMPLES = sorted(samples_dir().glob("*.nnproj"))


def notes_of(path, lang: str) -> str:
    notes = load(path).notes
    return notes if lang == "en" else translated_notes.translated(notes, lang)


def open_dialog(window, qtbot, notes: str) -> PropertiesDialog:
    dialog = PropertiesDialog(LessonFields("Title", "", notes, None), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def screen_lines(editor) -> list[int]:
    """How many lines of the box each stored line (text block) takes, laid out as the box shows it."""
    doc = editor.document()
    counts, block = [], doc.begin()
    while block.isValid():
        doc.documentLayout().blockBoundingRect(block)     # laid out, also past the first screen
        counts.append(block.layout().lineCount())
        block = block.next()
    return counts


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_stored_line_of_the_samples_notes_shows_on_one_line(window, qtbot, lang):
    for path in SAMPLES:
        notes = notes_of(path, lang)
        dialog = open_dialog(window, qtbot, notes)
        editor = dialog.notes
        assert editor.toPlainText() == notes
        assert screen_lines(editor) == [1] * len(notes.split("\n")), path.name
        dialog.close()


def test_the_wrap_does_not_follow_the_box_width(window, qtbot):
    notes = notes_of(samples_dir() / "learning_rates.nnproj", "en")
    dialog = open_dialog(window, qtbot, notes)
    editor = dialog.notes
    assert editor.font().family() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    width = editor.wrap_width()
    dialog.resize(dialog.minimumSizeHint().width() + 40, dialog.height())   # a window narrower than the text
    qtbot.waitUntil(lambda: editor.viewport().width() < width)
    assert screen_lines(editor) == [1] * len(notes.split("\n"))              # not wrapped again at the edge...
    assert editor.horizontalScrollBar().maximum() > 0                        # ...but scrolled sideways
    assert editor.wrap_width() == width


@pytest.mark.parametrize("paragraph", ["word " * 120, "没有空格的中文段落" * 40], ids=["english", "chinese"])
def test_a_paragraph_typed_in_one_piece_wraps_at_the_notes_width(window, qtbot, paragraph):
    dialog = open_dialog(window, qtbot, notes_of(samples_dir() / "spiral.nnproj", "en"))
    editor = dialog.notes
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\n\n" + paragraph.strip())
    layout = editor.document().lastBlock().layout()
    editor.document().documentLayout().blockBoundingRect(editor.document().lastBlock())
    margin = editor.document().documentMargin()
    assert layout.lineCount() > 2                       # wrapped, not one line to scroll along
    for i in range(layout.lineCount()):
        assert layout.lineAt(i).naturalTextWidth() <= editor.wrap_width() - 2 * margin
    # filled to the width: every line but the last within a few characters of it
    column = editor.fontMetrics().horizontalAdvance("没")
    for i in range(layout.lineCount() - 1):
        assert layout.lineAt(i).naturalTextWidth() >= editor.wrap_width() - 2 * margin - 6 * column


def test_editing_the_notes_stays_undoable(window, qtbot):
    window.set_project(Project.new("Plain"))
    dialog = open_dialog(window, qtbot, "First line.")
    editor = dialog.notes
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " More.")
    assert dialog.fields().notes == "First line. More."
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    assert editor.toPlainText() == "First line."
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert dialog.fields().notes == "First line. More."
    # a text pasted in comes as plain Markdown source, not rich text
    editor.insertFromMimeData(_html("<b>bold</b>"))
    assert editor.toPlainText().endswith("bold") and "<b>" not in dialog.fields().notes


def _html(html: str):
    from PySide6.QtCore import QMimeData
    data = QMimeData()
    data.setHtml(html)
    data.setText("bold")
    return data
