"""The drawing pad: strokes drawn with the mouse reach the trained network, whose answer the bars show."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from nnstudio.data import Preprocessor
from nnstudio.data.drawing import DIGIT_FORMATS, to_digit_input
from nnstudio.gui.drawing_pad import PEN_WIDTH, add_drawing_pad
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner


@pytest.fixture
def pad(window, qtbot):
    dock = add_drawing_pad(window)
    dock.show()
    qtbot.waitExposed(dock.widget().canvas)
    return dock.widget()


def _draw_a_one(qtbot, canvas):
    x = canvas.width() // 2
    qtbot.mousePress(canvas, Qt.LeftButton, pos=QPoint(x, canvas.height() // 5))
    for y in range(canvas.height() // 5, canvas.height() * 4 // 5, 6):
        qtbot.mouseMove(canvas, QPoint(x, y))
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=QPoint(x, canvas.height() * 4 // 5))


def test_untrained_or_other_data_says_why_instead_of_guessing(window, pad, qtbot):
    assert "digits and MNIST" in pad.status.text()  # a new project generates 2-D points
    window.set_project(load(samples_dir() / "digits_mlp.nnproj"))
    assert "Train the network" in pad.status.text() and pad.bars.probs is None


def test_a_drawn_digit_is_predicted_by_the_trained_network(window, pad, qtbot):
    project = load(samples_dir() / "digits_mlp.nnproj")
    runner.train(project, epochs=2)
    window.set_project(project)
    _draw_a_one(qtbot, pad.canvas)
    qtbot.waitUntil(lambda: not pad._timer.isActive(), timeout=3000)  # the prediction after the last stroke
    assert pad.canvas.ink().max() > 0.9
    image = to_digit_input(pad.canvas.ink(), DIGIT_FORMATS["digits"], pen=PEN_WIDTH)
    net = project.network()
    prep = Preprocessor.from_config(project.data["preprocessing"]["fitted"])
    expected = net.predict(prep.transform_X(image.reshape((1,) + tuple(net.input_shape))))[0]
    np.testing.assert_allclose(pad.bars.probs, expected, rtol=1e-5, atol=1e-7)
    assert pad.bars.probs.sum() == pytest.approx(1.0, abs=1e-5)
    # "56%", as the mistakes gallery and the prediction views write a percentage (it was "56 %")
    assert pad.bars.percentages() == [f"{p:.0%}" for p in expected]
    assert all(text.endswith("%") and " " not in text for text in pad.bars.percentages())
    pad.clear_button.click()
    assert pad.canvas.ink().max() == 0.0
    qtbot.waitUntil(lambda: not pad._timer.isActive(), timeout=3000)
    assert pad.seen.pixmap().toImage().pixelColor(5, 5).value() == 255  # nothing drawn: white paper


def test_the_networks_view_is_dark_ink_on_white_as_the_mistakes_gallery_draws_digits(window, pad, qtbot):
    """The preview drew ink white on black beside a gallery of black-on-white digits."""
    from nnstudio.gui.plots.digits import grey_tile

    window.set_project(load(samples_dir() / "digits_mlp.nnproj"))
    _draw_a_one(qtbot, pad.canvas)
    qtbot.waitUntil(lambda: not pad._timer.isActive(), timeout=3000)
    image = to_digit_input(pad.canvas.ink(), DIGIT_FORMATS["digits"], pen=PEN_WIDTH)
    shown = pad.seen.pixmap().toImage()
    cell = shown.width() // 8
    seen = np.array([[shown.pixelColor(c * cell + cell // 2, r * cell + cell // 2).value() for c in range(8)]
                     for r in range(8)])
    np.testing.assert_array_equal(seen, grey_tile(image))
    assert seen.min() == 0 and seen.max() == 255 and seen[:, 0].min() == 255   # black stroke, white margin


def test_the_pad_opens_floating_over_the_canvas_and_stays_where_the_teacher_docks_it(qtbot, make_window):
    from nnstudio.gui.drawing_pad import PAD_SIZE

    w = make_window(load(samples_dir() / "digits_mlp.nnproj"), size=(1024, 768))
    dock = w.docks["drawing_pad_dock"]
    QApplication.processEvents()
    canvas_width = w.centralWidget().width()
    assert not dock.isVisible()
    dock.toggleViewAction().trigger()                     # View ▸ Panels ▸ Drawing pad
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating() and (dock.width(), dock.height()) == PAD_SIZE
    canvas = w.centralWidget()
    area = canvas.rect().translated(canvas.mapToGlobal(canvas.rect().topLeft()))
    window = w.rect().translated(w.mapToGlobal(w.rect().topLeft()))
    assert area.contains(dock.geometry().topRight())      # over the canvas's top right corner
    assert window.contains(dock.geometry())               # wider than the canvas here: still inside the window
    QApplication.processEvents()
    assert w.centralWidget().width() == canvas_width      # the canvas keeps its room
    dock.setFloating(False)                               # docked by the teacher
    dock.toggleViewAction().trigger()
    dock.toggleViewAction().trigger()
    assert not dock.isFloating()


def test_the_floating_pad_opens_on_the_screen_when_the_window_is_larger_than_it(qtbot, make_window):
    w = make_window(load(samples_dir() / "digits_mlp.nnproj"), size=(1024, 768))
    screen = w.screen().availableGeometry()
    w.setGeometry(screen.left() + 200, screen.top(), screen.width() + 600, screen.height())  # past the right edge
    QApplication.processEvents()
    canvas = w.centralWidget()
    assert canvas.mapToGlobal(canvas.rect().topRight()).x() > screen.right()   # the canvas's corner is off screen
    dock = w.docks["drawing_pad_dock"]
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating() and screen.contains(dock.frameGeometry())


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_the_floating_pad_grows_in_presentation_mode_and_takes_its_size_back(qtbot, make_window, size):
    """Its text grew 1.4 times in a pad that kept its size: the bars and sentences were cramped."""
    from nnstudio.gui import presentation

    w = make_window(load(samples_dir() / "digits_mlp.nnproj"), size=size)
    dock = w.docks["drawing_pad_dock"]
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible)
    before = dock.geometry()
    seen = dock.widget().seen.width()
    w.actions.presentation.trigger()
    QApplication.processEvents()
    grown = dock.geometry()
    assert dock.isFloating() and dock.isVisible()
    assert grown.width() == round(before.width() * presentation.SCALE)
    assert grown.height() == round(before.height() * presentation.SCALE)
    assert dock.widget().seen.width() == round(seen * presentation.SCALE)
    window = w.geometry()
    assert window.contains(grown)                                   # over the canvas, inside the window
    assert grown.right() == before.right() or grown.left() == window.left() + 8
    w.actions.presentation.trigger()
    QApplication.processEvents()
    assert dock.geometry() == before and dock.widget().seen.width() == seen
