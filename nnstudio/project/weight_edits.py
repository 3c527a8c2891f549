"""Weights edited by hand: what a layer's arrays are now, and the project's weights with one of them changed.

A project's weights (``project.weights``, ``{node_id: {param: ndarray}}``, None when untrained) hold only the
nodes training or an edit has set; every other node starts from the initial values ``Network.from_config(spec,
seed=training seed)`` draws, as ``runner.prepare`` builds them. So the arrays shown for editing are the saved
ones where there are any, else those initial values: exactly what the next training or prediction starts from.

An edit never changes an array in place: it returns a new weights dict (the other nodes' arrays shared), so
whoever holds the old dict (an undo step, a prepared network's record of which weights it holds) keeps it.
"""

from __future__ import annotations

import json
import math

import numpy as np

from nnstudio.engine import Network
from nnstudio.engine.errors import SpecError
from nnstudio.engine.spec import Analysis
from nnstudio.i18n import _

from .fit import DTYPE, Weights


class WeightInputError(ValueError):
    """Text typed for a weight that is not a finite number (the message is the sentence to show)."""


def parse_weight(text: str) -> float:
    """The number typed into a weight's cell; text, nan and inf are refused with a sentence."""
    cleaned = text.strip().replace("−", "-")   # the minus sign a copied formula brings
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")      # a decimal comma, as many keyboards type it
    try:
        value = float(cleaned)
    except ValueError:
        raise WeightInputError(_("'{text}' is not a number: type a weight such as 0.5 or -1.5.")
                               .format(text=text.strip())) from None
    if not math.isfinite(value):
        raise WeightInputError(_("A weight must be a finite number, not '{text}'.").format(text=text.strip()))
    if abs(value) > float(np.finfo(DTYPE).max):
        raise WeightInputError(_("{text} is too large for a weight (at most about 3.4e38).").format(text=text.strip()))
    return value


class InitialWeights:
    """The initial arrays of a spec's nodes at a seed, built once per (network, seed) and reused."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._weights: Weights = {}

    def of(self, spec: dict, seed: int) -> Weights:
        """Raises SpecError when the spec cannot be built."""
        view = {"nodes": [{k: n.get(k) for k in ("id", "type", "params")} for n in spec.get("nodes", [])],
                "edges": [list(e) for e in spec.get("edges", [])]}
        key = json.dumps([view, int(seed)], sort_keys=True, default=str)
        if key != self._key:
            self._weights = Network.from_config(spec, seed=int(seed)).get_weights()
            self._key = key
        return self._weights


def trainable_names(a: Analysis, node_id: str) -> list[str]:
    """The node's trainable parameter names in the layer's order ([] for a node without weights or one whose
    shapes the analysed spec cannot tell yet)."""
    layer = a.layers.get(node_id)
    shapes = [a.shapes.get(p) for p in a.inputs.get(node_id, [])]
    if layer is None or None in shapes or a.shapes.get(node_id) is None:
        return []
    return [name for name, (_shape, trainable) in layer.weight_shapes(shapes).items() if trainable]


def current(weights: Weights | None, initial: Weights, node_id: str) -> dict[str, np.ndarray]:
    """The node's arrays the next training starts from: the saved ones, else the initial ones."""
    if weights is not None and weights.get(node_id):
        return weights[node_id]
    return initial.get(node_id, {})


def with_value(weights: Weights | None, initial: Weights, node_id: str, param: str, index: tuple[int, ...],
               value: float) -> Weights:
    """A new weights dict in which ``node_id/param[index]`` is ``value`` (the node's other arrays copied from
    :func:`current`, so the node is complete as the project format wants)."""
    arrays = current(weights, initial, node_id)
    if param not in arrays:
        raise SpecError(_("Layer '{node_id}' has no weight '{param}'.").format(node_id=node_id, param=param), node_id)
    changed = np.array(arrays[param], dtype=DTYPE, copy=True)
    changed[tuple(index)] = value
    return with_array(weights, initial, node_id, param, changed)


def with_array(weights: Weights | None, initial: Weights, node_id: str, param: str, array: np.ndarray) -> Weights:
    """A new weights dict in which the whole tensor ``node_id/param`` is ``array`` (same shape)."""
    arrays = current(weights, initial, node_id)
    old = arrays[param]
    if np.shape(array) != np.shape(old):
        raise SpecError(_("The weight {node_id}/{param} has shape {shape}, not {given}.")
                        .format(node_id=node_id, param=param, shape=np.shape(old), given=np.shape(array)), node_id)
    out = {nid: dict(params) for nid, params in (weights or {}).items()}
    node = {name: np.asarray(arr, dtype=DTYPE) for name, arr in arrays.items()}
    node[param] = np.array(array, dtype=DTYPE, copy=True)
    out[node_id] = node
    return out


def redrawn(a: Analysis, node_id: str, param: str, rng: np.random.Generator) -> np.ndarray:
    """A fresh draw of ``node_id/param`` from the layer's own initializer (the Initialise button)."""
    layer = a.layers[node_id]
    trainable, _state = layer.build([a.shapes[p] for p in a.inputs[node_id]], rng, DTYPE)
    return trainable[param]
