"""Import a CSV file: preview the first rows, pick the target and the features, see the inferred task and
every problem in plain words before loading.

The dialog never guesses silently: what was sniffed (encoding, delimiter, header, decimal mark) is shown,
and loading goes through ``nnstudio.data.load_csv`` with exactly the options on screen.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from nnstudio import data
from nnstudio.data import DataError

TASK_WORDS = {"binary": "classification into 2 classes", "multiclass": "classification into several classes",
              "regression": "regression (predict a number)", None: "not usable as a target"}


class CsvDialog(QDialog):
    """``CsvDialog(path).exec()``; on accept, ``dataset`` holds the loaded Dataset."""

    def __init__(self, path: str | Path, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.dataset = None
        self.setWindowTitle(f"Import {self.path.name}")
        self.resize(760, 560)
        self.preview = data.preview_csv(self.path, n=20)

        self.sniffed = QLabel()
        self.sniffed.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.target = QComboBox()
        self.task_label = QLabel()
        self.features = QListWidget()
        self.features.setToolTip("Untick columns the network should not see")
        self.missing = QComboBox()
        for label, value in (("refuse the file", "error"), ("drop those rows", "drop"),
                             ("fill with the column mean", "mean")):
            self.missing.addItem(label, value)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Target column", self.target)
        form.addRow("Task", self.task_label)
        form.addRow("Missing values", self.missing)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(QLabel("Feature columns"))
        side.addWidget(self.features, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addLayout(side, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.sniffed)
        lay.addLayout(middle, 1)
        lay.addWidget(self.problems)
        lay.addWidget(self.buttons)
        self._fill()
        self.target.currentIndexChanged.connect(self._target_changed)
        self.features.itemChanged.connect(lambda _item: self._check())
        self.missing.currentIndexChanged.connect(lambda _i: self._check())
        self._target_changed()

    def _fill(self) -> None:
        p = self.preview
        if p.options:
            o = p.options
            self.sniffed.setText(f"Read as {o.get('encoding')}, columns separated by "
                                 f"{o.get('delimiter_name', repr(o.get('delimiter')))}, "
                                 f"{'with' if o.get('header') else 'without'} a header row, decimal mark "
                                 f"'{o.get('decimal', '.')}'. The first {len(p.rows)} rows:")
        else:
            self.sniffed.setText(f"{self.path.name} cannot be read.")
        self.table.setColumnCount(len(p.columns))
        self.table.setHorizontalHeaderLabels(p.columns)
        self.table.setRowCount(len(p.rows))
        for i, row in enumerate(p.rows):
            for j, cell in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()
        for name in p.columns:
            self.target.addItem(name)
        if p.columns:
            self.target.setCurrentIndex(len(p.columns) - 1)   # the usual layout: target last

    def _target_changed(self, *_args) -> None:
        target = self.target.currentText()
        self.task_label.setText(TASK_WORDS.get(self.preview.tasks.get(target), "unknown"))
        self.features.blockSignals(True)
        self.features.clear()
        for name in self.preview.columns:
            if name == target:
                continue
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.features.addItem(item)
        self.features.blockSignals(False)
        self._check()

    def selected_features(self) -> list[str]:
        return [self.features.item(i).text() for i in range(self.features.count())
                if self.features.item(i).checkState() == Qt.CheckState.Checked]

    def options(self) -> dict:
        """The load_csv arguments the dialog shows."""
        o = self.preview.options
        return {"target": self.target.currentText(), "features": self.selected_features(),
                "missing": self.missing.currentData(), "encoding": o.get("encoding"),
                "delimiter": o.get("delimiter"), "header": o.get("header"), "decimal": o.get("decimal")}

    def problem_sentences(self) -> list[str]:
        found = []
        if not self.preview.columns:
            found += [str(p) for p in self.preview.problems] or [f"{self.path.name} has no columns."]
            return found
        if self.preview.tasks.get(self.target.currentText()) is None:
            found.append(f"Column '{self.target.currentText()}' cannot be a target (a single value, or text "
                         f"mixed with numbers): pick another column.")
        if not self.selected_features():
            found.append("Tick at least one feature column.")
        used = set(self.selected_features()) | {self.target.currentText()}
        for p in self.preview.problems:
            col = getattr(p, "column", None)
            if isinstance(col, str) and col not in used:
                continue          # a problem in a column the learner left out does not matter
            if self.missing.currentData() != "error" and "missing" in str(p).lower():
                continue          # the chosen missing-value rule deals with it
            found.append(str(p))
        return found

    def _check(self) -> None:
        problems = self.problem_sentences()
        if problems:
            shown = problems[:6] + ([f"…and {len(problems) - 6} more."] if len(problems) > 6 else [])
            self.problems.setText("<b>Problems:</b><br>" + "<br>".join(html.escape(t, quote=False) for t in shown))
            self.problems.setStyleSheet("color: #a01010;")
        else:
            self.problems.setText("No problems found in the preview.")
            self.problems.setStyleSheet("color: #106030;")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:
        try:
            self.dataset = data.load_csv(self.path, **self.options())
        except DataError as exc:
            self.problems.setText("<b>Cannot import:</b><br>" + html.escape(str(exc), quote=False))
            self.problems.setStyleSheet("color: #a01010;")
            return
        super().accept()
