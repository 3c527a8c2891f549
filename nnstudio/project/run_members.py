"""The archive members of runs (format 2): the current run's ``snapshots.npz`` and each kept run's
``runs/<id>/weights.npz``, ``history.json``, ``optimizer.json``, ``optimizer.npz`` and ``snapshots.npz``.

Their identities and settings live in project.json (``run``, ``runs``); what is here are the arrays and
curves. Everything read is checked as the current run's members are: numeric arrays only, weights that fit
the run's own spec, the history against the schema.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from . import fit, resume, schema
from .archive import Limits, parse_json, read_npz
from .errors import ProjectError
from .rewind import Snapshots, SnapshotPolicy, Weights
from .runs import RUN_ID, Run, RunInfo
from ..i18n import _

SNAPSHOTS_NPZ = "snapshots.npz"
EPOCHS_KEY = "epochs"   # stored as "epochs/" beside the "node_id/param" arrays
RUNS_DIR = "runs/"
_RUN_FILES = ("weights.npz", "history.json", resume.STATE_JSON, resume.STATE_NPZ, SNAPSHOTS_NPZ)


def wanted(name: str) -> bool:
    if name == SNAPSHOTS_NPZ:
        return True
    if not name.startswith(RUNS_DIR):
        return False
    run_id, sep, member = name[len(RUNS_DIR):].partition("/")
    return bool(sep) and RUN_ID.match(run_id) is not None and member in _RUN_FILES


# ---- writing ------------------------------------------------------------------------------------------
def snapshots_npz(snapshots: Snapshots, target: Path) -> bytes | None:
    """One array per parameter, the snapshots stacked along a first axis, and their ``epochs``: the member
    count does not grow with the number of snapshots (the archive caps members, an NPZ included)."""
    if not len(snapshots):
        return None
    from .model import _weights_npz
    epochs = snapshots.epochs
    first = snapshots.get(epochs[0])
    stacked = {node: {param: np.stack([snapshots.get(e)[node][param] for e in epochs])
                      for param in params} for node, params in first.items()}
    stacked[EPOCHS_KEY] = {"": np.asarray(epochs, dtype=np.int64)}
    return _weights_npz(stacked, target)


def to_members(project, target: Path) -> list[tuple[str, bytes, bool]]:
    """(name, content, deflate) of every run member to write, after checking each kept run as load would."""
    from .model import _history_document, _weights_npz
    out = []
    if (snaps := snapshots_npz(project.snapshots, target)) is not None:
        out.append((SNAPSHOTS_NPZ, snaps, False))
    ids = {project.run.id}
    for run in project.runs:
        if run.id in ids:
            raise ProjectError(_("Cannot save {target}: the run id {id!r} is used twice.")
                               .format(target=target, id=run.id), target)
        ids.add(run.id)
        folder = f"{RUNS_DIR}{run.id}/"
        spec = run.info.settings.spec
        if run.weights is not None:
            out.append((folder + "weights.npz", _weights_npz(run.weights, target), False))
            fit.checked(run.weights, spec, f"{target} (run {run.name!r})", target, "save")
            if run.resume_state is not None:
                state_json, state_npz = resume.to_members(run.resume_state, target)
                out += [(folder + resume.STATE_JSON, state_json, True), (folder + resume.STATE_NPZ, state_npz, False)]
        if run.history is not None:
            history = _history_document(run.history)
            if problem := schema.check(history, "history"):
                raise ProjectError(_("Cannot save {target}: in the history of run {name!r}, {problem}.")
                                   .format(target=target, name=run.name, problem=problem), target)
            out.append((folder + "history.json", json.dumps(history, allow_nan=False).encode("utf-8"), True))
        if (snaps := snapshots_npz(run.snapshots, target)) is not None:
            out.append((folder + SNAPSHOTS_NPZ, snaps, False))
    return out


# ---- reading ------------------------------------------------------------------------------------------
def read_snapshots(raw: bytes | None, spec: dict, label: str, path: Path, limits: Limits,
                   policy: SnapshotPolicy) -> Snapshots:
    if raw is None:
        return Snapshots(policy=policy)
    arrays = read_npz(raw, label=label, path=path, limits=limits)
    epochs = arrays.pop(EPOCHS_KEY + "/", None)
    if epochs is None or epochs.ndim != 1 or epochs.dtype.kind not in "iu" or (epochs < 0).any() \
            or len(set(epochs.tolist())) != len(epochs):
        raise ProjectError(_("Cannot open {label}: it has no list of distinct epochs.").format(label=label), path)
    by_epoch: dict[int, Weights] = {int(e): {} for e in epochs}
    for key, arr in arrays.items():
        node, sep, param = key.rpartition("/")
        if not sep or not node or not param:
            raise ProjectError(_("Cannot open {label}: the key {key!r} is not of the form 'node_id/param'.")
                               .format(label=label, key=key), path)
        if arr.ndim < 1 or arr.shape[0] != len(epochs):
            raise ProjectError(_("Cannot open {label}: the array {key!r} does not hold one entry per epoch.")
                               .format(label=label, key=key), path)
        for i, e in enumerate(epochs):
            by_epoch[int(e)].setdefault(node, {})[param] = arr[i]
    return Snapshots({e: fit.checked(w, spec, label, path, "open") for e, w in by_epoch.items()}, policy)


def _history(raw: bytes, label: str, path: Path, limits: Limits) -> dict[str, list[float]]:
    doc = parse_json(raw, label=label, path=path, limits=limits)
    if problem := schema.check(doc, "history"):
        raise ProjectError(_("Cannot open {label}: {problem}.").format(label=label, problem=problem), path)
    return {k: [math.nan if v is None else float(v) for v in vals] for k, vals in doc.items()}


def read_runs(doc: dict, members: dict[str, bytes], label: str, path: Path, limits: Limits,
              policy: SnapshotPolicy) -> list[Run]:
    """The kept runs listed in project.json, with their members; a run id listed twice is refused."""
    from .model import _nest
    runs, ids = [], {doc["run"]["id"]}
    for entry in doc["runs"]:
        info = RunInfo.from_json(entry)
        if info.id in ids:
            raise ProjectError(_("Cannot open {label}: the run id {id!r} is used twice.")
                               .format(label=label, id=info.id), path)
        ids.add(info.id)
        if info.settings is None:
            raise ProjectError(_("Cannot open {label}: the kept run {id!r} records no settings.")
                               .format(label=label, id=info.id), path)
        folder = f"{RUNS_DIR}{info.id}/"
        where = f"{label} ({folder}"
        spec = info.settings.spec
        run = Run(info=info)
        if (raw := members.get(folder + "weights.npz")) is not None:
            arrays = read_npz(raw, label=where + "weights.npz)", path=path, limits=limits)
            run.weights = fit.checked(_nest(arrays, label, path), spec, label, path, "open")
            if (state := members.get(folder + resume.STATE_JSON)) is not None:
                state_doc = parse_json(state, label=where + resume.STATE_JSON + ")", path=path, limits=limits)
                state_arrays = {}
                if (raw_state := members.get(folder + resume.STATE_NPZ)) is not None:
                    state_arrays = read_npz(raw_state, label=where + resume.STATE_NPZ + ")", path=path,
                                            limits=limits)
                run.resume_state = resume.from_members(state_doc, state_arrays, run.weights, label, path)
        if (raw := members.get(folder + "history.json")) is not None:
            run.history = _history(raw, where + "history.json)", path, limits)
        run.snapshots = read_snapshots(members.get(folder + SNAPSHOTS_NPZ), spec, where + "snapshots.npz)",
                                       path, limits, policy)
        runs.append(run)
    return runs

