"""Per-layer gradient norms over training steps, on a log scale: the vanishing-gradient lesson in one plot
(in a deep sigmoid network the first layers' lines sit orders of magnitude below the last ones)."""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from nnstudio.engine import optimizers

from .base import (DOWNSAMPLE_FACTOR, OutsideLegend, PlotView, Series, room_for_the_last_x_tick, sticky_range,
                   title_size)
from .ticks import WholeAxis

# layers coloured from dark (near the input) to light (near the output), so depth reads at a glance
_CMAP = pg.colormap.get("viridis")


class GradientNormsPlot(PlotView):
    def __init__(self, parent=None):
        super().__init__("gradient-norms", QCoreApplication.translate("GradientNormsPlot", "Gradient norm per layer"),
                         QCoreApplication.translate("GradientNormsPlot", "training step"),
                         QCoreApplication.translate("GradientNormsPlot", "‖gradient‖ (log)"),
                         parent, csv_source=lambda: self._csv(), axis_items={"bottom": WholeAxis("bottom")})
        # in a narrow dock "Gradient norms" rather than "Gradient norm per l…"
        self.plot_item.setTitle(QCoreApplication.translate("GradientNormsPlot", "Gradient norm per layer"),
                                shorter=[QCoreApplication.translate("GradientNormsPlot", "Gradient norms")],
                                color="#282828", size=title_size())
        self.plot_item.setLogMode(y=True)
        self.plot_item.setClipToView(True)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        room_for_the_last_x_tick(self.plot_item)
        self.legend = OutsideLegend(self.plot_item)     # eight layers' names would hide the lines inside
        self.series: dict[str, Series] = {}
        self.items: dict[str, pg.PlotDataItem] = {}
        self.names: dict[str, str] = {}
        self._dirty = False                     # recorded points not drawn yet

    def set_layers(self, layers: list[tuple[str, str]]) -> None:
        """(node_id, label) in network order; resets the plot."""
        for item in self.items.values():
            self.plot_item.removeItem(item)
        self.legend.clear()
        self.series.clear()
        self.items.clear()
        n = max(len(layers), 1)
        for i, (nid, label) in enumerate(layers):
            color = _CMAP.map(0.85 * i / max(n - 1, 1), mode="qcolor")
            # small dots too: a short run may have only a snapshot or two, and a one-point line is invisible
            # the legend names the layer only: its type (every one a Dense, often) would halve the columns
            short = re.sub(r" \([^()]*\)$", "", label)
            self.items[nid] = self.plot_item.plot([], [], pen=pg.mkPen(color, width=2), name=short, symbol="o",
                                                  symbolSize=4, symbolBrush=pg.mkBrush(color), symbolPen=None)
            self.items[nid].opts["autoDownsampleFactor"] = DOWNSAMPLE_FACTOR
            self.series[nid] = Series()
            self.names[nid] = label

    def set_optimizer(self, config) -> None:
        """A rule that computes no gradients (the perceptron's) leaves this plot empty: it says so."""
        try:
            no_gradients = optimizers.get(config).per_sample_rule
        except Exception:  # an invalid optimizer setting: the Training panel reports it
            no_gradients = False
        self.set_note(self.tr("No gradients to show: the perceptron rule corrects the weights from each "
                              "mistake directly (w ← w + lr·(y − ŷ)·x) and computes no gradients. Choose "
                              "another optimizer, such as sgd, to see them.") if no_gradients else "")

    def set_x_span(self, lo: float, hi: float) -> None:
        self.plot_item.enableAutoRange(x=False)
        self.plot_item.setXRange(lo, max(hi, lo + 1), padding=0.02)

    def on_snapshot(self, snap: dict) -> None:
        self.record(snap)
        self.draw()

    def record(self, snap: dict) -> None:
        """Add a snapshot's norms to the history without drawing (a hidden plot still keeps every point)."""
        self.record_norms(snap.step, snap.grad_norms)

    def record_norms(self, step: int, norms: dict) -> None:
        """Add the norms measured at ``step`` (from a snapshot or a progress report; a step already
        recorded, as when both bring it, is skipped)."""
        last = getattr(self, "_last_step", None)
        if not norms or (last is not None and step <= last):
            return
        self._last_step = step
        for nid, value in norms.items():
            if nid in self.series and value > 0 and np.isfinite(value):
                self.series[nid].extend([step], [value])
                self._dirty = True

    def draw(self) -> None:
        """Show the recorded history (only when it grew)."""
        if not self._dirty:
            return
        self._dirty = False
        ys = []
        for nid, s in self.series.items():
            self.items[nid].setData(*s.data())
            ys.append(s.data()[1])
        y = np.concatenate(ys)
        if not y.size:
            return
        lo, hi = float(np.log10(y.min())), float(np.log10(y.max()))
        mid = (lo + hi) / 2
        lo, hi = min(lo, mid - 1.0), max(hi, mid + 1.0)    # two decades at least: decade ticks only
        sticky_range(self.plot_item, "y", lo, hi, 0.3)
        self.updates += 1

    def reset(self) -> None:
        self._last_step = None
        self._dirty = False
        for nid, s in self.series.items():
            s.clear()
            self.items[nid].setData([], [])

    def _csv(self):
        rows = []
        for nid, s in self.series.items():
            rows.extend([nid, int(x), float(y)] for x, y in zip(*s.data()))
        return ["layer", "step", "gradient_norm"], rows
