"""What the live views need from a network, computed in the worker thread as plain arrays.

Everything here is pure NumPy and runs between batches, so it must stay cheap: a snapshot costs one batched
forward pass over the input plane (decision boundary and every neuron's output at once) and one over a small
probe sample (activation histograms), plus copies of the (small) weight arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnstudio.engine import losses
from nnstudio.engine.errors import SpecError
from nnstudio.engine.metrics import predicted_classes
from nnstudio.engine.sequence_trace import trace_recurrent
from nnstudio.engine.spec import analyze

PLANE_RES = 64           # decision-boundary grid is PLANE_RES x PLANE_RES points
NEURON_STRIDE = 2        # neuron tiles on the cards reuse the same pass at half resolution
MAX_TILED_UNITS = 16     # "small network": every tiled layer has at most this many units...
MAX_TILED_TOTAL = 96     # ...and all tiled layers together at most this many
PROBE_ROWS = 256         # rows of training data used for activation histograms
EVAL_ROWS = 1000         # rows used for predicted-vs-true / confusion matrix
MISTAKE_ROWS = 40        # misclassified rows a snapshot carries for the gallery, most confident first
HIST_BINS = 30
SEQUENCE_ROWS = 8        # samples of the evaluated set whose recurrent state a snapshot carries (the chooser's)
# parts of a snapshot computed only while a view shows them (the worker is told which): the weight
# histograms, the activation histograms (a forward pass over the probe rows) and the recurrent state of a few
# samples step by step (a forward and backward pass over them)
OPTIONAL_PARTS = frozenset({"weight_hist", "activations", "sequence"})
DEAD_RELU = ("relu",)
SATURATING = {"sigmoid": (0.02, 0.98), "tanh": (-0.98, 0.98), "hard_sigmoid": (0.0, 1.0),
              "softsign": (-0.95, 0.95)}


def node_activation(node: dict) -> str | None:
    """The activation a node applies, by registry name (None for layers without one)."""
    params = node.get("params") or {}
    act = params.get("activation")
    if isinstance(act, dict):
        act = act.get("name")
    if act is None and node.get("type", "").lower() in DEAD_RELU + tuple(SATURATING):
        act = node["type"].lower()
    return act if isinstance(act, str) else None


@dataclass
class Snapshot:
    """What the live views draw at one moment of a session, computed in the training thread (plain arrays)."""

    step: int = 0
    epoch: float = 0.0                 # the session's position, in epochs
    weights: dict = field(default_factory=dict)       # {node_id: {param: float32 copy}} (no moving stats)
    grad_norms: dict = field(default_factory=dict)    # {node_id: L2 norm of the latest gradient}
    prediction: dict = field(default_factory=lambda: {"kind": "none"})   # see prediction_part
    weight_hist: dict | None = None    # {node_id: (counts, edges)}; None when not computed (OPTIONAL_PARTS)
    activations: dict | None = None    # {node_id: {"counts", "edges", "activation", "dead", "saturated"}}
    neurons: dict = field(default_factory=dict)       # {node_id: (units, r, r)} responses over the plane
    card_pixels: dict | None = None    # {node_id: RGBA} pictures for the canvas cards
    sequence: "SequencePart | None" = None   # a recurrent network's state over time (OPTIONAL_PARTS)


@dataclass
class SequencePart:
    """The first recurrent layer over time for the first SEQUENCE_ROWS samples of the evaluated set, from
    ``engine.sequence_trace``: (samples, timesteps, units) arrays, gates by name, dL/dh_t norms."""

    node_id: str
    which: str                             # "validation" | "training": the part the samples come from
    states: np.ndarray
    gates: dict
    grad_norms: np.ndarray                 # (samples, timesteps): ‖dL_i/dh_t‖ of each sample's own loss


@dataclass
class SnapshotPlan:
    """Fixed per training session: which views apply and the arrays they are computed over."""

    spec: dict
    task: str                              # "binary" | "multiclass" | "regression"
    X: np.ndarray                          # training inputs as the network sees them
    y: np.ndarray
    X_val: np.ndarray | None = None
    y_val: np.ndarray | None = None
    n_classes: int = 0
    kind: str = "none"                     # "plane" | "curve" | "confusion" | "scatter" | "none"
    grid: np.ndarray | None = None         # (R*R, 2) plane points or (R, 1) curve points
    axes: tuple = ()                       # (xs, ys) of the plane, or (xs,) of the curve
    probe: np.ndarray | None = None
    tiled: tuple = ()                      # node ids whose neurons get a tile over the plane
    nodes: dict = field(default_factory=dict)
    output_id: str | None = None
    input_id: str | None = None
    recurrent_id: str | None = None        # the first layer with a recurrent state (the sequence views')

    @classmethod
    def build(cls, spec, task, X, y, X_val=None, y_val=None, n_classes=0) -> "SnapshotPlan":
        plan = cls(spec=spec, task=task, X=X, y=y, X_val=X_val, y_val=y_val, n_classes=n_classes)
        plan.nodes = {n["id"]: n for n in spec.get("nodes", [])}
        analysis = analyze(spec)
        plan.output_id, plan.input_id = analysis.output_id, analysis.input_id
        plan.recurrent_id = next((nid for nid in analysis.order if nid in analysis.layers
                                  and type(analysis.layers[nid]).STEPS is not None), None)
        plan.probe = np.ascontiguousarray(X[:PROBE_ROWS])
        flat = X.ndim == 2
        if flat and X.shape[1] == 2 and len(X):
            plan.kind = "plane"
            pts = X if X_val is None or not len(X_val) else np.concatenate([X, X_val])
            xs = _span(pts[:, 0], PLANE_RES)
            ys = _span(pts[:, 1], PLANE_RES)
            gx, gy = np.meshgrid(xs, ys)   # row = y, column = x
            plan.grid = np.column_stack([gx.ravel(), gy.ravel()])
            plan.axes = (xs, ys)
            # layers with one flat output per unit: each unit's response over the plane is a tile
            tiled = [nid for nid, layer in analysis.layers.items() if type(layer).UNIT_TILES
                     and analysis.shapes.get(nid) is not None and len(analysis.shapes[nid]) == 1]
            units = [analysis.shapes[n][0] for n in tiled]
            if tiled and max(units) <= MAX_TILED_UNITS and sum(units) <= MAX_TILED_TOTAL:
                plan.tiled = tuple(tiled)
        elif flat and X.shape[1] == 1 and task == "regression" and len(X):
            plan.kind = "curve"
            xs = _span(X[:, 0], 200)
            plan.grid = xs[:, None]
            plan.axes = (xs,)
        elif task in ("binary", "multiclass"):
            plan.kind = "confusion"
        elif task == "regression":
            plan.kind = "scatter"
        return plan

    def eval_set(self):
        """Held-out rows when there are any (that is what the learner should judge), else training rows."""
        if self.X_val is not None and len(self.X_val):
            return self.X_val[:EVAL_ROWS], self.y_val[:EVAL_ROWS], "validation"
        return self.X[:EVAL_ROWS], self.y[:EVAL_ROWS], "training"


def _span(v: np.ndarray, n: int) -> np.ndarray:
    lo, hi = float(np.min(v)), float(np.max(v))
    pad = 0.1 * (hi - lo) if hi > lo else 1.0
    return np.linspace(lo - pad, hi + pad, n)


def _hist(a: np.ndarray):
    a = a[np.isfinite(a)]
    if not a.size:
        return np.zeros(HIST_BINS), np.linspace(-1, 1, HIST_BINS + 1)
    lo, hi = float(a.min()), float(a.max())
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    counts, edges = np.histogram(a, bins=HIST_BINS, range=(lo, hi))
    return counts.astype(np.float64), edges


def class_scores(out: np.ndarray) -> np.ndarray:
    """Network outputs as (N, K) scores: P(class 1) for binary, the outputs for the rest."""
    out = np.asarray(out, dtype=np.float64)
    return out.reshape(len(out), -1)


def weights_part(network, histograms: bool = True) -> tuple[dict, dict]:
    """Copies of every trainable array and (``histograms``) a histogram of each layer's weights (all its
    params together)."""
    weights = {}
    hists = {}
    for nid, params in network.get_weights().items():
        kept = {p: np.array(a, dtype=np.float32, copy=True) for p, a in params.items()
                if p not in ("moving_mean", "moving_variance")}
        if not kept:
            continue
        weights[nid] = kept
        if histograms:
            hists[nid] = _hist(np.concatenate([a.ravel() for a in kept.values()]).astype(np.float64))
    return weights, hists


def gradient_norms(network) -> dict:
    """L2 norm of each layer's gradient (all its params) from the latest step."""
    return network.gradient_norms()


