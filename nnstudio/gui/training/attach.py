"""Plug live training into the studio window: the Data and Training panels and the live views, wired to one
TrainingController; each finished session recorded into ``window.project``.

The main window calls ``attach(window)`` at the end of its __init__. The window's hooks used are documented
in docs/architecture.md (GUI): project, document, editor, canvas, projectReplaced, set_structure_locked(),
mark_modified(), add_panel(), docks. While the window is open its Document owns the spec and its analysis;
the project is handed the spec for a session (``runner.prepare(..., spec=)``) and takes its copy on save.
"""

from __future__ import annotations

import copy
import json
import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from nnstudio.document import Batch, SetParams
from nnstudio.engine import layers
from nnstudio.gui.background import Background
from nnstudio.gui.data_panel import DataPanel
from nnstudio.gui.undo import SwapCommand
from nnstudio.project import rewind, runner, runs
from nnstudio.project.errors import ProjectError

from . import card_images, preview
from .controller import IDLE, PREPARING, Pending, TrainingController
from .docks import TrainingDocks
from .panel import TrainingPanel
from .test_evaluation import TestEvaluation
from .timeline import Timeline
from .views import LiveViews
from .worker import TrainingJob


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowTraining", text)


def _engine_view(spec: dict) -> dict:
    """The spec without names and positions (what the engine sees)."""
    return {"nodes": [{k: n.get(k) for k in ("id", "type", "params")} for n in spec.get("nodes", [])],
            "edges": [list(e) for e in spec.get("edges", [])]}


def _layer_class(node: dict):
    try:
        return layers.get(node.get("type"))
    except Exception:  # an unknown type: the Problems list names it
        return None


def regularized_nodes(spec: dict) -> list[dict]:
    """The nodes whose layer has a kernel that takes an L1/L2 penalty."""
    return [n for n in spec.get("nodes", []) if (cls := _layer_class(n)) is not None and cls.takes_regularizer()]


def has_image_filters(spec: dict) -> bool:
    return any((cls := _layer_class(n)) is not None and cls.IMAGE_FILTERS for n in spec.get("nodes", []))


def with_display_names(text: str, spec: dict) -> str:
    """A message naming layers by id ('y') speaks of them as the canvas does ('digit')."""
    for n in spec.get("nodes", []):
        name = n.get("name")
        if name and name != n["id"]:
            text = re.sub(f"'{re.escape(n['id'])}'", f"'{name}'", text)
    return text


# Data with more feature values than this is prepared off the GUI thread (the figures: docs/training.md)
LARGE_DATA_VALUES = 1_000_000


def large_data(project, dataset) -> bool:
    """Preparing would hold the GUI thread long enough to notice: a large set, or one still to be read."""
    if dataset is None:
        return bool(project.data.get("source"))
    return dataset.X.size > LARGE_DATA_VALUES


