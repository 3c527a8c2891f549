"""Export to a standalone Keras 3 script: a functional model equal to the network, its weights in an NPZ beside it.

Keras is channels-last like nnstudio, so layers translate one to one; activations Keras lacks or defines
differently (step, sign, exact GELU, leaky ReLU's slope, softplus with beta) are written out as small
functions in the script with nnstudio's (PyTorch's) definitions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from nnstudio.engine.errors import SpecError

from .graph import Graph, Node
from .layout import pair, window
from .script import (IMPORTS_HERE, Script, clean, commented, header, main_block, py, target_kind,
                     training_data_code, used_imports, wrapped)
from .settings import Settings
from .writers import writer_for
from ..i18n import _

_IMPORTS = """
import argparse
from pathlib import Path

import keras
import numpy as np
from keras import layers, ops
"""

# activations Keras has under the same name and definition as nnstudio
_BUILTIN = {"linear": "linear", "sigmoid": "sigmoid", "hard_sigmoid": "hard_sigmoid", "tanh": "tanh",
            "relu": "relu", "selu": "selu", "swish": "silu", "softsign": "softsign", "softmax": "softmax"}


def _custom_body(name: str, p: dict[str, float]) -> tuple[str, str] | None:
    """(docstring, return expression) of an activation function the script must define, or None."""
    if name == "step":
        return "Heaviside step: 1 where x >= 0, else 0.", "ops.cast(x >= 0, x.dtype)"
    if name == "sign":
        return "-1, 0 or 1 by the sign of x.", "ops.sign(x)"
    if name == "gelu":
        return "GELU in its exact erf form (Keras defaults to the tanh approximation).", \
            "ops.gelu(x, approximate=False)"
    if name == "leaky_relu":
        return f"Leaky ReLU with slope {py(p['alpha'])} for x < 0.", \
            f"ops.leaky_relu(x, negative_slope={py(p['alpha'])})"
    if name == "elu" and p["alpha"] != 1.0:
        return f"ELU with alpha {py(p['alpha'])}.", f"ops.elu(x, alpha={py(p['alpha'])})"
    if name == "celu":  # written out: keras.ops.celu is missing from older Keras 3 releases
        alpha = py(p["alpha"])
        return (f"CELU with alpha {alpha}: x, or {alpha} (exp(x / {alpha}) - 1) for x <= 0.",
                f"ops.where(x > 0, x, {alpha} * ops.expm1(ops.minimum(x, 0) / {alpha}))")
    if name == "softplus" and (p["beta"], p["threshold"]) != (1.0, 20.0):
        beta, threshold = py(p["beta"]), py(p["threshold"])
        return (f"PyTorch's softplus: log(1 + exp({beta} x)) / {beta}, or x where {beta} x > {threshold}.",
                f"ops.where({beta} * x > {threshold}, x, ops.softplus({beta} * x) / {beta})")
    if name in ("elu", "softplus"):
        return None
    if name not in _BUILTIN:
        raise KeyError(name)
    return None


class Writer:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.build: list[str] = []
        self.load: list[str] = []
        self.functions: dict[tuple, str] = {}     # (name, params) -> generated function name
        self.function_code: list[str] = []
        self.taken = {n.ident for n in graph.nodes}

    def activation(self, node: Node, key: str = "activation") -> str:
        name, p = node.activation(key)
        try:
            body = _custom_body(name, p)
        except KeyError:
            raise SpecError(_("{label} uses the activation '{name}', which the Keras export does not know yet.")
                            .format(label=node.label(), name=name), node.id, key) from None
        if body is None:
            return py(_BUILTIN.get(name, name))
        key_ = (name, tuple(sorted(p.items())))
        if key_ not in self.functions:
            fname, k = name, 2
            while fname in self.taken:
                fname, k = f"{name}_{k}", k + 1
            self.taken.add(fname)
            self.functions[key_] = fname
            doc, expr = body
            self.function_code.append(f'def {fname}(x):\n    """{doc}"""\n    return {expr}\n')
        return self.functions[key_]

    def src(self, node: Node) -> str:
        if len(node.inputs) == 1:
            return self.graph.by_id[node.inputs[0]].ident
        return "[" + ", ".join(self.graph.by_id[i].ident for i in node.inputs) + "]"

    def layer(self, node: Node, call: str, args: list[str]) -> None:
        args = [*args, f"name={py(node.ident)}"]
        code = f"{node.ident} = layers.{call}({', '.join(args)})({self.src(node)})"
        self.build.extend(commented(wrapped(code, 4), node.label(), 96))

    def weights(self, node: Node, params: list[str]) -> None:
        present = [p for p in params if self.graph.has(node, p)]
        arrays = ", ".join(f"arrays[{py(node.id + '/' + p)}]" for p in present)
        line = f"model.get_layer({py(node.ident)}).set_weights([{arrays}])"
        self.load.append(line if len(line) <= 92 else line.replace("set_weights(", "set_weights(\n" + " " * 12, 1))

    def weighted_args(self, node: Node) -> list[str]:
        act = self.activation(node)
        args = [] if act == '"linear"' else [f"activation={act}"]
        if not node.params.get("use_bias", True):
            args.append("use_bias=False")
        reg = node.params.get("kernel_regularizer")
        if reg:
            args.append(f"kernel_regularizer=keras.regularizers.L1L2(l1={py(float(reg.get('l1') or 0.0))}, "
                        f"l2={py(float(reg.get('l2') or 0.0))})")
        return args


# -- one writer per layer type: (writer, node), called in topological order ------------------------------
def write_input(w: Writer, node: Node) -> None:
    w.build.extend(commented(f"{node.ident} = keras.Input(shape=INPUT_SHAPE, name={py(node.ident)})",
                             f"{node.label()}: channels-last samples, as in nnstudio", 96))


def write_dense(w: Writer, node: Node) -> None:
    w.layer(node, "Dense", [str(node.params["units"]), *w.weighted_args(node)])
    w.weights(node, ["kernel", "bias"])


def write_conv2d(w: Writer, node: Node) -> None:
    p = node.params
    (kh, kw), (sh, sw) = window(node)
    args = [str(p["filters"]), f"kernel_size=({kh}, {kw})"]
    args += [f"strides=({sh}, {sw})"] if (sh, sw) != (1, 1) else []
    args += ['padding="same"'] if p["padding"] == "same" else []
    w.layer(node, "Conv2D", args + w.weighted_args(node))
    w.weights(node, ["kernel", "bias"])


def write_pooling2d(w: Writer, node: Node) -> None:
    """MaxPooling2D and AveragePooling2D: Keras has both under the same names and parameters."""
    p = node.params
    strides = p.get("strides")
    args = [f"pool_size={pair(p['pool_size'])!r}"]
    args += [f"strides={pair(strides)!r}"] if strides is not None else []
    args += ['padding="same"'] if p["padding"] == "same" else []
    w.layer(node, node.type, args)


def write_batch_normalization(w: Writer, node: Node) -> None:
    p = node.params
    w.layer(node, "BatchNormalization", [f"momentum={py(p['momentum'])}", f"epsilon={py(p['epsilon'])}"])
    w.weights(node, ["gamma", "beta", "moving_mean", "moving_variance"])


def write_dropout(w: Writer, node: Node) -> None:
    w.layer(node, "Dropout", [py(node.params["rate"])])


def write_reshape(w: Writer, node: Node) -> None:
    w.layer(node, "Reshape", [repr(tuple(node.params["target_shape"]))])


def write_activation(w: Writer, node: Node) -> None:
    w.layer(node, "Activation", [w.activation(node)])


def write_concatenate(w: Writer, node: Node) -> None:
    w.layer(node, "Concatenate", [f"axis={int(node.params['axis'])}"])


def write_without_args(w: Writer, node: Node) -> None:
    """A Keras layer of the same name that takes no arguments (Flatten, Add, GlobalAveragePooling2D)."""
    w.layer(node, node.type, [])


def _l1l2(reg: dict) -> str:
    return f"keras.regularizers.L1L2(l1={py(float(reg.get('l1') or 0.0))}, l2={py(float(reg.get('l2') or 0.0))})"


def write_recurrent(w: Writer, node: Node) -> None:
    """SimpleRNN, LSTM, GRU: nnstudio keeps Keras' names, weight layouts and gate orders."""
    p = node.params
    args = [str(p["units"])]
    if node.activation()[0] != "tanh":
        args.append(f"activation={w.activation(node)}")
    if "recurrent_activation" in p and node.activation("recurrent_activation")[0] != "sigmoid":
        args.append(f"recurrent_activation={w.activation(node, 'recurrent_activation')}")
    if not p["use_bias"]:
        args.append("use_bias=False")
    if p["return_sequences"]:
        args.append("return_sequences=True")
    if node.type == "GRU" and not p["reset_after"]:
        args.append("reset_after=False")
    for key in ("kernel_regularizer", "recurrent_regularizer"):
        if p.get(key):
            args.append(f"{key}={_l1l2(p[key])}")
    w.layer(node, node.type, args)
    w.weights(node, ["kernel", "recurrent_kernel", "bias"])


