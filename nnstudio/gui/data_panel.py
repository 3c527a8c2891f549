"""The data panel: pick a generator (with its parameters and Regenerate), a built-in set, or import a CSV;
see a one-line summary and, for 2-D data, a scatter preview; and keep the network's Input shape and output
size in step with the data (the panel asks, and the change is one undoable edit).

The chosen data lives in ``project.data["source"]`` (and scaling in ``["preprocessing"]["scale"]``); the
panel writes there and emits ``dataChanged`` with the new Dataset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QMessageBox, QPushButton, QSizePolicy, QSpinBox, QStackedWidget,
                               QVBoxLayout, QWidget)

from nnstudio import data
from nnstudio.data import DataError
from nnstudio.gui.plots import colors

from .csv_dialog import CsvDialog

KINDS = (("Generator", "generator"), ("Built-in data set", "builtin"), ("CSV file", "csv"))
SCALES = (("standardize (mean 0, std 1)", "standard"), ("min-max to [0, 1]", "minmax"), ("none", None))


def needed_shape(dataset) -> dict:
    """What the network's ends must be for this data: {"input": shape, "units": n, "activation": a}."""
    if dataset.task == "regression":
        units, act = 1, "linear"
    elif dataset.task == "binary":
        units, act = 1, "sigmoid"
    else:
        units, act = int(dataset.n_classes), "softmax"
    return {"input": list(dataset.input_shape), "units": units, "activation": act}


def fit_problems(spec: dict, dataset) -> tuple[list[str], list[tuple[str, dict]]]:
    """Sentences saying where the network and the data disagree, and the param changes that fix it."""
    nodes = spec.get("nodes", [])
    need = needed_shape(dataset)
    sentences, fixes = [], []
    inp = next((n for n in nodes if n.get("type") == "Input"), None)
    if inp is not None:
        shape = list((inp.get("params") or {}).get("shape") or [])
        if shape != need["input"]:
            sentences.append(f"The Input layer takes shape {shape} but each sample of the data has shape "
                             f"{need['input']}.")
            fixes.append((inp["id"], {**(inp.get("params") or {}), "shape": need["input"]}))
    sources = {e[0] for e in spec.get("edges", [])}
    outs = [n for n in nodes if n["id"] not in sources and n.get("type") != "Input"]
    if len(outs) == 1 and outs[0].get("type") == "Dense":
        out = outs[0]
        params = dict(out.get("params") or {})
        units = int(params.get("units", 0))
        ok_binary = dataset.task == "binary" and units == 2 and params.get("activation") == "softmax"
        if units != need["units"] and not ok_binary:
            what = {"regression": "one number", "binary": "one probability (2 classes)"}.get(
                dataset.task, f"{need['units']} class scores")
            sentences.append(f"The output layer '{out.get('name') or out['id']}' has {units} units but the data "
                             f"needs {what}.")
            params.update(units=need["units"])
            if dataset.task != "regression" or params.get("activation") in ("softmax", "sigmoid"):
                params["activation"] = need["activation"]
            fixes.append((out["id"], params))
    return sentences, fixes


