"""The one door every edit goes through: checks, structure lock, undo stack, status messages.

The canvas, palette and inspector call these methods; each builds a document operation, checks it, and
pushes it onto the undo stack as a ``DocCommand``. Nothing else applies operations to the document.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from nnstudio.document import (AddEdge, AddNodes, Batch, Document, MoveNodes, Op, RemoveEdge, RemoveNodes,
                               SetName, SetParams, arrange_op, check_edge, check_name, is_structural, new_id,
                               new_ids)

from . import layer_text
from .undo import DocCommand, SettingChange, SwapCommand

GRID = 20.0


class Editor(QObject):
    message = Signal(str)              # one sentence for the status bar (refusals, hints)
    lockChanged = Signal(bool, str)    # structure lock on/off and why
    selectRequested = Signal(list)     # node ids the view should select after an edit (e.g. new layers)

    def __init__(self, document: Document, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.undo_stack = undo_stack
        self.locked = False
        self.lock_reason = ""

    # ----- lock ----------------------------------------------------------------------------------------
    def set_locked(self, locked: bool, reason: str = "") -> None:
        self.locked = bool(locked)
        self.lock_reason = reason if locked else ""
        self.lockChanged.emit(self.locked, self.lock_reason)

    def refusal_while_locked(self) -> str:
        return self.tr("The network cannot be changed now: {reason}.").format(
            reason=self.lock_reason or self.tr("it is locked"))

    # ----- the door ------------------------------------------------------------------------------------
    def push(self, op: Op, text: str | None = None, merge_key: str | None = None,
             outside: SettingChange | None = None) -> bool:
        """Check the lock, then apply ``op`` (and ``outside``, a setting beyond the document changed in the
        same step) through the undo stack. Returns False when refused."""
        if self.locked and is_structural(op):
            self.message.emit(self.refusal_while_locked())
            return False
        self.undo_stack.push(DocCommand(self.document, op, text, merge_key, outside))
        return True

    def swap(self, text: str, swap, state, merge_key: str | None = None) -> bool:
        """A state outside the document (weights edited by hand, the data) swapped in as one undo step, refused
        while the structure is locked as structural edits are: training holds the weights. Consecutive swaps
        with one ``merge_key`` are one step. Returns False when refused."""
        if self.locked:
            self.message.emit(self.refusal_while_locked())
            return False
        self.undo_stack.push(SwapCommand(text, swap, state, merge_key))
        return True

    def can_undo_redo(self, undo: bool) -> bool:
        """Undo/redo of a structural step is refused while locked (moves stay undoable)."""
        idx = self.undo_stack.index() - (1 if undo else 0)
        cmd = self.undo_stack.command(idx)
        if self.locked and isinstance(cmd, (DocCommand, SwapCommand)) and cmd.structural:
            self.message.emit(self.refusal_while_locked())
            return False
        return cmd is not None

    # ----- edits -----------------------------------------------------------------------------------------
    def add_layer(self, type_name: str, position: tuple[float, float], after: str | None = None) -> str | None:
        """Add a layer at ``position``; with ``after``, wire after->new when the new layer accepts an input."""
        doc = self.document
        nid = new_id(type_name, doc.ids())
        node = {"id": nid, "type": type_name, "params": layer_text.starting_params(type_name),
                "position": [float(position[0]), float(position[1])]}
        edges: tuple = ()
        if after is not None and doc.has(after):
            trial = doc.graph()
            trial["nodes"].append(node)
            if check_edge(trial, after, nid) is None:
                edges = ((after, nid),)
        if self.push(AddNodes((node,), edges), self.tr("Add {type}").format(type=type_name)):
            self.selectRequested.emit([nid])
            return nid
        return None

    def connect(self, src: str, dst: str) -> bool:
        problem = check_edge(self.document.graph(), src, dst)
        if problem:
            self.message.emit(problem)
            return False
        ok = self.push(AddEdge(src, dst), self.tr("Connect {src} → {dst}").format(
            src=self.document.display_name(src), dst=self.document.display_name(dst)))
        if ok:
            self.message.emit(self.tr("Connected '{src}' → '{dst}'.").format(src=src, dst=dst))
        return ok

    def disconnect(self, src: str, dst: str) -> bool:
        return self.push(RemoveEdge(src, dst), self.tr("Disconnect {src} → {dst}").format(src=src, dst=dst))

    def delete(self, node_ids: list[str], edges: list[tuple[str, str]] = ()) -> bool:
        """Delete layers (with their edges) and loose edges, as one undo step."""
        node_ids = [n for n in node_ids if self.document.has(n)]
        gone = set(node_ids)
        ops: list[Op] = [RemoveEdge(a, b) for a, b in edges if a not in gone and b not in gone]
        if node_ids:
            ops.append(RemoveNodes(tuple(node_ids)))
        if not ops:
            return False
        if len(ops) == 1:
            return self.push(ops[0])
        n = len(node_ids) + len(ops) - (1 if node_ids else 0)
        return self.push(Batch(tuple(ops)), self.tr("Delete {n} items").format(n=n))

    def move(self, positions: dict[str, tuple[float, float]], merge_key: str | None = None) -> bool:
        changed = {k: (float(x), float(y)) for k, (x, y) in positions.items()
                   if self.document.has(k) and self.document.position(k) != (float(x), float(y))}
        if not changed:
            return False
        return self.push(MoveNodes(changed), merge_key=merge_key)

    def nudge(self, node_ids: list[str], dx: float, dy: float) -> bool:
        """Arrow keys: move the selection by one grid step; repeated nudges are one undo step."""
        positions = {}
        for nid in node_ids:
            x, y = self.document.position(nid) or (0.0, 0.0)
            positions[nid] = (x + dx, y + dy)
        return self.move(positions, merge_key="nudge:" + ",".join(sorted(node_ids)))

    def set_params(self, node_id: str, params: dict, text: str, merge_key: str | None = None) -> bool:
        if params == self.document.params(node_id):
            return False
        return self.push(SetParams(node_id, copy.deepcopy(params)), text, merge_key)

    def rename(self, node_id: str, name: str) -> bool:
        name = name.strip()
        if name == self.document.display_name(node_id):
            return False
        problem = check_name(self.document.spec, node_id, name)
        if problem:
            self.message.emit(problem)
            return False
        return self.push(SetName(node_id, name), self.tr("Rename {id} to {name}").format(id=node_id, name=name))

    def paste(self, nodes: list[dict], edges: list[tuple[str, str]], offset: tuple[float, float]) -> list[str]:
        """Insert copies of ``nodes`` with fresh ids, keeping the edges among them; returns the new ids."""
        if not nodes:
            return []
        fresh = new_ids([n["type"] for n in nodes], self.document.ids())
        rename = {n["id"]: f for n, f in zip(nodes, fresh)}
        copies = []
        for n, f in zip(nodes, fresh):
            c = copy.deepcopy(n)
            c["id"] = f
            c.pop("name", None)  # names must stay unique: the copy shows its new id
            x, y = n.get("position") or (0.0, 0.0)
            c["position"] = [float(x) + offset[0], float(y) + offset[1]]
            copies.append(c)
        inner = tuple((rename[a], rename[b]) for a, b in edges if a in rename and b in rename)
        label = (self.tr("Paste {n} layers").format(n=len(copies)) if len(copies) > 1
                 else self.tr("Paste 1 layer"))
        if self.push(AddNodes(tuple(copies), inner), label):
            self.selectRequested.emit(fresh)
            return fresh
        return []

    def arrange(self, fit=None) -> bool:
        """One undo step laying the network out left to right; ``fit``: the canvas sizes it should show
        large in ([(width, height)] in pixels), for which a long chain wraps into bands."""
        op = arrange_op(self.document.spec, fit=fit)
        positions = {k: v for k, v in op.positions.items() if self.document.position(k) != v}
        if not positions:
            self.message.emit(self.tr("The layers are already arranged."))
            return False
        return self.push(MoveNodes(positions), self.tr("Arrange"))
