"""A thin QUndoCommand around one document operation and its inverse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from nnstudio.document import Document, MoveNodes, Op, SetParams, describe, is_structural

_MERGE_PARAMS = 1  # command id: consecutive edits of one parameter (or nudges of one selection) merge
_MERGE_SWAPS = 2   # command id: consecutive swaps with one merge key (a generator's settings spun) merge


@dataclass
class SettingChange:
    """A setting outside the document (e.g. ``project.training["loss"]``) changed in the same undo step as a
    document edit; ``notify`` tells its views."""

    target: dict
    key: str
    new: Any
    old: Any
    notify: Callable[[], None] = lambda: None

    def redo(self) -> None:
        self.target[self.key] = self.new
        self.notify()

    def undo(self) -> None:
        self.target[self.key] = self.old
        self.notify()


class SwapCommand(QUndoCommand):
    """A state outside the document swapped in and out: ``swap(state)`` puts ``state`` in place and returns the
    one it replaced, kept for the way back, so nothing done in between is lost either (Reset weights: undo
    brings the trained weights back and keeps any training since for redo). Refused while the structure is
    locked, as structural edits are: training holds the weights."""

    structural = True

    def __init__(self, text: str, swap: Callable[[Any], Any], state: Any, merge_key: str | None = None):
        super().__init__(text)
        self.swap = swap
        self.state = state
        self.merge_key = merge_key

    def redo(self) -> None:
        self.state = self.swap(self.state)

    def undo(self) -> None:
        self.state = self.swap(self.state)

    def id(self) -> int:
        return _MERGE_SWAPS if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # e.g. spinning a generator's samples from 4 to 9: one step. Our state (the one before the first swap)
        # stays what undo puts back; undo then keeps the latest state for redo
        return isinstance(other, SwapCommand) and bool(self.merge_key) and other.merge_key == self.merge_key


class DocCommand(QUndoCommand):
    def __init__(self, document: Document, op: Op, text: str | None = None, merge_key: str | None = None,
                 outside: SettingChange | None = None):
        super().__init__(text or describe(op))
        self.document = document
        self.op = op
        self.outside = outside
        self.inverse: Op | None = None
        self.structural = is_structural(op)
        self.merge_key = merge_key

    def redo(self) -> None:
        self.inverse = self.document.apply(self.op)
        if self.outside is not None:
            self.outside.redo()

    def undo(self) -> None:
        self.op = self.document.apply(self.inverse)
        if self.outside is not None:
            self.outside.undo()

    def id(self) -> int:
        return _MERGE_PARAMS if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # e.g. spinning "units" from 4 to 9 gives one "Change units" step, undone in one go
        if not isinstance(other, DocCommand) or other.merge_key != self.merge_key or self.outside or other.outside:
            return False
        if not isinstance(other.op, (SetParams, MoveNodes)):
            return False
        self.op = other.op  # redo goes to the latest value; our inverse still restores the first one
        return True
