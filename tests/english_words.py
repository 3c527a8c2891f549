"""English words left in text meant for a Chinese reader (Qt-free, shared by the window walk and the message
tests): every word of Latin letters fails unless it is an identifier the student types in code (layer types,
activation, initializer, loss and optimizer names, parameter names), a unit or format, or a name given."""

from __future__ import annotations

import re

from nnstudio import data
from nnstudio.engine import activations, initializers, layers, losses, optimizers

# Words that stay as they are in every language: names of things the student types in code, units, brands.
ALLOWED = {"nnstudio", "Dense", "Conv2D", "LSTM", "GRU", "SGD", "Adam", "Xavier", "He", "PyTorch", "Keras", "ONNX",
           "NumPy", "PNG", "SVG", "MNIST", "L1", "L2", "ETA", "RMSE", "MAE", "epoch", "mini", "batch", "momentum",
           "English", "Markdown", "id", "Id", "F11", "Ctrl", "Shift", "Del", "Enter",
           "CNN", "MLP", "RNN", "Fashion", "scikit", "learn"}  # scikit-learn: a library's name, like PyTorch
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
DIMENSIONS = re.compile(r"\b\d+(x\d+)+\b|\bx\d\b")            # 8x8x1, x1: sizes and input names
TAG = re.compile(r"<[^>]+>|&\w+;")
# units, formats and names that stay as they are in Chinese text
UNITS = {"ms", "s", "KB", "MB", "GB", "GiB", "x", "e", "CSV", "UTF", "GBK", "gb18030", "cp1252", "ReLU", "NaN", "inf",
         "Enter", "Esc", "Tab", "Space", "Ctrl", "OK", "utf", "sig", "tanh", "sigmoid", "softmax", "relu", "lr", "val", "loss",
         "dL", "dh_t",   # formula symbols (‖dL/dh_t‖)
         "exp", "log", "sin", "cos", "var", "max", "fan_in", "fan_out", "Rosenbrock",   # functions in formulas
         "compare"}      # the command `nnstudio compare`
SYMBOL = re.compile(r"d?[A-Za-z]\d*")   # a, z1, W, dz, da: one-letter symbols of a formula and their gradients


def identifiers() -> set[str]:
    names = set(ALLOWED) | UNITS
    for family in (activations, initializers, losses, optimizers, layers):
        names |= set(family.names())
    for type_name in layers.names():
        names |= {p.name for p in layers.get(type_name).PARAMS}
    for type_name in layers.names():
        names |= {str(c) for p in layers.get(type_name).PARAMS for c in p.choices}
    for init in initializers.names():                                     # orthogonal's gain, uniform's minval
        names |= {p.name for p in type(initializers.get(init)).PARAMS}
    for opt in optimizers.names():
        names |= {p.name for p in optimizers.param_specs(opt)}
    names |= set(data.GENERATORS) | set(data.BUILTINS)                    # data sets' names
    for gen in data.GENERATORS:
        names |= set(data.generator_params(gen))
    names |= {f"{prefix}{m}" for prefix in ("", "val_", "test_") for m in ("loss", "accuracy", "rmse", "mae")}
    return names


def english(texts: list[str], allowed: set[str]) -> list[str]:
    """The words of ``texts`` that are neither Chinese nor in ``allowed`` (case-insensitive)."""
    found = set()
    for text in texts:
        clean = DIMENSIONS.sub(" ", re.sub(r"\(&?[A-Z]\)|&(?=\w)", "", TAG.sub(" ", text)))
        found |= {w for w in IDENTIFIER.findall(clean)
                  if w not in allowed and w.lower() not in allowed and not SYMBOL.fullmatch(w)}
    return sorted(found)
