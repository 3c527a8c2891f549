"""A layer card stays readable when a deep network is fitted into a small window: below COMPACT_ZOOM it shows
its name and type line only, in letters as large on screen as a full-size card's."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from nnstudio.gui.canvas.card import COMPACT_ZOOM, SCREEN_TITLE_PT, CardItem


class RecordingPainter(QPainter):
    """Notes each text drawn with its font size."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[tuple[str, float]] = []

    def drawText(self, *args):
        self.texts.append((str(args[-1]), self.font().pointSizeF()))
        super().drawText(*args)


def painted(qapp, zoom: float) -> list[tuple[str, float]]:
    card = CardItem("h1", "Dense")
    card.set_content("hidden 1", "Dense 16 · sigmoid", "(16,)", 272, None)
    image = QImage(400, 200, QImage.Format_ARGB32)
    painter = RecordingPainter(image)
    painter.scale(zoom, zoom)
    card.paint(painter, QStyleOptionGraphicsItem())
    painter.end()
    return painter.texts


def test_a_card_at_full_size_shows_every_line(qapp):
    texts = [t for t, _ in painted(qapp, 1.0)]
    assert "hidden 1" in texts and "272 params" in texts and any("(16,)" in t for t in texts)


@pytest.mark.parametrize("zoom", [0.39, 0.52])
def test_a_card_zoomed_out_shows_its_name_in_screen_readable_letters(qapp, zoom):
    assert zoom < COMPACT_ZOOM
    texts = painted(qapp, zoom)
    sizes = dict(texts)
    assert sizes["hidden 1"] * zoom == pytest.approx(SCREEN_TITLE_PT)       # 10 pt on screen, not 4
    assert any(t.startswith("Dense 16") for t, _ in texts)
    assert "272 params" not in sizes                                         # specks at this zoom
