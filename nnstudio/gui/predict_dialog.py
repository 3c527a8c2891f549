"""Tools ▸ Predict New Samples: type (or paste) new samples in the data's own units and read what the trained
network predicts for them, as tutorial 002 ends by pricing two new houses.

Everything from the typed text to the prediction is ``nnstudio.project.predict``'s, as ``nnstudio predict``
uses it: ``encode_rows`` reads the cells (a text column's categories one-hot, as at training time) and
``Predictor`` applies the project's fitted scaling, the trained network and, for regression, the scaling of
the target undone. This window only lays the table out and says why it cannot predict when it cannot.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QStyledItemDelegate, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio.data.drawing import DIGIT_FORMATS
from nnstudio.data.errors import DataError
from nnstudio.engine.errors import SpecError
from nnstudio.project.errors import ProjectError
from nnstudio.project.predict import BadCell, Predictions, Predictor, encode_rows, number_text

from . import data_names, screen_fit, theme
from .follow_project import Follower
from .plots.base import match_scale
from .presentation import ScaledText
from .table_headers import HeadersFollowTable

MAX_FEATURES = 30     # more inputs than this are not typed by hand: the CLI reads a CSV of them
START_ROWS = 4        # the empty rows a fresh table offers
VALUE = Qt.UserRole   # an output cell's number (a probability or a value), unrounded
SHADE = Qt.UserRole + 1   # what a cell's background says: OUTPUT or PROBLEM (its colour is chosen when painted)
OUTPUT, PROBLEM = "output", "problem"


def shade_color(shade: str | None, palette: QPalette) -> QColor | None:
    """A cell's background in the current scheme: read-only outputs on the palette's alternate base, a cell
    that cannot be read tinted with the error tone; None for a plain cell."""
    if shade == OUTPUT:
        return palette.color(QPalette.AlternateBase)
    if shade == PROBLEM:
        color = QColor(theme.tone_color("error"))
        color.setAlpha(70)
        return color
    return None


class _Shading(QStyledItemDelegate):
    """Colours the cells when they are painted, as the canvas asks ``theme.colors()`` when it paints: a brush
    stored in a cell kept the scheme it was made in (a light band of light text after a switch to dark)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        color = shade_color(index.data(SHADE), option.palette)
        if color is not None:
            option.backgroundBrush = QBrush(color)


