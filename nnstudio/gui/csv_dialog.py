"""Import a CSV file: preview the first rows, pick the target and the features, see the inferred task and
every problem in plain words before loading.

The dialog never guesses silently: what was sniffed (encoding, delimiter, header, decimal mark) and the
inferred task are shown (the task can be overridden: a numeric target with few distinct values may still be a
regression), and loading goes through ``nnstudio.data.load_csv`` with exactly the options on screen. A big
file loads in a worker thread while the dialog shows a busy bar and Cancel stays live.

"Use the file as: a time series" reads number columns as one series in time order instead
(``nnstudio.data.load_timeseries``): the series columns, the column to forecast, the window, horizon and stride.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QElapsedTimer, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QProgressBar, QSpinBox,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio import data
from nnstudio.data import DataError
from nnstudio.data.csv_columns import more_sentence
from nnstudio.data.errors import MissingValue
from nnstudio.gui import screen_fit, theme

SYNC_BYTES = 2 << 20     # smaller files load on the GUI thread (in a few milliseconds)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CsvDialog", text)


# the CSV reader's delimiters as a sentence names them
_DELIMITERS = {",": QT_TRANSLATE_NOOP("CsvDialog", "comma"), ";": QT_TRANSLATE_NOOP("CsvDialog", "semicolon"),
               "\t": QT_TRANSLATE_NOOP("CsvDialog", "tab"), "|": QT_TRANSLATE_NOOP("CsvDialog", "pipe")}


def _delimiter_name(delimiter) -> str:
    return _tr(_DELIMITERS[delimiter]) if delimiter in _DELIMITERS else repr(delimiter)


class _Cancelled(Exception):
    """Raised from the progress callback to stop a load the learner cancelled."""


class _Loader(QObject):
    """Runs load_csv in a worker thread (and reads the file's bytes, which the project embeds); emits the
    Dataset and the bytes, or None and the sentence saying why not. ``cancel`` stops it between chunks."""

    progressed = Signal(float)          # fraction of the lines parsed
    done = Signal(object, object, str)

    def __init__(self, path: Path, options: dict, load=data.load_csv):
        super().__init__()
        self.path, self.options, self.load = path, options, load
        self.cancel = threading.Event()

    def _progress(self, fraction: float) -> None:
        if self.cancel.is_set():
            raise _Cancelled
        self.progressed.emit(fraction)

    def run(self) -> None:
        try:
            dataset = self.load(self.path, progress=self._progress, **self.options)
            self.done.emit(dataset, self.path.read_bytes(), "")
        except DataError as exc:
            self.done.emit(None, None, str(exc))
        except _Cancelled:
            self.done.emit(None, None, _tr("Cancelled."))
        except OSError as exc:
            self.done.emit(None, None, _tr("{name} cannot be read ({why}).").format(
                name=self.path.name, why=exc.strerror or exc))
        except MemoryError:
            self.done.emit(None, None, _tr("{name} is too large to load into this computer's memory.").format(
                name=self.path.name))


# Loads still running after their dialog closed (Cancel): kept here until their thread ends, so a thread is
# never destroyed while it runs; their result is dropped.
_RUNNING: set = set()


def wait_for_loads(ms: int = 60000) -> None:
    """Block until every import thread has ended (application exit, tests)."""
    for thread, _loader in list(_RUNNING):
        thread.wait(ms)


TASK_CHOICES = ((QT_TRANSLATE_NOOP("CsvDialog", "as inferred"), None),
                (QT_TRANSLATE_NOOP("CsvDialog", "regression (predict a number)"), "regression"),
                (QT_TRANSLATE_NOOP("CsvDialog", "classification"), "classification"))
# how the file is read -> the function that loads it with the dialog's options
USES = ((QT_TRANSLATE_NOOP("CsvDialog", "a table (one row per sample)"), "table"),
        (QT_TRANSLATE_NOOP("CsvDialog", "a time series (windows of consecutive rows)"), "timeseries"))
LOADERS = {"table": data.load_csv, "timeseries": data.load_timeseries}
# the sniffed encodings as people name them ("utf-8-sig" is Python's name for UTF-8 that may start with a BOM)
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GB18030", "cp1252": "Windows-1252",
                  "latin-1": "Latin-1"}
TASK_WORDS = {"binary": QT_TRANSLATE_NOOP("CsvDialog", "classification into 2 classes"),
              "multiclass": QT_TRANSLATE_NOOP("CsvDialog", "classification into several classes"),
              "regression": QT_TRANSLATE_NOOP("CsvDialog", "regression (predict a number)"),
              None: QT_TRANSLATE_NOOP("CsvDialog", "not usable as a target")}


class CsvDialog(QDialog):
    """``CsvDialog(path).exec()``; on accept, ``dataset`` holds the loaded Dataset."""

    def __init__(self, path: str | Path, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.dataset = None
        self.file_bytes: bytes | None = None     # the file as loaded, for the project to embed
        self.setWindowTitle(_tr("Import {name}").format(name=self.path.name))
        screen_fit.size_window(self, 760, 560)
        self.preview = data.preview_csv(self.path, n=20)

        self.sniffed = QLabel()
        self.sniffed.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.target = QComboBox()
        self.task_label = QLabel()
        self.task_label.setWordWrap(True)
        self.task = QComboBox()
        for label, value in TASK_CHOICES:
            self.task.addItem(_tr(label), value)
        self.task.setToolTip(_tr("A column of whole numbers with few values, each in several rows, is read as "
                                 "classes; choose regression when the numbers are amounts (prices, ages)."))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)          # busy until the parsing reports how far it is
        self.progress.hide()
        self._thread = None
        self._size_mb = 0.0
        self.cancelled = False                # Cancel pressed while a load ran
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self._tick)
        self.features = QListWidget()
        self.features.setToolTip(_tr("Untick columns the network should not see"))
        # more numeric target columns: a point (x, y), a box, or several 0/1 labels
        self.more_targets = QListWidget()
        self.more_targets.setMaximumHeight(90)
        self.more_targets.setToolTip(_tr("Tick more columns for several outputs: a point, a box, or several "
                                         "yes/no (0/1) labels"))
        self.missing = QComboBox()
        for label, value in ((_tr("refuse the file"), "error"), (_tr("drop those rows"), "drop"),
                             (_tr("fill with the column mean"), "mean")):
            self.missing.addItem(label, value)
        self.use = QComboBox()
        for label, value in USES:
            self.use.addItem(_tr(label), value)
        self._build_series_widgets()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_tr("Target column"), self.target)
        form.addRow(_tr("Task"), self.task)
        form.addRow("", self.task_label)
        form.addRow(_tr("Missing values"), self.missing)
        table_side = QWidget()
        side = QVBoxLayout(table_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(form)
        side.addWidget(QLabel(_tr("More target columns (several outputs)")))
        side.addWidget(self.more_targets)
        side.addWidget(QLabel(_tr("Feature columns")))
        side.addWidget(self.features, 1)
        self.sides = QStackedWidget()
        self.sides.addWidget(table_side)
        self.sides.addWidget(self.series_side)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addWidget(self.sides, 2)
        use_row = QFormLayout()
        use_row.addRow(_tr("Use the file as"), self.use)
        lay = QVBoxLayout(self)
        lay.addLayout(use_row)
        lay.addWidget(self.sniffed)
        lay.addLayout(middle, 1)
        lay.addWidget(self.problems)
        lay.addWidget(self.progress)
        lay.addWidget(self.buttons)
        self._fill()
        self.target.currentIndexChanged.connect(self._target_changed)
        self.features.itemChanged.connect(lambda _item: self._check())
        self.more_targets.itemChanged.connect(lambda _item: self._more_targets_changed())
        self.missing.currentIndexChanged.connect(lambda _i: self._check())
        self.task.currentIndexChanged.connect(lambda _i: self._check())
        self.use.currentIndexChanged.connect(self._use_changed)
        self.series.itemChanged.connect(lambda _item: (self._series_changed(), self._check()))
        self.forecast.currentIndexChanged.connect(lambda _i: self._check())
        for box in (self.window, self.horizon, self.stride):
            box.valueChanged.connect(lambda _v: self._check())
        self._target_changed()

    # -- time series ------------------------------------------------------------------------------------
    def _build_series_widgets(self) -> None:
        numeric = [n for n in self.preview.columns if (self.preview.numeric or {}).get(n)]
        self.series = QListWidget()
        self.series.setToolTip(_tr("The columns read at every time step (the features of one step)"))
        for k, name in enumerate(numeric):
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if k == len(numeric) - 1 else Qt.CheckState.Unchecked)
            self.series.addItem(item)
        self.forecast = QComboBox()
        self.forecast.setToolTip(_tr("The column whose value the network forecasts"))
        self.window, self.horizon, self.stride = QSpinBox(), QSpinBox(), QSpinBox()
        for box, value, tip in (
                (self.window, 10, _tr("How many consecutive rows one sample holds (its timesteps)")),
                (self.horizon, 1, _tr("How many rows after the window's last one the forecast value lies")),
                (self.stride, 1, _tr("How many rows apart two windows start"))):
            box.setRange(1, 100000)
            box.setValue(value)
            box.setToolTip(tip)
        form = QFormLayout()
        form.addRow(_tr("Forecast column"), self.forecast)
        form.addRow(_tr("Window (steps)"), self.window)
        form.addRow(_tr("Horizon (steps ahead)"), self.horizon)
        form.addRow(_tr("Stride (steps)"), self.stride)
        note = QLabel(_tr("The rows must be in time order, one per step. The validation part is the last "
                          "windows: a shuffled split would let the network see the future it is checked on."))
        note.setWordWrap(True)
        self.series_side = QWidget()
        lay = QVBoxLayout(self.series_side)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(_tr("Series columns (numbers)")))
        lay.addWidget(self.series, 1)
        lay.addLayout(form)
        lay.addWidget(note)
        self._series_changed()

    def series_columns(self) -> list[str]:
        return [self.series.item(i).text() for i in range(self.series.count())
                if self.series.item(i).checkState() == Qt.CheckState.Checked]

    def _series_changed(self) -> None:
        """The forecast column is one of the series columns (the first ticked one unless chosen)."""
        kept = self.forecast.currentText()
        self.forecast.blockSignals(True)
        self.forecast.clear()
        self.forecast.addItems(self.series_columns())
        self.forecast.setCurrentIndex(max(self.forecast.findText(kept), 0))
        self.forecast.blockSignals(False)

    def _use_changed(self, *_args) -> None:
        self.sides.setCurrentIndex(self.use.currentIndex())
        self._check()

    def time_series(self) -> bool:
        return self.use.currentData() == "timeseries"

    def _series_problems(self) -> list[str]:
        used = set(self.series_columns())
        found = [] if used else [_tr("Tick at least one series column (only columns of numbers are listed).")]
        # a gap in a series column stops the import (a series needs a value at every step); the preview's own
        # sentence is the table's advice (drop the rows, fill with the mean), which no series choice does. A
        # problem naming no column (a row with more fields than the header) refuses the series too: said as
        # the table says it
        found += [self._series_problem(p) for p in self.preview.problems
                  if getattr(p, "column", None) is None or p.column in used]
        # Import is refused anyway: say too why a column one may look for is not listed
        return found + self.left_out_sentences() if found else []

    def _series_problem(self, problem: DataError) -> str:
        """A preview problem in a series column, said as load_timeseries deals with it: a gap refuses the file.
        (A column with a cell that is not a number is not listed as a series column at all.)"""
        if isinstance(problem, MissingValue):
            return _tr("{file}, row {row}, column '{col}' ({number}): the value is missing. A time series needs a "
                       "value at every step, and the import neither drops that row nor skips the windows across "
                       "it: fill the gap in the file.").format(**self._where(problem.column, problem.row)) + \
                more_sentence((self.preview.gaps or {}).get(problem.column))
        return str(problem)

    def _where(self, column: str, row) -> dict:
        columns = list(self.preview.columns)
        number = columns.index(column) + 1 if column in columns else "?"
        return {"file": self.path.name, "row": row, "col": column, "number": number}

    def left_out_sentences(self) -> list[str]:
        """Why a column of numbers is not listed as a series column: the first cell in it that is not a
        (finite) number, where the preview table shows it, and how many more there are."""
        return self._left_out(
            _tr("{file}, row {row}, column '{col}' ({number}): '{cell}' is not a finite number, so the column is "
                "not listed as a series column; correct that cell in the file and import it again."),
            _tr("{file}, row {row}, column '{col}' ({number}): '{cell}' is not a number, so the column is not "
                "listed as a series column; correct that cell in the file and import it again."))

    def left_out_targets(self) -> list[str]:
        """Why a column of numbers is not offered under More target columns (the table use), said as the time
        series says why it is not listed: several targets must all be numbers. The chosen target is no loss."""
        return self._left_out(
            _tr("{file}, row {row}, column '{col}' ({number}): '{cell}' is not a finite number, so the column is "
                "not offered as a further target column; correct that cell in the file and import it again."),
            _tr("{file}, row {row}, column '{col}' ({number}): '{cell}' is not a number, so the column is not "
                "offered as a further target column; correct that cell in the file and import it again."),
            skip=self.target.currentText())

    def _left_out(self, infinite: str, word: str, skip: str | None = None) -> list[str]:
        return [(infinite if spot.infinite else word).format(cell=spot.cell, **self._where(column, spot.row))
                + more_sentence(spot)
                for column, spot in (self.preview.bad or {}).items() if column != skip]

    def _fill(self) -> None:
        p = self.preview
        if p.options:
            o = p.options
            # rows are numbered as the file's rows in a spreadsheet (the header is row 1), as the messages
            # number them
            header = (_tr("Read as {encoding}, columns separated by {delimiter}, with a header row (row 1), "
                          "decimal mark '{decimal}'. Rows {first} to {last} of the file:") if o.get("header") else
                      _tr("Read as {encoding}, columns separated by {delimiter}, without a header row, decimal "
                          "mark '{decimal}'. Rows {first} to {last} of the file:"))
            numbers = self.row_numbers()
            self.sniffed.setText(header.format(encoding=ENCODING_NAMES.get(o.get("encoding"), o.get("encoding")),
                                               first=numbers[0] if numbers else "–",
                                               last=numbers[-1] if numbers else "–",
                                               delimiter=_delimiter_name(o.get("delimiter")),
                                               decimal=o.get("decimal", ".")))
        else:
            self.sniffed.setText(_tr("{name} cannot be read.").format(name=self.path.name))
        self.table.setColumnCount(len(p.columns))
        self.table.setHorizontalHeaderLabels(p.columns)
        self.table.setRowCount(len(p.rows))
        self.table.setVerticalHeaderLabels([str(r) for r in self.row_numbers()])
        self.table.verticalHeader().setToolTip(_tr("The rows as the file numbers them, like a spreadsheet: the "
                                                   "header is row 1, and a blank line is a row too"))
        for i, row in enumerate(p.rows):
            for j, cell in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()
        for name in p.columns:
            self.target.addItem(name)
        if p.columns:
            self.target.setCurrentIndex(len(p.columns) - 1)   # the usual layout: target last

    def row_numbers(self) -> list[int]:
        """The file's row number of each preview row (the numbers the problem sentences use)."""
        p = self.preview
        if p.row_numbers is not None:
            return list(p.row_numbers)
        first = 2 if p.options.get("header") else 1
        return list(range(first, first + len(p.rows)))

    def _target_changed(self, *_args) -> None:
        target = self.target.currentText()
        numeric = self.preview.numeric or {}
        for widget, names, state in (
                (self.features, [n for n in self.preview.columns if n != target], Qt.CheckState.Checked),
                (self.more_targets, [n for n in self.preview.columns if n != target and numeric.get(n)],
                 Qt.CheckState.Unchecked)):
            widget.blockSignals(True)
            widget.clear()
            for name in names:
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(state)
                widget.addItem(item)
            widget.blockSignals(False)
        self._describe_task()
        self._check()

    def _describe_task(self) -> None:
        extra = self.extra_targets()
        if extra:
            self.task_label.setText(_tr("{n} target columns: {n} outputs (numbers; columns of only 0 and 1 are "
                                        "labels, one sigmoid each).").format(n=len(extra) + 1))
            return
        task = self.preview.tasks.get(self.target.currentText())
        inferred = _tr(TASK_WORDS[task]) if task in TASK_WORDS else _tr("unknown")
        self.task_label.setText(_tr("Inferred from the values: {task}.").format(task=inferred))

    def extra_targets(self) -> list[str]:
        return [self.more_targets.item(i).text() for i in range(self.more_targets.count())
                if self.more_targets.item(i).checkState() == Qt.CheckState.Checked]

    def _more_targets_changed(self) -> None:
        """A column that is a target is no feature: hide it from the feature list meanwhile."""
        extra = set(self.extra_targets())
        for i in range(self.features.count()):
            self.features.item(i).setHidden(self.features.item(i).text() in extra)
        self._describe_task()
        self._check()

    def selected_features(self) -> list[str]:
        return [self.features.item(i).text() for i in range(self.features.count())
                if self.features.item(i).checkState() == Qt.CheckState.Checked
                and not self.features.item(i).isHidden()]

    def options(self) -> dict:
        """The load_csv (or, for a time series, load_timeseries) arguments the dialog shows."""
        o = self.preview.options
        if self.time_series():
            return {"columns": self.series_columns(), "target": [self.forecast.currentText()],
                    "window": self.window.value(), "horizon": self.horizon.value(), "stride": self.stride.value(),
                    "encoding": o.get("encoding"), "delimiter": o.get("delimiter"), "header": o.get("header"),
                    "decimal": o.get("decimal")}
        extra = self.extra_targets()
        target = [self.target.currentText(), *extra] if extra else self.target.currentText()
        return {"target": target, "features": self.selected_features(),
                "task": self.task.currentData(), "missing": self.missing.currentData(), "encoding": o.get("encoding"),
                "delimiter": o.get("delimiter"), "header": o.get("header"), "decimal": o.get("decimal")}

    def problem_sentences(self) -> list[str]:
        found = []
        if not self.preview.columns:
            found += [str(p) for p in self.preview.problems] or [_tr("{name} has no columns.").format(
                name=self.path.name)]
            return found
        if self.time_series():
            return self._series_problems()
        if self.preview.tasks.get(self.target.currentText()) is None:
            found.append(_tr("Column '{col}' cannot be a target (a single value, or text mixed with numbers): "
                             "pick another column.").format(col=self.target.currentText()))
        target = self.target.currentText()
        if self.task.currentData() == "regression" and not (self.preview.numeric or {}).get(target, True):
            found.append(_tr("Column '{col}' holds text, so it cannot be a regression target: choose "
                             "classification or another column.").format(col=target))
        if self.task.currentData() == "classification" and self.preview.tasks.get(target) == "regression" \
                and not (self.preview.whole or {}).get(target):    # whole numbers may be classes if one says so
            found.append(_tr("Column '{col}' holds fractional numbers, which are not class labels: choose "
                             "regression or another column.").format(col=target))
        if self.extra_targets() and self.task.currentData() == "classification":
            found.append(_tr("Several target columns make several outputs (numbers, or 0/1 labels for sigmoid "
                             "outputs), not one classification: choose the task 'as inferred' or regression."))
        if self.extra_targets() and not (self.preview.numeric or {}).get(target, True):
            found.append(_tr("Column '{col}' holds text; with several target columns each must hold numbers.")
                         .format(col=target))
        if not self.selected_features():
            found.append(_tr("Tick at least one feature column."))
        used = set(self.selected_features()) | {self.target.currentText(), *self.extra_targets()}
        for p in self.preview.problems:
            col = getattr(p, "column", None)
            if isinstance(col, str) and col not in used:
                continue          # a problem in a column the learner left out does not matter
            if self.missing.currentData() != "error" and isinstance(p, MissingValue):
                continue          # the chosen missing-value rule deals with it (a text cell it does not)
            found.append(str(p))
        # Import is refused anyway: say too why a column one may look for under More target columns is not there
        return found + self.left_out_targets() if found else []

    def advice_sentences(self) -> list[str]:
        """What the file can be imported with, but is likely not meant: a feature column of text with a
        different value in every row (a date, a name) only labels its rows; the columns of numbers not offered
        as further targets, and why. As a time series: the columns of numbers left out of the series columns."""
        if self.time_series():
            return self.left_out_sentences()
        labels = self.preview.labels or {}
        return self.left_out_targets() + [
            _tr("Column '{col}' holds a different text in every row (a date or a name?): as a feature it only "
                "labels its rows, one input each. Untick it; rows in time order may be meant as a time series "
                "(Use the file as).").format(col=col)
            for col in self.selected_features() if labels.get(col)]

    def _check(self) -> None:
        problems = self.problem_sentences()
        if problems:
            shown = problems[:6] + ([_tr("…and {n} more.").format(n=len(problems) - 6)] if len(problems) > 6 else [])
            self.problems.setText(_tr("<b>Problems:</b><br>") + "<br>".join(html.escape(t, quote=False) for t in shown))
            theme.set_tone(self.problems, "error")
        elif advice := self.advice_sentences():        # not wrong, but likely not meant: Import stays open
            self.problems.setText("<br>".join(html.escape(t, quote=False) for t in advice))
            theme.set_tone(self.problems, None)
        else:
            self.problems.setText(_tr("No problems found in the preview."))
            theme.set_tone(self.problems, "ok")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:
        """Load with the options on screen: a small file at once, a big one in a worker thread."""
        if self._thread is not None:
            return
        self.cancelled = False
        try:
            size = self.path.stat().st_size
        except OSError:
            size = 0
        loader = _Loader(self.path, self.options(), LOADERS[self.use.currentData()])
        loader.done.connect(self._loaded)
        loader.progressed.connect(self._progressed)
        if size < SYNC_BYTES:
            loader.run()
            return
        thread = QThread()
        loader.moveToThread(thread)
        thread.started.connect(loader.run)
        loader.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)   # quit() is thread-safe
        entry = (thread, loader)
        if not _RUNNING:
            # quitting while a load runs must not destroy its thread under it
            QCoreApplication.instance().aboutToQuit.connect(wait_for_loads)
        _RUNNING.add(entry)
        thread.finished.connect(lambda: _RUNNING.discard(entry))
        self._thread = thread
        self._size_mb = size / 1e6
        for w in (self.target, self.task, self.features, self.missing, self.table, self.use, self.series_side):
            w.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.progress.show()
        self._clock.start()
        self._tick()
        self._ticker.start()
        thread.start()

    def _tick(self) -> None:
        theme.set_tone(self.problems, None)
        self.problems.setText(_tr("Loading {name} ({mb:.0f} MB)… {s:.0f} s. Cancel stops it.").format(
            name=self.path.name, mb=self._size_mb, s=self._clock.elapsed() / 1000))

    def _progressed(self, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(round(100 * fraction)))

    def _loaded(self, dataset, raw, error: str) -> None:
        if self.cancelled:
            # a load that ended just before Cancel: its result was already queued to this thread, and
            # disconnecting does not take back a queued call
            return
        self._ticker.stop()
        self.progress.hide()
        self._thread = None
        if dataset is None:
            for w in (self.target, self.task, self.features, self.missing, self.table, self.use, self.series_side):
                w.setEnabled(True)
            self.problems.setText(_tr("<b>Cannot import:</b><br>") + html.escape(error, quote=False))
            theme.set_tone(self.problems, "error")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
            return
        self.dataset, self.file_bytes = dataset, raw
        super().accept()

    def reject(self) -> None:
        """Cancel: while a load runs, stop it (its thread ends after the chunk it is parsing) and drop it."""
        if self._thread is not None:
            self.cancelled = True
            self._ticker.stop()
            for thread, loader in _RUNNING:
                if thread is self._thread:
                    loader.cancel.set()
                    loader.done.disconnect(self._loaded)
                    loader.progressed.disconnect(self._progressed)
            self._thread = None
        super().reject()
