"""A drawn digit becomes the input a digit network saw while it learned."""

import numpy as np
import pytest

from nnstudio.data.drawing import DIGIT_FORMATS, resample, thicken, to_digit_input


def _stroke(h=280, w=280):
    ink = np.zeros((h, w))
    ink[40:240, 120:150] = 1.0  # a tall "1", off-centre to the left and top
    return ink


def test_resample_keeps_mean_ink():
    rng = np.random.default_rng(0)
    image = rng.random((37, 23))
    small = resample(image, 8, 5)
    assert small.shape == (8, 5)
    assert small.mean() == pytest.approx(image.mean())


def test_mnist_format_centres_the_mass_in_a_20_pixel_box():
    out = to_digit_input(_stroke(), DIGIT_FORMATS["mnist"])
    assert out.shape == (28, 28) and out.max() == pytest.approx(255.0) and out.min() == 0.0
    rows, cols = np.nonzero(out > 0)
    assert rows.max() - rows.min() + 1 == 20  # the tall side fills the box
    mass = out.sum()
    cy = out.sum(axis=1) @ np.arange(28) / mass
    cx = out.sum(axis=0) @ np.arange(28) / mass
    assert abs(cy - 13.5) <= 0.5 and abs(cx - 13.5) <= 0.5


def test_digits_format_fills_the_8x8_box_up_to_16():
    out = to_digit_input(_stroke(), DIGIT_FORMATS["digits"])
    assert out.shape == (8, 8) and out.max() == pytest.approx(16.0)
    rows, _ = np.nonzero(out > 0)
    assert rows.min() == 0 and rows.max() == 7


def test_an_empty_drawing_is_an_empty_image():
    assert not to_digit_input(np.zeros((50, 50)), DIGIT_FORMATS["mnist"]).any()


def _ring(h=200, w=220, width=12):
    """A wide "0": a rectangle's outline, ``width`` pixels thick, in a 280 x 280 drawing."""
    ink = np.zeros((280, 280))
    top, left = (280 - h) // 2, (280 - w) // 2
    ink[top:top + h, left:left + w] = 1.0
    ink[top + width:top + h - width, left + width:left + w - width] = 0.0
    return ink


def test_a_wide_digit_spans_the_8x8_height_and_at_most_six_columns_as_the_training_digits_do():
    out = to_digit_input(_ring(), DIGIT_FORMATS["digits"])
    rows, cols = np.nonzero(out > 0)
    assert rows.min() == 0 and rows.max() == 7
    assert cols.max() - cols.min() + 1 == 6 and cols.min() == 1          # centred, columns 1-6
    mnist = to_digit_input(_ring(), DIGIT_FORMATS["mnist"])              # MNIST keeps the aspect ratio
    _rows, cols = np.nonzero(mnist > 0)
    assert cols.max() - cols.min() + 1 == 20


def test_thicken_grows_each_stroke_by_the_radius_on_every_side():
    ink = np.zeros((5, 5))
    ink[2, 2] = 0.7
    grown = thicken(ink, 2)
    assert grown.shape == (9, 9)                      # room for the growth at the edges
    assert np.count_nonzero(grown == 0.7) == 25 and grown.sum() == pytest.approx(25 * 0.7)
    assert thicken(ink, 0) is ink


def _diagonal(pen):
    ink = np.zeros((280, 280))
    for y in range(40, 240):
        x = 200 - (y - 40) * 0.5
        ink[y, int(x - pen / 2):int(x + pen / 2) + 1] = 1.0
    return ink


def test_a_thin_stroke_is_drawn_as_wide_as_the_8x8_digits_strokes():
    fmt = DIGIT_FORMATS["digits"]
    as_drawn = to_digit_input(_diagonal(6), fmt)
    thickened = to_digit_input(_diagonal(6), fmt, pen=6)
    ink_per_row = lambda image: (image[2:6] / fmt.value_max).sum(axis=1).mean()  # noqa: E731
    assert ink_per_row(thickened) > 1.5 * ink_per_row(as_drawn)
    assert ink_per_row(thickened) < 3.0
    # a pen already that wide is left as it is
    wide = fmt.stroke * 200 / fmt.box                  # the diagonal is 200 pixels tall
    assert np.array_equal(to_digit_input(_diagonal(wide), fmt, pen=wide), to_digit_input(_diagonal(wide), fmt))
