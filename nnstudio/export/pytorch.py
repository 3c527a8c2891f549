"""Export to a standalone PyTorch script: an ``nn.Module`` equal to the network, its weights in an NPZ beside it.

The generated module takes the same arrays as nnstudio (channels-last images); image tensors are held
channels-first inside ``forward`` because that is what ``nn.Conv2d`` wants, and put back in nnstudio's
order before a Flatten or Reshape so every value lands where the engine puts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from nnstudio.engine.errors import SpecError

from .graph import Graph, Node
from .layout import channels_first_axis, is_image, paddings, window
from .script import (IMPORTS_HERE, Script, clean, commented, header, main_block, py,
                     training_data_code, used_imports, wrapped)
from .settings import Settings
from .writers import writer_for
from ..i18n import _

_IMPORTS = """
import argparse
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
"""


def _activation(node: Node, value: str, key: str = "activation") -> str:
    """``value`` (an expression) passed through the node's activation, as PyTorch code."""
    name, p = node.activation(key)
    dim = 1 if is_image(node.shape) else -1
    table = {
        "linear": "{v}",
        "step": "({v} >= 0).to({v}.dtype)",   # Heaviside: 1 where z >= 0
        "sign": "torch.sign({v})",
        "sigmoid": "torch.sigmoid({v})",
        "hard_sigmoid": "F.hardsigmoid({v})",
        "tanh": "torch.tanh({v})",
        "relu": "torch.relu({v})",
        "leaky_relu": "F.leaky_relu({v}, negative_slope=" + py(p.get("alpha")) + ")",
        "elu": "F.elu({v}, alpha=" + py(p.get("alpha")) + ")",
        "celu": "F.celu({v}, alpha=" + py(p.get("alpha")) + ")",
        "selu": "F.selu({v})",
        "gelu": "F.gelu({v})",   # exact erf form (approximate="none")
        "swish": "F.silu({v})",
        "softplus": "F.softplus({v}, beta=" + py(p.get("beta")) + ", threshold=" + py(p.get("threshold")) + ")",
        "softsign": "F.softsign({v})",
        "softmax": f"torch.softmax({{v}}, dim={dim})",
    }
    if name not in table:
        raise SpecError(_("{label} uses the activation '{name}', which the PyTorch export does not know yet.")
                        .format(label=node.label(), name=name), node.id, key)
    return table[name].format(v=value)


class Writer:
    """Collects the lines of ``__init__``, ``forward`` and ``load_weights`` node by node."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.init: list[str] = []
        self.forward: list[str] = []
        self.load: list[str] = []
        self.helpers: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------------------
    def src(self, node: Node, k: int = 0) -> str:
        return self.graph.by_id[node.inputs[k]].ident

    def module(self, node: Node, expr: str, note: str = "") -> None:
        """``self.<ident> = expr`` in ``__init__``, commented with the node it stands for."""
        label = node.label() + (f": {note}" if note else "")
        self.init.extend(commented(wrapped(f"self.{node.ident} = {expr}", 8), label, 92))

    def comment(self, node: Node, what: str) -> None:
        self.forward.append(f"# {node.label()}: {what}")

    def assign(self, node: Node, expr: str) -> None:
        self.forward.append(f"{node.ident} = {expr}")

    def activated(self, node: Node, expr: str) -> None:
        """Assign ``expr`` through the node's activation (step names its input twice: assign it first)."""
        if node.activation()[0] == "step" and not expr.isidentifier():
            self.assign(node, expr)
            expr = node.ident
        self.assign(node, _activation(node, expr))

    def param(self, node: Node, attr: str, key: str, transform: str = "", note: str = "") -> None:
        line = f"model.{node.ident}.{attr}.copy_(get({py(node.id + '/' + key)}){transform})"
        self.load.extend(commented(line, note, 88) if note else [line])

    def channels_last(self, node: Node) -> str:
        """The node's first input in nnstudio's channels-last order."""
        src = self.src(node)
        if is_image(node.input_shapes[0]):
            return f"{src}.permute(0, 2, 3, 1)"
        return src

    def pads(self, node: Node, value: str, fill: str = "") -> tuple[str, tuple[int, int]]:
        """Pad ``value`` explicitly when "same" padding is uneven (with ``fill``, an F.pad argument);
        otherwise give nn's symmetric padding."""
        top, bottom, left, right = paddings(node)
        if top == bottom and left == right:
            return value, (top, left)
        self.forward.extend(commented(f"{node.ident} = F.pad({value}, ({left}, {right}, {top}, {bottom}){fill})",
                                      'TF-style "same": the extra row/column goes after', 92))
        return node.ident, (0, 0)


