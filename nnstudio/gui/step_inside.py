"""Step inside one training step (the backprop explorer): forward node by node, the loss, backward node by node,
the update, on the current project's network and a sample the student picks.

The network is drawn as columns of neurons (``step_diagram``): values as small circles up to 16 units, a
heatmap beyond; the formula of each stop with its numbers is written beside it (``step_formulas``). Every
number comes from ``nnstudio.engine.trace`` (whose gradients are the network's own) and ``preview_update``
(the project's optimizer applied to copies). "Apply this step" trains the project's network on those samples
with its own optimizer, once, through ``Network.fit``, and records it like any training session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from nnstudio.data.errors import DataError
from nnstudio.engine import optimizers, trace
from nnstudio.engine.errors import SpecError, TrainingDiverged
from nnstudio.engine.trace import Stage, Trace, Update, preview_update, stages
from nnstudio.project.errors import ProjectError

from . import data_names, screen_fit
from . import step_formulas as formulas
from .follow_project import Follower
from .plots import base as plots
from .presentation import ScaledText
from .step_diagram import Column, NetworkDiagram, Picture



class StepRefused(Exception):
    """Applying a step is not possible now (a sentence saying why)."""


DOMAIN_ERRORS = (ProjectError, DataError, SpecError, TrainingDiverged, StepRefused)
MAX_BATCH = 8
SPLIT, SPLIT_LARGE = [640, 520], [460, 540]     # diagram : formulas, normally and in presentation mode


def _tr(text: str) -> str:
    return QCoreApplication.translate("StepInside", text)


@dataclass
class StepSource:
    """What the explorer steps through: a network with the project's weights and optimizer state, its
    training data as the network sees it, the loss and optimizer settings, and the nodes' display names."""

    network: object
    X: np.ndarray
    y: np.ndarray
    loss: str | dict
    optimizer: str | dict
    names: dict[str, str]
    class_names: list | None = None
    preprocessor: object | None = None      # how the data's features became X (to show a sample as given)


def optimizer_settings(config) -> tuple[str, float, float]:
    """(name, learning rate, momentum) of an optimizer config, its defaults filled in."""
    opt = optimizers.get(config)
    return opt.name, float(opt.learning_rate), float(getattr(opt, "momentum", 0.0) or 0.0)


