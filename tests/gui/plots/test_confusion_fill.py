"""The confusion matrix fills its plot (a 10 x 10 matrix drew 11 px cells in the upper middle of its axes, an
empty band under them, with 6 px digits) and its title fits the dock ("95.6% right (vali…" lost the words
saying the counts are validation data)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF

from nnstudio.gui.plots.prediction import CELL_MARGIN, READABLE_POINTS, ConfusionView

from .shown import shown


def cell_pixels(view):
    """(width, height) of one cell on screen, and the share of the view box the matrix and its column use."""
    view.labels.update()
    vb = view.plot_item.getViewBox()
    corner, unit = vb.mapViewToScene(QPointF(0, 0)), vb.mapViewToScene(QPointF(1, 1))
    width, height = abs(unit.x() - corner.x()), abs(unit.y() - corner.y())
    k = view._k
    box = vb.sceneBoundingRect()
    return width, height, (k * height) / box.height()


def test_ten_digit_classes_fill_the_plot_with_readable_counts(qtbot):
    view = shown(qtbot, ConfusionView(), (228, 290))        # the Predictions dock at 1024x768
    view.set_classes([str(i) for i in range(10)])
    view.on_prediction({"matrix": np.eye(10, dtype=int) * 30 + 1, "which": "validation"})
    qtbot.wait(50)                                           # laid out
    width, height, rows_share = cell_pixels(view)
    # The cells take all the width the "right" column leaves, and that column is only as wide as the widest
    # text it may show: the figures depend on the machine's font, the rule does not (here 16.6 x 21.5 px with DejaVu Sans;
    # before, 14 x 14 here and 11 x 11 in the window, in the upper middle of the axes).
    box = view.plot_item.getViewBox().sceneBoundingRect()
    metrics = QFontMetricsF(view.row_notes.font)
    notes = view.row_notes.texts + ["100%", view.row_notes.heading]       # room for 100% whatever it shows
    column = max(metrics.horizontalAdvance(t) for t in notes) + 2 * CELL_MARGIN
    assert view.row_notes.width * width == pytest.approx(column, abs=0.5)
    assert 10 * width + column == pytest.approx(box.width(), abs=1)
    assert height >= 18
    assert rows_share > 0.85                                 # no empty band under the last row (was 0.65)
    counts = QFontMetricsF(view.labels.font)
    fits = counts.horizontalAdvance("31") + 2 * CELL_MARGIN <= width and counts.height() <= height
    assert fits or view.labels.font.pointSizeF() == READABLE_POINTS     # the largest size that fits, or the floor
    assert view.labels.font.pointSizeF() >= READABLE_POINTS
    assert view.labels.readable(view.labels.deviceTransform(view.viewportTransform()))
    assert view.row_notes.font.pointSizeF() == view.labels.font.pointSizeF()


def test_three_classes_get_larger_counts_than_ten(qtbot):
    view = shown(qtbot, ConfusionView(), (228, 290))
    view.set_classes(["setosa", "versicolor", "virginica"])
    view.on_prediction({"matrix": np.array([[15, 0, 0], [0, 14, 1], [0, 1, 14]]), "which": "validation"})
    qtbot.waitUntil(lambda: view.labels.font.pointSizeF() >= 11)
    assert cell_pixels(view)[2] > 0.8


def test_a_title_too_wide_for_the_dock_takes_two_lines_and_still_says_validation(qtbot):
    view = shown(qtbot, ConfusionView(), (228, 290))       # iris at 1024x768: the row names take ~80 px
    view.set_classes(["setosa", "versicolor", "virginica"])
    view.on_prediction({"matrix": np.array([[15, 0, 0], [0, 13, 2], [0, 0, 15]]), "which": "validation"})
    title = view.plot_item.titleLabel
    qtbot.waitUntil(lambda: "\n" in title.shown())
    assert title.full == "95.6% right (validation)"
    assert title.text == "95.6% right<br>(validation data)"  # whole, on two lines
    assert "…" not in title.text
    assert view.plot_item.layout.rowMaximumHeight(0) > 30    # the title's row holds both
    view.resize(600, 400)
    qtbot.waitUntil(lambda: title.text == "95.6% right (validation)")
    assert view.plot_item.layout.rowMaximumHeight(0) == 30


def test_no_tick_marks_touch_the_cells(qtbot):
    """The axes' 5 px tick marks reached into the first column and the last row: a count of 0 there read "-0"."""
    view = shown(qtbot, ConfusionView(), (228, 290))
    view.set_classes([str(i) for i in range(10)])
    view.on_prediction({"matrix": np.eye(10, dtype=int) * 30, "which": "validation"})
    for side in ("left", "bottom"):
        assert view.plot_item.getAxis(side).style["tickLength"] == 0
