"""What the network predicts, in the picture that fits the data:

- 2-D inputs: the decision boundary, the output over the plane as a heatmap with the training points
  (filled) and validation points (ringed) on top, and a "discretize" toggle;
- 1-D regression: the fitted curve over the points;
- other classification: a confusion matrix, each true class's accuracy on its row's right (where the dock
  leaves room beside readable counts; else on hovering a cell); other regression: predicted against true
  values.

``PredictionView`` holds all four and shows the one the worker's snapshot asks for.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from ..built_on_use import BuiltOnFirstUse
from . import colors
from .base import OutsideLegend, PlotView, current_scale, match_scale, title_size
from .data_axis import DataAxis, affine_of
from .ticks import FittedTicks
from .weights import diverging_bar

POINT_SIZE = 10           # seen from the back of a room; validation rings one larger
COUNT_POINTS = 12         # a confusion matrix's counts at most (times presentation's scale), in roomy cells
READABLE_POINTS = 9       # and at least, as the axes' numbers: 7 pt could not be read on a projector
CELL_MARGIN = 2           # pixels between a count and its cell's edges
CROWD = 150               # presentation mode: beyond this many points on the plane, each is drawn smaller
SMALLEST_POINT = 5


def presentation_point_size(count: int) -> float:
    """The plane's point size in presentation mode: the normal size, not 1.4 times it (on the spiral the
    larger points covered most of the boundary the class should see), and smaller still the more points
    share the plane (their total area stays about that of CROWD points), never below SMALLEST_POINT."""
    if count <= CROWD:
        return float(POINT_SIZE)
    return max(float(SMALLEST_POINT), POINT_SIZE * (CROWD / count) ** 0.5)


class PlaneView(PlotView):
    def __init__(self, parent=None):
        super().__init__("decision-boundary", QCoreApplication.translate("PlaneView", "Decision boundary"), "x1",
                         "x2", parent, csv_source=lambda: self._csv(),
                         axis_items={"bottom": DataAxis("bottom"), "left": DataAxis("left")})
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot_item.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen(255, 255, 255, 220, width=1))
        self.val_points = pg.ScatterPlotItem(size=POINT_SIZE + 1, brush=pg.mkBrush(0, 0, 0, 0))
        self.legend = OutsideLegend(self.plot_item)
        self.legend_samples: list[pg.ScatterPlotItem] = []
        self.plot_item.addItem(self.train_points)
        self.plot_item.addItem(self.val_points)
        self.plot_item.setAspectLocked(True)       # the input plane keeps its true proportions
        self.discretize = False
        self.task = "binary"
        self.values: np.ndarray | None = None
        self.axes: tuple = ()
        # regression: the training targets' (centre, half-width), shared by the points and the surface so one
        # colour means one value; the bar beside the plane says which, in the data's units
        self.scale: tuple[float, float] | None = None
        self.bar: pg.ColorBarItem | None = None

    def set_points(self, X, y, X_val, y_val, task: str, feature_names=None, class_names=None,
                   unscale=None, unscale_x=None, target_name: str | None = None) -> None:
        """``unscale``: regression targets as the network sees them -> the data's units, for the colour bar;
        ``unscale_x`` the same for the inputs (per column, affine), for the axes' labels; ``target_name``: what
        the colours are (the title names it, the colour bar has only numbers)."""
        self.task = task
        for side, affine in zip(("bottom", "left"), affine_of(unscale_x, 2)):
            self.plot_item.getAxis(side).set_affine(*affine)
        regression = task == "regression"
        self.scale = colors.value_scale(y) if regression else None
        translate = QCoreApplication.translate
        if regression and target_name:
            title = translate("PlaneView", "Predicted {0} over the inputs").format(target_name)
            shorter = [translate("PlaneView", "Predicted {0}").format(target_name),
                       translate("PlaneView", "Prediction")]
        elif regression:
            title = translate("PlaneView", "Prediction over the inputs")
            shorter = [translate("PlaneView", "Prediction")]
        else:
            title, shorter = translate("PlaneView", "Decision boundary"), []
        self.plot_item.setTitle(title, shorter=shorter, color="#282828", size=title_size())
        self._value_bar(unscale)
        self._legend(task, y, class_names, X_val is not None and len(X_val) > 0)
        names = list(feature_names or [])[:2]
        if len(names) == 2:
            self.plot_item.setLabel("bottom", names[0], color="#282828")
            self.plot_item.setLabel("left", names[1], color="#282828")
        self.train_points.setData(**self._scatter(X, y, task, filled=True))
        if X_val is not None and len(X_val):
            self.val_points.setData(**self._scatter(X_val, y_val, task, filled=False))
        else:
            self.val_points.setData([], [])
        self.rescaled()

    def rescaled(self) -> None:
        """Presentation mode scales text and lines (``base.rescale``), but the points stay at most their
        normal size: the boundary under them is the picture."""
        if current_scale() == 1.0:
            size = float(POINT_SIZE)
        else:
            size = presentation_point_size(len(self.train_points.data) + len(self.val_points.data))
        self.train_points.setSize(size)
        self.val_points.setSize(size + 1)

    def _legend(self, task: str, y, class_names, has_val: bool) -> None:
        """One entry per class (its colour, its name) and one for the ringed validation points."""
        self.legend.clear()
        self.legend_samples = []
        if task == "regression":
            return
        y = np.asarray(y).reshape(len(y), -1)
        k = y.shape[1] if y.shape[1] > 1 else int(np.nanmax(y, initial=0)) + 1    # one-hot, else labels
        k = max(k, 2, len(class_names or []))
        names = [str(n) for n in class_names] if class_names and len(class_names) == k else \
            [f"class {i}" for i in range(k)]
        for i, name in enumerate(names):
            sample = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(colors.class_color(i)),
                                        pen=pg.mkPen(255, 255, 255, 220, width=1))
            self.legend_samples.append(sample)
            self.legend.addItem(sample, name)
        if has_val:
            ring = pg.ScatterPlotItem(size=POINT_SIZE + 1, brush=pg.mkBrush(255, 255, 255, 160),
                                      pen=pg.mkPen(90, 90, 90, width=2))
            self.legend_samples.append(ring)
            self.legend.addItem(ring, self.tr("validation (ringed)"))

    def _value_bar(self, unscale) -> None:
        """The colour bar of a regression's values (hidden for classes, whose legend names them)."""
        if self.scale is None:
            if self.bar is not None:
                self.bar.hide()
            return
        if self.bar is None:
            self.bar = diverging_bar(0.0, 1.0)
            self.plot_item.layout.addItem(self.bar, 2, 5)      # where ColorBarItem puts itself beside a plot
            self.plot_item.layout.setColumnFixedWidth(4, 5)
        center, vmax = self.scale
        ends = np.array([[center - vmax], [center + vmax]])
        if unscale is not None:
            ends = np.asarray(unscale(ends), dtype=np.float64)
        lo, hi = sorted(float(v) for v in ends.ravel()[:2])
        self.bar.setLevels((lo, hi))
        self.bar.show()

    def _scatter(self, X, y, task, filled):
        X = np.asarray(X, dtype=np.float64)
        cols = colors.point_colors(y, task, self.scale)
        if filled:
            return {"x": X[:, 0], "y": X[:, 1], "brush": cols}
        return {"x": X[:, 0], "y": X[:, 1], "pen": [pg.mkPen(c, width=2) for c in cols],
                "brush": pg.mkBrush(255, 255, 255, 160)}

    def set_discretize(self, on: bool) -> None:
        self.discretize = on
        self._paint()

    def on_prediction(self, pred: dict) -> None:
        self.values = pred["values"]
        self.axes = (pred["xs"], pred["ys"])
        self._paint()
        self.updates += 1

    def _paint(self) -> None:
        if self.values is None:
            return
        v = self.values
        if self.task == "regression":     # on the targets' scale: a point and the surface under it agree
            center, vmax = self.scale or colors.value_scale(v[..., 0].ravel())
            rgba = colors.diverging(v[..., 0], vmax, center=center)
        elif v.shape[-1] == 1:              # binary: P(class 1), orange below 0.5, blue above
            p = v[..., 0].astype(np.float64)
            # washed to 70 % at most so the class-coloured points on top stay visible
            shade = np.where(p >= 0.5, 1.0, 0.0) if self.discretize else p
            rgba = colors.diverging(shade, 0.5 / 0.7, center=0.5)
        else:
            rgba = colors.class_mix(v, discretize=self.discretize)
        xs, ys = self.axes
        self.image.setImage(rgba, autoLevels=False)
        dx = (xs[-1] - xs[0]) / (len(xs) - 1)
        dy = (ys[-1] - ys[0]) / (len(ys) - 1)
        self.image.setRect(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))

    def _csv(self):
        if self.values is None:
            return ["x1", "x2", "output"], []
        xs, ys = self.axes
        k = self.values.shape[-1]
        header = ["x1", "x2"] + (["output"] if k == 1 else [f"class_{j}" for j in range(k)])
        rows = [[float(xs[c]), float(ys[r]), *map(float, self.values[r, c])]
                for r in range(len(ys)) for c in range(len(xs))]
        return header, rows


