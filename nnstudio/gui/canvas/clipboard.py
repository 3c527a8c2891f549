"""Copying layers: the selected nodes and the edges among them, as JSON on the clipboard."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from nnstudio.document import Document

NODES_MIME = "application/x-nnstudio-nodes"


def to_mime(document: Document, ids: list[str]) -> QMimeData:
    chosen = set(ids)
    payload = {"nodes": [document.node(i) for i in ids],
               "edges": [[a, b] for a, b in document.edges() if a in chosen and b in chosen]}
    text = json.dumps(payload, indent=1)
    mime = QMimeData()
    mime.setData(NODES_MIME, text.encode("utf-8"))
    mime.setText(text)  # pasting into a text editor shows the spec fragment a learner can read
    return mime


def from_mime(mime: QMimeData | None) -> tuple[list[dict], list[tuple[str, str]]]:
    """Nodes and edges from the clipboard; ([], []) when it holds no layers or something malformed."""
    if mime is None or not mime.hasFormat(NODES_MIME):
        return [], []
    try:
        payload = json.loads(bytes(mime.data(NODES_MIME)).decode("utf-8"))
        nodes = [n for n in payload["nodes"] if isinstance(n, dict) and isinstance(n.get("id"), str)
                 and isinstance(n.get("type"), str)]
        edges = [(a, b) for a, b in payload.get("edges", [])]
    except (ValueError, KeyError, TypeError):
        return [], []
    return nodes, edges