class StepInside(QWidget):
    """A window of its own: the sample and the buttons on top, the network on the left, the formula right."""

    def __init__(self, parent=None, source: Callable[[], StepSource] | None = None,
                 apply: Callable[[list[int]], str] | None = None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Step inside one training step"))
        self.setObjectName("step_inside")
        self.source, self.apply_fn = source, apply
        self.follower = None          # follow_project's timer, when the view follows a window
        self.src: StepSource | None = None
        self.trace: Trace | None = None
        self.stops: list[Stage] = []
        self.position = 0
        self.updates: list[Update] | None = None
        self.update_problem = ""

        self.sample = QSpinBox(minimum=1, maximum=1)
        self.batch = QSpinBox(minimum=1, maximum=MAX_BATCH, value=1)
        self.batch.setToolTip(self.tr("How many samples (from the chosen one on) this step trains on"))
        self.restart = QPushButton(self.tr("Restart"))
        self.back = QPushButton(self.tr("◀ Back"))
        self.forward = QPushButton(self.tr("Forward ▶"))
        self.forward.setShortcut(Qt.Key_Right)
        self.back.setShortcut(Qt.Key_Left)
        self.apply_button = QPushButton(self.tr("Apply this step"))
        self.apply_button.setToolTip(self.tr("Train the project's network on these samples once, with its "
                                             "optimizer: the curves and views record it"))
        self.where = QLabel()
        bar = QHBoxLayout()
        for label, widget in ((self.tr("Sample"), self.sample), (self.tr("Samples in the step"), self.batch)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.restart, self.back, self.forward):
            bar.addWidget(widget)
        bar.addWidget(self.where, 1)
        bar.addWidget(self.apply_button)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.diagram = NetworkDiagram()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        font = self.text.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 2)
        self.text.setFont(font)
        for label in (self.where, self.message):
            f = label.font()
            f.setPointSizeF(max(f.pointSizeF(), 10.0) + 1)
            label.setFont(f)
        self._scaled_text = ScaledText(self.text, self.message)     # not the button row: it sets the width
        self.split = split = QSplitter(Qt.Horizontal)
        split.addWidget(self.diagram)
        split.addWidget(self.text)
        split.setSizes(SPLIT)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

        self.restart.clicked.connect(lambda: self.go(0))
        self.back.clicked.connect(lambda: self.go(self.position - 1))
        self.forward.clicked.connect(lambda: self.go(self.position + 1))
        self.apply_button.clicked.connect(self.apply_step)
        self.sample.valueChanged.connect(self._samples_changed)
        self.batch.valueChanged.connect(self._samples_changed)
        screen_fit.size_window(self, 1200, 720)

    def rescaled(self) -> None:
        """Presentation mode began or ended: the formulas, the messages and the diagram at its scale."""
        self._scaled_text.apply()
        self.diagram.set_scale(plots.current_scale())
        # the update table's larger text needs more of the width, or Qt squeezes it and breaks its formulas
        # inside a number ("0.5·(−0.282" / ") = −0.363"); the diagram fits itself to what is left
        self.split.setSizes(SPLIT_LARGE if plots.current_scale() > 1.0 else SPLIT)

    # -- data -------------------------------------------------------------------------------------------------
    def reload(self) -> bool:
        """Read the project's network, weights and data again; False (and the sentence shown) if it cannot."""
        try:
            src = self.source()
        except DOMAIN_ERRORS as exc:
            self._refuse(str(exc))
            return False
        self.src = src
        n = len(src.X)
        self.sample.blockSignals(True)
        self.sample.setMaximum(max(n, 1))
        self.sample.blockSignals(False)
        self.batch.setMaximum(max(1, min(MAX_BATCH, n)))
        return self.retrace()

    def start_over(self) -> None:
        """Another project: its step is walked from the input, with its first sample (read when shown)."""
        self.position = 0
        self.sample.blockSignals(True)
        self.sample.setValue(1)
        self.sample.blockSignals(False)

    def rows(self) -> list[int]:
        n = len(self.src.X)
        first = self.sample.value() - 1
        return [(first + k) % n for k in range(min(self.batch.value(), n))]

    def retrace(self) -> bool:
        src = self.src
        rows = self.rows()
        try:
            self.trace = trace(src.network, src.X[rows], src.y[rows], src.loss)
        except (*DOMAIN_ERRORS, ValueError) as exc:    # a loss refusing the targets' shape says so in a sentence
            self._refuse(str(exc))
            return False
        try:
            self.updates, self.update_problem = preview_update(src.network, self.trace, src.optimizer), ""
        except ValueError as exc:
            self.updates, self.update_problem = None, str(exc)
        self.stops = stages(self.trace)
        self.message.clear()
        self.go(min(self.position, len(self.stops) - 1))
        return True

    def _refuse(self, sentence: str) -> None:
        self.trace, self.stops, self.position = None, [], 0
        self.message.setText(sentence)
        self.diagram.set_picture(Picture([]))
        self.text.clear()
        self.where.clear()
        for button in (self.restart, self.back, self.forward, self.apply_button):
            button.setEnabled(False)

    def _samples_changed(self) -> None:
        if self.src is not None:
            self.retrace()

    # -- stepping ---------------------------------------------------------------------------------------------
    def go(self, position: int) -> None:
        if not self.stops:
            return
        self.position = max(0, min(position, len(self.stops) - 1))
        stage = self.stops[self.position]
        self.diagram.set_picture(self.picture())
        self.text.setHtml(self.formula(stage))
        self.where.setText(self.tr("Stop {0} of {1}: {2}").format(self.position + 1, len(self.stops),
                                                                   self.stage_name(stage)))
        self.restart.setEnabled(self.position > 0)
        self.back.setEnabled(self.position > 0)
        self.forward.setEnabled(self.position < len(self.stops) - 1)
        self.apply_button.setEnabled(self.apply_fn is not None)

    def stage_name(self, stage: Stage) -> str:
        name = self.src.names.get(stage.node_id, stage.node_id)
        return {"input": self.tr("the input"), "forward": self.tr("forward through {0}").format(name),
                "loss": self.tr("the loss"), "backward": self.tr("backward through {0}").format(name),
                "update": self.tr("the update")}[stage.kind]

    def target_text(self) -> str:
        y = np.asarray(self.src.y[self.rows()[0]]).ravel()
        text = ", ".join(formulas.num(v) for v in y[:formulas.SHOWN])
        names = data_names.shown(self.src.class_names)
        if names is not None and y.size == 1 and float(y[0]).is_integer() and 0 <= int(y[0]) < len(names):
            return self.tr("{0} (class '{1}')").format(text, names[int(y[0])])
        if names is not None and y.size == len(names) and y.size > 1:
            return self.tr("{0} (class '{1}')").format(text, names[int(np.argmax(y))])
        return text

    def given_input(self) -> tuple[str, np.ndarray] | None:
        """(how the features were scaled, the first sample as the data gives it) when the network sees them
        scaled; None when it sees the data as it is."""
        prep = self.src.preprocessor
        kind = prep.scaling() if prep is not None and prep.fitted else None
        if kind is None:
            return None
        return kind, prep.inverse_transform_X(self.src.X[self.rows()[:1]])[0]

    def formula(self, stage: Stage) -> str:
        tr, names = self.trace, self.src.names
        node = tr.node(stage.node_id) if stage.node_id is not None else None
        if stage.kind == "input":
            return formulas.input_html(tr, self.rows(), self.target_text(), self.given_input())
        if stage.kind == "forward":
            return formulas.forward_html(tr, node, names.get(node.node_id, node.node_id))
        if stage.kind == "loss":
            return formulas.loss_html(tr, self.target_text())
        if stage.kind == "backward":
            consumers = [n for n in tr.nodes if node.node_id in n.input_ids]
            return formulas.backward_html(tr, node, names.get(node.node_id, node.node_id),
                                          [names.get(n.node_id, n.node_id) for n in consumers],
                                          all(formulas.fully_connected(n) for n in consumers))
        if self.updates is None:
            return formulas.heading(self.tr("The update")) + formulas.line(self.update_problem)
        name, lr, momentum = optimizer_settings(self.src.optimizer)
        return formulas.update_html(self.updates, name, lr, momentum)

    def picture(self) -> Picture:
        """The columns as they stand at the current stop: forward values (a) up to the node reached, then δ
        coming back (the forward values stay, pale)."""
        tr = self.trace
        done = self.stops[:self.position + 1]
        forwarded = {s.node_id for s in done if s.kind in ("input", "forward")}
        backed = {s.node_id for s in done if s.kind == "backward"}
        going_back = any(s.kind in ("loss", "backward", "update") for s in done)
        current = self.stops[self.position].node_id
        index = {n.node_id: i for i, n in enumerate(tr.nodes)}
        columns = []
        for n in tr.nodes:
            name = self.src.names.get(n.node_id, n.node_id)
            if n.node_id in backed:
                values, faded = (n.delta if n.delta is not None else n.grad_a)[0].ravel(), False
                what = "δ = dL/dz" if n.delta is not None else "dL/da"
            elif n.node_id in forwarded:
                values, faded = n.a[0].ravel(), going_back
                what = "x" if n is tr.nodes[0] else ("a = " + n.activation + "(z)" if n.activation else "a")
            else:
                values, faded, what = None, False, ""
            footer = ""
            if n is tr.nodes[-1] and going_back:
                footer = self.tr("target {0}").format(self.target_text())
            columns.append(Column(n.node_id, name, n.type, values, tuple(n.a.shape[1:]),
                                  current=n.node_id == current, faded=faded, what=what, footer=footer))
        weights, links = [], []
        after = {}   # at the update the lines show the new weights
        if self.stops[self.position].kind == "update" and self.updates:
            after = {u.key: u.after for u in self.updates}
        for n in tr.nodes[1:]:
            for p in n.input_ids:
                if formulas.fully_connected(n):
                    kernel = after.get(f"{n.node_id}/kernel", n.weights["kernel"])
                    weights.append((index[p], index[n.node_id], kernel))
                else:
                    links.append((index[p], index[n.node_id]))
        return Picture(columns, weights, links)

    # -- applying -----------------------------------------------------------------------------------------------
    def apply_step(self) -> None:
        if self.apply_fn is None or self.src is None:
            return
        try:
            sentence = self.apply_fn(self.rows())
        except DOMAIN_ERRORS as exc:
            self.message.setText(str(exc))
            return
        self.position = 0
        if self.follower is not None:
            self.follower.stop()       # the project changed by our own hand: read once, here, keeping the sentence
        if self.reload():
            self.message.setText(sentence)


