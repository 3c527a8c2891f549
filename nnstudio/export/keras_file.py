"""Export to a Keras 3 model file (``.keras``) that ``keras.models.load_model`` loads, written without Keras.

A ``.keras`` file is a zip of ``config.json`` (the functional model's layers and their calls), ``metadata.json``
and ``model.weights.h5`` (each layer's variables in Keras's order). Only h5py is needed; Keras itself is not
imported. Layers translate as in the Keras script (``keras.py``), but a ``.keras`` file can name only Keras's
built-in activations: one Keras lacks (step, sign, a leaky ReLU slope other than 0.2, ...) would need custom code
at load time, so such a network is refused with a SpecError naming the node (the Keras script handles it).

``weights(graph, path)`` writes the weights alone in the layout of Keras's ``model.save_weights("x.weights.h5")``,
for the model the Keras script builds.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import numpy as np

from nnstudio.engine.errors import SpecError
from nnstudio.i18n import _

from .graph import Graph, Node
from .layout import pair, window
from .settings import Settings
from .writers import writer_for

FORMAT_NAME = "Keras"  # refusals read as the Keras script's
# the release whose file layout this module writes; metadata.json names the installed Keras when there is one
_KERAS_VERSION = "3.15.0"


INSTALL_HINT = ("The Keras .keras and .weights.h5 exports need the 'h5py' package: install it with pip install h5py "
                "(or, in a source checkout of nnstudio, pip install -e \".[keras]\").")


def _h5py():
    try:
        import h5py
    except ImportError:
        raise ImportError(INSTALL_HINT) from None
    return h5py


# nnstudio activation -> the Keras built-in of the same definition, when the parameters are Keras's defaults
_BUILTIN = {"linear": "linear", "sigmoid": "sigmoid", "hard_sigmoid": "hard_sigmoid", "tanh": "tanh",
            "relu": "relu", "selu": "selu", "swish": "silu", "softsign": "softsign", "softmax": "softmax",
            "gelu": "gelu", "elu": "elu", "celu": "celu", "leaky_relu": "leaky_relu", "softplus": "softplus"}
_KERAS_DEFAULTS = {"elu": {"alpha": 1.0}, "celu": {"alpha": 1.0}, "leaky_relu": {"alpha": 0.2},
                   "softplus": {"beta": 1.0, "threshold": 20.0}}  # softplus: Keras's has no threshold, as the script


def activation(node: Node, key: str = "activation") -> str:
    name, p = node.activation(key)
    if name not in _BUILTIN or p != _KERAS_DEFAULTS.get(name, p):
        shown = name if not p else f"{name}({', '.join(f'{k}={v:g}' for k, v in p.items())})"
        raise SpecError(_("{node} uses the activation '{shown}', which the .keras file export cannot hold: "
                          "Keras has no such built-in, so loading it would need custom code; export the Keras script "
                          "instead.").format(node=node.label(), shown=shown), node.id, key)
    return _BUILTIN[name]


def _l1l2(reg: dict | None) -> dict | None:
    if not reg:
        return None
    return {"module": "keras.regularizers", "class_name": "L1L2", "registered_name": None,
            "config": {"l1": float(reg.get("l1") or 0.0), "l2": float(reg.get("l2") or 0.0)}}


@dataclass
class Layer:
    """One Keras layer: its class and constructor arguments."""
    class_name: str
    config: dict[str, Any]


def _weighted(node: Node) -> dict[str, Any]:
    p = node.params
    return {"activation": activation(node), "use_bias": bool(p.get("use_bias", True)),
            "kernel_regularizer": _l1l2(p.get("kernel_regularizer"))}


# -- one writer per layer type: node -> Layer ----------------------------------------------------------------
def write_input(node: Node) -> Layer:
    return Layer("InputLayer", {"batch_shape": [None, *node.shape], "dtype": "float32", "sparse": False})


def write_dense(node: Node) -> Layer:
    return Layer("Dense", {"units": int(node.params["units"]), **_weighted(node)})


def write_conv2d(node: Node) -> Layer:
    (kh, kw), (sh, sw) = window(node)
    return Layer("Conv2D", {"filters": int(node.params["filters"]), "kernel_size": [kh, kw], "strides": [sh, sw],
                            "padding": node.params["padding"], **_weighted(node)})


def write_pooling2d(node: Node) -> Layer:
    p = node.params
    strides = p.get("strides")
    return Layer(node.type, {"pool_size": list(pair(p["pool_size"])),
                             "strides": None if strides is None else list(pair(strides)),
                             "padding": p["padding"]})


def write_batch_normalization(node: Node) -> Layer:
    return Layer("BatchNormalization", {"momentum": float(node.params["momentum"]),
                                        "epsilon": float(node.params["epsilon"])})


def write_dropout(node: Node) -> Layer:
    return Layer("Dropout", {"rate": float(node.params["rate"])})


def write_reshape(node: Node) -> Layer:
    return Layer("Reshape", {"target_shape": [int(d) for d in node.params["target_shape"]]})


def write_activation(node: Node) -> Layer:
    return Layer("Activation", {"activation": activation(node)})


def write_concatenate(node: Node) -> Layer:
    return Layer("Concatenate", {"axis": int(node.params["axis"])})


def write_without_args(node: Node) -> Layer:
    """A Keras layer of the same name that takes no arguments (Flatten, Add, GlobalAveragePooling2D)."""
    return Layer(node.type, {})


def write_recurrent(node: Node) -> Layer:
    """SimpleRNN, LSTM, GRU: nnstudio keeps Keras' names, weight layouts and gate orders."""
    p = node.params
    config = {"units": int(p["units"]), "activation": activation(node), "use_bias": bool(p["use_bias"]),
              "return_sequences": bool(p["return_sequences"]),
              "kernel_regularizer": _l1l2(p.get("kernel_regularizer")),
              "recurrent_regularizer": _l1l2(p.get("recurrent_regularizer"))}
    if "recurrent_activation" in p:
        config["recurrent_activation"] = activation(node, "recurrent_activation")
    if node.type == "GRU":
        config["reset_after"] = bool(p["reset_after"])
    return Layer(node.type, config)