# -- one writer per layer type: (writer, node), called in topological order ------------------------------
def write_input(w: Writer, node: Node) -> None:
    w.comment(node, f"a batch of samples shaped {tuple(node.shape)}")
    if is_image(node.shape):
        w.forward.append(f"{node.ident} = {node.ident}.permute(0, 3, 1, 2)  "
                         "# channels-last (N, H, W, C) -> channels-first (N, C, H, W)")


def write_dense(w: Writer, node: Node) -> None:
    units, bias = node.params["units"], node.params["use_bias"]
    act = node.activation()[0]
    w.module(node, f"nn.Linear({node.input_shapes[0][-1]}, {units}{'' if bias else ', bias=False'})")
    w.comment(node, f"{units} unit{'s' if units > 1 else ''}, {act}")
    w.activated(node, f"self.{node.ident}({w.src(node)})")
    w.param(node, "weight", "kernel", ".T", f"{node.label()}: kernel (in, units) -> weight (units, in)")
    if bias:
        w.param(node, "bias", "bias")


def write_conv2d(w: Writer, node: Node) -> None:
    (kh, kw), (sh, sw) = window(node)
    filters, bias = node.params["filters"], node.params["use_bias"]
    w.comment(node, f"{filters} filters {kh}x{kw}, stride {sh}x{sw}, padding "
              f"{node.params['padding']}, {node.activation()[0]}")
    value, (ph, pw) = w.pads(node, w.src(node))
    args = [f"{node.input_shapes[0][2]}, {filters}, kernel_size=({kh}, {kw})"]
    args += [f"stride=({sh}, {sw})"] if (sh, sw) != (1, 1) else []
    args += [f"padding=({ph}, {pw})"] if (ph, pw) != (0, 0) else []
    args += ["bias=False"] if not bias else []
    w.module(node, f"nn.Conv2d({', '.join(args)})")
    w.activated(node, f"self.{node.ident}({value})")
    w.param(node, "weight", "kernel", ".permute(3, 2, 0, 1)",
            f"{node.label()}: kernel (kh, kw, in, out) -> (out, in, kh, kw)")
    if bias:
        w.param(node, "bias", "bias")


def write_max_pooling2d(w: Writer, node: Node) -> None:
    (kh, kw), (sh, sw) = window(node)
    w.comment(node, f"{kh}x{kw} windows, stride {sh}x{sw}, padding {node.params['padding']}")
    value, (ph, pw) = w.pads(node, w.src(node), fill=', value=float("-inf")')
    args = [f"kernel_size=({kh}, {kw})"]
    args += [f"stride=({sh}, {sw})"] if (sh, sw) != (kh, kw) else []
    args += [f"padding=({ph}, {pw})"] if (ph, pw) != (0, 0) else []
    w.module(node, f"nn.MaxPool2d({', '.join(args)})")
    w.assign(node, f"self.{node.ident}({value})")


def write_average_pooling2d(w: Writer, node: Node) -> None:
    (kh, kw), (sh, sw) = window(node)
    top, bottom, left, right = paddings(node)
    w.comment(node, f"{kh}x{kw} windows, stride {sh}x{sw}, padding {node.params['padding']}")
    if top == bottom and left == right:
        args = [f"kernel_size=({kh}, {kw})"]
        args += [f"stride=({sh}, {sw})"] if (sh, sw) != (kh, kw) else []
        if (top, left) != (0, 0):  # as Keras, border windows average their real pixels only
            args += [f"padding=({top}, {left})", "count_include_pad=False"]
        w.module(node, f"nn.AvgPool2d({', '.join(args)})")
        w.assign(node, f"self.{node.ident}({w.src(node)})")
    else:
        w.helpers.add("avg_pool_same")
        w.assign(node, f"avg_pool_same({w.src(node)}, ({kh}, {kw}), ({sh}, {sw}), "
                                       f"({left}, {right}, {top}, {bottom}))")


