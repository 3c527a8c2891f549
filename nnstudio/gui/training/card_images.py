"""Small square images drawn on the canvas cards while training.

For small networks on 2-D data each Dense card shows every neuron's output over the input plane as a grid
of tiles (TensorFlow Playground's signature view, here for any architecture); otherwise it shows the
layer's weights as a mini-heatmap (rows: inputs, columns: units; orange negative, blue positive).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from nnstudio.gui.plots import colors
from nnstudio.gui.plots.weights import kernel_matrix

from .snapshots import node_activation

SIZE = 64   # pixels; the card scales it to its overlay square


def _resample(a: np.ndarray, h: int, w: int) -> np.ndarray:
    """Nearest-neighbour resize of a 2-D array (keeps crisp cells for small weight matrices)."""
    rows = (np.arange(h) * a.shape[0] // h).clip(0, a.shape[0] - 1)
    cols = (np.arange(w) * a.shape[1] // w).clip(0, a.shape[1] - 1)
    return a[np.ix_(rows, cols)]


def weights_image(kernel: np.ndarray, size: int = SIZE) -> np.ndarray:
    rgba = colors.diverging(kernel_matrix(np.asarray(kernel, dtype=np.float64)))
    return _resample(rgba, size, size)


def neurons_image(tiles: np.ndarray, activation: str | None, size: int = SIZE) -> np.ndarray:
    """(units, r, r) neuron outputs over the plane -> a grid of tiles, y pointing up as in the plot. Each
    tile has its own colour scale (its largest distance from the activation's centre)."""
    units = len(tiles)
    cols = int(np.ceil(np.sqrt(units)))
    rows = int(np.ceil(units / cols))
    cell = max(size // max(cols, rows), 1)
    out = np.full((size, size, 4), 255, dtype=np.uint8)
    if not units:
        return out
    center = 0.5 if activation in ("sigmoid", "hard_sigmoid") else 0.0
    t = np.asarray(tiles, dtype=np.float64)[:, ::-1]
    v = np.where(np.isfinite(t), t, center) - center        # a diverged value shows as neutral
    scale = np.abs(v).reshape(units, -1).max(axis=1)
    scale[scale <= 0] = 1.0
    side = cell - 1 if cell > 2 else cell
    pick_r = (np.arange(side) * t.shape[1] // side).clip(0, t.shape[1] - 1)
    pick_c = (np.arange(side) * t.shape[2] // side).clip(0, t.shape[2] - 1)
    v = (v / scale[:, None, None])[:, pick_r][:, :, pick_c]   # nearest-neighbour resize of every tile at once
    rgba = colors.diverging(v, 1.0)
    for i in range(units):
        r, c = divmod(i, cols)
        out[r * cell:r * cell + side, c * cell:c * cell + side] = rgba[i]
    return out


def pixels(snapshot, spec: dict) -> dict[str, np.ndarray]:
    """RGBA arrays for every card with a kernel. Pure NumPy: the worker computes them, not the GUI."""
    nodes = {n["id"]: n for n in spec.get("nodes", [])}
    neurons = snapshot.neurons
    result = {}
    for nid, params in snapshot.weights.items():
        node = nodes.get(nid)
        if node is None or "kernel" not in params:
            continue
        if nid in neurons:
            result[nid] = neurons_image(neurons[nid], node_activation(node))
        else:
            result[nid] = weights_image(params["kernel"])
    return result


def overlays(snapshot, spec: dict) -> dict[str, QImage]:
    """One QImage per Dense/Conv card, from the snapshot's precomputed pixels when present."""
    arrays = snapshot.card_pixels
    if arrays is None:
        arrays = pixels(snapshot, spec)
    return {nid: colors.to_qimage(rgba) for nid, rgba in arrays.items()}
