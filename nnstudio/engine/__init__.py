"""Pure-NumPy neural network engine (no Qt): spec validation, layers, training, gradient checks."""

from .errors import SpecError, TrainingDiverged
from .gradcheck import gradcheck
from .network import Network
from .spec import Analysis, analyze, normalize, validate
from .trace import trace
from .training import Callback, History

__all__ = ["Network", "SpecError", "TrainingDiverged", "gradcheck", "Callback", "History", "Analysis", "analyze",
           "normalize", "validate", "trace"]