def write_global_average_pooling2d(w: Writer, node: Node) -> None:
    w.comment(node, "mean of each channel")
    w.assign(node, f"{w.src(node)}.mean(dim=(2, 3))")


def write_batch_normalization(w: Writer, node: Node) -> None:
    shape = node.input_shapes[0]
    kind = "BatchNorm2d" if is_image(shape) else "BatchNorm1d"
    eps, momentum = node.params["epsilon"], node.params["momentum"]
    w.module(node, f"nn.{kind}({shape[-1]}, eps={py(eps)}, momentum={py(round(1.0 - momentum, 12))})",
             f"torch momentum = 1 - Keras momentum {py(momentum)}")
    w.comment(node, "moving statistics when predicting, batch ones in training mode")
    src = w.src(node)
    if len(shape) == 2:  # (steps, features): BatchNorm1d wants the features on axis 1
        w.assign(node, f"self.{node.ident}({src}.transpose(1, 2)).transpose(1, 2)")
    elif len(shape) > 3:  # normalize the last axis: gather the others into one
        w.assign(node, f"self.{node.ident}({src}.flatten(1, -2).transpose(1, 2)).transpose(1, 2)"
                 f".reshape({src}.shape)")
    else:
        w.assign(node, f"self.{node.ident}({src})")
    w.param(node, "weight", "gamma")
    w.param(node, "bias", "beta")
    w.param(node, "running_mean", "moving_mean")
    w.param(node, "running_var", "moving_variance")


def write_dropout(w: Writer, node: Node) -> None:
    w.module(node, f"nn.Dropout(p={py(node.params['rate'])})")
    w.comment(node, "active in training mode only")
    w.assign(node, f"self.{node.ident}({w.src(node)})")


def write_flatten(w: Writer, node: Node) -> None:
    w.comment(node, "values in nnstudio's channels-last order")
    w.assign(node, f"{w.channels_last(node)}.flatten(1)")


def write_reshape(w: Writer, node: Node) -> None:
    dims = ", ".join(str(d) for d in node.shape)
    w.comment(node, f"to {tuple(node.shape)} per sample")
    expr = f"{w.channels_last(node)}.reshape(-1, {dims})"
    if is_image(node.shape):
        expr += ".permute(0, 3, 1, 2)"
    w.assign(node, expr)


def write_activation(w: Writer, node: Node) -> None:
    w.comment(node, node.activation()[0])
    w.activated(node, w.src(node))


def write_add(w: Writer, node: Node) -> None:
    w.comment(node, "element-wise sum")
    w.assign(node, " + ".join(w.graph.by_id[i].ident for i in node.inputs))


def write_concatenate(w: Writer, node: Node) -> None:
    dim = channels_first_axis(int(node.params["axis"]), node.shape)
    axis = int(node.params["axis"])
    where = f"axis {axis}"
    if is_image(node.shape):  # name the axis: its number differs between the two layouts
        where += f" ({('height', 'width', 'channels')[axis % 4 - 1]}: dim {dim} channels-first)"
    w.comment(node, f"joined along {where}")
    parts = ", ".join(w.graph.by_id[i].ident for i in node.inputs)
    w.assign(node, f"torch.cat([{parts}], dim={dim})")


# -- recurrent layers: torch's own modules where they compute the same thing, else a cell written out ---------
# torch keeps (gates * units, in) matrices, gates i, f, g, o for the LSTM (Keras' order too) and r, z, n for
# the GRU (Keras: z, r, h): ``gru_gates`` swaps the first two blocks. nnstudio has one LSTM/RNN bias where
# torch has two (input side and recurrent side): the second is zero.
_RECURRENT = {  # type -> (torch module, custom module written out, its helper)
    "SimpleRNN": ("nn.RNN", "SimpleRNNLayer", "simple_rnn_layer"),
    "LSTM": ("nn.LSTM", "LSTMLayer", "lstm_layer"),
    "GRU": ("nn.GRU", "GRULayer", "gru_layer"),
}


