"""A scatter whose points are all NaN (a diverged network's predictions, an overflowed optimizer path) draws
nothing and says nothing: pyqtgraph's own np.nanmin over it warned (found by the CNN monkey), and under the
test suite's warnings-as-errors that was an exception in a paint."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pyqtgraph as pg
import pytest

import nnstudio.gui.plots


def test_the_app_silences_only_pyqtgraphs_all_nan_scatter_warning(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    scatter = pg.ScatterPlotItem(size=6)
    plot.addItem(scatter)
    with warnings.catch_warnings():
        warnings.resetwarnings()
        importlib.reload(nnstudio.gui.plots)              # the filters as the app has them
        warnings.simplefilter("error", append=True)       # every other warning an error
        scatter.setData(x=np.array([np.nan, np.nan]), y=np.array([np.nan, np.nan]))
        plot.resize(200, 200)
        plot.show()
        qtbot.waitExposed(plot)
        plot.grab()                                        # sizes and paints the scatter
        assert scatter.dataBounds(0) == (None, None) or not np.isfinite(scatter.dataBounds(0)).any()
        with pytest.raises(RuntimeWarning, match="All-NaN"):
            np.nanmin(np.array([np.nan]))                  # the same warning from elsewhere still reaches us
