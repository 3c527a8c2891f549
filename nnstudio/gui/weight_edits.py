"""Weights edited by hand (the inspector's tables), one undo step each, on the window's undo stack.

The weights live in ``window.project.weights`` (not in the spec: the spec stays the one network description);
``nnstudio.project.weight_edits`` says what a layer's arrays are and makes the changed weights dict. Each edit
swaps a new dict into the project through ``Editor.swap`` (refused while training runs, as structural edits
are), so a prepared network or preview holding the old dict sees that the weights changed, the next training
and prediction start from the edited values, and saving writes them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from nnstudio.engine.errors import SpecError
from nnstudio.project import weight_edits
from nnstudio.project.weight_edits import InitialWeights, WeightInputError


class WeightEdits(QObject):
    changed = Signal()          # the project's weights may differ: an edit or its undo, a run, another project
    refused = Signal(str)       # why an edit was not made (one sentence), for the place it was typed
    edited = Signal()           # an edit by hand was done or undone: views redraw what the weights predict

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._initial = InitialWeights()
        window.projectReplaced.connect(self.changed)
        window.projectModified.connect(self.changed)   # mark_modified: runs recorded, Reset weights, our edits

    def _seed(self) -> int:
        return int(self.window.project.training.get("seed", 0) or 0)

    def arrays(self, node_id: str) -> dict[str, np.ndarray] | None:
        """The node's trainable arrays as the next training starts from them ({} for a layer without weights;
        None while the network cannot be built)."""
        analysis = self.window.document.analysis()
        names = weight_edits.trainable_names(analysis, node_id)
        if not names:
            return {}
        try:
            initial = self._initial_for(node_id)
        except SpecError:
            return None
        arrays = weight_edits.current(self.window.project.weights, initial, node_id)
        return {name: arrays[name] for name in names if name in arrays}

    def set_value(self, node_id: str, param: str, index: tuple[int, ...], text: str) -> bool:
        """Set one entry from the text typed into its cell; bad text or a lock is refused with a sentence."""
        try:
            value = weight_edits.parse_weight(text)
        except WeightInputError as e:
            self.refused.emit(str(e))
            return False
        new = weight_edits.with_value(self.window.project.weights, self._initial_for(node_id), node_id, param,
                                      index, value)
        where = ", ".join(str(i + 1) for i in index)
        label = self.tr("Set {layer} {param}[{where}] to {value}").format(
            layer=self.window.document.display_name(node_id), param=param, where=where, value=f"{value:.7g}")
        return self._push(label, new)

    def initialise(self, node_id: str, param: str) -> bool:
        """Draw the whole tensor afresh from the layer's initializer (one undo step)."""
        fresh = weight_edits.redrawn(self.window.document.analysis(), node_id, param, np.random.default_rng())
        new = weight_edits.with_array(self.window.project.weights, self._initial_for(node_id), node_id, param,
                                      fresh)
        label = self.tr("Initialise {layer} {param}").format(layer=self.window.document.display_name(node_id),
                                                              param=param)
        return self._push(label, new)

    def _initial_for(self, node_id: str):
        """The initial arrays, built only when the project holds none for ``node_id`` (a trained layer of a
        large network is shown without building the network again)."""
        weights = self.window.project.weights
        if weights is not None and weights.get(node_id):
            return {}
        return self._initial.of(self.window.document.spec, self._seed())

    def _push(self, label: str, weights) -> bool:
        if not self.window.editor.swap(label, self._swap, weights):
            self.refused.emit(self.window.editor.refusal_while_locked())
            return False
        return True

    def _swap(self, weights):
        """Put ``weights`` into the project; returns the dict it replaced (kept by the undo step)."""
        old, self.window.project.weights = self.window.project.weights, weights
        self.window.mark_modified()       # unsaved; its projectModified also emits changed
        self.edited.emit()
        return old
