"""The network drawn as columns of neurons for the backprop explorer: one column per node, a small circle
per unit with its value beside it (up to ``MAX_CIRCLES`` units), a heatmap of cells beyond; the lines of a
Dense layer between two drawn columns, blue for positive weights and orange for negative ones (the studio's
sign colours), thicker for larger ones. The column being computed is highlighted. Painted with QPainter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from .plots import colors
from .step_formulas import num

MAX_CIRCLES = 16
POSITIVE = tuple(int(c) for c in colors.POSITIVE)     # the studio's blue and orange for signs
NEGATIVE = tuple(int(c) for c in colors.NEGATIVE)
CURRENT = QColor(255, 236, 170)
TITLE_H = 64
LEVELS = 6          # strengths of weight lines
LABEL_W = 58        # room for a value's label (3 significant digits, "−0.0549") right of its circle: lines start after it
FOOT_H = 30


def value_color(v: float, scale: float) -> QColor:
    """White at 0, blue for positive values, orange for negative ones, full colour at ``scale``."""
    t = 0.0 if scale <= 0 or not math.isfinite(v) else max(-1.0, min(1.0, v / scale))
    r, g, b = POSITIVE if t >= 0 else NEGATIVE
    t = abs(t)
    return QColor(int(255 + (r - 255) * t), int(255 + (g - 255) * t), int(255 + (b - 255) * t))


def value_colors(values: np.ndarray, scale: float, faded: bool = False) -> np.ndarray:
    """``value_color`` for a whole array at once: (n, 3) bytes."""
    t = np.clip(np.nan_to_num(np.asarray(values, dtype=np.float64).ravel() / (scale or 1.0)), -1.0, 1.0)
    ends = np.where(t[:, None] >= 0, np.array(POSITIVE, float), np.array(NEGATIVE, float))
    rgb = 255 + (ends - 255) * np.abs(t)[:, None]
    if faded:
        rgb = (rgb + 2 * 245) / 3
    return rgb.astype(np.uint8)


@dataclass
class Column:
    node_id: str
    title: str                   # display name
    subtitle: str                # the layer type
    values: np.ndarray | None    # one sample's values, flattened; None: not computed yet
    shape: tuple = ()            # one sample's shape: images (H, W, C) are drawn as one tile per channel
    current: bool = False
    faded: bool = False          # computed on the way forward, shown pale on the way back
    what: str = ""               # what the values are ("a = tanh(z)", "δ = dL/dz")
    footer: str = ""             # e.g. the target under the output


@dataclass
class Picture:
    columns: list[Column]
    # (source column, target column, kernel (in, out)) for full connections drawn as lines; other
    # connections (merges, conv, flatten) as one line between the columns
    weights: list[tuple[int, int, np.ndarray]] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)


class NetworkDiagram(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.picture = Picture([])
        self.scale = 1.0        # presentation mode: text, circles and the room for labels grow by this
        self._lines, self._lines_key, self._lines_kernels = QPixmap(), None, []
        self.setMinimumSize(360, 300)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(pal)

    def set_picture(self, picture: Picture) -> None:
        self.picture = picture
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.update()

    def _px(self, length: float) -> float:
        """A length of the drawing at the current scale."""
        return length * self.scale

    # -- geometry -----------------------------------------------------------------------------------------
    def _column_x(self, i: int) -> float:
        n = max(len(self.picture.columns), 1)
        return self.width() * (i + 0.5) / n

    def unit_centers(self, i: int) -> list[QPointF]:
        """Where column ``i``'s circles sit (empty when it is drawn as a heatmap)."""
        col = self.picture.columns[i]
        n = 0 if col.values is None else col.values.size
        n = n if col.values is not None else 0
        if not 0 < n <= MAX_CIRCLES:
            return []
        top, bottom = self._px(TITLE_H) + 8, self.height() - self._px(FOOT_H)
        step = (bottom - top) / n
        x = self._column_x(i) - self._px(14)
        return [QPointF(x, top + step * (k + 0.5)) for k in range(n)]

    def _radius(self, n: int) -> float:
        room = self.height() - self._px(TITLE_H + FOOT_H) - 8
        return max(4.0, min(self._px(14.0), room / max(n, 1) / 2 - 2))

    # -- painting ---------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        cols = self.picture.columns
        width = self.width() / max(len(cols), 1)
        for i, col in enumerate(cols):
            if col.current:
                p.fillRect(QRectF(self._column_x(i) - width / 2 + 4, 2, width - 8, self.height() - 4), CURRENT)
        p.drawPixmap(0, 0, self._weight_layer())
        p.setPen(QPen(QColor(170, 170, 170), 1.5))
        for src, dst in self.picture.links:
            p.drawLine(*self._link_ends(src, dst, width))
        for i, col in enumerate(cols):
            self._paint_column(p, i, col, width)
        p.end()

    def _heatmap_rect(self, i: int, width: float) -> QRectF | None:
        """Where column ``i``'s heatmap is drawn (None when its values are circles or not computed)."""
        col = self.picture.columns[i]
        if col.values is None or self.unit_centers(i):
            return None
        rows, cols = tiles(col.values, col.shape).shape
        return self._heatmap_target(self._column_x(i), width, rows, cols)

    def _heatmap_target(self, x: float, width: float, rows: int, cols: int) -> QRectF:
        """A grid of rows x cols square cells, centred on ``x`` under the titles, as large as the column allows."""
        side = min(width - 16, self.height() - self._px(TITLE_H + FOOT_H + 50))
        cell = side / max(cols, rows)
        return QRectF(x - cols * cell / 2, self._px(TITLE_H) + 8, cols * cell, rows * cell)

    def _link_ends(self, src: int, dst: int, width: float) -> tuple[QPointF, QPointF]:
        """A connection drawn as one line: level with the heatmap it leads into (or comes out of), else across
        the middle; from beside the source's values to just before the destination's."""
        src_map, dst_map = self._heatmap_rect(src, width), self._heatmap_rect(dst, width)
        anchor = dst_map or src_map
        y = anchor.center().y() if anchor is not None else (self._px(TITLE_H - FOOT_H) + self.height()) / 2
        x0 = src_map.right() + 6 if src_map is not None else self._column_x(src) + self._px(30)
        x1 = dst_map.left() - 6 if dst_map is not None else self._column_x(dst) - self._px(50)
        return QPointF(x0, y), QPointF(x1, y)

    def _weight_layer(self) -> QPixmap:
        """The weight lines, drawn once per picture and size: stepping back and forth mostly reuses them
        (hundreds of antialiased lines are most of a paint's cost)."""
        pic = self.picture
        key = (self.width(), self.height(), self.devicePixelRatioF(), self.scale,
               tuple((src, dst, id(k)) for src, dst, k in pic.weights),
               tuple(c.values is not None and c.values.size for c in pic.columns))
        if self._lines_key != key:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.Antialiasing)
            for src, dst, kernel in pic.weights:
                self._paint_weights(painter, src, dst, kernel)
            painter.end()
            self._lines, self._lines_key = pixmap, key
            self._lines_kernels = [k for _, _, k in pic.weights]   # alive while their ids are in the key
        return self._lines

    def _paint_weights(self, p: QPainter, src: int, dst: int, kernel: np.ndarray) -> None:
        a, b = self.unit_centers(src), self.unit_centers(dst)
        if not a or not b or kernel.shape != (len(a), len(b)):
            return
        big = float(np.abs(kernel).max()) or 1.0
        r_a, r_b = self._radius(len(a)), self._radius(len(b))
        # lines drawn in a few pens (sign × strength) with one drawLines call each: a 16 × 16 layer paints
        # in a fraction of the time of one pen per line
        level = np.minimum((np.abs(kernel) / big * LEVELS).astype(int), LEVELS - 1)
        for sign, rgb in ((True, POSITIVE), (False, NEGATIVE)):
            for k in range(LEVELS):
                ii, jj = np.nonzero((level == k) & ((kernel >= 0) == sign))
                if not len(ii):
                    continue
                t = (k + 0.5) / LEVELS
                color = QColor(*rgb)
                color.setAlphaF(0.15 + 0.6 * t)
                p.setPen(QPen(color, 0.5 + 2.5 * t))
                label_w = self._px(LABEL_W)
                p.drawLines([QLineF(a[i].x() + r_a + label_w, a[i].y(), b[j].x() - r_b, b[j].y())
                             for i, j in zip(ii, jj)])

    def _paint_column(self, p: QPainter, i: int, col: Column, width: float) -> None:
        x = self._column_x(i)
        px = self._px
        base = max(self.font().pointSizeF(), 10.0)
        title = QFont(self.font())
        title.setPointSizeF((base + 1) * self.scale)
        title.setBold(True)
        p.setPen(QColor(30, 30, 30))
        _fitted_text(p, QRectF(x - width / 2, 2, width, px(22)), title, col.title)
        small = QFont(self.font())
        small.setPointSizeF(base * self.scale)
        p.setPen(QColor(90, 90, 90))
        _fitted_text(p, QRectF(x - width / 2, px(22), width, px(20)), small, col.subtitle)
        _fitted_text(p, QRectF(x - width / 2, px(40), width, px(20)), small, col.what)
        p.setFont(small)
        if col.footer:
            p.setPen(QColor(30, 30, 30))
            # wider than the column if need be, but inside the widget: centred under it unless cut at an edge
            left, right = max(0.0, x - width), min(float(self.width()), x + width)
            align = Qt.AlignRight if right < x + width else Qt.AlignLeft if left > x - width else Qt.AlignHCenter
            p.drawText(QRectF(left + 4, self.height() - px(FOOT_H), right - left - 8, px(FOOT_H) - 4),
                       align | Qt.AlignVCenter, col.footer)
        values = col.values
        if values is None:
            return
        scale = float(np.abs(values).max()) if values.size else 1.0
        centers = self.unit_centers(i)
        if centers:
            r = self._radius(len(centers))
            for c, v in zip(centers, values):
                fill = value_color(float(v), scale)
                if col.faded:
                    fill = QColor((fill.red() + 2 * 245) // 3, (fill.green() + 2 * 245) // 3,
                                  (fill.blue() + 2 * 245) // 3)
                p.setBrush(fill)
                p.setPen(QPen(QColor(120, 120, 120) if col.faded else QColor(40, 40, 40), 1.2))
                p.drawEllipse(c, r, r)
                p.setPen(QColor(150, 150, 150) if col.faded else QColor(20, 20, 20))
                p.drawText(QRectF(c.x() + r + 3, c.y() - px(10), px(LABEL_W) - 4, px(20)),
                           Qt.AlignLeft | Qt.AlignVCenter, num(float(v)))
            return
        self._paint_heatmap(p, x, width, tiles(values, col.shape), scale, col.faded)

    def _paint_heatmap(self, p: QPainter, x: float, width: float, grid: np.ndarray, scale: float,
                       faded: bool) -> None:
        """``grid``: a 2-D array of values, NaN where nothing is drawn (white)."""
        rows, cols = grid.shape
        rgb = value_colors(grid, scale, faded)
        rgb[np.isnan(grid).ravel()] = 255
        rgba = np.concatenate([rgb, np.full((rows * cols, 1), 255, np.uint8)], axis=1).reshape(rows, cols, 4)
        self._pixels = np.ascontiguousarray(rgba)        # the QImage reads this buffer while it is painted
        image = QImage(self._pixels.data, cols, rows, cols * 4, QImage.Format_RGBA8888)
        target = self._heatmap_target(x, width, rows, cols)
        p.drawImage(target, image)
        p.setPen(QColor(90, 90, 90))
        p.setBrush(Qt.NoBrush)       # the frame only: a circle column drawn before leaves its last fill set
        p.drawRect(target)
        values = grid[~np.isnan(grid)]
        p.drawText(QRectF(x - width / 2, target.bottom() + 2, width, self._px(64)), Qt.AlignHCenter | Qt.TextWordWrap,
                   QCoreApplication.translate("StepInside", "{0} values\n{1} … {2}").format(
                       values.size, num(float(values.min())), num(float(values.max()))))


def _fitted_text(p: QPainter, rect: QRectF, font: QFont, text: str) -> None:
    """One line centred in ``rect``: in a smaller font (down to 3/4 of ``font``) where the column is too
    narrow for it, and cut with "…" only if even that does not fit."""
    font = QFont(font)
    size = font.pointSizeF()
    while QFontMetricsF(font).horizontalAdvance(text) > rect.width() and font.pointSizeF() > 0.75 * size:
        font.setPointSizeF(font.pointSizeF() - 0.5)
    p.setFont(font)
    shown = QFontMetricsF(font).elidedText(text, Qt.ElideRight, rect.width())
    p.drawText(rect, Qt.AlignHCenter | Qt.AlignVCenter, shown)


def tiles(values: np.ndarray, shape: tuple) -> np.ndarray:
    """The values as a 2-D picture: an image (H, W, C) as its C channels side by side in a near-square grid
    of tiles one cell apart; anything else as a near-square grid in reading order. NaN marks the gaps."""
    values = np.asarray(values, dtype=np.float64).ravel()
    if len(shape) == 3 and int(np.prod(shape)) == values.size:
        h, w, c = shape
        per_row = max(1, math.ceil(math.sqrt(c)))
        rows = math.ceil(c / per_row)
        grid = np.full((rows * (h + 1) - 1, per_row * (w + 1) - 1), np.nan)
        image = values.reshape(h, w, c)
        for k in range(c):
            r, q = divmod(k, per_row)
            grid[r * (h + 1):r * (h + 1) + h, q * (w + 1):q * (w + 1) + w] = image[:, :, k]
        return grid
    n = values.size
    cols = max(1, math.ceil(math.sqrt(n)))
    grid = np.full(math.ceil(n / cols) * cols, np.nan)
    grid[:n] = values
    return grid.reshape(-1, cols)
