"""Training a project headless: shared by the CLI and the GUI's training worker.

``prepare`` turns a Project into everything ``Network.fit`` needs; ``record`` writes what training produced
(weights, fitted preprocessing, cumulative history, names) back into the project; ``train`` is the two
together. The GUI calls ``prepare``, runs a ``session.TrainingSession`` on it, then calls ``record``.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnstudio.data import DataError, Dataset, Preprocessor, network_fit
from nnstudio.engine import losses, optimizers
from nnstudio.engine.training import perceptron_figures
from nnstudio.engine.errors import SpecError, TrainingDiverged
from nnstudio.engine.network import Network

from . import resume, rewind, runs
from .errors import ProjectError
from .model import DEFAULT_SCALE, Project
from .runs import RunSettings
from ..i18n import _


@dataclass
class Prepared:
    """Everything one training run needs; ``X``/``y`` are the training part, encoded for the loss."""

    network: Any                      # nnstudio.engine.network.Network with the project's weights
    dataset: Dataset                  # the whole dataset, before splitting
    train: Dataset                    # the parts; each one's X is its encoded features (X, X_val, X_test),
    val: Dataset                      # so the data is held raw once (dataset.X) and encoded once
    test: Dataset
    preprocessor: Preprocessor        # fitted on the training part (or restored from the project)
    loss: str | dict
    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray | None
    y_val: np.ndarray | None
    X_test: np.ndarray | None
    y_test: np.ndarray | None
    fit_kwargs: dict = field(default_factory=dict)   # loss, optimizer, epochs, batch_size, ... for fit()

    @property
    def initial_epoch(self) -> int:
        return self.fit_kwargs.get("initial_epoch", 0)


def _loss_name(loss: str | dict) -> str:
    return loss if isinstance(loss, str) else str(loss.get("name", ""))


def encode(preprocessor: Preprocessor, part: Dataset, loss: str | dict,
           in_place: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) of one part, with targets in the layout the loss expects; ``in_place``: the part's X may be
    overwritten with the encoded features."""
    name = _loss_name(loss)
    X, y = preprocessor.transform(part, in_place=in_place)
    if part.task == "binary" and name == "sparse_categorical_crossentropy":
        y = np.asarray(y).reshape(-1).astype(np.int64)  # a binary task read by a 2-unit softmax
    elif part.task == "binary" and losses.get(loss).one_hot_targets:
        y = np.eye(2)[np.asarray(y).reshape(-1).astype(np.int64)]
    return X, y


def epochs_done(project: Project) -> int:
    """How many epochs the project's weights have been trained for (its history length)."""
    if not project.history:
        return 0
    return max((len(v) for v in project.history.values()), default=0)


def planned_epochs(project: Project) -> int:
    """How many epochs one training session runs (the Epochs setting)."""
    return int(project.training.get("epochs", 100))


PREPARE_STEPS = 5     # the progress(done, PREPARE_STEPS) reports of prepare()


