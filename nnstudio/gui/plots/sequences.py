"""The views of a recurrent network: the forecast over time, the hidden state and gates of one chosen sample
as heatmaps (units down, timesteps across), and the gradient reaching each timestep's state on a log scale,
where a vanishing gradient through time shows as a line falling towards the first steps.

Every value comes from the snapshot (``snapshots.SequencePart``, computed by ``engine.sequence_trace`` in the
training thread); these widgets only draw.
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ..elided_label import ElidedLabel
from . import colors
from .base import OutsideLegend, PlotView, sticky_range, title_size
from .ticks import FittedTicks
from .weights import DIVERGING_MAP, robust_limit

# gates (0 closed .. 1 open) from white to blue; the candidate values are signed, orange to blue
GATE_MAP = pg.ColorMap([0.0, 1.0], [colors.NEUTRAL.astype(int), colors.POSITIVE.astype(int)])
GATE_ROW_SHARE = 2         # of 5: the gates' small heatmaps under the hidden state (3 of 5)
TRUTH_PEN = pg.mkPen((60, 60, 60), width=2)
FORECAST_PEN = pg.mkPen(colors.TRAIN_PEN, width=2)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SequenceViews", text)


def gate_title(name: str) -> str:
    """A gate's letter with what it does (the Keras letters: LSTM i, f, c, o; GRU z, r, h)."""
    titles = {"i": _tr("i input"), "f": _tr("f forget"), "c": _tr("c new"), "o": _tr("o output"),
              "z": _tr("z update"), "r": _tr("r reset"), "h": _tr("h new")}
    return titles.get(name, name)


def gate_tip(name: str) -> str:
    """One line on what a gate's heatmap shows."""
    tips = {"i": _tr("Input gate: how much of the new content is written into the memory cell (0 to 1)."),
            "f": _tr("Forget gate: how much of the memory cell is kept from the step before (0 to 1)."),
            "c": _tr("New content the input gate may write into the memory cell."),
            "o": _tr("Output gate: how much of the memory cell is shown as the hidden state (0 to 1)."),
            "z": _tr("Update gate: how much of the previous state is kept (0 to 1)."),
            "r": _tr("Reset gate: how much of the previous state the new content reads (0 to 1)."),
            "h": _tr("New content that replaces the part of the state the update gate lets go.")}
    return tips.get(name, "")


# the gates whose values are a recurrent activation (0..1); the others are the cell's candidate content
OPENING_GATES = frozenset({"i", "f", "o", "z", "r"})


class ForecastPlot(PlotView):
    """Truth and prediction over time for the evaluated part of a chronological series, in the series' own
    units when the data was scaled (``unscale``)."""

    def __init__(self, parent=None):
        super().__init__("forecast", "", _tr("time step"), _tr("value"), parent, csv_source=lambda: self._csv())
        self.legend = OutsideLegend(self.plot_item)
        self.truth_item = self.plot_item.plot([], [], pen=TRUTH_PEN, name=_tr("truth"))
        self.forecast_item = self.plot_item.plot([], [], pen=FORECAST_PEN, name=_tr("prediction"))
        self.unscale = None
        self.truth = np.zeros(0)
        self.predicted = np.zeros(0)

    def set_data(self, unscale, name: str | None = None) -> None:
        """``unscale``: (N, 1) targets as the network sees them -> the series' units (None: as given); ``name``
        the series' name for the value axis ("co2_ppm" says more than "value")."""
        self.unscale = unscale
        self.plot_item.setLabel("left", name or _tr("value"), color="#282828")
        self.reset()

    def reset(self) -> None:
        self.truth, self.predicted = np.zeros(0), np.zeros(0)
        self.truth_item.setData([], [])
        self.forecast_item.setData([], [])
        self.plot_item.setTitle("")

    def on_snapshot(self, snap) -> None:
        pred = snap.prediction
        if pred.get("kind") != "scatter":
            return
        truth, predicted = pred["y_true"], pred["y_pred"]
        if self.unscale is not None:
            truth = np.asarray(self.unscale(truth[:, None]), dtype=np.float64).reshape(-1)
            predicted = np.asarray(self.unscale(predicted[:, None]), dtype=np.float64).reshape(-1)
        self.truth, self.predicted = truth, predicted
        t = np.arange(len(truth))
        self.truth_item.setData(t, truth)
        self.forecast_item.setData(t, predicted)
        both = np.concatenate([truth, predicted])
        both = both[np.isfinite(both)]
        if both.size:
            sticky_range(self.plot_item, "y", float(both.min()), float(both.max()))
        sticky_range(self.plot_item, "x", 0.0, float(max(len(t) - 1, 1)))
        title = _tr("validation part") if pred.get("which") == "validation" else _tr("training part")
        self.plot_item.setTitle(title, color="#282828", size=title_size())
        self.updates += 1

    def _csv(self):
        return ["time_step", "truth", "prediction"], [[i, a, b] for i, (a, b) in
                                                      enumerate(zip(self.truth, self.predicted))]


