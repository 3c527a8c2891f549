"""The Project: everything a learner's work consists of, and its .nnproj archive form.

Loading goes read -> check format -> migrate -> validate field types -> check the weights against the
shapes the spec implies -> Project. Saving validates the same way first, so nnstudio never writes a file
it would refuse to open, then replaces the file atomically.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import math
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

import nnstudio
from nnstudio.data import DataError, Dataset, from_source
from nnstudio.data.source import FILE_LOADERS
from nnstudio.engine.network import Network
from nnstudio.i18n import N_, _

from . import fit, resume, run_members, schema
from .archive import DEFAULT_LIMITS, Limits, parse_json, read_npz, read_zip
from ..atomic import write_atomic
from .errors import ProjectError
from .migrations import FORMAT, FORMAT_VERSION, migrate
from .rewind import DEFAULT_POLICY, Snapshots
from .runs import RUN_ID, Run, RunInfo

PROJECT_JSON = "project.json"
WEIGHTS_NPZ = "weights.npz"
HISTORY_JSON = "history.json"
DATA_DIR = "data/"

Weights = dict[str, dict[str, np.ndarray]]
Progress = Callable[[int, int], None]
# what odd values in a schema-valid source dict make nnstudio.data (or NumPy below it) raise
_ODD_SOURCE = (TypeError, LookupError, ValueError, AttributeError, OverflowError)


DEFAULT_TITLE = "Untitled"  # a project nobody named yet
DEFAULT_SCALE = "standard"  # also what a project without a "scale" entry gets; an explicit null means none


def default_data() -> dict:
    return {"source": None,
            "preprocessing": {"scale": DEFAULT_SCALE, "fitted": None},
            "split": {"val": 0.2, "test": 0.0, "seed": 0, "stratify": True}}


def default_training() -> dict:
    return {"loss": None, "optimizer": {"name": "adam", "learning_rate": 0.01}, "epochs": 100,
            "batch_size": 32, "shuffle": True, "seed": 0, "early_stopping": None}


@dataclass
class Project:
    """One learner's work. ``path`` is where it was last loaded from or saved to (not stored in the file)."""

    spec: dict
    data: dict = field(default_factory=default_data)
    training: dict = field(default_factory=default_training)
    weights: Weights | None = None
    history: dict[str, list[float]] | None = None
    notes: str = ""
    title: str = DEFAULT_TITLE
    lesson: str = ""
    embedded: dict[str, bytes] = field(default_factory=dict)
    goal: dict | None = None
    class_names: list[str] | None = None
    feature_names: list[str] | None = None
    path: Path | None = field(default=None, compare=False, repr=False)
    # where training stopped (see resume.py): lets the next run continue exactly; written only with weights
    resume_state: dict | None = field(default=None, compare=False, repr=False)
    # the current run's identity and weight snapshots; runs kept from before (nnstudio.project.runs)
    run: RunInfo = field(default_factory=RunInfo)
    snapshots: Snapshots = field(default_factory=Snapshots, compare=False, repr=False)
    runs: list[Run] = field(default_factory=list, compare=False, repr=False)
    # a dataset built ahead of need (prefetch_dataset) with the source it was built from
    _prefetched: tuple[str, Dataset] | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def label(self) -> str:
        """How error sentences name the project: its file, or "the project" before it has one."""
        return str(self.path) if self.path is not None else "the project"

    def _sentence(self, with_file: str, without_file: str, **values) -> str:
        """One of two whole sentences (translated), naming the project's file or, before it has one, not."""
        if self.path is None:
            return _(without_file).format(**values)
        return _(with_file).format(file=self.path, **values)

    # ---- construction -------------------------------------------------------------------------------
    @classmethod
    def new(cls, title: str = DEFAULT_TITLE) -> "Project":
        """An empty network: a single Input node, no data chosen yet."""
        spec = {"nodes": [{"id": "input", "type": "Input", "params": {"shape": [2]}, "name": "input",
                           "position": [0.0, 0.0]}],
                "edges": []}
        return cls(spec=spec, title=title)

    def embed(self, name: str, content: bytes) -> str:
        """Keep a copy of a data file inside the project; returns the path a csv source should use."""
        if not _plain_name(name):
            raise ProjectError(_("Cannot embed {name!r}: an embedded file needs a plain file name.")
                               .format(name=name), self.path)
        content = bytes(content)
        stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
        number = 1
        # a different file of the same name gets its own copy: a run or an undo step that read the first one
        # must go on reading it (an edited houses.csv imported again had replaced the copy they read)
        while self.embedded.get(name, content) != content:
            number += 1
            name = f"{stem}-{number}{dot}{ext}"
        self.embedded[name] = content
        return DATA_DIR + name

    def snapshot(self) -> "Project":
        """A copy another thread may save while this one goes on editing: the document parts are copied,
        the weight arrays and embedded files shared (nothing changes them in place: training records new
        arrays, edits replace whole entries), so it costs little even for a large project."""
        return dataclasses.replace(
            self, spec=copy.deepcopy(self.spec), data=copy.deepcopy(self.data),
            training=copy.deepcopy(self.training), goal=copy.deepcopy(self.goal),
            weights=None if self.weights is None else {n: dict(p) for n, p in self.weights.items()},
            history=None if self.history is None else {k: list(v) for k, v in self.history.items()},
            embedded=dict(self.embedded),
            class_names=None if self.class_names is None else list(self.class_names),
            feature_names=None if self.feature_names is None else list(self.feature_names),
            run=copy.deepcopy(self.run), snapshots=self.snapshots.copy(), runs=[r.copy() for r in self.runs])

    # ---- the JSON document --------------------------------------------------------------------------
    def project_json(self) -> dict:
        """The content of project.json."""
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": nnstudio.__version__,
                "title": self.title, "lesson": self.lesson, "notes": self.notes,
                "spec": copy.deepcopy(self.spec), "data": copy.deepcopy(self.data),
                "training": copy.deepcopy(self.training), "goal": copy.deepcopy(self.goal),
                "class_names": None if self.class_names is None else list(self.class_names),
                "feature_names": None if self.feature_names is None else list(self.feature_names),
                "run": self.run.to_json(), "runs": [r.info.to_json() for r in self.runs]}

    # ---- saving -------------------------------------------------------------------------------------
    def save(self, path: str | Path | None = None, progress: Progress | None = None) -> Path:
        """Write the project atomically to ``path`` (default: where it came from) and remember the path.

        ``progress(done, total)`` is called as the bytes go out; whatever it raises (a cancel) stops the save
        and leaves ``path`` as it was."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ProjectError(_("Cannot save the project: no file name was given."), None)
        doc = _jsonable(self.project_json())
        problem = schema.check(doc) or _graph_problem(doc["spec"])
        if problem:
            raise ProjectError(_("Cannot save {target}: {problem}.").format(target=target, problem=problem), target)
        history = None if self.history is None else _history_document(self.history)
        if history is not None and (problem := schema.check(history, "history")):
            raise ProjectError(_("Cannot save {target}: in the history, {problem}.")
                               .format(target=target, problem=problem), target)
        for name in self.embedded:
            if not _plain_name(name):
                raise ProjectError(_("Cannot save {target}: the embedded file name {name!r} is not a "
                                     "plain file name.").format(target=target, name=name), target)
        weights = None
        if self.weights is not None:  # numeric first (a string array has no shape worth comparing)
            weights = _weights_npz(self.weights, target)
            fit.checked(self.weights, doc["spec"], str(target), target, "save")
        state = None
        if weights is not None and self.resume_state is not None:
            state = resume.to_members(self.resume_state, target)
        runs = self._run_members(doc, target)

        text = json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False)
        members = [(PROJECT_JSON, text.encode("utf-8"), True)]
        if weights is not None:  # already-dense float data: deflate would only cost time
            members.append((WEIGHTS_NPZ, weights, False))
        if state is not None:
            members += [(resume.STATE_JSON, state[0], True), (resume.STATE_NPZ, state[1], False)]
        if history is not None:
            members.append((HISTORY_JSON, json.dumps(history, allow_nan=False).encode("utf-8"), True))
        members += [(DATA_DIR + name, content, True) for name, content in self.embedded.items()]
        members += runs
        total = sum(len(content) for _name, content, _deflate in members)

        def write(f):
            done = 0
            with zipfile.ZipFile(f, "w") as zf:
                for name, content, deflate in members:
                    done = _put(zf, name, content, deflate, progress, done, total)

        try:
            write_atomic(target, write)
        except OSError as exc:
            raise ProjectError(_("Cannot save {target}: {value}.")
                               .format(target=target, value=exc.strerror or exc), target) from None
        self.path = target
        return target

    def _run_members(self, doc: dict, target: Path) -> list[tuple[str, bytes, bool]]:
        """The runs' members (snapshots, kept runs), checked as loading checks them."""
        for info in [self.run] + [r.info for r in self.runs]:
            if not RUN_ID.match(info.id):
                raise ProjectError(_("Cannot save {target}: the run id {id!r} is not of the form 'run-<n>'.")
                                   .format(target=target, id=info.id),
                                   target)
        snapshot_spec = self.run.settings.spec if self.run.settings is not None else doc["spec"]
        for _epoch, weights in self.snapshots:
            fit.checked(weights, snapshot_spec, str(target), target, "save")
        return run_members.to_members(self, target)

    # ---- using it -----------------------------------------------------------------------------------
    def network(self, seed: int | None = None) -> Network:
        """A built engine Network with the saved weights (fresh initial weights when untrained)."""
        if seed is None:
            seed = int(self.training.get("seed", 0))
        net = Network.from_config(self.spec, seed=seed)
        if self.weights is not None:
            net.set_weights(self.weights)
        return net

    def prefetch_dataset(self) -> None:
        """Build the dataset now (a worker thread does, as a large project opens) for the next ``dataset()``
        call to take instead of reading the data again; a problem is left for that call to report."""
        try:
            ds = self.dataset()
        except (ProjectError, DataError):
            return
        self._prefetched = (_source_key(self.data.get("source")), ds)

    def dataset(self) -> Dataset:
        """The project's Dataset, rebuilt from its source; an embedded CSV is read from the project copy."""
        if self._prefetched is not None:
            key, ds = self._prefetched
            self._prefetched = None   # once: later callers get their own copy, as before
            if key == _source_key(self.data.get("source")):
                return ds
        source = self.data.get("source")
        if source is None:
            raise ProjectError(self._sentence(N_("The project {file} has no data yet: choose a dataset first."),
                                              N_("The project has no data yet: choose a dataset first.")),
                               self.path)
        try:
            return self._dataset(source)
        except (ProjectError, DataError):
            raise  # already one sentence naming the file (and for data problems the row and column)
        except _ODD_SOURCE as exc:
            # the schema checks the source's shape, not every value: a wrongly typed parameter, a negative
            # seed or an unknown encoding surfaces here, from deep inside nnstudio.data or NumPy
            detail = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
            value = detail.splitlines()[0] if detail else type(exc).__name__
            raise ProjectError(self._sentence(N_("The data source recorded in {file} is malformed ({value})."),
                                              N_("The data source recorded in the project is malformed ({value})."),
                                              value=value), self.path) from None

    def _dataset(self, source: dict) -> Dataset:
        if source.get("kind") not in FILE_LOADERS:
            # (image files a record names by a relative path are found beside the project)
            return from_source(source, base_dir=self.path.parent if self.path is not None else None)
        rel = source.get("path")
        if not isinstance(rel, str) or not rel:
            raise ProjectError(self._sentence(N_("The project {file} names no file for its CSV data."),
                                              N_("The project names no file for its CSV data.")), self.path)
        if rel.startswith(DATA_DIR) and rel[len(DATA_DIR):] in self.embedded:
            with tempfile.TemporaryDirectory(prefix="nnstudio-") as tmp:
                (Path(tmp) / "data").mkdir()
                (Path(tmp) / rel).write_bytes(self.embedded[rel[len(DATA_DIR):]])
                return from_source(source, base_dir=tmp)
        base = self.path.parent if self.path is not None else Path.cwd()
        full = Path(rel) if Path(rel).is_absolute() else base / rel
        if not full.is_file():
            raise ProjectError(self._sentence(N_("The data file {full} used by the project {file} does not exist."),
                                              N_("The data file {full} used by the project does not exist."),
                                              full=full), self.path)
        return from_source(source, base_dir=str(base))


