"""The training panel: settings, the Train/Pause/Step/Stop/Reset buttons and the progress line.

Settings are read from and written into the project's ``training`` and ``data["split"]`` dicts (the one
place they live); the panel only says that something changed. Buttons are enabled by the controller's state.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame,
                               QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox, QStyle,
                               QStyleOptionComboBox, QStylePainter, QVBoxLayout, QWidget)

from nnstudio import i18n
from nnstudio.engine import losses, optimizers

from .. import layer_text
from ..number_box import CompactDoubleSpinBox
from .controller import IDLE, PAUSED, PREPARING, RUNNING, STOPPING

AUTO = "__auto__"


def _float_box(value: float, lo: float = 0.0, hi: float = 1e6, decimals: int = 6) -> QDoubleSpinBox:
    box = CompactDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(lo, hi)
    box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    box.setValue(value)
    box.setKeyboardTracking(False)       # one change per finished edit, not per keystroke
    box.setMinimumWidth(60)              # the dock is narrow; the value still shows in full
    return box


def format_eta(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "–"
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ElidingComboBox(QComboBox):
    """A combo box narrower than its longest entry ("auto: sparse_categorical_crossentropy"), so the Training
    column leaves the canvas room at 1024x768: the chosen text is elided to fit, and read in full in the
    drop-down list and the tooltip."""

    def __init__(self, help_text: str = "", parent=None):
        super().__init__(parent)
        self.help_text = help_text
        self.currentTextChanged.connect(self.update_tip)

    def update_tip(self) -> None:
        """The tooltip reads the choice in full (call it after changing items with signals blocked)."""
        text = self.currentText()
        self.setToolTip(f"{text}\n{self.help_text}" if self.help_text else text)

    def showPopup(self) -> None:
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())
        super().showPopup()

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        opt.currentText = self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight,
                                                        field.width() - 2)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


# the pace choices: (label, pace for TrainingSession.set_pace); full speed first
PACES = ((QT_TRANSLATE_NOOP("TrainingPanel", "full speed"), None),
         (QT_TRANSLATE_NOOP("TrainingPanel", "10 epochs a second"), ("epoch", 10.0)),
         (QT_TRANSLATE_NOOP("TrainingPanel", "2 epochs a second"), ("epoch", 2.0)),
         (QT_TRANSLATE_NOOP("TrainingPanel", "10 batches a second"), ("batch", 10.0)),
         (QT_TRANSLATE_NOOP("TrainingPanel", "2 batches a second"), ("batch", 2.0)))

class TrainingPanel(QWidget):
    trainClicked = Signal()
    pauseClicked = Signal()
    stepClicked = Signal(str)            # "batch" or (Shift) "epoch"
    stopClicked = Signal()
    resetClicked = Signal()
    learningRateChanged = Signal(float)
    paceChanged = Signal(object)                   # None (full speed) or (unit, per second)
    regularizationChanged = Signal(float, float)   # l1, l2 for every layer with a kernel
    settingsChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self._loading = False
        self._opt_widgets: dict[str, QWidget] = {}
        self.task = "binary"
        self.output_activation: str | None = None

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.loss = ElidingComboBox(self.tr("What training minimises. Automatic picks the usual loss for the task "
                                            "and the output layer's activation."))
        self.optimizer = QComboBox()
        self.optimizer.addItems(optimizers.names())
        for combo in (self.loss, self.optimizer):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.optimizer.setToolTip(self.tr("The rule that turns gradients into weight updates"))
        self.lr = _float_box(0.01, 1e-7, 100.0)
        self.lr.setToolTip(self.tr("Step size. It may be changed while training: it applies from the next batch."))
        self.opt_form = QFormLayout()
        self.opt_form.setContentsMargins(12, 0, 0, 0)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1_000_000)
        self.epochs.setToolTip(self.tr("How many passes over the training data one press of Train runs"))
        self.endless = QCheckBox(self.tr("until stopped"))
        self.endless.setToolTip(self.tr("Train on and on until Stop is pressed"))
        self.pace = QComboBox()
        for label, _pace in PACES:
            self.pace.addItem(self.tr(label))
        self.pace.setToolTip(self.tr("Slow training down to watch each epoch or batch; it may be changed while "
                                     "training"))
        self.batch = QSpinBox()
        self.batch.setRange(0, 1_000_000)       # 0 shows "all": the whole training set per update (stored as None)
        self.batch.setSpecialValueText(QCoreApplication.translate("TrainingPanel", "all (full batch)"))
        self.batch.setToolTip(QCoreApplication.translate(
            "TrainingPanel", "Samples per weight update: 1 is stochastic gradient descent, all is full-batch "
            "gradient descent (type 0 or step below 1)"))
        self.l1 = _float_box(0.0, 0.0, 10.0)
        self.l1.setToolTip(self.tr("L1 penalty on every layer's weights (pushes weights to exactly zero)"))
        self.l2 = _float_box(0.0, 0.0, 10.0)
        self.l2.setToolTip(self.tr("L2 penalty on every layer's weights (keeps weights small)"))
        self.val_split = _float_box(0.2, 0.0, 0.9, 2)
        self.val_split.setSingleStep(0.05)
        self.val_split.setToolTip(self.tr("Share of the data held out to check the network on samples it "
                                          "never trains on"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(self.tr("Same seed, same starting weights and shuffling: runs can be repeated"))
        self.early = QCheckBox(self.tr("after"))
        self.early.setToolTip(self.tr("Stop when the validation loss has not improved for this many epochs"))
        self.patience = QSpinBox()
        self.patience.setRange(1, 100000)
        self.patience.setSuffix(self.tr(" epochs"))
        self.patience.setToolTip(self.tr("Epochs without improvement before training stops"))
        early_row = QHBoxLayout()
        early_row.addWidget(self.early)
        early_row.addWidget(self.patience, 1)
        form.addRow(self.tr("Loss"), self.loss)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.opt_form)
        epochs_row = QHBoxLayout()
        epochs_row.addWidget(self.epochs, 1)
        epochs_row.addWidget(self.endless)
        form.addRow(self.tr("Epochs"), epochs_row)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow("L1", self.l1)
        form.addRow("L2", self.l2)
        form.addRow(self.tr("Validation split"), self.val_split)
        # the Data panel's sentence when the split leaves the data too little to train on (XOR's 4 samples)
        self.split_note = QLabel("")
        self.split_note.setWordWrap(True)
        self.split_note.setStyleSheet("QLabel { background: #fff4e5; color: #5c3200; padding: 4px; "
                                      "border: 1px solid #f0b060; border-radius: 4px; }")
        self.split_note.hide()
        form.addRow(self.split_note)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Early stopping"), early_row)

        self.train_btn = QPushButton(self.tr("Train"))
        self.train_btn.setToolTip(self.tr("Train for the number of epochs set above, continuing from the current "
                                          "weights"))
        self.pause_btn = QPushButton(self.tr("Pause"))
        self.step_btn = QPushButton(self.tr("Step"))
        self.step_btn.setToolTip(self.tr("Train one batch, then wait (Shift+click: one epoch)"))
        self.stop_btn = QPushButton(self.tr("Stop"))
        self.reset_btn = QPushButton(self.tr("Reset weights"))
        self.reset_btn.setToolTip(self.tr("Start again from fresh random weights and clear the curves"))
        buttons = QGridLayout()           # two rows fit a narrow dock
        for i, b in enumerate((self.train_btn, self.pause_btn, self.step_btn, self.stop_btn)):
            buttons.addWidget(b, i // 2, i % 2)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("ready"))
        self.progress.setValue(0)   # a bar with no value yet draws no text: it looked like an empty field
        self._before_preparing = None   # (value, text) of the bar while Train's data is prepared
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.setStyleSheet("QLabel { background: #fff4e5; color: #5c3200; padding: 6px; "
                                   "border: 1px solid #f0b060; border-radius: 4px; }")
        self.message.hide()

        lay = QVBoxLayout(self)          # controls and progress first: they matter most while training
        lay.addLayout(buttons)
        pace_row = QHBoxLayout()
        pace_row.addWidget(QLabel(self.tr("Pace")))
        pace_row.addWidget(self.pace, 1)
        lay.addLayout(pace_row)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.message)
        lay.addLayout(form)
        lay.addWidget(self.reset_btn)
        lay.addStretch(1)

        self.train_btn.clicked.connect(self.trainClicked)
        self.pause_btn.clicked.connect(self.pauseClicked)
        self.step_btn.clicked.connect(self._step)
        self.stop_btn.clicked.connect(self.stopClicked)
        self.reset_btn.clicked.connect(self.resetClicked)
        self.optimizer.currentTextChanged.connect(self._optimizer_changed)
        self.lr.valueChanged.connect(self._lr_changed)
        for box in (self.epochs, self.batch, self.seed, self.patience):
            box.valueChanged.connect(self._write)
        self.val_split.valueChanged.connect(self._write)
        self.loss.currentIndexChanged.connect(self._write)
        self.early.toggled.connect(self._write)
        self.endless.toggled.connect(lambda on: self.epochs.setEnabled(not on and self.train_btn.isEnabled()))
        self.pace.currentIndexChanged.connect(lambda _i: self.paceChanged.emit(self.chosen_pace()))
        self.l1.valueChanged.connect(self._regularization)
        self.l2.valueChanged.connect(self._regularization)
        self.set_state(IDLE)

    # -- reading the project ---------------------------------------------------------------------------
    def load(self, project, task: str | None = None, output_activation: str | None = None,
             regularization: tuple[float, float] = (0.0, 0.0)) -> None:
        self.project = project
        self._loading = True
        try:
            self.set_context(task or self.task, output_activation)
            t = project.training
            loss = t.get("loss")
            idx = self.loss.findData(loss if isinstance(loss, str) else AUTO)
            self.loss.setCurrentIndex(max(idx, 0))
            opt = t.get("optimizer") or "adam"
            cfg = {"name": opt} if isinstance(opt, str) else dict(opt)
            self.optimizer.setCurrentText(cfg.get("name", "adam"))
            self._build_opt_form(cfg)
            self.epochs.setValue(int(t.get("epochs", 100)))
            batch = t.get("batch_size", 32)
            self.batch.setValue(0 if batch is None else int(batch))
            self.seed.setValue(int(t.get("seed", 0)))
            es = t.get("early_stopping")
            self.early.setChecked(bool(es))
            self.patience.setValue(int((es or {}).get("patience", 10)))
            self.val_split.setValue(float(project.data.get("split", {}).get("val", 0.2)))
            self.l1.setValue(regularization[0])
            self.l2.setValue(regularization[1])
        finally:
            self._loading = False

    def set_split_note(self, text: str) -> None:
        """Beside Validation split: why this split leaves the data too little to train on ("" hides it)."""
        self.split_note.setText(text)
        self.split_note.setVisible(bool(text))

    def set_context(self, task: str, output_activation: str | None) -> None:
        """The data's task and the output activation decide what "automatic" loss means."""
        self.task, self.output_activation = task, output_activation
        current = self.loss.currentData()
        self.loss.blockSignals(True)
        self.loss.clear()
        try:
            auto = losses.default_for(task, output_activation)
        except Exception:  # an unusual output; the learner picks a loss by hand
            auto = None
        self.loss.addItem(self.tr("auto: {loss}").format(loss=auto) if auto else self.tr("automatic"), AUTO)
        for name in losses.names():
            self.loss.addItem(name, name)
        idx = self.loss.findData(current)
        self.loss.setCurrentIndex(max(idx, 0))
        self.loss.blockSignals(False)
        self.loss.update_tip()

    def _build_opt_form(self, cfg: dict) -> None:
        while self.opt_form.rowCount():
            self.opt_form.removeRow(0)
        self._opt_widgets.clear()
        for spec in optimizers.param_specs(cfg.get("name", "adam")):
            value = cfg.get(spec.name, spec.default)
            if spec.name == "learning_rate":
                self.lr.blockSignals(True)
                self.lr.setValue(float(value))
                self.lr.blockSignals(False)
                continue
            if spec.kind == "bool":
                w = QCheckBox()
                w.setChecked(bool(value))
                w.toggled.connect(self._write)
            elif spec.kind == "int":
                w = QSpinBox()
                w.setRange(int(spec.min if spec.min is not None else 0), int(spec.max or 1_000_000))
                w.setValue(int(value or 0))
                w.valueChanged.connect(self._write)
            elif spec.kind == "float":
                w = _float_box(float(value or 0.0), float(spec.min if spec.min is not None else -1e6),
                               float(spec.max if spec.max is not None else 1e6), 8)
                if value is None:                       # optional settings (clipnorm): 0 shows "off"
                    w.setSpecialValueText(self.tr("off"))
                    # read back by this mark, not by the shown word: in Chinese "off" is translated
                    w.setProperty("optional", True)
                w.valueChanged.connect(self._write)
            else:
                continue
            w.setToolTip(i18n._(spec.help))
            self._opt_widgets[spec.name] = w
            self.opt_form.addRow(layer_text.param_label(spec.name, capitalize=False), w)

    # -- writing the project ---------------------------------------------------------------------------
    def optimizer_config(self) -> dict:
        name = self.optimizer.currentText()
        cfg = {"name": name, "learning_rate": float(self.lr.value())}
        for pname, w in self._opt_widgets.items():
            if isinstance(w, QCheckBox):
                cfg[pname] = w.isChecked()
            elif isinstance(w, QSpinBox):
                cfg[pname] = int(w.value())
            else:
                v = float(w.value())
                cfg[pname] = None if (w.property("optional") and v == w.minimum()) else v
        return cfg

    def _write(self, *_args) -> None:
        if self._loading or self.project is None:
            return
        t = self.project.training
        loss = self.loss.currentData()
        t["loss"] = None if loss in (AUTO, None) else loss
        t["optimizer"] = self.optimizer_config()
        t["epochs"] = int(self.epochs.value())
        t["batch_size"] = int(self.batch.value()) or None
        t["seed"] = int(self.seed.value())
        t["early_stopping"] = {"patience": int(self.patience.value())} if self.early.isChecked() else None
        self.patience.setEnabled(self.early.isChecked())
        self.project.data.setdefault("split", {})["val"] = round(float(self.val_split.value()), 4)
        self.settingsChanged.emit()

    def _optimizer_changed(self, name: str) -> None:
        if self._loading:
            return
        self._build_opt_form({"name": name, "learning_rate": self.lr.value()})
        self._write()

    def _lr_changed(self, value: float) -> None:
        if self._loading:
            return
        self._write()
        self.learningRateChanged.emit(float(value))

    def _regularization(self, *_args) -> None:
        if not self._loading:
            self.regularizationChanged.emit(float(self.l1.value()), float(self.l2.value()))

    def _step(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.stepClicked.emit("epoch" if shift else "batch")

    def planned_epochs(self) -> int | None:
        """Epochs the next Train runs; None: until stopped."""
        return None if self.endless.isChecked() else int(self.epochs.value())

    def chosen_pace(self):
        """None (full speed) or (unit, per second), as TrainingSession.set_pace takes it."""
        return PACES[max(self.pace.currentIndex(), 0)][1]

    # -- state and progress ----------------------------------------------------------------------------
    def set_state(self, state: str) -> None:
        busy = state != IDLE
        self.train_btn.setEnabled(state == IDLE)
        self.pause_btn.setEnabled(state in (RUNNING, PAUSED))
        self.pause_btn.setText(self.tr("Resume") if state == PAUSED else self.tr("Pause"))
        self.step_btn.setEnabled(state in (IDLE, PAUSED, RUNNING))
        self.stop_btn.setEnabled(state in (RUNNING, PAUSED, PREPARING))
        self.stop_btn.setText(self.tr("Cancel") if state == PREPARING else self.tr("Stop"))
        self.reset_btn.setEnabled(state == IDLE)
        # settings that change what the network is or how batches are cut wait until training stops;
        # the learning rate is safe between batches
        for w in (self.loss, self.optimizer, self.epochs, self.endless, self.batch, self.l1, self.l2,
                  self.val_split, self.seed, self.early, self.patience, *self._opt_widgets.values()):
            w.setEnabled(not busy)
        self.epochs.setEnabled(not busy and not self.endless.isChecked())
        self.patience.setEnabled(not busy and self.early.isChecked())
        self.lr.setEnabled(state != STOPPING)
        before, self._before_preparing = self._before_preparing, None
        if state == PREPARING:
            self._before_preparing = (self.progress.value(), self.progress.format())
            self.on_preparing(0, 1)
        elif state == IDLE and before is not None:      # cancelled or failed: the bar says what it said
            self.progress.setValue(before[0])
            self.progress.setFormat(before[1])
        if state == IDLE:
            self.progress.setFormat(self.progress.format() if self.progress.value() else self.tr("ready"))

    def on_preparing(self, done: int, total: int) -> None:
        """Train's data is being split and scaled off the GUI thread (a large set): how far it got."""
        self.progress.setValue(int(1000 * done / max(total, 1)))
        self.progress.setFormat(self.tr("Preparing the data…"))

    def on_progress(self, info) -> None:
        """A session's Progress (about ten a second); the line is painted in the next frame."""
        pos = info.position
        # setValue repaints at once, and a synchronous repaint paints everything else that is dirty in the
        # window too: with updates off it only marks the bar, painted with the next frame
        self.progress.setUpdatesEnabled(False)
        if info.epoch_end is None:       # until stopped: no end to measure against
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("epoch {0}").format(int(pos) + 1))
        else:
            end = max(info.epoch_end, 1)
            self.progress.setValue(int(1000 * min(pos / end, 1.0)))
            self.progress.setFormat(self.tr("epoch {0} of {1}").format(min(int(pos) + 1, end), end))
        self.progress.setUpdatesEnabled(True)
        self.progress.update()
        eta = "" if info.final or info.eta_s is None else self.tr(" · ETA {0}").format(format_eta(info.eta_s))
        self.status.setText(self.tr("step {step}{eta} · {rate} samples/s").format(
            step=f"{info.step:,}", eta=eta, rate=f"{info.samples_per_s:,.0f}"))

    def show_trained(self, epochs: int) -> None:
        """No session yet in this window: how far the project's weights were trained (0: not at all)."""
        self.progress.setValue(1000 if epochs else 0)
        text = (self.tr("ready") if not epochs else self.tr("1 epoch trained") if epochs == 1
                else self.tr("{0} epochs trained").format(epochs))
        self.progress.setFormat(text)
        self.status.setText("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
