"""Compare variants: pick one setting and a list of values; each variant trains from scratch, one after another
off the GUI thread, and joins the project's runs as it finishes (the Compare Runs window shows it at once).

A variant is ``nnstudio.project.compare``'s (the one description of a variant, shared with ``nnstudio compare``):
the project reset with the setting changed, trained as ``nnstudio train`` trains it, so the same settings and
seed give that command's numbers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QSpinBox, QVBoxLayout)

from nnstudio.engine.training import Callback
from nnstudio.project import compare
from nnstudio.project.errors import ProjectError

from . import gil
from .background import Background

PROGRESS_GAP_S = 0.1     # the work reports (and looks for a cancel) at most this often


def _tr(text: str) -> str:
    return QCoreApplication.translate("VariantsDialog", text)


@dataclass(frozen=True)
class Setting:
    """A setting the dialog varies: its key under ``training.`` or, for a layer parameter, the parameter name
    (``layer`` True: the user picks one layer or every hidden layer); ``example``: values to start from."""

    label: str
    key: str
    layer: bool
    example: str


def settings() -> list[Setting]:
    return [Setting(_tr("Batch size (all: the whole set)"), "training.batch_size", False, "1, 16, all"),
            Setting(_tr("Learning rate"), "training.optimizer.learning_rate", False, "0.1, 0.01, 0.001"),
            Setting(_tr("Optimizer (each with its defaults)"), "training.optimizer", False, "sgd, rmsprop, adam"),
            Setting(_tr("Seed"), "training.seed", False, "0, 1, 2"),
            Setting(_tr("Activation"), "activation", True, "sigmoid, tanh, relu"),
            Setting(_tr("Weight initializer"), "kernel_initializer", True, "zeros, glorot_uniform, he_normal"),
            Setting(_tr("Units"), "units", True, "2, 8, 32")]


def hidden_layers(spec: dict, param: str) -> list[str]:
    """The ids of the layers with ``param`` that feed another layer (the output layer keeps its own)."""
    feeding = {e[0] for e in spec.get("edges", [])}
    return [n["id"] for n in spec.get("nodes", []) if param in (n.get("params") or {}) and n["id"] in feeding]


def variants(setting: Setting, layer: str | None, text: str, spec: dict) -> list[tuple[str, compare.Variant]]:
    """(run name, Variant) for each value typed (``V1, V2, ...``); ``layer`` None: every hidden layer.
    ValueError with a sentence when the values or the setting do not make a grid."""
    if not setting.layer:
        whole = setting.key == "training.batch_size"
        if whole:   # "all", as the Training panel's batch size box says it (null, the stored value, works too)
            text = ",".join("null" if v.strip().lower() == "all" else v for v in text.split(","))
        vary = compare.parse_vary(f"{setting.key}={text}")
        return [(v.name.replace("=null", "=all") if whole else v.name, v) for v in compare.grid([vary])]
    targets = [layer] if layer is not None else hidden_layers(spec, setting.key)
    if not targets:
        raise ValueError(_tr("No hidden layer has this setting."))
    out = []
    for variant in compare.grid([compare.parse_vary(f"spec.{targets[0]}.{setting.key}={text}")]):
        value = variant.settings[0][1]
        out.append((variant.name if layer is not None else compare.Variant(((setting.key, value),)).name,
                    compare.Variant(tuple((f"spec.{t}.{setting.key}", value) for t in targets))))
    return out


class _Report(Callback):
    """Reports epochs done to the Background's progress (which raises once Cancel was pressed), by time."""

    def __init__(self, progress, epochs: int):
        self.progress, self.epochs, self._next = progress, epochs, 0.0

    def on_batch_end(self, net, logs):
        if time.perf_counter() >= self._next:
            self._report(logs["epoch"])

    def on_epoch_end(self, net, logs):
        if time.perf_counter() >= self._next:
            self._report(logs["epoch"] + 1)

    def _report(self, done: int) -> None:
        self._next = time.perf_counter() + PROGRESS_GAP_S
        self.progress(done, self.epochs)


