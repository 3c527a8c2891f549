"""A connection between two cards: a curve with an arrow and the shape flowing along it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem

from .. import theme
from .card import COMPACT_ZOOM, HEIGHT


LEAD = 28.0      # how far a wire back runs out of its port before it turns
CORNER = 20.0    # the radius of its turns


def _wire_back(a: QPointF, b: QPointF) -> QPainterPath:
    """From an output port to an input port to its left on another row (a graph wrapped into bands, like
    lines of text): out to the right, along the gap halfway between the two rows, and in from the left, so it
    never crosses the cards a curve would."""
    sign = 1.0 if b.y() > a.y() else -1.0
    mid = (a.y() + b.y()) / 2.0
    r = min(CORNER, abs(mid - a.y()) / 2.0)
    x_out, x_in = a.x() + LEAD, b.x() - LEAD
    path = QPainterPath(a)
    path.lineTo(x_out - r, a.y())
    path.quadTo(x_out, a.y(), x_out, a.y() + sign * r)
    path.lineTo(x_out, mid - sign * r)
    path.quadTo(x_out, mid, x_out - r, mid)
    path.lineTo(x_in + r, mid)
    path.quadTo(x_in, mid, x_in, mid + sign * r)
    path.lineTo(x_in, b.y() - sign * r)
    path.quadTo(x_in, b.y(), x_in + r, b.y())
    path.lineTo(b)
    return path


class EdgeItem(QGraphicsPathItem):
    def __init__(self, src, dst):
        super().__init__()
        self.src, self.dst = src, dst
        self.label = ""
        self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(0)
        self._hover = False
        self.setToolTip(QCoreApplication.translate("EdgeItem", "{src} → {dst}  (select and press Del to disconnect)")
                        .format(src=src.node_id, dst=dst.node_id))
        self.update_path()

    @property
    def key(self) -> tuple[str, str]:
        return (self.src.node_id, self.dst.node_id)

    def set_label(self, text: str) -> None:
        if text != self.label:
            self.prepareGeometryChange()
            self.label = text
            self.update()

    def update_path(self) -> None:
        a = self.src.port_pos("out")
        b = self.dst.port_pos("in")
        if b.x() < a.x() + 2 * LEAD and abs(b.y() - a.y()) >= HEIGHT + 2 * CORNER:
            self.setPath(_wire_back(a, b))
            return
        dx = max(40.0, abs(b.x() - a.x()) * 0.5)
        path = QPainterPath(a)
        path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b)
        self.setPath(path)

    def _label_rect(self) -> QRectF:
        font = QFont()
        font.setPointSizeF(9.0)
        fm = QFontMetrics(font)
        w = fm.horizontalAdvance(self.label) + 12
        h = fm.height() + 4
        mid = self.path().pointAtPercent(0.5)
        return QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)

    def boundingRect(self) -> QRectF:
        r = super().boundingRect().adjusted(-8, -8, 8, 8)
        return r.united(self._label_rect()) if self.label else r

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        return stroker.createStroke(self.path())

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        c = theme.colors()
        color = c.selection if (self.isSelected() or self._hover) else c.edge
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(color, 2.6 if self.isSelected() else 1.8))
        painter.setBrush(Qt.NoBrush)
        path = self.path()
        painter.drawPath(path)
        # arrow head at the input port
        end = path.pointAtPercent(1.0)
        tip = QPolygonF([end + QPointF(-8, -5), end + QPointF(-1, 0), end + QPointF(-8, 5)])
        painter.setBrush(color)
        painter.setPen(Qt.NoPen)
        painter.drawPolygon(tip)
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if self.label and not 0 < zoom < COMPACT_ZOOM:    # a chip of 4 px letters: the cards say more
            r = self._label_rect()
            painter.setBrush(c.label_bg)
            painter.setPen(QPen(c.card_border, 1))
            painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
            font = QFont(painter.font())
            font.setPointSizeF(9.0)
            painter.setFont(font)
            painter.setPen(c.text)
            painter.drawText(r, Qt.AlignCenter, self.label)
