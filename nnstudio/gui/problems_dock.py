"""The problems list: every SpecError of the current network, then what other sources report (the data
panel: a network that does not suit the data); clicking one selects the layer at fault."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from nnstudio.document import Document

from . import layer_text
from .icons import icon

NODE_ROLE = Qt.UserRole + 1


class ProblemsPanel(QListWidget):
    nodeChosen = Signal(str)
    countChanged = Signal(int)

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.sources: list[Callable[[], list]] = []   # each gives items with .message and .node_id
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName(self.tr("Problems"))
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.refresh()

    def add_source(self, source: Callable[[], list]) -> None:
        """Also list what ``source()`` reports (items with ``message`` and ``node_id``); call refresh() when
        its answer changes."""
        self.sources.append(source)
        self.refresh()

    def _errors(self) -> list:
        return list(self.document.analysis().errors) + [p for source in self.sources for p in source()]

    def refresh(self) -> None:
        self.clear()
        errors = self._errors()
        names = self._names()
        for err in errors:
            text = layer_text.with_names(err.message, names)
            item = QListWidgetItem(icon("problem"), text)
            item.setData(NODE_ROLE, err.node_id)
            item.setToolTip(text + (self.tr("\n(click to select the layer)") if err.node_id else ""))
            self.addItem(item)
        if not errors:
            ok = QListWidgetItem(self.tr("No problems: the network is complete and every shape fits."))
            ok.setFlags(Qt.ItemIsEnabled)
            self.addItem(ok)
        self.countChanged.emit(len(errors))

    def messages(self) -> list[str]:
        names = self._names()
        return [layer_text.with_names(e.message, names) for e in self._errors()]

    def _names(self) -> dict[str, str]:
        return {nid: self.document.display_name(nid) for nid in self.document.ids()}

    def _clicked(self, item: QListWidgetItem) -> None:
        nid = item.data(NODE_ROLE)
        if nid and self.document.has(nid):
            self.nodeChosen.emit(nid)
