"""Export to an ONNX model (opset 17) that any ONNX runtime runs with nnstudio's predictions.

The graph input is named "input", channels-last like nnstudio, with a dynamic batch axis; image tensors are
transposed to channels-first inside (ONNX convolutions and pools want N, C, H, W) and back before a Flatten
or Reshape so values keep nnstudio's order. Dropout is left out (it does nothing when predicting) and
BatchNormalization uses its moving statistics. The ``onnx`` package is an optional extra, imported only here.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable

import numpy as np

from nnstudio.engine.errors import SpecError

from .graph import Graph, Node
from .layout import channels_first_axis, is_image, paddings, window
from .writers import writer_for
from ..i18n import _

OPSET = 17
IR_VERSION = 8  # the IR version that introduced opset 17: readable by every runtime that knows the opset

# PyTorch's SELU constants, which nnstudio uses (ONNX's defaults are these rounded to float32)
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_TO_NCHW, _TO_NHWC = [0, 3, 1, 2], [0, 2, 3, 1]
# both ways that work: the package itself, or the extra from a source checkout (nnstudio may not be on a registry)
INSTALL_HINT = ("The ONNX export needs the 'onnx' package: install it with pip install onnx "
                "(or, in a source checkout of nnstudio, pip install -e \".[onnx]\").")


def _onnx():
    try:
        import onnx
    except ImportError as exc:
        raise ModuleNotFoundError(INSTALL_HINT, name="onnx") from exc
    return onnx


class Builder:
    """Accumulates ONNX nodes and initializers; every tensor name is unique and starts with its node id."""

    def __init__(self, graph: Graph):
        self.onnx = _onnx()
        self.graph = graph
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.used = {"input", "output"}
        self.tensor: dict[str, str] = {}   # node id -> name of the tensor holding its output

    def fresh(self, base: str) -> str:
        name, k = base, 2
        while name in self.used:
            name, k = f"{base}_{k}", k + 1
        self.used.add(name)
        return name

    def const(self, node: Node, name: str, value: Any, dtype=np.float32) -> str:
        tensor = self.fresh(f"{node.id}/{name}")
        self.initializers.append(self.onnx.numpy_helper.from_array(np.asarray(value, dtype=dtype), tensor))
        return tensor

    def weight(self, node: Node, param: str, transform=None) -> str:
        value = self.graph.weight(node, param)
        return self.const(node, param, value if transform is None else transform(value))

    def op(self, node: Node, op_type: str, inputs: list[str], **attrs) -> str:
        out = self.fresh(f"{node.id}/{op_type}")
        self.nodes.append(self.onnx.helper.make_node(op_type, inputs, [out], name=out,
                                                     doc_string=node.label(), **attrs))
        return out

    def ops(self, node: Node, op_type: str, inputs: list[str], outputs: int, **attrs) -> list[str]:
        """A node with several outputs (the recurrent operators): their names."""
        base = self.fresh(f"{node.id}/{op_type}")
        names = [base] + [self.fresh(f"{base}_{k}") for k in range(1, outputs)]
        self.nodes.append(self.onnx.helper.make_node(op_type, inputs, names, name=base,
                                                     doc_string=node.label(), **attrs))
        return names

    def src(self, node: Node, k: int = 0) -> str:
        return self.tensor[node.inputs[k]]

    def channels_last(self, node: Node) -> str:
        """The node's first input in nnstudio's channels-last order."""
        src = self.src(node)
        return self.op(node, "Transpose", [src], perm=_TO_NHWC) if is_image(node.input_shapes[0]) else src

    # -- activations -----------------------------------------------------------------------------------
    def activate(self, node: Node, x: str, key: str = "activation") -> str:
        name, p = node.activation(key)
        if name == "linear":
            return x
        simple = {"sign": "Sign", "sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "Relu", "softsign": "Softsign"}
        if name in simple:
            return self.op(node, simple[name], [x])
        if name == "step":  # Heaviside: 1 where z >= 0, else 0
            positive = self.op(node, "GreaterOrEqual", [x, self.const(node, "zero", 0.0)])
            return self.op(node, "Cast", [positive], to=self.onnx.TensorProto.FLOAT)
        if name == "hard_sigmoid":  # relu6(z + 3) / 6 = clip(z / 6 + 1/2, 0, 1)
            return self.op(node, "HardSigmoid", [x], alpha=1.0 / 6.0, beta=0.5)
        if name == "leaky_relu":
            return self.op(node, "LeakyRelu", [x], alpha=p["alpha"])
        if name == "elu":
            return self.op(node, "Elu", [x], alpha=p["alpha"])
        if name == "celu":
            return self.op(node, "Celu", [x], alpha=p["alpha"])
        if name == "selu":
            return self.op(node, "Selu", [x], alpha=_SELU_ALPHA, gamma=_SELU_SCALE)
        if name == "gelu":  # exact form: z/2 * (1 + erf(z / sqrt 2))
            erf = self.op(node, "Erf", [self.op(node, "Div", [x, self.const(node, "sqrt2", math.sqrt(2.0))])])
            half = self.op(node, "Mul", [x, self.const(node, "half", 0.5)])
            return self.op(node, "Mul", [half, self.op(node, "Add", [erf, self.const(node, "one", 1.0)])])
        if name == "swish":  # z * sigmoid(z)
            return self.op(node, "Mul", [x, self.op(node, "Sigmoid", [x])])
        if name == "softplus":
            if p["beta"] == 1.0 and p["threshold"] == 20.0:  # ONNX's softplus; above 20 it equals z in float32
                return self.op(node, "Softplus", [x])
            # PyTorch's form: log(1 + exp(beta z)) / beta, and z itself where beta z > threshold
            bz = self.op(node, "Mul", [x, self.const(node, "beta", p["beta"])])
            soft = self.op(node, "Div", [self.op(node, "Softplus", [bz]), self.const(node, "beta", p["beta"])])
            linear = self.op(node, "Greater", [bz, self.const(node, "threshold", p["threshold"])])
            return self.op(node, "Where", [linear, x, soft])
        if name == "softmax":
            return self.op(node, "Softmax", [x], axis=1 if is_image(node.shape) else -1)
        raise SpecError(_("{label} uses the activation '{name}', which the ONNX export does not know yet.")
                        .format(label=node.label(), name=name),
                        node.id, key)

    def window_attrs(self, node: Node) -> dict:
        (kh, kw), (sh, sw) = window(node)
        top, bottom, left, right = paddings(node)
        return {"kernel_shape": [kh, kw], "strides": [sh, sw], "pads": [top, left, bottom, right]}

    # -- the whole model -------------------------------------------------------------------------------
    def model(self):
        from nnstudio import __version__

        helper, TensorProto = self.onnx.helper, self.onnx.TensorProto
        for node in self.graph.nodes:
            self.tensor[node.id] = writer_for(WRITERS, FORMAT_NAME, node)(self, node)
        out = self.graph.output
        last = self.tensor[out.id]
        if is_image(out.shape):
            self.nodes.append(helper.make_node("Transpose", [last], ["output"], perm=_TO_NHWC,
                                               name="output", doc_string="back to channels-last"))
        else:
            self.nodes.append(helper.make_node("Identity", [last], ["output"], name="output"))
        inp = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", *self.graph.input.shape])
        outp = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", *out.shape])
        g = helper.make_graph(self.nodes, _graph_name(self.graph.title), [inp], [outp], self.initializers,
                              doc_string=f"{self.graph.title}: exported from nnstudio")
        model = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="nnstudio", producer_version=__version__,
                                  doc_string="Input: channels-last like nnstudio (batch, ...).")
        model.ir_version = IR_VERSION
        return model


# -- one writer per layer type: (builder, node) -> output tensor, in topological order --------------------
def write_input(b: Builder, node: Node) -> str:
    return b.op(node, "Transpose", ["input"], perm=_TO_NCHW) if is_image(node.shape) else "input"


def write_dense(b: Builder, node: Node) -> str:
    inputs = [b.src(node), b.weight(node, "kernel")]  # kernel (in, units): Gemm's B as it is
    if len(node.input_shapes[0]) == 2:  # a sequence: the same Dense at every timestep (Gemm is 2-D only)
        z = b.op(node, "MatMul", inputs)
        return b.activate(node, b.op(node, "Add", [z, b.weight(node, "bias")]) if b.graph.has(node, "bias") else z)
    if b.graph.has(node, "bias"):
        z = b.op(node, "Gemm", inputs + [b.weight(node, "bias")])
    else:
        z = b.op(node, "MatMul", inputs)
    return b.activate(node, z)


def write_conv2d(b: Builder, node: Node) -> str:
    # kernel (kh, kw, in, out) -> (out, in, kh, kw)
    inputs = [b.src(node), b.weight(node, "kernel", lambda k: k.transpose(3, 2, 0, 1))]
    if b.graph.has(node, "bias"):
        inputs.append(b.weight(node, "bias"))
    return b.activate(node, b.op(node, "Conv", inputs, **b.window_attrs(node)))


def write_max_pooling2d(b: Builder, node: Node) -> str:
    return b.op(node, "MaxPool", [b.src(node)], **b.window_attrs(node))


def write_average_pooling2d(b: Builder, node: Node) -> str:
    # like Keras, a window at the border averages only its real pixels
    return b.op(node, "AveragePool", [b.src(node)], count_include_pad=0, **b.window_attrs(node))


def write_global_average_pooling2d(b: Builder, node: Node) -> str:
    return b.op(node, "Flatten", [b.op(node, "GlobalAveragePool", [b.src(node)])], axis=1)


def write_batch_normalization(b: Builder, node: Node) -> str:
    # ONNX normalizes axis 1: images are channels-first already; other tensors get their last axis
    # (the features) moved there, the axes between gathered into one
    shape = node.input_shapes[0]
    x = b.src(node)
    if len(shape) > 3:
        x = b.op(node, "Reshape", [x, b.const(node, "rows", [0, -1, shape[-1]], dtype=np.int64)])
    if len(shape) >= 2 and not is_image(shape):
        x = b.op(node, "Transpose", [x], perm=[0, 2, 1])
    inputs = [x] + [b.weight(node, p) for p in ("gamma", "beta", "moving_mean", "moving_variance")]
    y = b.op(node, "BatchNormalization", inputs, epsilon=float(node.params["epsilon"]))
    if len(shape) >= 2 and not is_image(shape):
        y = b.op(node, "Transpose", [y], perm=[0, 2, 1])
    if len(shape) > 3:
        y = b.op(node, "Reshape", [y, b.const(node, "shape", [-1, *shape], dtype=np.int64)])
    return y


def write_dropout(b: Builder, node: Node) -> str:
    return b.src(node)  # identity when predicting


def write_flatten(b: Builder, node: Node) -> str:
    return b.op(node, "Flatten", [b.channels_last(node)], axis=1)


def write_reshape(b: Builder, node: Node) -> str:
    shape = b.const(node, "shape", [-1, *node.shape], dtype=np.int64)
    y = b.op(node, "Reshape", [b.channels_last(node), shape])
    return b.op(node, "Transpose", [y], perm=_TO_NCHW) if is_image(node.shape) else y


def write_activation(b: Builder, node: Node) -> str:
    return b.activate(node, b.src(node))


def write_add(b: Builder, node: Node) -> str:
    inputs = [b.tensor[i] for i in node.inputs]
    return b.op(node, "Add" if len(inputs) == 2 else "Sum", inputs)


def write_concatenate(b: Builder, node: Node) -> str:
    axis = channels_first_axis(int(node.params["axis"]), node.shape)
    return b.op(node, "Concat", [b.tensor[i] for i in node.inputs], axis=axis)


# -- recurrent layers: ONNX's RNN, LSTM and GRU operators ----------------------------------------------------
# They take time-major inputs (steps, batch, features) and (gates * units, in) matrices; gate orders are
# LSTM i, o, f, c (Keras: i, f, c, o) and GRU z, r, h (as Keras). B holds the input-side biases, then the
# recurrent-side ones. Cell functions are ONNX's own list: other activations are refused.
_GATE_ORDER = {"SimpleRNN": (0,), "LSTM": (0, 3, 1, 2), "GRU": (0, 1, 2)}
_RNN_FUNCTIONS = {"tanh": "Tanh", "sigmoid": "Sigmoid", "relu": "Relu", "softsign": "Softsign",
                  "hard_sigmoid": "HardSigmoid", "leaky_relu": "LeakyRelu", "elu": "Elu", "linear": "Affine"}


def _rnn_function(node: Node, key: str) -> tuple[str, float | None, float | None]:
    """(ONNX function name, alpha, beta) of the node's activation ``key``."""
    name, p = node.activation(key)
    if name == "softplus" and (p["beta"], p["threshold"]) == (1.0, 20.0):
        return "Softplus", None, None
    if name not in _RNN_FUNCTIONS:
        raise SpecError(_("{label} uses the {replace} '{name}', which ONNX's {type} operator cannot "
                          "compute: choose one of {names}.").format(label=node.label(), replace=key.replace('_', ' '), name=name, type=node.type, names=', '.join(_RNN_FUNCTIONS)), node.id, key)
    alpha_beta = {"hard_sigmoid": (1.0 / 6.0, 0.5), "leaky_relu": (p.get("alpha"), None),
                  "elu": (p.get("alpha"), None), "linear": (1.0, 0.0)}
    return (_RNN_FUNCTIONS[name], *alpha_beta.get(name, (None, None)))


