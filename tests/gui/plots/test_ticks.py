"""Heatmap and matrix tick labels never run together: numbers thinned, class names cut with "…"."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFontMetricsF

from nnstudio.gui.plots.prediction import ConfusionView
from nnstudio.gui.plots.ticks import GAP, index_ticks, nice_step
from nnstudio.gui.plots.weights import WeightsHeatmap

from .shown import shown


def clear_of_each_other(fitted) -> bool:
    """Neighbouring labels, centred on their ticks, leave GAP pixels between them."""
    metrics = QFontMetricsF(fitted._font())
    spacing = fitted._spacing() * (fitted.shown[1][0] - fitted.shown[0][0]) / (fitted.ticks[1][0] - fitted.ticks[0][0])
    widest = max(metrics.horizontalAdvance(text) for _, text in fitted.shown)
    return widest + GAP <= spacing + 1e-6


def test_index_ticks_sit_in_the_middle_of_cells_at_most_about_nine_at_a_nice_step():
    assert index_ticks(4) == [(0.5, "0"), (1.5, "1"), (2.5, "2"), (3.5, "3")]
    assert [t for _, t in index_ticks(16)] == ["0", "2", "4", "6", "8", "10", "12", "14"]
    assert [t for _, t in index_ticks(200)] == [str(i) for i in range(0, 200, 25)]
    assert [t for _, t in index_ticks(784)] == [str(i) for i in range(0, 784, 100)]
    assert [nice_step(n, 9) for n in (9, 10, 30, 46, 100, 101)] == [1, 2, 5, 10, 20, 20]


def test_class_names_are_cut_in_a_narrow_confusion_matrix_and_whole_in_a_wide_one(qtbot):
    view = shown(qtbot, ConfusionView(), (220, 260))     # the matrix fills the plot: narrower than 290 px
    view.set_classes(["negative", "positive"])
    view.on_prediction({"matrix": np.array([[51, 49], [60, 40]]), "which": "validation"})
    qtbot.wait(20)
    across = [text for _, text in view.predicted_ticks.shown]
    assert all(text.endswith("…") and len(text) >= 4 for text in across), across   # three letters at least
    assert "negative".startswith(across[0][:-1]) and "positive".startswith(across[1][:-1])
    assert clear_of_each_other(view.predicted_ticks)
    assert [text for _, text in view.true_ticks.shown] == ["negative", "positive"]   # down: room for both
    view.resize(700, 600)
    qtbot.waitUntil(lambda: [t for _, t in view.predicted_ticks.shown] == ["negative", "positive"])


def test_unit_numbers_are_thinned_in_a_narrow_weights_heatmap(qtbot):
    heat = shown(qtbot, WeightsHeatmap(), (230, 260))
    heat.draw("h", np.linspace(-1, 1, 2 * 16).reshape(2, 16))
    qtbot.wait(20)
    fitted = heat.column_ticks
    assert len(fitted.shown) < len(fitted.ticks) and fitted.shown[0] == (0.5, "0")
    assert clear_of_each_other(fitted)
    assert int(fitted.shown[1][1]) in (1, 2, 5, 10, 20, 25, 50)     # thinned at a nice step too
    heat.resize(900, 300)
    qtbot.waitUntil(lambda: fitted.shown == fitted.ticks)


def test_digit_classes_too_close_for_their_labels_are_labelled_every_other(qtbot):
    view = shown(qtbot, ConfusionView(), (160, 140))
    view.set_classes([str(i) for i in range(10)])
    view.on_prediction({"matrix": np.eye(10, dtype=int) * 9, "which": "validation"})
    qtbot.wait(20)
    across = view.predicted_ticks.shown
    assert 1 < len(across) < 10 and all(text.isdigit() for _, text in across)   # whole names, not "…"
    assert clear_of_each_other(view.predicted_ticks)


def test_class_names_too_long_even_cut_become_numbers_and_the_rows_say_which_is_which(qtbot):
    view = shown(qtbot, ConfusionView(), (200, 220))   # "n…" or "s…" would be all that is left of a name
    names = ["setosa", "versicolor", "virginica"]
    view.set_classes(names)
    view.on_prediction({"matrix": np.array([[15, 0, 0], [0, 12, 3], [0, 1, 14]]), "which": "validation"})
    qtbot.wait(20)
    # every column keeps a label (thinned names left two of the three columns bare)
    assert view.predicted_ticks.shown == [(0.5, "0"), (1.5, "1"), (2.5, "2")]
    assert clear_of_each_other(view.predicted_ticks)
    assert [text for _, text in view.true_ticks.shown] == ["0 setosa", "1 versicolor", "2 virginica"]
    view.resize(900, 700)
    qtbot.waitUntil(lambda: [t for _, t in view.predicted_ticks.shown] == names)
    assert [text for _, text in view.true_ticks.shown] == names
