"""View ▸ Presentation: the window as a class sees it on a projector.

Every side panel steps aside (building a network is not what a class watches); the canvas and the Lesson
stay on top, and the views in front of each tab group under the canvas (the decision boundary, the loss,
the accuracy, or whichever the teacher chose) share a taller bottom row. Plots draw their text, lines and
points SCALE times larger, and so does the Lesson panel. A large toolbar trains, pauses, steps and stops.
Leaving restores the dock layout exactly as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDockWidget, QToolBar

from .plots import base as plots

SCALE = 1.4
KEEP = ("lesson_dock", "drawing_pad_dock")   # side docks that stay (when open): a class watches them too
BARS = ("TimelineDock",)                     # bottom docks that stay as a bar, not a view to share the row
BOTTOM_SHARE = 0.45                          # of the window's height, for the views under the canvas
LESSON_SHARE = 0.3                           # of its width, for the Lesson's larger text beside the canvas


def _tr(text: str) -> str:
    return QCoreApplication.translate("Presentation", text)


class ScaledText:
    """Text a tool window shows (its formulas, its status line) at presentation mode's scale, from the sizes
    the widgets had when this was made; ``apply()`` is called from the window's ``rescaled()``, which
    presentation mode calls on every widget of the studio (the Tools windows are among them)."""

    def __init__(self, *widgets):
        self.sizes = [(w, w.font().pointSizeF()) for w in widgets]

    def apply(self) -> None:
        scale = plots.current_scale()
        for widget, size in self.sizes:
            font = widget.font()
            font.setPointSizeF(size * scale)
            widget.setFont(font)


class Presentation:
    def __init__(self, window):
        self.window = window
        self.state: QByteArray | None = None     # the dock layout to come back to
        self.toolbar: QToolBar | None = None

    @property
    def active(self) -> bool:
        return self.state is not None

    def set(self, on: bool) -> None:
        w = self.window
        if on and not self.active:
            if w.on_welcome():
                w.show_canvas()
            w.set_canvas_only(False)
            self.state = w.saveState()
            bottom = []
            for dock in w.findChildren(QDockWidget):
                area = w.dockWidgetArea(dock)
                if dock.objectName() in KEEP or not dock.isVisible():
                    continue
                if dock.objectName() in BARS:
                    continue                     # stays, one row high (see _size)
                if area == Qt.DockWidgetArea.BottomDockWidgetArea and not dock.visibleRegion().isEmpty():
                    bottom.append(dock)          # in front of its tab group: what the teacher chose to show
                else:
                    dock.hide()
            w.toolbar.hide()                     # editing tools; the presentation bar has what a class needs
            self._controls().show()
            self._scale(SCALE)
            QTimer.singleShot(0, w, lambda: self._size(bottom))
        elif not on and self.active:
            w.restoreState(self.state)
            self.state = None
            self._controls().hide()
            self._scale(1.0)
            QTimer.singleShot(0, w, w.canvas.fit_all)
        w.actions.presentation.setChecked(self.active)

    def _size(self, bottom: list[QDockWidget]) -> None:
        w = self.window
        heads = [d for d in bottom if d.isVisible()]
        bars = [d for d in w.findChildren(QDockWidget) if d.objectName() in BARS and d.isVisible()]
        if bars:                                 # as high as its controls: the views and canvas get the rest
            w.resizeDocks(bars, [d.minimumSizeHint().height() for d in bars], Qt.Orientation.Vertical)
        if heads:
            w.resizeDocks(heads[:1], [int(w.height() * BOTTOM_SHARE)], Qt.Orientation.Vertical)
            w.resizeDocks(heads, [w.width() // len(heads)] * len(heads), Qt.Orientation.Horizontal)
        lesson = w.docks.get("lesson_dock")
        if lesson is not None and lesson.isVisible():
            w.resizeDocks([lesson], [int(w.width() * LESSON_SHARE)], Qt.Orientation.Horizontal)
        QTimer.singleShot(0, w, w.canvas.fit_all)

    def _scale(self, factor: float) -> None:
        w = self.window
        plots.set_scale(factor, [w])
        w.lesson.set_scale(factor)
        w.lesson.edit_button.setVisible(factor == 1.0)     # a class reads the lesson; editing waits
        if self.toolbar is not None:          # the window's style sheet wins over setFont: size it there
            size = QFont(w.font()).pointSizeF() * factor
            self.toolbar.setStyleSheet(f"QToolButton {{ font-size: {size:.1f}pt; padding: 4px 10px; }}")

    def _controls(self) -> QToolBar:
        """Train, pause, step, stop and leave, large enough to hit on a classroom computer."""
        if self.toolbar is None:
            w = self.window
            bar = self.toolbar = QToolBar(_tr("Presentation"), w)
            bar.setObjectName("presentation_toolbar")
            bar.setMovable(False)
            bar.setIconSize(QSize(28, 28))
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            controller = w.training.controller if getattr(w, "training", None) is not None else None
            if controller is not None:
                bar.addAction(_tr("Train"), controller.train)
                bar.addAction(_tr("Pause / Resume"), controller.toggle_pause)
                bar.addAction(_tr("Step epoch"), lambda: controller.step("epoch"))
                bar.addAction(_tr("Stop"), controller.stop)
                bar.addSeparator()
            bar.addAction(_tr("Fit network"), w.canvas.fit_all)
            bar.addAction(_tr("Leave presentation (F11)"), lambda: self.set(False))
            w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return self.toolbar
