"""Colours shared by every view, so a class or a sign means the same colour everywhere.

Negative/positive (weights, a binary output below/above 0.5) use TensorFlow Playground's orange-white-blue;
classes use a colour-blind-friendly qualitative palette (Okabe-Ito order).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

NEGATIVE = np.array([245, 147, 34], dtype=np.float64)    # orange
NEUTRAL = np.array([240, 241, 242], dtype=np.float64)    # near white
POSITIVE = np.array([8, 119, 189], dtype=np.float64)     # blue
CLASS_COLORS = np.array([
    [245, 147, 34], [8, 119, 189], [0, 158, 115], [204, 121, 167], [213, 94, 0],
    [86, 180, 233], [230, 159, 0], [120, 94, 240], [0, 114, 178], [110, 110, 110],
], dtype=np.float64)
TRAIN_PEN = (8, 119, 189)
VAL_PEN = (213, 94, 0)


def class_color(k: int) -> QColor:
    r, g, b = CLASS_COLORS[k % len(CLASS_COLORS)]
    return QColor(int(r), int(g), int(b))


def value_scale(values) -> tuple[float, float]:
    """(centre, half-width) of a diverging scale for regression targets: their mean, and their largest
    distance from it (1 when they are all equal)."""
    v = np.asarray(values, dtype=np.float64).reshape(len(values), -1)[:, 0] if len(values) else np.zeros(0)
    center = finite_mean(v)
    spread = np.abs(v[np.isfinite(v)] - center)
    return center, float(spread.max()) if spread.size and spread.max() > 0 else 1.0


def point_colors(y, task: str, scale: tuple[float, float] | None = None) -> list[QColor]:
    """One colour per sample: its class's colour, or for regression its target on the diverging scale
    ``scale`` (centre, half-width; default the targets' own, ``value_scale``). ``y`` may be sparse labels
    (N,) / (N, 1), one-hot (N, K) or targets."""
    y = np.asarray(y)
    if task == "regression":
        values = y.astype(np.float64).reshape(len(y), -1)[:, 0]
        center, vmax = scale or value_scale(values)
        return [QColor(*(int(c) for c in rgba)) for rgba in diverging(values, vmax, center=center)]
    labels = np.argmax(y, axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(len(y)).astype(np.int64)
    return [class_color(int(k)) for k in labels]


def diverging(values: np.ndarray, vmax: float | None = None, center: float = 0.0) -> np.ndarray:
    """(…) values -> (…, 4) uint8 RGBA: orange below ``center``, white at it, blue above."""
    v = np.asarray(values, dtype=np.float64)
    v = np.where(np.isfinite(v), v, center) - center    # a diverged value shows as neutral, not as an error
    if not np.isfinite(center):
        v = np.zeros_like(v)
    if vmax is None:
        finite = np.abs(v[np.isfinite(v)])
        vmax = float(finite.max()) if finite.size else 1.0
    t = np.clip(np.nan_to_num(v / (vmax or 1.0)), -1.0, 1.0)[..., None]
    rgb = np.where(t < 0, NEUTRAL + (NEUTRAL - NEGATIVE) * t, NEUTRAL + (POSITIVE - NEUTRAL) * t)
    out = np.empty(v.shape + (4,), dtype=np.uint8)
    out[..., :3] = np.clip(rgb, 0, 255).astype(np.uint8)
    out[..., 3] = 255
    return out


def finite_mean(values) -> float:
    """Mean of the finite values (0 when there are none): a safe centre for a colour scale."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    return float(v.mean()) if v.size else 0.0


def class_mix(probs: np.ndarray, discretize: bool = False, fade: float = 0.75) -> np.ndarray:
    """(…, K) class probabilities -> (…, 4) RGBA: each class's colour weighted by its probability,
    washed towards white where the network is unsure; ``discretize`` paints the winning class flat."""
    p = np.clip(np.nan_to_num(np.asarray(probs, dtype=np.float64)), 0.0, 1.0)
    k = p.shape[-1]
    colors = CLASS_COLORS[np.arange(k) % len(CLASS_COLORS)]
    if discretize:
        rgb = colors[np.argmax(p, axis=-1)]
        rgb = NEUTRAL + (rgb - NEUTRAL) * fade
    else:
        total = p.sum(axis=-1, keepdims=True)
        p = p / np.where(total > 0, total, 1.0)
        rgb = p @ colors
        confidence = (p.max(axis=-1, keepdims=True) - 1.0 / k) / (1.0 - 1.0 / k)
        rgb = NEUTRAL + (rgb - NEUTRAL) * np.clip(confidence, 0, 1) * fade
    out = np.empty(p.shape[:-1] + (4,), dtype=np.uint8)
    out[..., :3] = np.clip(rgb, 0, 255).astype(np.uint8)
    out[..., 3] = 255
    return out


def to_qimage(rgba: np.ndarray) -> QImage:
    """(H, W, 4) uint8 -> a QImage that owns its pixels (safe after the array is gone)."""
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    h, w = rgba.shape[:2]
    return QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
