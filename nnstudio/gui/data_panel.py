"""The data panel: pick a generator (with its parameters and Regenerate), a built-in set, or import a CSV;
see a one-line summary and, for 2-D data, a scatter preview (of a seeded subsample when the data is large);
and keep the network's Input, output layer and loss in step with the data (``data.network_fit``: the panel
asks, and the change is one undoable step through the window's editor, loss setting included).

The chosen data lives in ``project.data["source"]`` (scaling in ``["preprocessing"]["scale"]`` and
``["scale_target"]``); the panel writes there and emits ``dataChanged`` with the new Dataset.

A downloadable set (MNIST, Fashion-MNIST) is read off the GUI thread with a busy bar (``loaded`` when it is
there); one not in the cache yet shows why, and a Download button that fetches it (progress in MB, Cancel)
and then loads it. Offline, the download's one sentence (files and folder) stays in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QMessageBox, QProgressBar, QPushButton, QSizePolicy, QSpinBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from nnstudio import data, i18n
from nnstudio.data import DataError, network_fit, remote
from nnstudio.data.builtin import is_downloaded
from nnstudio.document import Batch, SetParams
from nnstudio.gui.background import Background
from nnstudio.gui import theme
from nnstudio.gui.plots import colors
from nnstudio.gui.undo import SettingChange

from . import layer_text
from .csv_dialog import CsvDialog
from . import missing_data
from .missing_data import MB, megabytes

KINDS = ((QT_TRANSLATE_NOOP("DataPanel", "Generator"), "generator"),
         (QT_TRANSLATE_NOOP("DataPanel", "Built-in data set"), "builtin"),
         (QT_TRANSLATE_NOOP("DataPanel", "CSV file"), "csv"))
# a source kind shown on another kind's page: a time series is a CSV import, and image files (IDX, Keras .npz,
# read by data.load_idx / load_mnist_npz in a notebook) show as the imported file they are
PAGE_KIND = {"timeseries": "csv", "idx": "csv", "mnist_npz": "csv"}
SCALES = ((QT_TRANSLATE_NOOP("DataPanel", "standardize (mean 0, std 1)"), "standard"),
          (QT_TRANSLATE_NOOP("DataPanel", "min-max to [0, 1]"), "minmax"),
          (QT_TRANSLATE_NOOP("DataPanel", "none"), None))


PREVIEW_POINTS = 3000     # the scatter preview draws at most this many points (a seeded subsample)


def downloadable(source: dict | None) -> str | None:
    """The name of the downloadable set a source record reads (read off the GUI thread), else None."""
    source = source or {}
    name = source.get("name")
    return name if source.get("kind") == "builtin" and name in remote.REMOTE else None


def fetch_and_load(name: str, as_images: bool, progress, download: bool = True) -> "data.Dataset":
    """Background work: download what is missing or damaged (``progress(bytes done, total)``) when
    ``download``, then read the set; ``progress(0, 0)`` marks the reading, which gives no progress of its own."""
    if download:
        remote.fetch(name, progress=lambda p: progress(p.done, p.total))
    progress(0, 0)
    return data.load_builtin(name, as_images=as_images)


def import_and_load(name: str, paths: list[str], as_images: bool, progress) -> "data.Dataset":
    """Background work: copy a student's own files of a downloadable set into the cache (a second or two, under
    a busy bar), then read the set as if it had been downloaded (``progress(0, 0)`` marks the reading)."""
    data.import_into_cache(name, paths)
    progress(0, 0)
    return data.load_builtin(name, as_images=as_images)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataPanel", text)


def fit_problems(spec: dict, dataset, loss=None) -> tuple[list[str], list[tuple[str, dict]]]:
    """Sentences saying where the network and the data disagree, and the param changes that fix it."""
    fit = network_fit.check(spec, dataset, loss)
    return fit.sentences, list(fit.params.items())


def preview_rows(n: int, limit: int = PREVIEW_POINTS, seed: int = 0) -> np.ndarray | None:
    """Which rows a preview of ``n`` samples draws: None for all, else a sorted seeded subsample."""
    if n <= limit:
        return None
    return np.sort(np.random.default_rng(seed).choice(n, size=limit, replace=False))


class ScatterPreview(pg.PlotWidget):
    """The 2-D data, coloured by class (or by target value for regression); a large set is shown by a
    seeded subsample of PREVIEW_POINTS points, and the plot's title says so."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, background="w")
        self.points = pg.ScatterPlotItem(size=5, pen=None)
        self.addItem(self.points)
        self.getPlotItem().hideButtons()
        self.setMinimumHeight(160)
        self.shown_rows = 0
        self.note = ""                      # the title: says when only a subsample is drawn

    def show_dataset(self, ds) -> bool:
        X = np.asarray(ds.X)
        if X.ndim != 2 or X.shape[1] != 2:
            self.points.setData([], [])
            self.shown_rows, self.note = 0, ""
            return False
        rows = preview_rows(len(X))
        y = ds.y if rows is None else ds.y[rows]
        X = X if rows is None else X[rows]
        # one brush per colour, shared by its points: building a brush per point is what made big sets slow
        cache: dict = {}
        brushes = [cache.get(c.rgba()) or cache.setdefault(c.rgba(), pg.mkBrush(c))
                   for c in colors.point_colors(y, ds.task)]
        self.points.setData(X[:, 0], X[:, 1], brush=brushes)
        self.shown_rows = len(X)
        self.note = "" if rows is None else _tr("{shown:,} of {total:,} samples shown").format(
            shown=len(X), total=len(ds.X))
        self.getPlotItem().setTitle(self.note or None, size="9pt")
        self.setToolTip("" if rows is None else _tr("A seeded random subsample keeps the preview quick; "
                                                    "training uses every sample."))
        names = list(ds.feature_names or [])
        if len(names) == 2:
            self.getPlotItem().setLabel("bottom", names[0])
            self.getPlotItem().setLabel("left", names[1])
        return True