def write_embedding(w: Writer, node: Node) -> None:
    w.layer(node, "Embedding", [str(node.params["input_dim"]), str(node.params["output_dim"])])
    w.weights(node, ["embeddings"])


# layer type -> writer; a type missing here is refused (writers.unsupported). A new layer adds its row.
WRITERS: dict[str, Callable[[Writer, Node], None]] = {
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
FORMAT_NAME = "Keras"


_KERAS_LOSSES = {"mse": '"mean_squared_error"', "mae": '"mean_absolute_error"',
                 "binary_crossentropy": '"binary_crossentropy"',
                 "categorical_crossentropy": '"categorical_crossentropy"',
                 "sparse_categorical_crossentropy": '"sparse_categorical_crossentropy"'}

# nnstudio optimizer -> Keras class and the hyper-parameters it takes under the same name
_KERAS_OPTIMIZERS = {
    "sgd": ("SGD", ("learning_rate", "momentum", "nesterov")),
    "adam": ("Adam", ("learning_rate", "beta_1", "beta_2", "epsilon")),
    "adamw": ("AdamW", ("learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon")),
    "rmsprop": ("RMSprop", ("learning_rate", "rho", "momentum", "epsilon")),
    "adagrad": ("Adagrad", ("learning_rate", "initial_accumulator_value", "epsilon")),
}


def _loss(settings: Settings) -> str:
    if settings.loss == "huber":
        return f"keras.losses.Huber(delta={py(float(settings.loss_params.get('delta', 1.0)))})"
    if settings.loss not in _KERAS_LOSSES:
        raise ValueError(_("The loss '{name}' has no Keras export yet.").format(name=settings.loss))
    return _KERAS_LOSSES[settings.loss]


def _optimizer(settings: Settings) -> list[str]:
    """Lines of ``make_optimizer()``."""
    name, p = settings.optimizer, settings.optimizer_params
    notes = []
    if name == "lbfgs":
        notes.append("# Keras has no L-BFGS: Adam stands in for nnstudio's full-batch lbfgs")
        cls, args = "Adam", []
    else:
        cls, keys = _KERAS_OPTIMIZERS[name]
        args = [f"{k}={py(p[k])}" for k in keys if k in p]
        if name != "adamw" and p.get("weight_decay"):
            notes.append("# Keras decays weights apart from the gradient; nnstudio and torch add weight_decay * w")
            args.append(f"weight_decay={py(p['weight_decay'])}")
    if p.get("clipnorm"):
        args.append(f"clipnorm={py(p['clipnorm'])}")  # Keras clips each gradient tensor, as nnstudio
    return [*notes, wrapped(f"return keras.optimizers.{cls}({', '.join(args)})", 4)]


def _train_code(graph: Graph, settings: Settings) -> str:
    if settings.optimizer == "perceptron":
        dense = graph.output
        lr = py(settings.optimizer_params.get("learning_rate", 1.0))
        bias = dense.params.get("use_bias", True)
        step = dense.activation()[0] == "step"
        y_hat = "(z >= 0).astype(np.float32)  # step" if step else "np.sign(z)"
        weights = "kernel, bias" if bias else "(kernel,)"
        z = "X[i] @ kernel + bias" if bias else "X[i] @ kernel"
        update_bias = "\n                bias += lr * error" if bias else ""
        return f'''def train(model, X, y, epochs=EPOCHS, batch_size=None, lr={lr}):
    """The perceptron rule, sample by sample: w <- w + lr (y - y_hat) x, until an epoch makes no mistake."""
    layer = model.get_layer({py(dense.ident)})
    {weights} = layer.get_weights()
    rng = np.random.default_rng(SEED)
    for epoch in range(1, epochs + 1):
        mistakes = 0
        for i in rng.permutation(len(X)):
            z = {z}
            error = y[i] - {y_hat}
            if np.any(error != 0):
                mistakes += 1
                kernel += lr * np.outer(X[i], error){update_bias}
        print(f"epoch {{epoch}}/{{epochs}}  mistakes {{mistakes}}")
        if mistakes == 0:
            break
    layer.set_weights([{weights.strip("(,)")}])
    return model
'''
    kind = target_kind(graph, settings)
    metric = '"mae"' if kind == "regression" else '"accuracy"'
    full = "full-batch " if settings.optimizer == "lbfgs" else ""
    size = "len(X)" if settings.optimizer == "lbfgs" else "batch_size or len(X)"
    return f'''def train(model, X, y, epochs=EPOCHS, batch_size=BATCH_SIZE):
    """{full}Training with the loss and optimizer nnstudio trains with."""
    keras.utils.set_random_seed(SEED)
    model.compile(optimizer=make_optimizer(), loss={_loss(settings)},
                  metrics=[{metric}])
    model.fit(X, y, epochs=epochs, batch_size={size}, shuffle=True, verbose=2)
    return model
'''


def generate(graph: Graph, settings: Settings, script_name: str, weights_name: str) -> str:
    w = Writer(graph)
    for node in graph.nodes:
        writer_for(WRITERS, FORMAT_NAME, node)(w, node)
    s = Script()
    s.add(header(graph, script_name, weights_name, "keras", IMPORTS_HERE))
    s.add(f"WEIGHTS = Path(__file__).with_name({py(weights_name)})\n"
          f"INPUT_SHAPE = {tuple(graph.input.shape)!r}  # one sample, channels-last like nnstudio\n"
          f"EPOCHS = {settings.epochs}\nBATCH_SIZE = {py(settings.batch_size)}\nSEED = {settings.seed}\n")
    for code in w.function_code:
        s.add(code)
    model_name = py(re.sub(r"\W+", "_", graph.title).strip("_") or "network")
    build = ["def build_model():",
             f'    """{clean(graph.title)}: the nnstudio network, layer for layer (comments name the node ids)."""',
             *("    " + line for line in w.build),
             f"    model = keras.Model({graph.input.ident}, {graph.output.ident}, name={model_name})",
             "    return load_weights(model)"]
    s.add("\n".join(build))
    load = ["def load_weights(model, path=WEIGHTS):",
            '    """Copy nnstudio\'s weights (NPZ keys "node_id/param") into the layers of the same names."""',
            *(["    with np.load(path, allow_pickle=False) as arrays:"] if w.load else []),
            *("        " + line for line in w.load),
            "    return model" if w.load else "    return model  # this network has no weights"]
    s.add("\n".join(load))
    if settings.optimizer != "perceptron":
        s.add("def make_optimizer():\n" + "\n".join("    " + line for line in _optimizer(settings)))
    s.add(training_data_code(graph, settings, "keras"))
    s.add(_train_code(graph, settings))
    s.add(main_block("keras"))
    body = s.text()
    return body.replace(IMPORTS_HERE, used_imports(_IMPORTS, body.split(IMPORTS_HERE, 1)[1]), 1)


def export(graph: Graph, settings: Settings, output: Path) -> list[Path]:
    """Write ``output`` (the script) and the NPZ of weights beside it; return both paths."""
    from .script import write_script_and_weights

    return write_script_and_weights(graph, settings, output, generate)
