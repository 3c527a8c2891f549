"""The drawing pad in presentation mode (F11): a teacher draws in front of the class, who read its answer
from the back of the room."""

import pytest
from PySide6.QtWidgets import QApplication

from nnstudio.gui import presentation
from nnstudio.paths import samples_dir
from nnstudio.project import load


def test_the_pads_text_grows_with_presentation_mode(make_window, qtbot):
    """The plots' text grows 1.4 times; the pad's bars, percentages and sentences stayed at 9 pt."""
    w = make_window(load(samples_dir() / "digits_mlp.nnproj"), size=(1280, 720))
    dock = w.docks["drawing_pad_dock"]
    pad = dock.widget()
    widgets = (pad.bars, pad.status, pad.seen_label, pad.clear_button)
    sizes = [x.font().pointSizeF() for x in widgets]
    w.actions.presentation.trigger()
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible)
    assert [x.font().pointSizeF() for x in widgets] == pytest.approx([s * presentation.SCALE for s in sizes])
    w.actions.presentation.trigger()
    QApplication.processEvents()
    assert [x.font().pointSizeF() for x in widgets] == pytest.approx(sizes)


@pytest.mark.parametrize("floating", [True, False])
def test_an_open_pad_stays_open_in_presentation_mode(make_window, qtbot, floating):
    """The side panels step aside in presentation mode, and the pad went with them: a teacher who opened it
    and pressed F11 had to find it again in View > Panels."""
    w = make_window(load(samples_dir() / "digits_mlp.nnproj"), size=(1280, 720))
    dock = w.docks["drawing_pad_dock"]
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible)
    dock.setFloating(floating)
    QApplication.processEvents()
    w.actions.presentation.trigger()
    QApplication.processEvents()
    assert w.presentation.active and dock.isVisible()
    if not floating:       # docked, it follows the dock layout: no floating size to grow and take back
        assert dock.widget()._normal_geometry is None
    w.actions.presentation.trigger()
    QApplication.processEvents()
    assert dock.isVisible() and dock.isFloating() == floating
