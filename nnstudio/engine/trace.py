"""One training step written out node by node: what the backprop explorer ("Step inside") shows.

``trace(net, X, y, loss)`` runs the forward and backward pass of ``Network.gradients`` on a batch of one or a
few samples, with the same layer calls in the same order, and keeps every intermediate value: per node its
inputs, the pre-activation z and output a on the way forward, dL/da and δ = dL/dz on the way back and each
parameter's gradient. Its gradients equal ``net.gradients`` exactly. ``preview_update`` applies the network's
optimizer to copies of the weights, so the explorer shows the update before it is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import losses, optimizers
from .errors import SpecError
from ..i18n import _


@dataclass
class NodeTrace:
    """One node's values; batch axis first everywhere, as the layers compute them."""

    node_id: str
    type: str
    input_ids: list[str]
    inputs: list[np.ndarray]              # the input nodes' outputs, in edge order
    z: np.ndarray | None                  # pre-activation (layers with an activation), else None
    a: np.ndarray                         # output
    activation: str | None                # the activation's name (layers with one)
    weights: dict[str, np.ndarray]        # copies of the trainable weights used
    grad_a: np.ndarray | None = None      # dL/da (None for the output when the loss is fused: only δ exists)
    delta: np.ndarray | None = None       # dL/dz (layers with an activation)
    grads: dict[str, np.ndarray] = field(default_factory=dict)   # dL/dweight


@dataclass
class Trace:
    nodes: list[NodeTrace]                # topological order, the Input first
    loss_name: str
    loss: float                           # the batch loss (penalty included), as net.gradients reports it
    output: np.ndarray                    # the network's output a
    target: np.ndarray                    # y as the loss reads it
    fused: bool                           # the loss was taken from the output's z (sigmoid/softmax + CE)

    def node(self, node_id: str) -> NodeTrace:
        return next(n for n in self.nodes if n.node_id == node_id)

    def gradients(self) -> dict[str, dict[str, np.ndarray]]:
        """``{node_id: {param: gradient}}``, as ``Network.gradients`` returns them."""
        return {n.node_id: dict(n.grads) for n in self.nodes if n.grads}


@np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")  # as fit: a NaN or inf is shown
def trace(net, X, y, loss, training: bool = True) -> Trace:
    """Forward and backward through ``net`` on (X, y), keeping every value. ``training`` as in
    ``Network.gradients`` (dropout drops, batch norm uses the batch's statistics); the weights do not change."""
    loss = losses.get(loss)
    refuse_without_gradient(net)
    X, y = net._as_input(X), net._as_target(y, loss)
    fused = net._fusable(loss)
    params, state = net._params, net._state
    outs = {net.input_id: X}
    caches, nodes = {}, {net.input_id: NodeTrace(net.input_id, "Input", [], [], None, X, None, {})}
    for nid, layer, ins in net._plan:
        inputs = [outs[p] for p in ins]
        if layer.ACTIVATED:
            # z kept apart from a: relu would otherwise overwrite z in place with max(z, 0)
            z, caches[nid] = layer.forward(inputs, params[nid], state[nid], training, activate=False)
            z = z.copy()
            a = z if nid == net.output_id and fused else layer.activate(z.copy())
            act = layer.activation.name
        else:
            a, caches[nid] = layer.forward(inputs, params[nid], state[nid], training)
            z, act = None, None
        outs[nid] = a
        nodes[nid] = NodeTrace(nid, layer.TYPE, list(ins), inputs, z, a, act,
                               {k: v.copy() for k, v in params[nid].items()})
    out_node = nodes[net.output_id]
    if fused:
        value, grad = loss.from_logits(net.output_activation, out_node.z, y)
        out_node.a = layer_output(net, out_node.z)
    else:
        value, grad = loss(out_node.a, y), loss.gradient(out_node.a, y)
    value = float(value) + (net.penalty() if net._penalized else 0.0)

    pending = {net.output_id: grad}
    for nid, layer, ins in reversed(net._plan):
        g = pending.pop(nid, None)
        if g is None:
            continue
        node = nodes[nid]
        if layer.ACTIVATED:
            if fused and nid == net.output_id:
                node.grad_a, node.delta = loss.gradient(node.a, y), g
            else:
                node.grad_a = g
                node.delta = g if layer.linear else layer.activation.backward(node.z, node.a, g)
            grad_inputs, grads = layer.backward_preactivation(node.delta, caches[nid], params[nid])
        else:
            node.grad_a = g
            grad_inputs, grads = layer.backward(g, caches[nid], params[nid])
        if layer.regularizer:
            layer.add_penalty_gradient(params[nid], grads)
        node.grads = {k: np.array(v, copy=True) for k, v in grads.items()}  # backward may hand out net buffers
        for p, gi in zip(ins, grad_inputs):
            if gi is None or not net._requires_grad[p]:
                continue
            pending[p] = pending[p] + gi if p in pending else gi  # a node feeding several: sum
    return Trace([nodes[nid] for nid in net.order], loss.name, value, out_node.a, np.asarray(y), fused)


