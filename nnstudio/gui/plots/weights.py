"""The selected layer's kernel as a heatmap (orange negative, blue positive) and conv filters as a grid of
small images, each with a colour bar saying which colour is which weight. Both pick their layer from a combo
box and redraw only when a snapshot arrives."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from . import colors
from .base import PlotView, current_scale, title_size
from .ticks import FittedTicks


def kernel_matrix(kernel: np.ndarray) -> np.ndarray:
    """Any kernel as a 2-D (inputs, outputs) matrix: Dense as is, conv (kh, kw, cin, cout) flattened."""
    k = np.asarray(kernel)
    if k.ndim == 1:
        return k[:, None]
    return k.reshape(-1, k.shape[-1])


def filter_mosaic(kernel: np.ndarray, gap: int = 1) -> np.ndarray:
    """(kh, kw, cin, cout) -> one image with a tile per output filter (mean over input channels),
    tiles laid out in a near-square grid and separated by NaN gaps (drawn as background)."""
    k = np.asarray(kernel, dtype=np.float64)
    tiles = k.mean(axis=2) if k.ndim == 4 else k.reshape(k.shape[0], k.shape[1], -1)
    kh, kw, n = tiles.shape
    cols = int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    out = np.full((rows * (kh + gap) - gap, cols * (kw + gap) - gap), np.nan)
    for i in range(n):
        r, c = divmod(i, cols)
        out[r * (kh + gap):r * (kh + gap) + kh, c * (kw + gap):c * (kw + gap) + kw] = tiles[:, :, i]
    return out


def robust_limit(values: np.ndarray, percentile: float = 99.0) -> float:
    """The colour scale's half-width: the ``percentile`` of |w|, so one large weight saturates alone
    instead of washing every other cell out to white (the largest |w| when that percentile is zero)."""
    a = np.abs(np.asarray(values, dtype=np.float64))
    a = a[np.isfinite(a)]
    if not a.size:
        return 1.0
    limit = _percentile(a, percentile)
    return limit if limit > 0 else (float(a.max()) or 1.0)


def _percentile(a: np.ndarray, q: float) -> float:
    """np.percentile's default (linear) for a flat array, by partition: the same value without the masked-
    array module np.percentile imports on its first call (16-35 ms on the GUI thread at a session's first
    heatmap)."""
    if q >= 100.0:
        return float(a.max())
    k = (a.size - 1) * q / 100.0
    lo = int(np.floor(k))
    hi = min(lo + 1, a.size - 1)
    part = np.partition(a, [lo, hi])
    return float(part[lo] + (part[hi] - part[lo]) * (k - lo))


DIVERGING_MAP = pg.ColorMap([0.0, 0.5, 1.0], [colors.NEGATIVE.astype(int), colors.NEUTRAL.astype(int),
                                              colors.POSITIVE.astype(int)])


def diverging_bar(lo: float, hi: float, orientation: str = "vertical") -> pg.ColorBarItem:
    """A scale of the diverging colours from ``lo`` to ``hi`` beside a plot, read-only, its numbers dark."""
    bar = pg.ColorBarItem(values=(lo, hi), colorMap=DIVERGING_MAP, interactive=False, width=12, colorMapMenu=False,
                          orientation=orientation)
    bar.axis.setTextPen(pg.mkPen(40, 40, 40))
    return bar


class _LayerPicker(QWidget):
    """A combo box of layers over a plot of one image (rows down); remembers the choice across snapshots and
    sessions."""

    def __init__(self, label: str, name: str, x_label: str = "", y_label: str = "", parent=None):
        super().__init__(parent)
        self.view = view = PlotView(name, "", x_label, y_label, csv_source=lambda: self._csv())
        self.row_ticks, self.column_ticks = FittedTicks(view.plot_item, "left"), FittedTicks(view.plot_item, "bottom")
        self.image = pg.ImageItem(axisOrder="row-major")
        view.plot_item.addItem(self.image)
        view.plot_item.invertY(True)
        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("Which layer to show"))
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(QLabel(label))
        top.addWidget(self.combo, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(view, 1)
        self.combo.currentIndexChanged.connect(lambda _i: self.redraw())
        self._last: dict | None = None

    @property
    def updates(self) -> int:
        return self.view.updates

    def set_layers(self, layers: list[tuple[str, str]]) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for nid, label in layers:
            self.combo.addItem(label, nid)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)
        self.setEnabled(bool(layers))

    def select(self, node_id: str) -> None:
        index = self.combo.findData(node_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def on_snapshot(self, snap: dict) -> None:
        self._last = snap.weights
        self.redraw()

    def reset(self) -> None:
        """No weights to show (Reset weights): the old picture goes."""
        self._last = None
        self.image.clear()
        self.view.plot_item.setTitle("")

    def redraw(self) -> None:
        nid = self.combo.currentData()
        if self._last is None or nid not in self._last or "kernel" not in self._last[nid]:
            return
        self.draw(nid, self._last[nid]["kernel"])
        self.view.updates += 1

    def draw(self, nid: str, kernel: np.ndarray) -> None:
        raise NotImplementedError


class WeightsHeatmap(_LayerPicker):
    """Rows are the layer's inputs, columns its units; colour is the weight's sign and size."""

    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("WeightsHeatmap", "Layer:"), "weights",
                         QCoreApplication.translate("WeightsHeatmap", "unit"),
                         QCoreApplication.translate("WeightsHeatmap", "input"), parent)
        self.matrix = np.zeros((0, 0))
        self.limit = 1.0
        self.image.setColorMap(DIVERGING_MAP)
        # the scale beside the picture: which colour is which weight
        self.bar = diverging_bar(-1.0, 1.0)
        self.bar.setImageItem(self.image, insert_in=self.view.plot_item)
        self.bar.getAxis("right").setWidth(44)    # "-0.835" in full

    def draw(self, nid: str, kernel: np.ndarray) -> None:
        m = kernel_matrix(kernel)
        self.matrix = m
        self.limit = vmax = robust_limit(m)
        self.image.setImage(np.nan_to_num(m), autoLevels=False)
        self.bar.setLevels((-vmax, vmax))
        rows, cols = m.shape
        # whole-number ticks in the middle of each cell (rows are inputs, columns units)
        self.row_ticks.set_numbers(rows)
        self.column_ticks.set_numbers(cols)
        largest = float(np.nanmax(np.abs(m))) if m.size else 0.0
        # past ±vmax the colour saturates; a narrow dock drops that part before cutting the scale
        scale = self.tr("weights ±{0}").format(f"{vmax:.3g}")
        beyond = self.tr(" (max {0})").format(f"{largest:.3g}") if largest > vmax * 1.001 else ""
        self.view.plot_item.setTitle(scale + beyond, shorter=[scale] if beyond else [], color="#282828",
                                     size=title_size())

    def _csv(self):
        header = ["input"] + [f"unit_{j}" for j in range(self.matrix.shape[1] if self.matrix.ndim == 2 else 0)]
        return header, [[i, *row] for i, row in enumerate(self.matrix)]


BAR_POINTS = 10     # the colour bar's numbers (times presentation's scale): read from the back of the room
BAR_GAP = 5         # pixels between the filters and a bar beside them


def signed(value: float) -> str:
    """A colour bar's end: "+0.42", "−0.42" (a true minus sign, as wide as the plus), "0"."""
    if value == 0:
        return "0"
    return ("+" if value > 0 else "\u2212") + f"{abs(value):.2g}"


