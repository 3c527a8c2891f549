"""The network as every exporter reads it: the spec walked in topological order, with shapes and weights.

Exporters never re-derive shapes or defaults: the engine's ``spec.normalize``/``spec.analyze`` are the one
source of truth, and the weights are checked against the shapes the engine's layers report for it.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import numpy as np

from nnstudio.engine import activations
from nnstudio.i18n import _


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    params: dict[str, Any]
    inputs: tuple[str, ...]                 # ids of the nodes feeding this one, in edge order
    input_shapes: tuple[tuple[int, ...], ...]
    shape: tuple[int, ...]                  # output shape without the batch axis (images: H, W, C)
    ident: str                              # a Python identifier unique in the network, for generated code

    def activation(self, key: str = "activation") -> tuple[str, dict[str, float]]:
        """The canonical activation name and all its parameters (defaults included)."""
        act = activations.get(self.params.get(key))
        return act.name, {p.name: float(getattr(act, p.name)) for p in act.PARAMS}

    def label(self) -> str:
        """How comments and errors name this node: its type and id."""
        return f"{self.type} {self.id!r}"


@dataclass
class Graph:
    nodes: list[Node]                       # topological order, the Input first
    weights: dict[str, dict[str, np.ndarray]]   # float32 copies, {node_id: {param: array}}
    title: str = "network"
    inputs: str = "network"     # what the model takes: see export.export_network
    by_id: dict[str, Node] = field(init=False)

    def __post_init__(self):
        self.by_id = {n.id: n for n in self.nodes}

    @property
    def input(self) -> Node:
        return self.nodes[0]

    @property
    def output(self) -> Node:
        return self.nodes[-1]

    def weight(self, node: Node, param: str) -> np.ndarray:
        return self.weights[node.id][param]

    def has(self, node: Node, param: str) -> bool:
        return param in self.weights.get(node.id, {})


# Names a generated script already uses, or that nn.Module defines: a layer attribute must not shadow them.
RESERVED = frozenset("""
    np torch nn F keras ops layers sys argparse json math Path WEIGHTS INPUT_SHAPE EPOCHS BATCH_SIZE SEED
    CLASSES TARGET_COLUMNS Net self super float int len range print model main build_model load_weights
    load_data train make_optimizer regularization loss_fn avg_pool_same gru_gates SimpleRNNLayer LSTMLayer GRULayer
    T_destination add_module apply bfloat16 buffers call_super_init children compile cpu cuda double
    dump_patches eval extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half
    ipu load_state_dict modules mtia named_buffers named_children named_modules named_parameters parameters
    register_backward_hook register_buffer register_forward_hook register_forward_pre_hook
    register_full_backward_hook register_full_backward_pre_hook register_load_state_dict_post_hook
    register_load_state_dict_pre_hook register_module register_parameter register_state_dict_post_hook
    register_state_dict_pre_hook requires_grad_ set_extra_state set_submodule share_memory state_dict to
    to_empty train training type xpu zero_grad
""".split())


def identifiers(ids: Iterable[str]) -> dict[str, str]:
    """Map node ids to distinct Python identifiers that read like the ids ("hidden 1" -> hidden_1)."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for node_id in ids:
        base = re.sub(r"\W+", "_", node_id, flags=re.ASCII).strip("_").lower() or "node"
        if base[0].isdigit():
            base = "n" + base
        if keyword.iskeyword(base) or base in RESERVED:
            base += "_"
        ident, k = base, 2
        while ident in taken:
            ident, k = f"{base}_{k}", k + 1
        taken.add(ident)
        out[node_id] = ident
    return out


def _checked_weights(spec: Mapping, analysis: Any,
                     weights: Mapping | None) -> dict[str, dict[str, np.ndarray]]:
    """The weights as float32 copies, each array checked against the shape the spec implies."""
    if weights is None:
        from nnstudio.engine.network import Network

        weights = Network.from_config(spec, seed=0).get_weights()
    out: dict[str, dict[str, np.ndarray]] = {}
    for node_id in analysis.order:
        # the layer's own shapes (no allocation), in get_weights' order: trainable first, then state
        shapes = analysis.layers[node_id].weight_shapes([analysis.shapes[i] for i in analysis.inputs[node_id]])
        if not shapes:
            continue
        given = weights.get(node_id)
        if given is None:
            raise ValueError(_("The weights have no entry for node '{node_id}'.").format(node_id=node_id))
        out[node_id] = {}
        for name, (shape, _trainable) in shapes.items():
            if name not in given:
                raise ValueError(_("The weights of node '{node_id}' lack '{name}'.")
                                 .format(node_id=node_id, name=name))
            arr = np.asarray(given[name])
            if arr.shape != tuple(shape):
                raise ValueError(_("The weight '{node_id}/{name}' has shape {shape} but the network needs {need}.")
                                 .format(node_id=node_id, name=name, shape=arr.shape, need=tuple(shape)))
            if not np.all(np.isfinite(arr)):
                raise ValueError(_("The weight '{node_id}/{name}' holds NaN or infinite values.")
                                 .format(node_id=node_id, name=name))
            out[node_id][name] = np.ascontiguousarray(arr, dtype=np.float32)
    return out


def build_graph(spec: Mapping, weights: Mapping | None = None, title: str | None = None) -> Graph:
    """Validate ``spec`` with the engine and return the Graph exporters translate.

    Raises the engine's SpecError (a ValueError naming the node) for an invalid spec and ValueError for
    weights that do not fit it. ``weights=None`` takes the freshly initialized weights (seed 0).
    """
    from nnstudio.engine import spec as engine_spec

    spec = engine_spec.normalize(spec)
    analysis = engine_spec.validate(spec)
    raw = {n["id"]: n for n in spec["nodes"]}
    inputs = analysis.inputs
    order = list(analysis.order)
    idents = identifiers(order)
    nodes = []
    for node_id in order:
        n = raw[node_id]
        nodes.append(Node(
            id=node_id, type=n["type"], params=dict(n.get("params") or {}),
            inputs=tuple(inputs[node_id]),
            input_shapes=tuple(tuple(analysis.shapes[i]) for i in inputs[node_id]),
            shape=tuple(analysis.shapes[node_id]), ident=idents[node_id]))
    # Graph.input/output rely on the order starting at the Input and ending at the output node
    if nodes[0].id != analysis.input_id or nodes[-1].id != analysis.output_id:
        raise ValueError("The network's topological order does not run from its Input to its output node.")
    return Graph(nodes=nodes, weights=_checked_weights(spec, analysis, weights), title=title or "network")