def write_embedding(node: Node) -> Layer:
    return Layer("Embedding", {"input_dim": int(node.params["input_dim"]),
                               "output_dim": int(node.params["output_dim"])})


# layer type -> writer; a type missing here is refused (writers.unsupported). Mirrors keras.WRITERS.
WRITERS: dict[str, Callable[[Node], Layer]] = {
    "Input": write_input,
    "Dense": write_dense,
    "Conv2D": write_conv2d,
    "MaxPooling2D": write_pooling2d,
    "AveragePooling2D": write_pooling2d,
    "GlobalAveragePooling2D": write_without_args,
    "BatchNormalization": write_batch_normalization,
    "Dropout": write_dropout,
    "Flatten": write_without_args,
    "Reshape": write_reshape,
    "Activation": write_activation,
    "Add": write_without_args,
    "Concatenate": write_concatenate,
    "SimpleRNN": write_recurrent,
    "LSTM": write_recurrent,
    "GRU": write_recurrent,
    "Embedding": write_embedding,
}


def _tensor(graph: Graph, node_id: str) -> dict:
    node = graph.by_id[node_id]
    return {"class_name": "__keras_tensor__",
            "config": {"shape": [None, *node.shape], "dtype": "float32", "keras_history": [node.ident, 0, 0]}}


def _config(graph: Graph, layers: dict[str, Layer]) -> dict:
    entries = []
    for node in graph.nodes:
        layer = layers[node.id]
        entry = {"module": "keras.layers", "class_name": layer.class_name, "registered_name": None,
                 "config": {"name": node.ident, "trainable": True, "dtype": "float32", **layer.config},
                 "name": node.ident, "inbound_nodes": []}
        if node.inputs:
            args = [_tensor(graph, i) for i in node.inputs]
            shapes = [[None, *s] for s in node.input_shapes]
            entry["build_config"] = {"input_shape": shapes[0] if len(shapes) == 1 else shapes}
            entry["inbound_nodes"] = [{"args": args if len(args) == 1 else [args], "kwargs": {}}]
        entries.append(entry)
    return {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
            "config": {"name": _model_name(graph), "trainable": True, "layers": entries,
                       "input_layers": [graph.input.ident, 0, 0], "output_layers": [graph.output.ident, 0, 0]}}


