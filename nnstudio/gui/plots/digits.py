"""The misclassified images, a view a teacher asks for with digits: a gallery with true and predicted class
and the network's confidence, drawn from a snapshot's confusion prediction (``snapshots.prediction_part``:
the matrix and the most confidently wrong rows of the evaluated part).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import colors
from .base import current_scale

MIN_TILE = 56          # a digit drawn smaller than this is hard to read from the back of a room
TEXT_POINTS = 10       # the heading and captions, times presentation mode's scale


def _tr(text: str) -> str:
    return QCoreApplication.translate("Digits", text)


def grey_tile(pixels: np.ndarray) -> np.ndarray:
    """One image (h, w[, c]) as uint8 grey, dark ink on white paper, stretched to its own min..max."""
    a = np.asarray(pixels, dtype=np.float64)
    if a.ndim == 3:
        a = a.mean(axis=2)
    lo, hi = float(np.nanmin(a)), float(np.nanmax(a))
    t = (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)
    return np.ascontiguousarray(255 - np.round(255 * np.nan_to_num(t))).astype(np.uint8)


class MistakesGallery(QWidget):
    """The misclassified images of the evaluated part, most confidently wrong first, each captioned
    "true → predicted" with the probability the network gave its answer."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.updates = 0
        self.shape: tuple[int, int, int] | None = None
        self.raw = None
        self.class_names: list[str] = []
        self.tiles: list[QImage] = []
        self.captions: list[tuple[str, str]] = []
        self.wrong = 0          # all the mistakes, of which a snapshot carries the surest (MISTAKE_ROWS)
        self.heading = _tr("Train the network to see which images it gets wrong.")
        self.setToolTip(_tr("Images of the evaluated part the network gets wrong, the most confident "
                            "mistakes first: true class → predicted class, and how sure it was."))

    def set_data(self, shape: tuple[int, int, int] | None, class_names=None, raw=None) -> None:
        """At a session's start: the image shape of a sample (None: not images), the class names, and
        ``raw(X)`` undoing per-pixel scaling (standardized pixels look like noise; the gallery shows ink)."""
        self.shape = shape
        self.raw = raw
        self.class_names = [str(c) for c in class_names or []]
        self.tiles, self.captions, self.wrong = [], [], 0
        self.heading = (_tr("Train the network to see which images it gets wrong.") if shape is not None else
                        _tr("The gallery of mistakes shows images; these data are not images."))
        self.update()

    def _name(self, k: int) -> str:
        return self.class_names[k] if 0 <= k < len(self.class_names) else str(k)

    def reset(self) -> None:
        """No mistakes of old weights on screen (New/Open, Reset weights)."""
        self.set_data(self.shape, self.class_names, self.raw)

    def on_snapshot(self, snap) -> None:
        pred = snap.prediction
        if pred.get("kind") != "confusion" or self.shape is None or pred.get("mistakes") is None:
            return
        m, mistakes = np.asarray(pred["matrix"]), pred["mistakes"]
        wrong, total = int(m.sum() - np.trace(m)), int(m.sum())
        self.wrong = max(wrong, len(mistakes.rows))
        which = pred.get("which", "")
        self.tiles, self.captions = [], []
        images = mistakes.X if self.raw is None else self.raw(mistakes.X)
        for x, t, p, c in zip(images, mistakes.true, mistakes.pred, mistakes.confidence):
            grey = grey_tile(np.asarray(x).reshape(self.shape))
            h, w = grey.shape
            self.tiles.append(QImage(grey.tobytes(), w, h, w, QImage.Format.Format_Grayscale8).copy())
            self.captions.append((f"{self._name(int(t))} → {self._name(int(p))}", f"{c:.0%}"))
        # whole sentences per part: "{which}" spliced in stayed English ("359 张 validation 图片") in Chinese
        if which == "validation":
            none = _tr("No mistakes among {total} validation images.")
            some = _tr("{wrong} of {total} validation images wrong, most confident first")
        else:
            none = _tr("No mistakes among {total} training images.")
            some = _tr("{wrong} of {total} training images wrong, most confident first")
        self.heading = none.format(total=total) if wrong == 0 else some.format(wrong=wrong, total=total)
        self.updates += 1
        self.update()

    def text_font(self) -> QFont:
        """The heading's and captions' font: larger in presentation mode, as the plots' text is."""
        font = QFont(self.font())
        font.setPointSizeF(TEXT_POINTS * current_scale())
        return font

    def rescaled(self) -> None:
        self.update()

    def caption_height(self) -> int:
        """Pixels under each picture for its two lines, "7 → 1" and the confidence."""
        return 2 * QFontMetrics(self.text_font()).height() + 2

    def _heading_height(self) -> int:
        rect = QFontMetrics(self.text_font()).boundingRect(0, 0, max(self.width() - 12, 40), 1000,
                                               int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                                               self.heading)
        return rect.height() + 8

    def layout_tiles(self) -> tuple[int, int, int]:
        """(columns, tile size, rows shown) for the widget's size: as many as fit, never below MIN_TILE."""
        width, height = self.width() - 8, self.height() - self._heading_height()
        caption = self.caption_height()
        n = len(self.tiles)
        n += 1 if self.wrong > n else 0          # and a place for "+873 more" when the snapshot has no more
        if not len(self.tiles):
            return 0, 0, 0
        best = (1, MIN_TILE)
        for cols in range(1, n + 1):
            size = min(width // cols - 6, 120)
            rows = -(-n // cols)
            if size >= MIN_TILE and rows * (size + caption) <= height:
                best = (cols, size)
                break
            if size >= MIN_TILE:
                best = (cols, size)
        cols, size = best
        rows = max(1, min(-(-n // cols), height // (size + caption)))
        return cols, size, rows

    def hidden(self) -> tuple[int, int]:
        """(pictures shown, mistakes not shown): when not all fit, or the snapshot carries only the surest of
        many, a place after the pictures says how many more there are (of all the mistakes, not only those
        carried: "+906 more" under 913 wrong, not "+33")."""
        cols, _size, rows = self.layout_tiles()
        places, n = cols * rows, len(self.tiles)
        if max(self.wrong, n) <= places:
            return n, 0
        shown = min(n, places - 1)
        return shown, max(self.wrong, n) - shown

    def more_text(self, hidden: int, width: float) -> tuple[str, QFont]:
        """The words of the place saying how many mistakes are not shown, and their font: "+6 more" on one line
        if it fits the picture's ``width``, else "+6" (in Chinese "还有 32 张" broke before its last character
        in a six-column grid), smaller still if even that does not fit (never below 60 %)."""
        font = self.text_font()
        for text in (_tr("+{n} more").format(n=hidden), f"+{hidden}"):
            if QFontMetrics(font).horizontalAdvance(text) <= width:
                return text, font
        fitted = QFont(font)
        while QFontMetrics(fitted).horizontalAdvance(text) > width and fitted.pointSizeF() > 0.6 * font.pointSizeF():
            fitted.setPointSizeF(fitted.pointSizeF() - 0.5)
        return text, fitted

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        painter.setFont(self.text_font())
        painter.setPen(QColor(40, 40, 40))
        top = self._heading_height()
        painter.drawText(QRectF(6, 4, self.width() - 12, top), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                         self.heading)
        cols, size, rows = self.layout_tiles()
        line = QFontMetrics(self.text_font()).height()
        shown, hidden = self.hidden()
        for i, (tile, (label, conf)) in enumerate(zip(self.tiles + [None], self.captions + [("", "")])):
            r, c = divmod(i, max(cols, 1))
            x, y = 6 + c * (size + 6), top + r * (size + line * 2 + 2)
            if i == shown:            # 13 wrong and room for 8: "+6 more" in the eighth place
                if hidden:
                    text, font = self.more_text(hidden, size + 6)
                    painter.setPen(QColor(80, 80, 80))
                    painter.setFont(font)
                    painter.drawText(QRectF(x - 3, y, size + 6, size), Qt.AlignmentFlag.AlignCenter, text)
                break
            painter.drawImage(QRectF(x, y, size, size), tile)      # nearest pixels: the network's view
            painter.setPen(QColor(colors.NEGATIVE.astype(int)[0], colors.NEGATIVE.astype(int)[1],
                                  colors.NEGATIVE.astype(int)[2]).darker(140))
            painter.drawText(QRectF(x - 3, y + size, size + 6, line), Qt.AlignmentFlag.AlignCenter, label)
            painter.setPen(QColor(80, 80, 80))
            painter.drawText(QRectF(x - 3, y + size + line, size + 6, line), Qt.AlignmentFlag.AlignCenter, conf)
        painter.end()
