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
    """(units, r, r) neuron outputs over the plane -> a grid of tiles, y pointing up as in the plot."""
    units = len(tiles)
    cols = int(np.ceil(np.sqrt(units)))
    rows = int(np.ceil(units / cols))
    cell = max(size // max(cols, rows), 1)
    out = np.full((size, size, 4), 255, dtype=np.uint8)
    center = 0.5 if activation in ("sigmoid", "hard_sigmoid") else 0.0
    for i in range(units):
        r, c = divmod(i, cols)
        t = np.asarray(tiles[i], dtype=np.float64)[::-1]
        finite = np.abs(t[np.isfinite(t)] - center)
        rgba = colors.diverging(t, float(finite.max()) if finite.size and finite.max() > 0 else 1.0, center)
        y0, x0 = r * cell, c * cell
        tile = _resample(rgba, cell - 1 if cell > 2 else cell, cell - 1 if cell > 2 else cell)
        out[y0:y0 + tile.shape[0], x0:x0 + tile.shape[1]] = tile
    return out


def pixels(snapshot: dict, spec: dict) -> dict[str, np.ndarray]:
    """RGBA arrays for every card with a kernel. Pure NumPy: the worker computes them, not the GUI."""
    nodes = {n["id"]: n for n in spec.get("nodes", [])}
    neurons = snapshot.get("neurons") or {}
    result = {}
    for nid, params in (snapshot.get("weights") or {}).items():
        node = nodes.get(nid)
        if node is None or "kernel" not in params:
            continue
        if nid in neurons:
            result[nid] = neurons_image(neurons[nid], node_activation(node))
        else:
            result[nid] = weights_image(params["kernel"])
    return result


def overlays(snapshot: dict, spec: dict) -> dict[str, QImage]:
    """One QImage per Dense/Conv card, from the snapshot's precomputed pixels when present."""
    arrays = snapshot.get("card_pixels")
    if arrays is None:
        arrays = pixels(snapshot, spec)
    return {nid: colors.to_qimage(rgba) for nid, rgba in arrays.items()}
