"""The selected layer's weights and biases as tables of numbers, editable cell by cell (one undo step each).

A 2-D kernel reads as the course writes it, rows = inputs and columns = units; a bias is one row. A tensor of
more dimensions (a Conv2D kernel: height × width × input channels × filters) shows one height × width slice,
chosen with a spin box per further axis. Tables are models over the arrays (QTableView), so a layer of a
hundred thousand weights scrolls without building a widget per number.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
                               QTableView, QVBoxLayout, QWidget)

from .. import theme
from ..weight_edits import WeightEdits

VISIBLE_ROWS = 8            # taller tensors scroll inside their table
POSITIVE = QColor(31, 119, 180)   # the tints of the weights heatmap: blue above zero, red below
NEGATIVE = QColor(214, 39, 40)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WeightTables", text)


class WeightModel(QAbstractTableModel):
    """One 2-D view of a tensor: ``rows`` × ``cols`` of ``array[... slice]``; edits go to ``commit``."""

    def __init__(self, param: str, commit, parent=None):
        super().__init__(parent)
        self.param = param
        self.commit = commit          # commit(full index, text) -> bool
        self.array = np.zeros((0,))
        self.fixed: tuple[int, ...] = ()   # the chosen indices of the axes beyond the table's two
        self.scale = 1.0

    def set_array(self, array: np.ndarray, fixed: tuple[int, ...] = ()) -> None:
        array, fixed = np.asarray(array), tuple(fixed)
        same = array.shape == self.array.shape and fixed == self.fixed
        if not same:
            self.beginResetModel()
        self.array, self.fixed = array, fixed
        top = float(np.max(np.abs(array))) if array.size else 0.0
        self.scale = top if top > 0 and np.isfinite(top) else 1.0
        if not same:
            self.endResetModel()
        elif self.rowCount() and self.columnCount():
            # new numbers in the same cells: an open editor (the edit being committed) stays valid
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _index(self, row: int, col: int) -> tuple[int, ...]:
        return (col,) if self.array.ndim == 1 else (row, col) + self.fixed

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.array.size == 0:
            return 0
        return 1 if self.array.ndim == 1 else self.array.shape[0]

    def columnCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.array.size == 0:
            return 0
        return self.array.shape[0] if self.array.ndim == 1 else self.array.shape[1]

    def value(self, row: int, col: int) -> float:
        return float(self.array[self._index(row, col)])

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        v = self.value(index.row(), index.column())
        if role == Qt.DisplayRole:
            return f"{v:.4g}"
        if role == Qt.EditRole:
            return f"{v:.7g}"         # float32 holds about 7 digits: what is stored, without noise
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.BackgroundRole:
            tint = QColor(POSITIVE if v >= 0 else NEGATIVE)
            tint.setAlphaF(min(1.0, abs(v) / self.scale) * 0.35)
            return tint
        if role == Qt.ToolTipRole:
            where = ", ".join(str(i + 1) for i in self._index(index.row(), index.column()))
            return _tr("{param}[{where}] = {value}").format(param=self.param, where=where, value=f"{v:.7g}")
        return None

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return _tr("unit {n}").format(n=section + 1) if self.array.ndim <= 2 else str(section + 1)
        if self.array.ndim == 1:
            return self.param
        return _tr("in {n}").format(n=section + 1) if self.array.ndim == 2 else str(section + 1)

    def flags(self, index: QModelIndex):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid():
            return False
        return bool(self.commit(self._index(index.row(), index.column()), str(value)))


def _caption(param: str, shape: tuple[int, ...]) -> str:
    if len(shape) == 1:
        return _tr("{param}: {n} units (one row)").format(param=param, n=shape[0])
    if len(shape) == 2:
        return _tr("{param}: {rows} inputs (rows) × {cols} units (columns)").format(
            param=param, rows=shape[0], cols=shape[1])
    return _tr("{param}: {shape}, one {rows} × {cols} slice at a time").format(
        param=param, shape=" × ".join(str(s) for s in shape), rows=shape[0], cols=shape[1])


def _axis_name(axis: int, ndim: int) -> str:
    """A kernel's last axis runs over the filters (units), the one before over the input channels."""
    if axis == ndim - 1:
        return _tr("Filter")
    return _tr("Input channel") if axis == ndim - 2 else _tr("Axis {n}").format(n=axis + 1)


