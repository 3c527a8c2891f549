"""How a layer is described in words on cards, tooltips and thumbnails (from the engine's registry)."""

from __future__ import annotations

from nnstudio.engine import layers
from nnstudio.engine.layers.base import describe


def layer_class(type_name: str):
    """The engine's layer class, or None for an unknown type (analyze() reports it as a problem)."""
    try:
        return layers.get(type_name)
    except Exception:
        return None


def category(type_name: str) -> str:
    if type_name == "Input":
        return "Input"
    cls = layer_class(type_name)
    return getattr(cls, "CATEGORY", "Core") if cls else "Core"


def filled(type_name: str, params: dict) -> dict:
    """Params with the registry's defaults for anything not given."""
    cls = layer_class(type_name)
    out = {p.name: p.default for p in getattr(cls, "PARAMS", [])} if cls else {}
    out.update(params or {})
    return out


def _name(value) -> str:
    """An activation/initializer config as text: 'relu' or 'leaky_relu(alpha=0.2)'."""
    if isinstance(value, dict):
        extra = ", ".join(f"{k}={v}" for k, v in value.items() if k != "name")
        return f"{value.get('name')}({extra})" if extra else str(value.get("name"))
    return str(value)


def _initializer(type_name: str, p: dict) -> str:
    """The kernel initializer, only when it is not the default (the card has room for what was chosen)."""
    cls = layer_class(type_name)
    default = next((s.default for s in getattr(cls, "PARAMS", []) if s.name == "kernel_initializer"), None)
    value = p.get("kernel_initializer")
    return "" if value == default else _name(value)


def _pair(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "×".join(str(v) for v in value)
    return f"{value}×{value}"


def shape_text(shape) -> str:
    """The engine's shape text, or '?' while the shape is unknown."""
    return "?" if shape is None else describe(shape)


def key_params(type_name: str, params: dict) -> str:
    """One line of the parameters that matter, e.g. 'Dense 64 · relu · he_normal'."""
    p = filled(type_name, params)
    parts: list[str] = [type_name]
    if type_name == "Input":
        parts.append(shape_text(p.get("shape")) if p.get("shape") is not None else "no shape")
    elif type_name == "Dense":
        parts += [str(p.get("units")), _name(p.get("activation")), _initializer(type_name, p)]
    elif type_name == "Conv2D":
        parts += [str(p.get("filters")), _pair(p.get("kernel_size")), str(p.get("padding")),
                  _name(p.get("activation")), _initializer(type_name, p)]
    elif type_name in ("MaxPooling2D", "AveragePooling2D"):
        parts.append(_pair(p.get("pool_size")))
        if p.get("strides") is not None:
            parts.append(f"stride {_pair(p.get('strides'))}")
    elif type_name == "Activation":
        parts.append(_name(p.get("activation")))
    elif type_name == "Dropout":
        parts.append(f"rate {p.get('rate')}")
    elif type_name == "Reshape":
        parts.append("→ " + shape_text(p.get("target_shape")) if p.get("target_shape") else "")
    elif type_name == "Concatenate":
        parts.append(f"axis {p.get('axis')}")
    elif type_name == "BatchNormalization":
        parts.append(f"momentum {p.get('momentum')}")
    parts = [x for x in parts if x]
    if len(parts) > 1:  # "Dense 64 · relu · he_normal": the type reads together with its main number
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    return " · ".join(parts)


def description(type_name: str) -> str:
    cls = layer_class(type_name)
    return getattr(cls, "DESCRIPTION", "") if cls else f"Unknown layer type {type_name!r}."


# Values a freshly dropped layer starts with when the registry has no default (required params).
_STARTING = {"Input": {"shape": [2]}, "Dense": {"units": 16, "activation": "relu"},
             "Conv2D": {"filters": 16, "kernel_size": 3, "padding": "same", "activation": "relu"},
             "Reshape": {"target_shape": [-1]}, "MaxPooling2D": {"pool_size": 2},
             "AveragePooling2D": {"pool_size": 2}, "Activation": {"activation": "relu"}}


def starting_params(type_name: str) -> dict:
    """Params of a new layer: required values filled with sensible teaching defaults, nothing else."""
    params = dict(_STARTING.get(type_name, {}))
    cls = layer_class(type_name)
    for p in getattr(cls, "PARAMS", []) if cls else []:
        if p.required and p.name not in params:
            params[p.name] = p.default if p.default is not None else (p.min or 1)
    return params


def with_names(message: str, names: dict[str, str]) -> str:
    """An engine message names layers by id ('h'); the cards show their names ('hidden'): use those.
    ``names`` maps id -> display name; only quoted ids are replaced."""
    for nid, name in names.items():
        if name != nid:
            message = message.replace(f"'{nid}'", f"'{name}'")
    return message
