"""Ctrl+Z and Ctrl+Shift+Z in an inspector field undo the network's last change once the field's own edit
is done: a text box keeps Undo for the typing it has not handed over yet.

After typing 64 in a spin box and pressing Enter (the change already in the undo history), Ctrl+Z went to the
box's line edit, which undid its own text and left the network as it was; in the Name field it put the old
text back and, on leaving, recorded a rename to the old name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget


class DocumentUndoKeys(QObject):
    """Installed on the text boxes under one widget (a field's Enter or focus-out records it; a spin box's
    value is recorded as it changes)."""

    def install(self, root: QWidget) -> None:
        # a spin box gets the key itself and hands it to its line edit directly, past any filter there
        for box in root.findChildren(QLineEdit) + root.findChildren(QAbstractSpinBox):
            box.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            return False
        recorded = isinstance(obj, QAbstractSpinBox) or isinstance(obj.parent(), QAbstractSpinBox) or (
            isinstance(obj, QLineEdit) and not obj.isModified())
        return recorded      # filtered, so left unaccepted: the window's Undo / Redo takes the key
