"""The histogram grid exports like every other plot (the shared Exportable methods)."""

from __future__ import annotations

import numpy as np

from nnstudio.gui.plots.base import Exportable
from nnstudio.gui.plots.histograms import WeightHistograms


def test_the_grid_exports_png_svg_and_csv_of_every_layer(qtbot, tmp_path):
    grid = WeightHistograms()
    qtbot.addWidget(grid)
    assert isinstance(grid, Exportable)
    grid.resize(480, 320)
    grid.set_layers([("h", "hidden"), ("y", "output")])
    grid.set_histogram("h", np.array([1.0, 3.0]), np.array([-1.0, 0.0, 1.0]))
    grid.set_histogram("y", np.array([2.0]), np.array([0.0, 0.5]))
    assert grid.export_png(tmp_path / "w.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in grid.export_svg(tmp_path / "w.svg").read_text()
    rows = grid.export_csv(tmp_path / "w.csv").read_text().splitlines()
    assert rows == ["layer,bin_from,bin_to,count", "h,-1.0,0.0,1.0", "h,0.0,1.0,3.0", "y,0.0,0.5,2.0"]
