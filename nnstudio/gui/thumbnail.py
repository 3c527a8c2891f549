"""A small picture of a network (coloured boxes and links) for the welcome gallery."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from nnstudio.document import arrange

from . import layer_text, theme

BOX_W, BOX_H = 240.0, 88.0  # the canvas card size, so thumbnails keep the canvas's proportions


def render(spec: dict, size: QSize, dpr: float = 2.0) -> QPixmap:
    pix = QPixmap(QSize(int(size.width() * dpr), int(size.height() * dpr)))
    pix.setDevicePixelRatio(dpr)
    c = theme.colors()
    pix.fill(c.canvas)
    nodes = spec.get("nodes", [])
    if not nodes:
        return pix
    placed = arrange(spec)
    pos = {n["id"]: tuple(n.get("position") or placed[n["id"]]) for n in nodes}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    world = QRectF(min(xs), min(ys), max(xs) - min(xs) + BOX_W, max(ys) - min(ys) + BOX_H)
    margin = 10.0
    scale = min((size.width() - 2 * margin) / world.width(), (size.height() - 2 * margin) / world.height())
    ox = margin + (size.width() - 2 * margin - world.width() * scale) / 2
    oy = margin + (size.height() - 2 * margin - world.height() * scale) / 2

    def box(nid: str) -> QRectF:
        x, y = pos[nid]
        return QRectF(ox + (x - world.left()) * scale, oy + (y - world.top()) * scale, BOX_W * scale,
                      BOX_H * scale)

    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(c.edge, 1.4))
    for a, b in spec.get("edges", []):
        if a in pos and b in pos:
            ra, rb = box(a), box(b)
            s, e = QPointF(ra.right(), ra.center().y()), QPointF(rb.left(), rb.center().y())
            path = QPainterPath(s)
            dx = max(6.0, (e.x() - s.x()) / 2)
            path.cubicTo(s + QPointF(dx, 0), e - QPointF(dx, 0), e)
            p.drawPath(path)
    for n in nodes:
        r = box(n["id"])
        accent = theme.category_color(layer_text.category(n["type"]))
        p.setPen(QPen(accent, 1.2))
        fill = QColor(accent)
        fill.setAlpha(60 if not c.dark else 90)
        p.setBrush(fill)
        p.drawRoundedRect(r, 3, 3)
    p.end()
    return pix


def placeholder(size: QSize) -> QPixmap:
    pix = QPixmap(size)
    pix.fill(Qt.transparent)
    return pix