class FilterGrid(_LayerPicker):
    """Each conv filter as a small image (averaged over input channels), all on one colour scale; a Dense
    layer reading an image's pixels (``unit_shapes``) shows each unit's weights as an image of that size. The
    bar beside them says which colour is which weight: orange negative, white zero, blue positive."""

    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("FilterGrid", "Layer:"), "filters", parent=parent)
        plot = self.view.plot_item
        plot.setAspectLocked(True)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        self.kernel = np.zeros((0, 0, 0, 0))
        self.unit_shapes: dict[str, tuple[int, int, int]] = {}   # Dense layers on pixels: image shape
        self.limit = 1.0
        # the colour bar goes where the filters leave room: beside them in a wide dock, under them in a narrow
        # one (at 1024x768 a bar beside them shrank the MLP's unit images by a quarter, under them by a sixth)
        self.bars = {"right": diverging_bar(-1.0, 1.0), "below": diverging_bar(-1.0, 1.0, "horizontal")}
        for bar in self.bars.values():
            bar.hide()                                # until there are weights to colour
        self.side = ""
        self.rescaled()
        self._place_bar("right")
        plot.getViewBox().sigResized.connect(self._choose_side)

    @property
    def bar(self) -> pg.ColorBarItem:
        """The colour bar shown (the other side's is out of the layout)."""
        return self.bars[self.side]

    def bar_labels(self) -> list[tuple[float, str]]:
        """The colour bar's three numbers: both ends of the scale and its white middle."""
        return [(-self.limit, signed(-self.limit)), (0.0, "0"), (self.limit, signed(self.limit))]

    def rescaled(self) -> None:
        """The bars' numbers at BAR_POINTS, times presentation mode's scale, with the room they need."""
        font = QFont()
        font.setPointSizeF(BAR_POINTS * current_scale())
        metrics = QFontMetricsF(font)
        widest = max(metrics.horizontalAdvance(text) for _, text in self.bar_labels())
        for side, bar in self.bars.items():
            bar.axis.setTickFont(font)
            bar.axis.setTicks([self.bar_labels()])
            # the ends' numbers are drawn: the bar's margins below are their room
            bar.axis.setStyle(hideOverlappingLabels=int(max(widest, metrics.height()) / 2 + 2))
            # the end numbers are centred on the bar's ends: room for the half beyond them
            if side == "right":
                bar.axis.setWidth(int(widest + 12))          # the tick mark and its gap
                half = int(metrics.height() / 2 + 1)
                bar.layout.setContentsMargins(0, half, 0, half)
            else:
                bar.axis.setHeight(int(metrics.height() + 8))
                half = int(widest / 2 + 1)
                bar.layout.setContentsMargins(half, 0, half, 0)
            bar.updateGeometry()
        self._choose_side()

    def _footprint(self, side: str) -> float:
        """Pixels the bar on ``side`` takes from the plot: width beside it (with its gap), height under it."""
        hint = self.bars[side].effectiveSizeHint(Qt.SizeHint.MinimumSize)
        return hint.width() + BAR_GAP if side == "right" else hint.height()

    def _choose_side(self, *_args) -> None:
        """The side on which the filters are drawn the larger, from the room bar and filters share (the same
        whichever side the bar is on: no flicker between the two)."""
        image = self.image.image
        vb = self.view.plot_item.getViewBox()
        if image is None or vb.width() <= 0 or vb.height() <= 0 or not self.side:
            return
        rows, cols = image.shape[:2]
        width = vb.width() + (self._footprint("right") if self.side == "right" else 0.0)
        height = vb.height() + (self._footprint("below") if self.side == "below" else 0.0)
        beside = min((width - self._footprint("right")) / cols, height / rows)
        under = min(width / cols, (height - self._footprint("below")) / rows)
        self._place_bar("right" if beside >= under else "below")

    def _place_bar(self, side: str) -> None:
        if side == self.side:
            return
        layout = self.view.plot_item.layout
        shown = self.side and self.bar.isVisible()
        if self.side:
            layout.removeItem(self.bar)
            self.bar.hide()
        self.side = side
        if side == "right":
            layout.addItem(self.bar, 2, 5)             # where ColorBarItem puts itself beside a plot
            layout.setColumnFixedWidth(4, BAR_GAP)
        else:
            layout.addItem(self.bar, 4, 1)             # under the (hidden) bottom axis
            layout.setColumnFixedWidth(4, 0)
        self.bar.setVisible(bool(shown))

    def draw(self, nid: str, kernel: np.ndarray) -> None:
        self.kernel = np.asarray(kernel)
        shape = self.unit_shapes.get(nid) if self.kernel.ndim == 2 else None
        if shape is not None:
            h, w, c = shape
            tiles = self.kernel.reshape(h, w, c, -1).mean(axis=2)
            mosaic = filter_mosaic(tiles)
            # a few large weights would wash the rest out: the robust scale, as the heatmap uses
            vmax = robust_limit(tiles)
            title = QCoreApplication.translate("FilterGrid", "{n} units as {h}x{w} images").format(
                n=tiles.shape[-1], h=h, w=w)
            # beside the colour bar in a narrow dock (the Chinese was cut)
            shorter = [QCoreApplication.translate("FilterGrid", "{n} units, {h}x{w} each").format(
                n=tiles.shape[-1], h=h, w=w)]
            self.kernel = self.kernel.reshape(h, w, c, -1)     # the CSV lists pixel, channel and unit
        else:
            mosaic = filter_mosaic(kernel)
            finite = np.abs(mosaic[np.isfinite(mosaic)])
            vmax = float(finite.max()) if finite.size else 1.0
            n = self.kernel.shape[-1] if self.kernel.ndim == 4 else 0
            title = (QCoreApplication.translate("FilterGrid", "{layer}: 1 filter") if n == 1 else
                     QCoreApplication.translate("FilterGrid", "{layer}: {n} filters")).format(
                layer=self.combo.currentText(), n=n)
            # beside the colour bar in a narrow dock: the layer's name is in the box above
            shorter = [(QCoreApplication.translate("FilterGrid", "1 filter") if n == 1 else
                        QCoreApplication.translate("FilterGrid", "{n} filters")).format(n=n)]
        rgba = colors.diverging(np.nan_to_num(mosaic), vmax)
        rgba[~np.isfinite(mosaic)] = (255, 255, 255, 255)
        self.image.setImage(rgba, autoLevels=False)
        self.view.plot_item.setTitle(title, shorter=shorter, color="#282828", size=title_size())
        self.limit = vmax
        for bar in self.bars.values():
            bar.setLevels((-vmax, vmax))
        self.rescaled()                                # the numbers' room, and the side for this mosaic
        self.bar.show()

    def reset(self) -> None:
        super().reset()
        self.bar.hide()

    def _csv(self):
        k = self.kernel
        rows = []
        if k.ndim == 4:
            for idx in np.ndindex(*k.shape):
                rows.append([*idx, float(k[idx])])
        return ["row", "column", "in_channel", "filter", "weight"], rows
