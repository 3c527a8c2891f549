"""A project's runs: the current one (the project's own weights, history, optimizer state and snapshots) and
the runs kept from before, each with the settings it was trained with, for comparing and going back.

Starting a new run (retraining from scratch, resetting) keeps the current one in ``project.runs`` instead of
erasing it; the oldest unpinned runs are let go beyond ``MAX_KEPT_RUNS``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from nnstudio.engine import optimizers

from .errors import ProjectError
from .rewind import Snapshots, Weights
from ..i18n import _

MAX_KEPT_RUNS = 30          # each kept run is up to five archive members; the archive allows 256
RUN_ID = re.compile(r"^run-[0-9]{1,6}$")


@dataclass
class RunSettings:
    """What a run was trained with: the network spec, the data choice and the training settings."""

    spec: dict
    data: dict
    training: dict

    def to_json(self) -> dict:
        return {"spec": copy.deepcopy(self.spec), "data": copy.deepcopy(self.data),
                "training": copy.deepcopy(self.training)}

    @classmethod
    def from_json(cls, doc: dict) -> "RunSettings":
        return cls(spec=doc["spec"], data=doc["data"], training=doc["training"])


@dataclass
class RunInfo:
    """A run's identity and bookkeeping. ``settings`` None: nothing trained in it yet; ``seconds``: wall time
    spent training it; ``samples_per_epoch``: training samples an epoch goes through (None: not known)."""

    id: str = "run-1"
    name: str = "Run 1"
    pinned: bool = False
    seconds: float = 0.0
    settings: RunSettings | None = None
    samples_per_epoch: int | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "pinned": self.pinned, "seconds": float(self.seconds),
                "settings": None if self.settings is None else self.settings.to_json(),
                "samples_per_epoch": self.samples_per_epoch}

    @classmethod
    def from_json(cls, doc: dict) -> "RunInfo":
        settings = doc.get("settings")
        return cls(id=doc["id"], name=doc["name"], pinned=bool(doc.get("pinned", False)),
                   seconds=float(doc.get("seconds", 0.0)),
                   settings=None if settings is None else RunSettings.from_json(settings),
                   samples_per_epoch=doc.get("samples_per_epoch"))


@dataclass
class Run:
    """A kept run: its info, and what training left (weights, history, optimizer state, snapshots)."""

    info: RunInfo
    history: dict[str, list[float]] | None = None
    weights: Weights | None = None
    resume_state: dict | None = None
    snapshots: Snapshots = field(default_factory=Snapshots)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def epochs(self) -> int:
        return max((len(v) for v in (self.history or {}).values()), default=0)

    def copy(self) -> "Run":
        """Copies of the document parts; arrays are shared (nothing changes them in place)."""
        return Run(info=copy.deepcopy(self.info),
                   history=None if self.history is None else {k: list(v) for k, v in self.history.items()},
                   weights=None if self.weights is None else {n: dict(p) for n, p in self.weights.items()},
                   resume_state=self.resume_state, snapshots=self.snapshots.copy())


# ---- the Qt-free API: every view and command goes through these ---------------------------------------
def current(project) -> Run:
    """The current run as a Run sharing the project's arrays (its settings: as trained, else as set now)."""
    info = copy.deepcopy(project.run)
    if info.settings is None:
        info.settings = RunSettings(copy.deepcopy(project.spec), copy.deepcopy(project.data),
                                    copy.deepcopy(project.training))
    return Run(info=info, history=project.history, weights=project.weights, resume_state=project.resume_state,
               snapshots=project.snapshots)


def all_runs(project) -> list[Run]:
    """Kept runs oldest first, then the current one."""
    return list(project.runs) + [current(project)]


def trained(project) -> bool:
    return project.weights is not None or bool(project.history)


def next_id(project) -> str:
    taken = [int(r.id.split("-")[1]) for r in project.runs] + [int(project.run.id.split("-")[1])]
    return f"run-{max(taken) + 1}"


