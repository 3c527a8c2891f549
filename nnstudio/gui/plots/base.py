"""The common frame of every plot: a white, projector-friendly pyqtgraph plot with an export menu and a
counter of redraws (the headless report sums them as "updates")."""

from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QSizeF, Qt
from PySide6.QtGui import QFont, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsWidget, QLabel, QSizePolicy, QWidget

from . import export
from .title import elide_titles

AXIS_PEN = pg.mkPen((90, 90, 90))
TEXT_COLOR = (40, 40, 40)
# curves over training use peak downsampling to about this many samples per pixel: the lowest and highest
# value of each pixel column stay, so a curve looks the same, and a wide line over thousands of epochs
# paints 2-3 times faster than at pyqtgraph's default of 5
DOWNSAMPLE_FACTOR = 1.0


_scale = 1.0          # presentation mode enlarges fonts, lines and points by this factor
_base_sizes: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # item -> its size at scale 1


def current_scale() -> float:
    """Presentation mode's enlargement (1: normal), for text a plot paints itself."""
    return _scale


def title_size() -> str:
    """The size of plot titles at the current scale (titles set later keep the presentation's size)."""
    return f"{10 * _scale:g}pt"


def _rescale_curve(item: pg.PlotDataItem, factor: float) -> None:
    pen = QPen(pg.mkPen(item.opts["pen"]))
    width, symbol = _base_sizes.setdefault(item, (pen.widthF(), item.opts["symbolSize"]))
    if item.opts["pen"] is not None:
        pen.setWidthF(width * factor)
        item.setPen(pen)
    if item.opts["symbol"] is not None:
        item.setSymbolSize(symbol * factor)


def _rescale_scatter(item: pg.ScatterPlotItem, factor: float) -> None:
    (size,) = _base_sizes.setdefault(item, (item.opts["size"],))
    item.setSize(size * factor)


_RESCALE = {pg.PlotDataItem: _rescale_curve, pg.ScatterPlotItem: _rescale_scatter}


def rescale(plot_item: pg.PlotItem) -> None:
    """Fonts, line widths and point sizes of one plot at the current scale."""
    font = QFont()
    font.setPointSizeF(9 * _scale)
    for side in ("left", "bottom", "right"):
        axis = plot_item.getAxis(side)
        axis.setTickFont(font)
        if axis.labelText:
            axis.setLabel(axis.labelText, axis.labelUnits, axis.labelUnitPrefix,
                          **{**axis.labelStyle, "font-size": f"{9 * _scale:g}pt"})
    title = getattr(plot_item.titleLabel, "full", plot_item.titleLabel.text)
    if title:
        plot_item.setTitle(title, shorter=getattr(plot_item.titleLabel, "shorter", ()), color="#282828",
                           size=title_size())
    views = [plot_item.getViewBox(), *[v for v in plot_item.scene().items() if isinstance(v, pg.ViewBox)
                                       and v is not plot_item.getViewBox() and v.parentItem() is None]]
    for view in views:
        for item in view.addedItems:
            step = _RESCALE.get(type(item))
            if step is not None:
                step(item, _scale)
    legend = plot_item.legend
    if isinstance(legend, OutsideLegend):
        legend.rescale()


def set_scale(factor: float, roots) -> None:
    """Presentation mode: every plot under the widgets ``roots`` drawn ``factor`` times larger (1: normal)."""
    global _scale
    _scale = factor
    for root in roots:
        _rescale_under(root)


def match_scale(widget) -> None:
    """The plots of a view built after presentation mode began (views are built when first needed) drawn
    at its scale, as the others are."""
    if _scale != 1.0:
        _rescale_under(widget)


def _rescale_under(root) -> None:
    for scene in _scenes(root):
        for item in scene.items():
            if isinstance(item, pg.PlotItem):
                rescale(item)
    for widget in [root, *root.findChildren(QWidget)]:
        if hasattr(widget, "rescaled"):
            widget.rescaled()             # sizes a view keeps for itself


def _scenes(widget) -> list:
    """The scenes of the plots in ``widget`` (itself one, or holding them)."""
    views = widget.findChildren(pg.GraphicsView)
    if isinstance(widget, pg.GraphicsView):
        views.insert(0, widget)
    return [view.scene() for view in views]


def _axis_sizes(scenes) -> list:
    """The room each axis asks for (it changes while painting; its geometry only when laid out)."""
    return [(item.minimumWidth(), item.minimumHeight()) for scene in scenes for item in scene.items()
            if isinstance(item, pg.AxisItem)]


def _lay_out_now(scenes) -> None:
    """Apply the plots' pending layouts, outer before inner, without turning the event loop (a caller such as
    the frame export relies on one event-loop turn per frame for its Cancel to be heard)."""
    for scene in scenes:
        laid = [item for item in scene.items()
                if isinstance(item, QGraphicsWidget) and QGraphicsWidget.layout(item) is not None]
        depth = {}
        for item in laid:
            d, parent = 0, item.parentItem()
            while parent is not None:
                d, parent = d + 1, parent.parentItem()
            depth[item] = d
        for item in sorted(laid, key=depth.__getitem__):
            QGraphicsWidget.layout(item).activate()