class ScatterPreview(pg.PlotWidget):
    """The 2-D data, coloured by class (or by target value for regression)."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, background="w")
        self.points = pg.ScatterPlotItem(size=5, pen=None)
        self.addItem(self.points)
        self.getPlotItem().hideButtons()
        self.setMinimumHeight(160)

    def show_dataset(self, ds) -> bool:
        X = np.asarray(ds.X)
        if X.ndim != 2 or X.shape[1] != 2:
            self.points.setData([], [])
            return False
        self.points.setData(X[:, 0], X[:, 1], brush=[pg.mkBrush(c) for c in colors.point_colors(ds.y, ds.task)])
        names = list(ds.feature_names or [])
        if len(names) == 2:
            self.getPlotItem().setLabel("bottom", names[0])
            self.getPlotItem().setLabel("left", names[1])
        return True


class DataPanel(QWidget):
    dataChanged = Signal(object)          # the new Dataset
    adaptRequested = Signal(list)         # [(node_id, params)] to apply as one undoable edit
    settingsChanged = Signal()

    def _fit_page_height(self, index: int) -> None:
        for i in range(self.pages.count()):
            policy = QSizePolicy.Preferred if i == index else QSizePolicy.Ignored
            self.pages.widget(i).setSizePolicy(QSizePolicy.Preferred, policy)
        self.pages.adjustSize()

    def __init__(self, spec_provider: Callable[[], dict] | None = None, parent=None, ask: bool = True):
        super().__init__(parent)
        self.project = None
        self.dataset = None
        self.spec_provider = spec_provider or (lambda: {"nodes": [], "edges": []})
        self.ask = ask                      # prompt when network and data disagree (tests turn it off)
        self._loading = False
        self._param_widgets: dict[str, QWidget] = {}

        self.kind = QComboBox()
        for label, value in KINDS:
            self.kind.addItem(label, value)
        self.pages = QStackedWidget()
        # generator page
        self.generator = QComboBox()
        for name, text in data.GENERATORS.items():
            self.generator.addItem(name, name)
            self.generator.setItemData(self.generator.count() - 1, text, role=3)   # tooltip role
        self.gen_form = QFormLayout()
        self.gen_seed = QSpinBox()
        self.gen_seed.setRange(0, 2**31 - 1)
        self.regenerate = QPushButton("Regenerate")
        self.regenerate.setToolTip("Draw a new sample with these settings")
        gen_page = QWidget()
        g = QFormLayout(gen_page)
        g.setContentsMargins(0, 0, 0, 0)
        g.addRow("Generator", self.generator)
        g.addRow(self.gen_form)
        g.addRow("Seed", self.gen_seed)
        g.addRow(self.regenerate)
        # built-in page
        self.builtin = QComboBox()
        for name, text in data.BUILTINS.items():
            self.builtin.addItem(name, name)
            self.builtin.setItemData(self.builtin.count() - 1, text, role=3)
        self.as_images = QCheckBox("as images (for convolutional networks)")
        builtin_page = QWidget()
        b = QFormLayout(builtin_page)
        b.setContentsMargins(0, 0, 0, 0)
        b.addRow("Data set", self.builtin)
        b.addRow(self.as_images)
        # csv page
        self.csv_button = QPushButton("Import CSV…")
        self.csv_label = QLabel("No file imported.")
        self.csv_label.setWordWrap(True)
        csv_page = QWidget()
        c = QVBoxLayout(csv_page)
        c.setContentsMargins(0, 0, 0, 0)
        c.addWidget(self.csv_button)
        c.addWidget(self.csv_label)
        for page in (gen_page, builtin_page, csv_page):
            self.pages.addWidget(page)
        # a QStackedWidget is as tall as its tallest page: size it to the shown page, so the short built-in
        # and CSV pages do not leave a gap above the settings that follow
        self.pages.currentChanged.connect(self._fit_page_height)
        self._fit_page_height(0)

        self.scale = QComboBox()
        for label, value in SCALES:
            self.scale.addItem(label, value)
        self.summary = QLabel("No data chosen yet.")
        self.summary.setWordWrap(True)
        self.description = QLabel("")
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: palette(mid);")
        self.fit_label = QLabel("")
        self.fit_label.setWordWrap(True)
        self.fit_label.setStyleSheet("QLabel { background: #fff4e5; color: #5c3200; padding: 6px; "
                                     "border: 1px solid #f0b060; border-radius: 4px; }")
        self.fit_button = QPushButton("Adapt the network to the data")
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a01010;")
        self.preview = ScatterPreview()

        top = QFormLayout()
        top.addRow("Source", self.kind)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.pages)
        scale_row = QHBoxLayout()
        scale_row.addWidget(QLabel("Scaling"))
        scale_row.addWidget(self.scale, 1)
        lay.addLayout(scale_row)
        lay.addWidget(self.description)
        lay.addWidget(self.summary)
        lay.addWidget(self.error_label)
        lay.addWidget(self.fit_label)
        lay.addWidget(self.fit_button)
        lay.addWidget(self.preview, 100)
        lay.addStretch(1)  # takes the room when the preview is hidden (data that is not 2-D)
        self.fit_label.hide()
        self.fit_button.hide()
        self.error_label.hide()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.generator.currentIndexChanged.connect(self._generator_changed)
        self.regenerate.clicked.connect(self._regenerate)
        self.gen_seed.valueChanged.connect(lambda _v: self._apply_generator())
        self.builtin.currentIndexChanged.connect(lambda _i: self._apply_builtin())
        self.as_images.toggled.connect(lambda _on: self._apply_builtin())
        self.csv_button.clicked.connect(self._import_csv)
        self.scale.currentIndexChanged.connect(self._scale_changed)
        self.fit_button.clicked.connect(self._adapt)
        self._build_gen_form(self.generator.currentData(), {})

    # -- project -------------------------------------------------------------------------------------
    def load(self, project) -> None:
        """Show the project's data (called on open/new/revert)."""
        self.project = project
        self._loading = True
        try:
            source = (project.data or {}).get("source")
            scale = ((project.data or {}).get("preprocessing") or {}).get("scale", "standard")
            self.scale.setCurrentIndex(max(self.scale.findData(scale), 0))
            if source:
                kind = source.get("kind")
                self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
                self.pages.setCurrentIndex(self.kind.currentIndex())
                if kind == "generator":
                    self.generator.setCurrentIndex(max(self.generator.findData(source.get("name")), 0))
                    self._build_gen_form(source.get("name"), source.get("params") or {})
                    self.gen_seed.setValue(int(source.get("seed", 0)))
                elif kind == "builtin":
                    self.builtin.setCurrentIndex(max(self.builtin.findData(source.get("name")), 0))
                    self.as_images.setChecked(bool(source.get("as_images")))
                elif kind == "csv":
                    self.csv_label.setText(f"Imported: {Path(str(source.get('path', ''))).name}")
        finally:
            self._loading = False
        self.dataset = None
        if source:
            try:
                self.dataset = project.dataset()
            except Exception as exc:  # a missing CSV or a bad record: say so in place, keep the panel usable
                self._error(str(exc))
        self._show_dataset()

    def check_fit(self, prompt: bool = False) -> list[str]:
        """Compare the network with the data; show the banner; optionally ask to adapt right away."""
        if self.dataset is None:
            self.fit_label.hide()
            self.fit_button.hide()
            return []
        sentences, fixes = fit_problems(self.spec_provider(), self.dataset)
        self._fixes = fixes
        self.fit_label.setText(" ".join(sentences))
        self.fit_label.setVisible(bool(sentences))
        self.fit_button.setVisible(bool(fixes))
        if prompt and fixes and self.ask:
            answer = QMessageBox.question(self, "Adapt the network?",
                                          " ".join(sentences) + "\n\nChange the network to fit the data? "
                                          "(Edit ▸ Undo takes it back.)")
            if answer == QMessageBox.StandardButton.Yes:
                self._adapt()
        return sentences

    def _adapt(self) -> None:
        if getattr(self, "_fixes", None):
            self.adaptRequested.emit(list(self._fixes))

    # -- choosing data -------------------------------------------------------------------------------
    def _kind_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if self._loading:
            return
        kind = self.kind.currentData()
        if kind == "generator":
            self._apply_generator()
        elif kind == "builtin":
            self._apply_builtin()

    def _generator_changed(self, _index: int) -> None:
        if self._loading:
            return
        self._build_gen_form(self.generator.currentData(), {})
        self._apply_generator()

    def _build_gen_form(self, name: str | None, values: dict) -> None:
        while self.gen_form.rowCount():
            self.gen_form.removeRow(0)
        self._param_widgets.clear()
        if not name:
            return
        self.generator.setToolTip(data.GENERATORS.get(name, ""))
        for key, default in data.generator_params(name).items():
            value = values.get(key, default)
            if isinstance(default, int) and not isinstance(default, bool):
                w = QSpinBox()
                w.setRange(1 if key != "classes" else 2, 100000 if key == "n_samples" else 20)
                w.setValue(int(value))
                w.valueChanged.connect(lambda _v: self._apply_generator())
            else:
                w = QDoubleSpinBox()
                w.setDecimals(3)
                w.setRange(0.0, 100.0)
                w.setSingleStep(0.05)
                w.setValue(float(value))
                w.valueChanged.connect(lambda _v: self._apply_generator())
            w.setKeyboardTracking(False)
            self._param_widgets[key] = w
            self.gen_form.addRow(key.replace("n_samples", "samples").replace("_", " "), w)

    def generator_params(self) -> dict:
        return {k: (int(w.value()) if isinstance(w, QSpinBox) else float(w.value()))
                for k, w in self._param_widgets.items()}

    def _regenerate(self) -> None:
        self.gen_seed.setValue(self.gen_seed.value() + 1)   # a new draw; valueChanged regenerates

    def _apply_generator(self) -> None:
        if self._loading:
            return
        name = self.generator.currentData()
        self._set(lambda: data.generate(name, seed=int(self.gen_seed.value()), **self.generator_params()))

    def _apply_builtin(self) -> None:
        if self._loading:
            return
        name = self.builtin.currentData()
        images = self.as_images.isChecked()
        if images and name != "digits":
            self.as_images.setChecked(False)
            return
        self._set(lambda: data.load_builtin(name, as_images=images))

    def _import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import CSV", "", "CSV files (*.csv *.txt *.tsv);;All files (*)")
        if path:
            self.import_csv(path)

    def import_csv(self, path: str, dialog_factory=CsvDialog) -> bool:
        """Run the import dialog on ``path``; embed the file in the project so it travels with it."""
        dialog = dialog_factory(path, self)
        if not dialog.exec() or dialog.dataset is None:
            return False
        ds = dialog.dataset
        if self.project is not None and hasattr(self.project, "embed"):
            rel = self.project.embed(Path(path).name, Path(path).read_bytes())
            ds.source = {**ds.source, "path": rel}
        self.csv_label.setText(f"Imported: {Path(path).name}")
        self._set(lambda: ds)
        return True

    def _scale_changed(self, _index: int) -> None:
        if self._loading or self.project is None:
            return
        self.project.data.setdefault("preprocessing", {})["scale"] = self.scale.currentData()
        self.settingsChanged.emit()

    def _set(self, make) -> None:
        try:
            ds = make()
        except DataError as exc:
            self._error(str(exc))
            return
        self.dataset = ds
        if self.project is not None:
            self.project.data["source"] = ds.source
            self.project.data.setdefault("preprocessing", {})["fitted"] = None
        self._show_dataset()
        self.dataChanged.emit(ds)
        self.check_fit(prompt=True)

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _show_dataset(self) -> None:
        ds = self.dataset
        if ds is None:
            self.summary.setText("No data chosen yet: pick a generator, a built-in set or a CSV file.")
            self.preview.hide()
            self.check_fit()
            return
        self._error("")
        src = ds.source or {}
        text = data.GENERATORS.get(src.get("name"), "") if src.get("kind") == "generator" else \
            data.BUILTINS.get(src.get("name"), "") if src.get("kind") == "builtin" else ""
        self.description.setText(text)
        self.summary.setText(f"<b>{ds.describe()}</b>")
        self.preview.setVisible(self.preview.show_dataset(ds))
        self.check_fit()
