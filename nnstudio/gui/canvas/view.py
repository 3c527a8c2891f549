"""The canvas view: zoom, pan, rubber-band selection, drops from the palette, and the lock banner."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QMenu

from .. import theme
from ..editor import GRID
from .card import HEIGHT, WIDTH
from .scene import CanvasScene

LAYER_MIME = "application/x-nnstudio-layer"
ZOOM_MIN, ZOOM_MAX = 0.15, 3.0
BANNER_MARGIN = 8   # pixels between the banner's text and the canvas' edges


class CanvasView(QGraphicsView):
    fileDropped = Signal(str)   # a .nnproj file was dropped on the canvas
    zoomChanged = Signal(float)

    def __init__(self, scene: CanvasScene, parent=None):
        super().__init__(scene, parent)
        self.canvas_scene = scene
        self._fitted_on_show = False
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName(self.tr("Network canvas"))
        self.banner = ""
        self._space = False
        self._panning: QPointF | None = None

    # ----- API used by the window and the training panels ------------------------------------------------
    def set_card_overlay(self, node_id: str, image: QImage | None) -> None:
        """Draw a small image on a layer's card (None removes it); survives edits of that card."""
        self.canvas_scene.set_card_overlay(node_id, image)

    def set_banner(self, text: str) -> None:
        self.banner = text
        self.viewport().update()

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(ZOOM_MAX, max(ZOOM_MIN, self.zoom() * factor))
        factor = target / self.zoom()
        if abs(factor - 1) > 1e-9:
            self.scale(factor, factor)
            self.zoomChanged.emit(self.zoom())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted_on_show:
            # the whole network once the window is laid out at the size it is shown at: earlier fits were for
            # a size it may not have (a script or test that resizes before showing, a small screen)
            self._fitted_on_show = True
            QTimer.singleShot(0, self, self.fit_all)

    def fit_all(self) -> None:
        cards = list(self.canvas_scene.cards.values())
        if not cards:
            self.resetTransform()
            self.centerOn(0, 0)
            self.zoomChanged.emit(self.zoom())
            return
        rect = QRectF()
        for c in cards:
            rect = rect.united(c.sceneBoundingRect())
        rect.adjust(-30, -30, 30, 30)
        self.fitInView(rect, Qt.KeepAspectRatio)
        if self.zoom() > 1.0:  # a small network shows at its real size, centred, not blown up
            self.resetTransform()
            self.centerOn(rect.center())
        self.zoomChanged.emit(self.zoom())

    def center_on_card(self, node_id: str) -> None:
        card = self.canvas_scene.cards.get(node_id)
        if card is not None:
            self.centerOn(card.sceneBoundingRect().center())

    # ----- zoom and pan ------------------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ShiftModifier:  # shift+wheel scrolls sideways like other editors
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.15 ** steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setDragMode(QGraphicsView.ScrollHandDrag)
            self.viewport().setCursor(Qt.OpenHandCursor)
            event.accept()
            return
        arrows = {Qt.Key_Left: (-GRID, 0.0), Qt.Key_Right: (GRID, 0.0), Qt.Key_Up: (0.0, -GRID),
                  Qt.Key_Down: (0.0, GRID)}
        selected = self.canvas_scene.selected_ids()
        if event.key() in arrows and selected and not event.modifiers() & Qt.ControlModifier:
            dx, dy = arrows[event.key()]
            step = 5 if event.modifiers() & Qt.ShiftModifier else 1  # Shift: bigger steps
            self.canvas_scene.editor.nudge(selected, dx * step, dy * step)
            event.accept()
            return
        if event.matches(QKeySequence.ZoomIn) or (event.modifiers() & Qt.ControlModifier
                                                   and event.key() == Qt.Key_Equal):
            self.zoom_by(1.25)
            return
        if event.matches(QKeySequence.ZoomOut):
            self.zoom_by(1 / 1.25)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.setDragMode(QGraphicsView.RubberBandDrag)
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MiddleButton:
            self._panning = event.position()
            self.viewport().setCursor(Qt.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MiddleButton and self._panning is not None:
            self._panning = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ----- drops: layers from the palette, project files from the desktop ----------------------------------
    def _accepts(self, mime) -> bool:
        if mime.hasFormat(LAYER_MIME):
            return True
        return any(u.toLocalFile().lower().endswith(".nnproj") for u in mime.urls())

    def dragEnterEvent(self, event) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(LAYER_MIME):
            type_name = bytes(mime.data(LAYER_MIME)).decode("utf-8")
            pos = self.mapToScene(event.position().toPoint())
            # the drop point becomes the card's centre, snapped like a moved card
            top_left = self.canvas_scene.snap(QPointF(pos.x() - WIDTH / 2, pos.y() - HEIGHT / 2))
            self.canvas_scene.editor.add_layer(type_name, (top_left.x(), top_left.y()))
            event.acceptProposedAction()
            return
        for url in mime.urls():
            path = url.toLocalFile()
            if path.lower().endswith(".nnproj"):
                event.acceptProposedAction()
                self.fileDropped.emit(path)
                return
        event.ignore()

    # ----- right-click: the canvas's own actions, acting on what was clicked --------------------------------
    def contextMenuEvent(self, event) -> None:
        self.context_menu(self.mapToScene(event.pos())).exec(event.globalPos())

    def context_menu(self, scene_pos: QPointF) -> QMenu:
        """Select what is under ``scene_pos`` (unless already selected) and build the menu for it."""
        scene = self.canvas_scene
        item = scene.itemAt(scene_pos, self.transform())
        if item is not None:
            target = getattr(item, "card", None) or item  # a port stands for its card
            if not target.isSelected() and target.flags() & QGraphicsItem.ItemIsSelectable:
                scene.clearSelection()
                target.setSelected(True)
        menu = QMenu(self)
        for action in self.actions():
            if action.isSeparator() or action.isVisible():
                menu.addAction(action)
        return menu

    # ----- background grid and the lock banner ---------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        c = theme.colors()
        painter.fillRect(rect, c.canvas)
        if self.zoom() < 0.35:
            return
        step = GRID * 2
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        painter.setPen(QPen(c.grid, 0))
        x = left
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step

    def banner_rect(self, metrics: QFontMetrics) -> QRectF:
        """The band across the top: one line high, or as many lines as the message needs in a narrow
        canvas (a cut message would hide how to unlock it)."""
        vp = self.viewport().rect()
        width = max(vp.width() - 2 * BANNER_MARGIN, 40)
        text = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.AlignCenter | Qt.TextWordWrap, self.banner)
        return QRectF(vp.left(), vp.top(), vp.width(), max(30, text.height() + 12))

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        scene_empty = not self.canvas_scene.cards
        if not self.banner and not scene_empty:
            return
        painter.save()
        painter.resetTransform()  # draw in viewport pixels, unaffected by zoom
        vp = self.viewport().rect()
        font = QFont(self.font())
        font.setPointSizeF(10.5)
        painter.setFont(font)
        if scene_empty:
            painter.setPen(theme.colors().muted)
            painter.drawText(QRectF(vp).adjusted(16, 0, -16, 0), Qt.AlignCenter | Qt.TextWordWrap,
                             self.tr("Drag layers here from the palette, or double-click one to add it."))
        if self.banner:
            font.setBold(True)
            painter.setFont(font)
            band = self.banner_rect(painter.fontMetrics())
            painter.fillRect(band, QColor(224, 138, 0, 225))
            painter.setPen(QColor("#ffffff"))
            painter.drawText(band.adjusted(BANNER_MARGIN, 0, -BANNER_MARGIN, 0),
                             Qt.AlignCenter | Qt.TextWordWrap, self.banner)
        painter.restore()
