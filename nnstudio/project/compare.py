"""Variants of a project for comparison: a grid of settings, each trained from scratch as its own run.

A setting is named by a dotted path into the project: ``training.batch_size``,
``training.optimizer.learning_rate``, ``data.split.seed``, or ``spec.<node id>.<param>`` for a layer's parameter
(``spec.*.<param>``: every layer that has it, e.g. ``spec.*.activation``). A variant is the project reset (no
weights, history, optimizer state or snapshots) with its settings changed, trained exactly as
``nnstudio train`` trains such a project: same settings and seed give the same numbers. A variant that
diverges is kept with what it recorded up to then (its last finite weights and its curves).
"""

from __future__ import annotations

import copy
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from nnstudio.engine.errors import TrainingDiverged

from . import runner
from .errors import ProjectError
from .model import Project
from .rewind import Snapshots
from .runs import Run, RunInfo, RunSettings
from ..i18n import _

SECTIONS = ("training", "data", "spec")
MAX_VARIANTS = 30   # runs.MAX_KEPT_RUNS: every variant is kept as a run


@dataclass(frozen=True)
class Vary:
    """One setting and the values it takes."""

    key: str
    values: tuple


@dataclass(frozen=True)
class Variant:
    """One point of the grid: ``settings`` maps each varied key to its value here."""

    settings: tuple[tuple[str, Any], ...]

    @property
    def name(self) -> str:
        return ", ".join(f"{key.rsplit('.', 1)[-1]}={_show(value)}" for key, value in self.settings)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.settings)


@dataclass
class Outcome:
    """A variant trained: the project it was trained in (its current run) and the wall time."""

    variant: Variant
    project: Project
    seconds: float
    diverged: str | None = None     # the engine's sentence when training diverged (recorded up to there)


def _show(value: Any) -> str:
    return "null" if value is None else value if isinstance(value, str) else json.dumps(value)


def _value(text: str) -> Any:
    """A value as typed on a command line: JSON where it parses (1, 0.1, null, true), else the plain word."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_vary(text: str) -> Vary:
    """``KEY=V1,V2,...`` -> Vary; a sentence naming the problem otherwise (raised as ValueError)."""
    key, sep, values = text.partition("=")
    key = key.strip()
    if not sep or not key or not values.strip():
        raise ValueError(_("--vary needs KEY=VALUE1,VALUE2,..., not {text!r}").format(text=text))
    section = key.split(".", 1)[0]
    if section not in SECTIONS or "." not in key:
        raise ValueError(_("--vary {key}: a setting starts with training., data. or spec. "
                           "(e.g. training.batch_size)").format(key=key))
    return Vary(key, tuple(_value(v.strip()) for v in values.split(",")))


def grid(varies: list[Vary]) -> list[Variant]:
    """Every combination, the first --vary changing slowest."""
    keys = [v.key for v in varies]
    if len(set(keys)) != len(keys):
        raise ValueError(_("each setting may be varied only once"))
    combos = list(itertools.product(*(v.values for v in varies)))
    if len(combos) > MAX_VARIANTS:
        raise ValueError(_("{count} variants are more than the {most} runs a project keeps")
                         .format(count=len(combos), most=MAX_VARIANTS))
    return [Variant(tuple(zip(keys, combo))) for combo in combos]


def _set_path(doc: dict, parts: list[str], value: Any, key: str, label: str, path) -> None:
    for i, part in enumerate(parts[:-1]):
        child = doc.get(part)
        if isinstance(child, str) and part == "optimizer":   # "adam" -> {"name": "adam", ...}
            child = doc[part] = {"name": child}
        if child is None and part in ("early_stopping",):
            child = doc[part] = {}
        if not isinstance(child, dict):
            raise ProjectError(_("Cannot vary {key} in {label}: {names} is not a group of settings.")
                               .format(key=key, label=label, names='.'.join(key.split('.')[:i + 2])), path)
        doc = child
    doc[parts[-1]] = value


def _set_layer(spec: dict, node_ref: str, param: str, value: Any, key: str, label: str, path) -> None:
    nodes = [n for n in spec["nodes"] if node_ref in ("*", n["id"])]
    if node_ref != "*" and not nodes:
        raise ProjectError(_("Cannot vary {key} in {label}: the network has no node {node_ref!r}.")
                           .format(key=key, label=label, node_ref=node_ref), path)
    touched = [n for n in nodes if node_ref != "*" or param in n.get("params", {})]
    if not touched:
        raise ProjectError(_("Cannot vary {key} in {label}: no layer has the parameter {param!r}.")
                           .format(key=key, label=label, param=param), path)
    for node in touched:
        node.setdefault("params", {})[param] = value


def apply(project: Project, variant: Variant) -> Project:
    """A fresh copy of ``project`` (untrained, one empty run) with the variant's settings."""
    out = project.snapshot()
    out.spec, out.data, out.training = (copy.deepcopy(out.spec), copy.deepcopy(out.data),
                                        copy.deepcopy(out.training))
    out.weights = out.history = out.resume_state = None
    out.data.setdefault("preprocessing", {})["fitted"] = None
    out.snapshots, out.runs, out.run = Snapshots(), [], RunInfo(name=variant.name)
    for key, value in variant.settings:
        section, *parts = key.split(".")
        if section == "spec":
            if len(parts) != 2:
                raise ProjectError(_("Cannot vary {key}: a layer's setting is spec.<node id>.<param> "
                                     "(or spec.*.<param> for every layer).").format(key=key), project.path)
            _set_layer(out.spec, parts[0], parts[1], value, key, project.label, project.path)
        else:
            _set_path(getattr(out, section), parts, value, key, project.label, project.path)
    return out