def keep(project, run: Run, new_id: bool = True) -> Run:
    """Add ``run`` to the kept runs (under a new id, unless it is the current run being kept). Beyond
    ``MAX_KEPT_RUNS`` the oldest unpinned run is let go; with all of them pinned nothing changes and the
    ProjectError says so."""
    room = [i for i, r in enumerate(project.runs) if not r.info.pinned]
    if len(project.runs) >= MAX_KEPT_RUNS and not room:
        raise ProjectError(_("The project{project} keeps {count} pinned runs, the most it can hold: "
                             "unpin or delete one first.").format(project=_words(project), count=len(project.runs)), project.path)
    if new_id:
        run.info.id = next_id(project)
    if len(project.runs) >= MAX_KEPT_RUNS:
        del project.runs[room[0]]
    project.runs.append(run)
    return run


def start_new(project, name: str | None = None) -> Run | None:
    """Keep the current run (when anything was trained in it) and start an empty one; returns the kept Run."""
    kept = keep(project, current(project), new_id=False) if trained(project) else None
    new_id = next_id(project)
    project.run = RunInfo(id=new_id, name=name or f"Run {new_id.split('-')[1]}")
    project.weights = project.history = project.resume_state = None
    project.snapshots = Snapshots(policy=project.snapshots.policy)
    return kept


def _words(project) -> str:
    return f" {project.path}" if project.path is not None else ""


def _info(project, run_id: str) -> RunInfo:
    if project.run.id == run_id:
        return project.run
    for run in project.runs:
        if run.id == run_id:
            return run.info
    raise ProjectError(_("The project{project} has no run {run_id!r}.")
                       .format(project=_words(project), run_id=run_id), project.path)


def rename(project, run_id: str, name: str) -> None:
    name = name.strip()
    if not name:
        raise ProjectError(_("A run needs a name: it cannot be empty."), project.path)
    _info(project, run_id).name = name


def pin(project, run_id: str, pinned: bool = True) -> None:
    """A pinned run is never let go to make room for newer ones."""
    _info(project, run_id).pinned = bool(pinned)


def delete(project, run_id: str) -> None:
    """Forget a kept run; deleting the current run empties it (its name and id stay)."""
    if project.run.id == run_id:
        project.weights = project.history = project.resume_state = None
        project.snapshots = Snapshots(policy=project.snapshots.policy)
        project.run.settings, project.run.seconds = None, 0.0
        return
    _info(project, run_id)
    project.runs = [r for r in project.runs if r.id != run_id]


def switch(project, run_id: str) -> None:
    """Make a kept run the current one (its settings become the project's); the current one is kept."""
    if project.run.id == run_id:
        return
    _info(project, run_id)
    chosen = next(r for r in project.runs if r.id == run_id)
    project.runs = [r for r in project.runs if r.id != run_id]
    if trained(project):
        project.runs.append(current(project))
    settings = chosen.info.settings
    if settings is not None:
        project.spec = copy.deepcopy(settings.spec)
        project.data = copy.deepcopy(settings.data)
        project.training = copy.deepcopy(settings.training)
    project.run = chosen.info
    project.weights, project.history = chosen.weights, chosen.history
    project.resume_state, project.snapshots = chosen.resume_state, chosen.snapshots


def branch(project, run_id: str, epoch: int, name: str | None = None) -> Run:
    """Continue from here: a new current run starting from ``run_id``'s snapshot at ``epoch`` (the latest
    kept at or before it), with that run's settings and its curves up to there; the current run is kept.
    Snapshots hold weights only, so the optimizer starts afresh (Adam's moments, momentum) and shuffling
    from the seed plus the epoch; returns the Run the branch came from."""
    source = current(project) if project.run.id == run_id else next(
        (r for r in project.runs if r.id == run_id), None)
    if source is None:
        raise ProjectError(_("The project{project} has no run {run_id!r}.")
                           .format(project=_words(project), run_id=run_id), project.path)
    found = source.snapshots.at_or_before(epoch)
    if found is None:
        raise ProjectError(_("The run {name!r} keeps no snapshot at or before epoch {epoch}.")
                           .format(name=source.name, epoch=epoch), project.path)
    at, weights = found
    kept = [s for s in source.snapshots if s[0] <= at]
    settings = source.info.settings
    start_new(project, name=name or f"{source.name} from epoch {at}")
    if settings is not None:
        project.spec = copy.deepcopy(settings.spec)
        project.data = copy.deepcopy(settings.data)
        project.training = copy.deepcopy(settings.training)
    project.weights = {n: dict(p) for n, p in weights.items()}
    project.history = None if not at else {k: list(v[:at]) for k, v in (source.history or {}).items()}
    project.snapshots = Snapshots(dict(kept), policy=project.snapshots.policy)
    project.run.samples_per_epoch = source.info.samples_per_epoch
    return source


