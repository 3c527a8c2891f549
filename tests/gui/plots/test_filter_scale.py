"""The Filters view says which colour is which weight: a colour bar beside the filters (or an MLP's unit
images) from the most negative weight (orange) through 0 (white) to the most positive (blue), its numbers
whole inside the view and as large as a class needs, larger in presentation mode."""

from __future__ import annotations

import numpy as np
import pytest

from nnstudio.gui.plots import base
from nnstudio.gui.plots.weights import BAR_POINTS, FilterGrid
from nnstudio.gui.training.snapshots import Snapshot

from .shown import axis_texts, shown


def bar_labels(grid) -> dict[str, object]:
    """The colour bar's numbers as pyqtgraph draws them, with their rectangles in the view's pixels."""
    axis = grid.bar.axis
    return {text: grid.view.mapFromScene(axis.mapToScene(rect)).boundingRect() for rect, text in axis_texts(axis)}


def mosaic_rect(grid):
    """The filters' picture in the scene's pixels, as painted now."""
    from PySide6.QtWidgets import QApplication

    for _ in range(3):                             # laid out (a posted layout request) and ranged as on screen
        QApplication.processEvents()
        grid.grab()
    return grid.image.mapRectToScene(grid.image.boundingRect())


def conv_grid(qtbot, size):
    grid = shown(qtbot, FilterGrid(), size)
    grid.set_layers([("c", "filters (Conv2D)")])
    kernel = np.random.default_rng(0).normal(0.0, 0.3, (3, 3, 1, 16))
    grid.on_snapshot(Snapshot(weights={"c": {"kernel": kernel}}))
    qtbot.wait(50)
    return grid, float(np.abs(kernel).max())


@pytest.mark.parametrize("size", [(229, 272), (313, 252)])     # the Filters dock at 1024x768 and 1280x720
def test_the_filters_have_a_colour_bar_from_negative_through_zero_to_positive(qtbot, size):
    grid, largest = conv_grid(qtbot, size)
    assert grid.bar.isVisible()
    assert grid.bar.levels() == pytest.approx((-largest, largest))
    low, high = f"\u2212{largest:.2g}", f"+{largest:.2g}"
    labels = bar_labels(grid)
    assert set(labels) == {low, "0", high}
    for text, rect in labels.items():              # whole, not half cut off at the bar's ends
        assert grid.view.rect().contains(rect), (text, rect, grid.view.rect())
    mosaic, bar = mosaic_rect(grid), grid.bar.sceneBoundingRect()
    if grid.side == "right":
        assert labels[high].center().y() < labels["0"].center().y() < labels[low].center().y()   # blue on top
        assert bar.left() >= mosaic.right()                  # beside the filters, not on them
    else:
        assert labels[low].center().x() < labels["0"].center().x() < labels[high].center().x()   # blue right
        assert bar.top() >= mosaic.bottom()                  # under them
    assert grid.bar.isVisible() and not grid.bars[{"right": "below", "below": "right"}[grid.side]].isVisible()
    assert grid.bar.axis.style["tickFont"].pointSizeF() == BAR_POINTS
    # the longer title gives way to a shorter one rather than a cut: the layer's name is in the box above
    title = grid.view.plot_item.titleLabel
    assert "…" not in title.shown() and "16 filters" in title.shown()


def test_the_colour_bar_grows_with_presentation_mode_and_goes_with_the_weights(qtbot):
    grid, _largest = conv_grid(qtbot, (422, 298))
    try:
        base.set_scale(1.4, [grid])
        assert grid.bar.axis.style["tickFont"].pointSizeF() == pytest.approx(BAR_POINTS * 1.4)
        qtbot.wait(50)
        for text, rect in bar_labels(grid).items():
            assert grid.view.rect().contains(rect), (text, rect)
    finally:
        base.set_scale(1.0, [grid])
    grid.reset()                                   # Reset weights: no scale for weights not shown
    assert not grid.bar.isVisible()


def test_an_mlps_unit_images_have_the_bar_of_their_robust_scale(qtbot):
    grid = shown(qtbot, FilterGrid(), (229, 272))
    grid.unit_shapes = {"h": (8, 8, 1)}
    grid.set_layers([("h", "hidden (Dense)")])
    kernel = np.random.default_rng(1).normal(0.0, 0.1, (64, 32))
    kernel[0, 0] = 5.0                             # one large weight does not set the scale
    grid.on_snapshot(Snapshot(weights={"h": {"kernel": kernel}}))
    qtbot.wait(50)
    high = grid.bar.levels()[1]
    assert 0.1 < high < 1.0 and grid.bar.levels()[0] == pytest.approx(-high)
    assert f"+{high:.2g}" in bar_labels(grid)


def test_the_bar_goes_where_the_filters_stay_largest(qtbot):
    """Beside the filters in a wide dock, under them in a narrow one: at 1024x768 (229 px) a bar beside an
    MLP's 8 x 8 grid of unit images shrank it from 188 px (no bar) to 137 px; under it, 156 px."""
    grid = shown(qtbot, FilterGrid(), (229, 272))
    grid.unit_shapes = {"h": (8, 8, 1)}
    grid.set_layers([("h", "hidden (Dense)")])
    grid.on_snapshot(Snapshot(weights={"h": {"kernel": np.random.default_rng(2).normal(0.0, 0.1, (64, 64))}}))
    qtbot.waitUntil(lambda: grid.side == "below")
    narrow = mosaic_rect(grid).width()
    grid.resize(420, 272)
    qtbot.waitUntil(lambda: grid.side == "right")
    assert mosaic_rect(grid).width() > narrow
    for text, rect in bar_labels(grid).items():
        assert grid.view.rect().contains(rect), (text, rect)