def activation_part(plan: SnapshotPlan, outputs: dict) -> dict:
    """Histogram of each hidden node's output on the probe rows, with the share of dead/saturated units."""
    result = {}
    for nid, out in outputs.items():
        node = plan.nodes.get(nid)
        if node is None or nid == plan.input_id:
            continue
        out = np.asarray(out, dtype=np.float64)
        act = node_activation(node)
        entry = {"activation": act, "dead": None, "saturated": None}
        entry["counts"], entry["edges"] = _hist(out.ravel())
        units = out.reshape(len(out), -1)
        if nid == plan.output_id:
            pass          # a confident classifier's output is saturated by design: no warning there
        elif act in DEAD_RELU and units.size:
            # a unit is dead when it outputs zero for every probe row: no gradient reaches it
            entry["dead"] = float(np.mean(np.all(units <= 0.0, axis=0)))
        elif act in SATURATING and units.size:
            lo, hi = SATURATING[act]
            entry["saturated"] = float(np.mean((units <= lo) | (units >= hi)))
        result[nid] = entry
    return result


def prediction_part(plan: SnapshotPlan, network, plane_outputs: dict | None) -> dict:
    """The task's picture of what the network does: plane, curve, confusion matrix or predicted-vs-true."""
    if plan.kind == "plane":
        out = class_scores(plane_outputs["__output__"])
        r = len(plan.axes[0])
        return {"kind": "plane", "xs": plan.axes[0], "ys": plan.axes[1],
                "values": out.reshape(r, r, out.shape[1]).astype(np.float32)}
    if plan.kind == "curve":
        out = np.asarray(network.predict(plan.grid), dtype=np.float64).reshape(len(plan.grid), -1)
        return {"kind": "curve", "x": plan.axes[0].copy(), "y": out[:, 0].copy()}
    if plan.kind in ("confusion", "scatter"):
        X, y, which = plan.eval_set()
        if not len(X):
            return {"kind": "none"}
        out = np.asarray(network.predict(X), dtype=np.float64)
        if plan.kind == "confusion":
            k = max(plan.n_classes, 2)
            truth = np.asarray(y).reshape(len(y), -1)
            truth = np.argmax(truth, 1) if truth.shape[1] > 1 else truth[:, 0].astype(np.int64)
            # one output column is P(class 1), several are class scores (a 2-unit softmax serves binary
            # too); the engine's rule, so the matrix agrees with the accuracy metric
            scores = class_scores(out)
            pred = predicted_classes(scores, "binary" if scores.shape[1] == 1 else "multiclass").reshape(-1)
            m = np.zeros((k, k), dtype=np.int64)
            np.add.at(m, (np.clip(truth, 0, k - 1), np.clip(pred, 0, k - 1)), 1)
            return {"kind": "confusion", "matrix": m, "which": which,
                    "mistakes": mistakes_part(X, truth, pred, scores)}
        return {"kind": "scatter", "y_true": np.asarray(y, dtype=np.float64).reshape(len(y), -1)[:, 0].copy(),
                "y_pred": out.reshape(len(out), -1)[:, 0].copy(), "which": which}
    return {"kind": "none"}


