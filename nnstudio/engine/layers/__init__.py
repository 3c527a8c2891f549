"""The layer registry: ``get(type_name)`` returns the class, ``names()`` lists them in palette order.

``register(cls)`` is the extension point for a new layer type (docs/adding-a-layer.md); everything else in
the studio (palette, inspector, cards, project files, training) asks the registry and the class's
declarations, so a registered layer appears everywhere. Exporters keep their own writer tables.
"""

from __future__ import annotations

from ..errors import SpecError
from .base import Layer
from .conv import Conv2D
from .core import Activation, Dense, Dropout, Flatten, Input, Reshape
from .merge import Add, Concatenate
from .normalization import BatchNormalization
from .pooling import AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D
from .recurrent import GRU, LSTM, Embedding, SimpleRNN
from ...i18n import _

_BUILT_IN: tuple[type[Layer], ...] = (
    Input, Dense, Activation, Dropout, Flatten, Reshape,
    Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
    BatchNormalization, Add, Concatenate,
    SimpleRNN, LSTM, GRU, Embedding)
_REGISTRY: dict[str, type[Layer]] = {cls.TYPE: cls for cls in _BUILT_IN}
CATEGORIES = ("Core", "Convolution", "Normalization", "Merge", "Recurrent")


def names() -> list[str]:
    return list(_REGISTRY)


def get(type_name) -> type[Layer]:
    """The layer class for a type name (or ``{"name": type_name}``), raising SpecError listing valid types."""
    if isinstance(type_name, dict):
        type_name = type_name.get("name")
    cls = _REGISTRY.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise SpecError(_("Unknown layer type {type_name!r}; valid types are: {names}.")
                        .format(type_name=type_name, names=', '.join(names())))
    return cls


def by_category() -> dict[str, list[str]]:
    """{category: [type names]} in palette order."""
    return {cat: [t for t, c in _REGISTRY.items() if c.CATEGORY == cat] for cat in CATEGORIES}


def register(cls: type[Layer]) -> type[Layer]:
    """Add a layer class under its ``TYPE`` (usable as a class decorator). A ValueError says what is wrong
    with a class that cannot be registered: not a Layer, no TYPE, a TYPE already taken, an unknown
    CATEGORY."""
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise ValueError(f"Only a subclass of Layer can be registered as a layer type, not {cls!r}.")
    if not cls.TYPE:
        raise ValueError(f"The layer class {cls.__name__} needs a TYPE (its name in the spec) to be registered.")
    if cls.TYPE in _REGISTRY:
        raise ValueError(f"A layer type named {cls.TYPE!r} is already registered.")
    if cls.CATEGORY not in CATEGORIES:
        raise ValueError(f"The layer class {cls.__name__} has CATEGORY {cls.CATEGORY!r}; choose one of: "
                         f"{', '.join(CATEGORIES)}.")
    _REGISTRY[cls.TYPE] = cls
    return cls


def unregister(type_name: str) -> None:
    """Remove a layer type added by ``register`` (the built-in types stay)."""
    if any(cls.TYPE == type_name for cls in _BUILT_IN):
        raise ValueError(f"The built-in layer type {type_name!r} cannot be unregistered.")
    _REGISTRY.pop(type_name, None)


__all__ = (["Layer", "get", "names", "by_category", "register", "unregister", "CATEGORIES"]
           + [c.__name__ for c in _BUILT_IN])
