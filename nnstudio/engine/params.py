"""Declarative descriptions of configurable parameters, and the checks and base class built on them.

Layers and optimizers list their parameters as ``ParamSpec``s. The engine uses them to fill defaults and
check values (raising ``SpecError``); the GUI inspector builds its widgets from them; the project schema and
exporters read the same table. One table per family, so a new parameter appears everywhere at once.

The four registries (activations, initializers, losses, optimizers) share the rest here: ``Configurable``
(config, equality, repr), ``split_identifier`` (what ``get()`` accepts) and ``check_params``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import SpecError

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


def is_number(value: Any) -> bool:
    """A real number (Python or NumPy), not a bool."""
    return (isinstance(value, (int, float, np.integer, np.floating))
            and not isinstance(value, (bool, np.bool_)))


def range_text(spec: ParamSpec, fmt: str = "g") -> str:
    """The bounds of ``spec`` in words ("greater than 0 and at most 1"); ``fmt`` formats the numbers."""
    parts = []
    if spec.min is not None:
        bound = "greater than" if spec.exclusive_min else "at least"
        parts.append(f"{bound} {spec.min:{fmt}}")
    if spec.max is not None:
        parts.append(f"at most {spec.max:{fmt}}")
    return " and ".join(parts)


def check_value(spec: ParamSpec, value: Any, where: str, fmt: str = "g", one_sentence: bool = False,
                python_numbers: bool = False) -> Any:
    """``value`` checked against ``spec`` (kinds int, float, bool, choice) and converted, or a SpecError
    "<where> must be ..., not <value>.". ``fmt`` formats the bounds; ``one_sentence`` gives every numeric
    failure the same sentence ("must be a number greater than 0.0"), as the loss registry words it;
    ``python_numbers`` refuses NumPy scalars, as the activation, initializer and loss registries do."""
    def fail(expect: str) -> SpecError:
        return SpecError(f"{where} must be {expect}, not {value!r}.", param=spec.name)

    if spec.kind == "choice":
        if isinstance(value, str) and value.lower() == "none":
            value = None
        if value not in spec.choices:
            raise fail(f"one of {', '.join(map(str, spec.choices))}")
        return value
    if spec.kind == "bool":
        if not isinstance(value, (bool, np.bool_)):
            raise fail("true or false")
        return bool(value)
    if value is None and spec.default is None:
        return None  # optional, e.g. an optimizer's clipnorm switched off
    integral = spec.kind == "int"
    ok_type = (is_number(value) and not (python_numbers and isinstance(value, np.generic))
               and (isinstance(value, (int, np.integer)) if integral else math.isfinite(value)))
    low = spec.min is not None and ok_type and (value <= spec.min if spec.exclusive_min else value < spec.min)
    high = spec.max is not None and ok_type and value > spec.max
    if one_sentence and (not ok_type or low or high):
        raise fail(" ".join(filter(None, ("a number", range_text(spec, fmt)))))
    if not ok_type:
        raise fail("a whole number" if integral else "a finite number")
    if low:
        bound = "greater than" if spec.exclusive_min else "at least"
        raise fail(f"{bound} {spec.min:{fmt}}")
    if high:
        raise fail(f"at most {spec.max:{fmt}}")
    return int(value) if integral else float(value)


def check_params(specs: tuple[ParamSpec, ...], given: dict, owner: str, fmt: str = "g",
                 one_sentence: bool = False, python_numbers: bool = False) -> dict:
    """The ``given`` values checked and converted, for an object described as ``owner`` ("Loss 'huber'").
    Unknown names are reported first, with the valid ones; then each value, by ``check_value`` (which
    takes the other arguments)."""
    known = {s.name: s for s in specs}
    for key in given:
        if key not in known:
            allowed = ", ".join(known) or "no parameters"
            raise SpecError(f"{owner} has no parameter '{key}' (it takes {allowed}).", param=key)
    return {key: check_value(known[key], value, f"{owner} parameter '{key}'", fmt, one_sentence,
                              python_numbers)
            for key, value in given.items()}


def split_identifier(identifier: Any, family: str, example: str) -> tuple[str, dict]:
    """(name, params) from a name or a ``{"name": ..., **params}`` dict, else a SpecError naming the
    ``family`` ("activation") with an ``example`` name."""
    if isinstance(identifier, str):
        return identifier, {}
    if isinstance(identifier, dict) and isinstance(identifier.get("name"), str):
        params = dict(identifier)
        return params.pop("name"), params
    article = "An" if family[0] in "aeiou" else "A"
    raise SpecError(f"{article} {family} must be a name such as '{example}' or a dict with a 'name' key, "
                    f"not {identifier!r}.", param=family)


def lookup(name: Any, registry: dict, aliases: dict, family: str):
    """The class registered as ``name`` (case, surrounding spaces and aliases ignored), else a SpecError
    listing the canonical names."""
    key = name.strip().lower() if isinstance(name, str) else name
    cls = registry.get(aliases.get(key, key))
    if cls is None:
        raise SpecError(f"Unknown {family} '{name}'; choose one of: {', '.join(registry)}.", param=family)
    return cls


class Configurable:
    """An object of a registry family, made from ``PARAMS``: each parameter becomes an attribute.
    ``FAMILY`` names the registry module, so ``repr`` reads as the call that rebuilds the object."""

    FAMILY: str = ""
    name: str = ""
    PARAMS: tuple[ParamSpec, ...] = ()

    def __init__(self, **params: Any):
        for spec in self.PARAMS:
            setattr(self, spec.name, params.get(spec.name, spec.default))

    def params(self) -> list[ParamSpec]:
        return list(self.PARAMS)

    def get_config(self) -> str | dict:
        """The bare name when every parameter has its default, else ``{"name": ..., **values}``."""
        values = {s.name: getattr(self, s.name) for s in self.PARAMS}
        if all(values[s.name] == s.default for s in self.PARAMS):
            return self.name
        return {"name": self.name, **values}

    def __repr__(self) -> str:
        return f"{self.FAMILY}.get({self.get_config()!r})"


class ConfigValue(Configurable):
    """A stateless Configurable: equal to any object of its family with the same config."""

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ConfigValue) and other.FAMILY == self.FAMILY
                and self.get_config() == other.get_config())

    def __hash__(self) -> int:
        return hash(self.name)
