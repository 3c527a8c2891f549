"""A digit drawn by hand, turned into the input a digit network was trained on (Qt-free).

MNIST's digits were size-normalised to fit a 20x20 box (keeping their aspect ratio) and placed in a 28x28
image so that their centre of mass sits at the centre; pixels 0-255, strokes about 2-3 pixels wide.
scikit-learn's 8x8 digits (pixels 0-16) all span the image's whole height; their width is not their drawn
width: a "1" is widened to a bar about 2.4 columns wide (ink spread over columns 1-7, 2.45 full pixels of ink
per row, as in every other class), while round digits keep their ink mostly within columns 1-6, centred.
``to_digit_input`` does the same to a drawing (for the 8x8 digits, width/height becomes its square root, at
most 4.8 columns, placed at the centre), so the network sees a drawn digit the way it saw the digits it
learned from: a "1" left one column wide was a shape no training digit has, and the MLP read it as a 4.
benchmarks/drawing_pad.py measures what the digits samples read from drawings made with the pad's pen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


@dataclass(frozen=True)
class DigitFormat:
    size: int         # the image is size x size
    box: int          # the digit is scaled to fit box x box inside it
    value_max: float  # ink at full strength
    centre_of_mass: bool
    max_width: float | None = None  # set: the digit fills the box's height, at most this wide (in pixels)
    aspect: float = 1.0             # with max_width: width/height becomes (width/height) ** aspect (below 1:
                                    # narrow digits widened, as the 8x8 set's 1s were)
    stroke: float | None = None     # set: strokes thickened to about this width in the image's pixels


# keyed by built-in data set name: which data a drawing can be fed to
DIGIT_FORMATS = {
    "digits": DigitFormat(8, 8, 16.0, False, max_width=4.8, aspect=0.5, stroke=1.2),
    "mnist": DigitFormat(28, 20, 255.0, True, stroke=2.5),
}


def _area_matrix(n_in: int, n_out: int, start: float = 0.0, stop: float | None = None) -> np.ndarray:
    """(n_out, n_in) weights laying the input's cells evenly over [start, stop] of the output's (default: all
    of them); each output cell gets the ink of what it covers, per unit of its area (area resampling)."""
    stop = float(n_out) if stop is None else stop
    edges = np.linspace(start, stop, n_in + 1)
    lo, hi = edges[None, :-1], edges[None, 1:]
    cells = np.arange(n_out)[:, None]
    return np.clip(np.minimum(hi, cells + 1) - np.maximum(lo, cells), 0.0, None)


def thicken(ink: np.ndarray, radius: int) -> np.ndarray:
    """``ink`` with every stroke grown by ``radius`` pixels on each side (the largest value within a square
    of side 2 radius + 1), padded so nothing is cut at the edges."""
    if radius < 1:
        return ink
    side = 2 * radius + 1
    grown = np.pad(ink, 2 * radius)
    grown = sliding_window_view(grown, side, axis=0).max(axis=-1)
    return sliding_window_view(grown, side, axis=1).max(axis=-1)


def _centre_mass(image: np.ndarray) -> np.ndarray:
    """``image`` shifted by whole pixels so that its centre of mass is nearest the centre, keeping all ink."""
    size = image.shape[0]
    rows, cols = np.nonzero(image)
    mass = image.sum()
    shift = []
    for axis, lo, hi in ((1, rows.min(), rows.max()), (0, cols.min(), cols.max())):
        centre = image.sum(axis=axis) @ np.arange(size) / mass
        shift.append(int(np.clip(round((size - 1) / 2 - centre), -lo, size - 1 - hi)))
    return np.roll(image, shift, axis=(0, 1))


def to_digit_input(ink: np.ndarray, fmt: DigitFormat, pen: float = 0.0) -> np.ndarray:
    """A drawing (H, W) with ink in 0..1 as a (size, size) image in the format's value range. ``pen``: the
    width of the drawing's strokes in its pixels (0: unknown, strokes kept as drawn).

    An empty drawing gives an empty image.
    """
    ink = np.clip(np.asarray(ink, dtype=np.float64), 0.0, 1.0)
    out = np.zeros((fmt.size, fmt.size))
    rows, cols = np.nonzero(ink > 0.05)
    if rows.size == 0:
        return out
    crop = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    if fmt.stroke and pen > 0:
        scale = fmt.box / (crop.shape[0] if fmt.max_width is not None else max(crop.shape))
        crop = thicken(crop, round((fmt.stroke / scale - pen) / 2))
    h, w = crop.shape
    if fmt.max_width is None:
        scale = fmt.box / max(h, w)
        height, width = h * scale, w * scale
    else:
        height, width = fmt.box, min(fmt.box * (w / h) ** fmt.aspect, fmt.max_width)
    # placed at fractional positions and sizes: a stroke 2.5 pixels wide is not rounded to 2 or 3, a "1" three
    # columns wide not to one or four
    top, left = (fmt.size - height) / 2, (fmt.size - width) / 2
    out = _area_matrix(h, fmt.size, top, top + height) @ crop @ _area_matrix(w, fmt.size, left, left + width).T
    out /= max(float(out.max()), 1e-12)  # thin strokes thin out when shrunk: full strength at the core
    if fmt.centre_of_mass:
        out = _centre_mass(out)
    return out * fmt.value_max
