"""Pieces shared by the generated PyTorch and Keras scripts: literals, header, training data, ``main``."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from .graph import Graph
from .settings import Settings

_FRAMEWORK = {"torch": "PyTorch", "keras": "Keras 3"}


def py(value: Any) -> str:
    """A Python literal for a parameter value (floats in their shortest exact form)."""
    if isinstance(value, np.generic):  # NumPy scalars would print as np.float64(...)
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{value:.1f}"
    if isinstance(value, str):
        return json.dumps(value)  # double quotes; JSON's escapes are valid Python escapes
    return repr(value)


# stands where the imports go until the body shows which ones it uses; clean() keeps it out of user text
IMPORTS_HERE = "\x00imports\x00"


def clean(text: str) -> str:
    """One line of free text that is safe inside a generated docstring or comment."""
    text = "".join(c if c.isprintable() else " " for c in str(text))
    return " ".join(text.split()).replace("\\", "/").replace('"""', "'''") or "network"


def commented(code: str, comment: str, width: int = 100) -> list[str]:
    """``code  # comment`` when it fits in ``width`` columns, else the comment on its own line above."""
    line = f"{code}  # {comment}"
    return [line] if len(line) <= width else [f"# {comment}", code]


def wrapped(call: str, indent: int, width: int = 100) -> str:
    """``f(a, b)`` as one line if it fits after ``indent`` spaces, else its arguments on the next line."""
    if indent + len(call) <= width or "(" not in call:
        return call
    head, args = call.split("(", 1)
    return f"{head}(\n{' ' * (indent + 4)}{args}"


def used_imports(imports: str, body: str) -> str:
    """``imports`` without the lines that bring in names ``body`` never uses (``F``, ``ops``, ...)."""
    keep = []
    for line in imports.strip().splitlines():
        words = line.replace(",", " ").split()
        if words and words[0] in ("import", "from"):
            names = words[words.index("as") + 1:] if "as" in words else (
                words[3:] if words[0] == "from" else [words[1].split(".")[0]])
            used = [n for n in names if re.search(rf"\b{re.escape(n)}\b", body)]
            if not used:
                continue
            if words[0] == "from" and "as" not in words and len(used) < len(names):
                line = f"from {words[1]} import {', '.join(used)}"
        keep.append(line)
    return "\n".join(keep)


class Script:
    """Top-level blocks of a module, joined with two blank lines as PEP 8 asks."""

    def __init__(self):
        self.blocks: list[str] = []

    def add(self, block: str) -> None:
        self.blocks.append(block.strip("\n"))

    def text(self) -> str:
        return "\n\n\n".join(self.blocks) + "\n"


def header(graph: Graph, script_name: str, weights_name: str, framework: str, imports: str) -> str:
    """The module docstring (what the script is and how to run it) followed by its imports."""
    from nnstudio import __version__

    name = _FRAMEWORK[framework]
    return f'''"""{clean(graph.title)}: a {name} model exported from nnstudio {__version__}.

build_model() returns the network with the weights of {weights_name} (beside this file)
loaded. It takes the same arrays as nnstudio (images channels-last: samples, height, width,
channels) and gives the same predictions.

Run it to go on training with the project's loss and optimizer:
    python {clean(script_name)}               # on random data, to see it run
    python {clean(script_name)} data.csv      # on your data: a header row, features, then the target
    python {clean(script_name)} --epochs 5
{_inputs_note(graph.inputs)}
"""

{imports.strip()}'''


def _inputs_note(inputs: str) -> str:
    """What data the model takes, as the docstring's last line."""
    if inputs == "raw":
        return "It takes the data as its file holds it: the scaling nnstudio fitted for training is built in."
    if inputs.startswith("raw:"):
        return (f"Scale the data as {clean(inputs[4:])} (beside this file) says before calling the model;\n"
                "the rest of nnstudio's scaling is built in.")
    return "The data must already be scaled the way nnstudio scaled it for training."