class DownloadBox(QWidget):
    """Why a set is not here yet, a Download button, and while busy a bar (MB, or busy while reading) with
    Cancel."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel { background: #eef4fb; color: #10324f; padding: 6px; "
                                "border: 1px solid #9cc0e0; border-radius: 4px; }")
        self.download = QPushButton("")
        self.import_files = QPushButton(_tr("Use files I have…"))
        self.import_files.setToolTip(_tr("Copy the set's four IDX files (gzipped or not) or a Keras .npz from "
                                         "this computer into the data folder, instead of downloading it"))
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel = QPushButton(_tr("Cancel"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        # above the long how-to sentence, so a short dock still shows them; one above the other, so "Download
        # California housing (0.4 MB)" never widens the panel past a 1024x768 window's dock
        lay.addWidget(self.download)
        lay.addWidget(self.import_files)
        lay.addLayout(row)
        lay.addWidget(self.note)

    def offer(self, sentence: str, remote_set: "remote.RemoteSet") -> None:
        # a folder such as /home/student/.cache/nnstudio/california_housing has no space to wrap at: it set the
        # label's least width and was cut off at the dock's edge. It may wrap after each "/" (the tooltip keeps
        # the sentence as it is, to copy from)
        self.note.setText(sentence.replace("/", "/\u200b").replace("\\", "\\\u200b"))
        self.note.setToolTip(sentence)
        self.note.setVisible(bool(sentence))
        self.download.setText(_tr("Download {title} ({size} MB)").format(
            title=i18n._(remote_set.title), size=megabytes(remote_set.total_size)))
        self.download.show()
        self.import_files.setVisible(data.importable(remote_set.name))   # MNIST-style sets only
        self._busy(False)
        self.show()

    def busy(self, text: str) -> None:
        """Reading (no length known): a busy bar saying ``text``."""
        self.note.hide()
        self.download.hide()
        self.import_files.hide()
        self.bar.setRange(0, 0)
        self.bar.setFormat(text)
        self._busy(True)
        self.cancel.hide()                  # reading a file cannot be interrupted; it is short
        self.show()

    def progressed(self, done: int, total: int, reading: str) -> None:
        if total <= 0:
            self.busy(reading)
            return
        self.cancel.show()
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.bar.setFormat(_tr("{done:.1f} of {total:.1f} MB").format(done=done / MB, total=total / MB))

    def _busy(self, on: bool) -> None:
        self.bar.setVisible(on)
        self.cancel.setVisible(on)


class DataPanel(QWidget):
    dataChanged = Signal(object)          # the new Dataset
    loaded = Signal(object)               # the project's own set, read off the GUI thread, is here
    offered = Signal()                    # a set is not on this computer: the Download button shows
    adaptRequested = Signal(object)       # the network_fit.Fit applied (through the editor when there is one)
    settingsChanged = Signal()
    fitChanged = Signal()                 # what problems() reports may have changed

    def _fit_page_height(self, index: int) -> None:
        for i in range(self.pages.count()):
            policy = QSizePolicy.Preferred if i == index else QSizePolicy.Ignored
            self.pages.widget(i).setSizePolicy(QSizePolicy.Preferred, policy)
        self.pages.adjustSize()

    def __init__(self, spec_provider: Callable[[], dict] | None = None, parent=None, ask: bool = True,
                 editor=None):
        super().__init__(parent)
        self.project = None
        self.dataset = None
        self.spec_provider = spec_provider or (lambda: {"nodes": [], "edges": []})
        self.editor = editor                # the window's Editor: adapting goes through its undo stack
        self._fit = network_fit.Fit()
        self.ask = ask                      # prompt when network and data disagree (tests turn it off)
        self._loading = False
        self._param_widgets: dict[str, QWidget] = {}

        self.kind = QComboBox()
        for label, value in KINDS:
            self.kind.addItem(_tr(label), value)
        self.pages = QStackedWidget()
        # generator page
        self.generator = QComboBox()
        for name, text in data.GENERATORS.items():
            self.generator.addItem(name, name)
            self.generator.setItemData(self.generator.count() - 1, i18n._(text), role=3)   # tooltip role
        self.gen_form = QFormLayout()
        self.gen_seed = QSpinBox()
        self.gen_seed.setRange(0, 2**31 - 1)
        self.regenerate = QPushButton(_tr("Regenerate"))
        self.regenerate.setToolTip(_tr("Draw a new sample with these settings"))
        gen_page = QWidget()
        g = QFormLayout(gen_page)
        g.setContentsMargins(0, 0, 0, 0)
        g.addRow(_tr("Generator"), self.generator)
        g.addRow(self.gen_form)
        g.addRow(_tr("Seed"), self.gen_seed)
        g.addRow(self.regenerate)
        # built-in page
        self.builtin = QComboBox()
        for name, text in data.BUILTINS.items():
            self.builtin.addItem(name, name)
            self.builtin.setItemData(self.builtin.count() - 1, i18n._(text), role=3)
        self.as_images = QCheckBox(_tr("as images (for convolutional networks)"))
        builtin_page = QWidget()
        b = QFormLayout(builtin_page)
        b.setContentsMargins(0, 0, 0, 0)
        b.addRow(_tr("Data set"), self.builtin)
        b.addRow(self.as_images)
        # csv page
        self.csv_button = QPushButton(_tr("Import CSV…"))
        self.csv_label = QLabel(_tr("No file imported."))
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
            self.scale.addItem(_tr(label), value)
        self.scale_target = QCheckBox(_tr("Scale the target too (mean 0, std 1)"))
        self.scale_target.setToolTip(_tr("Train on the standardized target; predictions, plots and errors are "
                                         "turned back into the target's own units."))
        self.summary = QLabel(_tr("No data chosen yet."))
        self.summary.setWordWrap(True)
        self.description = QLabel("")
        self.description.setWordWrap(True)
        theme.mark_muted(self.description)        # palette(mid) was too faint to read on a projector
        self.fit_label = QLabel("")
        self.fit_label.setWordWrap(True)
        self.fit_label.setStyleSheet("QLabel { background: #fff4e5; color: #5c3200; padding: 6px; "
                                     "border: 1px solid #f0b060; border-radius: 4px; }")
        self.fit_button = QPushButton(_tr("Adapt the network to the data"))
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        theme.set_tone(self.error_label, "error")
        self.preview = ScatterPreview()
        self.download_box = DownloadBox()
        self.loader = Background(self)          # reads (and downloads) large sets off the GUI thread
        self._pending: tuple[str, bool, bool] | None = None   # (set, as images, chosen here) being loaded

        top = QFormLayout()
        top.addRow(_tr("Source"), self.kind)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.pages)
        lay.addWidget(self.download_box)      # first in sight: the lesson waits on it
        scale_row = QHBoxLayout()
        scale_row.addWidget(QLabel(_tr("Scaling")))
        scale_row.addWidget(self.scale, 1)
        lay.addLayout(scale_row)
        lay.addWidget(self.scale_target)
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
        self.download_box.hide()

        self.download_box.download.clicked.connect(self._download)
        self.download_box.import_files.clicked.connect(self._import_files)
        self.download_box.cancel.clicked.connect(self.loader.cancel)
        self.loader.progressed.connect(self._load_progressed)
        self.loader.finished.connect(self._load_finished)
        self.loader.failed.connect(self._load_failed)
        self.loader.cancelled.connect(self._load_cancelled)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.generator.currentIndexChanged.connect(self._generator_changed)
        self.regenerate.clicked.connect(self._regenerate)
        self.gen_seed.valueChanged.connect(lambda _v: self._apply_generator())
        self.builtin.currentIndexChanged.connect(lambda _i: self._apply_builtin())
        self.as_images.toggled.connect(lambda _on: self._apply_builtin())
        self.csv_button.clicked.connect(self._import_csv)
        self.scale.currentIndexChanged.connect(self._scale_changed)
        self.scale_target.toggled.connect(self._scale_changed)
        self.fit_button.clicked.connect(self._adapt)
        self._build_gen_form(self.generator.currentData(), {})

    # -- project -------------------------------------------------------------------------------------
    def load(self, project) -> None:
        """Show the project's data (called on open/new/revert)."""
        self.project = project
        self._loading = True
        try:
            source = (project.data or {}).get("source")
            pre = (project.data or {}).get("preprocessing") or {}
            self.scale.setCurrentIndex(max(self.scale.findData(pre.get("scale", "standard")), 0))
            self.scale_target.setChecked(bool(pre.get("scale_target", False)))
            if source:
                kind = PAGE_KIND.get(source.get("kind"), source.get("kind"))
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
                    self.csv_label.setText(_tr("Imported: {name}").format(name=Path(str(source.get('path', ''))).name))
        finally:
            self._loading = False
        self.dataset = None
        self.loader.stop()
        self.download_box.hide()
        name = downloadable(source)
        if name is not None:
            self._pending = (name, bool(source.get("as_images")), False)
            self._show_dataset()
            self._fetch(*self._pending)
            return
        if source:
            try:
                self.dataset = project.dataset()
            except Exception as exc:  # a missing CSV or a bad record: say so in place, keep the panel usable
                self._error(str(exc))
        self._show_dataset()

    # -- downloadable sets, off the GUI thread ---------------------------------------------------------
    def loading(self) -> bool:
        return self.loader.running()

    def _fetch(self, name: str, as_images: bool, chosen: bool, download: bool = False) -> None:
        """Read a downloadable set in the background; one not in the cache is offered for download instead
        (``download=True``: fetch it now)."""
        self._pending = (name, as_images, chosen)
        spec = remote.remote_set(name)
        if not download and not is_downloaded(name):
            self.loader.stop()
            try:
                data.load_builtin(name, as_images=as_images)
            except DataError as exc:        # the sentence saying how to get it, with this panel's buttons
                self.download_box.offer(missing_data.sentence(exc) or str(exc), spec)
            self.fitChanged.emit()
            self.offered.emit()
            return
        self._error("")
        self.download_box.busy(self._reading_text(name) if not download else _tr("connecting…"))
        self.loader.start(lambda progress: fetch_and_load(name, as_images, progress, download))

    def _reading_text(self, name: str) -> str:
        return _tr("Reading {title}…").format(title=i18n._(remote.remote_set(name).title))

    def _download(self) -> None:
        if self._pending is not None:
            name, as_images, chosen = self._pending
            self._fetch(name, as_images, chosen, download=True)

    def _import_files(self) -> None:
        """The set from files already on this computer (a USB stick, a Keras download), copied into the cache."""
        if self._pending is None:
            return
        name, as_images, chosen = self._pending
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _tr("Choose the four IDX files or one .npz file"), "",
            _tr("IDX or NumPy files (*.gz *ubyte* *.idx *.npz);;All files (*)"))
        if not paths:
            return
        self._error("")
        self.download_box.busy(_tr("Copying the files…"))
        self.loader.start(lambda progress: import_and_load(name, paths, as_images, progress))

    def _load_progressed(self, done: int, total: int) -> None:
        if self._pending is not None:
            self.download_box.progressed(done, total, self._reading_text(self._pending[0]))

    def _load_finished(self, ds) -> None:
        self.loader.stop()          # the work has returned: let its thread end now, not at some later time
        pending, self._pending = self._pending, None
        self.download_box.hide()
        self.download_box.note.setText("")
        if pending is not None and pending[2]:
            self._set(lambda: ds)                 # chosen in the panel: a change of data
            return
        self.dataset = ds
        self._show_dataset()
        self.loaded.emit(ds)

    def _load_failed(self, message: str) -> None:
        self.loader.stop()
        if self._pending is not None:
            name = self._pending[0]
            self.download_box.offer("", remote.remote_set(name))   # try again
        self._error(message)

    def _load_cancelled(self) -> None:
        if self._pending is not None:
            self._fetch(*self._pending)           # back to the offer (finished files are kept)

    def _loss(self):
        return (self.project.training or {}).get("loss") if self.project is not None else None

    def current_fit(self) -> network_fit.Fit:
        """How the network and the loss setting disagree with the data now (empty without data)."""
        if self.dataset is None:
            return network_fit.Fit()
        return network_fit.check(self.spec_provider(), self.dataset, self._loss())

    def problems(self) -> list[network_fit.Mismatch]:
        """For the window's Problems list (a set waiting to be downloaded first)."""
        waiting = self.download_box.note.text() if self.download_box.download.isVisibleTo(self) else ""
        return ([network_fit.Mismatch(waiting, None)] if waiting else []) + self.current_fit().mismatches

    def check_fit(self, prompt: bool = False) -> list[str]:
        """Compare the network with the data; show the banner; optionally ask to adapt right away."""
        self._fit = fit = self.current_fit()
        sentences = fit.sentences
        self.fit_label.setText(" ".join(sentences))
        self.fit_label.setVisible(bool(sentences))
        self.fit_button.setVisible(fit.fixable)
        self.fitChanged.emit()
        if prompt and fit.fixable and self.ask:
            answer = QMessageBox.question(self, _tr("Adapt the network?"),
                                          " ".join(sentences) + _tr("\n\nChange the network to fit the data? "
                                                                    "(Edit ▸ Undo takes it back.)"))
            if answer == QMessageBox.StandardButton.Yes:
                self._adapt()
        return sentences

    def _adapt(self) -> None:
        """Apply the fix as one undo step: the layers' params through the editor, the loss setting with them."""
        fit = self._fit
        if not fit.fixable:
            return
        label = _tr("Adapt network to data")
        op = Batch(tuple(SetParams(nid, params) for nid, params in fit.params.items()), label)
        outside = None
        if fit.loss_changed and self.project is not None:
            outside = SettingChange(self.project.training, "loss", fit.loss, self._loss(), self._loss_set)
        if self.editor is not None:
            if not self.editor.push(op, label, outside=outside):
                return
            self.editor.message.emit(fit.summary())
        self.adaptRequested.emit(fit)

    def _loss_set(self) -> None:
        """The loss setting changed by adapting (or its undo): the training panel and problems follow."""
        self.settingsChanged.emit()
        self.check_fit()

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
        self.generator.setToolTip(i18n._(data.GENERATORS.get(name, "")))
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
            self.gen_form.addRow(layer_text.param_label(key, capitalize=False, words=key.replace("n_samples", "samples").replace("_", " ")), w)

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
        if images and name != "digits" and name not in remote.REMOTE:
            self.as_images.setChecked(False)
            return
        if name in remote.REMOTE:
            self._fetch(name, images, chosen=True)
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
        if self.project is not None:
            rel = self.project.embed(Path(path).name, dialog.file_bytes)
            ds.source = {**ds.source, "path": rel}
        self.csv_label.setText(_tr("Imported: {name}").format(name=Path(path).name))
        self._set(lambda: ds)
        return True

    def _scale_changed(self, *_args) -> None:
        if self._loading or self.project is None:
            return
        pre = self.project.data.setdefault("preprocessing", {})
        pre["scale"] = self.scale.currentData()
        pre["scale_target"] = self.scale_target.isChecked()
        self.settingsChanged.emit()

    def _set(self, make) -> None:
        if self._pending is not None:       # another choice replaces a set still loading or offered
            self._pending = None
            self.loader.stop()
            self.download_box.hide()
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
            self.summary.setText("" if self._pending is not None else
                                 _tr("No data chosen yet: pick a generator, a built-in set or a CSV file."))
            self.preview.hide()
            self.scale_target.hide()
            self.check_fit()
            return
        self._error("")
        src = ds.source or {}
        text = data.GENERATORS.get(src.get("name"), "") if src.get("kind") == "generator" else \
            data.BUILTINS.get(src.get("name"), "") if src.get("kind") == "builtin" else ""
        self.description.setText(i18n._(text) if text else "")
        self.summary.setText(f"<b>{ds.describe()}</b>")
        self.scale_target.setVisible(ds.task == "regression")
        self.preview.setVisible(self.preview.show_dataset(ds))
        self.check_fit()