class VariantsDialog(QDialog):
    """Non-modal: the window stays usable while the variants train."""

    variantsDone = Signal()     # the last variant was kept, or training them stopped (cancel, an error)

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("variants_dialog")
        self.setWindowTitle(self.tr("Compare variants"))
        self.main = window
        self.background = Background(self)
        self.queue: list[tuple[str, compare.Variant]] = []
        self.base = None            # the project the variants are made from, as it was at Train
        self.trained = 0
        self.total = 0
        self.setting = QComboBox()
        self.setting.setAccessibleName(self.tr("Setting"))
        self.settings = {s.key: s for s in settings()}
        for s in self.settings.values():
            self.setting.addItem(s.label, s.key)
        self.layer = QComboBox()
        self.layer.setAccessibleName(self.tr("Layer"))
        self.values = QLineEdit()
        self.values.setAccessibleName(self.tr("Values"))
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1_000_000)
        self.epochs.setValue(int(window.project.training.get("epochs", 100)))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.train_btn = QPushButton(self.tr("Train variants"))
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        self.cancel_btn.setVisible(False)
        close = QPushButton(self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.tr("Vary:"), self.setting)
        form.addRow(self.tr("In layer:"), self.layer)
        form.addRow(self.tr("Values (comma-separated):"), self.values)
        form.addRow(self.tr("Epochs each:"), self.epochs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.train_btn)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Each variant trains from scratch with the current settings and the one setting "
                              "changed, one after another; each becomes a run of the project as it finishes."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.setting.currentIndexChanged.connect(self._setting_changed)
        self.train_btn.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self.cancel)
        close.clicked.connect(self.close)
        self.background.progressed.connect(self._progressed)
        self.background.finished.connect(self._variant_done)
        self.background.failed.connect(self._failed)
        self.background.cancelled.connect(self._stopped)
        window.training.controller.stateChanged.connect(lambda _state: self._keep_pending())
        self.pending = []           # finished runs waiting for the window's training to end
        self._holding = False       # gil.hold() in force while variants train
        window.installEventFilter(self)
        window.projectReplaced.connect(self._project_replaced)
        window.scene.analysisChanged.connect(self._layers_changed)
        self._setting_changed()
        self.resize(520, self.sizeHint().height())

    def _setting_changed(self) -> None:
        s = self.settings[self.setting.currentData()]
        self.values.setPlaceholderText(s.example)
        self.layer.clear()
        self.layer.setEnabled(s.layer)
        if s.layer:
            self.layer.addItem(self.tr("every hidden layer"), None)
            spec = self.main.document.spec
            for nid in [n["id"] for n in spec["nodes"] if s.key in (n.get("params") or {})]:
                self.layer.addItem(self.main.document.display_name(nid), nid)

    def _layers_changed(self) -> None:
        """The network was edited: list its layers again, keeping the one chosen if it is still there."""
        chosen = self.layer.currentData()
        self._setting_changed()
        if chosen is not None and (i := self.layer.findData(chosen)) >= 0:
            self.layer.setCurrentIndex(i)

    def _project_replaced(self) -> None:
        """Another project was opened: variants of the old one stop, and none of them joins the new one."""
        stopped = self.running()
        self._stop_now()
        self.pending = []
        self.epochs.setValue(int(self.main.project.training.get("epochs", 100)))
        self._setting_changed()
        self.message.setText(self.tr("Stopped: another project was opened ({0} of {1} variants had been "
                                     "trained).").format(self.trained, self.total) if stopped else "")

    def running(self) -> bool:
        return self.background.running() or bool(self.queue)

    # ---- training them ----------------------------------------------------------------------------------
    def start(self) -> None:
        if self.running():
            return
        s = self.settings[self.setting.currentData()]
        text = self.values.text().strip() or s.example
        try:
            planned = variants(s, self.layer.currentData(), text, self.main.document.spec)
            self.main.spec_to_project()
            base = self.main.project.snapshot()
            for _name, variant in planned:        # every value checked before anything trains
                compare.apply(base, variant)
        except (ValueError, ProjectError) as exc:
            self.message.setText(getattr(exc, "message", None) or str(exc))
            return
        self.train_variants(base, planned)

    def train_variants(self, base, planned: list[tuple[str, compare.Variant]]) -> None:
        """Train each (run name, Variant) of ``base`` (a Project copy), one after another (a grid of several
        settings too: the benchmark's 3x3 grid comes this way)."""
        self.base, self.queue = base, list(planned)
        self.trained, self.total = 0, len(planned)
        self.message.setText("")
        self._busy(True)
        self._next()

    def _next(self) -> None:
        if not self.queue:
            self._busy(False)
            self.message.setText(self.tr("{0} variants trained.").format(self.trained))
            self.variantsDone.emit()
            return
        name, variant = self.queue[0]
        base, epochs = self.base, self.epochs.value()
        self.progress.setFormat(self.tr("{0} ({1} of {2}): %p%").format(name, self.trained + 1, self.total))
        self.progress.setRange(0, epochs)
        self.progress.setValue(0)
        self.background.start(lambda progress: compare.train(base, variant, epochs=epochs,
                                                             callbacks=[_Report(progress, epochs)]))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _variant_done(self, outcome: compare.Outcome) -> None:
        name, _variant = self.queue.pop(0)
        run = compare.as_run(outcome)
        run.info.name = name
        self.pending.append(run)
        self._keep_pending()
        self.trained += 1
        self._next()

    def _keep_pending(self) -> None:
        """Finished runs join the project (one undo step each batch), once the window is not training."""
        training = self.main.training
        if self.pending and not training.controller.busy:
            kept, self.pending = self.pending, []
            training.keep_runs(kept)

    def _failed(self, message: str) -> None:
        self.queue = []
        self._busy(False)
        self.message.setText(message)
        self.variantsDone.emit()

    def cancel(self) -> None:
        """The variant training now stops; those finished stay."""
        self.queue = []
        self.background.cancel()

    def _stopped(self) -> None:
        self.queue = []
        self._busy(False)
        self.message.setText(self.tr("Cancelled: {0} of {1} variants trained.").format(self.trained, self.total))
        self.variantsDone.emit()

    def _busy(self, on: bool) -> None:
        if on != self._holding:
            gil.hold() if on else gil.release()
            self._holding = on
        self.progress.setVisible(on)
        self.cancel_btn.setVisible(on)
        self.train_btn.setEnabled(not on)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.main and event.type() == QEvent.Type.Close:
            self._stop_now()        # no thread outlives the window
        return False

    def _stop_now(self) -> None:
        self.queue = []
        self.background.stop()
        self._busy(False)

    def done(self, result: int) -> None:
        """Closing the dialog (Close, Escape, the title bar) stops the variant training."""
        if self.running():
            self._stop_now()
        super().done(result)


def open_variants_dialog(window) -> VariantsDialog:
    dialog = window.findChild(VariantsDialog, "variants_dialog")
    if dialog is None:
        dialog = VariantsDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
