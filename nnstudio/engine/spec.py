"""The network spec: analysis (every problem, with its node id), shape inference and defaults.

``analyze`` never raises for a bad spec: the canvas calls it on every edit to outline invalid cards and list
problems, so it allocates no weights and reports everything it finds. ``validate`` raises the first problem.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from . import layers
from .errors import SpecError
from .layers.base import Layer, describe
from ..i18n import N_, _

_CONNECTED = {0: N_("none is connected"), 1: N_("one is connected"), 2: N_("two are connected"),
              3: N_("three are connected")}
# A layer past this many weights (2 GB as float32) cannot be trained by a NumPy engine on a desktop; a typo
# such as units 1000000000 or a project file asking for it must be a clear error, not an attempt to
# allocate terabytes (MemoryError) or a machine swapping to a halt.
MAX_LAYER_WEIGHTS = 500_000_000


@dataclass
class Analysis:
    order: list[str] = field(default_factory=list)          # topological order of the nodes that have one
    shapes: dict[str, tuple | None] = field(default_factory=dict)   # output shape per node, None if unknown
    param_counts: dict[str, int] = field(default_factory=dict)
    errors: list[SpecError] = field(default_factory=list)
    inputs: dict[str, list[str]] = field(default_factory=dict)      # a node's inputs in edge order
    layers: dict[str, Layer] = field(default_factory=dict)          # configured layer per valid node
    input_id: str | None = None
    output_id: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def output_shape(self) -> tuple | None:
        return self.shapes.get(self.output_id) if self.output_id is not None else None

    @property
    def output_activation(self) -> str | None:
        """The output layer's activation by registry name (None: no output, or a layer without one)."""
        layer = self.layers.get(self.output_id) if self.output_id is not None else None
        return layer.activation.name if layer is not None and layer.ACTIVATED else None

    def errors_for(self, node_id: str) -> list[SpecError]:
        return [e for e in self.errors if e.node_id == node_id or node_id in getattr(e, "node_ids", ())]


def _graph_error(message: str, node_ids: list[str]) -> SpecError:
    err = SpecError(message, node_ids[0] if node_ids else None)
    err.node_ids = list(node_ids)  # every card to outline for a graph-level problem
    return err


def _inputs_text(n: int) -> str:
    return _(_CONNECTED[n]) if n in _CONNECTED else _("{n} are connected").format(n=n)


def _count_problem(node_id: str, cls: type[Layer], n: int) -> str | None:
    lo, hi = cls.MIN_INPUTS, cls.MAX_INPUTS
    where = f"{cls.TYPE} '{node_id}'"
    if hi == 0 and n > 0:
        return _("{where} is where data enters, so nothing can connect into it, but {connected}.").format(
            where=where, connected=_inputs_text(n))
    if lo == hi == 1 and n != 1:
        fix = (_("connect the layer before it") if n == 0
               else _("keep one connection (use Add or Concatenate to merge)"))
        return _("{where} takes one input but {connected}: {fix}.").format(where=where, connected=_inputs_text(n),
                                                                           fix=fix)
    if n < lo:
        return _("{where} needs at least {lo} inputs but {connected}.").format(where=where, lo=lo,
                                                                               connected=_inputs_text(n))
    if hi is not None and n > hi:
        return _("{where} takes at most {hi} inputs but {connected}.").format(where=where, hi=hi,
                                                                              connected=_inputs_text(n))
    return None


def _find_cycle(remaining: set[str], inputs: dict[str, list[str]]) -> list[str]:
    """A cycle among the nodes Kahn's algorithm could not order: walk back through inputs until a repeat."""
    start = min(remaining)
    seen: dict[str, int] = {}
    path: list[str] = []
    node = start
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(p for p in inputs[node] if p in remaining)
    cycle = path[seen[node]:]
    cycle.reverse()  # walked against the edges: flip to read in flow order
    return cycle