class _Heatmap(PlotView):
    """One (units, timesteps) picture with whole-number ticks."""

    def __init__(self, name: str, cmap, x_label: str = "", y_label: str = "", parent=None):
        super().__init__(name, "", x_label, y_label, parent, csv_source=lambda: self._csv())
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(cmap)
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.row_ticks, self.step_ticks = FittedTicks(self.plot_item, "left"), FittedTicks(self.plot_item, "bottom")
        self.matrix = np.zeros((0, 0))

    def show_matrix(self, m: np.ndarray, levels: tuple[float, float], title: str, shorter=()) -> None:
        self.matrix = m
        self.image.setImage(np.nan_to_num(m), autoLevels=False, levels=levels)
        rows, cols = m.shape
        self.row_ticks.set_numbers(rows, 6)
        self.step_ticks.set_numbers(cols, 6)
        self.plot_item.setRange(xRange=(0, cols), yRange=(0, rows), padding=0)
        self.plot_item.setTitle(title, shorter=shorter, color="#282828", size=title_size())
        self.updates += 1

    def clear_matrix(self) -> None:
        self.matrix = np.zeros((0, 0))
        self.image.clear()
        self.plot_item.setTitle("")

    def _csv(self):
        header = ["unit"] + [f"t_{j}" for j in range(self.matrix.shape[1])]
        return header, [[i, *row] for i, row in enumerate(self.matrix)]


class HiddenStateView(QWidget):
    """The chosen sample's hidden state h_t (units × timesteps) and, under it, its gates as small heatmaps."""

    sampleChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sample = QSpinBox()
        self.sample.setRange(1, 1)
        self.sample.setToolTip(self.tr("Which sample's sequence to show"))
        self.layer_label = ElidedLabel()
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(QLabel(self.tr("Sample:")))
        top.addWidget(self.sample)
        top.addWidget(self.layer_label, 1)
        self.state = _Heatmap("hidden-state", DIVERGING_MAP, self.tr("timestep"), self.tr("unit"))
        self.gate_row = QHBoxLayout()
        self.gate_row.setSpacing(2)
        self.gate_views: dict[str, _Heatmap] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.state, 3)
        lay.addLayout(self.gate_row, GATE_ROW_SHARE)
        self.state.setToolTip(self.tr("The hidden state h of each unit (rows) after each timestep (columns) for "
                                      "the chosen sample: blue positive, orange negative."))
        self.sample.valueChanged.connect(self._sample_changed)
        self.part = None
        self.names: dict[str, str] = {}

    @property
    def updates(self) -> int:
        return self.state.updates

    @property
    def index(self) -> int:
        """The chosen sample, 0-based."""
        return self.sample.value() - 1

    def set_names(self, names: dict[str, str]) -> None:
        """{node_id: label} of the network's layers, for the line naming the layer shown."""
        self.names = dict(names)

    def reset(self) -> None:
        self.part = None
        self.state.clear_matrix()
        for view in self.gate_views.values():
            view.clear_matrix()

    def on_snapshot(self, snap) -> None:
        if snap.sequence is None:
            return
        self.part = snap.sequence
        self.sample.setMaximum(max(len(self.part.states), 1))
        self.redraw()

    def _sample_changed(self, _value: int) -> None:
        self.redraw()
        self.sampleChanged.emit(self.index)

    def _gate_view(self, name: str) -> _Heatmap:
        """The small heatmap of one gate, made the first time a network has it."""
        view = self.gate_views.get(name)
        if view is None:
            view = _Heatmap(f"gate-{name}", GATE_MAP if name in OPENING_GATES else DIVERGING_MAP)
            view.setMinimumSize(50, 50)
            view.setToolTip(gate_tip(name))
            for side in ("left", "bottom"):    # small: the picture above gives the units and timesteps
                view.plot_item.hideAxis(side)
            self.gate_views[name] = view
            self.gate_row.addWidget(view)
        return view

    def redraw(self) -> None:
        part = self.part
        if part is None or not len(part.states):
            return
        i = min(self.index, len(part.states) - 1)
        h = np.asarray(part.states[i], dtype=np.float64).T          # units down, timesteps across
        limit = robust_limit(h, 100.0)
        # the layer in the title, where it stays in sight: at the end of the sample's line a narrow dock cut it
        layer, spread = self.names.get(part.node_id, part.node_id), f"{limit:.2g}"
        bare = re.sub(r" \([^()]*\)$", "", layer)            # "recurrent (SimpleRNN)" -> "recurrent"
        self.state.show_matrix(h, (-limit, limit), self.tr("{layer}: hidden state h ±{0}").format(spread, layer=layer),
                               [self.tr("{layer}: h ±{0}").format(spread, layer=name) for name in (layer, bare)])
        which = self.tr("validation") if part.which == "validation" else self.tr("training")
        self.layer_label.setText(self.tr("of {n} ({which})").format(n=len(part.states), which=which))
        for name, view in self.gate_views.items():
            view.setVisible(name in part.gates)
        # a layer without gates (SimpleRNN) gives their row's share to the hidden state
        self.layout().setStretch(self.layout().indexOf(self.gate_row), GATE_ROW_SHARE if part.gates else 0)
        for name, values in part.gates.items():
            g = np.asarray(values[i], dtype=np.float64).T
            if name in OPENING_GATES:
                levels = (0.0, 1.0)
            else:
                lim = robust_limit(g, 100.0)
                levels = (-lim, lim)
            self._gate_view(name).show_matrix(g, levels, gate_title(name))