def _torch_builds_it(node: Node) -> bool:
    """torch.nn.RNN/LSTM/GRU compute this layer: tanh cells (RNN: or relu), sigmoid gates, GRU reset after."""
    act = node.activation()[0]
    if node.type == "SimpleRNN":
        return act in ("tanh", "relu")
    gates_ok = node.activation("recurrent_activation")[0] == "sigmoid"
    return act == "tanh" and gates_ok and node.params.get("reset_after", True)


def write_recurrent(w: Writer, node: Node) -> None:
    units, bias = node.params["units"], node.params["use_bias"]
    features = node.input_shapes[0][-1]
    torch_module, custom, helper = _RECURRENT[node.type]
    if _torch_builds_it(node):
        extra = ", nonlinearity='relu'" if node.type == "SimpleRNN" and node.activation()[0] == "relu" else ""
        w.module(node, f"{torch_module}({features}, {units}, batch_first=True{extra}"
                       f"{'' if bias else ', bias=False'})")
    else:
        w.helpers.add(helper)
        args = [f"{features}, {units}", f"activation=lambda v: {_activation(node, 'v')}"]
        if node.type != "SimpleRNN":
            args.append(f"recurrent_activation=lambda v: {_activation(node, 'v', 'recurrent_activation')}")
        if node.type == "GRU" and not node.params["reset_after"]:
            args.append("reset_after=False")
        if not bias:
            args.append("bias=False")
        w.module(node, f"{custom}({', '.join(args)})", "a cell written out (torch's has only tanh)")
    steps = node.input_shapes[0][0]
    if node.params["return_sequences"]:
        w.comment(node, f"{units} units over {steps} timesteps, the state at every step")
        w.assign(node, f"self.{node.ident}({w.src(node)})[0]")
    else:
        w.comment(node, f"{units} units over {steps} timesteps, the last state")
        w.assign(node, f"self.{node.ident}({w.src(node)})[0][:, -1]")
    key = f"{node.id}/"
    gates = (lambda expr: f"gru_gates({expr}, {units})") if node.type == "GRU" else (lambda expr: expr)
    if node.type == "GRU":
        w.helpers.add("gru_gates")
    kernel, recurrent = (f"get({py(key + name)})" for name in ("kernel", "recurrent_kernel"))
    w.load.append(f"model.{node.ident}.weight_ih_l0.copy_({gates(kernel)}.T)  # (in, gates) -> (gates, in)")
    w.load.append(f"model.{node.ident}.weight_hh_l0.copy_({gates(recurrent)}.T)")
    if bias:
        b = f"get({py(key + 'bias')})"
        if node.type == "GRU" and node.params["reset_after"]:
            w.load.append(f"model.{node.ident}.bias_ih_l0.copy_({gates(b + '[0]')})")
            w.load.append(f"model.{node.ident}.bias_hh_l0.copy_({gates(b + '[1]')})")
        else:
            w.load.append(f"model.{node.ident}.bias_ih_l0.copy_({gates(b)})")
            w.load.append(f"model.{node.ident}.bias_hh_l0.zero_()  # nnstudio has one bias here")


def write_embedding(w: Writer, node: Node) -> None:
    w.module(node, f"nn.Embedding({node.params['input_dim']}, {node.params['output_dim']})")
    w.comment(node, "token numbers -> learned vectors")
    w.assign(node, f"self.{node.ident}({w.src(node)}.long())")
    w.param(node, "weight", "embeddings")


