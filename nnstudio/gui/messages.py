"""One way to tell the user that something they asked for failed: one plain sentence in a dialog titled with
what failed ("Cannot export"), repeated in the main window's status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget


def main_window(widget: QWidget) -> QMainWindow | None:
    """The main window holding ``widget`` (also from a floating dock, whose own window is the dock)."""
    w = widget
    while w is not None and not isinstance(w, QMainWindow):
        w = w.parentWidget()
    return w


def show_error(widget: QWidget, title: str, sentence: str) -> None:
    window = main_window(widget)
    if window is not None:
        window.statusBar().showMessage(sentence, 10000)
    QMessageBox.critical(window or widget.window(), title, sentence)