def settled_grab(widget, rect: QRect | None = None) -> QPixmap:
    """``widget.grab(rect)`` with every plot laid out for the values it shows now. An axis measures its tick
    labels while it paints and widens afterwards, so a picture taken right after new data arrived would show
    the axis title over the tick labels: when a paint changed an axis, its layout is applied and the picture
    taken again."""
    grab = (lambda: widget.grab(rect)) if rect is not None else widget.grab
    scenes = _scenes(widget)
    before = _axis_sizes(scenes)
    picture = grab()
    if _axis_sizes(scenes) != before:
        _lay_out_now(scenes)
        picture = grab()
    return picture


def style_plot(plot_item: pg.PlotItem, title: str = "", x_label: str = "", y_label: str = "") -> None:
    elide_titles(plot_item)
    font = QFont()
    font.setPointSizeF(9 * _scale)
    for side in ("left", "bottom", "right"):
        axis = plot_item.getAxis(side)
        axis.setPen(AXIS_PEN)
        axis.setTextPen(pg.mkPen(TEXT_COLOR))
        axis.setTickFont(font)
        axis.enableAutoSIPrefix(False)     # "loss (x0.001)" confuses more than it helps
    if title:
        plot_item.setTitle(title, color="#282828", size=title_size())
    if x_label:
        plot_item.setLabel("bottom", x_label, color="#282828")
    if y_label:
        plot_item.setLabel("left", y_label, color="#282828")
    # no grid: an axis that draws grid lines spans the whole plot, so every new point would repaint the
    # axis and its tick labels (the costliest part of a live plot)


LAST_TICK_ROOM = 14    # pixels: half of a tick label such as "1.0" or "250", also at presentation scale


def room_for_the_last_x_tick(plot_item: pg.PlotItem) -> None:
    """The x axis's last tick label drawn, not hidden: a span ending on a tick ("epoch 1" of a one-epoch run)
    puts half of that label beyond the axis, where pyqtgraph drops it. Call again when the right axis is shown
    or hidden: with it, the label has the corner under that axis; without, the plot keeps a margin."""
    plot_item.getAxis("bottom").setStyle(hideOverlappingLabels=LAST_TICK_ROOM)
    right = 1 if plot_item.getAxis("right").isVisible() else LAST_TICK_ROOM
    left, top, _right, bottom = plot_item.layout.getContentsMargins()
    plot_item.layout.setContentsMargins(left, top, right, bottom)


def sticky_range(plot_item: pg.PlotItem | pg.ViewBox, axis: str, lo: float, hi: float,
                 shrink_below: float = 0.4, limits: tuple[float, float] | None = None) -> bool:
    """Keep an axis range while the data fit comfortably: grow at once when they leave it, shrink only
    when they use less than ``shrink_below`` of it. Redrawing an axis (its tick labels) is the most
    expensive part of a live plot, so a range that changes rarely keeps the GUI thread light.
    Values are in view coordinates (log10 when the axis is logarithmic). ``limits``: the range never goes
    beyond them (an accuracy below 0 means nothing). Returns True if it moved."""
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return False
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    vb = plot_item if isinstance(plot_item, pg.ViewBox) else plot_item.getViewBox()   # a second y axis's view
    index = 0 if axis == "x" else 1
    vb.enableAutoRange(axis=vb.XAxis if index == 0 else vb.YAxis, enable=False)
    cur_lo, cur_hi = vb.viewRange()[index]
    span = cur_hi - cur_lo
    fits = cur_lo <= lo and hi <= cur_hi
    roomy = span > 0 and (hi - lo) / span < shrink_below
    beyond = limits is not None and (cur_lo < limits[0] or cur_hi > limits[1])
    if fits and not roomy and not beyond:
        return False
    pad = 0.08 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    if limits is not None:
        lo, hi = max(lo, limits[0]), min(hi, limits[1])
    if index == 0:
        vb.setXRange(lo, hi, padding=0)
    else:
        vb.setYRange(lo, hi, padding=0)
    return True


class Exportable:
    """The export methods every plot widget offers (its menu, tests and the headless report use them): a PNG
    of ``export_item``, an SVG of the widget, a CSV of ``csv_table()``."""

    export_item: pg.GraphicsItem

    def csv_table(self) -> tuple[list[str], list[list]]:
        raise NotImplementedError

    def export_png(self, path, width: int | None = None):
        return export.export_png(self.export_item, path, width)

    def export_svg(self, path):
        return export.export_svg(self, path)

    def export_csv(self, path):
        header, rows = self.csv_table()
        return export.write_csv(path, header, rows)


LEGEND_ROW = 4          # PlotItem's grid: title 0, top axis 1, view 2, bottom axis 3; the legend goes under
LEGEND_GAP = 8          # pixels between two entries of a row