def analyze(spec: Any) -> Analysis:
    """Check a spec and infer shapes, reporting every problem (never raises for a bad spec)."""
    result = Analysis()
    errors = result.errors
    if not isinstance(spec, dict) or not isinstance(spec.get("nodes"), list):
        errors.append(SpecError(_("The network spec must be a dict with a 'nodes' list and an 'edges' list.")))
        return result
    edges = spec.get("edges", [])
    if not isinstance(edges, list):
        errors.append(SpecError(_("The spec's 'edges' must be a list of [from_id, to_id] pairs.")))
        edges = []

    types: dict[str, str] = {}    # every node with a usable id
    classes: dict[str, type[Layer]] = {}
    for i, node in enumerate(spec["nodes"]):
        if not isinstance(node, dict):
            errors.append(SpecError(_("Node #{number} must be a dict with 'id', 'type' and 'params', "
                                      "not {node!r}.").format(number=i + 1, node=node)))
            continue
        nid, ntype = node.get("id"), node.get("type")
        if not isinstance(nid, str) or not nid.strip():
            errors.append(SpecError(_("Node #{number} ({ntype}) has an empty id; every node needs a "
                                      "unique, non-empty id.").format(number=i + 1, ntype=ntype)))
            continue
        if nid in types:
            errors.append(SpecError(_("Two nodes share the id '{nid}'; every node needs its own id.")
                                    .format(nid=nid), nid))
            continue
        types[nid] = ntype
        try:
            cls = layers.get(ntype)
        except SpecError:
            errors.append(SpecError(_("Node '{nid}' has unknown type {ntype!r}; valid types are: {names}.")
                                    .format(nid=nid, ntype=ntype, names=', '.join(layers.names())), nid, "type"))
            continue
        classes[nid] = cls
        try:
            result.layers[nid] = cls(nid, node.get("params") or {})
        except SpecError as err:
            errors.append(err)

    inputs: dict[str, list[str]] = {nid: [] for nid in types}
    consumers: dict[str, list[str]] = {nid: [] for nid in types}
    for k, edge in enumerate(edges):
        if not (isinstance(edge, (list, tuple)) and len(edge) == 2 and isinstance(edge[0], str)
                and isinstance(edge[1], str)):
            errors.append(SpecError(_("Edge #{number} must be a pair [from_id, to_id], not {edge!r}.")
                                    .format(number=k + 1, edge=edge)))
            continue
        src, dst = edge
        bad = False
        if src not in types:
            errors.append(SpecError(_("An edge comes from '{src}', which is not a node of the network.")
                                    .format(src=src),
                                    dst if dst in types else None))
            bad = True
        if dst not in types:
            errors.append(SpecError(_("An edge goes to '{dst}', which is not a node of the network.").format(dst=dst),
                                    src if src in types else None))
            bad = True
        if bad:
            continue
        inputs[dst].append(src)
        consumers[src].append(dst)
    result.inputs = inputs

    for nid, cls in classes.items():
        problem = _count_problem(nid, cls, len(inputs[nid]))
        if problem:
            errors.append(SpecError(problem, nid))

    input_ids = [nid for nid, t in types.items() if t == "Input"]
    if not input_ids:
        errors.append(SpecError(_("The network has no Input node: add one where the data enters.")))
    elif len(input_ids) > 1:
        listed = ", ".join(f"'{i}'" for i in input_ids)
        errors.append(_graph_error(_("The network has {count} Input nodes ({listed}); it needs exactly one.")
                                   .format(count=len(input_ids), listed=listed), input_ids))
    else:
        result.input_id = input_ids[0]

    # topological order (Kahn's algorithm, stable in node-list order)
    pending = {nid: len(inputs[nid]) for nid in types}
    ready = deque(nid for nid in types if pending[nid] == 0)
    order = result.order
    while ready:
        nid = ready.popleft()
        order.append(nid)
        for c in consumers[nid]:
            pending[c] -= 1
            if pending[c] == 0:
                ready.append(c)
    if len(order) < len(types):
        # every unordered node has an unordered input: each walk back finds a loop
        remaining = set(types) - set(order)
        while remaining:
            cycle = _find_cycle(remaining, inputs)
            loop = " -> ".join(f"'{c}'" for c in cycle + cycle[:1])
            errors.append(_graph_error(_("The connections {loop} form a loop; a network must flow one "
                                         "way, from the Input to the output.").format(loop=loop), cycle))
            remaining -= set(cycle)
            while True:  # drop nodes that were only downstream of that loop
                free = {n for n in remaining if not any(p in remaining for p in inputs[n])}
                if not free:
                    break
                remaining -= free

    sinks = [nid for nid in types if not consumers[nid]]
    if sinks:
        result.output_id = sinks[-1] if len(sinks) == 1 else _pick_output(sinks, types, input_ids, consumers)
        for s in sinks:
            if s != result.output_id:
                errors.append(SpecError(_("{types} '{s}' leads nowhere: a network has one output "
                                          "('{output_id}'), so connect '{s}' to a later layer or "
                                          "delete it.").format(types=types[s], s=s, output_id=result.output_id), s))
        if len(sinks) > 1:
            result.output_id = None

    shapes = result.shapes
    for nid in types:
        shapes[nid] = None
    for nid in order:
        layer = result.layers.get(nid)
        if layer is None:
            continue
        in_shapes = [shapes[p] for p in inputs[nid]]
        if None in in_shapes or _count_problem(nid, type(layer), len(in_shapes)):
            continue
        try:
            shapes[nid] = tuple(layer.output_shape(in_shapes))
            result.param_counts[nid] = count = layer.count_params(in_shapes)
            if count > MAX_LAYER_WEIGHTS:
                amount = f"{count:,}" if count < 10**15 else f"about {count:.0e}"
                raise layer.fail(_("would have {amount} weights, more than the {MAX_LAYER_WEIGHTS:,} "
                                   "a layer may have here: use fewer units or filters, or a smaller "
                                   "kernel.").format(amount=amount, MAX_LAYER_WEIGHTS=MAX_LAYER_WEIGHTS))
        except SpecError as err:
            errors.append(err)
    return result


