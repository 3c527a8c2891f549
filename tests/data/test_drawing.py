"""A drawn digit becomes the input a digit network saw while it learned."""

import functools

import numpy as np
import pytest

from nnstudio.data.drawing import DIGIT_FORMATS, thicken, to_digit_input


def _stroke(h=280, w=280):
    ink = np.zeros((h, w))
    ink[40:240, 120:150] = 1.0  # a tall "1", off-centre to the left and top
    return ink


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


PEN = 22  # the drawing pad's pen on its 280-pixel surface


def _pen_strokes(*strokes, size=280, pen=PEN):
    """Polylines drawn with a round pen ``pen`` pixels wide, antialiased over a pixel, as the pad draws them."""
    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    ink = np.zeros((size, size))
    for stroke in strokes:
        for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
            dx, dy = x1 - x0, y1 - y0
            t = np.clip(((xx - x0) * dx + (yy - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0.0, 1.0)
            ink = np.maximum(ink, np.clip(pen / 2 + 0.5 - np.hypot(xx - x0 - t * dx, yy - y0 - t * dy), 0.0, 1.0))
    return ink


def _columns(image):
    """First and last column with ink, the ink's mean column and its spread (standard deviation), and the ink
    per row in full pixels, of an 8x8 digit (pixels 0-16)."""
    per_column = image.sum(axis=0)
    lit = np.nonzero(per_column)[0]
    p = per_column / per_column.sum()
    centre = p @ np.arange(8)
    spread = np.sqrt(p @ (np.arange(8) - centre) ** 2)
    return {"first": lit.min(), "last": lit.max(), "centre": centre, "spread": spread, "ink": image.sum() / 16 / 8}


@functools.lru_cache
def _typical(digit):
    """The 5th and 95th percentiles of ``_columns`` over the bundled 8x8 digits of that class."""
    from nnstudio.data import load_builtin
    ds = load_builtin("digits", as_images=True)
    stats = [_columns(im[:, :, 0]) for im in ds.X[np.asarray(ds.y).astype(int) == digit]]
    return {key: np.percentile([s[key] for s in stats], [5, 95]) for key in stats[0]}


ONES = {  # a "1" as students draw it with the mouse, about 190 pixels tall
    "vertical": [[(140, 45), (140, 235)]],
    "slanted": [[(165, 45), (120, 235)]],
    "with a flag": [[(105, 85), (145, 45), (145, 235)]],
    "with a base": [[(145, 45), (145, 235)], [(115, 235), (175, 235)]],
}


@pytest.mark.parametrize("how", ONES)
def test_a_drawn_one_is_as_wide_and_as_inked_as_the_8x8_sets_ones(how):
    """scikit-learn's 1s are bars about 2.4 columns wide (their ink from column 1-2 to column 5-7, 1.9-3.1 full
    pixels per row); a drawn 1 became one column, 1 pixel per row, and the MLP read it as a 4."""
    typical = _typical(1)
    drawn = _columns(to_digit_input(_pen_strokes(*ONES[how]), DIGIT_FORMATS["digits"], pen=PEN))
    for key in ("first", "last", "spread", "ink"):
        lo, hi = typical[key]
        assert lo <= drawn[key] <= hi, (key, drawn[key], (lo, hi))
    if how != "with a flag":                     # the flag pulls the ink's centre to its side
        assert typical["centre"][0] <= drawn["centre"] <= typical["centre"][1]


def test_a_drawn_zero_sits_in_the_8x8_sets_columns():
    """Wide digits were placed half a column left of the centre (columns 1-5 of 0-7), where the set's 0s have
    their ink centred in columns 1-6."""
    angles = np.linspace(0.0, 2 * np.pi, 60)
    zero = _pen_strokes([(140 + 60 * np.cos(a), 140 - 95 * np.sin(a)) for a in angles])
    typical = _typical(0)
    drawn = _columns(to_digit_input(zero, DIGIT_FORMATS["digits"], pen=PEN))
    for key in typical:
        lo, hi = typical[key]
        assert lo <= drawn[key] <= hi, (key, drawn[key], (lo, hi))


@pytest.mark.parametrize("height", [190, 260])
def test_a_drawn_stroke_is_as_wide_as_mnists_strokes(height):
    """MNIST's strokes are 2-3 pixels wide; the pad's pen came out 1.6-2 pixels, rounded to 2 whole pixels."""
    ink = _pen_strokes([(140, 140 - height / 2), (140, 140 + height / 2)])
    image = to_digit_input(ink, DIGIT_FORMATS["mnist"], pen=PEN) / 255.0
    per_row = image[8:20].sum(axis=1)             # rows through the middle of the stroke
    assert 2.2 <= per_row.mean() <= 2.8 and np.ptp(per_row) < 1e-9
    mass = image.sum()
    assert abs(image.sum(axis=0) @ np.arange(28) / mass - 13.5) <= 0.5   # still centred by its mass
