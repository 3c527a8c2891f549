"""The initialisation explorer: activations and gradients at every layer at initialisation, per initializer.

For a deep stack of Dense layers (by default 10 layers of 100 tanh units) or the current network when it is
a chain of Dense layers, five initializers side by side as in the classic Xavier/He figures: zeros, N(0, 1),
N(0, 0.01), Xavier and He. The top row holds each layer's histogram of activations, the middle row of the
gradients δ = dL/dz, coloured from the first layer (light) to the last (dark); the bottom row the standard
deviation of both by layer, one line per initializer in its column's colour. The numbers come from
``nnstudio.engine.depth_stats``, computed off the GUI thread.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from nnstudio.engine import activations
from nnstudio.engine.depth_stats import CLASSIC, DepthStats, coinciding, compare, dense_chain, stack_spec
from nnstudio.engine.errors import SpecError
from nnstudio.engine.spec import analyze

from . import screen_fit, theme
from .background import Background, progress_controls
from .follow_project import Follower
from .plots.base import match_scale, style_plot
from .plots.ticks import WholeAxis
from .presentation import ScaledText

# one colour per initializer column (Okabe-Ito), in CLASSIC's order
COLUMN_COLORS = ((90, 90, 90), (213, 94, 0), (86, 180, 233), (0, 158, 115), (120, 94, 240))
ROWS = (("activations", QT_TRANSLATE_NOOP("InitExplorer", "activations a")),
        ("gradients", QT_TRANSLATE_NOOP("InitExplorer", "gradients δ = dL/dz")))
BATCH = 500
_LAYER_MAP = pg.colormap.get("viridis")


def _tr(text: str) -> str:
    return QCoreApplication.translate("InitExplorer", text)


def layer_colors(n: int) -> list[tuple[int, int, int]]:
    """From pale (first layer) to dark (last), read on white."""
    stops = np.linspace(0.9, 0.0, n) if n > 1 else np.array([0.0])
    return [tuple(int(v) for v in _LAYER_MAP.map(float(t), mode="byte")[:3]) for t in stops]


class InitExplorer(QWidget):
    """A window of its own: controls on top, the grid of histograms, the spread by layer below."""

    def __init__(self, parent=None, spec_source: Callable[[], dict] | None = None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Initialisation explorer"))
        self.setObjectName("init_explorer")
        self.spec_source = spec_source
        self.results: list[DepthStats] = []
        self._why = ""                      # the no-gradient sentence of the network being measured

        self.network = QComboBox()
        self.network.addItem(self.tr("A deep stack of Dense layers"), "stack")
        if spec_source is not None:
            self.network.addItem(self.tr("The current network"), "current")
        self.layers = QSpinBox(minimum=1, maximum=40, value=10)
        self.width = QSpinBox(minimum=1, maximum=1000, value=100)
        self.activation = QComboBox()
        for name in activations.names():
            # softmax is an output's; step and sign pass no gradient back (every δ would be 0, an empty plot)
            if name != "softmax" and activations.get(name).differentiable:
                self.activation.addItem(name, name)
        self.activation.setCurrentIndex(self.activation.findData("tanh"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(120)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        theme.set_tone(self.message, "error")
        self.zero_gradients = QLabel()      # why a step/sign network's gradient figures are empty
        self.zero_gradients.setWordWrap(True)
        self.zero_gradients.hide()

        bar = QHBoxLayout()
        for label, widget in ((self.tr("Network"), self.network), (self.tr("Layers"), self.layers),
                              (self.tr("Units per layer"), self.width), (self.tr("Activation"), self.activation)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel)
        self.key = QLabel()
        self.key.setTextFormat(Qt.RichText)

        self.grid = pg.GraphicsLayoutWidget()
        self.grid.setBackground("w")
        self.cells: dict[tuple[str, int], pg.PlotItem] = {}
        for col, choice in enumerate(CLASSIC):
            color = "#%02x%02x%02x" % COLUMN_COLORS[col]
            self.grid.addLabel(f"<b style='color:{color}; font-size:13pt'>{choice.label}</b>", row=0, col=col + 1)
        for row, (which, title) in enumerate(ROWS, 1):
            self.grid.addLabel(f"<span style='font-size:11pt'>{_tr(title)}</span>", row=row, col=0, angle=-90)
            for col in range(len(CLASSIC)):
                plot = self.grid.addPlot(row=row, col=col + 1)
                style_plot(plot)
                plot.hideAxis("left")
                plot.setMouseEnabled(x=False, y=False)
                plot.setMenuEnabled(False)
                plot.hideButtons()
                self.cells[which, col] = plot
        self.spread = pg.GraphicsLayoutWidget()
        self.spread.setBackground("w")
        self.spread_plots: dict[str, pg.PlotItem] = {}
        for col, (which, title) in enumerate(ROWS):
            plot = self.spread.addPlot(row=0, col=col, axisItems={"bottom": WholeAxis("bottom")})  # layer 1, 2...
            style_plot(plot, self.tr("spread of {0} by layer (log scale)").format(_tr(title)), self.tr("layer"),
                       self.tr("standard deviation"))
            plot.setLogMode(y=True)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            self.spread_plots[which] = plot
        self.note = QLabel(self.tr(
            "A batch of 500 N(0, 1) inputs; a random N(0, 1) gradient enters at the output. Xavier draws "
            "var W = 2 / (fan_in + fan_out), made for tanh and sigmoid; He draws var W = 2 / fan_in, made for "
            "ReLU. Watch N(0, 0.01) shrink toward 0 layer after layer, N(0, 1) push tanh units to ±1, and zeros "
            "give every unit the same value: nothing to tell them apart (a spread of 0, which the log-scale "
            "spread plots cannot draw: zeros has no line there)."))
        self.note.setWordWrap(True)
        font = self.note.font()
        font.setPointSize(max(font.pointSize(), 11))
        self.note.setFont(font)
        self.overlap = QLabel()             # which lines of the spread plots hide others (a perceptron's four)
        self.overlap.setWordWrap(True)
        self.overlap.hide()
        self._scaled_text = ScaledText(self.note, self.key, self.message, self.zero_gradients, self.overlap)

        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(self.key)
        lay.addWidget(self.zero_gradients)
        lay.addWidget(self.grid, 3)
        lay.addWidget(self.spread, 2)
        lay.addWidget(self.overlap)
        lay.addWidget(self.note)

        self.background = Background(self)
        self._busy = progress_controls(self.background, self.progress, self.cancel)
        self.background.finished.connect(self.show_results)
        self.background.failed.connect(self._failed)
        self.background.cancelled.connect(lambda: self._busy(False))
        self.debounce = QTimer(self, singleShot=True, interval=150)  # typing 100 in a spin box: one run
        self.debounce.timeout.connect(self.recompute)
        for signal in (self.network.currentIndexChanged, self.layers.valueChanged, self.width.valueChanged,
                       self.activation.currentIndexChanged):
            signal.connect(self.debounce.start)
        self.network.currentIndexChanged.connect(self._network_changed)
        self._busy(False)
        screen_fit.size_window(self, 1200, 760)
        self.recompute()

    # -- computing ------------------------------------------------------------------------------------------
    def spec(self) -> dict:
        """The chain to measure: the deep stack from the controls, or the current network (SpecError if it is
        not a chain of Dense layers)."""
        if self.network.currentData() == "current":
            spec = self.spec_source()
            dense_chain(spec)
            return spec
        return stack_spec(self.layers.value(), self.width.value(), self.activation.currentData())

    def rescaled(self) -> None:
        """Presentation mode began or ended: the key, the note and the messages at its scale."""
        self._scaled_text.apply()

    def recompute(self) -> None:
        self.debounce.stop()
        try:
            spec = self.spec()
        except SpecError as exc:
            self.background.stop()
            self._failed(str(exc))
            return
        self.message.clear()
        self._why = no_gradient_sentence(spec) if self.network.currentData() == "current" else ""
        self._busy(True)
        self.background.start(lambda progress: measured(spec, progress))

    def current_network_changed(self) -> None:
        """The window's network may differ: measured again when this view shows it."""
        if self.network.currentData() == "current":
            self.debounce.start()

    def _network_changed(self) -> None:
        stack = self.network.currentData() == "stack"
        for widget in (self.layers, self.width, self.activation):
            widget.setEnabled(stack)

    def _failed(self, message: str) -> None:
        """The sentence instead of figures: those shown belong to another network (the deep stack, say), and a
        class would read them as this one's."""
        self._busy(False)
        self.message.setText(message)
        self.results = []
        self.key.clear()
        self.zero_gradients.hide()
        self.overlap.hide()
        for plot in (*self.cells.values(), *self.spread_plots.values()):
            plot.clear()

    # -- drawing --------------------------------------------------------------------------------------------
    def show_results(self, measured: tuple[list[DepthStats], list[dict]]) -> None:
        self._busy(False)
        results, histograms = measured
        self.results = results
        n = len(results[0].layers) if results else 0
        colors = layer_colors(n)
        squares = "".join(f"<span style='color:#%02x%02x%02x'>■</span>" % c for c in colors)
        self.key.setText(self.tr("Histogram colours: layer 1 {0} layer {1}").format(squares, n))
        self.zero_gradients.setText(self._why)
        self.zero_gradients.setVisible(bool(self._why))
        for col, stats in enumerate(results):
            for which, _ in ROWS:
                plot = self.cells[which, col]
                plot.clear()
                edges, fractions = histograms[col][which]
                for k, fraction in enumerate(fractions):
                    plot.plot(edges, fraction, stepMode="center", pen=pg.mkPen(colors[k], width=2))
                plot.setXRange(edges[0], edges[-1], padding=0.02)
                plot.setYRange(0, max(float(fractions.max(initial=0.0)), 1e-9), padding=0.05)
        for which, _ in ROWS:
            plot = self.spread_plots[which]
            plot.clear()
            for col, stats in enumerate(results):
                stds = stats.stds(which)
                kept = stds > 0  # a zero spread (zeros) has no place on a log axis
                if kept.any():
                    plot.plot(np.arange(1, n + 1)[kept], stds[kept], pen=pg.mkPen(COLUMN_COLORS[col], width=3),
                              symbol="o", symbolSize=7, symbolBrush=COLUMN_COLORS[col], symbolPen=None)
            plot.setXRange(0.5, n + 0.5, padding=0)
        sentences = [self.tr("{0} give the same spread of {1} here: their points lie on top of each other.")
                     .format(self._listed(group), _tr(title))
                     for which, title in ROWS for group in coinciding(results, which)]
        self.overlap.setText("\n".join(sentences))
        self.overlap.setVisible(bool(sentences))

    def _listed(self, labels: list[str]) -> str:
        """'A, B and C' in the window's language."""
        return self.tr("{0} and {1}").format(self.tr(", ").join(labels[:-1]), labels[-1])

    def closeEvent(self, event) -> None:
        self.debounce.stop()
        self.background.stop()
        super().closeEvent(event)