# layer type -> writer; a type missing here is refused (writers.unsupported). A new layer adds its row.
WRITERS: dict[str, Callable[[Writer, Node], None]] = {
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
FORMAT_NAME = "PyTorch"


_HELPERS = {
    "avg_pool_same": '''
def avg_pool_same(x, kernel, stride, pads):
    """Average pooling with uneven "same" padding: windows average their real pixels only."""
    total = F.avg_pool2d(F.pad(x, pads), kernel, stride, divisor_override=1)
    count = F.avg_pool2d(F.pad(torch.ones_like(x[:, :1]), pads), kernel, stride, divisor_override=1)
    return total / count
''',
    "gru_gates": '''
def gru_gates(w, units):
    """Keras keeps the GRU gates in the order z, r, h along the last axis; torch wants r, z, n."""
    z, r, h = w.split(units, dim=-1)
    return torch.cat([r, z, h], dim=-1)
''',
    "simple_rnn_layer": '''
class SimpleRNNLayer(nn.Module):
    """nn.RNN with any activation: h = activation(x W_ih^T + b_ih + h W_hh^T + b_hh) at each timestep."""

    def __init__(self, input_size, hidden_size, activation, bias=True):
        super().__init__()
        self.activation = activation
        self.weight_ih_l0 = nn.Parameter(torch.zeros(hidden_size, input_size))
        self.weight_hh_l0 = nn.Parameter(torch.zeros(hidden_size, hidden_size))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(hidden_size)) if bias else None
        self.bias_hh_l0 = nn.Parameter(torch.zeros(hidden_size)) if bias else None

    def forward(self, x):
        h = x.new_zeros(x.shape[0], self.weight_hh_l0.shape[0])
        states = []
        for t in range(x.shape[1]):
            h = self.activation(F.linear(x[:, t], self.weight_ih_l0, self.bias_ih_l0)
                                + F.linear(h, self.weight_hh_l0, self.bias_hh_l0))
            states.append(h)
        return torch.stack(states, dim=1), h
''',
    "lstm_layer": '''
class LSTMLayer(nn.Module):
    """nn.LSTM (gates i, f, g, o) with any cell activation and gate function (torch's: tanh and sigmoid)."""

    def __init__(self, input_size, hidden_size, activation, recurrent_activation, bias=True):
        super().__init__()
        self.activation, self.recurrent_activation = activation, recurrent_activation
        self.weight_ih_l0 = nn.Parameter(torch.zeros(4 * hidden_size, input_size))
        self.weight_hh_l0 = nn.Parameter(torch.zeros(4 * hidden_size, hidden_size))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(4 * hidden_size)) if bias else None
        self.bias_hh_l0 = nn.Parameter(torch.zeros(4 * hidden_size)) if bias else None

    def forward(self, x):
        h = c = x.new_zeros(x.shape[0], self.weight_hh_l0.shape[1])
        states = []
        for t in range(x.shape[1]):
            gates = F.linear(x[:, t], self.weight_ih_l0, self.bias_ih_l0) + F.linear(h, self.weight_hh_l0,
                                                                                       self.bias_hh_l0)
            i, f, g, o = gates.chunk(4, dim=1)
            c = self.recurrent_activation(f) * c + self.recurrent_activation(i) * self.activation(g)
            h = self.recurrent_activation(o) * self.activation(c)
            states.append(h)
        return torch.stack(states, dim=1), h
''',
    "gru_layer": '''
class GRULayer(nn.Module):
    """nn.GRU (gates r, z, n) with any activation and gate function; reset_after=False applies the reset
    gate before the recurrent product, as Keras' GRU(reset_after=False)."""

    def __init__(self, input_size, hidden_size, activation, recurrent_activation, reset_after=True, bias=True):
        super().__init__()
        self.activation, self.recurrent_activation = activation, recurrent_activation
        self.reset_after = reset_after
        self.weight_ih_l0 = nn.Parameter(torch.zeros(3 * hidden_size, input_size))
        self.weight_hh_l0 = nn.Parameter(torch.zeros(3 * hidden_size, hidden_size))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(3 * hidden_size)) if bias else None
        self.bias_hh_l0 = nn.Parameter(torch.zeros(3 * hidden_size)) if bias else None

    def forward(self, x):
        units = self.weight_hh_l0.shape[1]
        h = x.new_zeros(x.shape[0], units)
        w_hr, w_hz, w_hn = self.weight_hh_l0.split(units)
        b_hh = self.bias_hh_l0 if self.bias_hh_l0 is not None else x.new_zeros(3 * units)
        b_hr, b_hz, b_hn = b_hh.split(units)
        states = []
        for t in range(x.shape[1]):
            x_r, x_z, x_n = F.linear(x[:, t], self.weight_ih_l0, self.bias_ih_l0).chunk(3, dim=1)
            r = self.recurrent_activation(x_r + F.linear(h, w_hr, b_hr))
            z = self.recurrent_activation(x_z + F.linear(h, w_hz, b_hz))
            if self.reset_after:
                n = self.activation(x_n + r * F.linear(h, w_hn, b_hn))
            else:
                n = self.activation(x_n + F.linear(r * h, w_hn, b_hn))
            h = (1 - z) * n + z * h
            states.append(h)
        return torch.stack(states, dim=1), h
''',
}


def _loss_code(settings: Settings, graph: Graph) -> list[str]:
    name, p = settings.loss, settings.loss_params
    simple = {
        "mse": "nn.MSELoss()",
        "mae": "nn.L1Loss()",
        "huber": f"nn.HuberLoss(delta={py(p.get('delta', 1.0))})",
        "binary_crossentropy": "nn.BCELoss()  # on the sigmoid probabilities, as nnstudio",
    }
    if name in simple:
        return [f"loss_fn = {simple[name]}"]
    if name == "sparse_categorical_crossentropy":
        return ["def loss_fn(probabilities, target):",
                '    """Sparse categorical cross-entropy: the mean of -log(probability of the target class)."""',
                "    return F.nll_loss(torch.log(probabilities).clamp_min(-100.0), target)  # log clamped as BCELoss"]
    if name == "categorical_crossentropy":
        return ["def loss_fn(probabilities, target):",
                '    """Categorical cross-entropy with one-hot targets: mean over the batch of -sum(t * log p)."""',
                "    return -(target * torch.log(probabilities).clamp_min(-100.0)).sum(dim=1).mean()"]
    if name == "sum_squared_error":
        return ["def loss_fn(prediction, target):",
                '    """The course\'s squared error: 1/2 sum of (prediction - target)^2 over the whole batch."""',
                "    return 0.5 * F.mse_loss(prediction, target, reduction=\"sum\")"]
    if name == "cross_entropy_error":
        return ["def loss_fn(probabilities, target):",
                '    """The course\'s cross-entropy: mean over the batch of -sum(t * log(p + epsilon))."""',
                f"    return -(target * torch.log(probabilities + {py(p.get('epsilon', 1e-8))})).sum(dim=1).mean()"]
    raise ValueError(_("The loss '{name}' has no PyTorch export yet.").format(name=name))


_TORCH_OPTIMIZERS = {
    # nnstudio (Keras names) -> torch.optim class and argument names
    "sgd": ("SGD", {"learning_rate": "lr", "momentum": "momentum", "nesterov": "nesterov",
                    "weight_decay": "weight_decay"}),
    "adam": ("Adam", {"learning_rate": "lr", "epsilon": "eps", "weight_decay": "weight_decay"}),
    "adamw": ("AdamW", {"learning_rate": "lr", "epsilon": "eps", "weight_decay": "weight_decay"}),
    "rmsprop": ("RMSprop", {"learning_rate": "lr", "rho": "alpha", "epsilon": "eps", "momentum": "momentum",
                            "weight_decay": "weight_decay"}),
    "adagrad": ("Adagrad", {"learning_rate": "lr", "initial_accumulator_value": "initial_accumulator_value",
                            "epsilon": "eps", "weight_decay": "weight_decay"}),
    "lbfgs": ("LBFGS", {"learning_rate": "lr", "max_iter": "max_iter", "history_size": "history_size",
                        "tolerance_grad": "tolerance_grad", "tolerance_change": "tolerance_change",
                        "line_search": "line_search_fn"}),
}


def _optimizer_code(settings: Settings) -> str:
    name, p = settings.optimizer, settings.optimizer_params
    cls, names = _TORCH_OPTIMIZERS[name]
    args = [f"{names[k]}={py(v)}" for k, v in p.items() if k in names]
    if name in ("adam", "adamw"):
        args.insert(1, f"betas=({py(p['beta_1'])}, {py(p['beta_2'])})")
    unknown = sorted(set(p) - set(names) - {"beta_1", "beta_2", "clipnorm"})
    if unknown:
        raise ValueError(_("The optimizer '{name}' parameter '{param}' has no torch.optim equivalent.")
                         .format(name=name, param=unknown[0]))
    return f"torch.optim.{cls}(model.parameters(), {', '.join(args)})"


def _regularization_code(graph: Graph) -> list[str]:
    terms = []
    for node in graph.nodes:
        # its writer names the kernel module's ``weight``; a recurrent layer's are weight_ih_l0 and weight_hh_l0
        # (transposed, gates reordered: the same sums)
        kernels = (("kernel_regularizer", "weight_ih_l0"), ("recurrent_regularizer", "weight_hh_l0")) \
            if node.type in _RECURRENT else (("kernel_regularizer", "weight"),)
        for key, attr in kernels:
            reg = node.params.get(key)
            if not reg:
                continue
            w = f"model.{node.ident}.{attr}"
            if reg.get("l1"):
                terms.append(f"{py(reg['l1'])} * {w}.abs().sum()")
            if reg.get("l2"):
                terms.append(f"{py(reg['l2'])} * {w}.pow(2).sum()")
    lines = ["def regularization(model):",
             '    """The kernel regularizers of the nnstudio layers: l1 * sum|W| + l2 * sum W^2."""']
    lines.append(f"    return {' + '.join(terms) if terms else '0.0'}")
    return lines


def _train_code(graph: Graph, settings: Settings) -> list[str]:
    clip = settings.optimizer_params.get("clipnorm")
    # Keras clipnorm, as nnstudio: g * c / max(|g|, c) per tensor (clip_grad_norm_ adds 1e-6 to the norm)
    clip_lines = ([f"for p in model.parameters():  # clipnorm: each gradient tensor to norm <= {py(clip)}",
                   f"    p.grad.mul_({py(clip)} / max(p.grad.norm().item(), {py(clip)}))"] if clip else [])
    if settings.optimizer == "perceptron":
        dense = graph.output
        lr = py(settings.optimizer_params.get("learning_rate", 1.0))
        bias = "\n                    layer.bias += lr * error" if dense.params.get("use_bias") else ""
        return f'''
def train(model, X, y, epochs=EPOCHS, batch_size=None, lr={lr}):
    """The perceptron rule, sample by sample: w <- w + lr (y - y_hat) x, until an epoch makes no mistake."""
    layer = model.{dense.ident}
    generator = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for epoch in range(1, epochs + 1):
            mistakes = 0
            for i in torch.randperm(len(X), generator=generator):
                error = y[i] - model(X[i:i + 1])[0]
                if torch.any(error != 0):
                    mistakes += 1
                    layer.weight += lr * torch.outer(error, X[i]){bias}
            print(f"epoch {{epoch}}/{{epochs}}  mistakes {{mistakes}}")
            if mistakes == 0:
                break
    return model
'''.strip("\n").split("\n")
    if settings.optimizer == "lbfgs":
        body = ["    optimizer = make_optimizer(model)",
                "    model.train()",
                "",
                "    def closure():",
                "        optimizer.zero_grad()",
                "        loss = loss_fn(model(X), y) + regularization(model)",
                "        loss.backward()",
                *("        " + line for line in clip_lines),
                "        return loss",
                "",
                "    for epoch in range(1, epochs + 1):  # L-BFGS works on the whole data set at once",
                "        loss = optimizer.step(closure)",
                '        print(f"epoch {epoch}/{epochs}  loss {loss.item():.5f}")',
                "    model.eval()",
                "    return model"]
        return ["def train(model, X, y, epochs=EPOCHS, batch_size=None):",
                '    """Full-batch L-BFGS on the loss nnstudio trains with."""', *body]
    return ["def train(model, X, y, epochs=EPOCHS, batch_size=BATCH_SIZE):",
            '    """Mini-batch training with the loss and optimizer nnstudio trains with."""',
            "    optimizer = make_optimizer(model)",
            "    generator = torch.Generator().manual_seed(SEED)",
            "    batch_size = batch_size or len(X)",
            "    model.train()  # dropout on, batch normalization on batch statistics",
            "    for epoch in range(1, epochs + 1):",
            "        order = torch.randperm(len(X), generator=generator)",
            "        total = 0.0",
            "        for start in range(0, len(X), batch_size):",
            "            batch = order[start:start + batch_size]",
            "            optimizer.zero_grad()",
            "            loss = loss_fn(model(X[batch]), y[batch])",
            "            (loss + regularization(model)).backward()",
            *("            " + line for line in clip_lines),
            "            optimizer.step()",
            "            total += loss.item() * len(batch)",
            '        print(f"epoch {epoch}/{epochs}  loss {total / len(X):.5f}")',
            "    model.eval()",
            "    return model"]


def generate(graph: Graph, settings: Settings, script_name: str, weights_name: str) -> str:
    """The script's source text."""
    w = Writer(graph)
    for node in graph.nodes:
        writer_for(WRITERS, FORMAT_NAME, node)(w, node)
    out = graph.output
    ret = f"{out.ident}.permute(0, 2, 3, 1)  # back to channels-last" if is_image(out.shape) else out.ident
    s = Script()
    s.add(header(graph, script_name, weights_name, "torch", IMPORTS_HERE))
    s.add(f"WEIGHTS = Path(__file__).with_name({py(weights_name)})\n"
          f"INPUT_SHAPE = {tuple(graph.input.shape)!r}  # one sample, channels-last like nnstudio\n"
          f"EPOCHS = {settings.epochs}\nBATCH_SIZE = {py(settings.batch_size)}\nSEED = {settings.seed}\n")
    for helper in sorted(w.helpers):
        s.add(_HELPERS[helper].strip("\n") + "\n")
    cls = ["class Net(nn.Module):",
           f'    """{clean(graph.title)}: the nnstudio network, layer for layer (comments name the node ids)."""',
           "",
           "    def __init__(self):",
           "        super().__init__()",
           *("        " + line for line in w.init),
           "",
           f"    def forward(self, {graph.input.ident}):",
           *("        " + line for line in w.forward),
           f"        return {ret}"]
    s.add("\n".join(cls) + "\n")
    load = ["def load_weights(model, path=WEIGHTS):",
            '    """Copy nnstudio\'s weights (NPZ keys "node_id/param") into the module."""']
    if w.load:
        load += ["    with np.load(path, allow_pickle=False) as arrays:",
                 "        def get(key):",
                 "            return torch.from_numpy(arrays[key])",
                 "",
                 "        with torch.no_grad():",
                 *("            " + line for line in w.load)]
    load.append("    return model" if w.load else "    return model  # this network has no weights")
    s.add("\n".join(load) + "\n")
    s.add('def build_model():\n    """The network with the exported weights, in evaluation mode."""\n'
          "    return load_weights(Net()).eval()\n")
    if settings.optimizer != "perceptron":  # the perceptron rule needs no loss function
        s.add("\n".join(_loss_code(settings, graph)) + "\n")
        call = wrapped(_optimizer_code(settings), 11)
        s.add(f"def make_optimizer(model):\n    return {call}\n")
        s.add("\n".join(_regularization_code(graph)) + "\n")
    s.add(training_data_code(graph, settings, "torch"))
    s.add("\n".join(_train_code(graph, settings)) + "\n")
    s.add(main_block("torch"))
    body = s.text()
    return body.replace(IMPORTS_HERE, used_imports(_IMPORTS, body.split(IMPORTS_HERE, 1)[1]), 1)


def export(graph: Graph, settings: Settings, output: Path) -> list[Path]:
    """Write ``output`` (the script) and the NPZ of weights beside it; return both paths."""
    from .script import write_script_and_weights

    return write_script_and_weights(graph, settings, output, generate)
