"""Activations and gradients through depth at initialisation: what the initialisation explorer draws.

For a chain of Dense layers (a deep stack built here, or the user's own network) and an initializer, build
the network from its spec, feed it a seeded batch of N(0, 1) inputs, and at every layer keep its outputs
``a`` and its δ = dL/dz (the gradient at its weighted sum, the course's δ) when a random N(0, 1) gradient
enters at the output (the loss's own scale is left out: only what depth does to it remains). The walk is each
layer's own forward and backward (the fused-loss path: z, then the activation), so the weight gradients equal
``Network.gradients`` (a test checks it).

The pictures this gives are the classic ones (Glorot & Bengio 2010, He et al. 2015): with N(0, 0.01) the
activations shrink toward 0 layer after layer, with N(0, 1) tanh units saturate at ±1, with zeros nothing
differs from anything, and Xavier (var W = 2 / (fan_in + fan_out), for tanh) or He (var W = 2 / fan_in, for
ReLU) keep the spread roughly the same from the first layer to the last.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from .errors import SpecError
from .network import Network
from .spec import analyze
from ..i18n import _


@dataclass(frozen=True)
class Choice:
    label: str
    config: str | dict  # an initializers.get identifier


# the five of the classic figures, in the order the explorer shows them
CLASSIC = (Choice("zeros", "zeros"),
           Choice("N(0, 1)", {"name": "random_normal", "stddev": 1.0}),
           Choice("N(0, 0.01)", {"name": "random_normal", "stddev": 0.01}),
           Choice("Xavier", "glorot_normal"),
           Choice("He", "he_normal"))


@dataclass(frozen=True)
class LayerStats:
    node_id: str
    fan_in: int
    kernel_var: float          # the variance of the layer's weights as drawn
    activations: np.ndarray    # its outputs on the batch, (batch, units)
    gradients: np.ndarray      # δ = dL/dz, the gradient at its weighted sum, (batch, units)
    kernel_gradient: np.ndarray  # dL/dW

    @property
    def activation_std(self) -> float:
        return float(self.activations.std())

    @property
    def gradient_std(self) -> float:
        return float(self.gradients.std())


@dataclass(frozen=True)
class DepthStats:
    label: str
    layers: list[LayerStats]

    def stds(self, which: str) -> np.ndarray:
        """Per layer, the standard deviation of "activations" or "gradients"."""
        return np.array([getattr(s, which).std() for s in self.layers])

    def histograms(self, which: str, bins: int = 41) -> tuple[np.ndarray, np.ndarray]:
        """(edges, fractions (layers, bins)) of "activations" or "gradients" over one range for all layers."""
        values = [getattr(s, which).reshape(-1) for s in self.layers]
        hi = span(values)
        edges = np.linspace(-hi, hi, bins + 1)
        counts = np.array([np.histogram(np.clip(v, -hi, hi), edges)[0] for v in values], dtype=float)
        return edges, counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)


def coinciding(results: list[DepthStats], which: str, rtol: float = 0.01) -> list[list[str]]:
    """Labels of results whose spreads of ``which`` by layer are drawn on top of each other (equal within
    ``rtol`` at every layer), in groups of two or more; all-zero spreads, which a log axis does not draw, are
    left out. A perceptron's step layer sees only the sign of its sum, so any random scale gives one spread."""
    groups: list[list[DepthStats]] = []
    for stats in results:
        stds = stats.stds(which)
        if not (stds > 0).any():
            continue
        for group in groups:
            if np.allclose(stds, group[0].stds(which), rtol=rtol, atol=0.0):
                group.append(stats)
                break
        else:
            groups.append([stats])
    return [[s.label for s in group] for group in groups if len(group) > 1]


def span(values: list[np.ndarray]) -> float:
    """A symmetric range holding nearly all values of every layer (99.5th percentile of |v|), 1 if all are 0."""
    pooled = np.abs(np.concatenate(values)) if values else np.zeros(1)
    hi = float(np.quantile(pooled, 0.995)) if pooled.size else 0.0
    if not np.isfinite(hi) or hi <= 0:
        hi = float(pooled.max(initial=0.0)) if np.isfinite(pooled).all() else 0.0
    return hi if hi > 0 else 1.0


