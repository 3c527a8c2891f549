"""Plug live training into the studio window: docks for data, training and the live views, all wired to
one TrainingController, and the results recorded into ``window.project``.

The main window calls ``attach(window)`` at the end of its __init__. The hooks used are the window's
documented ones (docs/architecture.md, GUI): project, current_spec(), document, undo_stack, projectReplaced,
set_structure_locked(), mark_modified(), add_panel(), canvas.set_card_overlay().
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea

from nnstudio.document import Batch, SetParams
from nnstudio.gui import settings
from nnstudio.gui.data_panel import DataPanel
from nnstudio.project import runner

from . import card_images
from .controller import IDLE, TrainingController
from .panel import TrainingPanel
from .views import LiveViews
from .worker import TrainingJob

LOCK_REASON = "training is running (Stop to edit layers)"


def _engine_view(spec: dict) -> dict:
    """The spec without names and positions (what the engine sees)."""
    return {"nodes": [{k: n.get(k) for k in ("id", "type", "params")} for n in spec.get("nodes", [])],
            "edges": [list(e) for e in spec.get("edges", [])]}


class TrainingSide(QObject):
    """Everything training adds to one window. Kept on ``window.training`` so it lives as long as it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.views = LiveViews(self)
        self.panel = TrainingPanel()
        self.data_panel = DataPanel(spec_provider=self._spec, editor=window.editor)
        # 10 metric updates (what the curves draw) and 3 snapshots a second look fluid and leave the GIL
        # to training most of the time
        self.controller = TrainingController(self._make_job, self, metrics_hz=10.0, snapshot_hz=3.0)
        self.prepared = None
        self._fingerprint = None
        self._recorded_weights = None
        self.overlaid: set[str] = set()
        self.sessions = 0
        self._build_docks()
        self._connect()
        self.reload()
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.controller.shutdown)

    # -- docks ---------------------------------------------------------------------------------------
    def _build_docks(self) -> None:
        w = self.window
        self.data_dock = QDockWidget("Data", w)
        self.data_dock.setObjectName("DataDock")
        self.data_dock.setWidget(_scrolling(self.data_panel))
        self.train_dock = QDockWidget("Training", w)
        self.train_dock.setObjectName("TrainingDock")
        self.train_dock.setWidget(_scrolling(self.panel))
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        w.add_panel(self.data_dock, left)
        w.add_panel(self.train_dock, left)
        for dock, area in self.views.make_docks(w):
            w.add_panel(dock, area)
        self.arrange_docks()

    def arrange_docks(self) -> None:
        """The default layout, made for a projector: the canvas gets the middle and most of the window.

        Left, full height: the layer palette with Data as a tab beside it, Training (with Inspector) below.
        Bottom, under the canvas, three tab groups side by side: the predictions (with History), the loss
        (with weights, filters, gradients and activations) and the accuracy (with the histograms, Summary and
        Problems),
        so the two curves and the decision boundary are visible at once. A saved layout (restored by the window) wins over this one."""
        w = self.window
        docks = getattr(w, "docks", {})
        v = self.views.docks
        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        w.setCorner(Qt.Corner.TopLeftCorner, left)          # the left column runs the full height
        w.setCorner(Qt.Corner.BottomLeftCorner, left)
        palette = docks.get("palette_dock")
        if palette is not None:
            w.tabifyDockWidget(palette, self.data_dock)
            palette.raise_()
        inspector = docks.get("inspector_dock")
        if inspector is not None:                # a tall column suits its forms and function plots
            w.removeDockWidget(inspector)
            w.addDockWidget(left, inspector)
            w.tabifyDockWidget(self.train_dock, inspector)
            inspector.show()
            self.train_dock.raise_()
        groups = [[v["PredictionDock"], docks.get("history_dock")],
                  [v["LossDock"], v["WeightsDock"], v["FiltersDock"], v["GradientsDock"], v["ActivationsDock"]],
                  [v["MetricDock"], v["WeightHistDock"], docks.get("summary_dock"), docks.get("problems_dock")]]
        groups = [[d for d in g if d is not None] for g in groups]
        # re-added from scratch: Qt turns a split of a tabbed dock into one more tab, so the heads are
        # placed and split first and the rest tabbed onto them
        for g in groups:
            for d in g:
                w.removeDockWidget(d)
        heads = [g[0] for g in groups]
        w.addDockWidget(bottom, heads[0])
        for before, head in zip(heads, heads[1:]):
            w.splitDockWidget(before, head, Qt.Orientation.Horizontal)
        for g in groups:
            for d in g:
                d.show()
            for d in g[1:]:
                w.tabifyDockWidget(g[0], d)
        v["FiltersDock"].setVisible(False)                  # shown by a session on a conv network
        for head in heads:
            head.raise_()
        self.left_docks = [d for d in (palette, self.train_dock) if d is not None]
        self.bottom_heads = heads
        if settings.saved_layout() is None:
            # now, so a layout saved before the window shows (the welcome page's) has the sizes, and again
            # once the window has its real geometry
            self.window.layout().activate()
            self._size_docks()
            QTimer.singleShot(0, self._size_docks)

    def _size_docks(self) -> None:
        """Sizes for the window as it is: a left column just wide enough for its forms, a bottom row about
        a third of the height split evenly, and the rest (the largest area) for the canvas."""
        w = self.window
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        left_w = self.train_dock.minimumSizeHint().width()
        if self.left_docks:
            w.resizeDocks([self.left_docks[0]], [left_w], horizontal)
        if len(self.left_docks) == 2:
            top = max(int(w.height() * 0.34), 260)
            w.resizeDocks(self.left_docks, [top, w.height() - top], vertical)
        heads = self.bottom_heads
        w.resizeDocks([heads[0]], [max(int(w.height() * 0.36), 280)], vertical)
        share = max((w.width() - left_w) // len(heads), 200)
        w.resizeDocks(heads, [share] * len(heads), horizontal)
        canvas = getattr(w, "canvas", None)
        if canvas is not None and hasattr(canvas, "fit_all"):
            QTimer.singleShot(0, canvas.fit_all)       # once the new sizes are laid out: the whole network

    def show_all_views(self) -> None:
        """Every live view open (the benchmark's "every view open"): each dock shown in its tab group, conv
        filters only for conv networks, and the boundary, loss and accuracy tabs in front. Views behind
        another tab skip their redraws and catch up from the latest snapshot when their tab is chosen."""
        v = self.views.docks
        filters = v["FiltersDock"]
        has_conv = any(n.get("type", "").startswith("Conv") for n in self._spec().get("nodes", []))
        filters.setEnabled(has_conv)
        for name, dock in v.items():
            if name != "FiltersDock" or has_conv:
                dock.show()
        for name in ("PredictionDock", "LossDock", "MetricDock"):
            v[name].raise_()

    def _connect(self) -> None:
        c, p, w = self.controller, self.panel, self.window
        p.trainClicked.connect(c.train)
        p.pauseClicked.connect(c.toggle_pause)
        p.stepClicked.connect(c.step)
        p.stopClicked.connect(c.stop)
        p.resetClicked.connect(self.reset_weights)
        p.learningRateChanged.connect(c.set_learning_rate)
        p.settingsChanged.connect(self._settings_changed)
        p.settingsChanged.connect(self.data_panel.check_fit)       # a loss that does not suit the data
        p.regularizationChanged.connect(self._set_regularization)
        self.data_panel.dataChanged.connect(self._data_changed)
        self.data_panel.settingsChanged.connect(self._data_settings_changed)
        self.data_panel.fitChanged.connect(w.problems.refresh)
        w.problems.add_source(self.data_panel.problems)
        c.stateChanged.connect(self._state_changed)
        c.progress.connect(self.views.on_progress)
        c.progress.connect(p.on_progress)
        c.snapshot.connect(self._snapshot)
        c.frame.connect(self.views.frame)
        c.paint_roots = self._windows
        c.snapshot_parts = self.views.wanted_parts
        self.views.partsChanged.connect(c.set_snapshot_parts)
        self.views.extra_snapshot_steps.append(self._card_overlays)
        c.diverged.connect(lambda info: p.show_message(info["message"]))
        c.failed.connect(self._failed)
        c.sessionStarted.connect(self._session_started)
        c.sessionFinished.connect(self._session_finished)
        if hasattr(w, "projectReplaced"):
            w.projectReplaced.connect(self.reload)
        doc = getattr(w, "document", None)
        if doc is not None and hasattr(doc, "subscribe"):
            doc.subscribe(self._document_changed)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            # never leave a thread running behind a closed window; keep what was trained so far, so the
            # window's save prompt offers it
            self.controller.finish_now()
        return False

    # -- the project ---------------------------------------------------------------------------------
    @property
    def project(self):
        return self.window.project

    def _spec(self) -> dict:
        return self.window.current_spec()

    def reload(self) -> None:
        """New/Open/Revert: stop any session and show the new project's data, settings and saved curves."""
        self.controller.shutdown()
        self._invalidate()
        self._clear_overlays()
        project = self.project
        self.data_panel.load(project)
        task, act = self._task_and_activation()
        self.panel.load(project, task, act, self._regularization())
        self.panel.show_message("")
        self.views.clear()
        self.views.show_history(project.history, task)
        self.panel.set_state(IDLE)

    def _task_and_activation(self):
        ds = self.data_panel.dataset
        task = ds.task if ds is not None else "binary"
        act = None
        spec = self._spec()
        sources = {e[0] for e in spec.get("edges", [])}
        outs = [n for n in spec.get("nodes", []) if n["id"] not in sources]
        if len(outs) == 1:
            a = (outs[0].get("params") or {}).get("activation")
            act = a.get("name") if isinstance(a, dict) else a
        return task, act

    def _regularization(self) -> tuple[float, float]:
        regs = [(n.get("params") or {}).get("kernel_regularizer") for n in self._spec().get("nodes", [])
                if n.get("type") in ("Dense", "Conv2D")]
        first = next((r for r in regs if r), None) or {}
        return float(first.get("l1", 0.0) or 0.0), float(first.get("l2", 0.0) or 0.0)

    def _invalidate(self) -> None:
        self.prepared = None
        self._fingerprint = None

    def _fingerprint_now(self) -> str:
        p = self.project
        t = dict(p.training)
        opt = t.get("optimizer")
        t["optimizer"] = opt if isinstance(opt, str) else (opt or {}).get("name")
        t.pop("epochs", None)
        return json.dumps([_engine_view(self._spec()), p.data.get("source"), p.data.get("split"),
                           {k: v for k, v in (p.data.get("preprocessing") or {}).items() if k != "fitted"}, t], sort_keys=True, default=str)

    def _make_job(self, epochs: int | None = None) -> TrainingJob:
        """The next session: reuse the network (and its optimizer state) when nothing it depends on changed."""
        project = self.project
        spec = self._spec()
        fp = self._fingerprint_now()
        reuse = (self.prepared is not None and fp == self._fingerprint
                 and project.weights is self._recorded_weights)
        if not reuse:
            self.prepared = runner.prepare(project)
            self._fingerprint = fp
        prepared = self.prepared
        prepared.fit_kwargs.update(optimizer=project.training.get("optimizer", "adam"),
                                   early_stopping=project.training.get("early_stopping"),
                                   initial_epoch=runner.epochs_done(project))
        n = epochs if epochs is not None else getattr(self, "epochs_override", None)
        return TrainingJob.from_prepared(prepared, spec, epochs=n)

    # -- sessions ------------------------------------------------------------------------------------
    def _session_started(self, job: TrainingJob) -> None:
        self.sessions += 1
        self.panel.show_message("")
        ds = job.prepared.dataset if job.prepared is not None else None
        fresh = not self.project.history
        self.views.docks["PredictionDock"].raise_()    # Train: the boundary comes to the front of its tabs
        self.views.begin(job, class_names=getattr(ds, "class_names", None),
                         feature_names=getattr(ds, "feature_names", None), fresh=fresh)

    def _session_finished(self, result: dict) -> None:
        self.views.flush()                             # the final snapshot is drawn in full
        job = result["job"]
        if job is not None and job.prepared is not None:
            runner.record(self.project, job.prepared, result.get("history") or {})
            self._recorded_weights = self.project.weights
            if hasattr(self.window, "mark_modified"):
                self.window.mark_modified()
        reason = result.get("reason")
        if reason in ("early_stopping", "error"):
            self.panel.show_message(result.get("message", ""))
        done = runner.epochs_done(self.project)
        self.panel.progress.setFormat(f"{'stopped' if reason == 'stopped' else 'done'}: {done} epochs trained")

    def _state_changed(self, state: str) -> None:
        self.panel.set_state(state)
        self.data_panel.setEnabled(state == IDLE)
        if hasattr(self.window, "set_structure_locked"):
            self.window.set_structure_locked(state != IDLE, LOCK_REASON if state != IDLE else "")

    def _windows(self) -> list:
        """What a training frame paints: the main window and any live view floating in its own window."""
        return [self.window] + [d for d in self.views.docks.values() if d.isFloating()]

    def _snapshot(self, snap: dict) -> None:
        self.views.on_snapshot(snap)

    def _card_overlays(self, snap: dict) -> None:
        canvas = getattr(self.window, "canvas", None)
        job = self.controller.job
        if canvas is None or job is None or not hasattr(canvas, "set_card_overlay"):
            return
        if not canvas.isVisible():      # welcome page or canvas hidden: the next snapshot after it shows
            return
        for nid, image in card_images.overlays(snap, job.spec).items():
            canvas.set_card_overlay(nid, image)
            self.overlaid.add(nid)

    def _failed(self, message: str) -> None:
        self.panel.show_message(message)
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(message, 8000)

    # -- edits ---------------------------------------------------------------------------------------
    def reset_weights(self) -> None:
        """Fresh random weights, no history: start the lesson again."""
        if self.controller.busy:
            return
        p = self.project
        p.weights = None
        p.history = None
        p.data.setdefault("preprocessing", {})["fitted"] = None
        self._invalidate()
        self._clear_overlays()
        self.views.clear()
        self.panel.progress.setValue(0)
        self.panel.progress.setFormat("ready")
        self.panel.status.setText("")
        self.panel.show_message("")
        if hasattr(self.window, "mark_modified"):
            self.window.mark_modified()

    def _data_settings_changed(self) -> None:
        """Scaling, or the loss set by adapting to the data (and its undo): the training panel shows it."""
        self.panel.load(self.project, *self._task_and_activation(), self._regularization())
        self._settings_changed()

    def _settings_changed(self) -> None:
        if hasattr(self.window, "mark_modified"):
            self.window.mark_modified()

    def _data_changed(self, ds) -> None:
        self._invalidate()
        task, act = self._task_and_activation()
        self.panel.set_context(task, act)
        self.views.metric.set_task(task)
        if hasattr(self.window, "mark_modified"):
            self.window.mark_modified()

    def _document_changed(self, *_args) -> None:
        if not self.controller.busy:
            self._clear_overlays()      # the pictures belong to the network as it was trained
            if self.data_panel.dataset is not None:
                self.data_panel.check_fit()

    def _push(self, ops: list, label: str) -> None:
        from nnstudio.gui.undo import DocCommand
        if not ops:
            return
        self.window.undo_stack.push(DocCommand(self.window.document, Batch(tuple(ops), label), label))

    def _set_regularization(self, l1: float, l2: float) -> None:
        reg = None if not (l1 or l2) else {**({"l1": l1} if l1 else {}), **({"l2": l2} if l2 else {})}
        ops = []
        for n in self._spec().get("nodes", []):
            if n.get("type") in ("Dense", "Conv2D"):
                params = dict(n.get("params") or {})
                if params.get("kernel_regularizer") != reg:
                    params["kernel_regularizer"] = reg
                    ops.append(SetParams(n["id"], params))
        self._push(ops, "Set L1/L2 penalties")

    def _clear_overlays(self) -> None:
        canvas = getattr(self.window, "canvas", None)
        if canvas is not None and hasattr(canvas, "set_card_overlay"):
            for nid in self.overlaid:
                canvas.set_card_overlay(nid, None)      # a card deleted meanwhile is simply skipped
        self.overlaid.clear()


def _scrolling(widget):
    area = QScrollArea()
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)   # fit the dock's width
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    # as wide as the form needs (combo boxes read in full) plus room for the vertical scroll bar
    bar = area.style().pixelMetric(area.style().PixelMetric.PM_ScrollBarExtent)
    area.setMinimumWidth(widget.minimumSizeHint().width() + bar + 4)
    return area


def attach(window) -> TrainingSide:
    """Called by MainWindow.__init__; returns (and keeps on the window) the training side."""
    side = TrainingSide(window)
    window.training = side
    return side
