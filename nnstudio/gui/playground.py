"""The optimizer playground: gradient descent and its cousins walking down a function of two variables.

A contour map of the function, a start point set by clicking, and the paths of SGD, momentum, Nesterov,
RMSprop and Adam (the engine's own optimizer objects, ``nnstudio.engine.surfaces.Walker``), animated step by
step, each with its learning rate adjustable while it runs. It shows why momentum helps in a long valley
and what too large a learning rate does. The table of optimizers is the legend: nothing covers the map.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QPointF, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGraphicsItem, QGridLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSlider, QVBoxLayout, QWidget)

from nnstudio import i18n
from nnstudio.engine.surfaces import SURFACES, ExpressionError, Surface, Walker, parse

from . import screen_fit, theme
from .plots import base as plots
from .plots.base import match_scale, style_plot
from .presentation import ScaledText


@dataclass(frozen=True)
class _Runner:
    key: str
    label: str
    config: dict
    color: tuple[int, int, int]
    adaptive: bool  # its step does not scale with the gradient's size: it wants a different learning rate


RUNNERS = (
    _Runner("sgd", "SGD", {"name": "sgd"}, (213, 94, 0), False),
    _Runner("momentum", "Momentum", {"name": "sgd", "momentum": 0.9}, (0, 114, 178), False),
    _Runner("nesterov", "Nesterov", {"name": "sgd", "momentum": 0.9, "nesterov": True}, (0, 158, 115), False),
    _Runner("rmsprop", "RMSprop", {"name": "rmsprop"}, (204, 121, 167), True),
    _Runner("adam", "Adam", {"name": "adam"}, (120, 94, 240), True),
)
# per surface: (learning rate for SGD-like optimizers, for adaptive ones), values that show each at work
RATES = {"bowl": (0.1, 0.1), "long_bowl": (0.1, 0.3), "rosenbrock": (0.001, 0.05), "saddle": (0.05, 0.05),
         "two_minima": (0.05, 0.05), "custom": (0.05, 0.05)}
DEFAULT_SIZE = (1100, 680)   # the window's preferred size, cut down to what the screen holds
SIDE_WIDTH = 330     # the controls' column at the normal scale (it grows with presentation mode's text)
MAX_POINTS = 20_000  # a path longer than this stops: the picture no longer changes


def _tr(text: str) -> str:
    return QCoreApplication.translate("OptimizerPlayground", text)


class OptimizerPlayground(QWidget):
    """A window of its own: controls on the left, the map on the right."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Optimizer playground"))
        self.setObjectName("optimizer_playground")
        self.surface: Surface = SURFACES["bowl"]
        self.start = self.surface.start
        self.walkers: dict[str, Walker] = {}

        self.function = QComboBox()
        for s in SURFACES.values():
            self.function.addItem(i18n._(s.title), s.name)
        self.function.addItem(self.tr("Your own function…"), "custom")
        self.expression = QLineEdit()
        self.expression.setPlaceholderText(self.tr("e.g. x0^2 + 3*sin(x1)"))
        self.expression.setEnabled(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.set_tone(self.error, "error")
        self.note = QLabel()
        self.note.setWordWrap(True)

        grid = QGridLayout()
        headers = [QLabel(self.tr("Optimizer")), QLabel(self.tr("Learning rate")), QLabel(self.tr("Steps"))]
        for col, header in enumerate(headers):
            grid.addWidget(header, 0, col)
        self.checks: dict[str, QCheckBox] = {}
        self.rates: dict[str, QDoubleSpinBox] = {}
        self.counts: dict[str, QLabel] = {}
        for row, r in enumerate(RUNNERS, 1):
            check = QCheckBox(r.label)
            check.setChecked(r.key in ("sgd", "momentum", "adam"))
            check.setStyleSheet(f"QCheckBox {{ color: rgb{r.color}; font-weight: bold; }}")
            rate = QDoubleSpinBox(decimals=4, minimum=0.0001, maximum=10.0, singleStep=0.01)
            rate.setAccessibleName(self.tr("{0} learning rate").format(r.label))
            count = QLabel("0")
            self.checks[r.key], self.rates[r.key], self.counts[r.key] = check, rate, count
            grid.addWidget(check, row, 0)
            grid.addWidget(rate, row, 1)
            grid.addWidget(count, row, 2)
            check.toggled.connect(self.reset)
            rate.valueChanged.connect(lambda value, key=r.key: self._set_rate(key, value))

        self.speed = QSlider(Qt.Horizontal, minimum=1, maximum=240, value=30)
        self.speed.setToolTip(self.tr("Steps per second"))
        self.speed_label = QLabel()
        self.play = QPushButton(self.tr("Play"))
        self.play.setCheckable(True)
        self.step_button = QPushButton(self.tr("Step"))
        self.reset_button = QPushButton(self.tr("Reset"))
        buttons = QHBoxLayout()
        for b in (self.play, self.step_button, self.reset_button):
            buttons.addWidget(b)
        hint = QLabel(self.tr("Click the map to start from another point. Space plays or pauses, → steps."))
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Function"), self.function)
        form.addRow(self.expression)
        form.addRow(self.error)
        form.addRow(self.note)
        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(grid)
        left.addLayout(speed_row)
        left.addLayout(buttons)
        left.addWidget(hint)
        left.addStretch(1)
        self.side = side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(SIDE_WIDTH)
        function_label = form.labelForField(self.function)
        # read from the back of the room in presentation mode: the learning rates, step counts and notes too
        self._scaled_text = ScaledText(function_label, self.function, self.expression, self.error, self.note,
                                       *headers, *self.checks.values(), *self.rates.values(), *self.counts.values(),
                                       self.speed_label, self.play, self.step_button, self.reset_button, hint)

        self.plot = pg.PlotWidget(background="w")
        self.plot_item = self.plot.getPlotItem()
        style_plot(self.plot_item, "", "x0", "x1")
        self.plot_item.setMenuEnabled(False)
        # one unit of x0 as long on screen as one of x1: x0² + x1² is drawn round and the gradient is seen
        # perpendicular to the contours; the view box widens one range to fit, the whole function stays in view
        self.plot_item.getViewBox().setAspectLocked(True, ratio=1.0)
        self.image = pg.ImageItem(axisOrder="row-major")
        # the map does not change while paths grow: paint it once per view size and blit it after that
        self.image.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.plot_item.addItem(self.image)
        self.isocurves: list[pg.IsocurveItem] = []
        self.start_marker = pg.ScatterPlotItem(size=14, symbol="o", brush=pg.mkBrush("w"),
                                               pen=pg.mkPen((30, 30, 30), width=2))
        self.plot_item.addItem(self.start_marker)
        self.paths: dict[str, pg.PlotDataItem] = {}
        for r in RUNNERS:
            item = pg.PlotDataItem(pen=pg.mkPen(r.color, width=3), symbol=None)
            head = pg.ScatterPlotItem(size=13, brush=pg.mkBrush(*r.color), pen=pg.mkPen("w", width=1.5))
            self.plot_item.addItem(item)
            self.plot_item.addItem(head)
            self.paths[r.key] = item
            item.head = head
        self.plot.scene().sigMouseClicked.connect(self._clicked)

        lay = QHBoxLayout(self)
        lay.addWidget(side)
        lay.addWidget(self.plot, 1)

        self.timer = QTimer(self, interval=16)  # ~60 frames a second
        self.timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._owed = 0.0
        self.function.currentIndexChanged.connect(self._function_changed)
        self.expression.editingFinished.connect(self._expression_entered)
        self.play.toggled.connect(self._play)
        self.step_button.clicked.connect(lambda: self.advance(1))
        self.reset_button.clicked.connect(self.reset)
        self.speed.valueChanged.connect(self._show_speed)
        QShortcut(QKeySequence(Qt.Key_Space), self, activated=self.play.toggle)
        QShortcut(QKeySequence(Qt.Key_Right), self, activated=lambda: self.advance(1))
        self._show_speed()
        screen_fit.size_window(self, *DEFAULT_SIZE)
        self.set_surface(self.surface)

    def rescaled(self) -> None:
        """Presentation mode began or ended: the controls' text at its scale, their column as much wider."""
        self._scaled_text.apply()
        self.side.setFixedWidth(round(SIDE_WIDTH * plots.current_scale()))

    # -- the function ---------------------------------------------------------------------------------
    def set_surface(self, surface: Surface) -> None:
        self.surface, self.start = surface, surface.start
        self.note.setText(i18n._(surface.note))
        sgd_rate, adaptive_rate = RATES.get(surface.name, RATES["custom"])
        for r in RUNNERS:
            self.rates[r.key].blockSignals(True)
            self.rates[r.key].setValue(adaptive_rate if r.adaptive else sgd_rate)
            self.rates[r.key].blockSignals(False)
        self._draw_map()
        self.reset()

    def _draw_map(self) -> None:
        xs, ys, values = self.surface.grid(240)
        finite = np.isfinite(values)
        low = float(values[finite].min()) if finite.any() else 0.0
        shown = np.log1p(np.where(finite, values, np.nan) - low)  # valleys stay visible beside steep walls
        self.image.setImage(np.nan_to_num(shown, nan=float(np.nanmax(shown)) if finite.any() else 0.0),
                            lut=_MAP_LUT)
        (x0, x1), (y0, y1) = self.surface.view
        self.image.setRect(x0, y0, x1 - x0, y1 - y0)
        for item in self.isocurves:  # children of the image, not of the plot: detach them from the scene
            item.setParentItem(None)
            self.plot.scene().removeItem(item)
        self.isocurves = []
        if finite.any():
            levels = np.quantile(shown[finite], np.linspace(0.04, 0.96, 12))
            for level in np.unique(levels):
                curve = pg.IsocurveItem(data=np.nan_to_num(shown, nan=0.0).T, level=float(level),
                                        pen=pg.mkPen((255, 255, 255, 150), width=1))
                curve.setParentItem(self.image)
                curve.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
                self.isocurves.append(curve)
        self.plot_item.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _function_changed(self) -> None:
        key = self.function.currentData()
        self.expression.setEnabled(key == "custom")
        self.error.clear()
        if key == "custom":
            self.expression.setFocus()
            if self.expression.text().strip():
                self._expression_entered()
            return
        self.set_surface(SURFACES[key])

    def _expression_entered(self) -> None:
        text = self.expression.text().strip()
        if not text or self.function.currentData() != "custom":
            return
        try:
            surface = parse(text, start=(1.5, 1.5))
            surface.gradient(surface.start)
        except ExpressionError as exc:
            self.error.setText(exc.message)
            return
        self.error.clear()
        self.set_surface(surface)

    # -- the walkers ----------------------------------------------------------------------------------
    def reset(self) -> None:
        self.walkers = {r.key: Walker(self.surface, self.start, {**r.config, "learning_rate": self.rates[r.key].value()})
                        for r in RUNNERS if self.checks[r.key].isChecked()}
        self.start_marker.setData([self.start[0]], [self.start[1]])
        self._redraw()

    def _set_rate(self, key: str, value: float) -> None:
        walker = self.walkers.get(key)
        if walker is not None:
            walker.optimizer.learning_rate = float(value)

    def advance(self, steps: int) -> None:
        for walker in self.walkers.values():
            if len(walker.path) < MAX_POINTS:
                walker.step(steps)
        self._redraw()

    def _redraw(self) -> None:
        for r in RUNNERS:
            walker = self.walkers.get(r.key)
            item = self.paths[r.key]
            if walker is None:
                item.setData([], [])
                item.head.setData([], [])
                self.counts[r.key].setText("")
                continue
            path = np.asarray(walker.path)
            item.setData(path[:, 0], path[:, 1])
            item.head.setData([path[-1, 0]], [path[-1, 1]])
            text = str(len(path) - 1)
            (x0, x1), (y0, y1) = self.surface.view
            if walker.stopped:
                text += " " + self.tr("(flew off)")
            elif not (x0 <= path[-1, 0] <= x1 and y0 <= path[-1, 1] <= y1):
                text += " " + self.tr("(off the map)")   # its head is out of sight: say where it went
            self.counts[r.key].setText(text)

    def _clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        point = self.plot_item.getViewBox().mapSceneToView(event.scenePos())
        self.start_from(point)

    def start_from(self, point: QPointF) -> None:
        (x0, x1), (y0, y1) = self.surface.view
        if x0 <= point.x() <= x1 and y0 <= point.y() <= y1:
            self.start = (float(point.x()), float(point.y()))
            self.reset()

    # -- animation --------------------------------------------------------------------------------------
    def _show_speed(self) -> None:
        self.speed_label.setText(self.tr("{0} steps/s").format(self.speed.value()))

    def _play(self, on: bool) -> None:
        self.play.setText(self.tr("Pause") if on else self.tr("Play"))
        if on:
            self._owed = 0.0
            self._clock.start()
            self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        self._owed += self._clock.restart() / 1000.0 * self.speed.value()
        steps = int(self._owed)
        if steps:
            self._owed -= steps
            self.advance(steps)

    def closeEvent(self, event) -> None:
        self.play.setChecked(False)
        super().closeEvent(event)


def _map_lut() -> np.ndarray:
    """Dark blue in the valleys to pale yellow on the heights (readable under the coloured paths)."""
    stops = np.array([[24, 42, 84], [42, 98, 150], [92, 160, 170], [180, 214, 170], [250, 246, 210]], float)
    t = np.linspace(0, 1, 256)[:, None] * (len(stops) - 1)
    i = np.minimum(t.astype(int), len(stops) - 2)
    lut = stops[i[:, 0]] + (stops[i[:, 0] + 1] - stops[i[:, 0]]) * (t - i)
    return lut.astype(np.uint8)


_MAP_LUT = _map_lut()


def open_playground(window) -> OptimizerPlayground:
    """Show the playground (one per main window), raising it when it is already open."""
    view = window.findChild(OptimizerPlayground, "optimizer_playground")
    if view is None:
        view = OptimizerPlayground(window)
        match_scale(view)                   # opened during presentation mode: at its scale
    view.show()
    view.raise_()
    view.activateWindow()
    return view
