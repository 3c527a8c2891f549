"""The formula of each stop of the backprop explorer, in plain notation with the numbers substituted.

Every function takes the engine's ``Trace`` (and the stop's node) and returns HTML for a QTextBrowser. The
numbers are the first sample's of the batch where a vector is shown; gradients are the batch's, as training
uses them.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from nnstudio.engine import activations
from nnstudio.engine.trace import NodeTrace, Trace, Update

SHOWN = 6          # entries of a vector written out
UNITS = 3          # units whose weighted sum is written out term by term
TERMS = 4          # products written out in one weighted sum
MATRIX = 5         # rows and columns of a matrix written out


def _tr(text: str) -> str:
    return QCoreApplication.translate("StepInside", text)


def num(v) -> str:
    """Every number Step Inside shows (formulas, matrices, update table, the diagram's labels), so one value
    reads the same everywhere: three significant digits, trailing zeros dropped, a real minus; scientific
    notation outside 0.001…10000 (2.5e−4)."""
    v = float(v)
    if v == 0.0 or not math.isfinite(v):
        return "0" if v == 0.0 else str(v)
    if 1e-3 <= abs(v) < 1e4:
        text = f"{v:.{max(0, 2 - math.floor(math.log10(abs(v))))}f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    else:
        mantissa, exponent = f"{v:.2e}".split("e")
        text = f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    return text.replace("-", "−")


def vec(a) -> str:
    a = np.asarray(a).ravel()
    parts = [num(v) for v in a[:SHOWN]]
    if a.size > SHOWN:
        parts.append(_tr("… ({0} values)").format(a.size))
    return "(" + ", ".join(parts) + ")"


def par(v) -> str:
    """A number in a product: negative ones in parentheses."""
    text = num(v)
    return f"({text})" if text.startswith("−") else text


def matrix(a) -> str:
    """A small table of a matrix's top-left corner."""
    a = np.atleast_2d(np.asarray(a))
    if a.ndim > 2:
        a = a.reshape(-1, a.shape[-1])
    rows = []
    for r in a[:MATRIX]:
        cells = "".join(f"<td align='right' style='white-space:nowrap'>{num(v)}</td>" for v in r[:MATRIX])
        more = "<td>…</td>" if a.shape[1] > MATRIX else ""
        rows.append(f"<tr>{cells}{more}</tr>")
    if a.shape[0] > MATRIX:
        rows.append("<tr><td>⋮</td></tr>")
    return "<table cellspacing='0' cellpadding='2' style='border:1px solid #bbb; font-size:small'>" + "".join(rows) + "</table>"


def heading(text: str) -> str:
    return f"<h3 style='margin:2px 0 6px 0'>{text}</h3>"


def line(text: str) -> str:
    return f"<p style='margin:3px 0'>{text}</p>"


def note(text: str) -> str:
    return f"<p style='margin:3px 0; color:#555'>{text}</p>"


# --- forward ------------------------------------------------------------------------------------------------

SCALINGS = {    # how the features were scaled before training, said under the sample
    "standard": QT_TRANSLATE_NOOP("StepInside", "The network sees the features standardized: x = (value − mean) / "
                                                "standard deviation, with the training data's mean and standard "
                                                "deviation of each feature (Data panel, Scaling)."),
    "minmax": QT_TRANSLATE_NOOP("StepInside", "The network sees the features scaled to 0…1: x = (value − min) / "
                                              "(max − min), with the training data's minimum and maximum of each "
                                              "feature (Data panel, Scaling)."),
    "images": QT_TRANSLATE_NOOP("StepInside", "The network sees the pixels scaled to 0…1: x = (value − min) / "
                                              "(max − min), with the smallest and largest pixel values of the "
                                              "training images."),
}


def input_html(tr: Trace, rows: list[int], target_text: str,
               given: tuple[str, np.ndarray] | None = None) -> str:
    """The first stop. ``given``: (how the features were scaled, the sample as the data has it) when the
    network sees them scaled, so a student finds the data's numbers (XOR's 0 and 1) and sees where x's
    numbers (−1 and 1) come from."""
    x = tr.nodes[0].a
    out = [heading(_tr("The input"))]
    if given is not None and given[1].size <= SHOWN:
        out.append(line(_tr("Sample {0} in the data: {1}").format(rows[0] + 1, vec(given[1]))))
        out.append(line(_tr("scaled: x = {0}").format(vec(x[0]))))
    else:
        out.append(line(_tr("Sample {0}: x = {1}").format(rows[0] + 1, vec(x[0]))))
    out.append(line(_tr("target y = {0}").format(target_text)))
    if given is not None:
        out.append(note(_tr(SCALINGS[given[0]])))
    if len(rows) > 1:
        out.append(note(_tr("This step takes {0} samples ({1}); the circles show the first, the gradients "
                            "average over all of them.").format(len(rows), ", ".join(str(r + 1) for r in rows))))
    return "".join(out)


def fully_connected(node: NodeTrace) -> bool:
    """Each output is a weighted sum of all the flat inputs (a 2-D kernel on flat data): z = W·x + b."""
    kernel = node.weights.get("kernel")
    return kernel is not None and kernel.ndim == 2 and len(node.inputs) == 1 and node.inputs[0].ndim == 2


def weighted_sum_html(node: NodeTrace) -> str:
    """z = W·x + b for a Dense layer, unit by unit, the products written out."""
    x, W = node.inputs[0][0], node.weights["kernel"]
    b = node.weights.get("bias")
    out = [line(_tr("<b>z = W·x + b</b>: each unit adds up its {0} inputs times their weights, plus its bias")
                .format(x.size))]
    for j in range(min(UNITS, W.shape[1])):
        terms = [f"{par(W[i, j])}·{par(x[i])}" for i in range(min(TERMS, x.size))]
        if x.size > TERMS:
            terms.append(_tr("… ({0} more)").format(x.size - TERMS))
        if b is not None:
            terms.append(par(b[j]))
        out.append(line(f"z<sub>{j + 1}</sub> = " + " + ".join(terms) + f" = <b>{num(node.z[0, j])}</b>"))
    if W.shape[1] > UNITS:
        out.append(note(_tr("… and the same for the other {0} units: z = {1}").format(W.shape[1] - UNITS,
                                                                                      vec(node.z[0]))))
    return "".join(out)


def activation_html(node: NodeTrace) -> str:
    if node.activation == "linear":
        return line(_tr("<b>a = z</b> (linear: no activation) = {0}").format(vec(node.a[0])))
    return line(_tr("<b>a = {0}(z)</b> = {1}").format(node.activation, vec(node.a[0])))


# how the forward pass of a layer type reads, beyond the weighted sum and activation (a fallback for others)
FORWARD_WORDS = {
    "Conv2D": QT_TRANSLATE_NOOP(
        "StepInside", "z = W ∗ x + b: each filter slides over the image and adds up what it covers"),
    "Activation": QT_TRANSLATE_NOOP("StepInside", "z is the input; the layer only applies its function"),
    "Flatten": QT_TRANSLATE_NOOP("StepInside", "the values are laid out in one row, nothing computed"),
    "Dropout": QT_TRANSLATE_NOOP(
        "StepInside", "while training, a random fraction of the values is set to 0 and the rest scaled up"),
    "Add": QT_TRANSLATE_NOOP("StepInside", "the inputs are added element by element"),
    "Concatenate": QT_TRANSLATE_NOOP("StepInside", "the inputs are put side by side"),
    "MaxPooling2D": QT_TRANSLATE_NOOP("StepInside", "each window keeps its largest value"),
    "AveragePooling2D": QT_TRANSLATE_NOOP("StepInside", "each window keeps its mean"),
    "BatchNormalization": QT_TRANSLATE_NOOP(
        "StepInside", "each feature is standardised with the batch's mean and spread, then scaled and shifted"),
    "Reshape": QT_TRANSLATE_NOOP("StepInside", "the same values in a new shape, nothing computed"),
    "GlobalAveragePooling2D": QT_TRANSLATE_NOOP("StepInside", "each channel becomes its mean over the image"),
    "Embedding": QT_TRANSLATE_NOOP("StepInside", "each integer token picks its row of the table W: a = W[x]"),
    # a Dense layer fed a sequence: Keras applies it at each timestep
    "Dense": QT_TRANSLATE_NOOP("StepInside", "z = x W + b at each timestep, with the same W and b for every step"),
    "SimpleRNN": QT_TRANSLATE_NOOP(
        "StepInside", "one timestep after another: h<sub>t</sub> = φ(x<sub>t</sub> W + h<sub>t−1</sub> U + b), "
                      "h<sub>0</sub> = 0, φ the layer's activation; the output is the last h (every h with "
                      "return_sequences)"),
    "LSTM": QT_TRANSLATE_NOOP(
        "StepInside", "one timestep after another: gates i, f, o = σ(x<sub>t</sub> W + h<sub>t−1</sub> U + b) "
                      "and a candidate g = φ(…); the memory c<sub>t</sub> = f·c<sub>t−1</sub> + i·g and "
                      "h<sub>t</sub> = o·φ(c<sub>t</sub>), φ the layer's activation; the output is the last h "
                      "(every h with return_sequences)"),
    "GRU": QT_TRANSLATE_NOOP(
        "StepInside", "one timestep after another: gates z, r = σ(x<sub>t</sub> W + h<sub>t−1</sub> U + b + "
                      "b′), a candidate n = φ(x<sub>t</sub> W + b + r·(h<sub>t−1</sub> U + b′)) and h<sub>t</sub> "
                      "= z·h<sub>t−1</sub> + (1 − z)·n, φ the layer's activation, b and b′ the bias's two rows; "
                      "the output is the last h (every h with return_sequences)"),
}


def titled(name: str, type_name: str) -> str:
    """A layer's name and, when it says something more, its type: "hidden (Dense)", but "LSTM"."""
    return name if name == type_name else f"{name} ({type_name})"


def forward_html(tr: Trace, node: NodeTrace, name: str) -> str:
    out = [heading(_tr("{0}: forward").format(titled(name, node.type)))]
    if fully_connected(node) and node.z is not None:
        out.append(weighted_sum_html(node))
    else:
        words = FORWARD_WORDS.get(node.type)
        if words:
            out.append(line(_tr(words)))
        if node.z is not None:
            out.append(line(_tr("z = {0}").format(vec(node.z[0]))))
    if node.z is not None:
        out.append(activation_html(node))
    else:
        out.append(line(_tr("a = {0}").format(vec(node.a[0]))))
    if node.a.ndim > 2:
        shape = " × ".join(str(d) for d in node.a.shape[1:])
        out.append(note(_tr("One sample's output has the shape {0}: the circles and heatmaps show it flattened.")
                        .format(shape)))
    return "".join(out)


# --- loss -----------------------------------------------------------------------------------------------------

LOSS_FORMULAS = {
    "mse": QT_TRANSLATE_NOOP("StepInside", "L = mean over samples and outputs of (a − y)²"),
    "mae": QT_TRANSLATE_NOOP("StepInside", "L = mean over samples and outputs of |a − y|"),
    "binary_crossentropy": QT_TRANSLATE_NOOP("StepInside", "L = −mean( y·log a + (1 − y)·log(1 − a) )"),
    "sparse_categorical_crossentropy": QT_TRANSLATE_NOOP(
        "StepInside", "L = −mean( log a<sub>y</sub> ): minus the log of the right class's probability"),
    "categorical_crossentropy": QT_TRANSLATE_NOOP(
        "StepInside", "L = −mean( Σ<sub>k</sub> y<sub>k</sub>·log a<sub>k</sub> )"),
}


def loss_html(tr: Trace, target_text: str) -> str:
    out = tr.nodes[-1]
    formula = _tr(LOSS_FORMULAS[tr.loss_name]) if tr.loss_name in LOSS_FORMULAS else f"L = {tr.loss_name}(a, y)"
    lines = [heading(_tr("The loss")), line(formula),
             line(_tr("output a = {0}, target y = {1}").format(vec(out.a[0]), target_text))]
    if tr.loss_name == "binary_crossentropy" and out.a.shape[1:] == (1,):
        a, y = float(out.a[0, 0]), float(np.asarray(tr.target).ravel()[0])
        lines.append(line(f"−( {num(y)}·log {num(a)} + {num(1 - y)}·log {num(1 - a)} ) = "
                          f"{num(-(y * np.log(max(a, 1e-12)) + (1 - y) * np.log(max(1 - a, 1e-12))))}"))
    elif tr.loss_name == "sparse_categorical_crossentropy":
        k = int(np.asarray(tr.target).ravel()[0])
        p = float(out.a[0, k])
        lines.append(line(f"−log a<sub>{k}</sub> = −log {num(p)} = {num(-np.log(max(p, 1e-12)))}"))
    elif tr.loss_name == "mse":
        d = out.a[0] - np.asarray(tr.target, dtype=float).reshape(out.a.shape)[0]
        lines.append(line("(" + " + ".join(f"{par(v)}²" for v in d[:SHOWN]) + f") / {d.size} = "
                          f"{num(np.mean(d ** 2))}"))
    lines.append(line(_tr("<b>L = {0}</b> (the batch of {1})").format(num(tr.loss), len(out.a))))
    if tr.fused:
        lines.append(note(_tr("The loss is computed from z directly (stable, and its gradient is simply a − y).")))
    return "".join(lines)


# --- backward -----------------------------------------------------------------------------------------------

def _one_hot_like(tr: Trace) -> np.ndarray:
    out = tr.nodes[-1].a
    y = np.asarray(tr.target)
    if tr.loss_name == "sparse_categorical_crossentropy":
        return np.eye(out.shape[1])[y.astype(int).ravel()]
    return y.reshape(out.shape).astype(float)


def backward_html(tr: Trace, node: NodeTrace, name: str, consumers: list[str], through_weights: bool) -> str:
    """``consumers``: the names of the nodes it feeds; ``through_weights``: they are all fully connected,
    so dL/da is δ_next·W_nextᵀ."""
    out = [heading(_tr("{0}: backward").format(titled(name, node.type)))]
    n = len(node.a)
    is_output = node is tr.nodes[-1]
    if is_output and tr.fused:
        y = _one_hot_like(tr)
        out.append(line(_tr("<b>δ = dL/dz = (a − y) / N</b> (the {0} and the cross-entropy together)")
                        .format(node.activation)))
        out.append(line(f"({vec(node.a[0])} − {vec(y[0])}) / {n} = <b>{vec(node.delta[0])}</b>"))
    else:
        if is_output:
            out.append(line(_tr("<b>dL/da</b>, the loss's slope at the output = {0}").format(vec(node.grad_a[0]))))
        elif through_weights:
            out.append(line(_tr("<b>dL/da</b> comes back from {0}: δ<sub>next</sub>·W<sub>next</sub>ᵀ = {1}")
                            .format(", ".join(consumers), vec(node.grad_a[0]))))
        else:
            out.append(line(_tr("<b>dL/da</b> comes back from {0} = {1}").format(", ".join(consumers),
                                                                                 vec(node.grad_a[0]))))
        if node.delta is not None:
            if node.activation in ("linear", "softmax"):
                out.append(line(_tr("<b>δ = dL/dz</b> = {0}").format(vec(node.delta[0]))))
            else:
                slope = activations.get(node.activation).derivative(node.z)
                out.append(line(_tr("<b>δ = dL/da ⊙ {0}′(z)</b> = {1} ⊙ {2}").format(
                    node.activation, vec(node.grad_a[0]), vec(slope[0]))))
                out.append(line(f"= <b>{vec(node.delta[0])}</b>"))
    if node.type in ("SimpleRNN", "LSTM", "GRU"):
        out.append(line(_tr("Backpropagation through time: dL/da enters at the last step and is passed back "
                            "one timestep after another through U; each step adds its share to the gradients "
                            "of W, U and b, the same weights at every step.")))
    if fully_connected(node):
        out.append(line(_tr("<b>dL/dW = xᵀ·δ</b> (inputs × units, summed over the batch):")))
        out.append(matrix(node.grads["kernel"]))
        if "bias" in node.grads:
            out.append(line(_tr("<b>dL/db = Σ δ</b> over the batch = {0}").format(vec(node.grads["bias"]))))
    else:
        for param, g in node.grads.items():
            out.append(line(_tr("dL/d{0} (shape {1}):").format(param, " × ".join(map(str, g.shape)))))
            out.append(matrix(g))
    if node.grad_a is not None and not node.grads and node.delta is None:
        out.append(line(_tr("dL/da = {0}: passed back through this layer to its inputs").format(
            vec(node.grad_a[0]))))
    return "".join(out)


# --- update -------------------------------------------------------------------------------------------------

UPDATE_FORMULAS = {    # shown through _tr: the ones with words in them are translated
    "sgd": "w ← w − η·g",
    "adam": QT_TRANSLATE_NOOP("StepInside", "w ← w − η·m̂ / (√v̂ + ε), m and v running means of g and g²"),
    "adamw": "w ← w − η·( m̂ / (√v̂ + ε) + λ·w )",
    "rmsprop": QT_TRANSLATE_NOOP("StepInside", "w ← w − η·g / (√(running mean of g²) + ε)"),
    "adagrad": QT_TRANSLATE_NOOP("StepInside", "w ← w − η·g / (√(sum of all g²) + ε)"),
    "nadam": QT_TRANSLATE_NOOP("StepInside", "w ← w − η·(Nesterov-corrected m̂) / (√v̂ + ε)"),
}


def update_html(updates: list[Update], optimizer: str, lr: float, momentum: float = 0.0) -> str:
    plain = optimizer == "sgd" and not momentum
    formula = "v ← μ·v − η·g;  w ← w + v" if optimizer == "sgd" and momentum else \
        _tr(UPDATE_FORMULAS[optimizer]) if optimizer in UPDATE_FORMULAS else _tr("the step of {0}").format(optimizer)
    out = [heading(_tr("The update ({0}, η = {1})").format(optimizer, num(lr))), line(f"<b>{formula}</b>")]
    for u in updates:
        shape = np.shape(u.before)
        before, g, after = (np.asarray(a).ravel() for a in (u.before, u.gradient, u.after))
        out.append(line(f"<b>{u.key}</b>"))
        w_before, w_after = _tr("w before"), _tr("w after")
        rows = [f"<tr><th></th><th>{w_before}</th><th>g</th><th>{w_after}</th></tr>"]
        for k in range(min(4, before.size)):
            if plain:
                after_text = f"{num(before[k])} − {num(lr)}·{par(g[k])} = <b>{num(after[k])}</b>"
            else:
                after_text = f"<b>{num(after[k])}</b>"
            where = ", ".join(str(i + 1) for i in np.unravel_index(k, shape)) if shape else ""
            rows.append(f"<tr><td>[{where}]</td><td align='right'>{num(before[k])}</td>"
                        f"<td align='right'>{num(g[k])}</td><td>{after_text}</td></tr>")
        if before.size > 4:
            in_all = _tr("… {0} entries in all").format(before.size)
            rows.append(f"<tr><td colspan='4'>{in_all}</td></tr>")
        out.append("<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>")
        if len(shape) == 2 and u.key.endswith("/kernel"):
            out.append(note(_tr("[i, j]: the weight from input i to unit j, counted from 1 as z₁, z₂ are.")))
    return "".join(out)