def layer_output(net, z: np.ndarray) -> np.ndarray:
    """The output layer's activation of ``z`` (for showing a when the loss worked from z)."""
    return net.layers[net.output_id].activate(np.array(z, copy=True))


def refuse_without_gradient(net) -> None:
    """SpecError when a layer's activation has no gradient (step, sign: the perceptron rule trains those)."""
    for node_id in net.order:
        layer = net.layers[node_id]
        if layer.ACTIVATED and not layer.activation.differentiable:
            raise SpecError(_("Node '{node_id}' uses the '{name}' activation, which has no gradient: "
                              "the perceptron rule trains it, one sample at a time.").format(node_id=node_id, name=layer.activation.name), node_id)


@dataclass
class Update:
    key: str                # "node_id/param"
    before: np.ndarray
    gradient: np.ndarray
    after: np.ndarray


@np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")
def preview_update(net, tr: Trace, optimizer) -> list[Update]:
    """What one step of ``optimizer`` (a config; the network's own optimizer's state, such as Adam's moments,
    is carried over when it has the same name, as ``fit`` does) would make of the traced gradients, computed on
    copies: the weights do not change. ValueError (one sentence) for optimizers that do not step on one
    gradient: L-BFGS (several passes per step) and the perceptron rule."""
    opt = optimizers.get(optimizer)
    if opt.per_sample_rule or opt.needs_closure:
        raise ValueError(_("The '{name}' optimizer does not make its step from one gradient, so its update "
                           "cannot be shown before it is applied.").format(name=_name(opt)))
    own = net.optimizer
    if own is not None and _name(own) == _name(opt):
        opt.load_state_dict(own.state_dict())   # hyper-parameters stay the config's: they are not state
    params, grads = {}, {}
    for node in tr.nodes:
        for name, g in node.grads.items():
            key = f"{node.node_id}/{name}"
            params[key] = node.weights[name].copy()
            grads[key] = g
    before = {k: v.copy() for k, v in params.items()}
    opt.step(params, grads)
    return [Update(k, before[k], grads[k], params[k]) for k in params]


def _name(opt) -> str | None:
    cfg = opt.get_config()
    return cfg if isinstance(cfg, str) else cfg.get("name")


# the explorer's walk through one step: the input, each node forward, the loss, each node back, the update
STAGE_KINDS = ("input", "forward", "loss", "backward", "update")


@dataclass(frozen=True)
class Stage:
    kind: str                  # one of STAGE_KINDS
    node_id: str | None = None


def stages(tr: Trace) -> list[Stage]:
    """The stops of one step in order: forward through every node after the Input, back through every node
    that got a gradient (in reverse order), then the update."""
    forward = [Stage("forward", n.node_id) for n in tr.nodes[1:]]
    backward = [Stage("backward", n.node_id) for n in reversed(tr.nodes[1:]) if n.grad_a is not None]
    return [Stage("input", tr.nodes[0].node_id), *forward, Stage("loss"), *backward, Stage("update")]
