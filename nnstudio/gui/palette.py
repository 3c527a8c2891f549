"""The layer palette: every registered layer type grouped by family, with a filter box.

Drag an entry onto the canvas to create the layer there; double-click (or Enter) adds it after the selected
layer. The entries come from the engine's registry, so a new layer type appears here by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from nnstudio.engine import layers

from . import layer_text
from .canvas import LAYER_MIME
from .icons import layer_icon

TYPE_ROLE = Qt.UserRole + 1


# The engine's layer categories, listed here so lupdate collects them (the palette shows them translated)
CATEGORIES = (QT_TRANSLATE_NOOP("LayerCategory", "Core"), QT_TRANSLATE_NOOP("LayerCategory", "Convolution"),
              QT_TRANSLATE_NOOP("LayerCategory", "Normalization"), QT_TRANSLATE_NOOP("LayerCategory", "Merge"),
              QT_TRANSLATE_NOOP("LayerCategory", "Recurrent"))


class _LayerTree(QTreeWidget):
    def mimeData(self, items):
        types = [i.data(0, TYPE_ROLE) for i in items if i.data(0, TYPE_ROLE)]
        if not types:
            return None
        mime = QMimeData()
        mime.setData(LAYER_MIME, types[0].encode("utf-8"))
        mime.setText(types[0])
        return mime

    def mimeTypes(self):
        return [LAYER_MIME]


class Palette(QWidget):
    addRequested = Signal(str)  # a layer type to add after the selection

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText=self.tr("Filter layers…"), clearButtonEnabled=True)
        self.filter.setAccessibleName(self.tr("Filter layers"))
        self.tree = _LayerTree()
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(22, 22))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragOnly)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.setAccessibleName(self.tr("Layer palette"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self._populate()
        self.filter.textChanged.connect(self._apply_filter)
        self.tree.itemActivated.connect(self._activated)  # double-click or Enter
        self.filter.returnPressed.connect(self._add_first_visible)

    def _populate(self) -> None:
        bold = self.font()
        bold.setBold(True)
        for category, type_names in layers.by_category().items():
            head = QTreeWidgetItem([QCoreApplication.translate("LayerCategory", category)])
            head.setFlags(Qt.ItemIsEnabled)
            head.setFont(0, bold)
            self.tree.addTopLevelItem(head)
            for t in type_names:
                item = QTreeWidgetItem([t])
                item.setData(0, TYPE_ROLE, t)
                item.setIcon(0, layer_icon(t))
                item.setToolTip(0, f"<b>{t}</b><br>{layer_text.description(t)}<br><i>"
                                   + self.tr("Drag onto the canvas, or double-click to add after the selected "
                                             "layer.") + "</i>")
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled)
                head.addChild(item)
            head.setExpanded(True)

    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            out += [head.child(j) for j in range(head.childCount())]
        return out

    def item_for(self, type_name: str) -> QTreeWidgetItem:
        for item in self.items():
            if item.data(0, TYPE_ROLE) == type_name:
                return item
        raise KeyError(type_name)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            visible = 0
            for j in range(head.childCount()):
                item = head.child(j)
                t = item.data(0, TYPE_ROLE)
                hit = not needle or needle in t.lower() or needle in layer_text.description(t).lower()
                item.setHidden(not hit)
                visible += hit
            head.setHidden(visible == 0)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        t = item.data(0, TYPE_ROLE)
        if t:
            self.addRequested.emit(t)

    def _add_first_visible(self) -> None:
        for item in self.items():
            if not item.isHidden():
                self._activated(item)
                return