class ThroughTimePlot(PlotView):
    """‖dL/dh_t‖ over the timesteps for the chosen sample (and the mean over the samples carried), log scale."""

    def __init__(self, parent=None):
        super().__init__("gradient-through-time", "", _tr("timestep"), _tr("‖dL/dh_t‖ (log)"), parent,
                         csv_source=lambda: self._csv())
        self.plot_item.setLogMode(y=True)
        self.legend = OutsideLegend(self.plot_item)
        self.mean_item = self.plot_item.plot([], [], pen=pg.mkPen((150, 150, 150), width=2,
                                                                  style=Qt.PenStyle.DashLine),
                                             name=_tr("mean of the samples"))
        self.sample_item = self.plot_item.plot([], [], pen=pg.mkPen(colors.VAL_PEN, width=2), symbol="o",
                                               symbolSize=4, symbolBrush=pg.mkBrush(colors.VAL_PEN),
                                               symbolPen=None, name=_tr("chosen sample"))
        self.index = 0
        self.part = None
        self.norms = np.zeros(0)

    def set_sample(self, index: int) -> None:
        self.index = index
        self.redraw()

    def reset(self) -> None:
        self.part = None
        self.norms = np.zeros(0)
        self.mean_item.setData([], [])
        self.sample_item.setData([], [])

    def on_snapshot(self, snap) -> None:
        if snap.sequence is None:
            return
        self.part = snap.sequence
        self.redraw()

    def redraw(self) -> None:
        part = self.part
        if part is None or not len(part.grad_norms):
            return
        norms = np.asarray(part.grad_norms, dtype=np.float64)
        i = min(self.index, len(norms) - 1)
        self.norms = norms[i]
        t = np.arange(norms.shape[1])
        tiny = np.finfo(np.float64).tiny        # log scale: an exact zero sits at the floor
        self.sample_item.setData(t, np.maximum(self.norms, tiny))
        self.mean_item.setData(t, np.maximum(norms.mean(axis=0), tiny))
        positive = norms[norms > 0]
        if positive.size:
            sticky_range(self.plot_item, "y", float(np.log10(positive.min())), float(np.log10(positive.max())))
        sticky_range(self.plot_item, "x", 0.0, float(max(len(t) - 1, 1)))
        self.plot_item.setTitle(_tr("gradient per timestep"), color="#282828", size=title_size())
        self.updates += 1

    def _csv(self):
        return ["timestep", "grad_norm"], [[j, v] for j, v in enumerate(self.norms)]