def _source_key(source) -> str:
    return json.dumps(source, sort_keys=True, default=str)


def _plain_name(name: str) -> bool:
    """A file name without any folder part: the only kind kept under data/."""
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


# ---- loading ----------------------------------------------------------------------------------------
def _wanted(name: str) -> bool:
    return (name in (PROJECT_JSON, WEIGHTS_NPZ, HISTORY_JSON, resume.STATE_JSON, resume.STATE_NPZ)
            or name.startswith(DATA_DIR) or run_members.wanted(name))


def load(path: str | Path, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None) -> Project:
    """Read, check and upgrade an .nnproj file; every problem is a ProjectError naming the file.
    ``progress(done, total)``: as the archive's bytes are read (what it raises stops the load)."""
    path = Path(path)
    label = str(path)
    members = read_zip(path, label=label, path=path, want=_wanted, limits=limits, progress=progress)
    if PROJECT_JSON not in members:
        raise ProjectError(_("Cannot open {label}: it has no project.json, so it is not an nnstudio project.")
                           .format(label=label), path)
    doc = parse_json(members[PROJECT_JSON], label=f"{label} (project.json)", path=path, limits=limits)
    doc = migrate(doc, label, path)
    problem = schema.check(doc) or _graph_problem(doc["spec"])
    if problem:
        raise ProjectError(_("Cannot open {label}: in project.json, {problem}.")
                           .format(label=label, problem=problem), path)

    history = None
    if HISTORY_JSON in members:
        history = parse_json(members[HISTORY_JSON], label=f"{label} (history.json)", path=path, limits=limits)
        if problem := schema.check(history, "history"):
            raise ProjectError(_("Cannot open {label}: in history.json, {problem}.")
                               .format(label=label, problem=problem), path)
        history = {k: [math.nan if v is None else float(v) for v in vals] for k, vals in history.items()}

    weights = state = None
    if WEIGHTS_NPZ in members:
        arrays = read_npz(members[WEIGHTS_NPZ], label=f"{label} (weights.npz)", path=path, limits=limits)
        weights = fit.checked(_nest(arrays, label, path), doc["spec"], label, path, "open")
        if resume.STATE_JSON in members:  # optional (older files have none); without weights it means nothing
            state_doc = parse_json(members[resume.STATE_JSON], label=f"{label} ({resume.STATE_JSON})",
                                   path=path, limits=limits)
            state_arrays = {}
            if resume.STATE_NPZ in members:
                state_arrays = read_npz(members[resume.STATE_NPZ], label=f"{label} ({resume.STATE_NPZ})",
                                        path=path, limits=limits)
            state = resume.from_members(state_doc, state_arrays, weights, label, path)

    embedded = {name[len(DATA_DIR):]: content for name, content in members.items()
                if name.startswith(DATA_DIR) and _plain_name(name[len(DATA_DIR):])}  # nested: not ours
    run, snapshots, runs = _load_runs(doc, members, label, path, limits)
    return Project(spec=doc["spec"], data=doc["data"], training=doc["training"], weights=weights,
                   history=history, notes=doc.get("notes", ""), title=doc.get("title", path.stem),
                   lesson=doc.get("lesson", ""), embedded=embedded, goal=doc.get("goal"),
                   class_names=doc.get("class_names"), feature_names=doc.get("feature_names"), path=path,
                   resume_state=state, run=run, snapshots=snapshots, runs=runs)


