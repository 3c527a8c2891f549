"""A deep network's histograms keep a readable height: in a short dock their grid scrolls instead of squeezing
each layer's bars into a few pixels."""

from PySide6.QtWidgets import QScrollArea

from nnstudio.gui.plots.histograms import HistogramGrid

from .conftest import mlp_spec
from .test_window import spiral_project, train


def _deep_project():
    p = spiral_project(epochs=2)
    p.spec = mlp_spec(hidden=(8, 8, 8, 8, 8, 8))           # seven layers with outputs: four rows of two
    for i, n in enumerate(p.spec["nodes"]):
        n["position"] = [220.0 * i, 0.0]
    return p


def test_a_deep_networks_activations_scroll_in_a_short_dock(qtbot, make_window):
    # 1280x720: the activations share the bottom row with the loss (at 1024x768 in English they move to
    # the tall Training column, see training/docks.py)
    w = make_window(_deep_project())
    w.resize(1280, 720)
    train(qtbot, w)
    views = w.training.views
    dock, grid = views.docks["ActivationsDock"], views.activations
    dock.raise_()
    qtbot.waitUntil(lambda: len(grid.plots) == 7)
    area = dock.widget()
    assert isinstance(area, QScrollArea) and area.widget() is grid
    assert grid.rows() == 4 and grid.minimumHeight() == 4 * HistogramGrid.ROW_HEIGHT
    qtbot.waitUntil(lambda: area.viewport().height() < grid.minimumHeight())   # the dock is shorter
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and grid.height() == grid.minimumHeight()
    assert grid.width() == area.viewport().width()                                # no sideways scrolling
    assert views._visible(grid)
    views.docks["LossDock"].raise_()                    # the same tab group: activations go behind it
    qtbot.waitUntil(lambda: not views._visible(grid))   # and skip their redraws there, scroll area or not


def test_presentation_scale_makes_the_rows_taller(qtbot):
    from nnstudio.gui.plots import base

    grid = HistogramGrid("h", "activation")
    qtbot.addWidget(grid)
    grid.set_layers([(f"h{i}", f"h{i}") for i in range(5)])         # three rows
    assert grid.minimumHeight() == 3 * HistogramGrid.ROW_HEIGHT
    try:
        base.set_scale(1.5, [grid])
        assert grid.minimumHeight() == 3 * round(1.5 * HistogramGrid.ROW_HEIGHT)
    finally:
        base.set_scale(1.0, [grid])
    assert grid.minimumHeight() == 3 * HistogramGrid.ROW_HEIGHT


def test_a_narrow_column_titles_each_histogram_with_the_layers_name(qtbot):
    """"hidden 1 (sigmoid)" did not fit a docked column and showed as "hidden 1 (…"."""
    import numpy as np

    grid = HistogramGrid("h", "activation")
    qtbot.addWidget(grid)
    grid.resize(220, 400)
    grid.show()
    grid.set_layers([("h1", "hidden 1 (sigmoid)"), ("h2", "hidden 2 (sigmoid)")])
    grid.set_histogram("h1", np.array([1.0, 2.0, 1.0]), np.array([0.0, 0.3, 0.6, 0.9]))
    qtbot.waitUntil(lambda: "h2" in grid.plots, timeout=3000)
    title = grid.plots["h1"].titleLabel
    qtbot.waitUntil(lambda: title.text == "hidden 1", timeout=3000)
    assert title.full == "hidden 1 (sigmoid)"
    grid.resize(900, 400)                            # room enough: the whole title
    qtbot.waitUntil(lambda: title.text == "hidden 1 (sigmoid)", timeout=3000)
