"""Tick labels of heatmaps and matrices that stay readable at any dock width. Fixed ticks (one per cell)
are drawn by pyqtgraph however close they come, so "0 2 4 ... 10 12 14" ran together in a narrow dock and a
confusion matrix's "negative" and "positive" overlapped. Here numbers are thinned to a nice step, and names
are cut with "…" (across, while a letter still shows), replaced by their cell numbers (where the caller
allows it, so every column keeps a label) or thinned, whenever the plot is resized.

``WholeAxis``: an axis of things counted whole (epochs, training steps), labelled at whole numbers only."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF

GAP = 6.0      # pixels between neighbouring labels


class WholeAxis(pg.AxisItem):
    """An axis counting whole things (epochs): ticks only at whole numbers, so a one-epoch run reads
    "0 ... 1" rather than "0 0.2 0.4 0.6 0.8 1" (a class asked what epoch 0.4 was). Zoomed in so far that
    fewer than two whole numbers show, pyqtgraph's own steps come back: the axis is never without labels."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        levels = super().tickSpacing(minVal, maxVal, size)
        lo, hi = sorted((minVal, maxVal))
        if not levels or self.logMode or math.floor(hi) - math.ceil(lo) < 1:
            return levels
        whole = [(spacing, offset) for spacing, offset in levels
                 if spacing >= 1 and float(spacing).is_integer()]
        return self._apart(whole or [(1.0, 0)], lo, hi, size)

    def _apart(self, levels: list, lo: float, hi: float, size: float) -> list:
        """Only the levels whose labels stand apart: pyqtgraph drew a narrow dock's 2,000 epochs as
        "0 5001000150 2000". When even the widest level is too dense, its step grows (x2, x5, x10, ...)."""
        if self.orientation not in ("bottom", "top") or size <= 0 or hi <= lo:
            return levels
        metrics = QFontMetricsF(self.style.get("tickFont") or self.font())
        label = max(metrics.horizontalAdvance(str(int(v))) for v in (math.floor(lo), math.ceil(hi))) + GAP
        per_unit = size / (hi - lo)
        apart = [(spacing, offset) for spacing, offset in levels if spacing * per_unit >= label]
        if apart:
            return apart
        step = levels[0][0]
        for factor in (2, 5, 10, 20, 50, 100, 200, 500, 1000):
            if step * factor * per_unit >= label:
                return [(step * factor, 0)]
        return [(step * 1000, 0)]


def nice_step(n: int, most: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50, 100, ... that labels ``n`` cells with at most ``most`` labels
    (counting in fives and tens reads easier than "0, 69, 138")."""
    need = max(1, math.ceil(n / max(most, 1)))
    scale = 1
    while True:
        for base in (1, 2, 2.5, 5):
            step = int(base * scale)
            if step == base * scale and step >= need:
                return step
        scale *= 10


def index_ticks(n: int, most: int = 9) -> list[tuple[float, str]]:
    """Whole-number labels in the middle of cells 0..n-1, at most about ``most`` of them, at a nice step."""
    return [(i + 0.5, str(i)) for i in range(0, n, nice_step(n, most))]


def _readable(metrics: QFontMetricsF, text: str, name: str, least: int, spacing: float) -> bool:
    """A cut name keeps ``least`` characters with its "…"; a name left whole fits beside its neighbours."""
    return len(text) >= least if text != name else metrics.horizontalAdvance(name) + GAP <= spacing


class FittedTicks(QObject):
    """The ticks of one axis of ``plot_item``, refitted to the pixels between them on every resize."""

    # names too long even cut were replaced by cell numbers (True) or are shown again (False)
    numbered_changed = Signal(bool)

    def __init__(self, plot_item: pg.PlotItem, side: str, numbers_for_names: bool = False):
        super().__init__(plot_item)
        self.axis = plot_item.getAxis(side)
        self.view = plot_item.getViewBox()
        self.across = side in ("bottom", "top")
        # across, names that do not fit even cut become the cells' numbers rather than every k-th name: the
        # caller says which number is which elsewhere (a confusion matrix numbers its rows' names)
        self.numbers_for_names = numbers_for_names and self.across
        self.numbered = False
        self.ticks: list[tuple[float, str]] = []
        self.names = False
        self.count, self.most = 0, 9
        self.shown: list[tuple[float, str]] = []
        self.view.sigResized.connect(self.refit)
        self.view.sigRangeChanged.connect(self.refit)

    def set_numbers(self, count: int, most: int = 9) -> None:
        """Cells 0..count-1 numbered at a nice step, at most ``most`` labels, fewer when they do not fit.
        (A live heatmap calls this every frame: the same numbers again cost nothing; resizes refit.)"""
        if not self.names and (int(count), int(most)) == (self.count, self.most) and self.ticks:
            return
        self.count, self.most, self.names = int(count), int(most), False
        self.ticks = index_ticks(self.count, self.most)
        self.refit()

    def set_names(self, ticks: list[tuple[float, str]]) -> None:
        """One name per cell: cut with "…" across, thinned down."""
        self.ticks, self.names = list(ticks), True
        self.refit()

    def _font(self) -> QFont:
        return self.axis.style.get("tickFont") or self.axis.font()

    def _per_unit(self) -> float:
        """Pixels per unit of the axis (one cell); inf before the plot has a size."""
        x_range, y_range = self.view.viewRange()
        lo, hi = x_range if self.across else y_range
        pixels = self.view.width() if self.across else self.view.height()
        if hi <= lo or pixels <= 0:
            return math.inf
        return pixels / (hi - lo)

    def _spacing(self) -> float:
        """Pixels between neighbouring ticks (inf for fewer than two)."""
        if len(self.ticks) < 2:
            return math.inf
        return abs(self.ticks[1][0] - self.ticks[0][0]) * self._per_unit()

    def refit(self, *_args) -> None:
        if not self.ticks:
            self.shown = []
            self.axis.setTicks([[]])
            return
        metrics = QFontMetricsF(self._font())
        spacing = self._spacing()
        numbered = False
        if self.across:
            need = max(metrics.horizontalAdvance(text) for _, text in self.ticks) + GAP
        else:
            need = metrics.height()
        if not self.names:
            per_unit = self._per_unit()
            fit = self.most if math.isinf(per_unit) else int(self.count * per_unit // need)
            shown = index_ticks(self.count, max(1, min(self.most, fit)))
        elif need <= spacing:
            shown = self.ticks
        else:
            cut = ([(at, metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(spacing - GAP, 0.0)))
                    for at, text in self.ticks] if self.across else [])
            # across, names cut with "…" while a letter still shows (three where numbers can stand in: "n…"
            # and "p…" say less than 0 and 1 beside rows named "0 negative"); else numbers or every k-th name
            least = 4 if self.numbers_for_names else 2
            if cut and all(_readable(metrics, text, name, least, spacing)
                           for (_, text), (_, name) in zip(cut, self.ticks)):
                shown = cut
            elif self.numbers_for_names:
                numbers = [(at, str(i)) for i, (at, _) in enumerate(self.ticks)]
                need = max(metrics.horizontalAdvance(text) for _, text in numbers) + GAP
                shown = numbers[::max(1, int(math.ceil(need / spacing)))]
                numbered = True
            else:
                shown = self.ticks[::int(math.ceil(need / spacing))]
        if numbered != self.numbered:
            self.numbered = numbered
            self.numbered_changed.emit(numbered)
        if shown != self.shown:
            self.shown = shown
            self.axis.setTicks([shown])