class SessionJobs:
    """Makes each session's job; reuses the prepared network (and its optimizer state) while nothing it
    depends on changed since the last one."""

    def __init__(self):
        self.prepared = None
        self._fingerprint = None
        self._weights = None      # the project's weights the prepared network holds

    def invalidate(self) -> None:
        self.prepared = None
        self._fingerprint = None

    def recorded(self, project) -> None:
        """A session's results went into ``project``: its weights are the prepared network's."""
        self._weights = project.weights

    def adopt(self, prepared, fingerprint: str, weights) -> None:
        """A preview prepared the network for ``weights`` under ``fingerprint``: the next session may use it."""
        self.prepared, self._fingerprint, self._weights = prepared, fingerprint, weights

    def valid_prepared(self, project, spec: dict):
        """The prepared data and network while they are still those of ``spec`` and the project's settings."""
        if self.prepared is None or self._fingerprint_of(project, spec) != self._fingerprint:
            return None
        return self.prepared

    def fingerprint(self, project, spec: dict) -> str:
        return self._fingerprint_of(project, spec)

    @staticmethod
    def _fingerprint_of(project, spec: dict) -> str:
        t = dict(project.training)
        opt = t.get("optimizer")
        t["optimizer"] = opt if isinstance(opt, str) else (opt or {}).get("name")
        t.pop("epochs", None)          # how long to train is asked anew for each session
        return json.dumps([_engine_view(spec), project.data.get("source"), project.data.get("split"),
                           {k: v for k, v in (project.data.get("preprocessing") or {}).items() if k != "fitted"}, t],
                          sort_keys=True, default=str)

    def make(self, project, spec: dict, epochs: int | None, dataset=None) -> TrainingJob:
        """``epochs``: how many to train (None: until stopped); ``dataset``: the project's data already in
        memory (the data panel's), so a large set is not read a second time."""
        fp = self._fingerprint_of(project, spec)
        if not self._reusable(project, fp):
            self.prepared = runner.prepare(project, spec=spec, dataset=dataset)
            self._fingerprint = fp
        return self._job(project, spec, epochs)

    def start(self, project, spec: dict, epochs: int | None, dataset, current) -> TrainingJob | Pending:
        """What Train needs: the job at once while the prepared network serves or the data is small, else its
        preparation to run off the GUI thread (a copy of the project, the spec as it is now). ``current()``:
        the window's project and spec then; the result is used only while they are still what it was made for."""
        fp = self._fingerprint_of(project, spec)
        if self._reusable(project, fp) or not large_data(project, dataset):
            return self.make(project, spec, epochs, dataset)
        weights, frozen, spec_copy = project.weights, project.snapshot(), copy.deepcopy(spec)

        def valid() -> bool:
            now, spec_now = current()
            return now is project and now.weights is weights and self._fingerprint_of(now, spec_now) == fp

        def finish(prepared) -> TrainingJob:
            self.prepared, self._fingerprint, self._weights = prepared, fp, weights
            return self._job(project, current()[1], epochs)

        return Pending(lambda progress: runner.prepare(frozen, spec=spec_copy, dataset=dataset, progress=progress),
                       finish, valid)

    def _reusable(self, project, fp: str) -> bool:
        return self.prepared is not None and fp == self._fingerprint and project.weights is self._weights

    def _job(self, project, spec: dict, epochs: int | None) -> TrainingJob:
        prepared = self.prepared
        prepared.fit_kwargs.update(optimizer=project.training.get("optimizer", "adam"),
                                   early_stopping=project.training.get("early_stopping"),
                                   initial_epoch=runner.epochs_done(project))
        job = TrainingJob.from_prepared(prepared, spec, epochs=epochs)
        # into a copy, swapped into the project when the session is recorded: the GUI thread never reads
        # snapshots the training thread is changing
        job.callbacks = (rewind.Recorder(project.snapshots.copy()),)
        return job


def recorded_snapshots(job: TrainingJob) -> rewind.Snapshots | None:
    """The snapshots a session's Recorder kept (SessionJobs.make gives every session one)."""
    return next((cb.snapshots for cb in job.callbacks if isinstance(cb, rewind.Recorder)), None)


