"""Loss and metric curves over epochs, with a crosshair read-out and an optional log scale.

Both read the worker's progress dicts: the faint per-batch loss (mean over each update interval, plotted at
its fractional epoch) and one point per finished epoch for train and validation values.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Qt
from PySide6.QtGui import QAction

from .base import (DOWNSAMPLE_FACTOR, OutsideLegend, PlotView, Series, room_for_the_last_x_tick, sticky_range,
                   title_size)
from .colors import TRAIN_PEN, VAL_PEN
from .ticks import WholeAxis

MAX_REDRAW_HZ = 10.0      # a curve that moves ten times a second looks fluid; each redraw costs the GIL
SHARE_PADDING = 0.02      # of the range, beyond 1.0 and the bottom tenth of a share's axis

METRIC_LABELS = {"loss": QT_TRANSLATE_NOOP("CurvePlot", "loss"), "accuracy": QT_TRANSLATE_NOOP("CurvePlot", "accuracy"),
                 "mae": QT_TRANSLATE_NOOP("CurvePlot", "mean absolute error"), "rmse": "RMSE", "r2": "R²",
                 "mistakes": QT_TRANSLATE_NOOP("CurvePlot", "mistakes")}



def _tr(text: str) -> str:
    return QCoreApplication.translate("CurvePlot", text)


RUNNING_SHARE, RUNNING_MIN_BATCHES = 0.1, 5


def first_running_batch(batches_per_epoch: int) -> int | None:
    """The first batch of an epoch from which its running accuracy is drawn: once it averages a tenth of the
    epoch and 5 batches (over the first few batches alone it jumps about, a saw-tooth at every epoch's start);
    None when the epoch is too short for half of it to be drawn (its points come quickly anyway)."""
    first = max(RUNNING_MIN_BATCHES, math.ceil(RUNNING_SHARE * batches_per_epoch))
    return first if batches_per_epoch >= 2 * first else None


class CurvePlot(PlotView):
    """Named series with preallocated buffers; ``redraw`` pushes only the series that grew."""

    def __init__(self, name: str, title: str, y_label: str, parent=None, log_default: bool = False):
        super().__init__(name, title, _tr("epoch"), y_label, parent, csv_source=lambda: self._csv(),
                         axis_items={"bottom": WholeAxis("bottom")})
        self.series: dict[str, Series] = {}
        self.items: dict[str, pg.PlotDataItem] = {}
        self.right_keys: set[str] = set()     # series drawn against the right axis (their own view)
        self.right: pg.ViewBox | None = None
        self.y_limits: tuple[float, float] | None = None   # the left axis never goes beyond these
        self._dirty: set[str] = set()
        self._dotted: set[str] = set()        # one-point series drawn as a dot for now
        self._last_redraw = 0.0
        self._redraw_pending = False
        self.legend = OutsideLegend(self.plot_item)     # under the axis: no curve ever runs behind it
        self.plot_item.setClipToView(True)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        room_for_the_last_x_tick(self.plot_item)
        self.log_action = QAction(_tr("Log scale"), self, checkable=True)
        self.log_action.toggled.connect(self.set_log)
        self.plot_item.getViewBox().menu.addAction(self.log_action)
        self.log_action.setChecked(log_default)
        self._crosshair()
        self.marker: pg.InfiniteLine | None = None
        self._expected: set[str] | None = None     # the series a session will draw (None: any)
        self._lines_only: set[str] = set()
        self._legend_keys: list[str] | None = None  # the series the legend names now
        self.share_axis = False     # the left axis shows a share of perfect (1): from a tenth below the data to 1
        self.share_floor = 0.0      # ...but not below this (accuracy 0; R² −1)
        self._share_shown: tuple[float, float] | None = None    # the share range set last
        self.plot_item.autoBtn.clicked.connect(self._auto_button)   # after pyqtgraph's own handler

    def expect(self, keys) -> None:
        """The series the coming session will draw: the legend names only these and those with points (a run
        without validation data listed "validation" beside curves that never came). None: every series."""
        self._expected = None if keys is None else set(keys)
        self._sync_legend()

    def expect_session(self, validation: bool, batches_per_epoch: int) -> None:
        """``expect`` from what a session has: validation data, and how many batches an epoch."""
        raise NotImplementedError

    def _sync_legend(self) -> None:
        keys = [k for k in self.items if (self._expected is None and k not in self._lines_only)
                or k in (self._expected or ()) or self._drawn(k)]
        if keys == self._legend_keys:
            return
        self._legend_keys = keys
        self.legend.clear()
        for key in keys:
            self.legend.addItem(self.items[key], self.items[key].name())

    def _drawn(self, key: str) -> bool:
        """Whether the series shows on the plot: any point, or for a line-only series two neighbouring ones
        (a lone value between gaps draws nothing)."""
        if key not in self._lines_only:
            return self.series[key].n > 0
        y = np.isfinite(self.series[key].data()[1])
        return bool(np.any(y[1:] & y[:-1]))

    def add_series(self, key: str, label: str, color, width: float = 2.0, style=Qt.PenStyle.SolidLine,
                   alpha: int = 255, symbol: str | None = None, right: bool = False,
                   lines_only: bool = False) -> None:
        """``right``: against the right axis (a quantity in other units than the left one's). ``lines_only``:
        named in the legend only once a piece of line is drawn (never a dot)."""
        pen = pg.mkPen(color=(*color, alpha), width=width, style=style)
        opts = dict(pen=pen, symbol=symbol, symbolSize=5, symbolBrush=pg.mkBrush(*color), symbolPen=None)
        if right:
            item = pg.PlotDataItem([], [], **opts)
            self._right_view().addItem(item)
            self.legend.addItem(item, label)
            self.right_keys.add(key)
        else:
            item = self.plot_item.plot([], [], name=label, **opts)
        item.opts["autoDownsampleFactor"] = DOWNSAMPLE_FACTOR
        item.opts["name"] = label            # the legend is rebuilt from it (``_sync_legend``)
        if lines_only:
            self._lines_only.add(key)
        self.series[key] = Series()
        self.items[key] = item
        self._legend_keys = None
        self._sync_legend()    # ``plot`` listed it already: a line-only series is named once drawn

    def _right_view(self) -> pg.ViewBox:
        """A second view sharing the x axis, with its own y scale on the right axis."""
        if self.right is None:
            self.right = vb = pg.ViewBox()
            self.plot_item.scene().addItem(vb)
            self.plot_item.getAxis("right").linkToView(vb)
            vb.setXLink(self.plot_item)
            main = self.plot_item.getViewBox()
            main.sigResized.connect(lambda _v: vb.setGeometry(main.sceneBoundingRect()))
            vb.setGeometry(main.sceneBoundingRect())
        return self.right

    def remove_series(self) -> None:
        for key, item in self.items.items():
            (self.right if key in self.right_keys else self.plot_item).removeItem(item)
        self.series.clear()
        self.items.clear()
        self.right_keys.clear()
        self._dotted.clear()
        self._dirty.clear()   # points of the removed series that were waiting for a redraw go with them
        self.legend.clear()
        self._legend_keys = []

    def append(self, key: str, xs, ys) -> None:
        self.series[key].extend(xs, ys)
        self._dirty.add(key)

    def replace(self, key: str, xs, ys) -> None:
        self.series[key].clear()
        self.append(key, xs, ys)

    def reset(self) -> None:
        """Empty every series (not PlotWidget.clear, which would remove the curves themselves)."""
        for key, s in self.series.items():
            s.clear()
            self.items[key].setData([], [])
            self._dot_alone(key, 0)
        self._dirty.clear()
        self._share_shown = None     # the next data set their range again
        for view in (self.plot_item.getViewBox(), self.right):   # empty: not the last project's ranges
            if view is not None:
                view.setYRange(0.0, 1.0, padding=0.0)

    def redraw(self, force: bool = False) -> None:
        """Push the grown series to the screen, at most MAX_REDRAW_HZ times a second (a later call within
        the interval schedules one deferred redraw, so the last points always appear)."""
        if not self._dirty:
            return
        wait = self._last_redraw + 1.0 / MAX_REDRAW_HZ - time.perf_counter()
        if wait > 0 and not force:
            if not self._redraw_pending:
                self._redraw_pending = True
                QTimer.singleShot(int(wait * 1000) + 1, self, self._deferred_redraw)   # not after self is gone
            return
        self._last_redraw = time.perf_counter()
        log = self.log_action.isChecked()
        for key in self._dirty:
            x, y = self.series[key].data()
            if log:
                keep = ~(y <= 0)      # log of zero or a negative value has no place (NaN, a gap: kept)
                x, y = x[keep], y[keep]
            self.items[key].setData(x, y)
            self._dot_alone(key, len(x))
        self._dirty.clear()
        self._fit_y(log)
        self._sync_legend()
        self.updates += 1

    def _dot_alone(self, key: str, n: int) -> None:
        """A series of one point (the first epoch of a slow network, which may take minutes) is a dot: a line
        needs two points, and the plot would look empty."""
        item = self.items[key]
        if n == 1 and item.opts["symbol"] is None:
            item.setSymbol("o")
            self._dotted.add(key)
        elif n != 1 and key in self._dotted:
            item.setSymbol(None)
            self._dotted.discard(key)

    def on_progress(self, info) -> None:
        """A session's Progress, drawn at once (throttled); LiveViews stores with add_progress and draws
        in its frames instead."""
        self.add_progress(info)
        self.redraw()

    def add_progress(self, info) -> None:
        """Store a Progress's points; they appear at the next redraw."""
        raise NotImplementedError

    def _csv(self):
        """The buffers, not the drawn items: they hold every point even between two redraws."""
        rows = []
        for key, s in self.series.items():
            name = self.items[key].name()
            rows.extend([name, float(x), float(y)] for x, y in zip(*s.data()) if not math.isnan(y))
        return ["series", "x", "y"], rows

    def _deferred_redraw(self) -> None:
        self._redraw_pending = False
        self.redraw()

    def _fit_y(self, log: bool) -> None:
        for view, right in ((self.plot_item, False), (self.right, True)):
            ys = [s.data()[1] for k, s in self.series.items() if s.n and (k in self.right_keys) == right]
            if not ys:
                continue
            y = np.concatenate(ys)
            y = y[np.isfinite(y) & (y > 0)] if log else y[np.isfinite(y)]
            if y.size and self.share_axis and not log and not right:
                self._share_range(float(y.min()))
            elif y.size:
                lo, hi = float(y.min()), float(y.max())
                if log:
                    lo, hi = np.log10(lo), np.log10(hi)
                sticky_range(view, "y", lo, hi, limits=None if log or right else self.y_limits)

    def _share_range(self, lowest: float) -> None:
        """A share (accuracy) from the lowest value's tenth to 1: how far from perfect the curves are shows,
        and a wobble of 3 % around chance stays small (autoscaled to 0.43 .. 0.55 it looked like wild swings).
        Set only when that range changes, so the user's own zoom or pan lasts until the data leave it."""
        target = (min(max(self.share_floor, math.floor(lowest * 10 + 1e-9) / 10), 0.9), 1.0)
        if target != self._share_shown:
            self._share_shown = target
            self._show_share_range()

    def _show_share_range(self) -> None:
        if self._share_shown is None:
            return
        self.plot_item.enableAutoRange(y=False)
        # a little beyond both ends, so a line or dot on 1.0 (or on the bottom tenth) is drawn whole
        self.plot_item.setYRange(*self._share_shown, padding=SHARE_PADDING)

    def _auto_button(self, *_args) -> None:
        """pyqtgraph's "A" (view all) button: for a share, back to its range, not fitted to the data."""
        if self.share_axis and not self.log_action.isChecked() and self._share_shown is not None:
            self._show_share_range()

    def set_x_span(self, lo: float, hi: float) -> None:
        """Fix the x axis to the whole run: the axis then never re-lays out while points arrive."""
        self.plot_item.enableAutoRange(x=False)
        self.plot_item.setXRange(lo, max(hi, lo + 1), padding=0.02)

    def set_log(self, on: bool) -> None:
        self._share_shown = None      # a log axis has its own range; back from it, the share range again
        self.plot_item.setLogMode(y=on)
        for key in self.right_keys:
            self.items[key].setLogMode(False, on)
        self.plot_item.getAxis("right").setLogMode(False, on)
        self._dirty.update(k for k, s in self.series.items() if s.n)
        self.redraw(force=True)

    def set_marker(self, epoch: float | None) -> None:
        """A vertical line at ``epoch`` (the timeline's epoch shown); None removes it."""
        if self.marker is None:
            self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((200, 30, 30), width=2))
            self.plot_item.addItem(self.marker, ignoreBounds=True)
        self.marker.setVisible(epoch is not None)
        if epoch is not None:
            self.marker.setPos(float(epoch))

    # -- crosshair ---------------------------------------------------------------------------------
    def _crosshair(self) -> None:
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((120, 120, 120), style=Qt.PenStyle.DashLine))
        self.readout = pg.TextItem("", color=(30, 30, 30), anchor=(0, 1), fill=pg.mkBrush(255, 255, 255, 220))
        self.vline.setVisible(False)
        self.readout.setVisible(False)
        self.plot_item.addItem(self.vline, ignoreBounds=True)
        self.plot_item.addItem(self.readout, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def readout_at(self, x: float) -> str:
        """The values of every series nearest to epoch ``x`` (what the crosshair shows)."""
        lines = [_tr("epoch {0}").format(f"{x:.2f}")]
        for key, s in self.series.items():
            xs, ys = s.data()
            valued = ~np.isnan(ys)        # not the gaps between pieces of a line
            xs, ys = xs[valued], ys[valued]
            if not len(xs):
                continue
            i = int(np.clip(np.searchsorted(xs, x), 0, len(xs) - 1))
            if i > 0 and abs(xs[i - 1] - x) < abs(xs[i] - x):
                i -= 1
            lines.append(f"{self.items[key].name()}: {ys[i]:.4g}")
        return "\n".join(lines)

    def _mouse_moved(self, pos) -> None:
        vb = self.plot_item.getViewBox()
        if not self.plot_item.sceneBoundingRect().contains(pos):
            self.vline.setVisible(False)
            self.readout.setVisible(False)
            return
        p = vb.mapSceneToView(pos)
        self.vline.setPos(p.x())
        self.readout.setText(self.readout_at(p.x()))
        self.readout.setPos(p.x(), p.y())
        self.vline.setVisible(True)
        self.readout.setVisible(True)


class LossPlot(CurvePlot):
    """Train loss per batch (faint) and per epoch, validation loss per epoch."""

    def __init__(self, parent=None):
        super().__init__("loss", _tr("Loss"), _tr("loss"), parent)
        self.add_series("batch", _tr("train (batches)"), TRAIN_PEN, width=1, alpha=70)
        self.add_series("loss", _tr("train"), TRAIN_PEN, width=2.5)
        self.add_series("val_loss", _tr("validation"), VAL_PEN, width=2.5)

    def expect_session(self, validation: bool, batches_per_epoch: int) -> None:
        self.expect({"loss"} | ({"batch"} if batches_per_epoch > 1 else set()) | ({"val_loss"} if validation
                                                                                    else set()))

    def add_progress(self, info) -> None:
        xs, ys = info.batch_points
        if xs and info.batches_per_epoch > 1:      # one batch per epoch: the epoch curve says it all
            self.append("batch", xs, ys)
        for epoch, logs in info.epochs:
            for key in ("loss", "val_loss"):
                if key in logs:
                    self.append(key, [epoch], [logs[key]])

    def set_history(self, history: dict | None) -> None:
        """Show a saved history (reopened project) before any training in this window."""
        self.reset()
        for key in ("loss", "val_loss"):
            values = (history or {}).get(key) or []
            if values:
                self.replace(key, np.arange(1, len(values) + 1), values)
        self.redraw(force=True)


class MetricPlot(CurvePlot):
    """The task's metric: accuracy for classification, R² and the mean absolute error for regression (train and
    validation). RMSE, recorded too, stays out: six lines in two colours on two axes could not be told apart on
    a projector (the history, the CSV export and the goal line have it)."""

    def __init__(self, parent=None):
        super().__init__("metric", _tr("Accuracy"), _tr("accuracy"), parent)
        self.metrics: tuple[str, ...] = ()
        self.set_task("binary")

    def set_task(self, task: str) -> None:
        metrics = ("accuracy",) if task in ("binary", "multiclass") else ("mae", "r2")
        if metrics == self.metrics:
            return
        self.metrics = metrics
        self.remove_series()
        self._expected = None       # another task's series: the next session says which it draws
        # regression: R² (unitless, 1 is perfect) on the left, the errors in the target's units on the right
        styles = {"accuracy": Qt.PenStyle.SolidLine, "r2": Qt.PenStyle.SolidLine, "mae": Qt.PenStyle.DashLine}
        for metric in metrics[::-1]:
            label = _tr(METRIC_LABELS[metric])
            right = metric == "mae"
            self.add_series(metric, _tr("train {0}").format(label), TRAIN_PEN, style=styles[metric], right=right)
            self.add_series("val_" + metric, _tr("validation {0}").format(label), VAL_PEN, style=styles[metric],
                            right=right)
        regression = metrics != ("accuracy",)
        # a little beyond 0 and 1, so a dot at 0 or 1 is drawn whole (R² can be any negative number)
        self.y_limits = None if regression else (-0.03, 1.03)
        # both are shares of perfect (1): accuracy from 0, R² from −1 (below, the model is far worse than
        # predicting the mean, and an early R² of −8 squashed the rest of the curve into a line)
        self.share_axis = True
        self.share_floor = -1.0 if regression else 0.0
        self._share_shown = None
        if not regression:
            # Keras' running accuracy: a first epoch of minutes (MNIST) no longer leaves the plot empty
            # named once a piece of it shows: fast epochs get one value each at most, drawn as nothing
            self.add_series("running_accuracy", _tr("train (epoch so far)"), TRAIN_PEN, width=1.5, alpha=120,
                            lines_only=True)
        title = _tr("R² and mean absolute error") if regression else _tr("Accuracy")
        shorter = [_tr("R² and error")] if regression else []
        self.plot_item.setTitle(title, shorter=shorter, color="#282828", size=title_size())
        self.plot_item.setLabel("left", "R²" if regression else _tr("accuracy"), color="#282828")
        if regression:
            self.plot_item.setLabel("right", _tr("mean absolute error"), color="#282828")
        self.plot_item.showAxis("right", regression)
        room_for_the_last_x_tick(self.plot_item)

    def expect_session(self, validation: bool, batches_per_epoch: int) -> None:
        # the running line is named when a piece of it is drawn (``_drawn``), however long the epochs
        self.expect(set(self.metrics) | ({"val_" + m for m in self.metrics} if validation else set()))

    def add_progress(self, info) -> None:
        xs, running = info.running_points
        first = first_running_batch(info.batches_per_epoch)
        if xs and first is not None and "running_accuracy" in self.series and "accuracy" in running:
            bpe = info.batches_per_epoch
            kept = [(x, y) for x, y in zip(xs, running["accuracy"]) if round((x - math.ceil(x) + 1) * bpe) >= first]
            if kept:
                self._append_running(*zip(*kept))
        for epoch, logs in info.epochs:
            for key in self.series:
                if key in logs:
                    self.append(key, [epoch], [logs[key]])
        finished = max((epoch for epoch, _logs in info.epochs), default=None)
        if finished is not None or info.final:
            self._end_running(math.inf if info.final else finished)

    def _running_epoch(self) -> int | None:
        """The epoch the running line draws now (None: it draws nothing)."""
        series = self.series.get("running_accuracy")
        return math.ceil(series.x[series.n - 1]) if series is not None and series.n else None

    def _append_running(self, xs, ys) -> None:
        """The running line is the unfinished epoch's alone: a new epoch's values replace the last epoch's
        (once an epoch ends, its real point says the same; kept, the pieces looked like stray glitches
        beside the epoch curve)."""
        newest = math.ceil(xs[-1])
        picked = [(x, y) for x, y in zip(xs, ys) if math.ceil(x) == newest]
        if newest != self._running_epoch():
            self.series["running_accuracy"].clear()
        self.append("running_accuracy", *zip(*picked))

    def _end_running(self, finished: float) -> None:
        """Epoch ``finished`` has its point (inf: the session is over): its running line goes."""
        epoch = self._running_epoch()
        if epoch is not None and epoch <= finished:
            self.series["running_accuracy"].clear()
            self._dirty.add("running_accuracy")

    def set_history(self, history: dict | None) -> None:
        self.reset()
        for key in self.series:
            values = (history or {}).get(key) or []
            if values:
                self.replace(key, np.arange(1, len(values) + 1), values)
        self.redraw(force=True)