class PredictDialog(QWidget):
    """A window of its own: a sentence, the table of samples (inputs, then the predictions), its buttons."""

    def __init__(self, window, parent=None):
        super().__init__(parent if parent is not None else window, Qt.Window)
        self.window_ = window
        self.setObjectName("predict_dialog")
        self.setWindowTitle(self.tr("Predict new samples"))
        self.predictor: Predictor | None = None
        self.columns: list[str] = []           # the input columns, as the data names them
        self.outputs: list[str] = []           # the headers of the prediction columns
        self.reason = ""                       # why there is no table, when there is none
        self.problem = ""                      # the first cell that cannot be read, in one sentence
        self.predictions: dict[int, Predictions] = {}   # row -> its prediction (filled, readable rows only)
        self._filling = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        theme.mark_muted(self.intro)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table = QTableWidget(0, 0)
        self.table.setSelectionMode(QAbstractItemView.ContiguousSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.setItemDelegate(_Shading(self.table))
        font = self.table.font()
        font.setPointSize(max(font.pointSize(), 11))
        self.table.setFont(font)
        self._headers = HeadersFollowTable(self.table)
        paste = QAction(self.tr("Paste"), self.table)
        paste.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Paste))
        paste.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        paste.triggered.connect(self.paste)
        self.table.addAction(paste)
        clear = QAction(self.table)
        clear.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        clear.setShortcutContext(Qt.WidgetShortcut)
        clear.triggered.connect(self.clear_selected)
        self.table.addAction(clear)

        self.add_row = QPushButton(self.tr("Add row"))
        self.remove_row = QPushButton(self.tr("Remove row"))
        self.remove_row.setToolTip(self.tr("Remove the selected rows"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Paste rows copied from a spreadsheet or a CSV file: values separated "
                                             "by tabs or commas, one sample per line, columns in the table's "
                                             "order"))
        buttons = QHBoxLayout()
        for b in (self.add_row, self.remove_row, self.paste_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_row.clicked.connect(lambda: self._add_rows(1))
        self.remove_row.clicked.connect(self.remove_rows)
        self.paste_button.clicked.connect(self.paste)
        self.table.itemChanged.connect(self._cell_changed)

        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.message, 1)
        lay.addWidget(self.table, 100)
        lay.addLayout(buttons)
        self._scaled_text = ScaledText(self.table, self.intro, self.message)
        screen_fit.size_window(self, 760, 440)

    # -- the project ------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the window's project again: its network, weights and fitted scaling; the typed samples stay
        when the inputs are the same, and their predictions are computed anew."""
        self.predictor = None
        self.reason = self._why_not() or ""
        if not self.reason:
            columns = list(self.predictor.columns)
            outputs = self._output_headers()
            if columns != self.columns or outputs != self.outputs:
                self._lay_out(columns, outputs)
        shown = not self.reason
        for w in (self.table, self.add_row, self.remove_row, self.paste_button, self.intro):
            w.setVisible(shown)
        if self.reason:
            self.columns, self.outputs = [], []
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.predictions = {}
            self.problem = ""
            self.message.setText(self.reason)
            self.message.setAlignment(Qt.AlignCenter)     # the window's one sentence, in its middle
            self.message.setVisible(True)
            theme.set_tone(self.message, None)
            return
        self.message.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.intro.setText(self.tr("Type the inputs of new samples in the data's own units (or paste rows); the "
                                   "trained network's prediction appears as each row is filled. The scaling "
                                   "fitted at training is applied for you, as 'nnstudio predict' does."))
        self.recompute()

    def _why_not(self) -> str | None:
        """The sentence saying why this project cannot be predicted here, or None with ``predictor`` built."""
        window = self.window_
        project = window.project
        source = (project.data or {}).get("source")
        if not source:
            return self.tr("This project has no data yet: choose data in the Data panel and train the network, "
                           "then type new samples here.")
        shape = self._input_shape()
        digits = source.get("kind") == "builtin" and source.get("name") in DIGIT_FORMATS
        if digits:
            return self.tr("This network reads images of digits, which are drawn rather than typed: train it, "
                           "then draw a digit on the drawing pad (View ▸ Panels ▸ Drawing pad) to see its "
                           "prediction.")
        if shape is not None and len(shape) >= 3 or source.get("as_images"):
            return self.tr("This network reads images, which a table cannot hold: predict a CSV of their pixels "
                           "with 'nnstudio predict PROJECT --input FILE --output FILE'.")
        if shape is not None and len(shape) == 2:
            return self.tr("This network reads sequences (several values per time step), which a table of "
                           "samples cannot hold: predict a CSV of them with 'nnstudio predict PROJECT --input "
                           "FILE --output FILE'.")
        fitted = (project.data.get("preprocessing") or {}).get("fitted")
        if project.weights is None or not fitted:
            return self.tr("Train the network first: predictions use its trained weights and the scaling fitted "
                           "to its training data.")
        window.spec_to_project()    # the network on the canvas, as saving would store it
        try:
            predictor = Predictor(project)
        except (ProjectError, DataError, SpecError, ValueError) as exc:
            return self.tr("The network cannot predict with its trained weights ({0}): train it again.").format(
                str(getattr(exc, "message", exc)).rstrip("."))
        if not predictor.columns or len(predictor.input_shape) != 1:
            return self.tr("This network reads images, which a table cannot hold: predict a CSV of their pixels "
                           "with 'nnstudio predict PROJECT --input FILE --output FILE'.")
        if len(predictor.columns) > MAX_FEATURES:
            return self.tr("This network takes {0} inputs, too many to type by hand: predict a CSV of them with "
                           "'nnstudio predict PROJECT --input FILE --output FILE'.").format(len(predictor.columns))
        self.predictor = predictor
        return None

    def _input_shape(self) -> tuple | None:
        analysis = self.window_.document.analysis()
        shape = analysis.shapes.get(analysis.input_id) if analysis.input_id is not None else None
        return tuple(shape) if shape is not None else None

    def _output_headers(self) -> list[str]:
        p = self.predictor
        if p.classes:
            return [self.tr("Predicted class"), self.tr("Probability")]
        width = int(np.prod(p.net.output_shape))
        names = self._target_names(width)
        if names is None:
            return [self.tr("Prediction")] if width == 1 else [self.tr("Prediction {0}").format(i + 1)
                                                               for i in range(width)]
        return [self.tr("Predicted {0}").format(n) for n in names]

    def _target_names(self, width: int) -> list[str] | None:
        """The target's name(s) as the data gives them: from the Data panel's data set when it is the one the
        network was trained on, else from a CSV's recorded target column(s)."""
        panel = getattr(getattr(self.window_, "training", None), "data_panel", None)
        ds = getattr(panel, "dataset", None)
        if ds is not None and list(getattr(ds, "feature_names", []) or []) == list(self.window_.project.feature_names
                                                                                  or []):
            names = list(getattr(ds, "target_names", None) or [])
            if len(names) == width:
                return data_names.shown(names)
        target = ((self.window_.project.data.get("source") or {}).get("options") or {}).get("target")
        names = [target] if isinstance(target, str) else target
        if isinstance(names, list) and len(names) == width and all(isinstance(n, str) for n in names):
            return data_names.shown(names)
        return None

    def _lay_out(self, columns: list[str], outputs: list[str]) -> None:
        self._filling = True
        self.columns, self.outputs = columns, outputs
        self.table.clear()
        self.table.setColumnCount(len(columns) + len(outputs))
        self.table.setRowCount(0)
        shown = data_names.shown(columns)
        for c, name in enumerate(shown + outputs):
            item = QTableWidgetItem(name)
            categories = self.predictor.categories.get(columns[c]) if c < len(columns) else None
            if categories:
                item.setToolTip(self.tr("One of: {0}").format(", ".join(categories)))
            elif c >= len(columns):
                item.setToolTip(self.tr("The trained network's prediction (read only)"))
            self.table.setHorizontalHeaderItem(c, item)
        self._filling = False
        self._add_rows(START_ROWS)
        header = self.table.horizontalHeader()
        for c in range(self.table.columnCount()):
            header.resizeSection(c, max(100, min(240, header.sectionSizeHint(c) + 16)))
        # wide enough for every column when the screen allows (a new project may bring more columns)
        margins = self.layout().contentsMargins()
        wanted = (header.length() + self.table.verticalHeader().sizeHint().width() + 2 * self.table.frameWidth()
                  + margins.left() + margins.right() + 4)
        if wanted > self.width():
            screen_fit.size_window(self, wanted, self.height())

    # -- rows -------------------------------------------------------------------------------------------
    def _add_rows(self, count: int) -> None:
        self._filling = True
        for _ in range(count):
            r = self.table.rowCount()
            self.table.insertRow(r)
            for c in range(len(self.columns), self.table.columnCount()):
                item = QTableWidgetItem("")
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                item.setData(SHADE, OUTPUT)       # read only: set apart from the inputs
                self.table.setItem(r, c, item)
        self._filling = False

    def remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or
                      ({self.table.currentRow()} if self.table.currentRow() >= 0 else
                       {self.table.rowCount() - 1}), reverse=True)
        for r in rows:
            if r >= 0:
                self.table.removeRow(r)
        if self.table.rowCount() == 0:
            self._add_rows(1)
        self.recompute()

    def clear_selected(self) -> None:
        self._filling = True
        for index in self.table.selectedIndexes():
            item = self.table.item(index.row(), index.column())
            if index.column() < len(self.columns) and item is not None:
                item.setText("")
        self._filling = False
        self.recompute()

    def cells(self, row: int) -> list[str]:
        """The text typed in the input cells of ``row``."""
        texts = []
        for c in range(len(self.columns)):
            item = self.table.item(row, c)
            texts.append(item.text().strip() if item is not None else "")
        return texts

    def set_rows(self, rows: list[list[str]], row: int = 0, column: int = 0) -> None:
        """Put ``rows`` of cell texts in the table from (``row``, ``column``) on, adding rows as needed."""
        needed = row + len(rows) - self.table.rowCount()
        if needed > 0:
            self._add_rows(needed)
        self._filling = True
        for i, values in enumerate(rows):
            for j, text in enumerate(values[:max(len(self.columns) - column, 0)]):
                self.table.setItem(row + i, column + j, QTableWidgetItem(text.strip()))
        self._filling = False
        self.recompute()

    def paste(self) -> None:
        """Rows from the clipboard (tab- or comma-separated, one sample a line) from the current cell on, or
        from the first empty row; a first line naming the columns is left out."""
        if not self.columns:
            return
        text = QGuiApplication.clipboard().text()
        lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
        if not lines:
            self.message.setText(self.tr("The clipboard holds no rows to paste."))
            theme.set_tone(self.message, "error")
            return
        sep = "\t" if any("\t" in line for line in lines) else ","
        rows = [[cell.strip().strip('"') for cell in line.split(sep)] for line in lines]
        if [c.lower() for c in rows[0][:len(self.columns)]] == [c.lower() for c in self.columns[:len(rows[0])]]:
            rows = rows[1:]
        current = self.table.currentItem()
        if current is not None and current.column() < len(self.columns) and self.table.selectedIndexes():
            row, column = current.row(), current.column()
        else:
            row, column = self._first_empty_row(), 0
        self.set_rows(rows, row, column)

    def _first_empty_row(self) -> int:
        for r in range(self.table.rowCount()):
            if not any(self.cells(r)):
                if all(not any(self.cells(k)) for k in range(r, self.table.rowCount())):
                    return r
        return self.table.rowCount()

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() < len(self.columns):
            self.recompute()

    # -- predictions ------------------------------------------------------------------------------------
    def recompute(self) -> None:
        """Mark the cells that cannot be read and predict every filled row, all at once."""
        if self.predictor is None:
            return
        p = self.predictor
        ready, problems = [], []
        self._filling = True
        for r in range(self.table.rowCount()):
            texts = self.cells(r)
            bad = False
            for c, text in enumerate(texts):
                item = self.table.item(r, c)
                problem = self._cell_problem(r, c, text) if text else ""
                if item is not None:
                    item.setData(SHADE, PROBLEM if problem else None)
                    item.setToolTip(problem)
                if problem:
                    problems.append(problem)
                    bad = True
            if all(texts) and not bad:
                ready.append(r)
        self.predictions = {}
        if ready:
            try:
                result = p.predict(encode_rows([self.cells(r) for r in ready], self.columns, p.categories))
            except (BadCell, DataError, SpecError, ValueError) as exc:   # not expected: said, never a traceback
                problems.insert(0, self.tr("The network cannot predict these samples: {0}").format(
                    getattr(exc, "message", exc)))
            else:
                for k, r in enumerate(ready):
                    self.predictions[r] = _one(result, k)
        for r in range(self.table.rowCount()):
            self._show_prediction(r, self.predictions.get(r))
        # a last row in use gets an empty one after it, for the next sample
        if self.table.rowCount() == 0 or any(self.cells(self.table.rowCount() - 1)):
            self._filling = False
            self._add_rows(1)
            self._filling = True
        self._filling = False
        self.problem = problems[0] if problems else ""
        if self.problem:
            more = len(problems) - 1
            self.message.setText(self.problem if not more else
                                 self.tr("{0} (1 more cell is marked.)").format(self.problem) if more == 1 else
                                 self.tr("{0} ({1} more cells are marked.)").format(self.problem, more))
            theme.set_tone(self.message, "error")
        else:
            self.message.setText("")
            theme.set_tone(self.message, None)
        self.message.setVisible(bool(self.problem))

    def _cell_problem(self, row: int, column: int, text: str) -> str:
        """The sentence naming the cell, when ``text`` cannot be read in its column; else ''."""
        name = self.columns[column]
        try:
            encode_rows([[text]], [name], self.predictor.categories)
        except BadCell as bad:
            shown = data_names.shown([name])[0]
            if bad.known is not None:
                return self.tr("Row {0}, column '{1}': '{2}' is not one of the categories the network was "
                               "trained on ({3}).").format(row + 1, shown, text, ", ".join(bad.known))
            return self.tr("Row {0}, column '{1}': '{2}' is not a number.").format(row + 1, shown, text)
        return ""

    def _show_prediction(self, row: int, prediction: Predictions | None) -> None:
        first = len(self.columns)
        items = [self.table.item(row, first + k) for k in range(len(self.outputs))]
        if any(i is None for i in items):
            return
        for item in items:
            item.setText("")
            item.setToolTip("")
            item.setData(VALUE, None)
        if prediction is None:
            return
        if prediction.classes is not None:
            probs = prediction.probabilities[0]
            shown = data_names.shown(prediction.classes)
            top = prediction.classes.index(prediction.labels[0])
            items[0].setText(shown[top])
            items[0].setData(VALUE, prediction.labels[0])
            items[1].setText(_percent(probs[top]))
            items[1].setData(VALUE, float(probs[top]))
            order = np.argsort(-probs, kind="stable")
            tip = "\n".join(self.tr("{0}: {1}").format(shown[k], _percent(probs[k])) for k in order)
            for item in items:
                item.setToolTip(self.tr("Probability of each class:") + "\n" + tip)
            return
        for item, value in zip(items, prediction.values[0]):
            item.setText(number_text(float(value)))
            item.setData(VALUE, float(value))

    def rescaled(self) -> None:
        """Presentation mode began or ended: the table and the sentences at its scale."""
        self._scaled_text.apply()
        self.table.resizeRowsToContents()


def _percent(p: float) -> str:
    """A probability as a percentage that never reads 100.0% (or 0.0%) when it is not exactly that."""
    text = f"{p:.1%}"
    if text == "100.0%" and p < 1:
        return "> 99.9%"
    if text == "0.0%" and p > 0:
        return "< 0.1%"
    return text


def _one(result: Predictions, k: int) -> Predictions:
    """Sample ``k`` of ``result`` as Predictions of one sample."""
    if result.classes is not None:
        return Predictions(classes=result.classes, labels=[result.labels[k]],
                           probabilities=result.probabilities[k:k + 1])
    return Predictions(values=result.values[k:k + 1])


def open_predict_dialog(window) -> PredictDialog:
    """Show the window (one per main window) on the window's current project, raising it when open."""
    view = window.findChild(PredictDialog, "predict_dialog")
    if view is None:
        view = PredictDialog(window)
        view.follower = Follower(view, window, view.reload)
        match_scale(view)             # opened during presentation mode: at its scale
    view.reload()
    view.show()
    view.raise_()
    view.activateWindow()
    return view
