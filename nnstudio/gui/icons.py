"""Icons shipped as SVG under resources/icons, looked up by name (an unknown name raises)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from nnstudio.document import snake
from nnstudio.paths import resource


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; FileNotFoundError for an unknown name."""
    return QIcon(str(resource(f"icons/{name}.svg")))


def layer_icon(type_name: str) -> QIcon:
    """The palette/card icon of a layer type ("MaxPooling2D" -> icons/max_pooling2d.svg)."""
    try:
        return icon(snake(type_name))
    except FileNotFoundError:  # a layer added to the engine before its icon: show the generic one
        return icon("dense")
