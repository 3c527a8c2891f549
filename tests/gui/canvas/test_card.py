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


@pytest.mark.parametrize("zoom", [0.58, 0.7])
def test_in_presentation_mode_a_fitted_card_grows_with_the_window_text(qapp, zoom):
    """At 1024x768 in presentation mode the spiral's cards (zoom 0.58) had 10 pt names and 8.5 pt type lines
    under 14 pt window text; now they are scaled as the window's text is."""
    from nnstudio.gui.plots import base
    from nnstudio.gui.presentation import SCALE
    base.set_scale(SCALE, [])
    try:
        sizes = dict(painted(qapp, zoom))
    finally:
        base.set_scale(1.0, [])
    assert "hidden 1" in sizes and any(t.startswith("Dense 16") and "sigmoid" in t for t in sizes)
    assert SCREEN_TITLE_PT * 1.2 < sizes["hidden 1"] * zoom <= SCREEN_TITLE_PT * SCALE + 1e-6
    assert "272 params" not in sizes


def test_in_presentation_mode_a_name_is_not_cut_to_be_larger(qapp):
    """Zoomed out further (a deep network), the name stays whole at the normal size rather than "hidd…"."""
    from nnstudio.gui.plots import base
    from nnstudio.gui.presentation import SCALE
    base.set_scale(SCALE, [])
    try:
        sizes = dict(painted(qapp, 0.39))
    finally:
        base.set_scale(1.0, [])
    assert "hidden 1" in sizes and sizes["hidden 1"] * 0.39 >= SCREEN_TITLE_PT - 1e-6
