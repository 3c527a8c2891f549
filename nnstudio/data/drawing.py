"""A digit drawn by hand, turned into the input a digit network was trained on (Qt-free).

MNIST's digits were size-normalised to fit a 20x20 box (keeping their aspect ratio) and placed in a 28x28
image so that their centre of mass sits at the centre; pixels 0-255. scikit-learn's 8x8 digits all span the
image's whole height and 2-7 of its columns (5.6 on average, more than 6 in 41 of 1,797), with strokes more
than a pixel wide; pixels 0-16. ``to_digit_input`` does the same to a drawing, so the network sees a drawn
digit the way it saw the digits it learned from: drawn thin or wide, an 8x8 digit put ink where the training
digits never have any, and a network reading each pixel (an MLP on standardized pixels) took a 7 for a 3.
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
    max_width: int | None = None   # set: the digit fills the box's height, squeezed to at most this width
    stroke: float | None = None    # set: strokes thickened to about this width in the image's pixels


# keyed by built-in data set name: which data a drawing can be fed to
DIGIT_FORMATS = {
    "digits": DigitFormat(8, 8, 16.0, False, max_width=6, stroke=1.2),
    "mnist": DigitFormat(28, 20, 255.0, True),
}


def _area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) weights that average each output cell over the input span it covers (area resampling)."""
    edges = np.linspace(0.0, n_in, n_out + 1)
    lo, hi = edges[:-1, None], edges[1:, None]
    cells = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(hi, cells + 1) - np.maximum(lo, cells), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def resample(image: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """``image`` (H, W) averaged down (or spread up) to (rows, cols), keeping the total ink per area."""
    return _area_matrix(image.shape[0], rows) @ image @ _area_matrix(image.shape[1], cols).T


def thicken(ink: np.ndarray, radius: int) -> np.ndarray:
    """``ink`` with every stroke grown by ``radius`` pixels on each side (the largest value within a square
    of side 2 radius + 1), padded so nothing is cut at the edges."""
    if radius < 1:
        return ink
    side = 2 * radius + 1
    grown = np.pad(ink, 2 * radius)
    grown = sliding_window_view(grown, side, axis=0).max(axis=-1)
    return sliding_window_view(grown, side, axis=1).max(axis=-1)


def _scaled_size(h: int, w: int, fmt: DigitFormat) -> tuple[float, int, int]:
    """(scale, rows, columns) of a digit h x w once fitted to the format's box."""
    if fmt.max_width is None:
        scale = fmt.box / max(h, w)
        return scale, max(1, round(h * scale)), max(1, round(w * scale))
    scale = fmt.box / h
    return scale, fmt.box, int(np.clip(round(w * scale), 1, fmt.max_width))


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
    scale, th, tw = _scaled_size(*crop.shape, fmt)
    if fmt.stroke and pen > 0:
        crop = thicken(crop, round((fmt.stroke / scale - pen) / 2))
        scale, th, tw = _scaled_size(*crop.shape, fmt)
    digit = resample(crop, th, tw)
    digit /= max(float(digit.max()), 1e-12)  # thin strokes thin out when shrunk: full strength at the core
    top, left = (fmt.size - th) // 2, (fmt.size - tw) // 2
    if fmt.centre_of_mass:
        mass = digit.sum()
        cy = (digit.sum(axis=1) @ np.arange(th)) / mass
        cx = (digit.sum(axis=0) @ np.arange(tw)) / mass
        top = int(np.clip(round((fmt.size - 1) / 2 - cy), 0, fmt.size - th))
        left = int(np.clip(round((fmt.size - 1) / 2 - cx), 0, fmt.size - tw))
    out[top:top + th, left:left + tw] = digit
    return out * fmt.value_max
