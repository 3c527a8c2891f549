"""The layer registry: ``get(type_name)`` returns the class, ``names()`` lists them in palette order."""

from __future__ import annotations

from ..errors import SpecError
from .base import Layer
from .conv import Conv2D
from .core import Activation, Dense, Dropout, Flatten, Input, Reshape
from .merge import Add, Concatenate
from .normalization import BatchNormalization
from .pooling import AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D

_CLASSES: tuple[type[Layer], ...] = (
    Input, Dense, Activation, Dropout, Flatten, Reshape,
    Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
    BatchNormalization, Add, Concatenate)
_REGISTRY = {cls.TYPE: cls for cls in _CLASSES}
CATEGORIES = ("Core", "Convolution", "Normalization", "Merge")


def names() -> list[str]:
    return list(_REGISTRY)


def get(type_name) -> type[Layer]:
    """The layer class for a type name (or ``{"name": type_name}``), raising SpecError listing valid types."""
    if isinstance(type_name, dict):
        type_name = type_name.get("name")
    cls = _REGISTRY.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise SpecError(f"Unknown layer type {type_name!r}; valid types are: {', '.join(names())}.")
    return cls


def by_category() -> dict[str, list[str]]:
    """{category: [type names]} in palette order."""
    return {cat: [c.TYPE for c in _CLASSES if c.CATEGORY == cat] for cat in CATEGORIES}


__all__ = ["Layer", "get", "names", "by_category", "CATEGORIES"] + [c.__name__ for c in _CLASSES]
