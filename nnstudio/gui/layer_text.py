"""How a layer is described in words on cards, tooltips and thumbnails (from the engine's registry)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from nnstudio import i18n
from nnstudio.engine import layers
from nnstudio.engine.errors import SpecError
from nnstudio.engine.layers import card


def layer_class(type_name: str):
    """The engine's layer class, or None for an unknown type (analyze() reports it as a problem)."""
    try:
        return layers.get(type_name)
    except SpecError:
        return None


def category(type_name: str) -> str:
    """The palette family that colours the card; "Input" for the layer the data enters by (it takes no
    inputs), "Core" for an unknown type."""
    cls = layer_class(type_name)
    if cls is None:
        return "Core"
    return "Input" if cls.MAX_INPUTS == 0 else cls.CATEGORY


def filled(type_name: str, params: dict) -> dict:
    """Params with the registry's defaults for anything not given."""
    cls = layer_class(type_name)
    out = {p.name: p.default for p in cls.PARAMS} if cls else {}
    out.update(params or {})
    return out


def shape_text(shape) -> str:
    """The engine's shape text, or '?' while the shape is unknown."""
    return card.shape_text(shape)


def key_params(type_name: str, params: dict) -> str:
    """One line of the parameters that matter, e.g. 'Dense 64 · relu · he_normal' (the layer class says
    which: ``Layer.card_parts``)."""
    cls = layer_class(type_name)
    parts = [type_name, *(cls.card_parts(filled(type_name, params)) if cls else [])]
    parts = [x for x in parts if x]
    if len(parts) > 1:  # "Dense 64 · relu · he_normal": the type reads together with its main number
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    return " · ".join(parts)


def description(type_name: str) -> str:
    cls = layer_class(type_name)
    # the registry holds the English text (marked N_); the language is chosen after import
    return i18n._(cls.DESCRIPTION) if cls else QCoreApplication.translate("LayerText", "Unknown layer type {type!r}.").format(
        type=type_name)


def param_label(name: str, capitalize: bool = True, words: str | None = None) -> str:
    """A parameter's row label. English reads it as words ("Kernel initializer"); another language shows the
    identifier itself (kernel_initializer), what the student types in Keras, with the help line in their
    language as its tooltip."""
    if i18n.language() != i18n.ENGLISH:
        return name
    words = words or name.replace("_", " ")
    return words.capitalize() if capitalize else words


def starting_params(type_name: str) -> dict:
    """Params of a new layer: the class's teaching values (``STARTING_PARAMS``), and any other required
    value filled with its default or lower bound."""
    cls = layer_class(type_name)
    if cls is None:
        return {}
    params = dict(cls.STARTING_PARAMS)
    for p in cls.PARAMS:
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
