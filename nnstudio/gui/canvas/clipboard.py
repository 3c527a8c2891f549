"""Copying layers: the selected nodes and the edges among them, as JSON on the clipboard."""

from __future__ import annotations

import atexit
import json

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

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


def put(mime: QMimeData) -> None:
    """Put ``mime`` on the system clipboard.

    PySide6 6.12 segfaults at interpreter exit when the clipboard still holds mime data set from Python (seen
    offscreen: a copy, then exit, crashed the process), so the clipboard is cleared at exit, while the
    QApplication still lives. The price: copied layers do not outlive nnstudio on platforms whose clipboard
    would otherwise keep them.
    """
    global _clear_registered
    QApplication.clipboard().setMimeData(mime)
    if not _clear_registered:
        atexit.register(_clear_at_exit)
        _clear_registered = True


_clear_registered = False


def _clear_at_exit() -> None:
    if QApplication.instance() is not None:
        QApplication.clipboard().clear()


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
