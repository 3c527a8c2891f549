"""The optimizer playground, driven through its own widgets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from nnstudio.engine.surfaces import SURFACES, descend
from nnstudio.gui.playground import DEFAULT_SIZE, RUNNERS, OptimizerPlayground, open_playground


@pytest.fixture
def playground(qtbot):
    view = OptimizerPlayground()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.play.setChecked(False)


def _only(view, key):
    for r in RUNNERS:
        view.checks[r.key].setChecked(r.key == key)


def test_steps_follow_the_engine_optimizer_and_rates_change_live(playground, qtbot):
    _only(playground, "sgd")
    playground.rates["sgd"].setValue(0.1)
    for _ in range(100):
        qtbot.mouseClick(playground.step_button, Qt.LeftButton)
    path = np.asarray(playground.walkers["sgd"].path)
    np.testing.assert_allclose(path, descend(SURFACES["bowl"], (-3.0, 4.0), {"name": "sgd", "learning_rate": 0.1}, 100))
    assert playground.counts["sgd"].text() == "100"
    playground.rates["sgd"].setValue(0.5)  # x - 0.5 * 2x = 0: one step lands on the minimum
    playground.advance(1)
    np.testing.assert_allclose(playground.walkers["sgd"].path[-1], [0.0, 0.0], atol=1e-12)


def test_clicking_the_map_restarts_from_there_and_reset_keeps_it(playground, qtbot):
    vb = playground.plot_item.getViewBox()
    scene_point = vb.mapViewToScene(QPointF(1.0, -2.0))
    widget_point = playground.plot.mapFromScene(scene_point)
    qtbot.mouseClick(playground.plot.viewport(), Qt.LeftButton, pos=widget_point)
    assert playground.start == pytest.approx((1.0, -2.0), abs=0.05)
    playground.advance(3)
    qtbot.mouseClick(playground.reset_button, Qt.LeftButton)
    for walker in playground.walkers.values():
        assert len(walker.path) == 1 and tuple(walker.path[0]) == pytest.approx(playground.start)


def test_too_large_a_rate_flies_off_and_says_so(playground):
    _only(playground, "sgd")
    playground.rates["sgd"].setValue(5.0)
    playground.advance(2000)
    assert "flew off" in playground.counts["sgd"].text()
    assert np.isfinite(np.asarray(playground.walkers["sgd"].path)).all()


def test_a_path_that_leaves_the_map_says_so(playground):
    playground.function.setCurrentIndex(playground.function.findData("saddle"))
    _only(playground, "sgd")
    playground.advance(20)
    assert "off the map" not in playground.counts["sgd"].text()
    playground.advance(300)                 # down the saddle's open side: finite, but far out of sight
    (x0, x1), (y0, y1) = SURFACES["saddle"].view
    x, y = playground.walkers["sgd"].path[-1]
    assert not (x0 <= x <= x1 and y0 <= y <= y1) and np.isfinite([x, y]).all()
    assert playground.counts["sgd"].text() == "320 (off the map)"


def test_typed_function_or_a_sentence_for_a_bad_one(playground, qtbot):
    playground.function.setCurrentIndex(playground.function.findData("custom"))
    playground.expression.setText("x0^2 + import")
    playground.expression.editingFinished.emit()
    assert "cannot be read" in playground.error.text() and playground.surface.name == "bowl"
    playground.expression.setText("(x0 - 1)^2 + (x1 + 0.5)^2")
    playground.expression.editingFinished.emit()
    assert playground.error.text() == "" and playground.surface.expression == "(x0 - 1)^2 + (x1 + 0.5)^2"
    playground.rates["adam"].setValue(0.05)
    playground.advance(600)
    np.testing.assert_allclose(playground.walkers["adam"].path[-1], [1.0, -0.5], atol=0.05)


@pytest.mark.parametrize("key", ["bowl", "long_bowl"])
def test_the_map_keeps_one_scale_for_both_axes_through_resizes(playground, qtbot, key):
    # the gradient is drawn perpendicular to the contours only when a unit of x0 is as long as one of x1
    playground.function.setCurrentIndex(playground.function.findData(key))
    vb = playground.plot_item.getViewBox()
    (a, b), (c, d) = SURFACES[key].view
    for size in ((1400, 500), (700, 900), (1100, 680)):   # a wide map, a tall one, the usual window
        playground.resize(*size)
        qtbot.waitUntil(lambda: playground.plot.width() > 0 and vb.rect().height() > 0)
        QApplication.processEvents()
        (x0, x1), (y0, y1) = vb.viewRange()
        per_x, per_y = vb.rect().width() / (x1 - x0), vb.rect().height() / (y1 - y0)
        assert per_x == pytest.approx(per_y, rel=0.01), size
        assert x0 <= a + 1e-9 and x1 >= b - 1e-9 and y0 <= c + 1e-9 and y1 >= d - 1e-9  # all of it in view
    playground.advance(5)                                   # walking does not change the scale
    (x0, x1), (y0, y1) = vb.viewRange()
    assert vb.rect().width() / (x1 - x0) == pytest.approx(vb.rect().height() / (y1 - y0), rel=0.01)


@pytest.mark.parametrize("presenting", [False, True])
@pytest.mark.parametrize("screen", [(1280, 720), (1024, 768)])
def test_every_built_in_function_fills_most_of_the_map_at_the_default_size(qtbot, presenting, screen):
    """With equal scales a region much wider than tall left a thin strip (the elongated bowl's 20 x 6 filled
    about a third of the map): at the window's own size, also in presentation mode, each region fills most."""
    from PySide6.QtCore import QRect

    from nnstudio.gui import screen_fit
    from nnstudio.gui.plots import base as plots
    from nnstudio.gui.presentation import SCALE
    plots.set_scale(SCALE if presenting else 1.0, [])
    try:
        view = OptimizerPlayground()
        qtbot.addWidget(view)
        view.rescaled()
        view.show()
        qtbot.waitExposed(view)
        view.resize(screen_fit.fitted(*DEFAULT_SIZE, QRect(0, 0, *screen)))   # its size on that screen
        vb = view.plot_item.getViewBox()
        QApplication.processEvents()
        for key, surface in SURFACES.items():
            view.function.setCurrentIndex(view.function.findData(key))
            QApplication.processEvents()
            (x0, x1), (y0, y1) = vb.viewRange()
            (a, b), (c, d) = surface.view
            assert (b - a) * (d - c) / ((x1 - x0) * (y1 - y0)) >= 0.6, key
    finally:
        plots.set_scale(1.0, [])


