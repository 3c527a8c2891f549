"""The tab rows of the docks at a projector's 1024x768 and at 1280x720: every tab's title whole and on screen,
no scroll arrows hiding tabs, in English (long titles) and Chinese."""

import pytest
from PySide6.QtWidgets import QTabBar

from nnstudio.paths import samples_dir
from nnstudio.project import load

from .test_window import spiral_project, train


@pytest.fixture(params=["en", "zh_CN"])
def lang(request, qapp):
    from nnstudio.gui import language
    language.install(qapp, request.param)
    yield request.param
    language.install(qapp, "en")


def _bars(w) -> list[QTabBar]:
    return [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible() and b.count() > 1]


def _assert_whole(qtbot, w) -> None:
    def whole():
        bars = _bars(w)
        assert len(bars) >= 3
        for bar in bars:
            titles = [bar.tabText(i) for i in range(bar.count())]
            need = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
            assert need <= bar.width(), (titles, need, bar.width())
            assert all(bar.tabRect(i).right() <= bar.width() for i in range(bar.count())), titles
    qtbot.waitUntil(whole, timeout=3000)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_every_dock_tab_reads_in_full(qtbot, make_window, lang, size):
    w = make_window(spiral_project(), size=size)
    _assert_whole(qtbot, w)
    titles = {b.tabText(i) for b in _bars(w) for i in range(b.count())}
    # nothing was dropped to make room: each view is still one tab away
    for name in ("history_dock", "summary_dock", "problems_dock"):
        assert w.docks[name].windowTitle() in titles
    v = w.training.views.docks
    for name in ("PredictionDock", "LossDock", "MetricDock", "ActivationsDock"):
        assert v[name].windowTitle() in titles
    # the predictions (decision boundary, confusion matrix) keep about a third of the row
    row = sum(v[n].width() for n in ("PredictionDock", "LossDock", "MetricDock"))
    assert v["PredictionDock"].width() >= 0.3 * row


def test_a_cnn_filters_tab_still_fits_at_1024(qtbot, make_window, lang):
    """The Filters tab appears once a session finds conv layers; the row is re-fitted for it."""
    p = load(samples_dir() / "digits_cnn.nnproj")
    p.training["epochs"] = 1
    w = make_window(p, size=(1024, 768))
    train(qtbot, w, timeout=60000)
    assert w.training.views.docks["FiltersDock"].isVisible()
    _assert_whole(qtbot, w)


def test_a_title_that_grows_still_fits(qtbot, make_window):
    """"Problems" becomes "Problems (12)" when the network has problems; its group is re-fitted."""
    w = make_window(spiral_project(), size=(1280, 720))
    _assert_whole(qtbot, w)
    w.docks["problems_dock"].setWindowTitle("Problems (12)")
    _assert_whole(qtbot, w)


def test_a_window_made_smaller_after_it_opened_refits_its_tabs(qtbot, make_window, lang):
    """Opened large, then maximized on a 1024 px projector (or resized by hand): the tab rows are fitted to
    the new width too, not only at construction."""
    w = make_window(spiral_project(), size=(1400, 900))
    _assert_whole(qtbot, w)
    qtbot.wait(300)                      # the layout's sizing at construction is over
    w.resize(1024, 768)
    _assert_whole(qtbot, w)
