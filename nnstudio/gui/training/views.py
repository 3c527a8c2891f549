"""The live views as one set of docks, fed by the controller's signals.

Routing lives here so each plot stays ignorant of the others. Views whose dock is hidden skip their redraw
and catch up from the latest snapshot when shown again: the GUI thread only draws what someone can see.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget
from shiboken6 import isValid

from nnstudio.gui import data_names
from nnstudio.gui.built_on_use import BuiltOnFirstUse
from nnstudio.gui.plots.base import match_scale
from nnstudio.gui.plots.curves import LossPlot, MetricPlot
from nnstudio.gui.plots.digits import MistakesGallery
from nnstudio.gui.plots.gradients import GradientNormsPlot
from nnstudio.gui.plots.histograms import ActivationHistograms, WeightHistograms
from nnstudio.gui.plots.prediction import PredictionView
from nnstudio.gui.plots.sequences import ForecastPlot, HiddenStateView, ThroughTimePlot
from nnstudio.gui.plots.weights import FilterGrid, WeightsHeatmap

from nnstudio.engine import layers

from .image_layers import image_shape, pixel_layers, unscaler
from .snapshots import SnapshotPlan
from .worker import TrainingJob

SLOW_VIEW_S = 0.9
FIRST_SPAN = 10           # epochs the curves' x axis spans at first; it grows with progress...
SPAN_GROWTH = 1.5         # ...by this factor, so the axis is laid out again only now and then
LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def layer_label(node: dict) -> str:
    name = node.get("name") or node["id"]
    return f"{name} ({node.get('type', '')})"


# attribute -> (view class, dock object name), in the order the snapshot reaches them. The heads of the three
# tab groups under the canvas are on screen from the start and built with the window; each other view is built
# when its dock first shows, when a session begins, or in the idle moments after the window first appears
# (one per turn of the event loop), so opening a window does not wait for views nobody sees yet
_VIEWS = {"loss": (LossPlot, "LossDock"), "metric": (MetricPlot, "MetricDock"),
          "prediction": (PredictionView, "PredictionDock"), "weights": (WeightsHeatmap, "WeightsDock"),
          "weight_hist": (WeightHistograms, "WeightHistDock"), "filters": (FilterGrid, "FiltersDock"),
          "gradients": (GradientNormsPlot, "GradientsDock"), "activations": (ActivationHistograms, "ActivationsDock"),
          "mistakes": (MistakesGallery, "MistakesDock"), "forecast": (ForecastPlot, "ForecastDock"),
          "hidden": (HiddenStateView, "HiddenStateDock"), "through_time": (ThroughTimePlot, "ThroughTimeDock")}
_AT_START = ("loss", "metric", "prediction")
_SNAPSHOT_VIEWS = ("prediction", "weights", "weight_hist", "filters", "gradients", "activations", "mistakes",
                   "forecast", "hidden", "through_time")
_EVERY_SNAPSHOT = ("prediction", "gradients", "forecast", "through_time")   # the others change slowly
PLACEHOLDER_SIZE = (160, 120)     # a plot's minimum size (plots/base.py): the layout is the same once built


class LiveViews(BuiltOnFirstUse, QObject):
    BUILT_ON_USE = frozenset(_VIEWS)
    partsChanged = Signal(object)    # frozenset: the optional snapshot parts a visible view shows

    def __init__(self, parent=None):
        super().__init__(parent)
        self._views: dict = {}           # attribute -> the views built so far
        self._optimizer = "adam"         # the gradient view's, kept for it until it is built
        self.docks: dict[str, QDockWidget] = {}
        for name in _AT_START:
            self._build(name)
        titles = {
            # short titles: they are tabs sharing a row under the canvas
            "loss": self.tr("Loss"), "metric": self.tr("Accuracy"), "prediction": self.tr("Predictions"),
            "weights": self.tr("Weights"), "weight_hist": self.tr("Histograms"), "filters": self.tr("Filters"),
            "gradients": self.tr("Gradients"), "activations": self.tr("Activations"),
            "mistakes": self.tr("Mistakes"), "forecast": self.tr("Forecast"), "hidden": self.tr("Hidden state"),
            "through_time": self.tr("Through time")}
        # (attribute, dock object name, title): the View menu lists them by title
        self.specs = [(name, dock, titles[name]) for name, (_cls, dock) in _VIEWS.items()]
        # docks shown only for networks they apply to (begin decides), {object name: applies}
        self.applies = {"FiltersDock": False, "ForecastDock": False, "HiddenStateDock": False,
                        "ThroughTimeDock": False}
        self._stale: set[int] = set()
        self._queue: list = []
        self._applied_at: dict[int, float] = {}
        self.extra_snapshot_steps: list = []      # more per-snapshot work (the card overlays), staged too
        self.last_snapshot = None        # the newest Snapshot
        self.task = "binary"
        self._x_span = (0.0, 1.0)
        self._x_end: int | None = None        # the session's last epoch (None: until stopped)
        self._steps_per_epoch = 1
        self._first_step = 0
        self._step_origin = 0                 # the step at epoch 0, as far as the current session says

    # -- views built when first needed -------------------------------------------------------------------
    def _build(self, name: str):
        view = self._views.get(name)
        if view is not None:
            return view
        view = self._views[name] = _VIEWS[name][0]()
        setattr(self, name, view)       # later lookups find it without __getattr__
        match_scale(view)
        if name == "hidden":
            view.sampleChanged.connect(lambda index: self.through_time.set_sample(index))
        elif name == "through_time" and "hidden" in self._views:
            view.set_sample(self._views["hidden"].index)
        elif name == "gradients":
            view.set_optimizer(self._optimizer)
        dock = self.docks.get(_VIEWS[name][1])
        if dock is not None and isValid(dock):      # (a closed window's docks may be deleted already)
            placeholder = dock.widget()
            dock.setWidget(_scrolling(view) if getattr(view, "SCROLLS", False) else view)
            if placeholder is not None:
                placeholder.deleteLater()
        return view

    def set_optimizer(self, name) -> None:
        """The optimizer the gradient view explains itself by (the perceptron rule uses no gradient)."""
        self._optimizer = name
        view = self._views.get("gradients")
        if view is not None:
            view.set_optimizer(name)

    def built(self, name: str):
        """The view ``name`` if it has been built, else None (asking does not build it)."""
        return self._views.get(name)

    def build_all(self) -> None:
        for name in _VIEWS:
            self._build(name)

    def _build_next(self, window) -> None:
        """Build one view not built yet, and come back for the next in the following turn of the event loop
        (while the window is open: a closed one builds what it is asked for, when asked)."""
        name = next((n for n in _VIEWS if n not in self._views), None)
        if name is not None and isValid(window) and window.isVisible():
            self._build(name)
            QTimer.singleShot(0, self, lambda: self._build_next(window))

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show:          # the window is on screen: build the rest when idle
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, lambda: self._build_next(obj))
        return False

    @property
    def snapshot_views(self) -> list:
        """The views a snapshot is drawn in, as far as they are built (one not built yet shows nothing)."""
        return [self._views[n] for n in _SNAPSHOT_VIEWS if n in self._views]

    def make_docks(self, parent=None) -> list[tuple[QDockWidget, Qt.DockWidgetArea]]:
        out = []
        for name, dock_name, title in self.specs:
            dock = QDockWidget(title, parent)
            dock.setObjectName(dock_name)
            widget = self._views.get(name)
            if widget is None:
                widget = QWidget()
                widget.setMinimumSize(*PLACEHOLDER_SIZE)
            dock.setWidget(widget)
            # the tab's new stacking is in place only once the dock area has laid out: look a moment later
            # (not at all once the dock is gone: a closed window's docks may be deleted before the moment comes)
            dock.visibilityChanged.connect(
                lambda _visible, n=name, d=dock: QTimer.singleShot(0, d, lambda: self._after_visibility_change(n)))
            self.docks[dock_name] = dock
            out.append((dock, BOTTOM))
        if parent is not None:
            parent.installEventFilter(self)
        return out

    @property
    def updates(self) -> int:
        return sum(int(getattr(w, "updates", 0)) for w in self._views.values())

    # -- sessions ------------------------------------------------------------------------------------
    def begin(self, job: TrainingJob, class_names=None, feature_names=None, fresh: bool = False) -> None:
        """A session starts: set up layers, task and the data points under the predictions."""
        self.build_all()
        class_names, feature_names = data_names.shown(class_names), data_names.shown(feature_names)
        nodes = {n["id"]: n for n in job.spec.get("nodes", [])}
        weighted = [(nid, layer_label(nodes[nid])) for nid in nodes
                    if nodes[nid].get("type") not in ("Input",) and nid in job.network.get_weights()
                    and job.network.get_weights()[nid]]
        kernels = [(nid, label) for nid, label in weighted if "kernel" in job.network.get_weights()[nid]]
        convs = [(nid, label) for nid, label in kernels if layers.get(nodes[nid]["type"]).IMAGE_FILTERS]
        # an MLP on images: its first layer's units drawn as images, in the Filters view
        self.filters.unit_shapes = pixel_layers(job.spec, feature_names)
        convs += [(nid, label) for nid, label in kernels if nid in self.filters.unit_shapes]
        self.weights.set_layers(kernels)
        self.filters.set_layers(convs)
        self.weight_hist.set_layers(weighted)
        self.gradients.set_layers(weighted)
        self.set_optimizer(job.optimizer)
        acts = [(nid, layer_label(n)) for nid, n in nodes.items() if n.get("type") != "Input"]
        self.activations.set_layers(acts)
        self.task = job.task
        self._set_task(job.task)
        if fresh:
            self.loss.reset()
            self.metric.reset()
        self._x_end = job.epoch_end
        self._steps_per_epoch = -(-len(job.X) // max(int(job.batch_size or len(job.X) or 1), 1))
        validation = job.X_val is not None and len(job.X_val) > 0
        self.loss.expect_session(validation, self._steps_per_epoch)
        self.metric.expect_session(validation, self._steps_per_epoch)
        self._first_step = 0 if fresh else job.initial_step
        self._step_origin = job.initial_step - job.initial_epoch * self._steps_per_epoch
        self._set_x_span(job.initial_epoch + FIRST_SPAN)
        plan_kind = _plan_kind(job)
        prepared = job.prepared
        self.mistakes.set_data(image_shape(job.X.shape[1:], feature_names), class_names,
                               unscaler(prepared.preprocessor.fitted) if prepared is not None else None)
        self.prediction.set_data(job.X, job.y, job.X_val, job.y_val, job.task, class_names, feature_names,
                                 kind=plan_kind, unscale_y=(prepared.preprocessor.inverse_transform_y
                                                            if prepared is not None and job.task == "regression"
                                                            else None),
                                 unscale_x=unscaler(prepared.preprocessor.fitted) if prepared is not None else None,
                                 target_name=prepared.dataset.target_name if prepared is not None else None)
        if "FiltersDock" in self.docks:
            dock = self.docks["FiltersDock"]
            dock.setWindowTitle(self._filters_title(any(nid in self.filters.unit_shapes for nid, _ in convs)))
            dock.setEnabled(bool(convs))
            dock.setVisible(bool(convs))      # conv filters, or the units of a Dense reading pixels
            if convs:
                dock.raise_()
        self.applies["FiltersDock"] = bool(convs)
        self._begin_sequences(job, nodes)

    def _begin_sequences(self, job: TrainingJob, nodes: dict) -> None:
        """The sequence views for a network with a recurrent layer (its declared STEPS); the forecast when it
        also predicts a chronological series. Newly shown, the forecast (or the hidden state) comes forward."""
        recurrent = any(type(layer).STEPS is not None for layer in job.network.layers.values())
        prepared = job.prepared
        forecast = recurrent and job.task == "regression" and prepared is not None and prepared.dataset.chronological
        self.forecast.set_data(prepared.preprocessor.inverse_transform_y if forecast else None,
                               prepared.dataset.target_name if forecast else None)
        self.hidden.set_names({nid: layer_label(n) for nid, n in nodes.items()})
        wanted = {"ForecastDock": forecast, "HiddenStateDock": recurrent, "ThroughTimeDock": recurrent}
        front = None
        for name, applies in wanted.items():
            dock = self.docks.get(name)
            if dock is None:
                continue
            if applies and not self.applies[name] and front is None and name != "ThroughTimeDock":
                front = dock
            dock.setEnabled(applies)
            dock.setVisible(applies)
            self.applies[name] = applies
        if front is not None:
            front.raise_()

    def show_history(self, history: dict | None, task: str) -> None:
        """A reopened project: its saved curves, before any training in this window."""
        self._set_task(task)
        self.loss.set_history(history)
        self.metric.set_history(history)

    def _filters_title(self, unit_images: bool) -> str:
        """The Filters tab's name for what it shows: a conv network's filters, or an MLP's first-layer units
        drawn as images, for which "filters" (Chinese 卷积核, convolution kernels) was wrong; "weight images"
        is right for both, so a network with both kinds is named so too."""
        return self.tr("Weight images") if unit_images else self.tr("Filters")

    def _set_task(self, task: str) -> None:
        """The metric view and its tab say what they show: accuracy, or MAE and R² for regression."""
        self.metric.set_task(task)
        if "MetricDock" in self.docks:
            self.docks["MetricDock"].setWindowTitle(self.tr("Metrics") if task == "regression" else self.tr("Accuracy"))

    def clear(self) -> None:
        """Nothing of the old weights stays on screen (New/Open, Reset weights)."""
        self.loss.reset()
        self.metric.reset()
        for plot in (self.loss, self.metric):     # the axes of a new project's empty curves: epochs 0..10
            plot.set_x_span(0, FIRST_SPAN)
        for view in self.snapshot_views:
            view.reset()
        self.last_snapshot = None
        self._queue = []
        self._stale.clear()

    def show_trained(self, job: TrainingJob, snap, class_names=None, feature_names=None) -> None:
        """A snapshot of saved weights (preview.py) drawn in every view, the curves left as they are."""
        if "PredictionDock" in self.docks:
            self.docks["PredictionDock"].raise_()
        self.begin(job, class_names=class_names, feature_names=feature_names, fresh=False)
        self._set_x_span(max(job.initial_epoch, FIRST_SPAN))      # the curves end where training did
        self.on_snapshot(snap)
        self.flush()

    # -- updates: stored as they arrive, drawn in the controller's frames ------------------------------
    def _set_x_span(self, hi: float) -> None:
        """The curves span epochs 0..hi (never past the session's end), the gradients the same steps."""
        if self._x_end is not None:
            hi = min(hi, self._x_end)
        self._x_span = (0.0, float(hi))
        self.loss.set_x_span(0, hi)
        self.metric.set_x_span(0, hi)
        self.gradients.set_x_span(self._first_step, max(self._step_origin + hi * self._steps_per_epoch,
                                                        self._first_step + 1))

    def on_progress(self, info) -> None:
        """A session's Progress: its points are stored (drawn in the next frame); the x axis grows with it."""
        if info.position > self._x_span[1]:
            self._set_x_span(max(info.position, self._x_span[1] * SPAN_GROWTH))
        self.loss.add_progress(info)
        self.metric.add_progress(info)
        gradients = self._views.get("gradients")
        if gradients is not None:           # as dense as the loss curve: a short run has only a few snapshots
            for step, norms in info.grad_norms:
                gradients.record_norms(step, norms)

    def on_snapshot(self, snap) -> None:
        """Keep the newest snapshot for the next frame; it replaces an older one's views still waiting."""
        self.last_snapshot = snap
        self._queue = list(self.snapshot_views) + list(self.extra_snapshot_steps)

    def frame(self) -> None:
        """Draw what arrived since the last frame, all at once."""
        for part in self.frame_parts():
            part()

    def frame_parts(self) -> list[Callable[[], object]]:
        """What arrived since the last frame, as parts to draw one at a time (training is held meanwhile, see
        TrainingController.frame_parts), so the window paints each and handles input in between: the loss
        curve, the metric curve; from the newest snapshot the boundary and the gradient history, and at most
        one of the slowly changing views, so a frame stays short and the others follow in the next frames.
        Views that cannot be seen are brought up to date here (nothing to paint)."""
        parts = [partial(self.loss.redraw, force=True), partial(self.metric.redraw, force=True)]
        gradients = self._views.get("gradients")
        if gradients is not None and gradients._dirty:
            if self._visible(gradients):
                parts.append(gradients.draw)        # the norms the reports brought since the last frame
            else:
                self._stale.add(id(gradients))
        queue, self._queue = self._queue, []
        slow_taken = False
        for view in queue:
            slow = self._min_interval(view) > 0.0
            if slow and slow_taken:
                self._queue.append(view)
            elif self._due(view):
                if view in self.extra_snapshot_steps or self._visible(view):
                    parts.append(partial(self._apply, view, False))
                    slow_taken = slow_taken or slow
                else:
                    self._apply(view, force=False)    # marks it stale (the gradient history records)
        return parts

    def _due(self, view) -> bool:
        """The latest snapshot is not drawn on ``view`` yet, and the view was not drawn too recently."""
        return self.last_snapshot is not None and (
            time.perf_counter() - self._applied_at.get(id(view), -1e9) >= self._min_interval(view))

    def _apply(self, view, force: bool) -> bool:
        """Draw one view from the latest snapshot unless it was drawn too recently; True if it drew."""
        snap = self.last_snapshot
        if snap is None or not (force or self._due(view)):
            return False                    # changes slowly: every other snapshot or so is enough
        now = time.perf_counter()
        if view is self._views.get("gradients"):
            view.record(snap)               # gradient norms are a history: never skip a point...
            if not self._visible(view):     # ...but draw them only where they can be seen
                self._stale.add(id(view))
                return False
            view.draw()
        elif view in self.extra_snapshot_steps:    # a function, not a view: the card overlays
            view(snap)
        elif self._visible(view):
            view.on_snapshot(snap)
        else:
            self._stale.add(id(view))
            return False
        self._applied_at[id(view)] = now
        return True

    def _min_interval(self, view) -> float:
        """Seconds between two redraws of a view: the boundary and the gradient history take every
        snapshot; weights, histograms and the card pictures change slowly and are drawn about once a
        second (each redraw holds training back while the window paints)."""
        if any(view is self._views.get(name) for name in _EVERY_SNAPSHOT):
            return 0.0
        return SLOW_VIEW_S

    def show_still(self, snap) -> None:
        """A snapshot not from a session (the timeline's epoch, or live again): every view drawn from it now
        but the gradient history, a record of the steps taken rather than a state; hidden views catch up."""
        self.last_snapshot = snap
        self._queue = []
        for view in self.snapshot_views:
            if view is not self._views.get("gradients"):
                self._apply(view, force=True)

    def flush(self) -> None:
        """Apply the latest snapshot to every view now (end of a session, tests)."""
        if self.last_snapshot is not None:
            for view in list(self.snapshot_views) + list(self.extra_snapshot_steps):
                self._apply(view, force=True)
        self._queue = []
        self.loss.redraw(force=True)
        self.metric.redraw(force=True)

    def _visible(self, widget) -> bool:
        if not widget.isVisible():
            return False                          # a closed dock
        if _dock_of(widget) is None:
            return True                           # not docked (tests, standalone): always draw
        # a tab behind another stays "visible" in Qt's sense, only covered: look for a part of the view
        # (or of a child, such as a plot's viewport) that can be painted
        return not widget.visibleRegion().isEmpty() or any(
            not child.visibleRegion().isEmpty() for child in widget.findChildren(QWidget))

    def wanted_parts(self) -> frozenset:
        """The optional snapshot parts (snapshots.OPTIONAL_PARTS) that a visible view shows."""
        def shown(name):
            view = self._views.get(name)
            return view is not None and self._visible(view)
        parts = set()
        if shown("weight_hist"):
            parts.add("weight_hist")
        if shown("activations"):
            parts.add("activations")
        if shown("hidden") or shown("through_time"):
            parts.add("sequence")
        return frozenset(parts)

    def _after_visibility_change(self, name: str) -> None:
        widget = self._views.get(name)
        if widget is None:
            dock = self.docks.get(_VIEWS[name][1])
            if dock is None or not self._visible(dock.widget()):
                return                    # still out of sight: built later
            widget = self._build(name)    # its tab came to the front: built now
        if name in ("weight_hist", "activations", "hidden", "through_time"):
            self.partsChanged.emit(self.wanted_parts())
        if self._visible(widget):
            self._catch_up(widget)

    def _catch_up(self, widget) -> None:
        if id(widget) in self._stale and self.last_snapshot is not None:
            self._stale.discard(id(widget))
            if widget is self._views.get("gradients"):
                widget.draw()               # its history is recorded already
            else:
                widget.on_snapshot(self.last_snapshot)


def _scrolling(view: QWidget) -> QScrollArea:
    """``view`` filling its dock, scrolled when the dock is shorter than the view's least height."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setMinimumSize(*PLACEHOLDER_SIZE)
    area.setWidget(view)
    return area


def _dock_of(widget: QWidget) -> QDockWidget | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent


def _plan_kind(job: TrainingJob) -> str:
    return SnapshotPlan.build(job.spec, job.task, job.X[:1], job.y[:1]).kind if len(job.X) else "none"