class CardOverlays:
    """The pictures training draws on the canvas cards (neuron tiles or weights)."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.shown: set[str] = set()

    def show(self, snap, spec: dict) -> None:
        if not self.canvas.isVisible():   # welcome page or canvas hidden: the next snapshot after it shows
            return
        for nid, image in card_images.overlays(snap, spec).items():
            self.canvas.set_card_overlay(nid, image)
            self.shown.add(nid)

    def clear(self) -> None:
        for nid in self.shown:
            self.canvas.set_card_overlay(nid, None)      # a card deleted meanwhile is simply skipped
        self.shown.clear()


class WindowTraining(QObject):
    """The training part of one window: panels, live views and the controller, wired together, and each
    finished session recorded into the project. Kept on ``window.training`` so it lives as long as it."""

    previewDone = Signal()     # a trained project's views are drawn from its saved weights (or cannot be)
    runsChanged = Signal()     # runs kept, switched, renamed, pinned or deleted (the timeline reads them again)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.views = LiveViews(self)
        self.panel = TrainingPanel()
        self.data_panel = DataPanel(spec_provider=self._spec, editor=window.editor)
        self.test_evaluation = TestEvaluation(lambda: self.window.project.snapshot(), self._spec,
                                              lambda: self.data_panel.dataset)
        lay = self.panel.layout()       # in sight under the progress and messages, above the settings
        lay.insertWidget(lay.indexOf(self.panel.message) + 1, self.test_evaluation)
        # 10 metric updates (what the curves draw) and 3 snapshots a second look fluid and leave the GIL
        # to training most of the time
        self.controller = TrainingController(self._train_job, self, metrics_hz=10.0, snapshot_hz=3.0)
        self.jobs = SessionJobs()
        self.overlays = CardOverlays(window.canvas)
        self.sessions = 0
        self.preview = Background(self)          # the saved weights' snapshot, off the GUI thread
        self._preview_request: preview.Request | None = None
        self._connect()
        self.timeline = Timeline(self)          # after _connect: it refreshes once a session is recorded
        self.docks = TrainingDocks(window, self.data_panel, self.panel, self.views, self.timeline.bar)
        self.reload()
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.controller.shutdown)
            app.aboutToQuit.connect(self.preview.stop)

    def _connect(self) -> None:
        c, p, w = self.controller, self.panel, self.window
        p.trainClicked.connect(c.train)
        p.pauseClicked.connect(c.toggle_pause)
        p.stepClicked.connect(c.step)
        p.stopClicked.connect(c.stop)
        p.resetClicked.connect(self.reset_weights)
        p.learningRateChanged.connect(c.set_learning_rate)
        p.paceChanged.connect(c.set_pace)
        p.settingsChanged.connect(self._settings_changed)
        p.settingsChanged.connect(self.data_panel.check_fit)       # a loss that does not suit the data
        p.regularizationChanged.connect(self._set_regularization)
        self.data_panel.dataChanged.connect(self._data_changed)
        self.data_panel.loaded.connect(self._data_loaded)
        # after the window has restored its layout (which raises the palette over the Data tab)
        self.data_panel.offered.connect(lambda: QTimer.singleShot(0, self.docks.data_dock, self.docks.data_dock.raise_))
        self.data_panel.settingsChanged.connect(self._data_settings_changed)
        self.data_panel.fitChanged.connect(w.problems.refresh)
        self.data_panel.splitNoteChanged.connect(p.set_split_note)
        w.problems.add_source(self.data_panel.problems)
        c.stateChanged.connect(self._state_changed)
        c.progress.connect(self.views.on_progress)
        c.progress.connect(p.on_progress)
        c.snapshot.connect(self.views.on_snapshot)
        c.frame_parts = self.views.frame_parts
        c.paint_roots = lambda: [w] + self.docks.floating()
        c.snapshot_parts = self.views.wanted_parts
        self.views.partsChanged.connect(c.set_snapshot_parts)
        self.preview.finished.connect(self._preview_ready)
        self.preview.failed.connect(self._preview_failed)
        self.preview.cancelled.connect(self.previewDone)
        self.views.extra_snapshot_steps.append(self._card_overlays)
        c.diverged.connect(lambda info: p.show_message(info.message))
        c.failed.connect(self._failed)
        c.sessionStarted.connect(self._session_started)
        c.sessionFinished.connect(self.record_session)
        w.projectReplaced.connect(self.reload)
        w.document.subscribe(self._document_changed)
        w.weight_edits.edited.connect(self._weights_edited)
        c.preparing.connect(p.on_preparing)
        # an edit, undo or redo (of the network, the weights, Reset) while the data is prepared for Train
        # cancels that preparation when it changed what is being prepared
        w.undo_stack.indexChanged.connect(lambda _i: c.recheck())

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            # never leave a thread running behind a closed window; keep what was trained so far, so the
            # window's save prompt offers it
            self.controller.finish_now()
            self.data_panel.loader.stop()
            self.test_evaluation.background.stop()
            self.preview.stop()
            self.timeline.stop()
        return False

    def show_all_views(self) -> None:
        self.docks.show_all_views(has_image_filters(self._spec()))

    # -- the project ---------------------------------------------------------------------------------
    @property
    def project(self):
        return self.window.project

    def _spec(self) -> dict:
        return self.window.document.spec

    def reload(self) -> None:
        """New/Open/Revert: stop any session and show the new project's data, settings and saved curves."""
        self.controller.shutdown()
        self.jobs.invalidate()
        self.overlays.clear()
        project = self.project
        self.data_panel.load(project)
        task, act = self._task_and_activation()
        self.panel.load(project, task, act, self._regularization())
        # curves whose weights are gone (a file without weights.npz): training cannot go on from them
        self.panel.show_message(_tr("This project's trained weights are missing (its file has no weights.npz): "
                                    "the curves shown are a record; Train starts a new run from fresh weights "
                                    "and keeps them as a run of their own.")
                                if project.history and project.weights is None else "")
        self.views.clear()
        self.views.show_history(project.history, task)
        self.views.set_optimizer(project.training.get("optimizer", "adam"))
        self.panel.set_state(IDLE)
        self.test_evaluation.clear()
        self.show_trained()

    def show_trained(self) -> None:
        """The epoch the project's weights reached and, once computed off the GUI thread, what they predict
        and the card pictures, without training (a reopened project, Reset weights undone)."""
        project = self.project
        self.panel.show_trained(runner.epochs_done(project) if project.weights is not None else 0)
        if project.weights is None or not project.data.get("source"):
            self._preview_request = None
            self.preview.stop()
            return
        spec = self._spec()
        self._preview_request = preview.Request(project, project.weights, self.jobs.fingerprint(project, spec),
                                                _engine_view(spec))
        copy, epochs = project.snapshot(), self.panel.planned_epochs()
        self.preview.start(lambda progress: preview.compute(copy, spec, epochs, progress))

    def _preview_ready(self, result: preview.Preview) -> None:
        request, self._preview_request = self._preview_request, None
        # shown only while it still tells the truth: no session since, the same weights and network
        if (request is not None and not self.controller.busy and request.project is self.project
                and request.weights is self.project.weights and request.network == _engine_view(self._spec())):
            job = result.job
            self.jobs.adopt(job.prepared, request.fingerprint, request.weights)
            ds = job.prepared.dataset
            self.views.show_trained(job, result.snapshot, class_names=ds.class_names,
                                    feature_names=ds.feature_names)
            self.overlays.show(result.snapshot, job.spec)
        self.previewDone.emit()

    def _preview_failed(self, message: str) -> None:
        """The data cannot be read now (a missing file, MNIST not downloaded): the Data panel says why."""
        self._preview_request = None
        self.window.statusBar().showMessage(with_display_names(message, self._spec()), 8000)
        self.previewDone.emit()

    def _settings_changed(self) -> None:
        # the gradient view says why it is empty for the perceptron rule, whose steps use no gradient
        self.views.set_optimizer(self.project.training.get("optimizer", "adam"))
        self.window.mark_modified()

    def _task_and_activation(self):
        ds = self.data_panel.dataset
        act = self.window.document.analysis().output_activation
        return (ds.task if ds is not None else _task_without_data(act, self.project.training.get("loss"))), act

    def _regularization(self) -> tuple[float, float]:
        regs = [(n.get("params") or {}).get("kernel_regularizer") for n in regularized_nodes(self._spec())]
        first = next((r for r in regs if r), None) or {}
        return float(first.get("l1", 0.0) or 0.0), float(first.get("l2", 0.0) or 0.0)

    def _new_run_if_changed(self) -> None:
        """A trained run whose network, data or settings changed since is kept, and training starts a new one
        (runs.continues says what continuing means)."""
        if not runs.continues(self.project, self._spec()):
            self._start_new_run()
            self.window.mark_modified()
            self.runsChanged.emit()

    def _make_job(self, epochs: int | None = None) -> TrainingJob:
        """``epochs``: a number asked for (the headless run); else the panel's (None: until stopped)."""
        self._new_run_if_changed()
        return self.jobs.make(self.project, self._spec(), self.panel.planned_epochs() if epochs is None else epochs,
                              dataset=self.data_panel.dataset)

    def _train_job(self, epochs: int | None = None) -> TrainingJob | Pending:
        """The controller's: as _make_job, or for large data its preparation off the GUI thread."""
        self._new_run_if_changed()
        return self.jobs.start(self.project, self._spec(), self.panel.planned_epochs() if epochs is None else epochs,
                               self.data_panel.dataset, lambda: (self.project, self._spec()))

    # -- sessions ------------------------------------------------------------------------------------
    def _session_started(self, job: TrainingJob) -> None:
        self.sessions += 1
        self._preview_request = None         # the session draws its own; an unfinished preview is dropped
        self.preview.cancel()
        self.panel.show_message("")
        ds = job.prepared.dataset
        fresh = not self.project.history
        self.views.docks["PredictionDock"].raise_()    # Train: the boundary comes to the front of its tabs
        self.views.begin(job, class_names=ds.class_names, feature_names=ds.feature_names, fresh=fresh)

    def record_session(self, result) -> None:
        """A session ended (SessionResult): its weights, history and where it stopped go into the project.
        The one place a finished session is recorded."""
        self.views.flush()                             # the final snapshot is drawn in full
        job = result.job
        if job.prepared is not None:
            if (snapshots := recorded_snapshots(job)) is not None:
                self.project.snapshots = snapshots
            runner.record(self.project, job.prepared, result.history, spec=job.spec, seconds=result.seconds)
            self.jobs.recorded(self.project)
            self.window.mark_modified()
            self.window.files.autosave_now()  # a crash now must not lose the session (#20 item 3)
            self.runsChanged.emit()
        if result.reason in ("early_stopping", "converged", "error"):
            self.panel.show_message(with_display_names(result.message, job.spec))
        done = runner.epochs_done(self.project)
        if result.reason == "stopped":
            text = _tr("stopped: 1 epoch trained") if done == 1 else _tr("stopped: {0} epochs trained")
        else:
            text = _tr("done: 1 epoch trained") if done == 1 else _tr("done: {0} epochs trained")
            # a session that ended early (the perceptron converged, early stopping) is done all the same: a
            # bar at 7 of 20 beside "done" read as unfinished
            self.panel.progress.setValue(self.panel.progress.maximum())
        self.panel.progress.setFormat(text.format(done))

    def _state_changed(self, state: str) -> None:
        self.panel.set_state(state)
        self.test_evaluation.clear()
        self.test_evaluation.setEnabled(state == IDLE)
        self.data_panel.setEnabled(state == IDLE)
        # while the data is prepared the network stays editable: an edit cancels the preparation
        locked = state not in (IDLE, PREPARING)
        self.window.set_structure_locked(locked, _tr("training is running (Stop to edit layers)") if locked else "")

    def _card_overlays(self, snap) -> None:
        job = self.controller.job
        if job is not None:
            self.overlays.show(snap, job.spec)

    def _failed(self, message: str) -> None:
        message = with_display_names(message, self._spec())
        self.panel.show_message(message)
        self.window.statusBar().showMessage(message, 8000)

    # -- edits ---------------------------------------------------------------------------------------
    def reset_weights(self) -> None:
        """Fresh random weights, no history: start the lesson again. Asks first when trained weights would
        go; one undo step (Edit ▸ Undo brings the weights, curves and optimizer state back)."""
        if self.controller.busy:
            return
        p = self.project
        if p.weights is None and not p.history:
            return                                   # nothing trained to forget
        done = runner.epochs_done(p)
        if p.weights is not None:
            trained = (_tr("the weights trained for 1 epoch") if done == 1 else
                       _tr("the weights trained for {0} epochs").format(done) if done else _tr("the trained weights"))
            answer = QMessageBox.question(
                self.window, _tr("Reset weights"),
                _tr("Start a new run from fresh random weights? The run with {0} and its curves is kept "
                    "(Tools ▸ Compare Runs; Edit ▸ Undo makes it current again).").format(trained),
                # Yes beside Cancel: a lone "Reset" at the far left read as destructive, though the run is kept
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.push_runs_change(_tr("Reset weights"), self._start_new_run)

    def _start_new_run(self) -> None:
        """Keep the current run (as training left it, before any edit set weights aside) and start an empty
        one, which trains from fresh weights and fits the data's scaling anew."""
        self.window.files.weight_keeper.put_back(self.project)
        runs.start_new(self.project)
        self.project.data.setdefault("preprocessing", {})["fitted"] = None
        self.jobs.invalidate()

    def push_runs_change(self, label: str, change) -> None:
        """Apply ``change()`` (a runs edit of the project) as one undo step: Edit ▸ Undo puts back every run,
        the weights, curves, settings and network as they were. Refused while training runs."""
        if self.controller.busy:
            return
        p = self.project
        before = runs.State.of(p, self._spec())
        p.spec = self._spec()
        try:
            change()
        except ProjectError as exc:
            before.put(p)
            self.window.statusBar().showMessage(exc.message, 8000)
            return
        after = runs.State.of(p)
        before.put(p)
        self.window.undo_stack.push(SwapCommand(label, self._swap_runs, after))

    # -- runs (the Compare Runs window's list): each one undo step ------------------------------------
    def switch_run(self, run_id: str) -> None:
        """The run's weights, curves, snapshots, network and settings become the current ones."""
        def switch():
            self.window.files.weight_keeper.put_back(self.project)
            runs.switch(self.project, run_id)
        self.push_runs_change(_tr("Switch run"), switch)

    def rename_run(self, run_id: str, name: str) -> None:
        self.push_runs_change(_tr("Rename run"), lambda: runs.rename(self.project, run_id, name))

    def pin_run(self, run_id: str, pinned: bool) -> None:
        self.push_runs_change(_tr("Pin run") if pinned else _tr("Unpin run"),
                              lambda: runs.pin(self.project, run_id, pinned))

    def delete_run(self, run_id: str) -> None:
        self.push_runs_change(_tr("Delete run"), lambda: runs.delete(self.project, run_id))

    def keep_runs(self, kept: list) -> None:
        """Variants trained elsewhere (runs.Run) join the project's runs, in one undo step."""
        def keep():
            for run in kept:
                runs.keep(self.project, run)
        self.push_runs_change(_tr("Compare variants"), keep)

    def _swap_runs(self, state: runs.State) -> runs.State:
        """Put ``state`` into the project and every view in step with it; returns the state it replaced."""
        old = runs.State.of(self.project, self._spec())
        network_changed = state.spec != self._spec()
        data_changed = runs.data_choice(state.data) != runs.data_choice(old.data)
        trained_changed = state.weights is not old.weights or state.history != old.history
        if network_changed or data_changed or trained_changed or state.training != old.training:
            # the last session's prepared data and network no longer hold; kept otherwise, because the
            # Timeline replays the current run from them (kept variants emptied it)
            self.jobs.invalidate()
        state.put(self.project)
        if network_changed:
            self.window.document.reset(self.project.spec)   # part of this undo step, so the stack stays linear
        if data_changed:
            self.data_panel.load(self.project)
        if network_changed or data_changed or state.training != old.training:
            self.panel.load(self.project, *self._task_and_activation(), self._regularization())
        if trained_changed:
            self._show_current_run()
        self.window.mark_modified()
        self.runsChanged.emit()
        return old

    def _show_current_run(self) -> None:
        """Every view shows the current run's weights and curves (and nothing of the ones before)."""
        self._preview_request = None
        self.jobs.invalidate()
        self.overlays.clear()
        self.views.clear()
        self.views.show_history(self.project.history, self._task_and_activation()[0])
        self.panel.show_message("")
        self.show_trained()

    def _weights_edited(self) -> None:
        """A weight typed in the inspector (or that edit undone): the views show what the weights predict now."""
        self._preview_request = None
        self.overlays.clear()
        if self.project.weights is None:      # back to the initial weights: nothing trained to preview
            self.views.clear()
            self.views.show_history(self.project.history, self._task_and_activation()[0])
        self.show_trained()

    def _data_settings_changed(self) -> None:
        """Scaling, or the loss set by adapting to the data (and its undo): the training panel shows it."""
        self.panel.load(self.project, *self._task_and_activation(), self._regularization())
        self._settings_changed()

    def _data_changed(self, ds) -> None:
        self._preview_request = None         # a preview of the old data would mislead
        self.jobs.invalidate()
        self.test_evaluation.clear()
        task, act = self._task_and_activation()
        self.panel.set_context(task, act)
        self.views.metric.set_task(task)
        self.window.mark_modified()

    def _data_loaded(self, _ds) -> None:
        """The project's own data arrived from the background: the panels follow its task, unmodified."""
        self.jobs.invalidate()
        task, act = self._task_and_activation()
        self.panel.set_context(task, act)
        self.views.metric.set_task(task)
        self.views.show_history(self.project.history, task)

    def _document_changed(self, *_args) -> None:
        self.controller.recheck()
        if not self.controller.busy:
            self.overlays.clear()      # the pictures belong to the network as it was trained
            self.panel.set_context(*self._task_and_activation())   # "auto: ..." follows the output layer
            if self.data_panel.dataset is not None:
                self.data_panel.check_fit()

    def _push(self, ops: list, label: str) -> None:
        """One undoable edit through the window's editor, the door (and lock) every edit goes through."""
        if ops:
            self.window.editor.push(Batch(tuple(ops), label), label)

    def _set_regularization(self, l1: float, l2: float) -> None:
        reg = None if not (l1 or l2) else {**({"l1": l1} if l1 else {}), **({"l2": l2} if l2 else {})}
        ops = []
        for n in regularized_nodes(self._spec()):
            params = dict(n.get("params") or {})
            if params.get("kernel_regularizer") != reg:
                params["kernel_regularizer"] = reg
                ops.append(SetParams(n["id"], params))
        self._push(ops, _tr("Set L1/L2 penalties"))


def attach(window) -> WindowTraining:
    """Called by MainWindow.__init__; returns (and keeps on the window) the training side."""
    side = WindowTraining(window)
    window.training = side
    return side


def _task_without_data(output_activation: str | None, loss) -> str:
    """The task a network is built for while its data is not here (a set still to download): a softmax (or a
    categorical loss) classifies classes, a linear output predicts numbers, anything else two classes. The
    California housing lesson opened offline showed an accuracy plot."""
    name = loss.get("name") if isinstance(loss, dict) else loss
    if output_activation == "softmax" or name in ("categorical_crossentropy", "sparse_categorical_crossentropy",
                                                  "cross_entropy_error"):
        return "multiclass"
    return "regression" if output_activation == "linear" else "binary"
