"""The editable network document: one spec, edited only through operations that return their inverse.

The canvas, inspector and summary never keep their own copy of the network: they read from the document and
send it operations (see ``ops.py``), and they learn about changes from ``subscribe``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from dataclasses import dataclass, field
from typing import Any

from .ops import (AddEdge, AddNodes, Batch, MoveNodes, Op, RemoveEdge, RemoveNodes, SetName, SetParams,
                  is_structural)
from ..i18n import _


class DocumentError(ValueError):
    """An operation that does not fit the current document (unknown node, duplicate id, ...)."""


@dataclass
class Change:
    """What one ``apply`` (or ``reset``) changed, for observers."""
    nodes: set[str] = field(default_factory=set)      # ids added, removed or modified
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    edges: bool = False                               # the edge list changed
    structural: bool = False                          # the engine's view changed (not just names/positions)
    reset: bool = False                               # the whole spec was replaced
    op: Op | None = None


def _empty_spec() -> dict:
    return {"nodes": [], "edges": []}


class Document:
    def __init__(self, spec: dict | None = None):
        self._spec = _empty_spec()
        self._subscribers: list[Callable[[Change], None]] = []
        self._analysis = None
        self._load(spec)

    # ----- reading -------------------------------------------------------------------------------------
    @property
    def spec(self) -> dict:
        """A deep copy of the current spec (consumers may keep or mutate it freely)."""
        return copy.deepcopy(self._spec)

    def graph(self) -> dict:
        """Just the structure (ids, types, edges) as a small spec: enough for ``check_edge`` and layout,
        and much cheaper than ``spec`` on big networks."""
        return {"nodes": [{"id": n["id"], "type": n["type"]} for n in self._spec["nodes"]],
                "edges": [[a, b] for a, b in self._spec["edges"]]}

    def ids(self) -> list[str]:
        return [n["id"] for n in self._spec["nodes"]]

    def has(self, node_id: str) -> bool:
        return node_id in self._index

    def node(self, node_id: str) -> dict:
        """A copy of one node."""
        return copy.deepcopy(self._spec["nodes"][self._pos(node_id)])

    def node_type(self, node_id: str) -> str:
        return self._spec["nodes"][self._pos(node_id)]["type"]

    def params(self, node_id: str) -> dict:
        return copy.deepcopy(self._spec["nodes"][self._pos(node_id)].get("params", {}))

    def params_view(self, node_id: str) -> Mapping[str, Any]:
        """A read-only view of a node's params, without copying (for redraws that touch every node)."""
        return MappingProxyType(self._spec["nodes"][self._pos(node_id)].get("params", {}))

    def display_name(self, node_id: str) -> str:
        n = self._spec["nodes"][self._pos(node_id)]
        return n.get("name") or n["id"]

    def position(self, node_id: str) -> tuple[float, float] | None:
        p = self._spec["nodes"][self._pos(node_id)].get("position")
        return (float(p[0]), float(p[1])) if p is not None else None

    def edges(self) -> list[tuple[str, str]]:
        return [(a, b) for a, b in self._spec["edges"]]

    def inputs_of(self, node_id: str) -> list[str]:
        return [a for a, b in self._spec["edges"] if b == node_id]

    def outputs_of(self, node_id: str) -> list[str]:
        return [b for a, b in self._spec["edges"] if a == node_id]

    def __len__(self) -> int:
        return len(self._spec["nodes"])

    def analysis(self):
        """``nnstudio.engine.spec.analyze`` of the current spec, cached until a structural change."""
        if self._analysis is None:
            from nnstudio.engine.spec import analyze

            self._analysis = analyze(self.spec)
        return self._analysis

    # ----- observing -----------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _notify(self, change: Change) -> None:
        for cb in list(self._subscribers):
            cb(change)

    # ----- changing ------------------------------------------------------------------------------------
    def reset(self, spec: dict | None) -> None:
        """Replace the whole spec (New/Open); not an undoable edit."""
        self._load(spec)
        self._notify(Change(nodes=set(self.ids()), edges=True, structural=True, reset=True))

    def apply(self, op: Op) -> Op:
        """Apply ``op`` and return its inverse. On error nothing changes and DocumentError is raised."""
        change = Change(op=op)
        inverse = self._apply(op, change)
        if change.structural:
            self._analysis = None
        self._notify(change)
        return inverse

    def _load(self, spec: dict | None) -> None:
        spec = copy.deepcopy(spec) if spec is not None else _empty_spec()
        spec.setdefault("nodes", [])
        spec["edges"] = [list(e) for e in spec.get("edges", [])]
        self._spec = spec
        self._analysis = None
        self._reindex()
        if len(self._index) != len(spec["nodes"]):
            raise DocumentError(_("The network has two layers with the same id."))

    def _reindex(self) -> None:
        self._index = {n["id"]: i for i, n in enumerate(self._spec["nodes"])}

    def _pos(self, node_id: str) -> int:
        try:
            return self._index[node_id]
        except KeyError:
            raise DocumentError(_("There is no layer '{node_id}'.").format(node_id=node_id)) from None

    def _apply(self, op: Op, change: Change) -> Op:
        change.structural |= is_structural(op)
        handler = getattr(self, f"_do_{type(op).__name__}", None)
        if handler is None:
            raise TypeError(f"not a document operation: {op!r}")
        return handler(op, change)

    def _do_Batch(self, op: Batch, change: Change) -> Op:
        inverses: list[Op] = []
        try:
            for sub in op.ops:
                inverses.append(self._apply(sub, change))
        except Exception:
            for inv in reversed(inverses):  # roll back so a failed batch leaves no trace
                self._apply(inv, Change())
            raise
        return Batch(tuple(reversed(inverses)), op.label)

    def _do_AddNodes(self, op: AddNodes, change: Change) -> Op:
        new_ids = [n["id"] for n in op.nodes]
        if len(set(new_ids)) != len(new_ids):
            raise DocumentError(_("The layers being added have repeated ids."))
        for nid in new_ids:
            if not isinstance(nid, str) or not nid:
                raise DocumentError(_("A layer id must be a non-empty string."))
            if nid in self._index:
                raise DocumentError(_("A layer with id '{nid}' already exists.").format(nid=nid))
        known = set(self._index) | set(new_ids)
        for a, b in op.edges:
            if a not in known or b not in known:
                raise DocumentError(_("The edge {a} → {b} refers to a layer that does not exist.").format(a=a, b=b))
            if a not in new_ids and b not in new_ids:
                raise DocumentError(_("The edge {a} → {b} does not touch an added layer; use AddEdge.")
                                    .format(a=a, b=b))
            if [a, b] in self._spec["edges"]:
                raise DocumentError(_("'{a}' is already connected to '{b}'.").format(a=a, b=b))
        nodes = self._spec["nodes"]
        self._insert(nodes, [copy.deepcopy(n) for n in op.nodes], op.node_indices)
        self._insert(self._spec["edges"], [[a, b] for a, b in op.edges], op.edge_indices)
        self._reindex()
        change.nodes |= set(new_ids)
        change.added |= set(new_ids)
        change.edges |= bool(op.edges)
        return RemoveNodes(tuple(new_ids), op.label)

    @staticmethod
    def _insert(target: list, items: list, indices: tuple[int, ...] | None) -> None:
        if indices is None:
            target.extend(items)
            return
        if len(indices) != len(items):
            raise DocumentError(_("Insert positions do not match the items inserted."))
        for idx, item in sorted(zip(indices, items), key=lambda p: p[0]):
            target.insert(idx, item)

    def _do_RemoveNodes(self, op: RemoveNodes, change: Change) -> Op:
        ids = set(op.ids)
        for nid in op.ids:
            self._pos(nid)
        nodes = self._spec["nodes"]
        edges = self._spec["edges"]
        node_idx = [i for i, n in enumerate(nodes) if n["id"] in ids]
        edge_idx = [i for i, (a, b) in enumerate(edges) if a in ids or b in ids]
        removed_nodes = tuple(nodes[i] for i in node_idx)
        removed_edges = tuple((edges[i][0], edges[i][1]) for i in edge_idx)
        self._spec["nodes"] = [n for n in nodes if n["id"] not in ids]
        self._spec["edges"] = [e for i, e in enumerate(edges) if i not in set(edge_idx)]
        self._reindex()
        change.nodes |= ids
        change.removed |= ids
        change.edges |= bool(edge_idx)
        return AddNodes(removed_nodes, removed_edges, tuple(node_idx), tuple(edge_idx), op.label)

    def _do_AddEdge(self, op: AddEdge, change: Change) -> Op:
        self._pos(op.src)
        self._pos(op.dst)
        if [op.src, op.dst] in self._spec["edges"]:
            raise DocumentError(_("'{src}' is already connected to '{dst}'.").format(src=op.src, dst=op.dst))
        edges = self._spec["edges"]
        edges.insert(len(edges) if op.index is None else op.index, [op.src, op.dst])
        change.nodes |= {op.src, op.dst}
        change.edges = True
        return RemoveEdge(op.src, op.dst, op.label)

    def _do_RemoveEdge(self, op: RemoveEdge, change: Change) -> Op:
        try:
            idx = self._spec["edges"].index([op.src, op.dst])
        except ValueError:
            raise DocumentError(_("'{src}' is not connected to '{dst}'.").format(src=op.src, dst=op.dst)) from None
        del self._spec["edges"][idx]
        change.nodes |= {op.src, op.dst}
        change.edges = True
        return AddEdge(op.src, op.dst, idx, op.label)

    def _do_MoveNodes(self, op: MoveNodes, change: Change) -> Op:
        for nid in op.positions:
            self._pos(nid)
        old: dict[str, Any] = {}
        for nid, pos in op.positions.items():
            node = self._spec["nodes"][self._index[nid]]
            old[nid] = copy.deepcopy(node.get("position"))
            if pos is None:
                node.pop("position", None)
            else:
                node["position"] = list(pos)
        change.nodes |= set(op.positions)
        return MoveNodes(old, op.label)

    def _do_SetParams(self, op: SetParams, change: Change) -> Op:
        node = self._spec["nodes"][self._pos(op.node_id)]
        had = "params" in node
        old = node.get("params")
        node["params"] = copy.deepcopy(op.params)
        change.nodes.add(op.node_id)
        if not had:  # keep "no params key" distinguishable so undo is exact
            return _DropParams(op.node_id, op.label)
        return SetParams(op.node_id, old, op.label)

    def _do__DropParams(self, op: "_DropParams", change: Change) -> Op:
        node = self._spec["nodes"][self._pos(op.node_id)]
        old = node.pop("params", {})
        change.nodes.add(op.node_id)
        change.structural = True
        return SetParams(op.node_id, old, op.label)

    def _do_SetName(self, op: SetName, change: Change) -> Op:
        node = self._spec["nodes"][self._pos(op.node_id)]
        old = node.get("name")
        if op.name is None:
            node.pop("name", None)
        else:
            node["name"] = op.name
        change.nodes.add(op.node_id)
        return SetName(op.node_id, old, op.label)


@dataclass(frozen=True)
class _DropParams:
    """Inverse of setting params on a node that had no ``params`` key (internal)."""
    node_id: str
    label: str = ""


def ops_touching(op: Op) -> Iterable[str]:
    """Node ids an operation refers to (for selecting what an undo brought back)."""
    if isinstance(op, Batch):
        for sub in op.ops:
            yield from ops_touching(sub)
    elif isinstance(op, AddNodes):
        yield from (n["id"] for n in op.nodes)
    elif isinstance(op, RemoveNodes):
        yield from op.ids
    elif isinstance(op, (AddEdge, RemoveEdge)):
        yield op.src
        yield op.dst
    elif isinstance(op, MoveNodes):
        yield from op.positions
    elif isinstance(op, (SetParams, SetName, _DropParams)):
        yield op.node_id