# ---- the same run continued, or a new one --------------------------------------------------------------
def _network(spec: dict) -> list:
    """What of a spec decides the computation: each node's id, type and parameters, and the edges (names
    and card positions do not)."""
    return [[{k: n.get(k) for k in ("id", "type", "params")} for n in spec.get("nodes", [])],
            sorted(list(e) for e in spec.get("edges", []))]


def data_choice(data: dict) -> dict:
    """The data settings without the scaling fitted to them (training fits it)."""
    return {**data, "preprocessing": {k: v for k, v in (data.get("preprocessing") or {}).items() if k != "fitted"}}


def _optimizer(config):
    """An optimizer setting as the optimizer it builds describes itself ("adam" with the defaults written
    out or not is the same optimizer)."""
    try:
        return optimizers.get(config).get_config()
    except Exception:   # not an optimizer the engine knows: training will say so; compare it as written
        return config


def _settings_key(spec: dict, data: dict, training: dict) -> list:
    training = {k: v for k, v in training.items() if k != "epochs"}
    training["optimizer"] = _optimizer(training.get("optimizer", "adam"))
    return [_network(spec), data_choice(data), training]


def continues(project, spec: dict | None = None) -> bool:
    """Whether training now continues the current run: it has been trained, and with the network (``spec``:
    the window's, default the project's), data and training settings it has now; only the number of epochs
    may differ (it says how much longer to train). Anything else changed starts a new run."""
    settings = project.run.settings
    if not trained(project) or settings is None:
        return True      # nothing to continue or keep: training fills the current run
    if project.weights is None:
        return False     # curves without their weights (a file that lost weights.npz): nothing to go on from
    now = project.spec if spec is None else spec
    return _settings_key(now, project.data, project.training) == _settings_key(settings.spec, settings.data,
                                                                                settings.training)


# ---- what an undoable run command swaps -----------------------------------------------------------------
@dataclass
class State:
    """Every part of a project that runs keep or that switching runs changes, copied so that later changes
    to the project leave it as it was (arrays are shared: nothing changes them in place)."""

    run: RunInfo
    runs: list[Run]
    weights: Weights | None
    history: dict | None
    resume_state: dict | None
    snapshots: Snapshots
    spec: dict
    data: dict
    training: dict

    @classmethod
    def of(cls, project, spec: dict | None = None) -> "State":
        """``spec``: the network to keep instead of the project's (the window's document)."""
        return cls(copy.deepcopy(project.run), [r.copy() for r in project.runs], project.weights,
                   None if project.history is None else {k: list(v) for k, v in project.history.items()},
                   project.resume_state, project.snapshots.copy(),
                   copy.deepcopy(project.spec if spec is None else spec), copy.deepcopy(project.data),
                   copy.deepcopy(project.training))

    def put(self, project) -> None:
        project.run, project.runs = copy.deepcopy(self.run), [r.copy() for r in self.runs]
        project.weights, project.resume_state = self.weights, self.resume_state
        project.history = None if self.history is None else {k: list(v) for k, v in self.history.items()}
        project.snapshots = self.snapshots.copy()
        project.spec = copy.deepcopy(self.spec)
        for mine, kept in ((project.data, self.data), (project.training, self.training)):
            mine.clear()         # in place: panels may hold these dicts
            mine.update(copy.deepcopy(kept))
