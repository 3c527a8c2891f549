"""Tool windows that show the window's project follow it: a new project, an edited network, new weights or
settings are read again while the tool is on screen (and when it is next opened, as the Tools menu does).

Without this, Step Inside kept stepping through the XOR network after the teacher had opened the iris lesson,
and the perceptron rule kept its old weights after a training run.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

SETTLE_MS = 150   # a burst of changes (an undo of several edits, a run recorded then saved) is read once


class Follower(QObject):
    """Calls ``reload()`` once changes to the window's project settle, while ``view`` is on screen."""

    def __init__(self, view: QWidget, window, reload: Callable[[], object]):
        super().__init__(view)
        self.view = view
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(reload)
        for signal in (window.projectReplaced,
                       window.projectModified,           # data, settings, weights, a recorded run
                       window.scene.analysisChanged):    # the network edited (card moves excluded)
            signal.connect(self.changed)
        view.installEventFilter(self)

    def changed(self) -> None:
        if self.view.isVisible():  # a closed view reads the project when it is opened again
            self.timer.start()

    def stop(self) -> None:
        """The view has just read the project itself (after changing it): nothing more to read."""
        self.timer.stop()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self.timer.stop()
        return False

