"""The editor of a project's Markdown notes (File ▸ Project Properties).

Notes are stored hard-wrapped (the samples' at about 110 characters). Wrapped again at the box's edge, each
long stored line broke into a long and a short one, ragged. Here the text keeps one fixed width, the notes'
own: every stored line shows as it is stored, in a fixed-pitch font as Markdown source is read; a paragraph
typed without line breaks wraps at that same width; a window narrower than it scrolls sideways instead of
wrapping anew.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QStyle, QTextEdit

COLUMNS = 110        # the width of new text, in characters: the samples' hard wrap
HARD_WRAPPED = 130   # a stored line up to this many characters was wrapped by hand: the width grows to it


class NotesEditor(QTextEdit):
    """Plain text (Markdown source), undoable as any text box; wraps at ``wrap_width()`` pixels."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()))
        self.setFont(font)
        self.setPlainText(text)
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(self.wrap_width_for(text))

    def wrap_width_for(self, text: str) -> int:
        """The document width (margins included) that holds ``text``'s hand-wrapped lines unbroken: its widest
        line not longer than HARD_WRAPPED characters, and at least COLUMNS characters."""
        metrics = QFontMetricsF(self.font())
        column = metrics.horizontalAdvance("x")
        lines = [metrics.horizontalAdvance(line) for line in text.split("\n")]
        widest = max([w for w in lines if w <= HARD_WRAPPED * column] + [COLUMNS * column])
        # + the document's margins, and two pixels for the layout's rounding and the cursor
        return math.ceil(widest + 2 * self.document().documentMargin()) + 2

    def wrap_width(self) -> int:
        return self.lineWrapColumnOrWidth()

    def sizeHint(self) -> QSize:
        """Wide enough for the wrap width beside a vertical scroll bar, so the dialog opens as wide (the
        screen allowing)."""
        hint = super().sizeHint()
        chrome = 2 * self.frameWidth() + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(max(hint.width(), self.wrap_width() + chrome), hint.height())
