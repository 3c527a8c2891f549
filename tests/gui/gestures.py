"""Mouse gestures on the canvas, sent as real Qt events to the view's viewport (offscreen-safe)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication


def view_point(view, scene_point: QPointF) -> QPointF:
    return QPointF(view.mapFromScene(scene_point))


def _send(view, kind, pos: QPointF, button, buttons, modifiers=Qt.NoModifier) -> None:
    vp = view.viewport()
    event = QMouseEvent(kind, pos, QPointF(vp.mapToGlobal(pos.toPoint())), button, buttons, modifiers)
    QApplication.sendEvent(vp, event)


def drag(view, start: QPointF, end: QPointF, steps: int = 4, modifiers=Qt.NoModifier) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates), left button."""
    a, b = view_point(view, start), view_point(view, end)
    _send(view, QEvent.MouseButtonPress, a, Qt.LeftButton, Qt.LeftButton, modifiers)
    for i in range(1, steps + 1):
        p = a + (b - a) * (i / steps)
        _send(view, QEvent.MouseMove, p, Qt.NoButton, Qt.LeftButton, modifiers)
    _send(view, QEvent.MouseButtonRelease, b, Qt.LeftButton, Qt.NoButton, modifiers)


def click(view, at: QPointF, modifiers=Qt.NoModifier) -> None:
    p = view_point(view, at)
    _send(view, QEvent.MouseButtonPress, p, Qt.LeftButton, Qt.LeftButton, modifiers)
    _send(view, QEvent.MouseButtonRelease, p, Qt.LeftButton, Qt.NoButton, modifiers)


def drop(view, mime: QMimeData, scene_point: QPointF) -> QDropEvent:
    """Deliver a drop of ``mime`` at ``scene_point`` through the view's own drop handler."""
    pos = view_point(view, scene_point)
    event = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    view.dropEvent(event)
    return event


def port_center(card, kind: str) -> QPointF:
    return card.port_pos(kind)
