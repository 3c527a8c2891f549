"""The activation explorer, driven through its own widgets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.engine import activations
from nnstudio.engine.activation_curves import curve
from nnstudio.gui.activation_explorer import ActivationExplorer, open_activation_explorer


@pytest.fixture
def explorer(qtbot):
    view = ActivationExplorer()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_registry_activation_is_listed_and_drawn_from_the_engine(explorer):
    assert [explorer.list.item(i).text() for i in range(explorer.list.count())] == activations.names()
    x, y = explorer.slope_items["sigmoid"].getData()
    np.testing.assert_allclose(y, curve("sigmoid").slope)
    assert explorer.shown() == ["sigmoid", "tanh", "relu"]
    assert explorer.value_items["tanh"].isVisible() and not explorer.value_items["gelu"].isVisible()


def test_ticking_and_the_solid_dashed_switches(explorer, qtbot):
    item = explorer.list.item(activations.names().index("gelu"))
    rect = explorer.list.visualItemRect(item)
    qtbot.mouseClick(explorer.list.viewport(), Qt.LeftButton, pos=rect.center())
    assert explorer.selected() == "gelu"
    explorer.set_shown("gelu", True)
    assert explorer.value_items["gelu"].isVisible() and explorer.slope_items["gelu"].isVisible()
    explorer.show_slope.click()
    assert explorer.value_items["gelu"].isVisible() and not explorer.slope_items["gelu"].isVisible()
    explorer.set_shown("gelu", False)
    assert not explorer.value_items["gelu"].isVisible()


def test_the_selected_activation_has_its_flat_regions_shaded_and_explained(explorer):
    explorer.select("sigmoid")
    regions = [r.getRegion() for r in explorer.regions]
    assert regions == [pytest.approx(r) for r in curve("sigmoid").flat] and len(regions) == 2
    text = explorer.note.text()
    assert "at most 0.25" in text and "9.5e-07" in text and "learn slowly" in text
    explorer.depth.setValue(3)
    assert "0.016" in explorer.note.text()  # 0.25^3
    explorer.select("linear")
    assert explorer.regions == [] and "never flat" in explorer.note.text()
    explorer.select("step")
    assert "no gradient flows" in explorer.note.text() and len(explorer.regions) == 1


def test_a_slope_above_1_is_said_to_grow_a_gradient_not_to_leave_some_of_it(explorer):
    explorer.select("selu")  # slope 1.76 for z just below 0: 1.76^10 = 2.8e+02
    text = explorer.note.text()
    assert "1.76" in text and "2.8e+02" in text and "grow" in text and "of it is left" not in text
    explorer.select("relu")  # a slope of at most 1 keeps the old sentence
    assert "at most 1 of it is left" in explorer.note.text() and "grow" not in explorer.note.text()


@pytest.mark.parametrize("name, words", [
    ("softplus", "approaches 1 for large inputs but never reaches it"),
    ("sigmoid", "at most 0.25."), ("relu", "at most 1."), ("tanh", "at most 1."), ("selu", "reaches 1.76,"),
])
def test_the_sentence_gives_the_true_peak_slope(explorer, name, words):
    explorer.select(name)
    assert words in explorer.note.text() and "0.998" not in explorer.note.text()


def test_a_slope_that_approaches_1_is_said_only_to_shrink_a_gradient(explorer):
    explorer.select("softplus")        # it read "through 10 such layers less than 1 of it is left"
    text = explorer.note.text()
    assert "can only shrink, never grow" in text and "less than 1 of it" not in text


def test_softmax_is_explained_as_an_output_activation(explorer):
    explorer.select("softmax")
    text = explorer.note.text()
    assert "output layer" in text and "two classes" in text and "0.25" in text
    assert "deep softmax networks" not in text


def test_every_curve_that_levels_off_on_the_left_does_so_inside_the_plot(explorer):
    (_, _), (bottom, top) = explorer.plot_item.viewRange()
    selu = curve("selu")
    assert bottom < selu.value.min() < top  # SELU saturates at -1.758
    for name in activations.names():
        c = curve(name)
        if abs(c.slope[0]) < 0.05:          # flat at the left edge: its lowest level is in sight
            assert c.value[0] > bottom, name


def test_the_tools_menu_opens_one_explorer(window):
    window.actions.activation_explorer.trigger()
    first = window.findChild(ActivationExplorer, "activation_explorer")
    assert first is not None and first.isVisible()
    assert open_activation_explorer(window) is first
    first.close()


@pytest.fixture(params=["en", "zh_CN"])
def lang(request, qapp):
    from nnstudio.gui import language
    language.install(qapp, request.param)
    yield request.param
    language.install(qapp, "en")


def test_presentation_mode_grows_the_hint_and_the_check_boxes_too_and_the_window_still_fits(lang, window, qtbot):
    """Under F11 the hint line and the check boxes stayed 9 pt beside 1.4x the list and the note."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QCheckBox, QLabel

    from nnstudio.gui import screen_fit
    from nnstudio.gui.presentation import SCALE

    view = open_activation_explorer(window)
    small = [w for w in [*view.findChildren(QLabel), *view.findChildren(QCheckBox)] if w is not view.note]
    assert len(small) == 3                                  # the hint and the two check boxes
    before = [w.font().pointSizeF() for w in small]
    window.actions.presentation.trigger()
    try:
        for widget, size in zip(small, before):
            assert widget.font().pointSizeF() == pytest.approx(size * SCALE), widget.text()
        qtbot.wait(10)
        hint = view.minimumSizeHint()
        assert screen_fit.fits(hint.width(), hint.height(), QRect(0, 0, 1024, 768))
        for box in small[1:]:                               # its words are not cut by the list's fixed width
            assert box.sizeHint().width() <= box.width(), box.text()
    finally:
        window.actions.presentation.trigger()
    for widget, size in zip(small, before):
        assert widget.font().pointSizeF() == pytest.approx(size)
    view.close()
