"""A recurrent layer's hidden state, gates and gradient through time for a few samples: the sequence views.

``trace_recurrent(net, X, y)`` runs one forward and backward pass of ``net`` (inference mode: dropout off,
batch norm on its moving statistics; the weights do not change) through ``trace.trace``, takes the chosen
recurrent layer's input and dL/d(its output) from it and walks that layer's cell step by step (its declared
``STEPS``). Meant for the handful of samples a view shows, never for training batches.
"""

from __future__ import annotations

import numpy as np

from .trace import trace as trace_network
from .layers.recurrent_steps import StepRecord


def recurrent_nodes(net) -> list[str]:
    """The nodes whose layer declares ``STEPS`` (a recurrent state), in the network's order."""
    return [nid for nid in net.order if nid in net.layers and type(net.layers[nid]).STEPS is not None]


def trace_recurrent(net, X, y, loss=None, node_id: str | None = None) -> StepRecord:
    """The state, gates and dL_i/dh_t (each sample's own loss L_i) of ``node_id`` (default: the first recurrent
    node) on the samples (X, y);
    ``loss`` defaults to the network's latest. ValueError (one sentence) when the network has no such layer."""
    nodes = recurrent_nodes(net)
    node_id = node_id if node_id is not None else (nodes[0] if nodes else None)
    if node_id not in nodes:
        raise ValueError("The network has no recurrent layer (SimpleRNN, LSTM or GRU) whose state can be shown."
                         if node_id is None else f"Node '{node_id}' is not a recurrent layer.")
    loss = loss if loss is not None else net.loss
    tr = trace_network(net, X, y, loss, training=False)
    node = tr.node(node_id)
    layer = net.layers[node_id]
    # the losses average over the batch: times its size, each sample's gradient is that of its own loss
    grad_out = len(node.a) * node.grad_a if node.grad_a is not None else np.zeros_like(node.a)
    return type(layer).STEPS(layer, node.inputs[0], node.weights, grad_out)
