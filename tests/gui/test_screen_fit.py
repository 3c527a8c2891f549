"""Windows fit the screen they open on: a 1024 x 768 projector gets the whole studio and every tool window
inside it, not hanging past its edges."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from nnstudio.gui import language, screen_fit
from nnstudio.gui.main_window import DEFAULT_SIZE, MainWindow
from nnstudio.paths import samples_dir
from nnstudio.project import load

PROJECTOR = QRect(0, 0, 1024, 768)
TOOLS = ("playground", "step_inside", "perceptron_view", "activation_explorer", "init_explorer", "gradcheck",
         "runs_view", "predict")


def test_a_window_too_large_is_cut_to_the_screen_with_room_for_its_frame():
    size = screen_fit.fitted(1400, 900, PROJECTOR)
    assert size == QSize(1024 - 16, 768 - 40)
    assert screen_fit.fitted(620, 560, PROJECTOR) == QSize(620, 560)     # a small dialog keeps its size
    assert not screen_fit.fits(*DEFAULT_SIZE, PROJECTOR)
    assert screen_fit.fits(*DEFAULT_SIZE, QRect(0, 0, 1920, 1040))


def test_a_window_is_centred_over_its_parent_and_kept_on_the_screen():
    centred = screen_fit.centred(QSize(400, 300), QRect(100, 100, 600, 400), PROJECTOR)
    assert centred.center() == QRect(100, 100, 600, 400).center()
    # a parent near the right edge: the window moves left rather than leave the screen, title bar visible
    pushed = screen_fit.centred(QSize(800, 600), QRect(700, 500, 300, 200), PROJECTOR)
    inner = screen_fit.client_area(PROJECTOR)
    assert inner.contains(pushed)
    assert pushed.top() >= screen_fit.FRAME.top()


def test_a_fresh_main_window_opens_maximized_on_a_smaller_screen(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    area = screen_fit.free_area(w)
    assert not screen_fit.fits(*DEFAULT_SIZE, area)    # the test screen (800 x 800) is smaller than 1400 x 900
    screen_fit.show_main(w, *DEFAULT_SIZE, restored=False)
    qtbot.waitUntil(lambda: area.contains(w.geometry()))
    assert w.isMaximized()
    w.mark_saved()


def test_a_restored_geometry_is_left_as_the_user_had_it(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(900, 600)
    screen_fit.show_main(w, *DEFAULT_SIZE, restored=True)
    qtbot.waitExposed(w)
    assert not w.isMaximized() and w.size() == QSize(900, 600)
    w.mark_saved()


@pytest.fixture(params=["en", "zh_CN"])
def lang(request, qapp):
    language.install(qapp, request.param)
    yield request.param
    language.install(qapp, "en")


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_window_fits_a_projector_and_opens_inside_the_screen(lang, make_window, qtbot, tool):
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"), size=(700, 600))
    before = set(w.findChildren(QWidget))
    getattr(w.actions, tool).trigger()
    view = next(c for c in w.findChildren(QWidget) if c not in before and c.isWindow() and c.isVisible())
    qtbot.addWidget(view)
    # its layout can shrink to a 1024 x 768 screen (a long label without word wrap once made one 1,134 px wide)
    assert screen_fit.fits(view.minimumSizeHint().width(), view.minimumSizeHint().height(), PROJECTOR)
    # on this 800 x 800 test screen it opened no larger than the free area (its preferred width is up to
    # 1,200 px), unless its layout cannot shrink that far
    inner = screen_fit.client_area(screen_fit.free_area(view))
    hint = view.minimumSizeHint()
    size = view.size()            # (the initialisation explorer's .width is its units-per-layer box)
    assert size.width() <= max(inner.width(), hint.width())
    assert size.height() <= max(inner.height(), hint.height())


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_window_opened_in_presentation_mode_still_fits_a_projector(make_window, qtbot, tool):
    """Its text grows 1.4x with the plots (the formulas, tables and notes a class reads), and its layout can
    still shrink to a 1024 x 768 screen."""
    from nnstudio.gui.presentation import SCALE
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"), size=(700, 600))
    w.actions.presentation.trigger()
    before = set(w.findChildren(QWidget))
    getattr(w.actions, tool).trigger()
    view = next(c for c in w.findChildren(QWidget) if c not in before and c.isWindow() and c.isVisible())
    qtbot.addWidget(view)
    assert screen_fit.fits(view.minimumSizeHint().width(), view.minimumSizeHint().height(), PROJECTOR)
    scaled = getattr(view, "_scaled_text", None)          # the playground and Compare Runs: plots only
    for widget, size in scaled.sizes if scaled is not None else []:
        assert widget.font().pointSizeF() == pytest.approx(size * SCALE)
    w.actions.presentation.trigger()