def _pick_output(sinks: list[str], types: dict[str, str], input_ids: list[str],
                 consumers: dict[str, list[str]]) -> str:
    """Among several dead ends, call the output the last one the data reaches (the others get the error)."""
    reached, stack = set(input_ids), list(input_ids)
    while stack:
        for c in consumers[stack.pop()]:
            if c not in reached:
                reached.add(c)
                stack.append(c)
    candidates = ([s for s in sinks if s in reached and types[s] != "Input"]
                  or [s for s in sinks if types[s] != "Input"] or sinks)
    return candidates[-1]


def validate(spec: Any) -> Analysis:
    """Analyze and raise the first problem as a SpecError; returns the Analysis of a valid spec."""
    result = analyze(spec)
    if result.errors:
        raise result.errors[0]
    if result.output_id is None:  # e.g. a graph that is one big loop
        raise SpecError(_("The network has no output: the last layer must be left unconnected."))
    return result


def normalize(spec: dict) -> dict:
    """A deep copy with every valid node's params completed with defaults; other keys kept untouched."""
    out = copy.deepcopy(spec)
    if not isinstance(out, dict):
        return out
    for node in out.get("nodes", []) if isinstance(out.get("nodes"), list) else []:
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            continue
        try:
            layer = layers.get(node.get("type"))(node["id"], node.get("params") or {})
        except SpecError:
            continue
        node["params"] = layer.get_config()
    if isinstance(out.get("edges"), list):
        out["edges"] = [list(e) if isinstance(e, tuple) else e for e in out["edges"]]
    return out


__all__ = ["Analysis", "analyze", "validate", "normalize", "describe"]