class CurveFitView(PlotView):
    """1-D regression: the data points and the network's function over the input range."""

    def __init__(self, parent=None):
        super().__init__("fitted-curve", QCoreApplication.translate("FittedCurve", "Fitted curve"), "x", "y", parent)
        self.legend = OutsideLegend(self.plot_item)
        self.points = self.plot_item.plot([], [], pen=None, symbol="o", symbolSize=POINT_SIZE - 1,
                                          name=QCoreApplication.translate("FittedCurve", "training"),
                                          symbolBrush=pg.mkBrush(*colors.TRAIN_PEN, 200),
                                          symbolPen=None)
        self.val_points = self.plot_item.plot([], [], pen=None, symbol="o", symbolSize=POINT_SIZE,
                                              name=QCoreApplication.translate("FittedCurve", "validation"),
                                              symbolBrush=pg.mkBrush(255, 255, 255, 0),
                                              symbolPen=pg.mkPen(*colors.VAL_PEN, width=2))
        self.curve = self.plot_item.plot([], [], pen=pg.mkPen((30, 30, 30), width=3),
                                         name=QCoreApplication.translate("FittedCurve", "network"))

    def set_points(self, X, y, X_val, y_val, task: str, feature_names=None) -> None:
        self.points.setData(np.ravel(X), np.ravel(y))
        if X_val is not None and len(X_val):
            self.val_points.setData(np.ravel(X_val), np.ravel(y_val))
        if feature_names:
            self.plot_item.setLabel("bottom", feature_names[0], color="#282828")

    def on_prediction(self, pred: dict) -> None:
        self.curve.setData(pred["x"], pred["y"])
        self.updates += 1


