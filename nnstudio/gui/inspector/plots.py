"""Small teaching plots drawn with QPainter: an activation and its derivative, an initializer's histogram."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnstudio import i18n
from nnstudio.engine import activations, initializers

from .. import theme

FUNCTION_COLOR = QColor("#2f6fdf")
DERIVATIVE_COLOR = QColor("#e08a00")


class _Plot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.setMinimumWidth(150)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.caption = ""

    def sizeHint(self) -> QSize:
        return QSize(220, 150)

    def _frame(self, painter: QPainter) -> QRectF:
        c = theme.colors()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), c.card)
        painter.setPen(QPen(c.card_border, 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        return QRectF(self.rect()).adjusted(10, 8, -12, -24)

    def _caption(self, painter: QPainter) -> None:
        painter.setPen(theme.colors().muted)
        width = self.width() - 16
        text = painter.fontMetrics().elidedText(self.caption, Qt.ElideRight, width)
        painter.drawText(QRectF(8, self.height() - 22, width, 18), Qt.AlignLeft | Qt.AlignVCenter, text)


class ActivationPlot(_Plot):
    """f(z) (solid) and f'(z) (dashed) for z in [-4, 4]."""

    Z = np.linspace(-4.0, 4.0, 161)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.f: np.ndarray | None = None
        self.df: np.ndarray | None = None
        self.setAccessibleName(self.tr("Activation plot"))

    def set_activation(self, config) -> None:
        try:
            act = activations.get(config)
        except Exception as exc:  # an invalid config is shown as a sentence, never a crash
            self.f = self.df = None
            self.caption = str(exc)
            self.update()
            return
        z = self.Z
        name = act.get_config() if isinstance(act.get_config(), str) else act.name
        try:
            self.f = np.asarray(act.forward(z), dtype=float)
            self.df = np.asarray(act.derivative(z), dtype=float)
            self.caption = self.tr("— {0}(z)    - - derivative").format(name)
        except Exception:  # softmax: not element-wise; show the first output of softmax([z, 0])
            pair = np.stack([z, np.zeros_like(z)], axis=1)
            self.f = np.asarray(act.forward(pair), dtype=float)[:, 0]
            self.df = None
            self.caption = self.tr("— {0}([z, 0])₀ (softmax normalises across outputs)").format(name)
        self.setToolTip(i18n._(act.description) if act.description else name)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        area = self._frame(painter).adjusted(30, 0, 0, -14)  # room for the value and z labels
        c = theme.colors()
        if self.f is None:
            self._caption(painter)
            return
        curves = [self.f] + ([self.df] if self.df is not None else [])
        finite = np.concatenate([v[np.isfinite(v)] for v in curves])
        lo, hi = float(min(finite.min(), -0.2)), float(max(finite.max(), 1.2))
        lo, hi = max(lo, -4.5), min(hi, 4.5)
        pad = (hi - lo) * 0.08
        lo, hi = lo - pad, hi + pad

        def to_px(z: float, v: float) -> QPointF:
            return QPointF(area.left() + (z + 4) / 8 * area.width(),
                           area.bottom() - (v - lo) / (hi - lo) * area.height())

        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(to_px(-4, 0), to_px(4, 0))
        painter.drawLine(to_px(0, lo), to_px(0, hi))
        for values, color, style in [(self.f, FUNCTION_COLOR, Qt.SolidLine),
                                     (self.df, DERIVATIVE_COLOR, Qt.DashLine)]:
            if values is None:
                continue
            path = QPainterPath()
            started = False
            for z, v in zip(self.Z, np.clip(values, lo, hi)):
                p = to_px(float(z), float(v))
                if not started:
                    path.moveTo(p)
                    started = True
                else:
                    path.lineTo(p)
            painter.setPen(QPen(color, 2.2, style))
            painter.drawPath(path)
        painter.setPen(c.muted)
        zero = to_px(0, 0.0).y()
        for value in (hi, 0.0):
            y = to_px(0, value).y()
            if value != 0.0 and abs(y - zero) < 16:  # would collide with the 0 label
                continue
            painter.drawText(QRectF(area.left() - 32, y - 7, 28, 14), Qt.AlignRight | Qt.AlignVCenter,
                             f"{value:.1f}".replace("-0.0", "0.0"))
        base = to_px(0, lo).y()
        for z in (-4, 0, 4):
            painter.drawText(QRectF(to_px(z, 0).x() - 20, base + 1, 40, 12), Qt.AlignCenter, f"{z}")
        self._caption(painter)


class WeightHistogram(_Plot):
    """A histogram of the weights an initializer draws for a given weight shape."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: np.ndarray | None = None
        self.edges: np.ndarray | None = None
        self.setAccessibleName(self.tr("Initial weights histogram"))

    def set_initializer(self, config, shape: tuple[int, ...]) -> None:
        try:
            init = initializers.get(config)
            size = math.prod(shape)
            if size > 200_000:  # a huge conv kernel: the spread is the same on a smaller draw of it
                shape = (shape[0], max(1, 200_000 // max(1, size // shape[0]))) + tuple(shape[2:]) \
                    if len(shape) > 2 else (min(shape[0], 400), min(shape[-1], 500))
            w = np.asarray(init(tuple(shape), np.random.default_rng(0), np.float64)).ravel()
        except Exception as exc:
            self.counts = None
            self.caption = str(exc)
            self.update()
            return
        lo, hi = float(w.min()), float(w.max())
        if hi - lo < 1e-12:
            lo, hi = lo - 0.5, hi + 0.5
        self.counts, self.edges = np.histogram(w, bins=36, range=(lo, hi))
        shape_txt = "×".join(str(d) for d in shape)
        self.caption = self.tr("std {0} · mean {1} · {2} weights").format(f"{w.std():.3f}", f"{w.mean():+.2f}",
                                                                           shape_txt)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        area = self._frame(painter).adjusted(0, 0, 0, -14)  # room for the range labels above the caption
        if self.counts is not None and self.counts.max() > 0:
            n = len(self.counts)
            bar_w = area.width() / n
            top = self.counts.max()
            painter.setPen(Qt.NoPen)
            painter.setBrush(FUNCTION_COLOR)
            for i, count in enumerate(self.counts):
                h = count / top * area.height()
                painter.drawRect(QRectF(area.left() + i * bar_w + 0.5, area.bottom() - h, bar_w - 1, h))
            painter.setPen(theme.colors().muted)
            painter.drawText(QRectF(area.left(), area.bottom() + 1, 80, 12), Qt.AlignLeft,
                             f"{self.edges[0]:.2g}")
            painter.drawText(QRectF(area.right() - 80, area.bottom() + 1, 80, 12), Qt.AlignRight,
                             f"{self.edges[-1]:.2g}")
        self._caption(painter)
