"""A layer card: name, type with key parameters, output shape and parameter count, ports on both sides."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem

from nnstudio.document import registry_max_inputs
from nnstudio.document.layout import CARD_HEIGHT, CARD_WIDTH

from .. import layer_text, theme
from ..plots.base import current_scale
from ..icons import layer_icon
from .port import PortItem

WIDTH, HEIGHT = CARD_WIDTH, CARD_HEIGHT   # one size for the layout and the drawing
BOTTOM_GAP = 8      # pixels kept between the output shape and the parameter count
OVERLAY = 64.0   # the live picture: 64 px keeps a 4x4 grid of neuron tiles legible (16 px each)
# below this zoom the card's 9 pt lines would be under ~7 px on screen: it shows its name and type only, in
# letters as large as on a card at full size (a deep network fitted into a 1024 x 768 window is at 0.4-0.6)
COMPACT_ZOOM = 0.6
SCREEN_TITLE_PT, SCREEN_BODY_PT = 10.0, 8.5   # their size on screen in the compact card


class CardItem(QGraphicsObject):
    def __init__(self, node_id: str, type_name: str):
        super().__init__()
        self.node_id = node_id
        self.type_name = type_name
        self.category = layer_text.category(type_name)
        self.title = node_id
        self.subtitle = type_name
        self.shape_text = "?"  # not "shape": QGraphicsItem.shape() is a virtual
        self.param_count: int | None = None
        self.error: str | None = None
        self.overlay: QImage | None = None
        self.edges: list = []  # EdgeItems attached to this card (kept by the scene)
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
                      | QGraphicsItem.ItemSendsGeometryChanges | QGraphicsItem.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        max_in = registry_max_inputs(type_name)
        self.in_port = PortItem(self, "in") if max_in != 0 else None
        self.out_port = PortItem(self, "out")
        if self.in_port:
            self.in_port.setPos(0, HEIGHT / 2)
        self.out_port.setPos(WIDTH, HEIGHT / 2)

    # ----- content ---------------------------------------------------------------------------------------
    def set_content(self, title: str, subtitle: str, shape: str, param_count: int | None,
                    error: str | None) -> None:
        if (title, subtitle, shape, param_count, error) == (self.title, self.subtitle, self.shape_text,
                                                            self.param_count, self.error):
            return
        self.title, self.subtitle, self.shape_text, self.param_count, self.error = (
            title, subtitle, shape, param_count, error)
        tip = f"<b>{title}</b> ({self.type_name})<br>{layer_text.description(self.type_name)}"
        if error:
            tip += f"<br><br><span style='color:{theme.ERROR}'><b>Problem:</b> {error}</span>"
        self.setToolTip(tip)
        self.update()

    def set_overlay(self, image: QImage | None) -> None:
        self.overlay = image
        self.update()

    def port_pos(self, kind: str) -> QPointF:
        return self.mapToScene(QPointF(0 if kind == "in" else WIDTH, HEIGHT / 2))

    def refresh_theme(self) -> None:
        for p in (self.in_port, self.out_port):
            if p:
                p.refresh()
        self.update()

    # ----- geometry and painting -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(-3, -3, WIDTH + 6, HEIGHT + 6)

    def shape_path(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, WIDTH, HEIGHT), 8, 8)
        return path

    def shape(self) -> QPainterPath:
        return self.shape_path()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        c = theme.colors()
        accent = theme.category_color(self.category)
        painter.setRenderHint(QPainter.Antialiasing)
        rect = QRectF(0, 0, WIDTH, HEIGHT)
        if self.error:
            pen = QPen(QColor(theme.ERROR), 2.5)
        elif self.isSelected():
            pen = QPen(c.selection, 2.5)
        else:
            pen = QPen(c.card_border, 1.2)
        painter.setPen(pen)
        painter.setBrush(c.card)
        painter.drawRoundedRect(rect, 8, 8)
        # a coloured band on the left says the family at a glance (Core, Convolution, ...)
        band = QPainterPath()
        band.addRoundedRect(QRectF(0, 0, 12, HEIGHT), 8, 8)
        clip = QPainterPath()
        clip.addRect(QRectF(0, 0, 6, HEIGHT))
        painter.setPen(Qt.NoPen)
        painter.setBrush(accent)
        painter.drawPath(band.intersected(clip))

        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        # presentation mode enlarges the window's text: a fitted network's names grow with it, from a zoom at
        # which the full card's 9 pt body would read smaller than the rest of the window
        if 0 < zoom < COMPACT_ZOOM * current_scale():
            self._paint_compact(painter, zoom)
            return
        layer_icon(self.type_name).paint(painter, QRectF(16, 10, 22, 22).toRect())
        right = WIDTH - 8 - (OVERLAY + 6 if self.overlay is not None else 0)
        title_font = QFont(painter.font())
        title_font.setPointSizeF(11)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(c.text)
        fm = QFontMetrics(title_font)
        painter.drawText(QRectF(46, 8, right - 46, 26), Qt.AlignVCenter | Qt.AlignLeft,
                         fm.elidedText(self.title, Qt.ElideRight, int(right - 46)))

        body = QFont(painter.font())
        body.setPointSizeF(9.0)
        body.setBold(False)
        painter.setFont(body)
        fm = QFontMetrics(body)
        painter.setPen(c.text if not self.error else QColor(theme.ERROR))
        # the key parameters may take two lines ("Conv2D 16 · 3×3 · same · relu · he_normal")
        sub_rect = QRectF(16, 34, right - 16, 2 * fm.lineSpacing() + 2)
        painter.drawText(sub_rect, Qt.AlignTop | Qt.AlignLeft | Qt.TextWordWrap, self._two_lines(fm, right - 16))
        painter.setPen(c.muted)
        bottom = QRectF(16, HEIGHT - 26, WIDTH - 30, 20)
        shape, params = self.bottom_line(fm, bottom.width())
        painter.drawText(bottom, Qt.AlignVCenter | Qt.AlignLeft, shape)
        if params:
            painter.drawText(bottom, Qt.AlignVCenter | Qt.AlignRight, params)
        if self.overlay is not None:
            # top right, ending above the bottom line ("out ..." / "... params"), so no text is covered
            target = QRectF(WIDTH - OVERLAY - 8, 6, OVERLAY, OVERLAY)
            painter.drawImage(target, self.overlay)
            painter.setPen(QPen(c.card_border, 1))
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(target)

    def _paint_compact(self, painter: QPainter, zoom: float) -> None:
        """The name and the type line in letters readable at this zoom (the icon, the shapes, the parameter
        count and the live picture would be specks: the inspector and the summary have them)."""
        c = theme.colors()
        left, width = 14.0, WIDTH - 22.0
        title_font = QFont(painter.font())
        title_font.setBold(True)
        _fit(title_font, self.title, width, SCREEN_TITLE_PT / zoom)
        fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(c.text)
        title_h = fm.lineSpacing() + 2
        painter.drawText(QRectF(left, 4, width, title_h), Qt.AlignVCenter | Qt.AlignLeft,
                         fm.elidedText(self.title, Qt.ElideRight, int(width)))
        room = HEIGHT - 6 - (4 + title_h)
        body = QFont(painter.font())
        body.setBold(False)
        body.setPointSizeF(SCREEN_BODY_PT * current_scale() / zoom)
        if room < 2 * QFontMetrics(body).lineSpacing():       # one line: smaller rather than cut
            _fit(body, self.subtitle, width, SCREEN_BODY_PT / zoom)
        fm = QFontMetrics(body)
        if room < fm.lineSpacing():
            return
        painter.setFont(body)
        painter.setPen(c.text if not self.error else QColor(theme.ERROR))
        text = self._two_lines(fm, width) if room >= 2 * fm.lineSpacing() else \
            fm.elidedText(self.subtitle, Qt.ElideRight, int(width))
        painter.drawText(QRectF(left, 4 + title_h, width, room), Qt.AlignTop | Qt.AlignLeft, text)

    def bottom_line(self, fm: QFontMetrics, width: float) -> tuple[str, str]:
        """The output shape (left) and the parameter count (right) of the bottom line, shortened until they
        do not run into each other: "out (11, 11, 64)" loses its "out", then the shape is cut with "…"."""
        params = self.tr("{0} params").format(f"{self.param_count:,}") if self.param_count is not None else ""
        room = width - (fm.horizontalAdvance(params) + BOTTOM_GAP if params else 0)
        for shape in (self.tr("out {0}").format(self.shape_text), self.shape_text):
            if fm.horizontalAdvance(shape) <= room:
                return shape, params
        return fm.elidedText(self.shape_text, Qt.ElideRight, int(max(room, 0))), params

    def _two_lines(self, fm: QFontMetrics, width: float) -> str:
        """The subtitle broken at a " · " to fit two lines, the second elided if it must be."""
        text = self.subtitle
        if fm.horizontalAdvance(text) <= width:
            return text
        parts = text.split(" · ")
        first = parts[0]
        k = 1
        while k < len(parts) and fm.horizontalAdvance(first + " · " + parts[k]) <= width:
            first += " · " + parts[k]
            k += 1
        rest = " · ".join(parts[k:])
        return first + "\n" + fm.elidedText(rest, Qt.ElideRight, int(width))

    # ----- interaction -----------------------------------------------------------------------------------
    def itemChange(self, change, value):
        if change == QGraphicsItem.ItemPositionChange and self.scene() is not None:
            return self.scene().snap(value)
        if change == QGraphicsItem.ItemPositionHasChanged:
            for e in self.edges:
                e.update_path()
        if change == QGraphicsItem.ItemSelectedHasChanged:
            self.setZValue(3 if value else 1)
        return super().itemChange(change, value)

    def mouseDoubleClickEvent(self, event) -> None:
        if self.scene() is not None:
            self.scene().cardActivated.emit(self.node_id)
        event.accept()


def _fit(font: QFont, text: str, width: float, base: float) -> None:
    """``font`` at presentation mode's scale of ``base`` points, or smaller down to ``base`` while ``text``
    would not fit ``width`` (a larger name cut to "hidd…" says less than a smaller one whole)."""
    size = base * current_scale()
    font.setPointSizeF(size)
    while size > base and QFontMetrics(font).horizontalAdvance(text) > width:
        size = max(base, size * 0.92)
        font.setPointSizeF(size)
