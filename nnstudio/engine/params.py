"""Declarative descriptions of configurable parameters.

Layers and optimizers list their parameters as ``ParamSpec``s. The engine uses them to fill defaults and
check values (raising ``SpecError``); the GUI inspector builds its widgets from them; the project schema and
exporters read the same table. One table per family, so a new parameter appears everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# kinds understood by every consumer:
#   int, float, bool, choice (one of ``choices``), activation (registry name/config),
#   initializer (registry name/config), regularizer (None or {"l1": a, "l2": b}),
#   shape (list of positive ints), int_or_pair (int or [int, int]),
#   optional_int_or_pair (None, int or [int, int])
KINDS = ("int", "float", "bool", "choice", "activation", "initializer", "regularizer",
         "shape", "int_or_pair", "optional_int_or_pair")


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str
    default: Any = None
    help: str = ""
    min: float | None = None          # inclusive bounds for int/float
    max: float | None = None
    exclusive_min: bool = False       # True: value must be > min (e.g. a learning rate)
    choices: tuple = field(default_factory=tuple)
    required: bool = False            # no default; the spec must give it

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown ParamSpec kind {self.kind!r}")
