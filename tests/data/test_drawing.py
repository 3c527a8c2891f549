"""A drawn digit becomes the input a digit network saw while it learned."""

import numpy as np
import pytest

from nnstudio.data.drawing import DIGIT_FORMATS, resample, to_digit_input


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
