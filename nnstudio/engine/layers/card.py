"""How a parameter value reads on a layer's card ('16', 'relu', '3×3', '(28, 28, 1)').

Qt-free so that each layer class can say what its card shows (``Layer.card_parts``). The params may be the
half-typed values of an editor, so nothing here raises: an odd value is shown as it is.
"""

from __future__ import annotations

from typing import Any

from ..params import ParamSpec


def config_name(value: Any) -> str:
    """An activation/initializer config as text: 'relu' or 'leaky_relu(alpha=0.2)'."""
    if isinstance(value, dict):
        extra = ", ".join(f"{k}={v}" for k, v in value.items() if k != "name")
        return f"{value.get('name')}({extra})" if extra else str(value.get("name"))
    return str(value)


def pair_text(value: Any) -> str:
    """A window size: 3 -> '3×3', [2, 3] -> '2×3', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "×".join(str(v) for v in value)
    return f"{value}×{value}"


def shape_text(shape: Any) -> str:
    """A shape as a student reads it: (6, 6, 16); '?' while unknown."""
    if shape is None:
        return "?"
    if not isinstance(shape, (list, tuple)):
        return str(shape)
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _initializer(spec: ParamSpec, value: Any) -> str:
    # the card has room for what was chosen, not for the default every layer starts with
    return "" if value == spec.default else config_name(value)


_BY_KIND = {
    "activation": lambda spec, value: config_name(value),
    "initializer": _initializer,
    "int_or_pair": lambda spec, value: pair_text(value),
    "optional_int_or_pair": lambda spec, value: pair_text(value),
    "shape": lambda spec, value: shape_text(value),
}


def value_text(spec: ParamSpec, value: Any) -> str:
    """``value`` of the parameter ``spec`` as the card shows it ('' for nothing to show)."""
    if value is None and spec.kind != "initializer":
        return "?" if spec.required else ""  # a required value not typed yet
    write = _BY_KIND.get(spec.kind)
    return str(value) if write is None else write(spec, value)
