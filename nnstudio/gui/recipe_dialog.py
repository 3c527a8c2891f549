"""File ▸ New from scikit-learn Recipe: MLPRegressor / MLPClassifier arguments in, a normal project out.

The translation is Qt-free (``nnstudio.document.sklearn_recipe``); this dialog only gathers the arguments,
shows the scikit-learn call and what it becomes as the learner types, and builds the project. The new project
keeps the current project's data, so a learner loads California housing first, then writes the recipe.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout)

from nnstudio.document import sklearn_recipe as sk
from nnstudio.engine.network import Network
from nnstudio.gui import theme
from nnstudio.project import Project


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecipeDialog", text)


class RecipeDialog(QDialog):
    """The recipe's arguments; ``dataset`` (or None) decides the inputs, outputs and task."""

    def __init__(self, dataset=None, test_fraction: float = 0.0, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New from scikit-learn Recipe"))
        self.dataset, self.test_fraction = dataset, float(test_fraction)
        form = QFormLayout()
        self.estimator = QComboBox()
        self.estimator.addItems(list(sk.ESTIMATORS))
        if dataset is not None and dataset.task != "regression":
            self.estimator.setCurrentText("MLPClassifier")
        self.sizes = QLineEdit("50, 50, 50")
        self.activation = QComboBox()
        self.activation.addItems(list(sk.ACTIVATIONS))
        self.activation.setCurrentText(sk.Recipe().activation)
        self.solver = QComboBox()
        self.solver.addItems(list(sk.SOLVERS))
        self.solver.setCurrentText(sk.Recipe().solver)
        self.alpha = QLineEdit("0.0001")
        self.learning_rate = QLineEdit("0.001")
        self.batch_size = QLineEdit("auto")
        self.max_iter = QSpinBox()
        self.max_iter.setRange(1, 100000)
        self.max_iter.setValue(200)
        self.early_stopping = QCheckBox(self.tr("hold out 10 % and stop when the validation score stalls"))
        self.random_state = QSpinBox()
        self.random_state.setRange(0, 2**31 - 1)
        rows = [("estimator", self.estimator), ("hidden_layer_sizes", self.sizes), ("activation", self.activation),
                ("solver", self.solver), ("alpha", self.alpha), ("learning_rate_init", self.learning_rate),
                ("batch_size", self.batch_size), ("max_iter", self.max_iter),
                ("early_stopping", self.early_stopping), ("random_state", self.random_state)]
        self.inputs = QSpinBox()
        self.inputs.setRange(1, 100000)
        self.inputs.setValue(2)
        if dataset is None:  # no data yet: the learner says how many inputs (one output, one class score)
            rows.insert(1, (self.tr("inputs (no data chosen)"), self.inputs))
        for label, widget in rows:
            form.addRow(label, widget)
        self.call = QLabel()
        self.call.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.call.setStyleSheet("font-family: monospace;")
        self.call.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if dataset is None:
            about = self.tr("No data chosen yet: the network gets the inputs below and one output. Choose the data "
                            "first (Data panel) to build for it.")
        else:
            about = self.tr("For the current data: {rows:,} rows, {inputs} inputs per row.").format(
                rows=len(dataset), inputs=" × ".join(str(n) for n in dataset.X.shape[1:]))
        self.about = QLabel(about)
        self.about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(self.call)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        for edit in (self.sizes, self.alpha, self.learning_rate, self.batch_size):
            edit.textChanged.connect(self._refresh)
        for combo in (self.estimator, self.activation, self.solver):
            combo.currentIndexChanged.connect(self._refresh)
        for spin in (self.max_iter, self.random_state, self.inputs):
            spin.valueChanged.connect(self._refresh)
        self.early_stopping.toggled.connect(self._refresh)
        self.setMinimumWidth(520)
        self._refresh()

    # ---- the recipe ---------------------------------------------------------------------------------
    def recipe(self) -> sk.Recipe:
        """The arguments as typed; RecipeError names the first one that does not read."""
        batch = self.batch_size.text().strip()
        try:
            batch_size = "auto" if batch == "auto" else int(batch)
        except ValueError:
            raise sk.RecipeError(_tr("batch_size must be 'auto' or a whole number, not {text!r}.")
                                 .format(text=batch)) from None
        numbers = {}
        for name, edit in (("alpha", self.alpha), ("learning_rate_init", self.learning_rate)):
            try:
                numbers[name] = float(edit.text())
            except ValueError:
                raise sk.RecipeError(_tr("{name} must be a number, not {text!r}.")
                                     .format(name=name, text=edit.text())) from None
        return sk.Recipe(hidden_layer_sizes=sk.parse_sizes(self.sizes.text()),
                         activation=self.activation.currentText(), solver=self.solver.currentText(),
                         batch_size=batch_size, max_iter=self.max_iter.value(),
                         early_stopping=self.early_stopping.isChecked(), random_state=self.random_state.value(),
                         **numbers)

    def translation(self) -> sk.Translation:
        estimator = self.estimator.currentText()
        if self.dataset is None:
            kind = "regression" if estimator == "MLPRegressor" else "binary"
            shape, outputs, rows = (self.inputs.value(),), 1, 200
        else:
            shape, outputs, kind, rows = sk.data_shape(estimator, self.dataset)
        return sk.translate(self.recipe(), shape, outputs, kind, rows, self.test_fraction)

    def project(self, data: dict | None, fit=None) -> Project:
        """A new project with the recipe's network and training and a copy of ``data``, laid out for the
        canvas sizes ``fit`` (see layout.arrange)."""
        estimator, recipe, translation = self.estimator.currentText(), self.recipe(), self.translation()
        project = Project.new(sk.call_text(estimator, recipe))
        if data:
            project.data = copy.deepcopy(data)
        project.lesson = self.tr("scikit-learn's {estimator}, rebuilt as a network you can watch learn.") \
            .format(estimator=estimator)
        project.notes = sk.notes(estimator, recipe, translation)
        sk.apply_to_project(project, translation, fit)
        return project

    def _refresh(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.Ok)
        try:
            recipe = self.recipe()
            self.call.setText(sk.call_text(self.estimator.currentText(), recipe))
            t = self.translation()
        except sk.RecipeError as exc:
            self.call.setText("")
            self.summary.setText(str(exc))
            theme.set_tone(self.summary, "error")
            ok.setEnabled(False)
            return
        dense = [n for n in t.spec["nodes"] if n["type"] == "Dense"]
        weights = Network(t.spec).count_params()
        batch = t.training["batch_size"]
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr(
            "{layers} Dense layers, {weights:,} weights; {optimizer}, {batches}, loss {loss}, up to {epochs} "
            "epochs.").format(layers=len(dense), weights=weights, optimizer=t.training["optimizer"]["name"],
                              batches=(self.tr("batches of {n}").format(n=batch) if batch
                                       else self.tr("all rows at once")),
                              loss=t.training["loss"], epochs=t.training["epochs"]))
        ok.setEnabled(True)


def new_from_recipe(window) -> bool:
    """Ask for a recipe and replace the window's project with it (after offering to save changes)."""
    # the data panel exists only in a window with its training panels
    training = getattr(window, "training", None)
    dataset = training.data_panel.dataset if training is not None else None
    split = (window.project.data or {}).get("split") or {}
    dialog = RecipeDialog(dataset, float(split.get("test", 0.0)), window)
    if dialog.exec() != QDialog.Accepted:
        return False
    data = window.project.data if dataset is not None else None
    viewport = window.canvas.viewport().size()
    project = dialog.project(data, [(viewport.width(), viewport.height())])
    if not window.files.maybe_save():
        return False
    window.files.discard_autosave()
    window.set_project(project)
    window.show_canvas()
    return True
