"""The data scaling a project was trained with, carried into its export.

nnstudio trains on scaled inputs (``Preprocessor``: x' = (x - shift) / scale per feature) and, for regression
with target scaling, scaled targets. An exported model fed raw data must give the same answers, so
``bake`` folds the scaling into the weights wherever that is exact: the input step into every Dense layer that
reads the Input directly (W' = W / scale, b' = b - (shift / scale) W), the target step into a linear Dense
output (W' = W * y_std, b' = b * y_std + y_mean). What cannot be folded (a convolution reading images, whose
zero padding would no longer mean the scaled zero; a non-linear output) is returned and written beside the
model as ``<model>.scaling.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from nnstudio.engine.spec import analyze

Weights = dict[str, dict[str, np.ndarray]]


@dataclass
class Scaling:
    """x_scaled = (x - shift) / scale; outputs in original units = out * y_std + y_mean."""
    shift: np.ndarray | None = None
    scale: np.ndarray | None = None
    y_mean: float | None = None
    y_std: float | None = None

    @property
    def empty(self) -> bool:
        return self.shift is None and self.y_mean is None

    def to_json(self) -> dict:
        out: dict[str, Any] = {}
        if self.shift is not None:
            out["inputs"] = {"formula": "x_scaled = (x - shift) / scale, per feature",
                             "shift": np.asarray(self.shift).tolist(), "scale": np.asarray(self.scale).tolist()}
        if self.y_mean is not None:
            out["outputs"] = {"formula": "y = output * y_std + y_mean", "y_mean": self.y_mean,
                              "y_std": self.y_std}
        return out

    def describe(self) -> str:
        """One line for a status bar or the CLI."""
        parts = []
        if self.shift is not None:
            parts.append("scale the inputs as x' = (x - shift) / scale")
        if self.y_mean is not None:
            parts.append("turn outputs into the target's units as y = output * y_std + y_mean")
        return "; ".join(parts)


def _range(r: Any) -> np.ndarray:
    r = np.asarray(r, dtype=np.float64)
    return np.where(r > 0, r, 1.0)   # as Preprocessor: a constant column stays at 0


def from_preprocessing(config: Mapping | None) -> Scaling:
    """The scaling a fitted preprocessor applies, from its ``Preprocessor.to_config()`` (the project keeps it
    as ``data["preprocessing"]["fitted"]``); empty when there is none."""
    f = dict((config or {}).get("fitted") or {})
    if not (config or {}).get("image_scale", True):
        f.pop("image_min", None)
    s = Scaling()
    if "mean" in f:
        s.shift, s.scale = np.asarray(f["mean"], np.float64), _range(f["std"])
    elif "min" in f:
        lo = np.asarray(f["min"], np.float64)
        s.shift, s.scale = lo, _range(np.asarray(f["max"], np.float64) - lo)
    elif "image_min" in f:
        s.shift = np.asarray(f["image_min"], np.float64)
        s.scale = _range(float(f["image_max"]) - float(f["image_min"]))
    if f.get("y_mean") is not None:
        s.y_mean, s.y_std = float(f["y_mean"]), float(_range(f.get("y_std", 1.0)))
    return s


def bake(spec: Mapping, weights: Mapping, scaling: Scaling) -> tuple[Weights, Scaling]:
    """Weights that take raw inputs and give outputs in the target's units, and what could not be folded."""
    out: Weights = {nid: dict(params) for nid, params in weights.items()}
    left = Scaling()
    if scaling.empty:
        return out, left
    a = analyze(spec)
    if scaling.shift is not None:
        readers = [nid for nid, ins in a.inputs.items() if a.input_id in ins]
        flat = a.input_id is not None and len(a.shapes.get(a.input_id) or ()) == 1
        if flat and readers and all(r in a.layers and a.layers[r].TYPE == "Dense" and r in out for r in readers):
            for r in readers:
                k, b = out[r]["kernel"].astype(np.float64), out[r]["bias"].astype(np.float64)
                shift = np.broadcast_to(scaling.shift, (k.shape[0],))
                scale = np.broadcast_to(scaling.scale, (k.shape[0],))
                kernel = k / scale[:, None]
                out[r] = {**out[r], "kernel": kernel.astype(np.float32),
                          "bias": (b - shift @ kernel).astype(np.float32)}
        else:
            left.shift, left.scale = scaling.shift, scaling.scale
    if scaling.y_mean is not None:
        last = a.output_id
        layer = a.layers.get(last)
        if layer is not None and layer.TYPE == "Dense" and layer.activation.name == "linear" and last in out:
            k, b = out[last]["kernel"].astype(np.float64), out[last]["bias"].astype(np.float64)
            out[last] = {**out[last], "kernel": (k * scaling.y_std).astype(np.float32),
                         "bias": (b * scaling.y_std + scaling.y_mean).astype(np.float32)}
        else:
            left.y_mean, left.y_std = scaling.y_mean, scaling.y_std
    return out, left


def write_beside(main: Path, left: Scaling) -> Path:
    """``<main>.scaling.json`` holding the scaling the exported model still needs applied around it."""
    from nnstudio.atomic import write_atomic

    path = main.with_name(main.name + ".scaling.json")
    text = json.dumps(left.to_json(), indent=1)
    write_atomic(path, lambda f: f.write(text.encode("utf-8")))
    return path