def _load_runs(doc: dict, members: dict[str, bytes], label: str, path: Path,
               limits: Limits) -> tuple[RunInfo, Snapshots, list[Run]]:
    """The current run's identity and snapshots, and the kept runs (format 2)."""
    for entry in [doc["run"]] + doc["runs"]:
        if not RUN_ID.match(entry["id"]):
            raise ProjectError(_("Cannot open {label}: in project.json, the run id {entry!r} is not "
                                 "of the form 'run-<n>'.").format(label=label, entry=entry['id']), path)
    run = RunInfo.from_json(doc["run"])
    spec = run.settings.spec if run.settings is not None else doc["spec"]
    snapshots = run_members.read_snapshots(members.get(run_members.SNAPSHOTS_NPZ), spec,
                                           f"{label} ({run_members.SNAPSHOTS_NPZ})", path, limits, DEFAULT_POLICY)
    return run, snapshots, run_members.read_runs(doc, members, label, path, limits, DEFAULT_POLICY)


def _graph_problem(spec: dict) -> str | None:
    """Problems that would confuse every consumer: duplicate node ids, edges to unknown nodes."""
    ids = set()
    for node in spec["nodes"]:
        if node["id"] in ids:
            return _("the node id {id!r} is used twice").format(id=node["id"])
        ids.add(node["id"])
    for src, dst in spec["edges"]:
        for end in (src, dst):
            if end not in ids:
                return _("the edge {src!r} -> {dst!r} refers to the unknown node {end!r}").format(src=src, dst=dst,
                                                                                                  end=end)
    return None


