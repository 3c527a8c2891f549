"""Domain errors of the engine: each carries where it happened and one plain sentence."""

from __future__ import annotations


class SpecError(ValueError):
    """An invalid network spec. ``node_id`` names the node at fault (None for the graph as a whole)."""

    def __init__(self, message: str, node_id: str | None = None, param: str | None = None):
        super().__init__(message)
        self.message = message
        self.node_id = node_id
        self.param = param


class TrainingDiverged(ArithmeticError):
    """Loss or weights became NaN/Inf. The network's weights were restored to the last finite state."""

    def __init__(self, message: str, node_id: str | None = None, epoch: int | None = None,
                 step: int | None = None, history=None):
        super().__init__(message)
        self.message = message
        self.node_id = node_id
        self.epoch = epoch
        self.step = step
        self.history = history  # the History up to the failure, so callers keep the curves
