"""A thin QUndoCommand around one document operation and its inverse."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from nnstudio.document import Document, MoveNodes, Op, SetParams, describe, is_structural

_MERGE_PARAMS = 1  # command id: consecutive edits of one parameter (or nudges of one selection) merge


class DocCommand(QUndoCommand):
    def __init__(self, document: Document, op: Op, text: str | None = None, merge_key: str | None = None):
        super().__init__(text or describe(op))
        self.document = document
        self.op = op
        self.inverse: Op | None = None
        self.structural = is_structural(op)
        self.merge_key = merge_key

    def redo(self) -> None:
        self.inverse = self.document.apply(self.op)

    def undo(self) -> None:
        self.op = self.document.apply(self.inverse)

    def id(self) -> int:
        return _MERGE_PARAMS if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # e.g. spinning "units" from 4 to 9 gives one "Change units" step, undone in one go
        if not isinstance(other, DocCommand) or other.merge_key != self.merge_key:
            return False
        if not isinstance(other.op, (SetParams, MoveNodes)):
            return False
        self.op = other.op  # redo goes to the latest value; our inverse still restores the first one
        return True
