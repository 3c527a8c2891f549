"""The live views behind other tabs are built when first needed, so a window opens sooner: the three views in
front under the canvas come with the window, the others once the window is on screen (one per turn of the
event loop), when their tab is chosen, or when a session begins; the prediction view builds only the
picture a task needs."""

from PySide6.QtWidgets import QApplication

from nnstudio.gui.main_window import MainWindow
from nnstudio.gui.plots.weights import WeightsHeatmap
from nnstudio.gui.training import views as live

from .test_window import spiral_project, train

AT_START = {"loss", "metric", "prediction"}


def test_a_window_builds_only_the_views_in_front_until_it_is_shown(qtbot):
    w = MainWindow(spiral_project())
    qtbot.addWidget(w)
    views = w.training.views
    assert set(views._views) == AT_START
    assert views.prediction._built == {}                # "Train the network to see…" needs no plot
    placeholder = views.docks["WeightsDock"].widget()
    assert not isinstance(placeholder, WeightsHeatmap)
    assert (placeholder.minimumWidth(), placeholder.minimumHeight()) == live.PLACEHOLDER_SIZE
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: set(views._views) == set(live._VIEWS), timeout=5000)
    assert views.docks["WeightsDock"].widget() is views.weights
    w.mark_saved()
    w.close()


def _shown_without_idle_building(qtbot, project):
    """A window shown with its idle building turned off: only a chosen tab or a session builds views."""
    w = MainWindow(project)
    qtbot.addWidget(w)
    w.training.views._build_next = lambda window: None
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w, w.training.views


def test_a_tab_chosen_before_its_view_is_built_shows_the_view(qtbot):
    w, views = _shown_without_idle_building(qtbot, spiral_project())
    views.docks["GradientsDock"].raise_()
    qtbot.waitUntil(lambda: views.built("gradients") is not None, timeout=3000)
    assert views.docks["GradientsDock"].widget() is views.built("gradients")
    assert views.built("weights") is None           # still behind its tab
    w.mark_saved()
    w.close()


def test_a_session_fills_views_that_were_never_shown(qtbot):
    w, views = _shown_without_idle_building(qtbot, spiral_project(epochs=2))
    assert views.built("weights") is None
    train(qtbot, w)
    assert set(views._views) == set(live._VIEWS)       # begin builds them all and gives them their layers
    assert views.weights.combo.count() == 3 and views.gradients.series["h0"].n >= 1
    assert set(views.prediction._built) == {"plane"}   # a 2-D classification draws only the plane
    QApplication.processEvents()
    w.mark_saved()
    w.close()


def test_the_optimizer_reaches_a_gradient_view_built_later(qtbot):
    w = MainWindow(spiral_project())
    qtbot.addWidget(w)
    views = w.training.views
    views.set_optimizer({"name": "perceptron", "learning_rate": 1.0})
    assert views.built("gradients") is None
    assert "perceptron rule" in views.gradients.note.text() and views.gradients.note.isVisibleTo(views.gradients)
    w.mark_saved()
    w.close()


def test_a_window_closed_before_its_views_are_built_builds_no_more(qtbot):
    w = MainWindow(spiral_project())
    qtbot.addWidget(w)
    views = w.training.views
    w.resize(1400, 900)
    w.show()
    w.mark_saved()
    w.close()
    qtbot.wait(100)
    assert set(views._views) == AT_START
