"""A table's headers in the table's own font, kept so.

A table given a larger font (a tool read from the back of a room, presentation mode) passes it to its headers,
but re-applying the window's style sheet (an appearance switch) set the headers back to the application's
font while the cells kept theirs: 11 pt rows under 9 pt column names."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

_FOLLOW = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish)


class HeadersFollowTable(QObject):
    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        self.headers = (table.horizontalHeader(), table.verticalHeader())
        for widget in (table, *self.headers):
            widget.installEventFilter(self)
        self.follow()

    def follow(self) -> None:
        font = self.table.font()
        for header in self.headers:
            if header.font() != font:
                header.setFont(font)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _FOLLOW:
            self.follow()
        return False