def no_gradient_sentence(spec: dict) -> str:
    """Why the gradients of a chain are 0 where they are ("" when a gradient passes every layer): the last
    step or sign layer passes none back, so it and every layer before it get 0."""
    layers = analyze(spec).layers
    chain = dense_chain(spec)
    stuck = [k for k, nid in enumerate(chain, 1) if not layers[nid].activation.differentiable]
    if not stuck:
        return ""
    k = stuck[-1]
    node, act = chain[k - 1], layers[chain[k - 1]].activation.name
    if k == len(chain):
        return _tr("'{0}' uses {1}, which passes no gradient back (its slope is 0 everywhere), so every gradient "
                   "δ here is 0: the gradient histograms are a spike at 0 and their spread plot stays empty.") \
            .format(node, act)
    return _tr("'{0}' uses {1}, which passes no gradient back (its slope is 0 everywhere), so every gradient δ "
               "up to layer {2} is 0 (a spike at 0, no point in the spread plot); the layers after it still get "
               "theirs.").format(node, act, k)


def measured(spec: dict, progress=None) -> tuple[list[DepthStats], list[dict]]:
    """The worker's part: the statistics and their histograms (sorting millions of values for a range is
    not for the GUI thread)."""
    results = compare(spec, CLASSIC, BATCH, 0, progress)
    return results, [{which: stats.histograms(which) for which, _ in ROWS} for stats in results]


def open_init_explorer(window) -> InitExplorer:
    """Show the explorer (one per main window), raising it when it is already open."""
    view = window.findChild(InitExplorer, "init_explorer")
    if view is None:
        view = InitExplorer(window, spec_source=lambda: window.document.spec)
        match_scale(view)                   # opened during presentation mode: at its scale
        Follower(view, window, view.current_network_changed)
    elif not view.isVisible():
        view.current_network_changed()     # the network may have changed while it was closed
    view.show()
    view.raise_()
    view.activateWindow()
    return view
