"""A throwaway layer type written the way docs/adding-a-layer.md says: ``Scale`` multiplies its input by one
learned number. It lives in the tests only; the ``scale_layer`` fixture registers it through the public
extension point (``nnstudio.engine.layers.register``) and removes it again.

Its PyTorch and ONNX writers are here too; the ``scale_writers`` fixture puts them in those formats'
``WRITERS`` tables (Keras gets none, so the Keras export refuses it).
"""

from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine import initializers, layers
from nnstudio.engine.layers import Layer
from nnstudio.engine.params import ParamSpec


class Scale(Layer):
    TYPE = "Scale"
    CATEGORY = "Core"
    DESCRIPTION = "Multiplies every value by one learned number."
    PARAMS = [ParamSpec("initial", "float", 1.0, "the number it starts with")]
    CARD_PARAMS = ("initial",)
    # ICON left empty: no SVG is shipped for a test layer, so the GUI shows the generic icon

    def weight_shapes(self, input_shapes):
        return {"scale": ((1,), True)}

    def initializer_for(self, name):
        return initializers.get({"name": "constant", "value": self.params["initial"]})

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        return x * params["scale"][0], x

    def backward(self, grad_out, cache, params):
        x = cache
        grad_scale = np.array([np.vdot(grad_out, x)], dtype=grad_out.dtype)
        return [grad_out * params["scale"][0]], {"scale": grad_scale}


# -- one writer per export format ---------------------------------------------------------------------------
def write_scale_pytorch(w, node):
    w.module(node, "nn.Parameter(torch.ones(1))")
    w.comment(node, "times one learned number")
    w.assign(node, f"{w.src(node)} * self.{node.ident}")
    w.load.append(f"model.{node.ident}.copy_(get({node.id + '/scale'!r}))")


def write_scale_onnx(b, node):
    return b.op(node, "Mul", [b.src(node), b.weight(node, "scale")])


# no Keras writer: the Keras export refuses Scale, as a format without a writer must
WRITERS = {"pytorch": write_scale_pytorch, "onnx": write_scale_onnx}

SPEC = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                  {"id": "h", "type": "Dense", "params": {"units": 1}},
                  {"id": "s", "type": "Scale", "params": {"initial": 0.5}}],
        "edges": [["x", "h"], ["h", "s"]]}


@pytest.fixture
def scale_layer():
    layers.register(Scale)
    yield Scale
    layers.unregister(Scale.TYPE)


@pytest.fixture
def scale_writers(monkeypatch):
    from nnstudio.export import onnx, pytorch

    monkeypatch.setitem(pytorch.WRITERS, Scale.TYPE, WRITERS["pytorch"])
    monkeypatch.setitem(onnx.WRITERS, Scale.TYPE, WRITERS["onnx"])
