"""A connection port on a layer card: drag from it to another card's port to connect the two."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from .. import theme

RADIUS = 7.0


class PortItem(QGraphicsEllipseItem):
    def __init__(self, card: QGraphicsItem, kind: str):
        super().__init__(QRectF(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS), card)
        self.card = card
        self.kind = kind  # "in" or "out"
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CrossCursor)
        self.setZValue(2)
        self.setToolTip(QCoreApplication.translate("PortItem", "Drag to another layer to connect") if kind == "out"
                        else QCoreApplication.translate("PortItem", "Drag from here to the layer that should feed "
                                                        "this one"))
        self._hover = False
        self.refresh()

    def refresh(self) -> None:
        c = theme.colors()
        accent = theme.category_color(self.card.category)
        self.setPen(QPen(accent, 2.0))
        self.setBrush(QBrush(accent if self._hover else c.card))

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.refresh()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.refresh()
        super().hoverLeaveEvent(event)

    # Dragging: the port grabs the mouse on press; the scene draws the rubber line and decides on release.
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.scene() is not None:
            self.scene().begin_connection(self, event.scenePos())
            event.accept()
        else:
            event.ignore()

    def mouseMoveEvent(self, event) -> None:
        self.scene().drag_connection(event.scenePos())

    def mouseReleaseEvent(self, event) -> None:
        self.scene().end_connection(event.scenePos())


def port_color() -> QColor:
    return theme.colors().edge
