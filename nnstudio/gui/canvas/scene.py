"""The canvas scene: one card per node and one curve per edge, kept in step with the document.

The scene never edits the network itself: user gestures become calls on the ``Editor`` (which applies
undoable operations), and the scene redraws when the document announces a change.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QImage, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from nnstudio.document import Change, Document, MoveNodes, arrange

from .. import layer_text, theme
from ..editor import GRID, Editor
from .card import CardItem
from .edge import EdgeItem
from .port import PortItem


class CanvasScene(QGraphicsScene):
    cardActivated = Signal(str)   # a card was double-clicked
    analysisChanged = Signal()    # shapes/errors were recomputed (summary and problems docks listen)

    def __init__(self, editor: Editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.document: Document = editor.document
        self.cards: dict[str, CardItem] = {}
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self.overlays: dict[str, QImage] = {}
        self.snap_enabled = True
        self._press_positions: dict[str, QPointF] = {}
        self._drag_port: PortItem | None = None
        self._drag_line: QGraphicsPathItem | None = None
        self._unsubscribe = self.document.subscribe(self._on_change)
        self._rebuild()

    def detach(self) -> None:
        self._unsubscribe()

    # ----- reading selection ---------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        order = {nid: i for i, nid in enumerate(self.document.ids())}
        ids = [i.node_id for i in self.selectedItems() if isinstance(i, CardItem)]
        return sorted(ids, key=lambda n: order.get(n, 0))

    def selected_edges(self) -> list[tuple[str, str]]:
        return [i.key for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_ids(self, ids) -> None:
        ids = set(ids)
        self.blockSignals(True)
        self.clearSelection()
        for nid in ids:
            if nid in self.cards:
                self.cards[nid].setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()

    # ----- keeping in step with the document -----------------------------------------------------------
    def _rebuild(self) -> None:
        self.clearSelection()
        for item in list(self.cards.values()):
            self.removeItem(item)
        for item in list(self.edge_items.values()):
            self.removeItem(item)
        self.cards.clear()
        self.edge_items.clear()
        spec = self.document.spec
        placed = arrange(spec) if any("position" not in n for n in spec["nodes"]) else {}
        for node in spec["nodes"]:
            self._add_card(node["id"], placed.get(node["id"]))
        self._sync_edges()
        self.refresh_analysis()

    def _add_card(self, nid: str, fallback: tuple[float, float] | None = None) -> None:
        card = CardItem(nid, self.document.node_type(nid))
        pos = self.document.position(nid) or fallback or (0.0, 0.0)
        self.addItem(card)
        card.setPos(QPointF(*pos))
        if nid in self.overlays:
            card.set_overlay(self.overlays[nid])
        self.cards[nid] = card

    def _remove_card(self, nid: str) -> None:
        card = self.cards.pop(nid, None)
        if card is None:
            return
        for key in [k for k in self.edge_items if nid in k]:
            self.removeItem(self.edge_items.pop(key))
        self.removeItem(card)

    def _sync_edges(self) -> None:
        wanted = [e for e in self.document.edges() if e[0] in self.cards and e[1] in self.cards]
        for key in set(self.edge_items) - set(wanted):
            item = self.edge_items.pop(key)
            for end in (item.src, item.dst):
                if item in end.edges:
                    end.edges.remove(item)
            self.removeItem(item)
        for key in wanted:
            if key not in self.edge_items:
                src, dst = self.cards[key[0]], self.cards[key[1]]
                item = EdgeItem(src, dst)
                src.edges.append(item)
                dst.edges.append(item)
                self.addItem(item)
                self.edge_items[key] = item

    def _on_change(self, change: Change) -> None:
        if change.reset:
            self._rebuild()
            return
        for nid in change.removed:
            self._remove_card(nid)
        for nid in self.document.ids():
            if nid in change.added and nid not in self.cards:
                self._add_card(nid)
        for nid in change.nodes - change.added - change.removed:
            card = self.cards.get(nid)
            pos = self.document.position(nid) if card else None
            if card is not None and pos is not None and (card.pos().x(), card.pos().y()) != pos:
                card.setPos(QPointF(*pos))
        if change.edges or change.added or change.removed:
            self._sync_edges()
        if not isinstance(change.op, MoveNodes):  # moves change no text; everything else may
            self.refresh_analysis()

    def refresh_analysis(self) -> None:
        """Redraw each card's text, shape, parameter count and problem from the cached analysis."""
        doc = self.document
        analysis = doc.analysis()
        problems: dict[str, str] = {}
        names = {nid: doc.display_name(nid) for nid in self.cards} if analysis.errors else {}
        for err in analysis.errors:
            if err.node_id is not None and err.node_id not in problems:
                problems[err.node_id] = layer_text.with_names(err.message, names)
        for nid, card in self.cards.items():
            shape = analysis.shapes.get(nid)
            card.set_content(doc.display_name(nid), layer_text.key_params(card.type_name, doc.params_view(nid)),
                             layer_text.shape_text(shape), analysis.param_counts.get(nid),
                             problems.get(nid))
        for (src, _dst), item in self.edge_items.items():
            shape = analysis.shapes.get(src)
            item.set_label(layer_text.shape_text(shape) if shape is not None else "")
        needed = self.itemsBoundingRect().adjusted(-2000, -2000, 2000, 2000)
        if not self.sceneRect().contains(needed):  # grow only: resizing repaints the whole view
            self.setSceneRect(self.sceneRect().united(needed))
        self.analysisChanged.emit()

    def refresh_theme(self) -> None:
        for card in self.cards.values():
            card.refresh_theme()
        self.update()

    # ----- overlays ------------------------------------------------------------------------------------
    def set_card_overlay(self, node_id: str, image: QImage | None) -> None:
        if image is None:
            self.overlays.pop(node_id, None)
        else:
            self.overlays[node_id] = image
        if node_id in self.cards:
            self.cards[node_id].set_overlay(image)

    # ----- moving --------------------------------------------------------------------------------------
    def snap(self, value: QPointF) -> QPointF:
        if not self.snap_enabled:
            return value
        return QPointF(round(value.x() / GRID) * GRID, round(value.y() / GRID) * GRID)

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self._press_positions = {c.node_id: c.pos() for c in self.cards.values() if c.isSelected()}

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        moved = {nid: (c.pos().x(), c.pos().y()) for nid, c in self.cards.items()
                 if nid in self._press_positions and c.pos() != self._press_positions[nid]}
        self._press_positions = {}
        if moved:
            self.editor.move(moved)

    # ----- connecting by dragging from a port ------------------------------------------------------------
    def begin_connection(self, port: PortItem, pos: QPointF) -> None:
        self._drag_port = port
        self._drag_line = QGraphicsPathItem()
        self._drag_line.setPen(QPen(theme.colors().selection, 2, Qt.DashLine))
        self._drag_line.setZValue(10)
        self.addItem(self._drag_line)
        self.drag_connection(pos)

    def drag_connection(self, pos: QPointF) -> None:
        if self._drag_port is None or self._drag_line is None:
            return
        start = self._drag_port.card.port_pos(self._drag_port.kind)
        path = QPainterPath(start)
        path.lineTo(pos)
        self._drag_line.setPath(path)

    def card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        for item in self.items(pos):
            card = item if isinstance(item, CardItem) else getattr(item, "card", None)
            if isinstance(card, CardItem) and card is not exclude:
                return card
        return None

    def end_connection(self, pos: QPointF) -> bool:
        port, self._drag_port = self._drag_port, None
        if self._drag_line is not None:
            self.removeItem(self._drag_line)
            self._drag_line = None
        if port is None:
            return False
        target = self.card_at(pos, exclude=port.card)
        if target is None:
            self.editor.message.emit("Release the connection on another layer to connect the two.")
            return False
        if port.kind == "out":
            return self.editor.connect(port.card.node_id, target.node_id)
        return self.editor.connect(target.node_id, port.card.node_id)