class PredVsTrueView(PlotView):
    """Regression beyond 1-D: each held-out sample's prediction against its true value; the diagonal is
    perfect."""

    def __init__(self, parent=None):
        super().__init__("predicted-vs-true", QCoreApplication.translate("PredictedVsTrue", "Predicted vs true"),
                         QCoreApplication.translate("PredictedVsTrue", "true value"),
                         QCoreApplication.translate("PredictedVsTrue", "predicted value"), parent)
        self.diagonal = self.plot_item.plot([], [], pen=pg.mkPen((120, 120, 120), width=1,
                                                                 style=Qt.PenStyle.DashLine))
        self.points = self.plot_item.plot([], [], pen=None, symbol="o", symbolSize=POINT_SIZE - 1, name="samples",
                                          symbolBrush=pg.mkBrush(*colors.TRAIN_PEN, 160), symbolPen=None)
        self.unscale = None

    def set_unscale(self, unscale) -> None:
        """``unscale``: (N, 1) targets as the network sees them -> the data's own units (None: as given), so
        the axes read like the data set (ppm of CO2, not its standardized values)."""
        self.unscale = unscale

    def on_prediction(self, pred: dict) -> None:
        t, p = np.asarray(pred["y_true"], dtype=np.float64), np.asarray(pred["y_pred"], dtype=np.float64)
        if self.unscale is not None and t.size:
            t = np.asarray(self.unscale(t.reshape(len(t), -1)), dtype=np.float64).reshape(t.shape)
            p = np.asarray(self.unscale(p.reshape(len(p), -1)), dtype=np.float64).reshape(p.shape)
        both = np.concatenate([t, p])
        both = both[np.isfinite(both)]
        if both.size:
            lo, hi = float(both.min()), float(both.max())
            self.diagonal.setData([lo, hi], [lo, hi])
        self.points.setData(t, p)
        title = (QCoreApplication.translate("PredictedVsTrue", "Predicted vs true (validation data)")
                 if pred.get("which") == "validation" else
                 QCoreApplication.translate("PredictedVsTrue", "Predicted vs true (training data)"))
        self.plot_item.setTitle(title, color="#282828",
                                size=title_size())
        self.updates += 1


