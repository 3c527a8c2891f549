"""Whether trained weights still fit the network a spec describes, node by node.

A project's weights are per node: a node either has all its arrays, with the shapes the spec gives it, or
none (it starts from fresh initial values). Load and save both check this, so a file nnstudio writes is one it
opens; ``WeightKeeper`` keeps a live project true to it while the network is edited.

A node whose shapes cannot be inferred yet (a half-wired graph, a parameter being typed) keeps its arrays
unchecked: they are judged again once the graph tells what they should be.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from nnstudio.engine.spec import Analysis, analyze

from .errors import ProjectError
from ..i18n import N_, _

Weights = dict[str, dict[str, np.ndarray]]
DTYPE = np.float32  # what Network.from_config builds by default, and what training records


def expected_shapes(analysis: Analysis) -> dict[str, dict[str, tuple] | None]:
    """{node_id: {param: shape}} for every node of the spec; None where the shapes are not known yet."""
    out: dict[str, dict[str, tuple] | None] = {}
    for nid, inputs in analysis.inputs.items():
        layer = analysis.layers.get(nid)
        in_shapes = [analysis.shapes.get(p) for p in inputs]
        if layer is None or None in in_shapes or analysis.shapes.get(nid) is None:
            out[nid] = None
            continue
        out[nid] = {name: tuple(shape) for name, (shape, _trainable) in layer.weight_shapes(in_shapes).items()}
    return out


class Misfit(NamedTuple):
    """Why a node's arrays do not fit: ``kind`` is "extra" (an array the network lacks), "missing" or
    "shape" (then ``shape`` is the array's and ``need`` the network's)."""
    kind: str
    node: str
    param: str
    shape: tuple = ()
    need: tuple = ()


# (verb, misfit kind) -> the whole sentence
_SENTENCES = {
    ("open", "extra"): N_("Cannot open {label}: weights.npz holds {node}/{param}, which the network does not have."),
    ("open", "missing"): N_("Cannot open {label}: weights.npz lacks {node}/{param}."),
    ("open", "shape"): N_("Cannot open {label}: the weight {node}/{param} has shape {shape}, but the network needs "
                          "{need}."),
    ("save", "extra"): N_("Cannot save {label}: weights.npz holds {node}/{param}, which the network does not have."),
    ("save", "missing"): N_("Cannot save {label}: weights.npz lacks {node}/{param}."),
    ("save", "shape"): N_("Cannot save {label}: the weight {node}/{param} has shape {shape}, but the network needs "
                          "{need}."),
}


def problem(node_id: str, params: dict, expected: dict[str, dict[str, tuple] | None]) -> Misfit | None:
    """Why ``node_id``'s arrays do not fit, or None when they do (or cannot be judged yet)."""
    if node_id not in expected:
        return Misfit("extra", node_id, next(iter(params), ""))
    want = expected[node_id]
    if want is None:
        return None
    for param, arr in params.items():
        if param not in want:
            return Misfit("extra", node_id, param)
        if tuple(np.shape(arr)) != want[param]:
            return Misfit("shape", node_id, param, tuple(np.shape(arr)), want[param])
    for param in want:
        if param not in params:
            return Misfit("missing", node_id, param)
    return None


def unfitting(weights: Weights, analysis: Analysis) -> list[str]:
    """The nodes whose arrays no longer fit the analysed spec."""
    expected = expected_shapes(analysis)
    return [nid for nid, params in weights.items() if problem(nid, params, expected) is not None]


def checked(weights: Weights, spec: dict, label: str, path: Path | None, verb: str) -> Weights:
    """``weights`` cast to the network's dtype after checking each node fits ``spec``; else ProjectError
    ("Cannot <verb> <label>: the weight h/kernel has shape ..."); ``verb`` is "open" or "save"."""
    expected = expected_shapes(analyze(spec))
    for nid, params in weights.items():
        if params and (why := problem(nid, params, expected)):
            raise ProjectError(_(_SENTENCES[verb, why.kind]).format(label=label, **why._asdict()), path)
    return {nid: {param: np.asarray(arr, dtype=DTYPE) for param, arr in params.items()}
            for nid, params in weights.items() if params}


class WeightKeeper:
    """Keeps a live project's weights fitting its spec as the network is edited.

    After each structural edit ``follow`` sets aside the arrays of the nodes that no longer fit (the layers
    whose shapes changed, removed layers) and puts back set-aside arrays that fit again, so undoing the edit
    restores the trained weights too. Set-aside arrays belong to one training: once training records new
    weights (a new dict on the project) or another project is opened, they are forgotten.
    """

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self._aside: Weights = {}
        self._weights: Weights | None = None   # the dict the set-aside arrays were taken from
        self._state: dict | None = None        # its resume state, while arrays are set aside

    def put_back(self, project) -> None:
        """Undo every setting aside at once (the trained weights and optimizer state as training left them,
        for keeping that run before a new one starts), then forget."""
        if project.weights is not None and project.weights is self._weights and self._aside:
            project.weights = {**project.weights, **self._aside}   # a new dict: an undo step may hold the old
            project.resume_state = self._state
        self.forget()

    def follow(self, project, analysis: Analysis) -> list[str]:
        """Drop what no longer fits, restore what fits again; returns the node ids dropped."""
        weights = project.weights
        if weights is None:
            self.forget()
            return []
        if weights is not self._weights:
            self.forget()
            self._weights = weights
        expected = expected_shapes(analysis)
        dropped = [nid for nid, params in weights.items() if problem(nid, params, expected) is not None]
        back = [nid for nid, params in self._aside.items()
                if nid not in weights and nid not in dropped and expected.get(nid) is not None
                and problem(nid, params, expected) is None]
        if not self._aside and dropped:
            self._state = project.resume_state
        for nid in back:
            weights[nid] = self._aside.pop(nid)
        for nid in dropped:
            self._aside[nid] = weights.pop(nid)
        if dropped or back:
            # where the optimizer stopped belongs to the whole old network (L-BFGS keeps one flat history):
            # while layers are set aside the next run starts the optimizer afresh; all back, it continues
            project.resume_state = None if self._aside else self._state
        return dropped