def write_recurrent(b: Builder, node: Node) -> str:
    p = node.params
    units = p["units"]
    order = _GATE_ORDER[node.type]

    def onnx_matrix(w):  # (in, gates * units), Keras order -> (1, gates * units, in), ONNX order
        blocks = [w[:, k * units:(k + 1) * units] for k in order]
        return np.concatenate(blocks, axis=1).T[None]

    def onnx_bias(v):
        return np.concatenate([v[k * units:(k + 1) * units] for k in order])

    inputs = [b.op(node, "Transpose", [b.src(node)], perm=[1, 0, 2]),  # time-major
              b.weight(node, "kernel", onnx_matrix), b.weight(node, "recurrent_kernel", onnx_matrix)]
    if b.graph.has(node, "bias"):
        bias = b.graph.weight(node, "bias")
        recurrent = bias[1] if bias.ndim == 2 else np.zeros_like(bias)  # GRU reset_after: its second bias
        inputs.append(b.const(node, "B", np.concatenate([onnx_bias(bias[0] if bias.ndim == 2 else bias),
                                                         onnx_bias(recurrent)])[None]))
    keys = ["activation"] if node.type == "SimpleRNN" else ["recurrent_activation", "activation", "activation"]
    functions = [_rnn_function(node, key) for key in keys[:2 if node.type == "GRU" else 3]]
    attrs = {"hidden_size": units, "activations": [f[0] for f in functions]}
    # the values are consumed in order by the functions that take them (onnxruntime): list only those
    alphas, betas = [f[1] for f in functions if f[1] is not None], [f[2] for f in functions if f[2] is not None]
    if alphas:
        attrs["activation_alpha"] = alphas
    if betas:
        attrs["activation_beta"] = betas
    if node.type == "GRU":
        attrs["linear_before_reset"] = int(p["reset_after"])
    op_type = {"SimpleRNN": "RNN", "LSTM": "LSTM", "GRU": "GRU"}[node.type]
    y, y_h = b.ops(node, op_type, inputs, 2, **attrs)[:2]
    if p["return_sequences"]:  # Y (steps, 1 direction, batch, units) -> (batch, steps, units)
        y = b.op(node, "Squeeze", [y, b.const(node, "direction_axis", [1], dtype=np.int64)])
        return b.op(node, "Transpose", [y], perm=[1, 0, 2])
    return b.op(node, "Squeeze", [y_h, b.const(node, "direction_axis", [0], dtype=np.int64)])


