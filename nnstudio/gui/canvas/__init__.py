"""The network canvas: cards for layers, curves for connections, a zoomable view."""

from .card import CardItem
from .edge import EdgeItem
from .port import PortItem
from .scene import CanvasScene
from .view import LAYER_MIME, CanvasView

__all__ = ["CanvasScene", "CanvasView", "CardItem", "EdgeItem", "LAYER_MIME", "PortItem"]