def stack_spec(layers: int = 10, width: int = 100, activation="tanh", initializer="glorot_normal") -> dict:
    """Input(width) followed by ``layers`` Dense layers of ``width`` units, ids d1, d2, ..."""
    nodes = [{"id": "x", "type": "Input", "params": {"shape": [int(width)]}}]
    edges = []
    for i in range(1, int(layers) + 1):
        nodes.append({"id": f"d{i}", "type": "Dense",
                      "params": {"units": int(width), "activation": activation,
                                 "kernel_initializer": initializer, "bias_initializer": "zeros"}})
        edges.append([nodes[-2]["id"], f"d{i}"])
    return {"nodes": nodes, "edges": edges}


def dense_chain(spec: dict) -> list[str]:
    """The Dense node ids of ``spec`` from input to output; SpecError (one sentence) when it is not a valid
    chain Input → Dense → ... → Dense."""
    analysis = analyze(spec)
    if not analysis.ok:
        raise SpecError(_("The current network has a problem: {errors}")
                        .format(errors=analysis.errors[0]), analysis.errors[0].node_id)
    types = {n["id"]: n["type"] for n in spec["nodes"]}
    feeds: dict[str, int] = {}
    for source, _target in spec["edges"]:
        feeds[source] = feeds.get(source, 0) + 1
    chain = [nid for nid in analysis.order if nid != analysis.input_id]
    for nid in chain:
        if types[nid] != "Dense":
            raise SpecError(_("The current network is not a chain of Dense layers: '{nid}' is a {types}.")
                            .format(nid=nid, types=types[nid]), nid)
        if len(analysis.inputs[nid]) != 1 or feeds.get(nid, 0) > 1:
            raise SpecError(_("The current network is not a chain of Dense layers: '{nid}' branches.")
                            .format(nid=nid), nid)
    if not chain:
        raise SpecError(_("The current network has no Dense layer."))
    return chain


def with_initializer(spec: dict, initializer) -> dict:
    """A copy of ``spec`` whose Dense kernels all start with ``initializer`` (biases keep theirs)."""
    out = copy.deepcopy(spec)
    for n in out["nodes"]:
        if n["type"] == "Dense":
            n.setdefault("params", {})["kernel_initializer"] = copy.deepcopy(initializer)
    return out


def measure(spec: dict, batch: int = 500, seed: int = 0, label: str = "") -> DepthStats:
    """Activations and gradients at every Dense layer of the chain ``spec`` at initialisation."""
    ids = dense_chain(spec)
    net = Network.from_config(spec, seed=seed, dtype="float64")
    rng = np.random.default_rng([seed, 1])
    X = rng.normal(size=(batch,) + tuple(net.input_shape))
    grad = rng.normal(size=(batch,) + tuple(net.output_shape))
    weights = net.get_weights()
    caches, zs, outs = {}, {}, {}
    a = X
    for nid in ids:  # z first, then a = f(z): the walk back needs both (the fused-loss path of each layer)
        layer = net.layers[nid]
        zs[nid], caches[nid] = layer.forward([a], weights[nid], {}, False, activate=False)
        a = outs[nid] = layer.activation.forward(zs[nid])
    deltas = {}
    kernel_grads = {}
    for nid in reversed(ids):
        layer = net.layers[nid]
        deltas[nid] = layer.activation.backward(zs[nid], outs[nid], grad)
        (grad,), grads = layer.backward_preactivation(deltas[nid], caches[nid], weights[nid])
        kernel_grads[nid] = np.array(grads["kernel"])
    return DepthStats(label, [LayerStats(nid, int(weights[nid]["kernel"].shape[0]), float(weights[nid]["kernel"].var()),
                                         outs[nid], deltas[nid], kernel_grads[nid]) for nid in ids])


def compare(spec: dict, choices=CLASSIC, batch: int = 500, seed: int = 0, progress=None) -> list[DepthStats]:
    """``measure`` for each initializer choice on the same inputs. ``progress(done, total)`` is called after
    each (it may raise to stop)."""
    results = []
    for i, choice in enumerate(choices):
        results.append(measure(with_initializer(spec, choice.config), batch, seed, choice.label))
        if progress is not None:
            progress(i + 1, len(choices))
    return results