def target_kind(graph: Graph, settings: Settings) -> str:
    """What the training targets look like: binary, sparse, onehot, perceptron or regression."""
    if settings.optimizer == "perceptron":
        return "perceptron"
    return {"binary_crossentropy": "binary", "sparse_categorical_crossentropy": "sparse",
            "categorical_crossentropy": "onehot", "cross_entropy_error": "onehot"}.get(settings.loss, "regression")


def training_data_code(graph: Graph, settings: Settings, framework: str) -> str:
    """``load_data(path=None)``: the arrays a training run needs, from a CSV or drawn at random."""
    kind = target_kind(graph, settings)
    out_shape = tuple(graph.output.shape)
    width = math.prod(out_shape)
    classes = out_shape[-1]
    sign = kind == "perceptron" and graph.output.activation()[0] == "sign"
    if kind in ("sparse", "onehot"):
        targets, columns = f"CLASSES = {classes}  # the output's softmax width", 1
        random_y = "labels = rng.integers(0, CLASSES, samples)"
        csv_y = "labels = table[:, -1].astype(np.int64)  # class indices 0 .. CLASSES - 1"
        make_y = ("y = labels" if kind == "sparse" else
                  "y = np.eye(CLASSES, dtype=np.float32)[labels]  # one-hot, as categorical_crossentropy wants")
    elif kind in ("binary", "perceptron"):
        targets, columns = f"TARGET_COLUMNS = {width}  # 0/1 labels", width
        random_y = "labels = rng.integers(0, 2, (samples, TARGET_COLUMNS))"
        csv_y = "labels = table[:, -TARGET_COLUMNS:]"
        make_y = ("y = (2 * labels - 1).astype(np.float32)  # the sign activation learns -1 / +1" if sign else
                  "y = labels.astype(np.float32)")
    else:
        targets, columns = f"TARGET_COLUMNS = {width}  # the output's values", width
        random_y = "labels = rng.standard_normal((samples, TARGET_COLUMNS))"
        csv_y = "labels = table[:, -TARGET_COLUMNS:]"
        make_y = f"y = labels.astype(np.float32).reshape(-1, *{out_shape!r})"
    tail = ("    return torch.from_numpy(X), torch.from_numpy(y)" if framework == "torch" else
            "    return X, y")
    first = "-1" if columns == 1 else "-TARGET_COLUMNS"
    return f'''{targets}


def load_data(path=None, samples=64):
    """Training arrays from a CSV file (header row, features, then the target), or random ones."""
    rng = np.random.default_rng(SEED)
    if path is None:
        X = rng.standard_normal((samples, *INPUT_SHAPE)).astype(np.float32)
        {random_y}
    else:
        table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2, dtype=np.float64)
        X = table[:, :{first}].astype(np.float32).reshape(-1, *INPUT_SHAPE)
        {csv_y}
    {make_y}
{tail}
'''


def main_block(framework: str) -> str:
    return '''def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?",
                        help="training data: a header row, the feature columns, then the target")
    parser.add_argument("--epochs", type=int, default=EPOCHS,
                        help=f"epochs to train (default {EPOCHS})")
    args = parser.parse_args()
    model = build_model()
    X, y = load_data(args.csv)
    train(model, X, y, epochs=args.epochs)


if __name__ == "__main__":
    main()
'''


def write_text(path: Path, text: str) -> None:
    """Write a generated file atomically (a crash leaves any previous file whole)."""
    from nnstudio.atomic import write_atomic

    data = text.encode("utf-8")
    write_atomic(path, lambda f: f.write(data))


def write_script_and_weights(graph: Graph, settings: Settings, output: Path, generate) -> list[Path]:
    """Write the script ``generate(graph, settings, script_name, weights_name)`` makes, and the NPZ of weights
    beside it; return both paths, the script first."""
    from . import npz

    weights_path = output.with_suffix(".npz")
    write_text(output, generate(graph, settings, output.name, weights_path.name))
    npz.write(graph.weights, weights_path)
    return [output, weights_path]