@dataclass
class Mistakes:
    """Misclassified rows of the evaluated set for the gallery: inputs as the network sees them (float32
    copies), true and predicted class, and the probability the network gave its (wrong) answer."""

    X: np.ndarray
    true: np.ndarray
    pred: np.ndarray
    confidence: np.ndarray
    rows: np.ndarray                       # their rows in the evaluated part


def mistakes_part(X: np.ndarray, truth: np.ndarray, pred: np.ndarray, scores: np.ndarray,
                  limit: int = MISTAKE_ROWS) -> Mistakes:
    """The most confidently wrong rows first (what a teacher points at), at most ``limit`` of them."""
    wrong = np.flatnonzero(truth != pred)
    if scores.shape[1] == 1:         # P(class 1): the confidence in class 0 is its complement
        conf = np.where(pred[wrong] == 1, scores[wrong, 0], 1.0 - scores[wrong, 0])
    else:
        conf = scores[wrong, pred[wrong]]
    order = np.argsort(-conf, kind="stable")[:limit]
    rows = wrong[order]
    return Mistakes(np.array(X[rows], dtype=np.float32), truth[rows].copy(), pred[rows].copy(),
                    conf[order].astype(np.float64), rows)


def sequence_part(plan: SnapshotPlan, network) -> SequencePart | None:
    """The recurrent state of the first SEQUENCE_ROWS evaluated samples; None where there is none to show
    (no recurrent layer, no rows, an activation without a gradient)."""
    X, y, which = plan.eval_set()
    if plan.recurrent_id is None or not len(X):
        return None
    loss = network.loss or losses.default_for(plan.task, network.output_activation)
    try:
        rec = trace_recurrent(network, X[:SEQUENCE_ROWS], y[:SEQUENCE_ROWS], loss, node_id=plan.recurrent_id)
    except SpecError:
        return None
    return SequencePart(plan.recurrent_id, which, rec.states.astype(np.float32),
                        {k: v.astype(np.float32) for k, v in rec.gates.items()}, rec.grad_norms.astype(np.float64))


