"""Declarative descriptions of configurable parameters, and the checks and base class built on them.

Layers and optimizers list their parameters as ``ParamSpec``s. The engine uses them to fill defaults and
check values (raising ``SpecError``); the GUI inspector builds its widgets from them; the project schema and
exporters read the same table. One table per family, so a new parameter appears everywhere at once.

``check_params`` is the one parameter checker of layers and the four registries (activations, initializers,
losses, optimizers); the registries also share ``Configurable`` (config, equality, repr) and
``split_identifier`` (what ``get()`` accepts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import SpecError
from ..i18n import N_, _

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
        bound = _("greater than {min:{fmt}}") if spec.exclusive_min else _("at least {min:{fmt}}")
        parts.append(bound.format(min=spec.min, fmt=fmt))
    if spec.max is not None:
        parts.append(_("at most {max:{fmt}}").format(max=spec.max, fmt=fmt))
    return _(" and ").join(parts)


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


_SHARED: dict[tuple[str, Any], Any] = {}


def registry_object(kind: str, value: Any):
    """activations.get / initializers.get; objects named by a plain string are stateless and shared, which
    keeps ``analyze`` fast on big graphs (it rebuilds every layer on each edit)."""
    from . import activations, initializers  # they import this module: look them up when first needed

    registry = activations if kind == "activation" else initializers
    if not isinstance(value, str):
        return registry.get(value)
    obj = _SHARED.get((kind, value))
    if obj is None:
        obj = _SHARED[(kind, value)] = registry.get(value)
    return obj


def _structured(spec: ParamSpec, value: Any, fail) -> Any:
    """The kinds only layers have: a regularizer, a shape, a window size."""
    kind = spec.kind
    if kind == "regularizer":
        if value is None:
            return None
        if not isinstance(value, dict) or not set(value) <= {"l1", "l2"} or not all(
                is_number(v) and math.isfinite(v) and v >= 0 for v in value.values()):
            raise fail(_("None or a dict such as {\"l1\": 0.0, \"l2\": 0.01} with numbers of at least 0"))
        return {k: float(v) for k, v in value.items()}
    if kind == "shape":
        if not isinstance(value, (list, tuple)) or not value or not all(_is_int(d) for d in value):
            raise fail(_("a list of whole numbers such as [28, 28, 1]"))
        return [int(d) for d in value]
    # int_or_pair, optional_int_or_pair
    if value is None and kind == "optional_int_or_pair":
        return None
    if _is_int(value) and value >= 1:
        return int(value)
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_int(d) and d >= 1 for d in value):
        return [int(d) for d in value]
    raise fail(_("a whole number of at least 1 or a pair such as [3, 3]"))


def check_value(spec: ParamSpec, value: Any, where: str, fmt: str = "g", one_sentence: bool = False,
                python_numbers: bool = False, node_id: str | None = None) -> Any:
    """``value`` checked against ``spec`` (any kind) and converted, or a SpecError. The sentence is
    "<where> must be ..., not <value>." for a registry object (``where``: "Loss 'huber' parameter 'delta'"),
    and "<where> needs '<name>' to be ..., but it is <value>." for a layer (``node_id`` given, ``where``:
    "Dense 'h'"; the error carries the node id). ``fmt`` formats the bounds; ``one_sentence`` words every
    numeric failure alike ("must be a number greater than 0.0"; layers always do); ``python_numbers`` refuses
    NumPy scalars, as the activation, initializer and loss registries do."""
    def fail(expect: str) -> SpecError:
        if node_id is not None:
            return SpecError(_("{where} needs '{name}' to be {expect}, but it is {value!r}.")
                             .format(where=where, name=spec.name, expect=expect, value=value), node_id,
                             spec.name)
        return SpecError(_("{where} must be {expect}, not {value!r}.")
                         .format(where=where, expect=expect, value=value), param=spec.name)

    kind = spec.kind
    if kind == "choice":
        if isinstance(value, str) and value.lower() == "none" and None in spec.choices:
            value = None
        if value not in spec.choices:
            listed = ", ".join(map(str, spec.choices)) if node_id is None else ", ".join(map(repr, spec.choices))
            raise fail(_("one of {choices}").format(choices=listed))
        return value
    if kind == "bool":
        if not isinstance(value, (bool, np.bool_)):
            raise fail(_("true or false"))
        return bool(value)
    if kind in ("activation", "initializer"):
        try:
            return registry_object(kind, value).get_config()
        except SpecError as err:
            raise SpecError(_("{where}, parameter '{name}': {message}")
                            .format(where=where, name=spec.name, message=err.message), node_id, spec.name) from None
    if kind not in ("int", "float"):
        return _structured(spec, value, fail)
    if value is None and spec.default is None and not spec.required:
        return None  # optional, e.g. an optimizer's clipnorm switched off
    integral = kind == "int"
    ok_type = (is_number(value) and not (python_numbers and isinstance(value, np.generic))
               and (_is_int(value) if integral else math.isfinite(value)))
    low = spec.min is not None and ok_type and (value <= spec.min if spec.exclusive_min else value < spec.min)
    high = spec.max is not None and ok_type and value > spec.max
    if (one_sentence or node_id is not None) and (not ok_type or low or high):
        number = _("a whole number") if integral else _("a number")
        raise fail(" ".join(filter(None, (number, range_text(spec, fmt)))))
    if not ok_type:
        raise fail(_("a whole number") if integral else _("a finite number"))
    if low:
        bound = _("greater than {min:{fmt}}") if spec.exclusive_min else _("at least {min:{fmt}}")
        raise fail(bound.format(min=spec.min, fmt=fmt))
    if high:
        raise fail(_("at most {max:{fmt}}").format(max=spec.max, fmt=fmt))
    return int(value) if integral else float(value)


def check_params(specs: tuple[ParamSpec, ...] | list[ParamSpec], given: Any, owner: str, fmt: str = "g",
                 one_sentence: bool = False, python_numbers: bool = False, node_id: str | None = None) -> dict:
    """The one parameter checker of every family: the ``given`` values checked and converted, for an object
    described as ``owner`` ("Loss 'huber'", "Dense 'h'"). Unknown names are reported first, with the valid
    ones; then each value, by ``check_value`` (which takes the other arguments).

    A registry object (activation, initializer, loss, optimizer) gets back only the values given. A layer
    (``node_id`` given) gets every parameter in ``specs`` order, defaults filled in, and a missing required
    one is an error; its errors carry the node id."""
    if node_id is not None and not isinstance(given, dict):
        raise SpecError(_("{owner} has params {given!r}; they must be a dict of parameter names to values.")
                        .format(owner=owner, given=given),
                        node_id)
    known = {s.name: s for s in specs}
    for key in given:
        if key not in known:
            # an object without parameters gets a whole sentence of its own, not an English word as {allowed}
            if node_id is None:
                template = (_("{owner} has no parameter '{key}' (it takes {allowed}).") if known else
                            _("{owner} has no parameter '{key}' (it takes no parameters)."))
                raise SpecError(template.format(owner=owner, key=key, allowed=", ".join(known)), param=key)
            template = (_("{owner} has no parameter '{key}' (its parameters: {valid}).") if known else
                        _("{owner} has no parameter '{key}' (its parameters: none)."))
            raise SpecError(template.format(owner=owner, key=key, valid=", ".join(known)), node_id, str(key))
    if node_id is None:
        return {key: check_value(known[key], value, _("{owner} parameter '{key}'")
                                                    .format(owner=owner, key=key), fmt, one_sentence,
                                  python_numbers)
                for key, value in given.items()}
    out = {}
    for spec in specs:
        if spec.name in given:
            out[spec.name] = check_value(spec, given[spec.name], owner, fmt, one_sentence, python_numbers, node_id)
        elif spec.required:
            raise SpecError(_("{owner} needs the parameter '{name}' ({help}).")
                            .format(owner=owner, name=spec.name, help=_(spec.help)), node_id, spec.name)
        else:
            out[spec.name] = list(spec.default) if isinstance(spec.default, tuple) else spec.default
    return out


# the registries' names in sentences, translated where a message is made
_FAMILY = {"activation": N_("activation"), "initializer": N_("initializer"), "loss": N_("loss"),
           "optimizer": N_("optimizer")}
_A_FAMILY = {"activation": N_("An activation"), "initializer": N_("An initializer"), "loss": N_("A loss"),
             "optimizer": N_("An optimizer")}


def split_identifier(identifier: Any, family: str, example: str) -> tuple[str, dict]:
    """(name, params) from a name or a ``{"name": ..., **params}`` dict, else a SpecError naming the
    ``family`` ("activation") with an ``example`` name."""
    if isinstance(identifier, str):
        return identifier, {}
    if isinstance(identifier, dict) and isinstance(identifier.get("name"), str):
        params = dict(identifier)
        return params.pop("name"), params
    raise SpecError(_("{a_family} must be a name such as '{example}' or a dict with a 'name' key, not "
                      "{identifier!r}.").format(a_family=_(_A_FAMILY[family]), example=example,
                                                identifier=identifier), param=family)


def lookup(name: Any, registry: dict, aliases: dict, family: str):
    """The class registered as ``name`` (case, surrounding spaces and aliases ignored), else a SpecError
    listing the canonical names."""
    key = name.strip().lower() if isinstance(name, str) else name
    cls = registry.get(aliases.get(key, key))
    if cls is None:
        raise SpecError(_("Unknown {family} '{name}'; choose one of: {names}.")
                        .format(family=_(_FAMILY[family]), name=name, names=', '.join(registry)), param=family)
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
