"""Where a training run stopped: the optimizer's state and the random generators' positions.

Stored beside the weights (``optimizer.json`` + ``optimizer.npz``) so that training 3 epochs, saving,
reopening and training 2 more gives exactly the weights and curves of 5 epochs in one go. The state is an aid,
not content: it is used only while it still belongs to the weights (same optimizer, same number of epochs
trained); anything that no longer fits the network is dropped and that parameter starts afresh, as the
engine itself does when the network is edited.

In memory the state is ``{"epochs", "step_count", "optimizer": Optimizer.state_dict() or None,
"rng": {"shuffle": bit_generator.state or None, "dropout": {node_id: bit_generator.state}}}``.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from nnstudio.engine import optimizers
from nnstudio.engine.errors import SpecError

from . import schema
from .errors import ProjectError
from ..i18n import _

STATE_JSON = "optimizer.json"
STATE_NPZ = "optimizer.npz"
_SLOTS = "slots/"   # npz key "slots/<node_id>/<param>/<slot>": one per-parameter moment, buffer or sum
_WHOLE = "state/"   # npz key "state/<name>": an array over all parameters at once (L-BFGS history)
_FIXED = ("name", "iterations", "counts", "slots")

Weights = dict[str, dict[str, np.ndarray]]


# ---- capturing and restoring a live network -------------------------------------------------------
def _finite(state: dict) -> bool:
    for key, value in state.items():
        if key == "slots":
            if not all(np.isfinite(a).all() for s in value.values() for a in s.values()):
                return False
        elif isinstance(value, np.ndarray) and value.dtype.kind == "f" and not np.isfinite(value).all():
            return False
        elif isinstance(value, float) and not math.isfinite(value):
            return False
    return True


def capture(net, epochs: int) -> dict:
    """The state of ``net`` after ``epochs`` epochs of training (a diverged optimizer state is left out)."""
    opt = getattr(net, "optimizer", None)
    state = opt.state_dict() if opt is not None and hasattr(opt, "state_dict") else None
    if state is not None and not _finite(state):
        state = None  # moments that hold NaN would only make the next run diverge at once
    return {"epochs": int(epochs), "step_count": int(getattr(net, "step_count", 0)), "optimizer": state,
            "rng": net.generator_state}


def optimizer_name(config: Any) -> str | None:
    """The canonical name of an optimizer setting, or None when the setting is not valid."""
    try:
        return optimizers.get(config).name
    except SpecError:
        return None


def restore_optimizer(net, state: dict, config: Any) -> bool:
    """Give ``net`` an optimizer made from ``config`` holding ``state``; False when they do not match."""
    opt_state = state.get("optimizer")
    if not opt_state:
        return False
    try:
        opt = optimizers.get(config)
    except SpecError:
        return False  # fit() reports the bad setting in its own words
    if opt.name != opt_state.get("name"):
        return False  # another optimizer was chosen since: it starts afresh
    params = net.params_flat
    clean = dict(opt_state)
    clean["slots"] = {k: s for k, s in opt_state.get("slots", {}).items()
                      if k in params and all(a.shape == params[k].shape for a in s.values())}
    clean["counts"] = {k: c for k, c in opt_state.get("counts", {}).items() if k in params}
    opt.load_state_dict(clean)
    net.optimizer = opt  # fit() keeps an optimizer of the same name and applies the settings to it
    net.step_count = int(state.get("step_count", 0))
    return True


def restore_generators(net, state: dict) -> bool:
    """Put the shuffling and dropout generators where the recorded run left them; False if not recorded."""
    rng = state.get("rng") or {}
    if rng.get("shuffle") is None:
        return False
    net.generator_state = rng  # fit(seed=None) shuffles with the network's generator
    return True


# ---- the archive members --------------------------------------------------------------------------
def to_members(state: dict, target: Path) -> tuple[bytes, bytes]:
    """(optimizer.json, optimizer.npz) bytes; numbers go to the JSON, arrays to the NPZ."""
    opt = state.get("optimizer")
    doc: dict[str, Any] = {"epochs": int(state["epochs"]), "step_count": int(state.get("step_count", 0)),
                           "optimizer": None, "rng": _jsonable_rng(state.get("rng") or {})}
    arrays: dict[str, np.ndarray] = {}
    if opt is not None:
        numbers = {}
        for key, value in opt.items():
            if key in _FIXED:
                continue
            if isinstance(value, np.ndarray):
                arrays[_WHOLE + key] = value
            elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
                numbers[key] = value.item() if isinstance(value, np.generic) else value
            else:
                raise ProjectError(_("Cannot save {target}: the optimizer state entry {key!r} is "
                                     "neither a number nor an array.").format(target=target, key=key), target)
        for key, slots in opt.get("slots", {}).items():
            for slot, arr in slots.items():
                arrays[f"{_SLOTS}{key}/{slot}"] = np.asarray(arr)
        doc["optimizer"] = {"name": str(opt["name"]), "iterations": int(opt.get("iterations", 0)),
                            "counts": {str(k): int(v) for k, v in opt.get("counts", {}).items()},
                            "numbers": numbers}
    if problem := schema.check(doc, "optimizer_state"):
        raise ProjectError(_("Cannot save {target}: in the optimizer state, {problem}.")
                           .format(target=target, problem=problem), target)
    for key, arr in arrays.items():
        if arr.dtype.hasobject or arr.dtype.kind not in "fiub":
            raise ProjectError(_("Cannot save {target}: the optimizer state {key} is not numeric ({dtype}).")
                               .format(target=target, key=key, dtype=arr.dtype),
                               target)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    text = json.dumps(doc, allow_nan=False, sort_keys=True)
    return text.encode("utf-8"), buf.getvalue()


def _jsonable_rng(rng: dict) -> dict:
    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        return value.item() if isinstance(value, np.generic) else value
    return {"shuffle": plain(rng.get("shuffle")), "dropout": plain(rng.get("dropout") or {})}


def from_members(doc: Any, arrays: dict[str, np.ndarray], expected: Weights, label: str,
                 path: Path) -> dict:
    """The state read back, checked: wrong types are refused; entries that name no weight of the network
    (or whose shape differs from it) are dropped, so those parameters start afresh."""
    def refuse(member: str, problem: str) -> ProjectError:
        return ProjectError(_("Cannot open {label}: in {member}, {problem}.")
                            .format(label=label, member=member, problem=problem), path)

    if problem := schema.check(doc, "optimizer_state"):
        raise refuse(STATE_JSON, problem)
    for name, st in [("shuffle", doc["rng"].get("shuffle"))] + list(doc["rng"].get("dropout", {}).items()):
        if st is not None and not _valid_generator_state(st):
            raise refuse(STATE_JSON, _("the random generator state {name!r} is not a valid PCG64 state")
                         .format(name=name))
    weights = {f"{nid}/{param}": arr for nid, params in expected.items() for param, arr in params.items()}
    opt = doc["optimizer"]
    state: dict[str, Any] = {"epochs": doc["epochs"], "step_count": doc["step_count"], "rng": doc["rng"],
                             "optimizer": None}
    if opt is None:
        if arrays:
            raise refuse(STATE_NPZ, _("there are arrays but {member} records no optimizer").format(member=STATE_JSON))
        return state
    if opt["name"] not in optimizers.names():
        raise refuse(STATE_JSON, _("{name!r} is not an optimizer this nnstudio knows").format(name=opt["name"]))
    slots: dict[str, dict[str, np.ndarray]] = {}
    whole: dict[str, np.ndarray] = {}
    for key, arr in arrays.items():
        if key.startswith(_SLOTS):
            param_key, sep, slot = key[len(_SLOTS):].rpartition("/")
            if not sep or not slot or "/" not in param_key:
                raise refuse(STATE_NPZ, _("the key {key!r} is not of the form 'slots/node_id/param/slot'")
                             .format(key=key))
            want = weights.get(param_key)
            if want is not None and arr.shape == want.shape:  # else: not this network's: dropped
                slots.setdefault(param_key, {})[slot] = np.asarray(arr, dtype=want.dtype)
        elif key.startswith(_WHOLE) and key[len(_WHOLE):] not in _FIXED + tuple(opt["numbers"]):
            if arr.dtype.kind != "f" or arr.ndim > 2:
                raise refuse(STATE_NPZ, _("the array {key!r} must be a vector or matrix of floats").format(key=key))
            whole[key[len(_WHOLE):]] = arr
        else:
            raise refuse(STATE_NPZ, _("the key {key!r} is not an optimizer state entry").format(key=key))
    counts = {k: v for k, v in opt["counts"].items() if k in weights}
    numbers = {k: v for k, v in opt["numbers"].items() if k not in _FIXED}
    if whole and not _consistent_history(whole):
        whole, numbers = {}, {}  # an L-BFGS history that does not hang together: start it afresh
    state["optimizer"] = {"name": opt["name"], "iterations": opt["iterations"], "counts": counts,
                          "slots": slots, **numbers, **whole}
    return state


def _consistent_history(whole: dict[str, np.ndarray]) -> bool:
    """L-BFGS's arrays: direction and last gradient of one length n, k past steps as (k, n) and k ratios."""
    d = whole.get("d")
    if d is None or d.ndim != 1:
        return False
    n = d.size
    if "prev_flat_grad" in whole and whole["prev_flat_grad"].shape != (n,):
        return False
    history = [whole.get(k) for k in ("old_dirs", "old_stps", "ro")]
    if all(a is None for a in history):
        return True
    if any(a is None for a in history):
        return False
    dirs, stps, ro = history
    return dirs.ndim == 2 and dirs.shape[1] == n and stps.shape == dirs.shape and ro.shape == (dirs.shape[0],)


def _valid_generator_state(st: dict) -> bool:
    try:
        np.random.default_rng().bit_generator.state = st
    except (TypeError, ValueError, KeyError, OverflowError):
        return False
    return True