def window_source(window) -> StepSource:
    """The window's network (its document's spec) with the project's weights, optimizer state and data."""
    from nnstudio.project import runner
    window.spec_to_project()
    spec = window.document.spec
    prepared = runner.prepare(window.project, spec=spec)
    names = {n["id"]: n.get("name") or n["id"] for n in spec["nodes"]}
    return StepSource(prepared.network, prepared.X, prepared.y, prepared.loss,
                      prepared.fit_kwargs.get("optimizer", "adam"), names, prepared.dataset.class_names,
                      prepared.preprocessor)


def apply_step(window, rows: list[int]) -> str:
    """Train the window's project once on the training samples ``rows``, with its optimizer and state, and
    record it like a session (one short epoch in the curves); returns the sentence to show."""
    from nnstudio.project import runner
    training = getattr(window, "training", None)
    if training is not None and training.controller.busy:
        raise StepRefused(_tr("Training is running: stop it before applying a step by hand."))
    window.spec_to_project()
    spec = window.document.spec
    prepared = runner.prepare(window.project, spec=spec)
    kw = prepared.fit_kwargs
    history = prepared.network.fit(prepared.X[rows], prepared.y[rows], loss=kw["loss"],
                                   optimizer=kw["optimizer"], epochs=1, batch_size=len(rows), shuffle=False,
                                   validation_data=kw.get("validation_data"), initial_epoch=kw["initial_epoch"])
    runner.record(window.project, prepared, history)
    window.mark_modified()
    if training is not None:
        from .step_views import show_recorded
        show_recorded(training, prepared, spec)
    loss = history.history["loss"][-1]
    return _tr("Applied: the network took this step (loss on these samples before it: {0}); it is epoch {1} "
               "in the curves.").format(formulas.num(loss), runner.epochs_done(window.project))


def open_step_inside(window) -> StepInside:
    """Show the explorer (one per main window) on the window's current project, raising it when open."""
    view = window.findChild(StepInside, "step_inside")
    if view is None:
        view = StepInside(window, source=lambda: window_source(window), apply=lambda rows: apply_step(window, rows))
        view.follower = Follower(view, window, view.reload)
        window.projectReplaced.connect(view.start_over)
        plots.match_scale(view)             # opened during presentation mode: at its scale
    view.reload()
    view.show()
    view.raise_()
    view.activateWindow()
    return view
