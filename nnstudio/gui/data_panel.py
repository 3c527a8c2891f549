"""The data panel: pick a generator (with its parameters and Regenerate), a built-in set, or import a CSV;
see a one-line summary and, for 2-D data, a scatter preview (of a seeded subsample when the data is large);
and keep the network's Input, output layer and loss in step with the data (``data.network_fit``: the panel
asks, and the change is one undoable step through the window's editor, loss setting included).

The chosen data lives in ``project.data["source"]`` (scaling in ``["preprocessing"]["scale"]`` and
``["scale_target"]``); the panel writes there and emits ``dataChanged`` with the new Dataset. Choosing another
Source only shows its page: the data changes when the learner chooses on it or presses "Use this data" (the CSV
page gives back the file imported last, until another project is loaded: Save keeps it, and so does switching
runs), each change one undo step through the editor (``Editor.swap``). A reopened project that keeps a copy of a
file it no longer uses offers to import that copy again (``kept_csv``). A split that leaves a small set very few
training samples is said in one sentence (``split_note``).

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

from . import kept_csv, layer_text
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
FEW_TRAINING = 20         # fewer training samples than this after the split: the Data panel says why it matters
NOTE_STYLE = ("QLabel { background: #fff4e5; color: #5c3200; padding: 6px; "
              "border: 1px solid #f0b060; border-radius: 4px; }")


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


def _page_kind(source: dict | None) -> str | None:
    kind = (source or {}).get("kind")
    return PAGE_KIND.get(kind, kind)


def _source_name(source: dict | None) -> str:
    """A data choice by its name: the generator or set ("xor", "iris"), or the imported file ("houses.csv")."""
    source = source or {}
    return str(source.get("name") or Path(str(source.get("path") or "")).name or source.get("kind") or "")


def _same_source(a: dict | None, b: dict | None) -> bool:
    """Whether two source records give the same data (a generator's settings compared as its widgets show
    them: defaults filled in, numbers to 3 decimals)."""
    if not a or not b:
        return False
    if a.get("kind") == b.get("kind") == "generator":
        def settings(src):
            try:
                defaults = data.generator_params(src.get("name"))
            except Exception:
                defaults = {}
            params = {**defaults, **(src.get("params") or {})}
            return (src.get("name"), int(src.get("seed", 0)),
                    {k: round(float(v), 3) for k, v in params.items() if isinstance(v, (int, float))})
        return settings(a) == settings(b)
    if a.get("kind") == b.get("kind") == "builtin":
        return a.get("name") == b.get("name") and bool(a.get("as_images")) == bool(b.get("as_images"))
    return a == b


def split_note(ds, split: dict | None) -> str:
    """One sentence when the project's split leaves a set too little to train on: very few training samples,
    or none of some class (empty when the split is fine, or takes nothing out). Training is not blocked."""
    split = split or {}
    val, test = float(split.get("val", 0.0) or 0.0), float(split.get("test", 0.0) or 0.0)
    if ds is None or (val <= 0 and test <= 0) or len(ds) > 10 * FEW_TRAINING * max(ds.n_classes or 1, 1):
        return ""
    try:
        train, _val, _test = ds.split(val=val, test=test, stratify=bool(split.get("stratify", True)),
                                      seed=int(split.get("seed", 0)))
    except DataError as exc:
        return str(exc)
    n, held = len(ds), len(ds) - len(train)
    if held <= 0:
        return ""
    if ds.task != "regression" and ds.n_classes:
        present, trained = set(np.asarray(ds.y).tolist()), set(np.asarray(train.y).tolist())
        missing = [c for c in range(ds.n_classes) if c in present and c not in trained]
        if missing:
            names = list(ds.class_names or [])
            name = names[missing[0]] if missing[0] < len(names) else str(missing[0])
            return _tr("Validation split {val:g} leaves no training sample of class '{name}': the network cannot "
                       "learn that class. Set Validation split lower, or to 0 (Training panel).").format(
                val=val, name=name)
    if len(train) >= FEW_TRAINING:
        return ""
    text = (_tr("With {n} samples, Validation split {val:g} holds 1 of them out: the network never trains on "
                "that sample, so its validation scores say little. For a set this small, set Validation split "
                "to 0 (Training panel).") if held == 1 else
            _tr("With {n} samples, Validation split {val:g} holds {held} of them out and leaves {train} to train "
                "on: the network never trains on the others, so its validation scores say little. For a set this "
                "small, lower Validation split or set it to 0 (Training panel)."))
    return text.format(n=n, val=val, held=held, train=len(train))


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
    dialog_factory = CsvDialog            # the import dialog (tests give one that answers it)
    dataChanged = Signal(object)          # the new Dataset
    loaded = Signal(object)               # the project's own set, read off the GUI thread, is here
    offered = Signal()                    # a set is not on this computer: the Download button shows
    adaptRequested = Signal(object)       # the network_fit.Fit applied (through the editor when there is one)
    settingsChanged = Signal()
    fitChanged = Signal()                 # what problems() reports may have changed
    splitNoteChanged = Signal(str)        # the sentence on a split that leaves too little to train on ("" none)

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
        self._csv: tuple[dict, object] | None = None   # the last imported file's (source, Dataset), in use or not
        self.kept_button = QPushButton("")      # a copy the reopened project keeps: import it again
        self.kept_button.hide()
        csv_page = QWidget()
        c = QVBoxLayout(csv_page)
        c.setContentsMargins(0, 0, 0, 0)
        c.addWidget(self.csv_button)
        c.addWidget(self.csv_label)
        c.addWidget(self.kept_button)
        for page in (gen_page, builtin_page, csv_page):
            self.pages.addWidget(page)
        # a QStackedWidget is as tall as its tallest page: size it to the shown page, so the short built-in
        # and CSV pages do not leave a gap above the settings that follow
        self.pages.currentChanged.connect(self._fit_page_height)
        self._fit_page_height(0)
        # another page is only looked at: the data changes when the learner chooses on it, or presses this
        self.use_button = QPushButton(_tr("Use this data"))
        self.use_button.setToolTip(_tr("Train on the data this page shows, in place of the data in use now "
                                       "(Edit ▸ Undo takes it back)"))
        self.page_note = QLabel("")
        self.page_note.setWordWrap(True)
        theme.mark_muted(self.page_note)

        self.scale = QComboBox()
        for label, value in SCALES:
            self.scale.addItem(_tr(label), value)
        self.scale_target = QCheckBox(_tr("Scale the target too (mean 0, std 1)"))
        self.scale_target.setToolTip(_tr("Train on the standardized target; predictions, plots and errors are "
                                         "turned back into the target's own units."))
        self.summary = QLabel(_tr("No data chosen yet."))
        self.summary.setWordWrap(True)
        self.split_note = QLabel("")           # a set so small that the validation split takes much of it
        self.split_note.setWordWrap(True)
        self.split_note.setStyleSheet(NOTE_STYLE)
        self.description = QLabel("")
        self.description.setWordWrap(True)
        theme.mark_muted(self.description)        # palette(mid) was too faint to read on a projector
        self.fit_label = QLabel("")
        self.fit_label.setWordWrap(True)
        self.fit_label.setStyleSheet(NOTE_STYLE)
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
        lay.addWidget(self.page_note)         # in sight right under the Source just changed
        lay.addWidget(self.use_button)
        lay.addWidget(self.pages)
        lay.addWidget(self.download_box)      # first in sight: the lesson waits on it
        scale_row = QHBoxLayout()
        scale_row.addWidget(QLabel(_tr("Scaling")))
        scale_row.addWidget(self.scale, 1)
        lay.addLayout(scale_row)
        lay.addWidget(self.scale_target)
        lay.addWidget(self.description)
        lay.addWidget(self.summary)
        lay.addWidget(self.split_note)
        lay.addWidget(self.error_label)
        lay.addWidget(self.fit_label)
        lay.addWidget(self.fit_button)
        lay.addWidget(self.preview, 100)
        lay.addStretch(1)  # takes the room when the preview is hidden (data that is not 2-D)
        self.fit_label.hide()
        self.fit_button.hide()
        self.error_label.hide()
        self.download_box.hide()
        self.split_note.hide()
        self.page_note.hide()

        self.download_box.download.clicked.connect(self._download)
        self.download_box.import_files.clicked.connect(self._import_files)
        self.download_box.cancel.clicked.connect(self.loader.cancel)
        self.loader.progressed.connect(self._load_progressed)
        self.loader.finished.connect(self._load_finished)
        self.loader.failed.connect(self._load_failed)
        self.loader.cancelled.connect(self._load_cancelled)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.generator.currentIndexChanged.connect(self._generator_changed)
        # choosing the generator or set already shown (no index change) uses it too, unless it is in use
        self.generator.activated.connect(lambda _i: self._use_page(only_if_new=True))
        self.regenerate.clicked.connect(self._regenerate)
        self.gen_seed.valueChanged.connect(lambda _v: self._apply_generator(merge=True))
        self.builtin.currentIndexChanged.connect(lambda _i: self._apply_builtin())
        self.builtin.activated.connect(lambda _i: self._use_page(only_if_new=True))
        self.as_images.toggled.connect(lambda _on: self._apply_builtin())
        self.csv_button.clicked.connect(self._import_csv)
        self.kept_button.clicked.connect(self._import_kept)
        self.use_button.clicked.connect(lambda: self._use_page())
        self.scale.currentIndexChanged.connect(self._scale_changed)
        self.scale_target.toggled.connect(self._scale_changed)
        self.fit_button.clicked.connect(self._adapt)
        self._build_gen_form(self.generator.currentData(), {})

    # -- project -------------------------------------------------------------------------------------
    def load(self, project) -> None:
        """Show the project's data (called on open/new/revert, and when switching runs changes the data)."""
        if project is not self.project:
            # the file imported last is offered until another project comes (a run switch or its undo reloads
            # the same project: the import stays offered, as it does through Save)
            self._csv = None
        self.project = project
        self._declined: tuple[str, ...] | None = None
        self._loading = True
        try:
            source = (project.data or {}).get("source")
            pre = (project.data or {}).get("preprocessing") or {}
            self.scale.setCurrentIndex(max(self.scale.findData(pre.get("scale", "standard")), 0))
            self.scale_target.setChecked(bool(pre.get("scale_target", False)))
        finally:
            self._loading = False
        self._show_source(source)
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
            if self.dataset is not None and _page_kind(source) == "csv":
                self._csv = (source, self.dataset)
        self._show_dataset()

    def _show_source(self, source: dict | None) -> None:
        """The page and its settings showing ``source`` (nothing changes for no source: a new project shows
        the first generator, not in use yet). Widgets that already show it are left alone: a generator's
        setting being spun is not rebuilt under the learner's hands."""
        if not source:
            self._refresh_page()
            return
        kind = _page_kind(source)
        self._loading = True
        try:
            self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
            self.pages.setCurrentIndex(self.kind.currentIndex())
            if kind == "generator":
                name = source.get("name")
                params = source.get("params") or {}
                if self.generator.currentData() != name or not self._param_widgets:
                    self.generator.setCurrentIndex(max(self.generator.findData(name), 0))
                    self._build_gen_form(name, params)
                else:
                    for key, w in self._param_widgets.items():
                        if key in params:
                            w.setValue(params[key])
                self.gen_seed.setValue(int(source.get("seed", 0)))
            elif kind == "builtin":
                self.builtin.setCurrentIndex(max(self.builtin.findData(source.get("name")), 0))
                self.as_images.setChecked(bool(source.get("as_images")))
        finally:
            self._loading = False
        self._refresh_page()

    # -- the page shown against the data in use ------------------------------------------------------
    def _page_source(self) -> dict | None:
        """What the shown page would use: its generator and settings, its built-in set, or the file imported
        last (None on the CSV page before any import)."""
        kind = self.kind.currentData()
        if kind == "generator":
            return {"kind": "generator", "name": self.generator.currentData(), "params": self.generator_params(),
                    "seed": int(self.gen_seed.value())}
        if kind == "builtin":
            return {"kind": "builtin", "name": self.builtin.currentData(), "as_images": self.as_images.isChecked()}
        return self._csv[0] if self._csv is not None else None

    def _in_use(self) -> dict | None:
        return (self.project.data or {}).get("source") if self.project is not None else None

    def page_in_use(self) -> bool:
        """Whether the shown page is the data the project uses (a page only looked at is not)."""
        return _same_source(self._page_source(), self._in_use())

    def _refresh_page(self) -> None:
        """The Use button and its note for a page only looked at, and the CSV page's line."""
        page = self._page_source()
        in_use = self._in_use()
        looking = page is not None and not _same_source(page, in_use) and not self._waiting_here()
        self.use_button.setVisible(looking)
        self.page_note.setVisible(looking and in_use is not None)
        if looking and in_use is not None:
            self.page_note.setText(_tr("Only looking: the project still uses {name} until you press “Use this "
                                       "data” or choose on this page.").format(name=_source_name(in_use)))
        kept = kept_csv.kept_file(self.project) if self._csv is None and _page_kind(in_use) != "csv" else None
        self.kept_button.setVisible(kept is not None)
        if kept is not None:           # saved while other data was in use: the copy stayed, its import choices not
            self.csv_label.setText(_tr("This project keeps a copy of {name}, imported earlier, but not how it was "
                                       "read (target, columns, task): it was saved while other data was in use.")
                                   .format(name=kept))
            self.kept_button.setText(_tr("Import {name} again…").format(name=kept))
        elif self._csv is None and _page_kind(in_use) == "csv":      # in use, though it could not be read
            self.csv_label.setText(_tr("Imported: {name}").format(name=_source_name(in_use)))
        elif self._csv is None:
            self.csv_label.setText(_tr("No file imported."))
        else:
            name = Path(str(self._csv[0].get("path", ""))).name
            self.csv_label.setText((_tr("Imported: {name}") if _same_source(self._csv[0], in_use) else
                                    _tr("Imported earlier: {name} (not in use now)")).format(name=name))

    def _waiting_here(self) -> bool:
        """The built-in set shown was chosen and is being read, or offered for download."""
        return (self._pending is not None and self._pending[2] and self.kind.currentData() == "builtin"
                and self._pending[0] == self.builtin.currentData())

    def _use_page(self, only_if_new: bool = False) -> None:
        """Use the data the shown page describes (``only_if_new``: unless it is in use already)."""
        if self._loading or self._waiting_here() or (only_if_new and self.page_in_use()):
            return
        kind = self.kind.currentData()
        if kind == "generator":
            self._apply_generator()
        elif kind == "builtin":
            self._apply_builtin()
        elif self._csv is not None:
            ds = self._csv[1]
            self._set(lambda: ds)

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
            self._refresh_page()
            return
        self._error("")
        self.download_box.busy(self._reading_text(name) if not download else _tr("connecting…"))
        self.loader.start(lambda progress: fetch_and_load(name, as_images, progress, download))
        self._refresh_page()

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

    def show_split_note(self) -> str:
        """The sentence on a split that leaves this data too little to train on (also sent to the Training
        panel, beside its Validation split)."""
        split = (self.project.data or {}).get("split") if self.project is not None else None
        text = split_note(self.dataset, split)
        if text != self.split_note.text() or self.split_note.isVisibleTo(self) != bool(text):
            self.split_note.setText(text)
            self.split_note.setVisible(bool(text))
            self.splitNoteChanged.emit(text)
        return text

    def check_fit(self, prompt: bool = False) -> list[str]:
        """Compare the network with the data; show the banner; optionally ask to adapt right away."""
        self.show_split_note()
        self._fit = fit = self.current_fit()
        sentences = fit.sentences
        self.fit_label.setText(" ".join(sentences))
        self.fit_label.setVisible(bool(sentences))
        self.fit_button.setVisible(fit.fixable)
        self.fitChanged.emit()
        # a proposal once declined is not asked again while it stays the same (every spin of a generator's
        # setting asked it anew); the banner and its button stay
        if prompt and fit.fixable and self.ask and tuple(sentences) != getattr(self, "_declined", None):
            answer = QMessageBox.question(self, _tr("Adapt the network?"),
                                          " ".join(sentences) + _tr("\n\nChange the network to fit the data? "
                                                                    "(Edit ▸ Undo takes it back.)"))
            if answer == QMessageBox.StandardButton.Yes:
                self._adapt()
            else:
                self._declined = tuple(sentences)
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
        """Another source's page is shown, and only shown: the data in use stays until the learner chooses."""
        self.pages.setCurrentIndex(index)
        self._refresh_page()

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
                w.valueChanged.connect(lambda _v: self._apply_generator(merge=True))
            else:
                w = QDoubleSpinBox()
                w.setDecimals(3)
                w.setRange(0.0, 100.0)
                w.setSingleStep(0.05)
                w.setValue(float(value))
                w.valueChanged.connect(lambda _v: self._apply_generator(merge=True))
            w.setKeyboardTracking(False)
            self._param_widgets[key] = w
            self.gen_form.addRow(layer_text.param_label(key, capitalize=False, words=key.replace("n_samples", "samples").replace("_", " ")), w)

    def generator_params(self) -> dict:
        return {k: (int(w.value()) if isinstance(w, QSpinBox) else float(w.value()))
                for k, w in self._param_widgets.items()}

    def _regenerate(self) -> None:
        self.gen_seed.setValue(self.gen_seed.value() + 1)   # a new draw; valueChanged regenerates

    def _apply_generator(self, merge: bool = False) -> None:
        """Use the shown generator; ``merge``: a setting spun, one undo step with the spins before it."""
        if self._loading:
            return
        name = self.generator.currentData()
        self._set(lambda: data.generate(name, seed=int(self.gen_seed.value()), **self.generator_params()),
                  merge_key=f"generator:{name}" if merge else None)

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

    def _import_kept(self) -> None:
        name = kept_csv.kept_file(self.project)
        if name is not None:
            kept_csv.import_again(self, name)

    def import_csv(self, path: str, dialog_factory=None) -> bool:
        """Run the import dialog on ``path``; embed the file in the project so it travels with it."""
        dialog = (dialog_factory or self.dialog_factory)(path, self)
        if not dialog.exec() or dialog.dataset is None:
            return False
        ds = dialog.dataset
        if self.project is not None:
            rel = self.project.embed(Path(path).name, dialog.file_bytes)
            ds.source = {**ds.source, "path": rel}
        self._csv = (ds.source, ds)            # the CSV page gives it back after another source was used
        self._set(lambda: ds)
        return True

    def _scale_changed(self, *_args) -> None:
        if self._loading or self.project is None:
            return
        pre = self.project.data.setdefault("preprocessing", {})
        pre["scale"] = self.scale.currentData()
        pre["scale_target"] = self.scale_target.isChecked()
        self.settingsChanged.emit()

    def _set(self, make, merge_key: str | None = None) -> None:
        """The learner chose data: it replaces the data in use as one undo step (through the window's editor,
        when there is one; ``merge_key``: one step with the changes before it that have the same key)."""
        if self._pending is not None:       # another choice replaces a set still loading or offered
            self._pending = None
            self.loader.stop()
            self.download_box.hide()
        try:
            ds = make()
        except DataError as exc:
            self._error(str(exc))
            return
        state = (ds.source, None, ds)        # the scaling is fitted to the new data when training starts
        if self.editor is not None and self.project is not None:
            label = _tr("Use data {name}").format(name=_source_name(ds.source))
            if not self.editor.swap(label, self._swap_data, state, merge_key):
                self._show_source(self._in_use())          # refused: the page shows the data in use again
                return
        else:
            self._swap_data(state)
        self.check_fit(prompt=True)

    def _swap_data(self, state: tuple) -> tuple:
        """Put ``(source, fitted scaling, Dataset)`` in place, with the page showing it; returns what it replaced
        (an undo step's way back: the CSV imported before, with the scaling fitted to it)."""
        source, fitted, ds = state
        old = (self._in_use(), None, self.dataset)
        if self.project is not None:
            pre = self.project.data.setdefault("preprocessing", {})
            old = (self._in_use(), pre.get("fitted"), self.dataset)
            self.project.data["source"] = source      # None: no data yet (the file format keeps the key)
            pre["fitted"] = fitted
        self.dataset = ds
        if ds is not None and _page_kind(source) == "csv":
            self._csv = (source, ds)
        if self._pending is not None:        # a set being read or offered gives way to this one
            self._pending = None
            self.loader.stop()
            self.download_box.hide()
        self._show_source(source)
        if ds is None and source and self.project is not None:   # undone back to a set still being read
            name = downloadable(source)
            if name is not None:
                self._fetch(name, bool(source.get("as_images")), False)
            else:
                try:
                    self.dataset = self.project.dataset()
                except Exception as exc:
                    self._error(str(exc))
        self._show_dataset()
        self.dataChanged.emit(self.dataset)
        return old

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _show_dataset(self) -> None:
        self._refresh_page()
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
