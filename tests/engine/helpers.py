"""Spec builders shared by the engine tests."""

from __future__ import annotations

import numpy as np


def node(nid, type_, **params):
    return {"id": nid, "type": type_, "params": params}


def chain(input_shape, *layers):
    """A straight spec: Input then each (type, params) in order; ids x, l1, l2, ..."""
    nodes = [node("x", "Input", shape=list(input_shape))]
    edges = []
    prev = "x"
    for i, (type_, params) in enumerate(layers, 1):
        nid = f"l{i}"
        nodes.append(node(nid, type_, **params))
        edges.append([prev, nid])
        prev = nid
    return {"nodes": nodes, "edges": edges}


def xor_spec(hidden=10, act="tanh"):
    return chain([2], ("Dense", {"units": hidden, "activation": act}), ("Dense", {"units": 1, "activation": "sigmoid"}))


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def around(type_, params, input_shape, n_inputs=1):
    """Input -> n trainable 'pre' layers (so input gradients are checked) -> the layer 't' -> Flatten -> Dense(2)."""
    from nnstudio.engine import layers
    image = len(input_shape) == 3
    nodes = [node("x", "Input", shape=list(input_shape))]
    edges = []
    if layers.get(type_).INDEX_INPUTS:  # token ids straight from the data: nothing differentiable before
        n_inputs = 0
        edges.append(["x", "t"])
    for k in range(n_inputs):
        pid = f"pre{k}"
        if image:
            nodes.append(node(pid, "Conv2D", filters=input_shape[2], kernel_size=1, activation="tanh"))
        elif len(input_shape) <= 2:  # a sequence: the Dense applies per timestep
            nodes.append(node(pid, "Dense", units=input_shape[-1], activation="tanh"))
        else:
            nodes.append(node(pid, "Activation", activation="tanh"))
        edges.append(["x", pid])
        edges.append([pid, "t"])
    nodes.append(node("t", type_, **params))
    nodes += [node("flat", "Flatten"), node("out", "Dense", units=2)]
    edges += [["t", "flat"], ["flat", "out"]]
    return {"nodes": nodes, "edges": edges}