def prepare(project: Project, seed: int | None = None, spec: dict | None = None,
            dataset: Dataset | None = None, progress: Callable[[int, int], None] | None = None) -> Prepared:
    """Build the network, load and split the data and fit (or restore) the preprocessing.

    ``seed`` overrides the project's training seed (network initialisation when untrained, shuffling).
    A trained project keeps the preprocessing its weights were trained with, and continues exactly where
    its last run stopped: the optimizer's state (moments, step counts) and the shuffling and dropout
    generators are restored from ``project.resume_state`` while it matches the weights (same optimizer,
    same number of epochs); otherwise the optimizer starts afresh and shuffling from ``seed + epochs done``.
    ``fit_kwargs["seed"]`` is None: fit() then shuffles with the network's own generator, set up here.
    ``spec``: the network to build instead of ``project.spec`` (the window's document while it is open);
    ``dataset``: the project's data when the caller holds it already (the window's data panel), so a large
    set is not read and held twice; ``progress(done, PREPARE_STEPS)`` is called between the steps (reading,
    splitting, fitting the scaling, encoding): a caller off the GUI thread reports it, and cancels by raising.
    """
    report = progress or (lambda done, total: None)
    report(0, PREPARE_STEPS)
    training = project.training
    explicit_seed = seed is not None
    seed = int(training.get("seed", 0)) if seed is None else int(seed)
    dataset = project.dataset() if dataset is None else dataset
    report(1, PREPARE_STEPS)
    if spec is None:
        net = project.network(seed=seed)
    else:
        net = Network.from_config(spec, seed=seed)
        if project.weights is not None:
            net.set_weights(project.weights)
    label = project.label
    if tuple(net.input_shape) != tuple(dataset.input_shape):
        raise ProjectError(_("In {label}, the network's Input takes samples of shape {input_shape}, "
                             "but the data has samples of shape {input_shape2}.").format(label=label, input_shape=list(net.input_shape), input_shape2=list(dataset.input_shape)), project.path)
    split = project.data.get("split", {})
    train, val, test = dataset.split(val=float(split.get("val", 0.0)), test=float(split.get("test", 0.0)),
                                     stratify=bool(split.get("stratify", True)), seed=int(split.get("seed", 0)))
    report(2, PREPARE_STEPS)
    loss = training.get("loss") or network_fit.default_loss(dataset, net.output_activation)
    pre = project.data.get("preprocessing", {})
    if project.weights is not None and pre.get("fitted"):
        preprocessor = Preprocessor.from_config(pre["fitted"])
    else:
        one_hot = losses.get(loss).one_hot_targets
        preprocessor = Preprocessor(scale=pre.get("scale", DEFAULT_SCALE), one_hot=one_hot,
                                    scale_target=bool(pre.get("scale_target", False))).fit(train)
    report(3, PREPARE_STEPS)
    X, y = _encode_part(preprocessor, train, loss, dataset)
    report(4, PREPARE_STEPS)
    X_val = y_val = X_test = y_test = None
    if len(val):
        X_val, y_val = _encode_part(preprocessor, val, loss, dataset)
    if len(test):
        X_test, y_test = _encode_part(preprocessor, test, loss, dataset)
    report(PREPARE_STEPS, PREPARE_STEPS)
    done = epochs_done(project)
    optimizer = training.get("optimizer", "adam")
    _continue(project, net, optimizer, done, seed, explicit_seed)
    fit_kwargs = {"loss": loss, "optimizer": optimizer,
                  "epochs": planned_epochs(project), "batch_size": training.get("batch_size", 32),
                  "shuffle": bool(training.get("shuffle", True)),
                  "seed": None,  # the network's generators, placed by _continue
                  "validation_data": None if X_val is None else (X_val, y_val),
                  "early_stopping": training.get("early_stopping"), "initial_epoch": done}
    return Prepared(net, dataset, train, val, test, preprocessor, loss, X, y, X_val, y_val, X_test, y_test,
                    fit_kwargs)


def _encode_part(preprocessor: Preprocessor, part: Dataset, loss, dataset: Dataset):
    """encode(), with the part's X then being the encoded features. A part the split had to gather owns its
    rows, so they are scaled in place; a part of consecutive rows is a view of the dataset and is copied.
    Either way prepare copies the dataset's features once."""
    X, y = encode(preprocessor, part, loss, in_place=not np.may_share_memory(part.X, dataset.X))
    part.X = X
    return X, y


def _continue(project: Project, net, optimizer, done: int, seed: int, explicit_seed: bool) -> None:
    """Restore where the saved run stopped, or place the generators as fit(seed=seed + done) would."""
    state = project.resume_state
    usable = (project.weights is not None and done > 0 and state is not None
              and state.get("epochs") == done)  # recorded with these weights, not before a reset
    if usable:
        resume.restore_optimizer(net, state, optimizer)
        if not explicit_seed and resume.restore_generators(net, state):
            return
    fresh = seed + done  # a continued run shuffles anew instead of replaying the first batches
    net.reseed(fresh)  # what fit(seed=fresh) would use for shuffling and dropout


def record(project: Project, prepared: Prepared, history, spec: dict | None = None, seconds: float = 0.0) -> None:
    """Store a finished (or stopped) run in the project: weights, fitted preprocessing, appended history,
    and where the run stopped (optimizer state, generators) so the next one continues exactly; the current
    run notes the settings it was trained with (``spec``: the network trained, default the project's) and
    adds ``seconds`` of wall time."""
    project.weights = prepared.network.get_weights()
    project.data.setdefault("preprocessing", {})["fitted"] = prepared.preprocessor.to_config()
    project.class_names = None if prepared.dataset.class_names is None else list(prepared.dataset.class_names)
    if prepared.dataset.is_sequences:  # predict reads one column per feature and timestep ("value t1", ...)
        project.feature_names = prepared.dataset.columns[:-1]
    elif not prepared.dataset.is_images:
        project.feature_names = list(prepared.dataset.feature_names)
    new = getattr(history, "history", history) or {}
    project.history = _append(project.history or {}, new)
    project.resume_state = resume.capture(prepared.network, epochs_done(project))
    project.run.settings = RunSettings(copy.deepcopy(project.spec if spec is None else spec),
                                       copy.deepcopy(project.data), copy.deepcopy(project.training))
    project.run.seconds += float(seconds)
    project.run.samples_per_epoch = int(len(prepared.X))
    project.snapshots.keep_fitting(project.weights)   # a session without a Recorder after an edit


