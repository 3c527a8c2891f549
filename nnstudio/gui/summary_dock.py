"""The summary table: layer, type, output shape, parameters, inputs, with totals; Keras-style.

A small table model reset on each change: filling a QTableWidget cell by cell re-measures the columns for
every cell, which made a 200-layer graph take seconds per edit.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from nnstudio.document import Document

from . import layer_text

# Keras' summary columns (the course prints them), and the inputs: a narrow dock still shows the parameter counts
COLUMNS = [QT_TRANSLATE_NOOP("SummaryModel", "Layer (type)"), QT_TRANSLATE_NOOP("SummaryModel", "Output shape"),
           QT_TRANSLATE_NOOP("SummaryModel", "Params"), QT_TRANSLATE_NOOP("SummaryModel", "Inputs")]
PARAMS = 2      # the column of the parameter counts
Row = tuple[str, str, str, "int | None", str]   # name, type, output shape, params, inputs


class SummaryModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        name, type_name, shape, params, inputs = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return (f"{name} ({type_name})", shape, "—" if params is None else f"{params:,}",
                    inputs)[index.column()]
        if role == Qt.TextAlignmentRole and index.column() == PARAMS:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(COLUMNS[section])
        return None


class SummaryPanel(QWidget):
    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Network summary"))
        header = self.table.horizontalHeader()
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        header.setResizeContentsPrecision(40)  # size columns from 40 rows, not from all of a huge graph
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        self.refresh()

    def rows(self) -> list[Row]:
        """(name, type, output shape, params, inputs) in the order data flows."""
        doc = self.document
        a = doc.analysis()
        order = [i for i in a.order if doc.has(i)]
        seen = set(order)
        order += [i for i in doc.ids() if i not in seen]  # nodes stuck in a cycle still get a row
        return [(doc.display_name(nid), doc.node_type(nid), layer_text.shape_text(a.shapes.get(nid)),
                 a.param_counts.get(nid), ", ".join(doc.display_name(i) for i in doc.inputs_of(nid)))
                for nid in order]

    def refresh(self) -> None:
        rows = self.rows()
        self.model.set_rows(rows)
        total = sum(r[3] for r in rows if r[3] is not None)
        trainable = self._trainable()
        text = self.tr("<b>Total params:</b> {0}").format(f"{total:,}")
        if trainable is not None and trainable != total:
            text += self.tr(" &nbsp; <b>Trainable:</b> {0} &nbsp; <b>Non-trainable:</b> {1}").format(
                f"{trainable:,}", f"{total - trainable:,}")
        self.totals.setText(text)

    def _trainable(self) -> int | None:
        """Trainable parameters (BatchNormalization's moving statistics are not), from the layers' tables."""
        a = self.document.analysis()
        n = 0
        try:
            for nid, layer in a.layers.items():
                shapes = layer.weight_shapes([a.shapes[i] for i in a.inputs[nid]])
                n += sum(math.prod(shape) for shape, trainable in shapes.values() if trainable)
        except Exception:
            return None
        return n
