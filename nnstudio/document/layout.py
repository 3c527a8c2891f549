"""Arrange: a layered left-to-right layout of the graph (a small Sugiyama-style pass). A long chain can be
wrapped into bands, like lines of text, when that shows it larger in the canvas it must fit (an 8-layer CNN in
one row fits a 1024x768 window's canvas at 17 % of its size, its cards unreadable on a projector)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .ops import MoveNodes

CARD_WIDTH, CARD_HEIGHT = 210.0, 98.0   # the canvas' cards (gui/canvas/card.py draws them at this size)
COLUMN_GAP = 310.0   # card width plus room for the shape label and both ports
LABEL_ROOM = 40.0     # the least horizontal gap in which an edge's shape label still shows
ROW_GAP = 130.0      # card height plus breathing room
BAND_GAP = 90.0      # added between wrapped bands: room for the wire back to the left and its shape label
FIT_MARGIN = 30.0    # the canvas' margin around the cards when it fits them in view
WRAP_GAIN = 1.25     # wrap only when the cards show at least this much larger,
READABLE = 0.35      # and only a graph whose one row would show smaller than this (a card's words ~4 pt)


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


def _columns(spec: Mapping[str, Any]) -> tuple[dict[str, int], dict[int, list[str]], dict[str, float]]:
    """Each node's column, the columns' members, and each node's row within its column (centred on 0),
    ordered to keep edges short."""
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
    return column, columns, row


def _bands(columns: dict[int, list[str]], per_band: int) -> list[list[int]]:
    ordered = sorted(columns)
    return [ordered[i:i + per_band] for i in range(0, len(ordered), per_band)]


def _band_height(columns: dict[int, list[str]], band: list[int]) -> float:
    return max(len(columns[c]) for c in band) * ROW_GAP


def _zoom(columns: dict[int, list[str]], per_band: int, views) -> float:
    """The scale at which the canvas would show the layout in the smallest of ``views`` (at most 1)."""
    bands = _bands(columns, per_band)
    width = (per_band - 1) * COLUMN_GAP + CARD_WIDTH + 2 * FIT_MARGIN
    height = (sum(_band_height(columns, b) for b in bands) - (ROW_GAP - CARD_HEIGHT)
              + (len(bands) - 1) * BAND_GAP + 2 * FIT_MARGIN)
    return min(min(w / width, h / height, 1.0) for w, h in views)


def _per_band(columns: dict[int, list[str]], views) -> int:
    """Columns per band for ``views``: all of them (one row) unless that row would show smaller than READABLE
    and wrapping shows it WRAP_GAIN times larger."""
    n = len(columns)
    one_row = _zoom(columns, n, views) if n and views else 1.0
    if n < 2 or one_row >= READABLE:
        return max(n, 1)
    best = max(range(1, n + 1), key=lambda per_band: (_zoom(columns, per_band, views), per_band))
    return best if _zoom(columns, best, views) >= one_row * WRAP_GAIN else n


def columns_per_band(spec: Mapping[str, Any], views) -> int:
    """How many columns a band holds so the whole graph shows largest in every canvas size of ``views``
    ((width, height) in pixels); see _per_band."""
    return _per_band(_columns(spec)[1], views)


def arrange(spec: Mapping[str, Any], origin: tuple[float, float] = (0.0, 0.0),
            fit=None) -> dict[str, tuple[float, float]]:
    """Positions placing each column left to right, ordered to keep edges short, centred vertically. With
    ``fit`` (canvas sizes in pixels, [(width, height), ...]) a long graph wraps into bands, one under the
    other, when that shows it larger in all of them."""
    column, columns, row = _columns(spec)
    ox, oy = origin
    bands = _bands(columns, _per_band(columns, fit) if fit else max(len(columns), 1))
    if len(bands) <= 1:
        return {nid: (ox + column[nid] * COLUMN_GAP, oy + row[nid] * ROW_GAP) for nid in column}
    placed: dict[str, tuple[float, float]] = {}
    top = 0.0
    for band in bands:
        height = _band_height(columns, band)
        middle = top + (height - ROW_GAP) / 2.0      # where a band's row 0 sits (rows are centred)
        for i, c in enumerate(band):
            for nid in columns[c]:
                placed[nid] = (ox + i * COLUMN_GAP, oy + middle + row[nid] * ROW_GAP)
        top += height + BAND_GAP
    return placed


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


def arrange_op(spec: Mapping[str, Any], origin: tuple[float, float] = (0.0, 0.0), fit=None) -> MoveNodes:
    return MoveNodes(arrange(spec, origin, fit), label="Arrange")
