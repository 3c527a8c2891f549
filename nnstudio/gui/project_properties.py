"""File ▸ Project Properties: the teacher's own title, lesson line, Markdown notes and goal for a project.

The change is one undoable step on the window's undo stack (so it also marks the project modified and is
saved with it); the Lesson panel shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox,
                               QLineEdit, QSpinBox, QTabWidget, QTextBrowser, QVBoxLayout)

from nnstudio import translated_notes
from nnstudio.project import goals

from . import screen_fit
from .notes_editor import NotesEditor

# what a run records (the history's keys) and the over-fitting gap; the box stays editable for others
METRICS = ("val_accuracy", "accuracy", "val_loss", "loss", "val_r2", "r2", "val_mae", "mae",
           "accuracy - val_accuracy")
BOUNDS = ("at_least", "at_most")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProjectProperties", text)


@dataclass(frozen=True)
class LessonFields:
    title: str
    lesson: str
    notes: str
    goal: dict | None

    @classmethod
    def of(cls, project) -> "LessonFields":
        return cls(project.title, project.lesson, project.notes, dict(project.goal) if project.goal else None)

    @classmethod
    def shown(cls, project) -> "LessonFields":
        """As the Lesson panel shows them: a sample's title, lesson and notes in the window's language."""
        title, lesson = (QCoreApplication.translate("Sample", t) if t else t for t in (project.title, project.lesson))
        return cls(title, lesson, translated_notes.translated(project.notes),
                   dict(project.goal) if project.goal else None)

    def edited_over(self, shown: "LessonFields", original: "LessonFields") -> "LessonFields":
        """These fields (the dialog's, started from ``shown``) with each one left as it was kept as
        ``original``: editing a translated sample's title leaves its notes as they are stored, not their
        translation."""
        def pick(name):
            value = getattr(self, name)
            return getattr(original, name) if value == getattr(shown, name) else value
        return LessonFields(pick("title"), pick("lesson"), pick("notes"), self.goal)

    def apply_to(self, project) -> None:
        project.title, project.lesson, project.notes = self.title, self.lesson, self.notes
        project.goal = dict(self.goal) if self.goal else None


class PropertiesCommand(QUndoCommand):
    """Sets the lesson fields of ``window.project``; undo puts the old ones back."""

    def __init__(self, window, before: LessonFields, after: LessonFields):
        super().__init__(_tr("Edit project properties"))
        self.window, self.before, self.after = window, before, after

    def _set(self, fields: LessonFields) -> None:
        fields.apply_to(self.window.project)
        self.window.projectModified.emit()

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)


class PropertiesDialog(QDialog):
    def __init__(self, fields: LessonFields, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Project Properties"))
        self.title = QLineEdit(fields.title)
        self.lesson = QLineEdit(fields.lesson)
        self.lesson.setPlaceholderText(self.tr("One sentence: what this project teaches"))
        self.notes = NotesEditor(fields.notes)     # as stored: not wrapped again at the box's edge
        self.notes.setPlaceholderText(self.tr("Notes in Markdown. A paragraph starting with **Try:** becomes "
                                              "a suggestion in the Lesson panel."))
        self.preview = QTextBrowser()
        tabs = QTabWidget()
        tabs.addTab(self.notes, self.tr("Notes (Markdown)"))
        tabs.addTab(self.preview, self.tr("Preview"))
        tabs.currentChanged.connect(lambda i: i == 1 and self.preview.setMarkdown(self.notes.toPlainText()))

        self.goal_box = QGroupBox(self.tr("Goal"))
        self.goal_box.setCheckable(True)
        self.goal_box.setToolTip(self.tr("A promise the Lesson panel checks after each training session"))
        self.metric_box = QComboBox()
        self.metric_box.setEditable(True)     # a key of one's own may be typed ("val_mae")
        for key in METRICS:                   # named as the goal line names them, the key kept as data
            self.metric_box.addItem(goals.metric_name(key), key)
        self.bound = QComboBox()
        for key, text in zip(BOUNDS, (self.tr("at least"), self.tr("at most"))):
            self.bound.addItem(text, key)
        self.value = QDoubleSpinBox()
        self.value.setDecimals(3)
        self.value.setRange(-1e6, 1e6)
        self.value.setSingleStep(0.05)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1_000_000)
        goal = fields.goal or {"metric": "val_accuracy", "at_least": 0.9, "epochs": 100}
        self.goal_box.setChecked(fields.goal is not None)
        known = self.metric_box.findData(goal["metric"])
        if known >= 0:
            self.metric_box.setCurrentIndex(known)
        else:
            self.metric_box.setCurrentText(goal["metric"])
        bound = next((b for b in BOUNDS if b in goal), "at_least")
        self.bound.setCurrentIndex(BOUNDS.index(bound))
        self.value.setValue(float(goal.get(bound, 0.0)))
        self.epochs.setValue(int(goal["epochs"]))
        g = QFormLayout(self.goal_box)
        g.addRow(self.tr("Metric"), self.metric_box)
        g.addRow(self.tr("Bound"), self.bound)
        g.addRow(self.tr("Value"), self.value)
        g.addRow(self.tr("Within epochs"), self.epochs)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Lesson"), self.lesson)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(tabs, 1)
        lay.addWidget(self.goal_box)
        lay.addWidget(buttons)
        # as wide as the notes' lines (the screen allowing), and tall enough for a screenful of them
        screen_fit.size_window(self, max(620, self.sizeHint().width()), 640)

    def fields(self) -> LessonFields:
        goal = None
        text = self.metric_box.currentText().strip()
        known = self.metric_box.findText(text)
        metric = self.metric_box.itemData(known) if known >= 0 else text
        if self.goal_box.isChecked() and metric:
            goal = {"metric": metric, self.bound.currentData(): self.value.value(), "epochs": self.epochs.value()}
        return LessonFields(self.title.text().strip() or _tr("Untitled"), self.lesson.text().strip(),
                            self.notes.toPlainText(), goal)


def apply(window, after: LessonFields) -> bool:
    """Record ``after`` on ``window.project`` as one undoable step; False when nothing changed."""
    before = LessonFields.of(window.project)
    if after == before:
        return False
    window.undo_stack.push(PropertiesCommand(window, before, after))
    return True


def edit(window) -> bool:
    """File ▸ Project Properties…: the dialog, then one undoable step when the teacher changed something."""
    # the fields as the Lesson panel shows them (a sample's in the window's language), so a teacher edits what
    # the class reads; what is left untouched is kept as stored
    original, shown = LessonFields.of(window.project), LessonFields.shown(window.project)
    dialog = PropertiesDialog(shown, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return apply(window, dialog.fields().edited_over(shown, original))