def test_an_unfinished_function_is_reported_at_its_end(playground):
    playground.function.setCurrentIndex(playground.function.findData("custom"))
    playground.expression.setText("x0**2+")
    playground.expression.editingFinished.emit()
    assert "column 7" in playground.error.text() and "column 1" not in playground.error.text()
    assert playground.surface.name == "bowl"


def test_play_animates_until_paused(playground, qtbot):
    playground.speed.setValue(240)
    playground.play.setChecked(True)
    assert playground.play.text() == "Pause"
    qtbot.waitUntil(lambda: len(playground.walkers["sgd"].path) > 5, timeout=5000)
    playground.play.setChecked(False)
    assert not playground.timer.isActive()


def test_the_tools_menu_opens_one_playground(window, qtbot):
    first = open_playground(window)
    assert open_playground(window) is first and first.isVisible()
    first.close()


def test_the_controls_grow_in_presentation_mode_and_still_fit_a_projector(window, qtbot):
    """Learning rates, step counts and the course's note are what the class reads beside the map."""
    from PySide6.QtCore import QRect

    from nnstudio.gui import screen_fit
    from nnstudio.gui.plots import base as plots
    from nnstudio.gui.presentation import SCALE

    before = open_playground(window)
    sizes = [w.font().pointSizeF() for w in (before.note, before.rates["sgd"], before.counts["sgd"],
                                             before.checks["adam"], before.play)]
    width = before.side.width()
    before.close()
    before.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(OptimizerPlayground, "optimizer_playground") is None)
    try:
        plots.set_scale(SCALE, [window])
        view = open_playground(window)        # opened during presentation mode
        for w, size in zip((view.note, view.rates["sgd"], view.counts["sgd"], view.checks["adam"], view.play),
                           sizes):
            assert w.font().pointSizeF() == pytest.approx(size * SCALE)
        assert view.side.width() > width
        hint = view.minimumSizeHint()
        assert screen_fit.fits(hint.width(), hint.height(), QRect(0, 0, 1024, 768))
    finally:
        plots.set_scale(1.0, [window])
    assert view.note.font().pointSizeF() == pytest.approx(sizes[0])     # back to normal when it ends
    assert view.side.width() == width
    view.close()
