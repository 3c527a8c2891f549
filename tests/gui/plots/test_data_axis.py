"""The decision plane's axes read in the data's units (square metres, years), not the standardized values the
network sees."""

import numpy as np
import pytest

from nnstudio.gui.plots.data_axis import DataAxis, affine_of
from nnstudio.gui.plots.prediction import PredictionView

from .shown import shown


def _ticks(axis, lo, hi, size):
    """(raw values, labels) of the labelled ticks between the plot values lo and hi."""
    levels = axis.tickValues(lo, hi, size)
    assert len(levels) == 1                           # one labelled level: no finer one run in between
    spacing, values = levels[0]
    return [axis.a * v + axis.b for v in values], axis.tickStrings(values, 1.0, spacing)


def test_ticks_sit_on_round_numbers_of_the_raw_value_and_their_labels_have_room(qtbot):
    axis = DataAxis("bottom")
    axis.set_affine(25.0, 110.0)                     # area = 25 v + 110 m²
    raw, labels = _ticks(axis, -1.6, 1.8, 250)
    assert raw == pytest.approx([80, 100, 120, 140]) and labels == ["80", "100", "120", "140"]
    raw, labels = _ticks(axis, -1.6, 1.8, 120)       # narrower: fewer, still round
    assert raw == pytest.approx([100, 150]) and labels == ["100", "150"]
    left = DataAxis("left")
    left.set_affine(7.0, 12.0)                       # age = 7 v + 12 years
    raw, labels = _ticks(left, -1.8, 1.7, 150)
    assert raw == pytest.approx([0, 5, 10, 15, 20]) and labels == ["0", "5", "10", "15", "20"]
    raw, _ = _ticks(left, -1.8, 1.7, 60)
    assert len(raw) <= 3


def test_without_a_scaling_the_axis_is_pyqtgraphs_own():
    axis = DataAxis("bottom")
    assert axis.tickValues(-2.0, 2.0, 200) == super(DataAxis, axis).tickValues(-2.0, 2.0, 200)
    assert affine_of(None, 2) == [(1.0, 0.0), (1.0, 0.0)]
    assert affine_of(lambda X: np.asarray(X) * [25.0, 7.0] + [110.0, 12.0], 2) == [(25.0, 110.0), (7.0, 12.0)]


def test_the_plane_of_a_scaled_data_set_is_labelled_in_its_units(qtbot):
    view = shown(qtbot, PredictionView(), size=(360, 320))
    rng = np.random.default_rng(4)
    X = rng.normal(size=(30, 2))
    view.set_data(X, (X[:, :1] > 0).astype(float), None, None, "binary", feature_names=["area", "age"],
                  kind="plane", unscale_x=lambda Z: np.asarray(Z) * [25.0, 7.0] + [110.0, 12.0])
    bottom = view.plane.plot_item.getAxis("bottom")
    assert (bottom.a, bottom.b) == (25.0, 110.0)
    lo, hi = view.plane.plot_item.getViewBox().viewRange()[0]
    raw, _ = _ticks(bottom, lo, hi, bottom.width() or 300)
    assert all(abs(r / 10 - round(r / 10)) < 1e-9 for r in raw)            # round numbers of square metres
    view.set_data(X, (X[:, :1] > 0).astype(float), None, None, "binary", kind="plane")
    assert (bottom.a, bottom.b) == (1.0, 0.0)                                # another data set, unscaled
