"""The step diagram's heatmaps show their values' colours."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from nnstudio.gui.step_diagram import FOOT_H, POSITIVE, TITLE_H, Column, NetworkDiagram, Picture


def test_a_heatmap_after_a_column_of_circles_shows_each_cell(qtbot):
    """Found on the LSTM lesson: the heatmap of the LSTM's 50 outputs came out one flat colour, the last
    circle's fill, which the frame drawn around it had filled over the cells."""
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(540, 640)
    values = np.zeros(49, np.float32)
    values[0] = 1.0                                     # a 7 x 7 grid: the top-left cell full blue, the rest 0
    diagram.set_picture(Picture([Column("x", "x", "Input", np.linspace(0.1, 1.0, 10, dtype=np.float32)),
                                 Column("h", "h", "LSTM", values, current=True), Column("y", "y", "Dense", None)],
                                links=[(0, 1), (1, 2)]))
    image = diagram.grab().toImage()
    assert diagram.unit_centers(1) == []                # drawn as a heatmap
    side = min(diagram.width() / 3 - 16, diagram.height() - TITLE_H - FOOT_H - 50)   # as the diagram sizes it
    cell = side / 7
    left, top = diagram._column_x(1) - 7 * cell / 2, TITLE_H + 8

    def colour(row, col):
        return QColor(image.pixel(int(left + (col + 0.5) * cell), int(top + (row + 0.5) * cell)))

    assert colour(0, 0).getRgb()[:3] == POSITIVE
    assert colour(3, 3).getRgb()[:3] == (255, 255, 255)
