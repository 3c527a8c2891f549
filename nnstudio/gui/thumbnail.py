"""A small picture of a network (coloured boxes and links) for the welcome gallery."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from nnstudio.document import arrange
from nnstudio.document.layout import COLUMN_GAP, ROW_GAP

from . import layer_text, theme



def render(spec: dict, size: QSize, dpr: float = 2.0) -> QPixmap:
    """The graph drawn schematically: one column per depth, one block per layer, coloured by family."""
    pix = QPixmap(QSize(int(size.width() * dpr), int(size.height() * dpr)))
    pix.setDevicePixelRatio(dpr)
    c = theme.colors()
    pix.fill(c.canvas)
    nodes = spec.get("nodes", [])
    if not nodes:
        return pix
    placed = arrange(spec)  # the structure, not the user's layout: every thumbnail reads the same way
    cols = {nid: round(x / COLUMN_GAP) for nid, (x, _y) in placed.items()}
    rows = {nid: y / ROW_GAP for nid, (_x, y) in placed.items()}
    n_cols = max(cols.values()) + 1
    row_lo, row_hi = min(rows.values()), max(rows.values())
    n_rows = row_hi - row_lo + 1
    margin = 10.0
    cell_w = (size.width() - 2 * margin) / n_cols
    cell_h = (size.height() - 2 * margin) / n_rows
    box_w = min(cell_w * 0.62, 48.0)
    box_h = min(cell_h * 0.62, 30.0)

    def box(nid: str) -> QRectF:
        cx = margin + (cols[nid] + 0.5) * cell_w
        cy = margin + (rows[nid] - row_lo + 0.5) * cell_h
        return QRectF(cx - box_w / 2, cy - box_h / 2, box_w, box_h)

    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(c.edge, 1.4))
    for a, b in spec.get("edges", []):
        if a in placed and b in placed:
            ra, rb = box(a), box(b)
            s, e = QPointF(ra.right(), ra.center().y()), QPointF(rb.left(), rb.center().y())
            path = QPainterPath(s)
            dx = max(4.0, (e.x() - s.x()) / 2)
            path.cubicTo(s + QPointF(dx, 0), e - QPointF(dx, 0), e)
            p.drawPath(path)
    for n in nodes:
        r = box(n["id"])
        accent = theme.category_color(layer_text.category(n["type"]))
        p.setPen(QPen(accent, 1.4))
        fill = QColor(accent)
        fill.setAlpha(70 if not c.dark else 110)
        p.setBrush(fill)
        p.drawRoundedRect(r, 3, 3)
    p.end()
    return pix


def placeholder(size: QSize) -> QPixmap:
    pix = QPixmap(size)
    pix.fill(Qt.transparent)
    return pix
