"""The drawing pad: draw a digit with the mouse, see it as the network sees it, and watch its prediction.

It serves projects whose data is a digit set (scikit-learn's 8x8 digits or MNIST, see
``nnstudio.data.drawing.DIGIT_FORMATS``), trained or not: untrained, it says so instead of guessing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from nnstudio.data import Preprocessor
from nnstudio.data.drawing import DIGIT_FORMATS, to_digit_input
from nnstudio.gui import data_names
from nnstudio.gui.plots.base import current_scale
from nnstudio.gui.plots.digits import grey_tile
from nnstudio.gui.presentation import ScaledText

PAD_PIXELS = 280  # the drawing surface, 10x MNIST's 28: a stroke as wide as a pen is about 2 MNIST pixels
PEN_WIDTH = 22    # in the surface's pixels
PAD_SIZE = (560, 300)   # the floating pad when first opened
SEEN_SIDE = 112         # "What the network sees", in pixels


class InkCanvas(QWidget):
    """A square white surface that takes strokes of a thick round pen; ``ink()`` reads it as 0..1."""

    inkChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image = QImage(PAD_PIXELS, PAD_PIXELS, QImage.Format_Grayscale8)
        self.image.fill(255)
        self._last: QPointF | None = None
        self.setMinimumSize(180, 180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setCursor(Qt.CrossCursor)
        self.setAccessibleName(self.tr("Drawing surface"))

    def sizeHint(self) -> QSize:
        return QSize(PAD_PIXELS, PAD_PIXELS)

    def heightForWidth(self, width: int) -> int:
        return width

    def _square(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_image(self, pos: QPointF) -> QPointF:
        sq = self._square()
        return QPointF((pos.x() - sq.x()) * PAD_PIXELS / sq.width(), (pos.y() - sq.y()) * PAD_PIXELS / sq.height())

    def draw_line(self, a: QPointF, b: QPointF) -> None:
        """A stroke from ``a`` to ``b`` in image pixels (0..PAD_PIXELS)."""
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0), PEN_WIDTH, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        painter.drawLine(a, b)
        painter.end()
        self.update()
        self.inkChanged.emit()

    def clear(self) -> None:
        self.image.fill(255)
        self.update()
        self.inkChanged.emit()

    def ink(self) -> np.ndarray:
        """(PAD_PIXELS, PAD_PIXELS) floats, 1 where the ink is darkest."""
        ptr = self.image.constBits()
        rows = np.frombuffer(ptr, np.uint8).reshape(PAD_PIXELS, self.image.bytesPerLine())[:, :PAD_PIXELS]
        return 1.0 - rows.astype(np.float64) / 255.0

    def mousePressEvent(self, event):
        if event.button() == Qt.LeftButton:
            self._last = self._to_image(event.position())
            self.draw_line(self._last, self._last)

    def mouseMoveEvent(self, event):
        if self._last is not None:
            point = self._to_image(event.position())
            self.draw_line(self._last, point)
            self._last = point

    def mouseReleaseEvent(self, event):
        self._last = None

    def paintEvent(self, event):
        painter = QPainter(self)
        sq = self._square()
        painter.drawImage(sq, self.image)
        painter.setPen(QPen(QColor("#9aa4b2"), 1))
        painter.drawRect(sq.adjusted(0, 0, -1, -1))


class ProbabilityBars(QWidget):
    """One horizontal bar per class with its name and percentage; the predicted class stands out."""

    WIDEST = "100%"   # written as the other views write a percentage (the mistakes gallery, the predictions)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: list[str] = []
        self.probs: np.ndarray | None = None
        self.setMinimumWidth(170)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)

    def set_values(self, names: list[str], probs: np.ndarray | None) -> None:
        self.names, self.probs = list(names), None if probs is None else np.asarray(probs, dtype=float)
        self.update()

    def percentages(self) -> list[str]:
        """The percentage written beside each bar ("56%"), none before a prediction."""
        return [] if self.probs is None else [f"{float(p):.0%}" for p in self.probs]

    def paintEvent(self, event):
        if not self.names:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        row = self.height() / len(self.names)
        label_w = max(painter.fontMetrics().horizontalAdvance(n) for n in self.names) + 10
        pct_w = painter.fontMetrics().horizontalAdvance(self.WIDEST) + 8
        bar_w = max(self.width() - label_w - pct_w, 10)
        best = int(np.argmax(self.probs)) if self.probs is not None else -1
        texts = self.percentages()
        for i, name in enumerate(self.names):
            top = i * row
            text_rect = QRectF(0, top, label_w - 6, row)
            painter.setPen(QColor("#1b2430"))
            font = painter.font()
            font.setBold(i == best)
            painter.setFont(font)
            painter.drawText(text_rect, Qt.AlignRight | Qt.AlignVCenter, name)
            track = QRectF(label_w, top + row * 0.2, bar_w, row * 0.6)
            painter.fillRect(track, QColor("#e8ecf2"))
            if self.probs is not None:
                p = float(self.probs[i])
                painter.fillRect(QRectF(track.x(), track.y(), bar_w * p, track.height()),
                                 QColor("#2f6fdf" if i == best else "#8fb0ea"))
                painter.drawText(QRectF(label_w + bar_w + 4, top, pct_w, row), Qt.AlignLeft | Qt.AlignVCenter,
                                 texts[i])


class DrawingPad(QWidget):
    """The pad, the network's-eye view of the drawing, and the predicted probabilities."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window = window
        self.canvas = InkCanvas()
        self.seen = QLabel()
        self.seen.setFixedSize(SEEN_SIDE, SEEN_SIDE)
        self._seen_grey: np.ndarray | None = None
        self.seen.setAlignment(Qt.AlignCenter)
        self.seen.setStyleSheet("background: white; border: 1px solid #9aa4b2;")
        self.seen.setToolTip(self.tr("The drawing scaled down to the images the network learned from"))
        self.bars = ProbabilityBars()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.canvas.clear)
        self.seen_label = QLabel(self.tr("What the network sees"))
        side = QVBoxLayout()
        side.addWidget(self.seen_label)
        side.addWidget(self.seen)
        side.addWidget(self.clear_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.canvas, 3)
        top.addLayout(side)
        top.addWidget(self.bars, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addLayout(top, 1)
        self._timer = QTimer(self, singleShot=True, interval=30)  # at most ~30 predictions a second
        self._timer.timeout.connect(self.predict)
        self.canvas.inkChanged.connect(self._timer.start)
        self._key = None
        self._net = self._prep = None
        self._normal_geometry: QRect | None = None   # the floating pad's geometry before presentation mode
        window.projectReplaced.connect(self.predict)
        # presentation mode: the class reads the bars and their percentages from the back, as the plots' text
        self._scaled_text = ScaledText(self.status, self.seen_label, self.clear_button, self.bars)
        self.predict()

    def rescaled(self) -> None:
        scale = current_scale()
        dock = self.parentWidget()
        floating = isinstance(dock, QDockWidget) and dock.isFloating()
        if scale != 1.0 and floating and self._normal_geometry is None:
            self._normal_geometry = dock.geometry()   # before the larger text pushes the pad's minimum size
        self._scaled_text.apply()
        self.seen.setFixedSize(round(SEEN_SIDE * scale), round(SEEN_SIDE * scale))
        if self._seen_grey is not None:
            self._show_seen(self._seen_grey)
        normal = self._normal_geometry
        if scale == 1.0:
            self._normal_geometry = None
        if floating and normal is not None:
            self._fit_floating(dock, normal, scale)

    def _fit_floating(self, dock: QDockWidget, normal: QRect, scale: float) -> None:
        """Presentation mode: the floating pad grows with its text (docked, it follows the dock layout), its
        top right corner kept, inside the window; leaving it, the pad takes its place and size back."""
        for layout in (self.layout(), dock.layout()):   # the minimum size of the text just rescaled
            layout.invalidate()
            layout.activate()
        if scale == 1.0:
            dock.setGeometry(normal)
            return
        area = self.window.geometry()
        width = min(round(normal.width() * scale), area.width() - 16)
        height = min(round(normal.height() * scale), area.height() - 16)
        left = max(normal.right() + 1 - width, area.left() + 8)
        top = max(min(normal.top(), area.bottom() - 8 - height), area.top() + 8)
        dock.setGeometry(left, top, width, height)

    # -- the model behind the pad ---------------------------------------------------------------------
    def _format(self):
        source = (self.window.project.data or {}).get("source") or {}
        return DIGIT_FORMATS.get(source.get("name")) if source.get("kind") == "builtin" else None

    def _model(self) -> str | None:
        """Builds the trained network when the project's weights changed; the reason when it cannot."""
        project = self.window.project
        fitted = (project.data.get("preprocessing") or {}).get("fitted")
        if project.weights is None or not fitted:
            self._key = None
            return self.tr("Train the network, then draw a digit here to see what it predicts.")
        key = (id(project), id(project.weights))
        if key != self._key:
            try:
                self._net, self._prep = project.network(), Preprocessor.from_config(fitted)
            except Exception as exc:  # noqa: BLE001 - a network that no longer fits its weights says why
                self._key = None
                return self.tr("The network cannot predict: {0}").format(getattr(exc, "message", exc))
            self._key = key
        return None

    def predict(self) -> None:
        fmt = self._format()
        if fmt is None:
            self.status.setText(self.tr("The drawing pad works with the digits and MNIST data sets: choose one "
                                        "in the Data panel."))
            self.bars.set_values([], None)
            self.seen.clear()
            return
        image = to_digit_input(self.canvas.ink(), fmt, pen=PEN_WIDTH)
        self._show_seen(image / fmt.value_max)
        names = data_names.shown(self.window.project.class_names) or [str(d) for d in range(10)]
        reason = self._model()
        if reason is not None:
            self.status.setText(reason)
            self.bars.set_values(names, None)
            return
        shape = tuple(self._net.input_shape)
        if int(np.prod(shape)) != image.size:
            self.status.setText(self.tr("The network takes {0} values, not a {1}x{1} image.")
                                .format(int(np.prod(shape)), fmt.size))
            self.bars.set_values(names, None)
            return
        out = np.asarray(self._net.predict(self._prep.transform_X(image.reshape((1,) + shape))), float)[0]
        if out.shape[-1] != len(names):
            self.bars.set_values(names, None)
            return
        self.status.setText(self.tr("Draw a digit with the mouse; the bars show the network's answer as you draw."))
        self.bars.set_values(names, out)

    def hideEvent(self, event) -> None:  # a closed pad owes no prediction
        self._timer.stop()
        super().hideEvent(event)

    def _show_seen(self, grey: np.ndarray) -> None:
        self._seen_grey = grey
        # dark ink on white, as the mistakes gallery draws the data set's digits: a class compares like with like
        pixels = grey_tile(grey)
        h, w = pixels.shape
        image = QImage(pixels.data, w, h, w, QImage.Format_Grayscale8).copy()
        self.seen.setPixmap(QPixmap.fromImage(image).scaled(self.seen.size(), Qt.KeepAspectRatio,
                                                            Qt.FastTransformation))


def add_drawing_pad(window) -> QDockWidget:
    """The pad as a dock listed in View > Panels, hidden until a teacher opens it."""
    dock = QDockWidget(QCoreApplication.translate("DrawingPad", "Drawing pad"), window)
    dock.setObjectName("drawing_pad_dock")
    dock.setWidget(DrawingPad(window))
    window.add_panel(dock, Qt.RightDockWidgetArea)
    dock.hide()
    # it floats over the canvas when first opened: docked under the lesson it squeezed the canvas to a sliver
    # at 1024x768. Docked somewhere by the teacher, the saved layout keeps it there.
    dock.setFloating(True)
    dock.resize(*PAD_SIZE)
    dock.visibilityChanged.connect(lambda visible: _place(dock, window) if visible else None)
    return dock


def _place(dock: QDockWidget, window) -> None:
    """The first time the floating pad opens: at the top right of the canvas, inside the window when the
    canvas is narrower than the pad (1024x768), and always on the window's screen."""
    if not dock.isFloating() or dock.property("placed"):
        return
    dock.setProperty("placed", True)
    canvas = window.centralWidget()
    corner = canvas.mapToGlobal(canvas.rect().topRight())
    left = window.mapToGlobal(window.rect().topLeft()).x()
    x, y = max(corner.x() - dock.width() - 16, left + 8), corner.y() + 16
    # and on the screen: a window larger than its screen (or partly off it) must not take the pad out of sight
    screen = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = dock.frameGeometry()   # move() places the frame: its border counts
    x = max(screen.left(), min(x, screen.right() + 1 - frame.width()))
    y = max(screen.top(), min(y, screen.bottom() + 1 - frame.height()))
    dock.move(x, y)
