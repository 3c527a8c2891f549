"""Icons shipped as SVG under resources/icons, looked up by name (an unknown name raises)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from nnstudio.engine import layers
from nnstudio.engine.errors import SpecError
from nnstudio.paths import resource

GENERIC_LAYER = "layer"  # a dashed box with a question mark: a layer type without an icon of its own


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; FileNotFoundError for an unknown name."""
    return QIcon(str(resource(f"icons/{name}.svg")))


def layer_icon_name(type_name: str) -> str:
    """The icon a layer type declares (``Layer.ICON``), or the generic one for an unknown type or a class
    whose ICON is empty or names no shipped file."""
    try:
        name = layers.get(type_name).ICON
        resource(f"icons/{name}.svg")
    except (SpecError, FileNotFoundError):
        return GENERIC_LAYER
    return name


def layer_icon(type_name: str) -> QIcon:
    """The palette/card icon of a layer type."""
    return icon(layer_icon_name(type_name))