class CellLabels(pg.GraphicsObject):
    """The count in every cell of a k x k matrix, drawn in one paint at a fixed size in pixels. One pyqtgraph
    TextItem per cell cost about 6 ms a repaint for the 10 digit classes, the dearest part of a frame."""

    LIGHT, DARK = QColor(255, 255, 255), QColor(30, 30, 30)

    def __init__(self):
        super().__init__()
        self.k = 0
        self.texts: list[str] = []
        self.light: list[bool] = []
        self.font = QFont()

    def set_cells(self, k: int, texts: list[str], light: list[bool]) -> None:
        if k != self.k:
            self.prepareGeometryChange()
            self.k = k
            self.font.setPointSizeF(9 if k <= 6 else 7)     # until the view fits it to its cells
        if texts != self.texts or light != self.light:
            self.texts, self.light = texts, light
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.k, self.k)

    def readable(self, to_device) -> bool:
        """Whether every count fits its cell at the scale ``to_device`` (cells to device pixels)."""
        return _texts_fit(to_device, _scaled(self.font), self.texts, 1.0)

    def drawn(self, to_device) -> list[bool]:
        """Which counts are drawn at the scale ``to_device``: those as wide as their cell at most ("103" on the
        diagonal of a narrow MNIST matrix is left to its colour and the tooltip, "2" beside it still shows);
        none in cells lower than a line."""
        font = _scaled(self.font)
        if not _texts_fit(to_device, font, [""], 1.0):
            return [False] * len(self.texts)
        corner, unit = to_device.map(QPointF(0, 0)), to_device.map(QPointF(1, 1))
        width = abs(unit.x() - corner.x())
        metrics = QFontMetricsF(font)
        return [metrics.horizontalAdvance(t) <= width - 2 for t in self.texts]

    def paint(self, painter, *args) -> None:
        if not self.k:
            return
        to_device = painter.transform()
        drawn = self.drawn(to_device)
        if not any(drawn):
            return                        # cells smaller than their numbers: the colours say it alone
        painter.save()
        painter.resetTransform()          # text stays upright and the same size however the plot is zoomed
        painter.setFont(_scaled(self.font))
        for idx, text in enumerate(self.texts):
            if not drawn[idx] or not text:
                continue
            i, j = divmod(idx, self.k)
            centre = to_device.map(QPointF(j + 0.5, i + 0.5))
            painter.setPen(self.LIGHT if self.light[idx] else self.DARK)
            painter.drawText(QRectF(centre.x() - 40, centre.y() - 12, 80, 24), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def _scaled(font: QFont) -> QFont:
    """``font`` at presentation mode's scale."""
    out = QFont(font)
    out.setPointSizeF(font.pointSizeF() * current_scale())
    return out


def _texts_fit(to_device, font: QFont, texts: list[str], cells_wide: float) -> bool:
    """Whether each of ``texts`` fits a row one cell high and ``cells_wide`` cells wide at the plot's current
    scale (texts that do not would run into each other: a 10 x 10 matrix in a small dock)."""
    if not texts:
        return True
    corner, unit = to_device.map(QPointF(0, 0)), to_device.map(QPointF(1, 1))
    width, height = abs(unit.x() - corner.x()) * cells_wide, abs(unit.y() - corner.y())
    metrics = QFontMetricsF(font)
    return metrics.height() <= height + 2 and max(metrics.horizontalAdvance(t) for t in texts) <= width - 2


class RowNotes(pg.GraphicsObject):
    """A column of short texts right of a k x k matrix, one per row, under a heading (drawn as CellLabels)."""

    WIDTH = 2.0          # in cells: "100%" clear of the last column (until the view fits the column)
    HEADING = 0.8        # in cells: the heading's row above the first

    def __init__(self, heading: str):
        super().__init__()
        self.heading = heading
        self.k = 0
        self.texts: list[str] = []
        self.font = QFont()
        self.width, self.heading_height = self.WIDTH, self.HEADING

    def set_rows(self, k: int, texts: list[str]) -> None:
        if k != self.k:
            self.prepareGeometryChange()
            self.k = k
            self.font.setPointSizeF(9 if k <= 6 else 7)
        self.texts = texts
        self.update()

    def set_extent(self, width: float, heading_height: float) -> None:
        """The column's width and the heading's height, in cells."""
        if (width, heading_height) != (self.width, self.heading_height):
            self.prepareGeometryChange()
            self.width, self.heading_height = width, heading_height
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self.k, -self.heading_height, self.width, self.k + self.heading_height) if self.k \
            else QRectF()

    def paint(self, painter, *args) -> None:
        if not self.k:
            return
        to_device = painter.transform()
        if not _texts_fit(to_device, _scaled(self.font), self.texts + [self.heading], self.width):
            return
        painter.save()
        painter.resetTransform()
        painter.setFont(_scaled(self.font))
        painter.setPen(QColor(30, 30, 30))
        x = self.k + self.width / 2
        for row, text in [(-self.heading_height / 2, self.heading)] + [(i + 0.5, t) for i, t in enumerate(self.texts)]:
            centre = to_device.map(QPointF(x, row))
            painter.drawText(QRectF(centre.x() - 40, centre.y() - 12, 80, 24), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ConfusionView(PlotView):
    """Classification beyond 2-D: rows are the true class, columns the predicted one; counts in the cells."""

    def __init__(self, parent=None):
        super().__init__("confusion-matrix", QCoreApplication.translate("ConfusionView", "Confusion matrix"),
                         QCoreApplication.translate("ConfusionView", "predicted class"),
                         QCoreApplication.translate("ConfusionView", "true class"), parent,
                         csv_source=lambda: self._csv())
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot_item.addItem(self.image)
        self.labels = CellLabels()
        self.plot_item.addItem(self.labels)
        self.plot_item.invertY(True)
        # cells as large as the plot allows: square cells (aspect locked) left an empty band under a 10 x 10
        # matrix in a tall dock and 11 px cells; the view's range is fitted to its size instead (``fit``)
        self.plot_item.setAspectLocked(False)
        self.plot_item.getViewBox().sigResized.connect(self.fit)
        # class names too long for their columns even cut become the class numbers, and the rows' names say
        # which number is which ("0 setosa"): thinned, two of three columns had no label at all
        self.predicted_ticks = FittedTicks(self.plot_item, "bottom", numbers_for_names=True)
        self.true_ticks = FittedTicks(self.plot_item, "left")
        self.predicted_ticks.numbered_changed.connect(self._number_rows)
        self.plot_item.showGrid(x=False, y=False)
        for side in ("left", "bottom"):      # a tick mark beside a count of 0 read as "-0"; cells need none
            self.plot_item.getAxis(side).setStyle(tickLength=0)
        # each row's share predicted right, in a column beside the row: the weak classes stand out
        self.row_notes = RowNotes(QCoreApplication.translate("ConfusionView", "right"))
        self.plot_item.addItem(self.row_notes)
        self._set_tooltip(True)
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.class_accuracy = np.zeros(0)
        self.class_names: list[str] = []

    def set_classes(self, names) -> None:
        """Known classes: set up the axes now (at session start) rather than during training."""
        self.class_names = [str(n) for n in names or []]
        if self.class_names:
            self._build(len(self.class_names))
            self.matrix = np.zeros((len(self.class_names),) * 2, dtype=np.int64)

    def on_prediction(self, pred: dict) -> None:
        m = np.asarray(pred["matrix"])
        if m.shape != self.matrix.shape:
            self._build(len(m))
        self._fill(m, pred.get("which", ""))

    def _build(self, k: int) -> None:
        names = self._names(k)
        ticks = [(i + 0.5, name) for i, name in enumerate(names)]
        self.predicted_ticks.set_names(ticks)
        self._number_rows(self.predicted_ticks.numbered)
        self._k = k
        self.fit()

    _k = 0       # the classes the view is fitted for

    def rescaled(self) -> None:
        """Presentation mode: the counts' largest size changes, so the cells are fitted again."""
        self.fit()

    def fit(self, *_args) -> None:
        """Fill the plot with the matrix, its counts at the largest size (up to COUNT_POINTS, presentation's
        scale included) at which they fit their cells beside the "right" column and its heading. Below
        READABLE_POINTS (a 10 x 10 matrix in the 228 px dock at 1024x768 drew 7 pt counts) the column goes and
        each row's share shows on hovering a cell instead; counts that fit neither way stay at READABLE_POINTS
        beside the column, each drawn only where its cell holds it. The view's range is the cells plus the
        column, so they fill the plot."""
        k = self._k
        vb = self.plot_item.getViewBox()
        width, height = vb.width(), vb.height()
        if not k:
            return
        if width <= 0 or height <= 0:            # not laid out yet: the cells and their column, roughly
            vb.setRange(xRange=(0, k + RowNotes.WIDTH), yRange=(-RowNotes.HEADING, k), padding=0)
            return
        texts = [t for t in self.labels.texts if t] or ["00"]
        notes = (self.row_notes.texts or ["100%"]) + ["100%", self.row_notes.heading]
        scale = current_scale()
        smallest = READABLE_POINTS / scale

        def room(size: float, column: bool) -> tuple[float, float, bool]:
            """(column width, heading height, whether every count fits) at ``size`` points (unscaled)."""
            font = QFont(self.labels.font)
            font.setPointSizeF(size * scale)
            metrics = QFontMetricsF(font)
            side = max(metrics.horizontalAdvance(t) for t in notes) + 2 * CELL_MARGIN if column else 0.0
            heading = metrics.height() + CELL_MARGIN if column else 0.0
            cell_w, cell_h = (width - side) / k, (height - heading) / k
            fits = (max(metrics.horizontalAdvance(t) for t in texts) + 2 * CELL_MARGIN <= cell_w
                    and metrics.height() <= cell_h)
            return side, heading, fits

        chosen = None
        for column in (True, False):
            size = float(COUNT_POINTS)
            while size >= smallest - 1e-9:
                side, heading, fits = room(size, column)
                if fits:
                    chosen = size, column, side, heading
                    break
                size -= 0.5
            if chosen is not None:
                break
        if chosen is None:
            chosen = (smallest, True, *room(smallest, True)[:2])
        size, column, side, heading = chosen
        self.row_notes.setVisible(column)
        self._set_tooltip(column)
        for item in (self.labels, self.row_notes):
            if item.font.pointSizeF() != size:
                item.font.setPointSizeF(size)
                item.update()
        cell_w, cell_h = max((width - side) / k, 1e-3), max((height - heading) / k, 1e-3)
        self.row_notes.set_extent(side / cell_w, heading / cell_h)
        vb.setRange(xRange=(0, k + side / cell_w), yRange=(-heading / cell_h, k), padding=0)
        vb.updateMatrix()      # the cells' transform now, not at the next paint (``CellLabels.readable``)

    def _set_tooltip(self, column: bool) -> None:
        """What the view says outside its cells (a cell's own tooltip says its count and row)."""
        translate = QCoreApplication.translate
        self.setToolTip(translate("ConfusionView", "Rows: the true class; columns: the class predicted. On the "
                                  "right, each true class's share predicted right.") if column else
                        translate("ConfusionView", "Rows: the true class; columns: the class predicted. Point at "
                                  "a cell for its count and its true class's share predicted right."))

    def cell_at(self, pos) -> tuple[int, int] | None:
        """(true, predicted) class of the cell under ``pos`` (the viewport's pixels), or None outside it."""
        k = len(self.matrix)
        if not k:
            return None
        p = self.plot_item.getViewBox().mapSceneToView(self.mapToScene(pos))
        if not (0 <= p.x() < k and 0 <= p.y() < k):
            return None
        return int(p.y()), int(p.x())

    def cell_tip(self, true: int, predicted: int) -> str:
        """A cell's count in words, and its row's share predicted right (the column may not be shown)."""
        translate = QCoreApplication.translate
        names = self._names(len(self.matrix))
        count, total = int(self.matrix[true, predicted]), int(self.matrix[true].sum())
        line = translate("ConfusionView", "true {true}, predicted {predicted}: {n} of {total}").format(
            true=names[true], predicted=names[predicted], n=count, total=total)
        share = self.class_accuracy[true] if true < len(self.class_accuracy) else np.nan
        if np.isfinite(share):
            line += "\n" + translate("ConfusionView", "{name}: {share} predicted right").format(
                name=names[true], share=f"{share:.0%}")
        return line

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(event.pos())
            if cell is not None:
                QToolTip.showText(event.globalPos(), self.cell_tip(*cell), self)
                return True
        return super().viewportEvent(event)

    def _names(self, k: int) -> list[str]:
        return self.class_names if len(self.class_names) == k else [str(i) for i in range(k)]

    def _number_rows(self, numbered: bool) -> None:
        names = self._names(len(self.predicted_ticks.ticks))
        plain = names == [str(i) for i in range(len(names))]      # digits: the names are the numbers
        self.true_ticks.set_names([(i + 0.5, name if plain or not numbered else f"{i} {name}")
                                   for i, name in enumerate(names)])

    def _fill(self, m: np.ndarray, which: str) -> None:
        k = len(m)
        self.matrix = m
        rows = m.sum(axis=1, keepdims=True)
        share = m / np.where(rows > 0, rows, 1)
        # the diagonal (right) in blue, mistakes in orange; stronger colour = larger share of the true class
        signed = np.where(np.eye(k, dtype=bool), share, -share)
        self.image.setImage(colors.diverging(signed, 1.0), autoLevels=False)
        self.image.setRect(0, 0, k, k)
        widest = max((len(t) for t in self.labels.texts), default=0)
        # mistakes that never happened left blank: the few that did stand out (a 0 on the diagonal stays: a
        # class never predicted right)
        counts = [str(int(v)) if v or i == j else "" for (i, j), v in np.ndenumerate(m)]
        self.labels.set_cells(k, counts, (share > 0.55).ravel().tolist())
        self.class_accuracy = np.where(rows[:, 0] > 0, np.diag(m) / np.where(rows[:, 0] > 0, rows[:, 0], 1), np.nan)
        self.row_notes.set_rows(k, ["–" if not np.isfinite(a) else f"{a:.0%}" for a in self.class_accuracy])
        if max(len(t) for t in self.labels.texts) != widest:
            self.fit()                    # counts of another width: another size fits their cells
        acc = np.trace(m) / max(m.sum(), 1)
        # the view shares a row with two others: where the title is too wide, it takes two lines
        if which == "validation":
            title = QCoreApplication.translate("ConfusionView", "{0} right (validation)")
            # the same on two lines ("\n" between them); the part must stay: training data would read higher
            two_lines = QCoreApplication.translate("ConfusionView", "{0} right\n(validation data)")
        else:
            title = QCoreApplication.translate("ConfusionView", "{0} right (training)")
            two_lines = QCoreApplication.translate("ConfusionView", "{0} right\n(training data)")
        self.plot_item.setTitle(title.format(f"{acc:.1%}"), shorter=[two_lines.format(f"{acc:.1%}")],
                                color="#282828", size=title_size())
        self.updates += 1

    def _csv(self):
        k = len(self.matrix)
        names = self._names(k)
        acc = self.class_accuracy if len(self.class_accuracy) == k else np.full(k, np.nan)
        return (["true \\ predicted", *names, "class accuracy"],
                [[names[i], *map(int, self.matrix[i]), float(acc[i])] for i in range(k)])


# a kind of prediction -> the view drawing it; each is built the first time its kind is shown
_KINDS = {"plane": PlaneView, "curve": CurveFitView, "scatter": PredVsTrueView, "confusion": ConfusionView}


class PredictionView(BuiltOnFirstUse, QWidget):
    """The four pictures in a stack; a snapshot's ``prediction["kind"]`` picks the visible one. Only the
    kinds shown so far are built (a window opens sooner): ``self.plane`` and the others build on first use."""

    BUILT_ON_USE = frozenset(_KINDS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._built: dict = {}
        self.empty = QLabel(self.tr("Train the network to see what it predicts."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)       # the sentence must not set the dock's minimum width
        self.stack = QStackedWidget()
        self.stack.setMinimumSize(160, 120)   # a plot's, as when the views are built
        self.stack.addWidget(self.empty)
        self.discretize = QCheckBox(self.tr("Discretize"))
        self.discretize.setToolTip(self.tr("Paint each region in the colour of the class the network picks there"))
        self.discretize.toggled.connect(lambda on: self.plane.set_discretize(on))
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addStretch(1)
        bar.addWidget(self.discretize)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.stack, 1)
        self.kind = "none"
        self._show("none")
        self._points = {w: w.font().pointSizeF() for w in (self.empty, self.discretize)}

    def rescaled(self) -> None:
        """Presentation mode: the sentence shown before training, and the check box, read from the back too."""
        for widget, points in self._points.items():
            font = widget.font()
            font.setPointSizeF(points * current_scale())
            widget.setFont(font)

    def _build(self, kind: str):
        view = self._built.get(kind)
        if view is None:
            view = self._built[kind] = _KINDS[kind]()
            setattr(self, kind, view)     # later lookups find it without __getattr__
            match_scale(view)
            self.stack.addWidget(view)
            if kind == "plane" and self.discretize.isChecked():
                view.set_discretize(True)
        return view

    @property
    def views(self) -> dict:
        """Every kind's view (building those not built yet)."""
        return {kind: self._build(kind) for kind in _KINDS}

    @property
    def updates(self) -> int:
        return sum(v.updates for v in self._built.values())

    def set_data(self, X, y, X_val, y_val, task: str, class_names=None, feature_names=None,
                 kind: str = "none", unscale_y=None, unscale_x=None, target_name: str | None = None) -> None:
        """Called when a session starts (or data changes): the points drawn under the predictions;
        ``unscale_y`` takes regression targets back to the data's units for the predicted-vs-true view and the
        plane's colour bar, ``unscale_x`` the inputs for the plane's axes."""
        if kind == "scatter":
            self.scatter.set_unscale(unscale_y)
        if kind == "plane":
            self.plane.set_points(X, y, X_val, y_val, task, feature_names, class_names, unscale=unscale_y,
                                  unscale_x=unscale_x, target_name=target_name)
        elif kind == "curve":
            self.curve.set_points(X, y, X_val, y_val, task, feature_names)
        elif kind == "confusion":
            self.confusion.set_classes(class_names)
        self._show(kind)

    def on_snapshot(self, snap: dict) -> None:
        pred = snap.prediction
        kind = pred.get("kind", "none")
        if kind != self.kind:
            self._show(kind)
        if kind in _KINDS:
            self._build(kind).on_prediction(pred)

    def reset(self) -> None:
        """No weights to predict with (Reset weights): back to "Train the network..."."""
        self._show("none")

    def _show(self, kind: str) -> None:
        self.kind = kind
        self.stack.setCurrentWidget(self._build(kind) if kind in _KINDS else self.empty)
        # classes only: a regression's surface has no regions to paint
        self.discretize.setVisible(kind == "plane" and self._built["plane"].task != "regression")

    def current_view(self):
        return self._build(self.kind) if self.kind in _KINDS else None
