"""Pure-NumPy neural network engine (no Qt): spec validation, layers, training, gradient checks."""

from .errors import SpecError, TrainingDiverged

__all__ = ["SpecError", "TrainingDiverged"]
