"""The activation explorer: every registry activation and its derivative on one plot, flat regions shaded.

Tick the activations to draw (solid: a(z), dashed: its slope da/dz); the selected one has its flat
(saturating) regions shaded, where the slope is below a tenth of its peak, and the sentence that says what the
slope does to a gradient through many layers (why σ′ ≤ 0.25 makes deep sigmoid networks learn slowly). The
curves come from ``nnstudio.engine.activation_curves``; the list is the legend, so nothing covers the plot.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSpinBox,
                               QVBoxLayout, QWidget)

from nnstudio import i18n
from nnstudio.engine import activations
from nnstudio.engine.activation_curves import FLAT_FRACTION, Curve, curve, depth_factor

from . import screen_fit
from .plots.base import match_scale, style_plot
from .presentation import ScaledText

# distinct on a projector and for colour-blind eyes first (Okabe-Ito), then darker extras
COLORS = ((0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (230, 159, 0), (86, 180, 233),
          (120, 94, 240), (160, 40, 40), (90, 90, 90), (0, 90, 60), (150, 110, 20), (40, 40, 160),
          (200, 40, 120), (20, 130, 130), (110, 60, 20), (100, 140, 30))
SHOWN_FIRST = ("sigmoid", "tanh", "relu")
Y_RANGE = (-1.6, 2.6)
LEVEL_SLOPE = 0.05     # a curve this flat at the left edge has reached its lowest level


def floor(curves) -> float:
    """The bottom of the plot: every curve that levels off to the left does so in sight (SELU's −1.76 lies
    below Y_RANGE); curves that keep falling (linear) leave the plot."""
    levels = [float(c.value[0]) for c in curves if abs(float(c.slope[0])) < LEVEL_SLOPE]
    return min([Y_RANGE[0], *(v - 0.1 for v in levels)])


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActivationExplorer", text)


class ActivationExplorer(QWidget):
    """A window of its own: the list (legend and choice) on the left, the plot on the right."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Activation explorer"))
        self.setObjectName("activation_explorer")
        self.curves: dict[str, Curve] = {name: curve(name) for name in activations.names()}
        self.colors = {name: COLORS[i % len(COLORS)] for i, name in enumerate(self.curves)}

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Activations"))
        for name in self.curves:
            item = QListWidgetItem(name)
            item.setData(Qt.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if name in SHOWN_FIRST else Qt.Unchecked)
            item.setForeground(QBrush(QColor(*self.colors[name])))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(i18n._(activations.get(name).description))
            self.list.addItem(item)
        self.show_value = QCheckBox(self.tr("a(z), solid"))
        self.show_slope = QCheckBox(self.tr("slope da/dz, dashed"))
        for box in (self.show_value, self.show_slope):
            box.setChecked(True)
        self.depth = QSpinBox(minimum=1, maximum=100, value=10)
        self.depth.setPrefix(self.tr("through "))
        self.depth.setSuffix(self.tr(" layers"))
        self.depth.setAccessibleName(self.tr("Number of layers"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.RichText)
        self.note.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        big = self.note.font()
        big.setPointSize(max(big.pointSize(), 12))  # read from the back of a lecture room
        self.note.setFont(big)
        listed = self.list.font()
        listed.setPointSize(max(listed.pointSize(), 11))
        self.list.setFont(listed)

        left = QVBoxLayout()
        hint = QLabel(self.tr("Tick to draw; select one to shade where it is flat."))
        hint.setWordWrap(True)
        # everything a class reads grows under F11, the hint and the switches as well as the list and the note
        self._scaled_text = ScaledText(self.note, self.list, hint, self.show_value, self.show_slope, self.depth)
        left.addWidget(hint)
        left.addWidget(self.list, 1)
        left.addWidget(self.show_value)
        left.addWidget(self.show_slope)
        left.addWidget(self.depth)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(230)

        self.plot = pg.PlotWidget(background="w")
        self.plot_item = self.plot.getPlotItem()
        style_plot(self.plot_item, "", "z", "")
        self.plot_item.setMenuEnabled(False)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.addItem(pg.InfiniteLine(0, angle=0, pen=pg.mkPen((150, 150, 150), width=1)))
        self.plot_item.addItem(pg.InfiniteLine(0, angle=90, pen=pg.mkPen((150, 150, 150), width=1)))
        self.regions: list[pg.LinearRegionItem] = []
        self.value_items: dict[str, pg.PlotDataItem] = {}
        self.slope_items: dict[str, pg.PlotDataItem] = {}
        for name, c in self.curves.items():
            color = self.colors[name]
            value = pg.PlotDataItem(c.z, c.value, pen=pg.mkPen(color, width=3))
            slope = pg.PlotDataItem(c.z, c.slope, pen=pg.mkPen(color, width=3, style=Qt.DashLine))
            self.plot_item.addItem(value)
            self.plot_item.addItem(slope)
            self.value_items[name], self.slope_items[name] = value, slope
        z0, z1 = next(iter(self.curves.values())).z[[0, -1]]
        self.plot_item.setRange(xRange=(z0, z1), yRange=(floor(self.curves.values()), Y_RANGE[1]), padding=0.02)

        right = QVBoxLayout()
        right.addWidget(self.plot, 1)
        right.addWidget(self.note)
        lay = QHBoxLayout(self)
        lay.addWidget(side)
        lay.addLayout(right, 1)

        self.list.itemChanged.connect(self._redraw)
        self.list.currentItemChanged.connect(self._redraw)
        self.show_value.toggled.connect(self._redraw)
        self.show_slope.toggled.connect(self._redraw)
        self.depth.valueChanged.connect(self._redraw)
        self.list.setCurrentRow(list(self.curves).index("sigmoid"))
        screen_fit.size_window(self, 1100, 680)
        self._redraw()

    def rescaled(self) -> None:
        """Presentation mode began or ended: the note and the list at its scale."""
        self._scaled_text.apply()

    # -- state ----------------------------------------------------------------------------------------------
    def shown(self) -> list[str]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.Checked]

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def set_shown(self, name: str, on: bool) -> None:
        item = self.list.item(list(self.curves).index(name))
        item.setCheckState(Qt.Checked if on else Qt.Unchecked)

    def select(self, name: str) -> None:
        self.list.setCurrentRow(list(self.curves).index(name))

    # -- drawing --------------------------------------------------------------------------------------------
    def _redraw(self, *_args) -> None:
        shown = set(self.shown())
        for name in self.curves:
            self.value_items[name].setVisible(name in shown and self.show_value.isChecked())
            self.slope_items[name].setVisible(name in shown and self.show_slope.isChecked())
        for item in self.regions:
            self.plot_item.removeItem(item)
        self.regions = []
        name = self.selected()
        if name is None:
            self.note.clear()
            return
        c = self.curves[name]
        color = self.colors[name]
        for lo, hi in c.flat:
            region = pg.LinearRegionItem((lo, hi), movable=False, brush=pg.mkBrush(*color, 70),
                                         pen=pg.mkPen(None))
            region.setZValue(-10)  # under the curves
            self.plot_item.addItem(region)
            self.regions.append(region)
        self.note.setText(self.explain(c))

    def explain(self, c: Curve) -> str:
        """The sentence under the plot: the selected activation's peak slope and what depth does with it."""
        n = self.depth.value()
        color = "#%02x%02x%02x" % self.colors[c.name]
        # the full stop is translated too: Chinese ends the formula's sentence with "。", not "."
        head = self.tr("{0}: {1}. ").format(f"<b style='color:{color}'>{c.name}</b>",
                                            i18n._(activations.get(c.name).description))
        if c.peak == 0:
            return head + self.tr("Its slope is 0 everywhere: no gradient flows back through it, so it cannot be "
                                  "trained by backpropagation (the perceptron rule trains it instead).")
        if c.name == "softmax":   # an output's activation: no deep stack of it to learn slowly
            text = head + self.tr("It turns an output layer's scores into probabilities and is not stacked in "
                                  "hidden layers. Drawn for two classes, it is the sigmoid of the difference of "
                                  "the two scores: its slope is at most {0}.").format(f"{c.peak:.3g}")
            return self._then(text, self._flat_text(c))
        if round(c.peak, 3) > 1:   # a slope above 1 multiplies the gradient up: it can explode, not fade
            text = head + self.tr("Its slope reaches {0}, more than 1. Backpropagation multiplies a gradient by "
                                  "this slope once per layer, so through {1} such layers it can grow up to {2} "
                                  "times (an exploding gradient) where every unit sits at its steepest; typical "
                                  "inputs sit where the slope is smaller.").format(
                f"{c.peak:.3g}", n, f"{depth_factor(c.peak, n):.2g}")
            return self._then(text, self._flat_text(c))
        if c.peak_approached and round(c.peak, 3) == 1:   # softplus: "less than 1 of it is left" said nothing
            text = head + self.tr("Its slope approaches 1 for large inputs but never reaches it, so a gradient "
                                  "passed back through {0} such layers can only shrink, never grow").format(n)
        elif c.peak_approached:   # a limit for large inputs, not the slope at the plot's edge
            text = head + self.tr("Its slope approaches {0} for large inputs but never reaches it. "
                                  "Backpropagation multiplies a gradient by this slope once per layer, so "
                                  "through {1} such layers less than {2} of it is left").format(
                f"{c.peak:.3g}", n, f"{depth_factor(c.peak, n):.2g}")
        else:
            text = head + self.tr("Its slope is at most {0}. Backpropagation multiplies a gradient by this slope "
                                  "once per layer, so through {1} such layers at most {2} of it is left").format(
                f"{c.peak:.3g}", n, f"{depth_factor(c.peak, n):.2g}")
        if c.peak < 0.5:
            text += self.tr(": the first layers barely learn, which is why deep {0} networks learn "
                            "slowly.").format(c.name)
        else:
            text += self.tr(" (typical inputs sit where the slope is smaller).")
        return self._then(text, self._flat_text(c))

    def _then(self, first: str, second: str) -> str:
        """Two sentences one after the other: a space between them in English, none in Chinese."""
        return self.tr("{0} {1}").format(first, second)

    def _flat_text(self, c: Curve) -> str:
        if c.flat:
            return self.tr("Shaded: where the slope is below {0}% of its peak; a unit there "
                           "saturates and passes back almost nothing.").format(round(FLAT_FRACTION * 100))
        return self.tr("It is never flat: no shading.")


def open_activation_explorer(window) -> ActivationExplorer:
    """Show the explorer (one per main window), raising it when it is already open."""
    view = window.findChild(ActivationExplorer, "activation_explorer")
    if view is None:
        view = ActivationExplorer(window)
        match_scale(view)                   # opened during presentation mode: at its scale
    view.show()
    view.raise_()
    view.activateWindow()
    return view
