"""A digit drawn by hand, turned into the input a digit network was trained on (Qt-free).

MNIST's digits were size-normalised to fit a 20x20 box (keeping their aspect ratio) and placed in a 28x28
image so that their centre of mass sits at the centre; pixels 0-255. scikit-learn's 8x8 digits fill most of
their 8x8 box; pixels 0-16. ``to_digit_input`` does the same to a drawing, so the network sees a drawn digit
the way it saw the digits it learned from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DigitFormat:
    size: int         # the image is size x size
    box: int          # the digit is scaled to fit box x box inside it
    value_max: float  # ink at full strength
    centre_of_mass: bool


# keyed by built-in data set name: which data a drawing can be fed to
DIGIT_FORMATS = {
    "digits": DigitFormat(8, 8, 16.0, False),
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


def to_digit_input(ink: np.ndarray, fmt: DigitFormat) -> np.ndarray:
    """A drawing (H, W) with ink in 0..1 as a (size, size) image in the format's value range.

    An empty drawing gives an empty image.
    """
    ink = np.clip(np.asarray(ink, dtype=np.float64), 0.0, 1.0)
    out = np.zeros((fmt.size, fmt.size))
    rows, cols = np.nonzero(ink > 0.05)
    if rows.size == 0:
        return out
    crop = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    h, w = crop.shape
    scale = fmt.box / max(h, w)
    th, tw = max(1, round(h * scale)), max(1, round(w * scale))
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
