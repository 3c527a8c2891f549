"""Tool windows that show the window's project follow it: a new project, an edited network, new weights or
settings are read again while the tool is on screen (and when it is next opened, as the Tools menu does).

Without this, Step Inside kept stepping through the XOR network after the teacher had opened the iris lesson,
and the perceptron rule kept its old weights after a training run.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

SETTLE_MS = 150   # a burst of changes (an undo of several edits, a run recorded then saved) is read once


def follow(view: QWidget, window, reload: Callable[[], object]) -> QTimer:
    """Call ``reload()`` once changes to ``window``'s project settle, if ``view`` is visible then. Returns the
    timer, which the view stops when it has just read the project itself (after changing it)."""
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(SETTLE_MS)
    timer.timeout.connect(lambda: reload() if view.isVisible() else None)
    window.projectReplaced.connect(timer.start)
    window.projectModified.connect(timer.start)     # data, settings, weights, a recorded run
    window.scene.analysisChanged.connect(timer.start)  # the network edited (card moves excluded)
    return timer
