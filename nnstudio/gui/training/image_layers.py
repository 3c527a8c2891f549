"""Which layers of a network look at a whole image, so their weights can be drawn as images (Qt-free).

A Dense layer reading the pixels (directly, or through layers that only rearrange them, as Flatten does) has
one weight per pixel and unit: each unit's column of the kernel, laid out as the image, shows what the unit
looks for. The image's size comes from the Input's shape, or for a flat table of ``pixel...`` columns (the
8x8 digits as 64 features) from the square of its width.
"""

from __future__ import annotations

import math

import numpy as np

from nnstudio.engine.spec import analyze


def image_shape(input_shape, feature_names=None) -> tuple[int, int, int] | None:
    """(height, width, channels) of samples that are images, else None."""
    shape = tuple(int(s) for s in input_shape or ())
    if len(shape) == 3:
        return shape
    if len(shape) == 2:
        return shape + (1,)
    if len(shape) == 1 and feature_names and all(str(n).lower().startswith("pixel") for n in feature_names):
        side = math.isqrt(shape[0])
        if side * side == shape[0] and side >= 4:
            return side, side, 1
    return None


def pixel_layers(spec: dict, feature_names=None) -> dict[str, tuple[int, int, int]]:
    """{node id: image shape} of the unit layers whose kernel has one row per input pixel."""
    try:
        analysis = analyze(spec)
    except Exception:          # an unfinished network: nothing to draw yet
        return {}
    shapes, inputs = analysis.shapes, analysis.inputs
    found = {}
    for nid, layer in analysis.layers.items():
        if not type(layer).UNIT_TILES or len(inputs.get(nid, ())) != 1:
            continue
        source = inputs[nid][0]
        pixels = _size(shapes.get(source))
        # back through single-input layers that keep every value in place (Flatten, Reshape, Dropout)
        while source != analysis.input_id and len(inputs.get(source, ())) == 1 \
                and not _is_unit_layer(analysis.layers.get(source)) \
                and _size(shapes.get(inputs[source][0])) == pixels:
            source = inputs[source][0]
        if source == analysis.input_id and pixels:
            img = image_shape(shapes.get(source), feature_names)
            if img is not None and int(np.prod(img)) == pixels:
                found[nid] = img
    return found


def _is_unit_layer(layer) -> bool:
    return layer is not None and (type(layer).UNIT_TILES or type(layer).IMAGE_FILTERS)


def _size(shape) -> int:
    return int(np.prod(shape)) if shape is not None else 0


def unit_images(kernel: np.ndarray, shape: tuple[int, int, int]) -> np.ndarray:
    """A Dense kernel (pixels, units) as (height, width, units) pictures (colour channels averaged)."""
    h, w, c = shape
    k = np.asarray(kernel, dtype=np.float64)
    return k.reshape(h, w, c, k.shape[-1]).mean(axis=2)


def unscaler(fitted: dict | None):
    """``X -> pixels`` undoing a per-column scaling (standard or min-max) recorded in a Preprocessor's
    ``fitted``; None when the inputs are shown as they are (images scaled as a whole keep their look)."""
    fitted = fitted or {}
    if "mean" in fitted:
        lo, width = np.asarray(fitted["mean"]), np.asarray(fitted["std"])
    elif "min" in fitted:
        lo = np.asarray(fitted["min"])
        width = np.asarray(fitted["max"]) - lo
    else:
        return None
    width = np.where(width > 0, width, 1.0)
    return lambda X: np.asarray(X, dtype=np.float64).reshape(len(X), -1) * width + lo
