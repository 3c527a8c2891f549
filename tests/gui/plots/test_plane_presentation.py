"""Presentation mode enlarges the decision boundary's text and lines, not its points: at 1.4 times their
size the spiral's points covered most of the boundary the class should see."""

from __future__ import annotations

import numpy as np
import pytest

from nnstudio.gui.plots import base
from nnstudio.gui.plots.prediction import POINT_SIZE, PlaneView, presentation_point_size

from .shown import shown


def spiral_points(n):
    rng = np.random.default_rng(0)
    return rng.uniform(-1.2, 1.2, (n, 2)), rng.integers(0, 2, (n, 1)).astype(float)


def sizes(view):
    """The sizes the points are drawn at (a spot's -1: the item's size)."""
    return tuple({round(float(view_size if s < 0 else s), 3) for s in item.data["size"]}
                 for item in (view.train_points, view.val_points) for view_size in [item.opts["size"]])


@pytest.fixture
def presentation():
    def start(*roots):
        base.set_scale(1.4, roots)
    yield start
    base._scale = 1.0


@pytest.mark.parametrize("before", [True, False])      # data set before presentation began, or during it
def test_presentation_keeps_the_planes_points_at_most_their_normal_size(qtbot, presentation, before):
    view = shown(qtbot, PlaneView())
    X, y = spiral_points(300)
    Xv, yv = spiral_points(100)
    if before:
        view.set_points(X, y, Xv, yv, "binary")
    tick_font = view.plot_item.getAxis("bottom").style["tickFont"].pointSizeF()
    presentation(view)
    if not before:
        view.set_points(X, y, Xv, yv, "binary")
    train, val = sizes(view)
    small = round(presentation_point_size(400), 3)
    assert train == {small} and val == {round(small + 1, 3)}
    assert small < POINT_SIZE                                             # 400 points: smaller than normal
    assert view.plot_item.getAxis("bottom").style["tickFont"].pointSizeF() == pytest.approx(tick_font * 1.4)
    base.set_scale(1.0, [view])
    assert sizes(view) == ({POINT_SIZE}, {POINT_SIZE + 1})               # back to normal after it


def test_a_few_points_keep_their_normal_size_in_presentation_mode(qtbot, presentation):
    view = shown(qtbot, PlaneView())
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    view.set_points(X, np.array([[0.0], [1.0], [1.0], [0.0]]), None, None, "binary")
    presentation(view)
    assert sizes(view)[0] == {POINT_SIZE}
    assert presentation_point_size(10_000) >= 5