def take(plan: SnapshotPlan, network, *, step: int, epoch: float, parts=OPTIONAL_PARTS) -> Snapshot:
    """One snapshot for every view, with those of OPTIONAL_PARTS named in ``parts``. Runs in the worker
    thread between two batches."""
    weights, hists = weights_part(network, histograms="weight_hist" in parts)
    snap = Snapshot(step=step, epoch=epoch, weights=weights, grad_norms=gradient_norms(network))
    if "weight_hist" in parts:
        snap.weight_hist = hists
    if "sequence" in parts:
        snap.sequence = sequence_part(plan, network)
    if "activations" in parts:
        snap.activations = activation_part(plan, network.forward_all(plan.probe)) if len(plan.probe) else {}
    plane_outputs = None
    if plan.kind == "plane":
        # one batched pass gives the output over the plane and every tiled neuron's output too
        all_out = network.forward_all(plan.grid)
        plane_outputs = {"__output__": all_out[plan.output_id] if plan.output_id in all_out
                         else network.predict(plan.grid)}
        r = len(plan.axes[0])
        neurons = {}
        for nid in plan.tiled:
            if nid in all_out:
                a = np.asarray(all_out[nid], dtype=np.float32).reshape(r, r, -1)
                neurons[nid] = np.ascontiguousarray(a[::NEURON_STRIDE, ::NEURON_STRIDE, :].transpose(2, 0, 1))
        snap.neurons = neurons
    snap.prediction = prediction_part(plan, network, plane_outputs)
    return snap
