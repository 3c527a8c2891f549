"""The inspector dock: the selected layer's settings, with teaching plots for activations and initializers."""

from .panel import InspectorPanel

__all__ = ["InspectorPanel"]