def _nest(arrays: dict[str, np.ndarray], label: str, path: Path) -> Weights:
    weights: Weights = {}
    for key, arr in arrays.items():
        node_id, sep, param = key.rpartition("/")
        if not sep or not node_id or not param:
            raise ProjectError(_("Cannot open {label}: the weights.npz key {key!r} is not of the form "
                                 "'node_id/param'.").format(label=label, key=key), path)
        weights.setdefault(node_id, {})[param] = arr
    return weights


# ---- writing helpers --------------------------------------------------------------------------------
_CHUNK = 1 << 22
# zlib's fastest level: on numeric CSV text it is several times faster than the default and the file only a
# little larger (figures in docs/project-format.md)
_DEFLATE_LEVEL = 1


def _put(zf: zipfile.ZipFile, name: str, content: bytes, deflate: bool, progress: Progress | None = None,
         done: int = 0, total: int = 0) -> int:
    """Write one member in chunks (so ``progress`` can follow and stop a large one); returns ``done`` plus
    its size."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info._compresslevel = _DEFLATE_LEVEL   # what writestr(compresslevel=) sets; open("w") takes it from here
    info.file_size = len(content)          # lets zipfile choose ZIP64 for a member beyond 2 GB up front
    view = memoryview(content)
    with zf.open(info, "w") as member:
        for start in range(0, len(view), _CHUNK):
            member.write(view[start:start + _CHUNK])
            if progress is not None:
                progress(done + min(start + _CHUNK, len(view)), total)
    return done + len(view)


def _weights_npz(weights: Weights, target: Path) -> bytes:
    arrays = {}
    for node_id, params in weights.items():
        for param, arr in params.items():
            arr = np.asarray(arr)
            if arr.dtype.hasobject or arr.dtype.kind not in "fiub":
                raise ProjectError(_("Cannot save {target}: the weight {node_id}/{param} is not "
                                     "numeric ({dtype}).").format(target=target, node_id=node_id, param=param, dtype=arr.dtype), target)
            arrays[f"{node_id}/{param}"] = arr
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _history_document(history: dict) -> dict:
    # JSON has no NaN: a diverged epoch is stored as null and read back as NaN.
    return {str(k): [float(v) if math.isfinite(float(v)) else None for v in vals]
            for k, vals in history.items()}


def _jsonable(value: Any) -> Any:
    """Plain JSON types for the document (NumPy scalars and tuples from the GUI become float/int/list)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value
