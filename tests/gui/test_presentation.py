"""Projector sizes: the full window fits 1024x768 and 1280x720; View ▸ Presentation keeps the canvas, the
lesson and the views in front, enlarges plots and lesson, and leaving restores everything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from nnstudio.gui import presentation
from nnstudio.gui.plots import base as plots
from nnstudio.paths import samples_dir
from nnstudio.project import load


@pytest.fixture
def full_window(make_window):
    """The real window with the training panels, on a sample with a lesson."""
    def make(size, sample="spiral"):
        return make_window(load(samples_dir() / f"{sample}.nnproj"), size)

    return make


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_window_fits_projector_sizes(full_window, qtbot, size):
    w = full_window(size)
    qtbot.wait(50)
    assert w.minimumSizeHint().width() <= size[0] and w.minimumSizeHint().height() <= size[1]
    assert (w.width(), w.height()) == size
    assert w.canvas.width() > 200 and w.docks["lesson_dock"].isVisible()


def test_presentation_keeps_what_a_class_watches_and_restores_the_layout(full_window, qtbot):
    w = full_window((1024, 768))
    qtbot.wait(50)
    before = {name: d.isVisible() for name, d in w.docks.items()}
    loss = w.training.views.loss
    pen_width = loss.items["loss"].opts["pen"].widthF()
    notes_size = w.lesson.notes.font().pointSizeF()
    empty_size = w.training.views.prediction.empty.font().pointSizeF()
    assert w.actions.presentation.shortcut() == QKeySequence(Qt.Key.Key_F11)
    w.actions.presentation.trigger()
    qtbot.wait(50)
    assert w.presentation.active and w.actions.presentation.isChecked()
    for name in ("palette_dock", "DataDock", "TrainingDock", "inspector_dock", "summary_dock"):
        assert not w.docks[name].isVisible(), name
    for name in ("lesson_dock", "PredictionDock", "LossDock", "MetricDock"):
        assert w.docks[name].isVisible(), name
    assert not w.toolbar.isVisible() and w.presentation.toolbar.isVisible()
    assert plots.title_size() == f"{10 * presentation.SCALE:g}pt"
    assert loss.items["loss"].opts["pen"].widthF() == pytest.approx(pen_width * presentation.SCALE)
    assert w.lesson.notes.font().pointSizeF() == pytest.approx(notes_size * presentation.SCALE)
    prediction = w.training.views.prediction
    assert prediction.empty.font().pointSizeF() == pytest.approx(empty_size * presentation.SCALE)   # was 9 pt
    plane = prediction.plane
    assert plane.train_points.opts["size"] <= 10      # the points keep their size: the boundary is the picture
    # the timeline stays a bar under the views (not a row as tall as theirs); editing the lesson waits
    timeline, loss_dock = w.docks["TimelineDock"], w.docks["LossDock"]
    qtbot.waitUntil(lambda: timeline.height() <= timeline.minimumSizeHint().height() + 10)
    assert loss_dock.height() > 3 * timeline.height()
    assert not w.lesson.edit_button.isVisible()
    w.actions.presentation.trigger()
    qtbot.wait(50)
    assert not w.presentation.active and not w.actions.presentation.isChecked()
    assert w.lesson.edit_button.isVisible()
    assert {name: d.isVisible() for name, d in w.docks.items()} == before
    assert w.toolbar.isVisible() and not w.presentation.toolbar.isVisible()
    assert loss.items["loss"].opts["pen"].widthF() == pytest.approx(pen_width)
    assert w.lesson.notes.font().pointSizeF() == pytest.approx(notes_size)
    assert w.training.views.prediction.empty.font().pointSizeF() == pytest.approx(empty_size)
    assert plots.title_size() == "10pt"


def test_the_presentation_bar_trains(full_window, qtbot):
    w = full_window((1024, 768), "perceptron_and")
    w.presentation.set(True)
    train = next(a for a in w.presentation.toolbar.actions() if a.text() == "Train")
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=30000):
        train.trigger()
    assert w.project.history and w.lesson.met is True
    w.presentation.set(False)


def test_closing_while_presenting_saves_the_normal_layout(full_window, qtbot):
    from nnstudio.gui import settings
    from nnstudio.gui.main_window import MainWindow

    w = full_window((1280, 720))
    w.presentation.set(True)
    w.mark_saved()
    w.close()
    assert settings.saved_layout() is not None
    again = MainWindow(load(samples_dir() / "spiral.nnproj"))
    try:
        again.resize(1280, 720)
        again.show()
        qtbot.waitExposed(again)
        assert again.docks["palette_dock"].isVisible() and again.docks["TrainingDock"].isVisible()
        assert again.toolbar.isVisible()
    finally:
        again.training.controller.shutdown()
        again.mark_saved()
        again.close()
        again.deleteLater()


def test_step_inside_and_the_perceptron_rule_are_read_from_the_back_in_presentation_mode(make_window, qtbot):
    """Their formulas and status lines grow with the plots, whether opened before presentation mode or during
    it, and come back when it ends."""
    from nnstudio.gui.perceptron_view import open_perceptron_view
    from nnstudio.gui.presentation import SCALE
    from nnstudio.gui.step_inside import open_step_inside
    from nnstudio.paths import samples_dir
    from nnstudio.project import load

    w = make_window(load(samples_dir() / "perceptron_and.nnproj"))
    step = open_step_inside(w)
    qtbot.addWidget(step)
    size = step.text.font().pointSizeF()
    w.actions.presentation.trigger()
    assert step.text.font().pointSizeF() == pytest.approx(size * SCALE)
    assert step.diagram.scale == pytest.approx(SCALE)     # its titles, values and circles too
    rule = open_perceptron_view(w)                   # opened during it
    qtbot.addWidget(rule)
    assert rule.text.font().pointSizeF() == pytest.approx(rule._scaled_text.sizes[0][1] * SCALE)
    from PySide6.QtCore import QRect

    from nnstudio.gui import screen_fit
    for view in (step, rule):     # still no wider than a 1024 x 768 screen holds (the button row is not scaled)
        hint = view.minimumSizeHint()
        assert screen_fit.fits(hint.width(), hint.height(), QRect(0, 0, 1024, 768))
    w.actions.presentation.trigger()
    assert step.text.font().pointSizeF() == pytest.approx(size)
    assert step.diagram.scale == 1.0
    assert rule.text.font().pointSizeF() == pytest.approx(rule._scaled_text.sizes[0][1])
