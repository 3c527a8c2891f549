"""The confusion matrix fills its plot (a 10 x 10 matrix drew 11 px cells in the upper middle of its axes, an
empty band under them, with 6 px digits), its counts stay readable in a narrow dock, and its title fits the dock
("95.6% right (vali…" lost the words saying the counts are validation data)."""

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


DIGITS = np.array([[35, 0, 0, 0, 1, 0, 0, 0, 0, 0], [0, 33, 1, 0, 0, 0, 0, 0, 1, 1], [0, 1, 33, 0, 0, 0, 0, 0, 1, 0],
                   [0, 0, 1, 31, 0, 0, 0, 0, 2, 3], [0, 1, 0, 0, 34, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 33, 0, 0, 0, 3],
                   [0, 1, 0, 0, 0, 0, 35, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 33, 2, 1], [0, 3, 0, 1, 0, 1, 1, 0, 29, 0],
                   [0, 0, 0, 3, 1, 0, 0, 1, 2, 29]])       # digits_mlp after one epoch, 359 validation images


def digits_view(qtbot, size):
    view = shown(qtbot, ConfusionView(), size)
    view.set_classes([str(i) for i in range(10)])
    view.on_prediction({"matrix": DIGITS, "which": "validation"})
    qtbot.wait(50)                                           # laid out
    return view


def counts_fit(view) -> bool:
    width, height, _share = cell_pixels(view)
    counts = QFontMetricsF(view.labels.font)
    return all(counts.horizontalAdvance(t) + 2 * CELL_MARGIN <= width for t in view.labels.texts) \
        and counts.height() <= height


def test_ten_digit_classes_beside_their_column_fill_the_plot_with_readable_counts(qtbot):
    view = digits_view(qtbot, (314, 258))                    # the Predictions dock at 1280x720
    width, height, rows_share = cell_pixels(view)
    # The cells take all the width the "right" column leaves, and that column is only as wide as the widest
    # text it may show: the figures depend on the machine's font, the rule does not (10.5 pt counts with
    # DejaVu Sans; before, 14 x 14 px cells in the upper middle of the axes).
    box = view.plot_item.getViewBox().sceneBoundingRect()
    metrics = QFontMetricsF(view.row_notes.font)
    notes = view.row_notes.texts + ["100%", view.row_notes.heading]       # room for 100% whatever it shows
    column = max(metrics.horizontalAdvance(t) for t in notes) + 2 * CELL_MARGIN
    assert view.row_notes.isVisible()
    assert view.row_notes.width * width == pytest.approx(column, abs=0.5)
    assert 10 * width + column == pytest.approx(box.width(), abs=1)
    assert rows_share > 0.85                                 # no empty band under the last row (was 0.65)
    assert counts_fit(view) and view.labels.font.pointSizeF() >= READABLE_POINTS
    assert view.labels.readable(view.labels.deviceTransform(view.viewportTransform()))
    assert view.row_notes.font.pointSizeF() == view.labels.font.pointSizeF()


def test_in_the_narrow_dock_the_column_gives_its_room_to_readable_counts(qtbot):
    """In the 228 px Predictions dock at 1024x768 the counts were drawn at 7 pt beside the "right" column,
    unreadable on a projector: the column goes, the counts are as large as the axes' numbers at least, and
    a row's share predicted right shows on hovering its cells."""
    view = digits_view(qtbot, (228, 278))
    width, height, rows_share = cell_pixels(view)
    box = view.plot_item.getViewBox().sceneBoundingRect()
    assert view.labels.font.pointSizeF() >= READABLE_POINTS >= 9
    assert counts_fit(view)
    assert view.labels.readable(view.labels.deviceTransform(view.viewportTransform()))
    assert not view.row_notes.isVisible()
    assert 10 * width == pytest.approx(box.width(), abs=1)  # every pixel for the cells
    assert 10 * height == pytest.approx(box.height(), abs=1)
    assert "Point at a cell" in view.toolTip()
    view.resize(420, 300)                                    # wider (presentation mode's dock): it is back
    qtbot.waitUntil(view.row_notes.isVisible)
    assert "On the right" in view.toolTip()


def test_a_cell_says_its_count_and_its_rows_share_when_hovered(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    view = digits_view(qtbot, (228, 278))
    vb = view.plot_item.getViewBox()
    at = view.mapFromScene(vb.mapViewToScene(QPointF(1.5, 8.5)))     # true 8, predicted 1
    assert view.cell_at(at) == (8, 1)
    assert view.cell_tip(8, 1) == "true 8, predicted 1: 3 of 35\n8: 83% predicted right"
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at)))
    assert QToolTip.text() == view.cell_tip(8, 1)
    QToolTip.hideText()
    assert view.cell_at(view.mapFromScene(vb.mapViewToScene(QPointF(10.5, 8.5)))) is None   # beside the matrix


def test_counts_too_wide_for_their_cells_leave_the_others_drawn(qtbot):
    """MNIST's ~100 images a class at 1024x768: three-digit counts cannot be read in 16 px cells, but the
    mistakes beside them (1-9) can; the column of shares stays, since the diagonal counts are not shown."""
    matrix = np.full((10, 10), 3) + np.eye(10, dtype=int) * 100
    matrix[3, 5] = 12
    view = shown(qtbot, ConfusionView(), (228, 278))
    view.set_classes([str(i) for i in range(10)])
    view.on_prediction({"matrix": matrix, "which": "validation"})
    qtbot.wait(50)
    assert view.row_notes.isVisible() and view.labels.font.pointSizeF() == READABLE_POINTS
    drawn = view.labels.drawn(view.labels.deviceTransform(view.viewportTransform()))
    assert not any(drawn[i * 11] for i in range(10))                     # "103" on the diagonal
    assert all(d for d, t in zip(drawn, view.labels.texts) if t == "3")


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