class TensorTable(QWidget):
    """One parameter tensor: caption, slice choosers (beyond 2-D), the table and its Initialise button."""

    def __init__(self, edits: WeightEdits, node_id: str, param: str, array: np.ndarray, parent=None):
        super().__init__(parent)
        self.edits, self.node_id, self.param = edits, node_id, param
        self.shape = tuple(np.shape(array))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        head = QHBoxLayout()
        self.caption = QLabel(_caption(param, self.shape))
        self.caption.setWordWrap(True)
        head.addWidget(self.caption, 1)
        self.initialise = QPushButton(_tr("Initialise"))
        self.initialise.setToolTip(_tr("Draw this tensor afresh from the layer's initializer (Edit ▸ Undo "
                                       "brings the numbers back)."))
        self.initialise.clicked.connect(lambda: self.edits.initialise(self.node_id, self.param))
        head.addWidget(self.initialise, 0, Qt.AlignTop)
        layout.addLayout(head)
        self.choosers: list[QSpinBox] = []
        if len(self.shape) > 2:
            row = QHBoxLayout()
            for axis in range(2, len(self.shape)):
                box = QSpinBox()
                box.setRange(1, self.shape[axis])
                box.setAccessibleName(_axis_name(axis, len(self.shape)))
                box.valueChanged.connect(lambda _v: self.show_array(self.array))
                row.addWidget(QLabel(_axis_name(axis, len(self.shape))))
                row.addWidget(box)
                self.choosers.append(box)
            row.addStretch(1)
            layout.addLayout(row)
        self.model = WeightModel(param, self._commit, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_tr("{param} of {layer}").format(param=param, layer=node_id))
        self.view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                  | QAbstractItemView.AnyKeyPressed)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        hh, vh = self.view.horizontalHeader(), self.view.verticalHeader()
        hh.setSectionResizeMode(QHeaderView.Fixed)
        hh.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("-0.0000") + 16)
        vh.setSectionResizeMode(QHeaderView.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        layout.addWidget(self.view)
        self.array = np.asarray(array)
        self.show_array(self.array)

    def _fixed(self) -> tuple[int, ...]:
        return tuple(box.value() - 1 for box in self.choosers)

    def show_array(self, array: np.ndarray) -> None:
        self.array = np.asarray(array)
        self.model.set_array(self.array, self._fixed())
        rows = self.model.rowCount()
        vh, hh = self.view.verticalHeader(), self.view.horizontalHeader()
        height = hh.height() + vh.defaultSectionSize() * min(rows, VISIBLE_ROWS) + 2 * self.view.frameWidth()
        if self.model.columnCount() * hh.defaultSectionSize() + vh.sizeHint().width() > self.view.viewport().width():
            height += self.view.horizontalScrollBar().sizeHint().height()
        self.view.setFixedHeight(height)

    def _commit(self, index: tuple[int, ...], text: str) -> bool:
        return self.edits.set_value(self.node_id, self.param, index, text)


class WeightTables(QWidget):
    """Every trainable tensor of one layer, re-read whenever the project's weights may have changed."""

    def __init__(self, edits: WeightEdits, node_id: str, parent=None):
        super().__init__(parent)
        self.edits, self.node_id = edits, node_id
        self.tables: dict[str, TensorTable] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(8)
        title = QLabel(_tr("Weights and biases"))
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        theme.mark_muted(self.hint)
        layout.addWidget(self.hint)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        theme.set_tone(self.problem, "error")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout.addLayout(self.body)
        edits.changed.connect(self.refresh)
        edits.refused.connect(self._refused)
        self.refresh()

    def _refused(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def refresh(self) -> None:
        """Show the arrays the next training starts from; keep the tables (and their slice and scroll) while
        the shapes stay the same."""
        arrays = self.edits.arrays(self.node_id)
        self.setVisible(arrays != {})      # Input, Flatten, Dropout...: no weights, no section
        if arrays is None:
            self.hint.setText(_tr("The weights appear here once the network is complete and valid."))
            arrays = {}
        elif self.edits.window.project.weights is None or self.node_id not in self.edits.window.project.weights:
            self.hint.setText(_tr("Initial values (not trained yet). Double-click a number to change it."))
        else:
            self.hint.setText(_tr("Double-click a number to change it; Edit ▸ Undo takes the change back."))
        same = (list(arrays) == list(self.tables)
                and all(np.shape(arrays[p]) == t.shape for p, t in self.tables.items()))
        if same:
            for param, table in self.tables.items():
                table.show_array(arrays[param])
            self.problem.hide()
            return
        for table in self.tables.values():
            self.body.removeWidget(table)
            table.deleteLater()
        self.tables = {}
        for param, array in arrays.items():
            table = TensorTable(self.edits, self.node_id, param, array)
            self.body.addWidget(table)
            self.tables[param] = table
        self.problem.hide()
