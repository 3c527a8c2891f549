"""The default dock layout with the training panels: the canvas is the largest area, the live views share tab
groups under it, and a window state saved by an older default layout is ignored once."""

from PySide6.QtCore import QByteArray, QSettings

from nnstudio.gui import settings

from .test_window import spiral_project


def _area(widget) -> int:
    return widget.width() * widget.height()


def test_canvas_is_the_largest_area_and_views_share_tabs(qtbot, make_window):  # noqa: F811
    w = make_window(spiral_project())
    w.resize(1400, 900)
    v = w.training.views.docks
    qtbot.waitUntil(lambda: w.canvas.width() > 800)
    docks = [d for d in w.docks.values() if d.isVisible()]
    assert all(_area(w.canvas) > _area(d) for d in docks)
    assert v["WeightsDock"] in w.tabifiedDockWidgets(v["LossDock"])
    assert w.docks["inspector_dock"] in w.tabifiedDockWidgets(w.training.docks.train_dock)
    assert w.docks["summary_dock"] in w.tabifiedDockWidgets(v["MetricDock"])
    # the three tab groups stand side by side, so loss, accuracy and predictions show at once
    w.training.show_all_views()
    qtbot.waitUntil(lambda: all(v[n].isVisible() for n in ("LossDock", "MetricDock", "PredictionDock")))
    lefts = sorted(v[n].geometry().left() for n in ("LossDock", "MetricDock", "PredictionDock"))
    assert lefts[0] < lefts[1] < lefts[2]


def test_fit_does_not_zoom_above_actual_size(qtbot, make_window):  # noqa: F811
    w = make_window(spiral_project())
    w.resize(1920, 1080)
    qtbot.waitUntil(lambda: w.canvas.width() > 1200)
    w.canvas.fit_all()
    assert w.canvas.zoom() <= 1.0


def test_a_state_saved_by_an_older_layout_is_ignored():
    s = QSettings()
    s.setValue("window/state", QByteArray(b"old"))
    s.setValue("window/layout_version", settings.LAYOUT_VERSION - 1)
    assert settings.saved_layout() is None
    s.remove("window/layout_version")
    assert settings.saved_layout() is None
    s.setValue("window/layout_version", settings.LAYOUT_VERSION)
    assert settings.saved_layout() == QByteArray(b"old")


def test_closing_saves_the_layout_with_its_version(qtbot, make_window):  # noqa: F811
    w = make_window(spiral_project())
    w.mark_saved()
    w.close()
    assert str(QSettings().value("window/layout_version")) == str(settings.LAYOUT_VERSION)
    assert settings.saved_layout() is not None


def test_at_1024x768_the_canvas_keeps_a_usable_share(qtbot, make_window):  # noqa: F811
    """The Training column is as narrow as its forms allow (the loss combo elides "auto:
    sparse_categorical_crossentropy" instead of widening the column) and the Lesson takes a fifth."""
    p = spiral_project()
    p.notes = "Notes for the Lesson panel."
    w = make_window(p, size=(1024, 768))
    qtbot.waitUntil(lambda: w.canvas.width() > 0.42 * w.width(), timeout=3000)
    panel = w.training.panel
    panel.set_context("multiclass", "softmax")
    full = "auto: sparse_categorical_crossentropy"
    assert panel.loss.currentText() == full and full in panel.loss.toolTip()
    assert panel.loss.width() < panel.loss.fontMetrics().horizontalAdvance(full)     # elided, not widened


def _cards_in_view(view) -> bool:
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    return all(visible.contains(c.sceneBoundingRect()) for c in view.canvas_scene.cards.values())


def test_a_window_resized_before_it_is_shown_fits_the_whole_network(qtbot, make_window):  # noqa: F811
    """With a dock layout saved by an earlier window (so the default layout's own fit does not run), a window
    built, resized to a projector's 1024x768 and shown (a script, a test; app.main fits after show) fits the
    network to the canvas it really has on its first show: no card runs past an edge."""
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    first = make_window(spiral_project())
    first.mark_saved()
    first.close()
    assert settings.saved_layout() is not None
    w = make_window(load(samples_dir() / "mnist_two_layer.nnproj"), size=(1024, 768))
    assert len(w.canvas.canvas_scene.cards) == 4
    qtbot.waitUntil(lambda: _cards_in_view(w.canvas))


def test_a_saved_layout_does_not_open_views_that_do_not_apply(qtbot, make_window):  # noqa: F811
    """A layout saved while an LSTM's Hidden state and Forecast tabs were open, restored for a network without
    a recurrent layer: those tabs stay closed until a session on a network they apply to opens them."""
    first = make_window(spiral_project())
    v = first.training.views.docks
    for name in ("HiddenStateDock", "ForecastDock"):
        v[name].show()
    v["HiddenStateDock"].raise_()
    first.mark_saved()
    first.close()
    w = make_window(spiral_project())
    v = w.training.views.docks
    assert not v["HiddenStateDock"].isVisible() and not v["ForecastDock"].isVisible()
    assert v["PredictionDock"].isVisible() and not v["PredictionDock"].visibleRegion().isEmpty()