def _append(old: dict[str, list[float]], new: dict[str, list[float]]) -> dict[str, list[float]]:
    # Every metric keeps one value per epoch; a metric that appears later is padded with NaN in front.
    done = max((len(v) for v in old.values()), default=0)
    added = max((len(v) for v in new.values()), default=0)
    out = {}
    for key in list(old) + [k for k in new if k not in old]:
        before = list(old.get(key, [])) + [math.nan] * (done - len(old.get(key, [])))
        after = [float(v) for v in new.get(key, [])]
        out[key] = before + after + [math.nan] * (added - len(after))
    return out


def train(project: Project, epochs: int | None = None, seed: int | None = None, callbacks=()):
    """Fit the project's network with its settings, then record the results; returns the History.

    A second call continues from the saved weights and numbers its epochs on. On divergence the last finite
    weights and the history so far are recorded before ``TrainingDiverged`` propagates.
    """
    if project.history and project.weights is None:
        # curves without the weights they led to (a file without weights.npz): continuing would number fresh
        # weights' epochs on from theirs; they stay as a kept run and training starts a new one
        runs.start_new(project)
    prepared = prepare(project, seed=seed)
    kwargs = dict(prepared.fit_kwargs)
    if epochs is not None:
        kwargs["epochs"] = int(epochs)
    callbacks = (rewind.Recorder(project.snapshots), *callbacks)
    start = time.perf_counter()
    try:
        history = prepared.network.fit(prepared.X, prepared.y, callbacks=callbacks, **kwargs)
    except TrainingDiverged as exc:
        if exc.history is not None:
            record(project, prepared, exc.history, seconds=time.perf_counter() - start)
        raise
    except ValueError as exc:
        if isinstance(exc, (ProjectError, DataError, SpecError)):
            raise
        # fit() rejects settings the schema cannot judge (e.g. an unknown early_stopping option)
        raise ProjectError(_("Cannot train {label}: {exc}")
                           .format(label=project.label, exc=exc), project.path) from None
    record(project, prepared, history, seconds=time.perf_counter() - start)
    return history


def session(project: Project, epochs: int | None = None, seed: int | None = None, **options):
    """A ``session.TrainingSession`` for the project's next run (``epochs`` None: the project's setting), to be
    paused, stepped or stopped from another thread; ``record_session`` stores its result. ``options`` go to
    the session (on_progress, on_state, on_diverged, snapshot, start_paused, metrics_hz, snapshot_hz)."""
    from .session import TrainingJob, TrainingSession
    prepared = prepare(project, seed=seed)
    n = int(prepared.fit_kwargs["epochs"]) if epochs is None else int(epochs)
    return TrainingSession(TrainingJob.from_prepared(prepared, project.spec, epochs=n), **options)


def record_session(project: Project, result) -> None:
    """Store a finished session's SessionResult in the project (as ``record``)."""
    record(project, result.job.prepared, result.history, spec=result.job.spec, seconds=result.seconds)


def _per_sample_rule(optimizer) -> bool:
    """Whether ``optimizer`` (a setting) is the perceptron rule; an invalid setting is reported by training."""
    try:
        return bool(optimizers.get(optimizer).per_sample_rule)
    except (ValueError, TypeError, KeyError):
        return False


def evaluate(project: Project, parts=("train", "val", "test"), spec: dict | None = None,
             dataset: Dataset | None = None) -> dict:
    """Loss and metrics of the project's weights on each non-empty part of its split named in ``parts``:
    ``{"trained", "epochs", "train": {"loss", "accuracy" | "mae", "rmse", "r2", "samples"}, "val": ...,
    "test": ...}``; ``mae`` and ``rmse`` are in the target's own units also when the target is scaled for
    training (``loss`` is not).
    ``spec`` and ``dataset`` as for ``prepare`` (the window's document and data panel)."""
    prepared = prepare(project, spec=spec, dataset=dataset)
    results: dict = {"trained": project.weights is not None, "epochs": epochs_done(project)}
    for part, X, y in (("train", prepared.X, prepared.y), ("val", prepared.X_val, prepared.y_val),
                       ("test", prepared.X_test, prepared.y_test)):
        if part in parts and X is not None and len(X):
            if _per_sample_rule(prepared.fit_kwargs.get("optimizer", "adam")):
                figures = perceptron_figures(prepared.network, X, y)   # what its training reports
            else:
                figures = {k: float(v) for k, v in prepared.network.evaluate(X, y, loss=prepared.loss).items()}
            if "mae" in figures:      # errors in the target's own units (R² does not change with scaling)
                scale = prepared.preprocessor.target_scale
                figures["mae"] *= scale
                figures["rmse"] *= scale
            results[part] = {**figures, "samples": int(len(X))}
    return results
