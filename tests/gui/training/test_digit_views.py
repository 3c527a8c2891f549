"""Views a teacher asks for with digits, on the 8x8 digits samples (no MNIST needed): the gallery of
misclassified images, each class's accuracy beside the confusion matrix, an MLP's first-layer units as images."""

import numpy as np
import pytest

from nnstudio.gui.plots.digits import MistakesGallery, grey_tile
from nnstudio.gui.plots.prediction import ConfusionView
from nnstudio.gui.training.image_layers import image_shape, pixel_layers, unscaler
from nnstudio.gui.training.snapshots import Snapshot, mistakes_part
from nnstudio.paths import samples_dir
from nnstudio.project import load

PIXELS = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]

# sample -> (feature names the window passes, {layer: image shape} drawn as unit images)
PIXEL_LAYERS = {
    "digits_mlp": (PIXELS, {"h": (8, 8, 1)}),
    "mnist_two_layer": ([], {"h": (28, 28, 1)}),
    "digits_cnn": ([], {}),            # its Dense reads conv features, not pixels
    "mnist_cnn": ([], {}),
    "spiral": (["x1", "x2"], {}),
}


@pytest.mark.parametrize("sample", sorted(PIXEL_LAYERS))
def test_layers_reading_pixels(sample):
    names, expected = PIXEL_LAYERS[sample]
    assert pixel_layers(load(samples_dir() / f"{sample}.nnproj").spec, names) == expected


def test_image_shape_needs_images_or_a_square_of_pixel_columns():
    assert image_shape((28, 28, 1)) == (28, 28, 1)
    assert image_shape((64,), PIXELS) == (8, 8, 1)
    assert image_shape((64,), [f"f{i}" for i in range(64)]) is None
    assert image_shape((4,), ["pixel a", "pixel b", "pixel c", "pixel d"]) is None    # too small to be a picture


def test_mistakes_are_the_wrong_rows_most_confident_first():
    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.7, 0.3], [0.05, 0.95]])
    truth = np.array([0, 0, 0, 1, 1])
    pred = scores.argmax(1)
    X = np.arange(10, dtype=np.float64).reshape(5, 2)
    m = mistakes_part(X, truth, pred, scores, limit=2)
    assert list(m.rows) == [1, 3] and list(m.true) == [0, 1] and list(m.pred) == [1, 0]
    np.testing.assert_allclose(m.confidence, [0.8, 0.7])
    np.testing.assert_array_equal(m.X, X[[1, 3]])
    one_column = mistakes_part(X, truth, (scores[:, 1:] >= 0.5).astype(int)[:, 0], scores[:, 1:])
    np.testing.assert_allclose(one_column.confidence, [0.8, 0.7, 0.6])   # P(answer), also for P(class 1)


def test_unscaler_undoes_standard_and_minmax_scaling():
    X = np.array([[1.0, 5.0], [3.0, 9.0]])
    for fitted, scaled in (({"mean": [2.0, 7.0], "std": [1.0, 2.0]}, (X - [2, 7]) / [1, 2]),
                           ({"min": [1.0, 5.0], "max": [3.0, 5.0]}, (X - [1, 5]) / [2, 1])):
        np.testing.assert_allclose(unscaler(fitted)(scaled), X)
    assert unscaler({"image_min": 0.0, "image_max": 255.0}) is None


def test_grey_tile_draws_ink_dark_on_white():
    tile = grey_tile(np.array([[0.0, 1.0], [0.5, 1.0]]))
    assert tile.dtype == np.uint8 and tile[0, 0] == 255 and tile[0, 1] == 0


def test_the_gallery_and_per_class_accuracy_from_a_snapshot(qtbot):
    gallery = MistakesGallery()
    qtbot.addWidget(gallery)
    gallery.resize(400, 300)
    gallery.set_data((2, 2, 1), ["cat", "dog"])
    matrix = np.array([[3, 1], [2, 4]])
    mistakes = mistakes_part(np.arange(12.0).reshape(3, 4), np.array([0, 1, 1]), np.array([1, 0, 0]),
                             np.array([[0.3, 0.7], [0.9, 0.1], [0.6, 0.4]]))
    snap = Snapshot(prediction={"kind": "confusion", "matrix": matrix, "which": "validation",
                                "mistakes": mistakes})
    gallery.on_snapshot(snap)
    assert gallery.heading.startswith("3 of 10 validation images wrong")
    assert [c for c, _ in gallery.captions] == ["dog → cat", "cat → dog", "dog → cat"]
    assert [p for _, p in gallery.captions] == ["90%", "70%", "60%"]
    assert gallery.layout_tiles()[0] >= 1 and gallery.grab().width() == 400
    view = ConfusionView()
    qtbot.addWidget(view)
    view.set_classes(["cat", "dog"])
    view.on_prediction(snap.prediction)
    np.testing.assert_allclose(view.class_accuracy, [0.75, 4 / 6])
    header, rows = view.csv_table()
    assert header[-1] == "class accuracy" and rows[1][-1] == pytest.approx(4 / 6)


@pytest.mark.parametrize("sample, unit_layer", [("digits_mlp", "h"), ("digits_cnn", None)])
def test_after_training_the_window_shows_mistakes_and_unit_images(qtbot, make_window, sample, unit_layer):
    project = load(samples_dir() / f"{sample}.nnproj")
    w = make_window(project, (1280, 720))
    views, c = w.training.views, w.training.controller
    with qtbot.waitSignal(c.sessionFinished, timeout=60000):
        c.train(1)
    views.docks["MistakesDock"].raise_()
    qtbot.waitUntil(lambda: views.mistakes.updates > 0, timeout=5000)
    snap = views.last_snapshot
    m = snap.prediction["matrix"]
    assert views.mistakes.shape == (8, 8, 1)
    assert len(views.mistakes.tiles) == min(len(snap.prediction["mistakes"].rows), 40)
    assert views.mistakes.heading.startswith(f"{int(m.sum() - np.trace(m))} of {int(m.sum())} validation")
    filters = views.filters
    layers = [filters.combo.itemData(i) for i in range(filters.combo.count())]
    # the tab names what it shows: an MLP's units are not filters (in Chinese 卷积核, convolution kernels)
    assert views.docks["FiltersDock"].windowTitle() == ("Weight images" if unit_layer else "Filters")
    if unit_layer is not None:
        assert unit_layer in layers and filters.unit_shapes == {unit_layer: (8, 8, 1)}
        filters.select(unit_layer)
        views.docks["FiltersDock"].raise_()
        views.flush()
        assert "units as 8x8 images" in filters.view.plot_item.titleLabel.text
    else:
        assert filters.unit_shapes == {} and layers     # the conv filters, as before


@pytest.mark.parametrize("sample, title", [("digits_mlp", "权重图像"), ("digits_cnn", "卷积核")])
def test_the_filters_tab_is_named_for_the_network_in_chinese(qtbot, qapp, make_window, sample, title):
    from nnstudio.gui import language

    assert language.install(qapp, "zh_CN")
    try:
        w = make_window(load(samples_dir() / f"{sample}.nnproj"), (1280, 720))
        c = w.training.controller
        with qtbot.waitSignal(c.sessionFinished, timeout=60000):
            c.train(1)
        dock = w.training.views.docks["FiltersDock"]
        assert dock.isVisible() and dock.windowTitle() == title
        assert dock.toggleViewAction().text() == title        # View ▸ Panels says the same
    finally:
        language.install(qapp, "en")
