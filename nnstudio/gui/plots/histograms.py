"""A grid of small histograms, one per layer, each with an optional warning badge.

Used for every layer's weights and for activations (badges: dead ReLUs, saturated sigmoids/tanh).
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QTimer

from . import export
from .base import Exportable, current_scale, sticky_range, style_plot

BADGE_COLORS = {"ok": (0, 120, 80), "warn": (190, 110, 0), "bad": (200, 30, 30)}


class HistogramGrid(Exportable, pg.GraphicsLayoutWidget):
    """Its plots are made a few per event-loop turn, and only once something is drawn into the grid or it is
    shown: plots are slow to make, and making a deep network's all at once (as a session started, or as its
    tab came to the front) stalled the window over a second (found by the monkey test)."""

    PLOTS_PER_TURN = 2
    # a row's least height: a two-line title with its badge, the bars and the x axis. A deep network's rows
    # squeezed into a short dock left a few pixels of bars; the window puts the grid in a scroll area instead
    ROW_HEIGHT = 110
    SCROLLS = True

    def __init__(self, name: str, x_label: str, color=(8, 119, 189), columns: int = 2, parent=None):
        super().__init__(parent=parent, show=False)
        self.setBackground("w")
        self.name = name
        self.x_label = x_label
        self.color = color
        self.columns = columns
        self.updates = 0
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.labels: dict[str, str] = {}
        self.data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.badge_text: dict[str, str] = {}
        self._badge_level: dict[str, str] = {}
        self.setMinimumSize(160, 120)
        self.export_item = self.ci
        self._layers: list[tuple[str, str]] = []
        self._ids: set[str] = set()
        self._pending: list[tuple[str, str]] = []    # layers whose plots are still to be made
        self._more = QTimer(self)
        self._more.setObjectName("histogram_plots")
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._make_some)

    def set_layers(self, layers: list[tuple[str, str]]) -> None:
        """(node_id, label) in network order; rebuilds the grid only when the layers differ."""
        if list(layers) == self._layers:
            return
        self._more.stop()
        self._layers = list(layers)
        self.rescaled()
        self._ids = {nid for nid, _ in layers}
        self._pending = list(layers)
        self.clear()
        for table in (self.plots, self.curves, self.labels, self.data, self.badge_text, self._badge_level):
            table.clear()

    def rows(self) -> int:
        return -(-len(self._layers) // self.columns)

    def rescaled(self) -> None:
        self.setMinimumHeight(max(120, self.rows() * round(self.ROW_HEIGHT * current_scale())))

    def _start(self) -> None:
        """Make the first plots now and the rest in the next turns of the event loop."""
        if self._pending and not self._more.isActive():
            self._make_some()

    def _make_some(self) -> None:
        for _ in range(min(self.PLOTS_PER_TURN, len(self._pending))):
            nid, label = self._pending.pop(0)
            i = len(self.plots)
            plot = self.addPlot(row=i // self.columns, col=i % self.columns)
            style_plot(plot)
            plot.showGrid(x=False, y=False)
            plot.hideAxis("left")
            plot.setMouseEnabled(x=False, y=False)
            curve = plot.plot([], [], stepMode="center", fillLevel=0, pen=pg.mkPen(self.color, width=1),
                              brush=pg.mkBrush(*self.color, 110))
            self.plots[nid], self.curves[nid], self.labels[nid] = plot, curve, label
            export.install(self, plot, self.name, self.csv_table)
            if nid in self.data:
                self._draw(nid)
            self._title(nid)
        if self._pending and self.isVisible():
            self._more.start()

    def showEvent(self, event) -> None:
        self._start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._more.stop()          # a closed dock or window: the rest waits until it is shown again
        super().hideEvent(event)

    def reset(self) -> None:
        """No network to show (Reset weights): every histogram goes."""
        self.set_layers([])

    def set_histogram(self, nid: str, counts: np.ndarray, edges: np.ndarray) -> None:
        if nid not in self._ids:
            return
        self.data[nid] = (counts, edges)
        if nid in self.curves:
            self._draw(nid)
        else:
            self._start()

    def _draw(self, nid: str) -> None:
        counts, edges = self.data[nid]
        self.curves[nid].setData(edges, counts)
        plot = self.plots[nid]
        sticky_range(plot, "x", float(edges[0]), float(edges[-1]))
        sticky_range(plot, "y", 0.0, float(max(counts.max(), 1.0)), 0.5)

    def set_badge(self, nid: str, text: str, level: str = "warn") -> None:
        """A warning shown in the layer's title, in colour, so it never hides the bars."""
        if nid not in self._ids or self.badge_text.get(nid, "") == text:
            return
        self.badge_text[nid], self._badge_level[nid] = text, level
        if nid in self.plots:
            self._title(nid)
        else:
            self._start()

    def _title(self, nid: str) -> None:
        label, text = self.labels[nid], self.badge_text.get(nid, "")
        # the layer's name alone where "hidden 1 (sigmoid)" does not fit a narrow column ("hidden 1 (…")
        name = re.sub(r" \([^()]*\)$", "", label)
        shorter = [name] if name != label else []
        if text:
            r, g, b = BADGE_COLORS[self._badge_level[nid]]
            # on a line of its own: beside the layer name it made the plot too wide for a docked column
            badge = f'<br><span style="color: #{r:02x}{g:02x}{b:02x}; font-weight: 600;">{text}</span>'
            label, shorter = label + badge, [name + badge] if shorter else []
        self.plots[nid].setTitle(label, shorter=shorter, color="#282828", size="9pt")

    def finish_update(self) -> None:
        self.updates += 1

    def csv_table(self):
        rows = []
        for nid, (counts, edges) in self.data.items():
            rows.extend([nid, float(edges[i]), float(edges[i + 1]), float(c)] for i, c in enumerate(counts))
        return ["layer", "bin_from", "bin_to", "count"], rows


class WeightHistograms(HistogramGrid):
    def __init__(self, parent=None):
        super().__init__("weight-histograms", "weight", color=(8, 119, 189), parent=parent)

    def on_snapshot(self, snap: dict) -> None:
        for nid, (counts, edges) in (snap.weight_hist or {}).items():
            self.set_histogram(nid, counts, edges)
        self.finish_update()


class ActivationHistograms(HistogramGrid):
    """Histogram of each layer's outputs on a probe batch; a badge names dead or saturated units."""

    def __init__(self, parent=None):
        super().__init__("activation-histograms", "activation", color=(0, 158, 115), parent=parent)

    def on_snapshot(self, snap: dict) -> None:
        for nid, entry in (snap.activations or {}).items():
            self.set_histogram(nid, entry["counts"], entry["edges"])
            self.set_badge(nid, *badge_for(entry))
        self.finish_update()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Histograms", text)


def badge_for(entry: dict) -> tuple[str, str]:
    """The warning a learner should see for one layer's activations, in words, and its severity."""
    dead, sat = entry.get("dead"), entry.get("saturated")
    if dead is not None and dead > 0:
        return _tr("⚠ {0} dead ReLUs").format(f"{dead:.0%}"), "bad" if dead >= 0.5 else "warn"
    if sat is not None and sat >= 0.3:
        return _tr("⚠ {0} saturated").format(f"{sat:.0%}"), "bad" if sat >= 0.7 else "warn"
    return "", "ok"
