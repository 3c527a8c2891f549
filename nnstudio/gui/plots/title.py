"""Plot titles that never make their plot wider than its dock. pyqtgraph's title asks for its whole text's
width, so a long title ("R², mean absolute error and RMSE") in a narrow dock pushed the right axis out of
sight; this one is cut with "…" when the plot is narrower, and says the whole title in its tooltip. A title
may name shorter forms of itself (``setTitle(text, shorter=[...])``): the first that fits is drawn whole before
anything is cut. A shorter form may be two lines ("\n" between them): the title row grows to hold them."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

NARROWEST = 60.0      # the width a title asks for at least: room for a word and "…"
MARGINS = 8.0         # the text item's document margins, left and right
ROW_HEIGHT = 30       # pyqtgraph's title row (``PlotItem.setTitle``)


class ElidedTitle(pg.LabelItem):
    full = ""            # the whole title; ``text`` is what is drawn
    shorter: tuple[str, ...] = ()    # shorter forms of it, longest first
    _fitting = False

    def setText(self, text, shorter=(), **args) -> None:
        self.full = text
        self.shorter = tuple(shorter)
        self._lines = 1           # PlotItem.setTitle, which calls this, has just made the row one line high
        self.setToolTip(text if "<" not in text else "")
        self._draw(text, **args)
        self.resizeEvent(None)

    def _draw(self, text, **args) -> None:
        self._fitting = True
        try:
            super().setText(text.replace("\n", "<br>"), **args)
            self._fit_height(text.count("\n") + 1)
        finally:
            self._fitting = False

    def _fit_height(self, lines: int) -> None:
        """A title of more lines (a shorter form may be two) gets the rows it needs from its plot."""
        plot_item = self.parentItem()
        if lines == self._lines or not isinstance(plot_item, pg.PlotItem):
            return
        self._lines = lines
        height = ROW_HEIGHT if lines == 1 else QFontMetricsF(self._title_font()).lineSpacing() * lines + 8
        self.setMaximumHeight(height)
        plot_item.layout.setRowFixedHeight(0, height)

    _lines = 1

    @staticmethod
    def _width(metrics: QFontMetricsF, text: str) -> float:
        """The widest line of ``text``."""
        return max(metrics.horizontalAdvance(line) for line in text.split("\n"))

    def _title_font(self) -> QFont:
        font = QFont(self.item.font())
        size = str(self.opts.get("size", ""))
        if size.endswith("pt"):
            font.setPointSizeF(float(size[:-2]))
        return font

    def natural_width(self) -> float:
        return QFontMetricsF(self._title_font()).horizontalAdvance(self.full) + MARGINS

    def shown(self) -> str:
        """The title as drawn at the current width: whole, its first shorter form that fits, or the shortest
        cut with "…". Rich text is never cut."""
        room = self.rect().width() - MARGINS
        if "<" in self.full or room <= 0 or self.natural_width() - MARGINS <= room:
            return self.full
        metrics = QFontMetricsF(self._title_font())
        for text in self.shorter:
            if self._width(metrics, text) <= room:
                return text
        last = self.shorter[-1] if self.shorter else self.full
        return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in last.split("\n"))

    def updateMin(self) -> None:
        super().updateMin()
        natural = self.natural_width()
        height = self._sizeHint[Qt.SizeHint.MinimumSize][1]
        self.setMinimumWidth(min(natural, NARROWEST))
        self._sizeHint[Qt.SizeHint.MinimumSize] = (min(natural, NARROWEST), height)
        self._sizeHint[Qt.SizeHint.PreferredSize] = (natural, height)

    def resizeEvent(self, ev) -> None:
        if not self._fitting:
            text = self.shown()
            if text != self.text:
                self._draw(text)         # draws, then comes back here to place it
                return
        super().resizeEvent(ev)


def elide_titles(plot_item: pg.PlotItem) -> None:
    """Give ``plot_item`` a title that is cut rather than widening the plot (once; before its title is set)."""
    old = plot_item.titleLabel
    if isinstance(old, ElidedTitle):
        return
    new = ElidedTitle("", size="11pt", parent=plot_item)
    plot_item.layout.removeItem(old)
    if old.scene() is not None:
        old.scene().removeItem(old)
    plot_item.layout.addItem(new, 0, 1)
    new.setVisible(old.isVisible())
    new.setMaximumHeight(old.maximumHeight())
    plot_item.titleLabel = new
