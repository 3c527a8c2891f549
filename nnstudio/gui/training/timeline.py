"""The timeline under the views: the current run's snapshot epochs on a slider. Moving it shows the network
as it was then (decision boundary, card pictures, weights, histograms, a marker on the curves); its newest
position, or Live, is the network as trained now. Play steps through the epochs at a chosen pace; "Continue
from here" branches a new run from the epoch shown (``runs.branch``); the frames can be written as PNGs
(frame_export.py). While a session trains the timeline is disabled: the views follow the live network.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMenu, QProgressBar, QPushButton, QSlider,
                               QToolButton, QVBoxLayout, QWidget)

from nnstudio.gui.background import Background
from nnstudio.project import runner, runs
from nnstudio.project.rewind import weights_nbytes

from .. import run_names
from . import frames
from .frame_export import FrameExport

PACES = (2, 5, 10)               # frames per second Play offers
DEFAULT_PACE = 5
CACHE_BYTES = 64 << 20           # weights held by the frames kept for replaying (a large network keeps few)


class TimelineBar(QWidget):
    """The controls alone: Play, the slider, the epoch shown, the pace, Live, Continue from here, Export."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.play = QPushButton(self.tr("Play"))
        self.play.setCheckable(True)
        self.play.setToolTip(self.tr("Play the run's snapshots from the first epoch to the newest"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Drag to see the network as it was at an earlier epoch"))
        self.slider.setPageStep(1)
        self.epoch = QLabel()
        self.pace = QComboBox()
        for fps in PACES:
            self.pace.addItem(self.tr("{0}/s").format(fps), fps)
        self.pace.setCurrentIndex(PACES.index(DEFAULT_PACE))
        self.pace.setToolTip(self.tr("How fast Play steps through the snapshots"))
        self.live = QPushButton(self.tr("Live"))
        self.live.setToolTip(self.tr("Back to the network as trained now"))
        self.branch = QPushButton(self.tr("Continue from here"))
        self.branch.setToolTip(self.tr("Start a new run from the weights of the epoch shown (the current run is kept)"))
        self.export = QToolButton()
        # the arrow in the text: the style's own menu arrow was drawn over the word's last letter
        self.export.setText(self.tr("Export") + " ▾")
        self.export.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export)
        self.export_views = menu.addAction(self.tr("PNG frames of the views..."))
        self.export_window = menu.addAction(self.tr("PNG frames of the whole window..."))
        self.export.setMenu(menu)
        self.export.setToolTip(self.tr("Write one PNG picture per snapshot into a folder, for slides"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.play)
        row.addWidget(self.slider, 1)
        row.addSpacing(6)               # the handle at the end kept off the label
        row.addWidget(self.epoch)
        row.addWidget(self.pace)
        row.addWidget(self.live)
        row.addWidget(self.branch)
        row.addWidget(self.export)
        row.addWidget(self.progress)
        row.addWidget(self.cancel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.show_progress(False)
        self.say("")

    def fit_epochs(self, last: int, others=()) -> None:
        """The epoch label as wide as its longest text for a run of ``last`` epochs, or of the ``others`` it
        shows instead (the slider keeps the rest)."""
        texts = [self.tr("epoch {0} of {1}").format(last, last), *others]
        metrics = self.epoch.fontMetrics()
        self.epoch.setFixedWidth(max(metrics.horizontalAdvance(text) for text in texts) + 8)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_progress(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel.setVisible(on)
        self.export.setVisible(not on)


class FrameSource(QObject):
    """Frames by epoch: computed on the GUI thread for a small network, else in a Background thread (one at a
    time; the newest request waits for the running one instead of blocking the GUI on it); the latest kept."""

    ready = Signal(int, object)      # epoch, snapshots.Snapshot
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.basis: frames.Basis | None = None
        self.background = Background(self)
        self.background.finished.connect(self._computed)
        self.background.failed.connect(self._failed)
        self._cache: OrderedDict[int, object] = OrderedDict()
        self._limit = 1
        self._waiting: tuple[int, dict] | None = None
        self._running = False

    def set_basis(self, basis: frames.Basis | None, example_weights=None) -> None:
        self.basis = basis
        self._cache.clear()
        self._waiting = None
        size = weights_nbytes(example_weights) if example_weights else 1
        self._limit = max(2, min(256, CACHE_BYTES // max(size, 1)))

    def cached(self, epoch: int):
        return self._cache.get(epoch)

    def request(self, epoch: int, weights) -> None:
        """``ready`` follows with the frame (at once when cached or small)."""
        if epoch in self._cache:
            self._cache.move_to_end(epoch)
            self.ready.emit(epoch, self._cache[epoch])
            return
        basis = self.basis
        if basis is None:
            return
        if basis.small:
            self._keep(epoch, frames.frame(basis, weights, epoch))
            self.ready.emit(epoch, self._cache[epoch])
            return
        if self._running:
            self._waiting = (epoch, weights)
            return
        self._running = True
        self.background.start(lambda _progress: (epoch, frames.frame(basis, weights, epoch)))

    def pending(self) -> bool:
        return self._running

    def stop(self) -> None:
        self._waiting = None
        self._running = False
        self.background.stop()

    def _keep(self, epoch: int, snap) -> None:
        self._cache[epoch] = snap
        while len(self._cache) > self._limit:
            self._cache.popitem(last=False)

    def _computed(self, result) -> None:
        self._running = False
        epoch, snap = result
        self._keep(epoch, snap)
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting[0] != epoch:
            self.request(*waiting)        # the slider moved on meanwhile: its latest position next
        else:
            self.ready.emit(epoch, snap)

    def _failed(self, message: str) -> None:
        self._running = False
        self._waiting = None
        self.failed.emit(message)


class Timeline(QObject):
    """The timeline of one window's current run, fed from ``side`` (attach.WindowTraining)."""

    shown = Signal(object)      # the epoch on screen (None: live)

    def __init__(self, side):
        super().__init__(side)
        self.side = side
        self.bar = TimelineBar()
        self.source = FrameSource(self)
        self.epochs: list[int] = []      # the slider's positions; the last one is the live network
        self.rewound: int | None = None  # the epoch shown, None while the views are live
        self._live_snap = None
        self._basis_key = None
        self.player = QTimer(self)
        self.player.timeout.connect(self._tick)
        self.export = FrameExport(self)
        self._connect()
        self.refresh()

    def _connect(self) -> None:
        b, side = self.bar, self.side
        b.slider.valueChanged.connect(self._slid)
        b.slider.sliderReleased.connect(self._released)
        b.live.clicked.connect(self.go_live)
        b.play.toggled.connect(self._play_toggled)
        b.pace.currentIndexChanged.connect(lambda _i: self._set_pace())
        b.branch.clicked.connect(self.continue_here)
        b.export_views.triggered.connect(lambda: self.export.ask("views"))
        b.export_window.triggered.connect(lambda: self.export.ask("window"))
        self.source.ready.connect(self._frame_ready)
        self.source.failed.connect(self._failed)
        c = side.controller
        c.sessionStarted.connect(self._session_started)
        c.stateChanged.connect(lambda _state: self.refresh())
        c.sessionFinished.connect(lambda _result: self.refresh())    # after record_session (connected first)
        side.previewDone.connect(self.refresh)
        side.runsChanged.connect(self.refresh)
        side.window.projectReplaced.connect(self._replaced)
        side.window.projectModified.connect(self.refresh)
        side.window.document.subscribe(lambda *_a: self.refresh())

    # -- what the slider offers ------------------------------------------------------------------------
    @property
    def project(self):
        return self.side.project

    def _basis(self) -> frames.Basis | None:
        """The frames' basis: the prepared data and network of the window's last session or preview, while
        they are still those of the network on the canvas."""
        side = self.side
        prepared = side.jobs.valid_prepared(self.project, side.window.document.spec)
        if prepared is None:
            return None
        key = (id(prepared), side.jobs.fingerprint(self.project, side.window.document.spec))
        if key != self._basis_key or self.source.basis is None:
            self._basis_key = key
            basis = frames.Basis.of(prepared, side.window.document.spec)
            self.source.set_basis(basis, self.project.weights)
        return self.source.basis

    def refresh(self) -> None:
        """Read the current run's snapshot epochs again (a run finished, another project, a branch)."""
        b = self.bar
        busy = self.side.controller.busy
        basis = None if busy else self._basis()
        snaps = self.project.snapshots
        epochs = [] if basis is None else [e for e, w in snaps if basis.fits(w)]
        done = runner.epochs_done(self.project)
        if self.project.weights is not None and epochs and epochs[-1] < done:
            epochs.append(done)                      # the live network, newer than the newest snapshot
        self.epochs = epochs
        usable = len(epochs) >= 2 and not busy
        if not usable:
            # whatever took the timeline away (a session, Reset weights, an edited network) redraws the views
            self._stop_playing()
            self.rewound = None
            self._live_snap = None
            self._markers(None)
        for w in (b.slider, b.play, b.pace, b.live):
            w.setEnabled(usable)
        b.export.setEnabled(usable and not self.export.running)
        b.slider.blockSignals(True)
        b.slider.setRange(0, max(len(epochs) - 1, 0))
        if self.rewound is not None and self.rewound in epochs[:-1]:
            b.slider.setValue(epochs.index(self.rewound))
        else:
            if self.rewound is not None:
                self.go_live()
            b.slider.setValue(max(len(epochs) - 1, 0))
        b.slider.blockSignals(False)
        b.fit_epochs(epochs[-1] if epochs else 0, (self.tr("training: live"), self.tr("no snapshots")))
        self._update_labels()
        if busy:
            b.epoch.setText(self.tr("training: live"))
        elif not usable:
            b.epoch.setText(self.tr("no snapshots") if basis is not None or self.project.weights is None
                            else "")

    def _update_labels(self) -> None:
        b = self.bar
        rewound = self.rewound is not None
        b.live.setEnabled(rewound)
        b.branch.setEnabled(rewound and not self.side.controller.busy)
        if self.epochs:
            shown = self.epochs[-1] if self.rewound is None else self.rewound
            b.epoch.setText(self.tr("epoch {0} of {1}").format(shown, self.epochs[-1]))

    # -- showing an epoch -------------------------------------------------------------------------------
    def position_weights(self, index: int):
        epoch = self.epochs[index]
        if index == len(self.epochs) - 1 and epoch not in self.project.snapshots:
            return self.project.weights
        return self.project.snapshots.get(epoch)

    def show_index(self, index: int) -> None:
        """Show the slider's position ``index`` (the last one is live)."""
        if not self.epochs:
            return
        index = max(0, min(index, len(self.epochs) - 1))
        if self.bar.slider.value() != index:
            self.bar.slider.blockSignals(True)
            self.bar.slider.setValue(index)
            self.bar.slider.blockSignals(False)
        if index == len(self.epochs) - 1 and not self.player.isActive():
            self.go_live()
            return
        if self.rewound is None:
            self._live_snap = self.side.views.last_snapshot     # what Live brings back
        self.rewound = self.epochs[index]
        self._update_labels()
        self.source.request(self.epochs[index], self.position_weights(index))

    def show_epoch(self, epoch: int) -> None:
        self.show_index(self.epochs.index(epoch))

    def go_live(self, redraw: bool = False) -> None:
        """Back to the network as trained now (``redraw``: even when the views were not rewound)."""
        self._stop_playing()
        was = self.rewound
        self.rewound = None
        self._markers(None)
        if self.epochs:
            self.bar.slider.blockSignals(True)
            self.bar.slider.setValue(len(self.epochs) - 1)
            self.bar.slider.blockSignals(False)
        self._update_labels()
        if was is None and not redraw:
            return
        live = self._live_snap
        self._live_snap = None
        if live is not None:
            self._draw(live)
        elif self.epochs:
            self.source.request(self.epochs[-1], self.position_weights(len(self.epochs) - 1))
        self.shown.emit(None)

    def _frame_ready(self, epoch: int, snap) -> None:
        if self.export.running:
            self.export.frame_ready(epoch, snap)
            return
        if self.rewound != epoch and not (self.rewound is None and self.epochs and epoch == self.epochs[-1]):
            return                    # the slider moved on: a newer request follows
        self._draw(snap)
        self._markers(self.rewound)
        self.shown.emit(self.rewound)

    def _draw(self, snap) -> None:
        self.side.views.show_still(snap)
        if self.source.basis is not None:
            self.side.overlays.show(snap, self.source.basis.spec)

    def _markers(self, epoch) -> None:
        views = self.side.views
        views.loss.set_marker(epoch)
        views.metric.set_marker(epoch)

    def _slid(self, index: int) -> None:
        if not self.bar.slider.isSliderDown() or index < len(self.epochs) - 1:
            self.show_index(index)
        elif self.rewound is not None:
            # dragged onto the newest epoch: shown as a frame while held, live once released
            self.rewound = self.epochs[index]
            self._update_labels()
            self.source.request(self.epochs[index], self.position_weights(index))

    def _released(self) -> None:
        if self.bar.slider.value() == len(self.epochs) - 1:
            self.go_live()

    # -- playback ----------------------------------------------------------------------------------------
    def _set_pace(self) -> None:
        self.player.setInterval(int(1000 / self.bar.pace.currentData()))

    def play(self) -> None:
        self.bar.play.setChecked(True)

    def pause(self) -> None:
        self.bar.play.setChecked(False)

    def _play_toggled(self, on: bool) -> None:
        self.bar.play.setText(self.tr("Pause") if on else self.tr("Play"))
        if not on:
            self.player.stop()
            return
        if len(self.epochs) < 2:
            self.bar.play.setChecked(False)
            return
        self._set_pace()
        self.player.start()
        if self.rewound is None:
            self.show_index(0)       # from the beginning

    def _tick(self) -> None:
        if self.source.pending():
            return                   # a large network's frame still on its way: wait for it
        at = self.epochs.index(self.rewound) if self.rewound in self.epochs else -1
        if at + 1 >= len(self.epochs) - 1:
            self._stop_playing()
            self.show_index(len(self.epochs) - 1)     # the end of the run: live again
            return
        self.show_index(at + 1)

    def _stop_playing(self) -> None:
        self.player.stop()
        if self.bar.play.isChecked():
            self.bar.play.blockSignals(True)
            self.bar.play.setChecked(False)
            self.bar.play.setText(self.tr("Play"))
            self.bar.play.blockSignals(False)

    # -- sessions, projects --------------------------------------------------------------------------------
    def _session_started(self, _job) -> None:
        """Training draws the live network: the timeline lets go without redrawing."""
        self._stop_playing()
        self.export.cancel()
        self.rewound = None
        self._live_snap = None
        self._markers(None)

    def _replaced(self) -> None:
        self._stop_playing()
        self.source.stop()
        self.rewound = None
        self._live_snap = None
        self._markers(None)
        self._basis_key = None
        self.source.set_basis(None)
        self.refresh()

    def _failed(self, message: str) -> None:
        self.bar.say(message)
        self.side.window.statusBar().showMessage(message, 8000)

    def stop(self) -> None:
        """The window closes: no thread stays behind."""
        self._stop_playing()
        self.export.cancel()
        self.source.stop()

    # -- continue from here ------------------------------------------------------------------------------
    def continue_here(self) -> None:
        """A new run from the epoch shown (``runs.branch``), made the current one in one undo step; the run shown
        is kept."""
        epoch = self.rewound
        if epoch is None or epoch not in self.project.snapshots or self.side.controller.busy:
            return
        run_id = self.project.run.id
        self.rewound = None                    # the new run's views are drawn live, not over a rewound picture
        self._live_snap = None
        self._markers(None)
        self.side.push_runs_change(self.tr("Continue from epoch {0}").format(epoch),
                                   lambda: runs.branch(self.project, run_id, epoch))
        if self.project.run.id == run_id:      # refused (the status bar says why)
            self.refresh()
            return
        message = self.tr("Continued from epoch {0} as a new run, \u201c{1}\u201d (the run before is kept). "
                          "The optimizer starts afresh: snapshots keep weights only, not its state "
                          "(momentum, Adam's averages).").format(epoch, run_names.shown(self.project.run.name))
        self.bar.say(message)
        self.side.window.statusBar().showMessage(message, 15000)
        self.refresh()