def train(project: Project, variant: Variant, epochs: int | None = None, callbacks=()) -> Outcome:
    """Train one variant from scratch, as ``nnstudio train`` would train ``apply(project, variant)``."""
    trial = apply(project, variant)
    start = time.perf_counter()
    diverged = None
    try:
        runner.train(trial, epochs=epochs, callbacks=callbacks)
    except TrainingDiverged as exc:     # a lesson may vary a learning rate until it diverges: keep the run
        diverged = " ".join(str(exc).split())
    return Outcome(variant, trial, time.perf_counter() - start, diverged)


def as_run(outcome: Outcome) -> Run:
    """The variant's current run, to keep in the project being compared."""
    p = outcome.project
    info = RunInfo(name=outcome.variant.name, seconds=p.run.seconds, samples_per_epoch=p.run.samples_per_epoch,
                   settings=p.run.settings or RunSettings(p.spec, p.data, p.training))
    return Run(info=info, history=p.history, weights=p.weights, resume_state=p.resume_state,
               snapshots=p.snapshots)


# ---- reading runs side by side (the comparison view and its table) ---------------------------------------
X_AXES = ("epochs", "samples", "seconds")


def x_values(run: Run, axis: str) -> list[float] | None:
    """Where each epoch of ``run`` ends on ``axis``: epochs 1..n; training samples seen; seconds, the run's
    wall time spread evenly over its epochs (None when the run did not record what that axis needs)."""
    n = run.epochs
    if axis == "epochs":
        return [float(i) for i in range(1, n + 1)]
    if axis == "samples":
        per = run.info.samples_per_epoch
        return None if per is None else [float(i * per) for i in range(1, n + 1)]
    if n == 0 or run.info.seconds <= 0:
        return None
    return [run.info.seconds * i / n for i in range(1, n + 1)]


@dataclass(frozen=True)
class Summary:
    """One row of the comparison table: a metric's final and best value, epochs and wall time."""

    run_id: str
    name: str
    final: float | None
    best: float | None
    epochs: int
    seconds: float


def lower_is_better(metric: str) -> bool:
    return metric.removeprefix("val_") in ("loss", "mae", "rmse", "mistakes")


def summarize(run: Run, metric: str) -> Summary:
    import math

    values = [v for v in (run.history or {}).get(metric, []) if math.isfinite(v)]
    last = (run.history or {}).get(metric, [])
    final = last[-1] if last and math.isfinite(last[-1]) else None
    best = (min(values) if lower_is_better(metric) else max(values)) if values else None
    return Summary(run.id, run.name, final, best, run.epochs, run.info.seconds)
