"""The summary table: layer, type, output shape, parameters, inputs, with totals; Keras-style."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from nnstudio.document import Document

from . import layer_text

COLUMNS = ["Layer", "Type", "Output shape", "Params", "Inputs"]


class SummaryPanel(QWidget):
    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Network summary")
        header = self.table.horizontalHeader()
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        self.refresh()

    def rows(self) -> list[tuple[str, str, str, int | None, str]]:
        """(name, type, output shape, params, inputs) in the order data flows."""
        doc = self.document
        a = doc.analysis()
        order = [i for i in a.order if doc.has(i)]
        order += [i for i in doc.ids() if i not in order]  # nodes stuck in a cycle still get a row
        out = []
        for nid in order:
            out.append((doc.display_name(nid), doc.node_type(nid), layer_text.shape_text(a.shapes.get(nid)),
                        a.param_counts.get(nid), ", ".join(doc.display_name(i) for i in doc.inputs_of(nid))))
        return out

    def refresh(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, (name, type_name, shape, count, inputs) in enumerate(rows):
            for c, text in enumerate([name, type_name, shape, "—" if count is None else f"{count:,}", inputs]):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        total = sum(c for *_x, c, _i in rows if c is not None)
        trainable = self._trainable()
        text = f"<b>Total params:</b> {total:,}"
        if trainable is not None and trainable != total:
            text += f" &nbsp; <b>Trainable:</b> {trainable:,} &nbsp; <b>Non-trainable:</b> {total - trainable:,}"
        self.totals.setText(text)

    def _trainable(self) -> int | None:
        """Trainable parameters (BatchNormalization's moving statistics are not), from the layers' tables."""
        a = self.document.analysis()
        n = 0
        try:
            for nid, layer in a.layers.items():
                shapes = layer.weight_shapes([a.shapes[i] for i in a.inputs[nid]])
                for shape, trainable in shapes.values():
                    if trainable:
                        size = 1
                        for d in shape:
                            size *= d
                        n += size
        except Exception:
            return None
        return n