def keras_order(graph: Graph) -> list[Node]:
    """The nodes in the order of Keras's ``model.layers`` for this functional model (its ``map_graph``): by
    decreasing depth from the output, ties by first visit of a depth-first walk from the output. Weight files
    name each layer's group by its class and its rank among the layers of that class in this order."""
    visit: dict[str, int] = {}
    finished: list[str] = []

    def walk(node_id: str) -> None:
        if node_id in finished:
            return
        visit.setdefault(node_id, len(visit))
        for parent in graph.by_id[node_id].inputs:
            walk(parent)
        finished.append(node_id)

    walk(graph.output.id)
    depth: dict[str, int] = {}
    for node_id in reversed(finished):
        d = depth.setdefault(node_id, 0)
        for parent in graph.by_id[node_id].inputs:
            depth[parent] = max(d + 1, depth.get(parent, 0))
    return sorted((graph.by_id[i] for i in finished), key=lambda n: (-depth[n.id], visit[n.id]))


def _snake(class_name: str) -> str:
    """Keras's ``naming.to_snake_case`` (Conv2D -> conv2d, SimpleRNN -> simple_rnn, InputLayer -> input_layer)."""
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", class_name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


_CLASS = {"Input": "InputLayer"}            # Keras class names that differ from the layer type
_CELLS = frozenset({"SimpleRNN", "LSTM", "GRU"})  # keep their variables in a ``cell`` sub-object


def _write_weights(graph: Graph, model_name: str, file) -> None:
    """Each layer's variables under ``layers/<class>[_k]/vars/<i>``; the graph holds them in the engine's order,
    which is Keras's (kernel, recurrent kernel, bias; gamma, beta, moving mean, moving variance)."""
    order = keras_order(graph)
    for node in order:
        writer_for(WRITERS, FORMAT_NAME, node)  # refuses the types Keras has no layer for
    h5py = _h5py()
    with h5py.File(file, "w") as h5:
        used: dict[str, int] = {}
        for node in order:
            base = _snake(_CLASS.get(node.type, node.type))
            group = base if base not in used else f"{base}_{used[base] + 1}"
            used[base] = used.get(base, -1) + 1
            holder = h5.create_group(f"layers/{group}/vars")
            holder.attrs["name"] = node.ident
            if node.type in _CELLS:
                holder = h5.create_group(f"layers/{group}/cell/vars")
                holder.attrs["name"] = f"{base}_cell"
            for k, value in enumerate(graph.weights.get(node.id, {}).values()):
                holder.create_dataset(str(k), data=np.asarray(value, dtype=np.float32))
        h5.create_group("vars").attrs["name"] = model_name


def _model_name(graph: Graph) -> str:
    return re.sub(r"\W+", "_", graph.title).strip("_") or "network"  # as the Keras script names it


def _layers(graph: Graph) -> dict[str, Layer]:
    return {node.id: writer_for(WRITERS, FORMAT_NAME, node)(node) for node in graph.nodes}


def _keras_version() -> str:
    try:
        return metadata.version("keras")
    except metadata.PackageNotFoundError:
        return _KERAS_VERSION


def write_model(graph: Graph, output: Path) -> None:
    """Write the ``.keras`` zip atomically."""
    from nnstudio.atomic import write_atomic

    config = _config(graph, _layers(graph))
    weights = io.BytesIO()
    _write_weights(graph, _model_name(graph), weights)
    meta = {"keras_version": _keras_version(), "date_saved": datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}

    def write(f) -> None:
        with zipfile.ZipFile(f, "w") as z:
            z.writestr("metadata.json", json.dumps(meta))
            z.writestr("config.json", json.dumps(config))
            z.writestr("model.weights.h5", weights.getvalue())

    write_atomic(output, write)


def write_weights(graph: Graph, output: Path) -> None:
    """Write the weights alone, as Keras's ``save_weights`` would for the model the Keras script builds."""
    from nnstudio.atomic import write_atomic

    weights = io.BytesIO()
    _write_weights(graph, _model_name(graph), weights)
    write_atomic(output, lambda f: f.write(weights.getvalue()))


def export(graph: Graph, settings: Settings, output: Path) -> list[Path]:
    write_model(graph, output)
    return [output]
