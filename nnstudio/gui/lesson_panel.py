"""The Lesson panel: a project's title, one-line lesson, goal (ticked once a run meets it), the "Try"
suggestions and the Markdown notes, beside the canvas.

It reads ``window.project`` again whenever the window replaces the project (``projectReplaced``) or marks
it modified (``projectModified``: a training session recorded, weights reset, properties edited).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from nnstudio import translated_notes
from nnstudio.project import goals

from . import project_properties, theme

# "**Try:** ..." as the samples write it; a plain "Try:" starting a sentence too
# "Try:" and its Chinese form in translated notes
_TRY = re.compile(r"\*\*Try:\*\*|\*\*Try\*\*:|(?<![\w*])Try:|\*\*试一试：\*\*")
OK_COLOR = "#1f9d55"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonPanel", text)


def _escape(text: str) -> str:
    """Plain text (a title, a lesson line) shown literally inside Markdown."""
    return re.sub(r"([\\`*_\[\]#<>|])", r"\\\1", text)


def split_try(notes: str) -> tuple[str, list[str]]:
    """The notes without their "Try:" suggestions, and the suggestions (each runs to the next "Try:" or
    the end of its paragraph)."""
    body, tries = [], []
    for para in re.split(r"\n\s*\n", notes.strip()):
        parts = _TRY.split(para)
        if parts[0].strip():
            body.append(parts[0].rstrip())
        tries += [" ".join(p.split()) for p in parts[1:] if p.strip()]
    return "\n\n".join(body), tries


def goal_status(goal: dict | None, history: dict | None) -> tuple[str, bool | None]:
    """One line on how the run stands against the goal, and True (met) / False (not yet) / None (no run)."""
    if not goal:
        return "", None
    value = goals.goal_value(goal["metric"], history or {})
    if math.isnan(value):
        return _tr("Train the network to check it."), None
    epochs = len((history or {}).get("loss") or [])
    met = goals.goal_met(goal, history or {})
    if epochs == 1:
        text = (_tr("✓ Met: {metric} = {value} after 1 epoch.") if met
                else _tr("Not met yet: {metric} = {value} after 1 epoch."))
    else:
        text = (_tr("✓ Met: {metric} = {value} after {epochs} epochs.") if met
                else _tr("Not met yet: {metric} = {value} after {epochs} epochs."))
    return text.format(metric=goals.metric_name(goal["metric"]), value=goals.metric_value(goal["metric"], value),
                       epochs=epochs), met


class LessonPanel(QWidget):
    editRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Lesson"))
        self.base_point_size = self.font().pointSizeF()
        # the goal stays in sight on top; title, lesson, notes and suggestions scroll as one document
        self.goal_box = QFrame()
        self.goal_box.setObjectName("goalBox")
        self.goal = QLabel()
        self.goal_state = QLabel()
        self.goal_state.setObjectName("goalState")
        box = QVBoxLayout(self.goal_box)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(2)
        box.addWidget(self.goal)
        box.addWidget(self.goal_state)
        for label in (self.goal, self.goal_state):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QTextBrowser()
        self.notes.setOpenExternalLinks(True)
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.notes.setAccessibleName(self.tr("Lesson notes"))
        self.edit_button = QPushButton(self.tr("Edit lesson…"))
        self.edit_button.setToolTip(self.tr("Write this project's title, lesson, notes and goal "
                                            "(File ▸ Project Properties)"))
        self.edit_button.clicked.connect(self.editRequested)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(6)
        lay.addWidget(self.goal_box)
        lay.addWidget(self.notes, 1)
        lay.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.met: bool | None = None
        self.tries: list[str] = []
        self.set_scale(1.0)

    def set_scale(self, factor: float) -> None:
        """Text ``factor`` times its normal size (presentation mode)."""
        f = QFont(self.font())
        f.setPointSizeF(self.base_point_size * factor)
        # each widget by itself: under the window's style sheet a parent's font does not propagate
        for w in (self, self.goal, self.goal_state, self.notes, self.edit_button):
            w.setFont(f)
        self.notes.document().setDefaultFont(f)
        self._fit_goal()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_goal()

    def _fit_goal(self) -> None:
        """The goal box as tall as its wrapped lines at the panel's width: in a short dock (1280 x 720) the
        layout gave it one line per label and cut their second lines in half."""
        margins = self.goal_box.layout().contentsMargins()
        width = self.width() - self.layout().contentsMargins().left() - self.layout().contentsMargins().right() \
            - margins.left() - margins.right() - 2
        labels = [label for label in (self.goal, self.goal_state) if not label.isHidden() and label.text()]
        if width <= 0 or not labels:
            return
        height = sum(label.heightForWidth(width) for label in labels) + margins.top() + margins.bottom() \
            + self.goal_box.layout().spacing() * (len(labels) - 1) + 2
        self.goal_box.setMinimumHeight(height)

    def has_lesson(self, project) -> bool:
        return bool(project.notes.strip() or project.lesson.strip() or project.goal)

    def show_project(self, project) -> None:
        notes = translated_notes.translated(project.notes)
        if project.title.strip():   # the title is the heading: notes opening with their own say it twice
            notes = re.sub(r"\A\s*#\s[^\n]*\n?", "", notes)
        body, self.tries = split_try(notes)
        # the project's title is the big heading: the notes' own headings come three levels smaller
        body = re.sub(r"(?m)^(#{1,4})(?=\s)", lambda m: "#" * min(len(m.group(1)) + 3, 6), body)
        untitled = self.tr("Untitled")
        title, lesson = (QCoreApplication.translate("Sample", t) if t else t for t in (project.title, project.lesson))
        parts = [f"### {_escape(title or untitled)}"]  # a narrow column: a heading that wraps at most once
        if lesson:
            parts.append(f"*{_escape(lesson)}*")
        if body:
            parts.append(body)
        if self.tries:
            parts.append("#### " + self.tr("Try") + "\n\n" + "\n".join(f"- {t}" for t in self.tries))
        if not self.has_lesson(project):
            parts.append(self.tr("This project has no lesson yet. **Edit lesson…** (or File ▸ Project "
                                 "Properties) gives it a lesson line, notes in Markdown and a goal."))
        self.notes.setMarkdown("\n\n".join(parts))
        self.refresh_goal(project)

    def refresh_goal(self, project) -> None:
        goal = project.goal
        self.goal_box.setVisible(bool(goal))
        if not goal:
            self.met = None
            return
        self.goal.setText(self.tr("Goal: {goal}").format(goal=goals.describe(goal)))
        text, self.met = goal_status(goal, project.history)
        self.goal_state.setText(text)
        self._fit_goal()
        c = theme.colors()
        border = OK_COLOR if self.met else c.card_border.name()
        self.goal_box.setStyleSheet(f"#goalBox {{ border: 1px solid {border}; border-radius: 6px; }}")
        self.goal_state.setStyleSheet(f"color: {OK_COLOR}; font-weight: 600;" if self.met else "")


def attach(window) -> LessonPanel:
    """Put a Lesson dock beside the canvas of ``window`` and keep it in step with the project."""
    panel = LessonPanel()
    dock = QDockWidget(_tr("Lesson"), window)
    dock.setObjectName("lesson_dock")
    dock.setWidget(panel)
    window.add_panel(dock, Qt.DockWidgetArea.RightDockWidgetArea)
    window.resizeDocks([dock], [280], Qt.Orientation.Horizontal)
    panel.editRequested.connect(lambda: project_properties.edit(window))

    def replaced() -> None:
        panel.show_project(window.project)
        if panel.has_lesson(window.project):
            # after the opening is complete (leaving the welcome page restores the docks it hid)
            QTimer.singleShot(0, window, lambda: (dock.show(), dock.raise_()))

    window.projectReplaced.connect(replaced)
    window.projectModified.connect(lambda: panel.show_project(window.project))
    panel.show_project(window.project)
    dock.setVisible(panel.has_lesson(window.project))   # View ▸ Panels opens it for any project
    window.lesson = panel
    return panel
