"""Edit operations on a network document, as plain data.

Each operation is a small frozen dataclass; ``Document.apply(op)`` performs it and returns the inverse
operation, so undo is "apply the inverse" and redo is "apply the inverse of the inverse". Inverses record
the list indices they remove from, so undoing restores the spec exactly, including node and edge order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from ..i18n import _


@dataclass(frozen=True)
class AddNodes:
    """Insert nodes (and edges touching at least one of them). Used for add, paste and duplicate.

    ``node_indices``/``edge_indices`` give the list positions to insert at (ascending); None appends.
    """
    nodes: tuple[dict, ...]
    edges: tuple[tuple[str, str], ...] = ()
    node_indices: tuple[int, ...] | None = None
    edge_indices: tuple[int, ...] | None = None
    label: str = ""


@dataclass(frozen=True)
class RemoveNodes:
    """Remove nodes and every edge that touches them."""
    ids: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class AddEdge:
    src: str
    dst: str
    index: int | None = None  # position in the edge list (input order); None appends
    label: str = ""


@dataclass(frozen=True)
class RemoveEdge:
    src: str
    dst: str
    label: str = ""


@dataclass(frozen=True)
class MoveNodes:
    """Set node positions; a position of None removes the key (used by inverses of unplaced nodes)."""
    positions: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    label: str = ""


@dataclass(frozen=True)
class SetParams:
    """Replace a node's whole params dict (whole replacement keeps the inverse exact)."""
    node_id: str
    params: dict[str, Any]
    label: str = ""


@dataclass(frozen=True)
class SetName:
    """Set a node's display name; None removes it."""
    node_id: str
    name: str | None
    label: str = ""


@dataclass(frozen=True)
class Batch:
    """Several operations applied in order as one undoable step (arrange, paste with wiring, delete)."""
    ops: tuple["Op", ...]
    label: str = ""


Op = Union[AddNodes, RemoveNodes, AddEdge, RemoveEdge, MoveNodes, SetParams, SetName, Batch]

# Operations that change what the engine sees (as opposed to names and positions, which it ignores).
STRUCTURAL = (AddNodes, RemoveNodes, AddEdge, RemoveEdge, SetParams)


def is_structural(op: Op) -> bool:
    if isinstance(op, Batch):
        return any(is_structural(o) for o in op.ops)
    return isinstance(op, STRUCTURAL)


def describe(op: Op) -> str:
    """A short human label for menus ("Undo Add Dense"); the op's own label wins when given."""
    if op.label:
        return op.label
    if isinstance(op, AddNodes):
        if len(op.nodes) == 1:
            return _("Add {type}").format(type=op.nodes[0].get("type", "layer"))
        return _("Add {n} layers").format(n=len(op.nodes))
    if isinstance(op, RemoveNodes):
        return (_("Delete {id}").format(id=op.ids[0]) if len(op.ids) == 1
                else _("Delete {n} layers").format(n=len(op.ids)))
    if isinstance(op, AddEdge):
        return _("Connect {src} → {dst}").format(src=op.src, dst=op.dst)
    if isinstance(op, RemoveEdge):
        return _("Disconnect {src} → {dst}").format(src=op.src, dst=op.dst)
    if isinstance(op, MoveNodes):
        return _("Move layer") if len(op.positions) == 1 else _("Move {n} layers").format(n=len(op.positions))
    if isinstance(op, SetParams):
        return _("Change {id}").format(id=op.node_id)
    if isinstance(op, SetName):
        return _("Rename {id}").format(id=op.node_id)
    if isinstance(op, Batch):
        return describe(op.ops[0]) if len(op.ops) == 1 else _("Edit")
    raise TypeError(f"not a document operation: {op!r}")