def write_embedding(b: Builder, node: Node) -> str:
    tokens = b.op(node, "Cast", [b.src(node)], to=b.onnx.TensorProto.INT64)
    return b.op(node, "Gather", [b.weight(node, "embeddings"), tokens], axis=0)


# layer type -> writer, which returns the name of the tensor holding the node's output; a type missing here
# is refused (writers.unsupported). A new layer adds its row.
WRITERS: dict[str, Callable[[Builder, Node], str]] = {
    "Input": write_input,
    "Dense": write_dense,
    "Conv2D": write_conv2d,
    "MaxPooling2D": write_max_pooling2d,
    "AveragePooling2D": write_average_pooling2d,
    "GlobalAveragePooling2D": write_global_average_pooling2d,
    "BatchNormalization": write_batch_normalization,
    "Dropout": write_dropout,
    "Flatten": write_flatten,
    "Reshape": write_reshape,
    "Activation": write_activation,
    "Add": write_add,
    "Concatenate": write_concatenate,
    "SimpleRNN": write_recurrent,
    "LSTM": write_recurrent,
    "GRU": write_recurrent,
    "Embedding": write_embedding,
}
FORMAT_NAME = "ONNX"


def _graph_name(title: str) -> str:
    return " ".join(title.split()) or "network"


def build_model(graph: Graph):
    """The ``onnx.ModelProto`` of ``graph``, checked with ``onnx.checker``."""
    model = Builder(graph).model()
    _onnx().checker.check_model(model, full_check=True)
    return model


def export(graph: Graph, settings, output: Path) -> list[Path]:
    from nnstudio.atomic import write_atomic

    data = build_model(graph).SerializeToString()
    write_atomic(output, lambda f: f.write(data))
    return [output]
