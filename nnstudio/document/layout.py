"""Arrange: a layered left-to-right layout of the graph (a small Sugiyama-style pass)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .ops import MoveNodes

COLUMN_GAP = 310.0   # card width (210) plus room for the shape label and both ports
LABEL_ROOM = 40.0     # the least horizontal gap in which an edge's shape label still shows
ROW_GAP = 130.0      # card height (84) plus breathing room


def layers_of(spec: Mapping[str, Any]) -> dict[str, int]:
    """Column of each node: the length of the longest path reaching it (cycles are cut, not looped)."""
    ids = [n["id"] for n in spec["nodes"]]
    preds: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in spec["edges"]:
        if a in preds and b in preds:
            preds[b].append(a)
    column: dict[str, int] = {}
    visiting: set[str] = set()

    def depth(nid: str) -> int:
        if nid in column:
            return column[nid]
        if nid in visiting:  # a cycle: analyze() reports it; just stop here
            return 0
        visiting.add(nid)
        d = max((depth(p) + 1 for p in preds[nid]), default=0)
        visiting.discard(nid)
        column[nid] = d
        return d

    for nid in ids:
        depth(nid)
    return column


def arrange(spec: Mapping[str, Any], origin: tuple[float, float] = (0.0, 0.0)) -> dict[str, tuple[float, float]]:
    """Positions placing each column left to right, ordered to keep edges short, centred vertically."""
    column = layers_of(spec)
    preds: dict[str, list[str]] = {n["id"]: [] for n in spec["nodes"]}
    for a, b in spec["edges"]:
        if a in preds and b in preds:
            preds[b].append(a)
    columns: dict[int, list[str]] = {}
    for n in spec["nodes"]:  # spec order as the initial order keeps the result stable
        columns.setdefault(column[n["id"]], []).append(n["id"])
    row: dict[str, float] = {}
    for c in sorted(columns):
        members = columns[c]
        if c > 0:  # barycentre of predecessors' rows reduces crossings
            order = {nid: i for i, nid in enumerate(members)}

            def key(nid: str, order=order) -> tuple[float, int]:
                ps = [row[p] for p in preds[nid] if p in row]
                return (sum(ps) / len(ps) if ps else float("inf"), order[nid])
            members.sort(key=key)
        for r, nid in enumerate(members):
            row[nid] = r - (len(members) - 1) / 2.0
    ox, oy = origin
    return {nid: (ox + column[nid] * COLUMN_GAP, oy + row[nid] * ROW_GAP) for nid in column}


def overlapping(spec: Mapping[str, Any], width: float, height: float) -> bool:
    """True when some node has no position, or two nodes' boxes (width x height, enlarged by the room an
    edge label needs between columns) overlap: such a graph is unreadable as it stands."""
    boxes = []
    for n in spec["nodes"]:
        p = n.get("position")
        if p is None:
            return True
        boxes.append((float(p[0]), float(p[1])))
    boxes.sort()
    for i, (x, y) in enumerate(boxes):
        for x2, y2 in boxes[i + 1:]:
            if x2 - x >= width + LABEL_ROOM:
                break  # sorted by x: nothing further right can overlap this one
            if abs(y2 - y) < height:
                return True
    return False


def arrange_op(spec: Mapping[str, Any], origin: tuple[float, float] = (0.0, 0.0)) -> MoveNodes:
    return MoveNodes(arrange(spec, origin), label="Arrange")
