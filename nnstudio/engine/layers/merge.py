"""Merge layers: Add (element-wise sum) and Concatenate (join along an axis)."""

from __future__ import annotations

import numpy as np

from ..params import ParamSpec
from .base import Layer, describe
from ...i18n import N_, _


class Add(Layer):
    TYPE = "Add"
    ICON = "add"
    CATEGORY = "Merge"
    DESCRIPTION = N_("Adds its inputs value by value (they must have the same shape), e.g. a skip connection.")
    MIN_INPUTS, MAX_INPUTS = 2, None

    def output_shape(self, input_shapes):
        if any(s != input_shapes[0] for s in input_shapes):
            shapes = ", ".join(describe(s) for s in input_shapes)
            raise self.fail(_("adds inputs of different shapes {shapes}: they must all have the same shape.")
                            .format(shapes=shapes))
        return input_shapes[0]

    def forward(self, inputs, params, state, training):
        out = inputs[0] + inputs[1]
        for x in inputs[2:]:
            out += x
        return out, len(inputs)

    def backward(self, grad_out, cache, params):
        return [grad_out] * cache, {}


class Concatenate(Layer):
    TYPE = "Concatenate"
    ICON = "concatenate"
    CATEGORY = "Merge"
    DESCRIPTION = N_("Joins its inputs side by side along one axis (by default the last: features or channels).")
    PARAMS = [ParamSpec("axis", "int", -1, N_("axis to join along, counting the batch axis as 0 (-1: the last)"))]

    @classmethod
    def card_parts(cls, params):
        return [f"axis {params.get('axis')}"]
    MIN_INPUTS, MAX_INPUTS = 2, None

    def configure(self):
        if self.params["axis"] == 0:
            raise self.fail(_("cannot join along axis 0, the batch axis: use -1 (the last axis) or 1 and above."),
                            "axis")

    def _axis(self, rank: int) -> int:
        """The axis within one sample's shape (rank excludes the batch axis), or raise."""
        axis = self.params["axis"]
        a = axis - 1 if axis > 0 else rank + axis
        if not 0 <= a < rank:
            raise self.fail(_("cannot join along axis {axis}: its inputs have only {rank} axes "
                              "besides the batch axis.").format(axis=axis, rank=rank), "axis")
        return a

    def output_shape(self, input_shapes):
        rank = len(input_shapes[0])
        shapes = ", ".join(describe(s) for s in input_shapes)
        if any(len(s) != rank for s in input_shapes):
            raise self.fail(_("joins inputs with different numbers of axes {shapes}.").format(shapes=shapes))
        a = self._axis(rank)
        if any(s[:a] + s[a + 1:] != input_shapes[0][:a] + input_shapes[0][a + 1:] for s in input_shapes):
            raise self.fail(_("joins inputs {shapes} that differ on an axis other than the joining one.")
                            .format(shapes=shapes))
        out = list(input_shapes[0])
        out[a] = sum(s[a] for s in input_shapes)
        return tuple(out)

    def forward(self, inputs, params, state, training):
        a = self._axis(inputs[0].ndim - 1) + 1
        sizes = [x.shape[a] for x in inputs]
        return np.concatenate(inputs, axis=a), (a, np.cumsum(sizes)[:-1])

    def backward(self, grad_out, cache, params):
        a, splits = cache
        return np.split(grad_out, splits, axis=a), {}