class OutsideLegend(pg.LegendItem):
    """A legend under the x axis, outside the data area, so it never hides a curve or a point; its entries
    wrap into as many columns as the plot's width holds.

    Made the plot's ``legend``, so ``plot_item.plot(..., name=...)`` lists a curve by itself."""

    def __init__(self, plot_item: pg.PlotItem):
        super().__init__(labelTextColor=TEXT_COLOR, labelTextSize=f"{8 * _scale:g}pt", frame=False,
                         horSpacing=LEGEND_GAP, verSpacing=-6)
        self.plot_item = plot_item
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        plot_item.layout.addItem(self, LEGEND_ROW, 0, 1, 3)     # the plot's whole width, axes included
        plot_item.legend = self
        plot_item.getViewBox().sigResized.connect(self.wrap)

    def addItem(self, item, name) -> None:
        super().addItem(item, name)
        self.wrap()

    def rescale(self) -> None:
        for sample, label in self.items:
            label.setText(label.text, size=f"{8 * _scale:g}pt", color=TEXT_COLOR)
            sample.update()
        self.wrap(force=True)

    def updateSize(self) -> None:
        """pyqtgraph sizes a floating legend itself (at 0, 0); this one the plot's layout places."""
        self.updateGeometry()

    def sizeHint(self, which, constraint=QSizeF()):
        """No width of its own: the plot's column is as wide as the view, and the entries wrap to fit it."""
        hint = super().sizeHint(which, constraint)
        return QSizeF(0.0, hint.height())

    def wrap(self, force: bool = False) -> None:
        """As many columns as fit the view's width (one per entry at most)."""
        if not self.items:
            return
        # an entry: its sample, a gap, its label; entries of a row are a gap apart, inside the legend's margins
        widths = [sample.boundingRect().width() + LEGEND_GAP + label.boundingRect().width()
                  for sample, label in self.items]
        left, _top, right, _bottom = self.layout.getContentsMargins()
        outer_left, _t, outer_right, _b = self.plot_item.layout.getContentsMargins()
        room = (self.plot_item.geometry().width() or 400.0) - outer_left - outer_right - left - right
        columns = len(widths)
        # entries fill rows left to right: column j holds entries j, j + n, ...; each column as its widest
        while columns > 1 and (sum(max(widths[j::columns]) for j in range(columns))
                               + (columns - 1) * LEGEND_GAP) > room:
            columns -= 1
        if columns != self.columnCount or force:
            self.columnCount = 0          # setColumnCount re-lays the entries out only on a change
            self.setColumnCount(columns)


class PlotView(Exportable, pg.PlotWidget):
    """A PlotWidget with our style, export actions and an ``updates`` counter."""

    note: QLabel | None = None  # set_note's label; a class default because resizeEvent comes during __init__

    def __init__(self, name: str, title: str = "", x_label: str = "", y_label: str = "", parent=None,
                 csv_source: export.CsvSource | None = None, axis_items: dict | None = None):
        super().__init__(parent=parent, background="w", axisItems=axis_items)
        self.name = name
        self.updates = 0
        self.plot_item: pg.PlotItem = self.getPlotItem()
        style_plot(self.plot_item, title, x_label, y_label)
        self.plot_item.setMenuEnabled(True)
        self.export_item = self.plot_item
        self.export_menu = export.install(self, self.plot_item, name, csv_source)
        self.setMinimumSize(160, 120)   # three side by side under the canvas still fit 1024 px

    def set_note(self, text: str) -> None:
        """One sentence instead of empty axes, saying why this plot has nothing to show ("" plots again)."""
        if self.note is None:
            self.note = QLabel(self)
            self.note.setWordWrap(True)
            self.note.setAlignment(Qt.AlignCenter)
            self.note.setStyleSheet("color: #505050; background: transparent;")  # the plot is always white
            self.note.setAccessibleName(self.tr("Why this plot is empty"))
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.plot_item.setVisible(not text)
        self._place_note()

    def _place_note(self) -> None:
        if self.note is not None:
            self.note.setGeometry(self.rect().adjusted(16, 16, -16, -16))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_note()

    def csv_table(self):
        return self.export_csv_source()  # the table the export menu writes (export.install sets it)


class Series:
    """A growing (x, y) buffer, preallocated and doubled when full, so appends never reallocate per point."""

    def __init__(self, capacity: int = 1024):
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.n = 0

    def extend(self, xs, ys) -> None:
        xs = np.asarray(xs, dtype=np.float64).ravel()
        ys = np.asarray(ys, dtype=np.float64).ravel()
        need = self.n + len(xs)
        if need > len(self.x):
            cap = max(need, 2 * len(self.x))
            self.x = np.resize(self.x, cap)
            self.y = np.resize(self.y, cap)
        self.x[self.n:need] = xs
        self.y[self.n:need] = ys
        self.n = need

    def clear(self) -> None:
        self.n = 0

    def data(self):
        return self.x[:self.n], self.y[:self.n]
