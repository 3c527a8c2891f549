"""The project's training settings resolved for the training loops the exported scripts carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from nnstudio.engine.params import split_identifier

from .graph import Graph

_TASK_BY_ACTIVATION = {"sigmoid": "binary", "softmax": "multiclass"}


@dataclass(frozen=True)
class Settings:
    loss: str                       # canonical engine loss name
    loss_params: dict[str, Any]     # e.g. {"delta": 1.0} for huber
    optimizer: str                  # canonical engine optimizer name
    optimizer_params: dict[str, Any]   # every hyper-parameter, defaults filled in (Keras names)
    epochs: int
    batch_size: int | None          # None = the whole data set in one batch
    seed: int


def _loss(config: Any, graph: Graph, task: str | None) -> tuple[str, dict[str, Any]]:
    from nnstudio.engine import losses

    if config is None:  # what training in the app picks: from the data's task, else guessed from the output
        name, _ = graph.output.activation() if "activation" in graph.output.params else ("linear", {})
        config = losses.default_for(task or _TASK_BY_ACTIVATION.get(name, "regression"), name)
    return split_identifier(losses.get(config).get_config(), "loss", "mse")


def _optimizer(config: Any) -> tuple[str, dict[str, Any]]:
    from nnstudio.engine import optimizers

    opt = optimizers.get(config)
    name, given = split_identifier(opt.get_config(), "optimizer", "adam")
    params = {p.name: p.default for p in optimizers.param_specs(name)}
    params.update(given)
    return name, params


def resolve(training: Mapping | None, graph: Graph, task: str | None = None) -> Settings:
    """Settings from a project's ``training`` dict (loss, optimizer, epochs, batch_size, seed); what it
    leaves out is what a new project trains with in the app, so the script trains as the app would.
    ``task`` ("binary", "multiclass", "regression": the data's) picks the loss when none is set."""
    from nnstudio.project.model import default_training

    new = default_training()
    training = {**new, **dict(training or {})}          # batch_size None stays: the whole data per batch
    loss, loss_params = _loss(training["loss"], graph, task)
    optimizer, optimizer_params = _optimizer(training["optimizer"] or new["optimizer"])
    batch_size = training["batch_size"]
    return Settings(loss=loss, loss_params=loss_params, optimizer=optimizer,
                    optimizer_params=optimizer_params, epochs=int(training["epochs"] or new["epochs"]),
                    batch_size=None if batch_size is None else int(batch_size),
                    seed=int(training["seed"] or 0))
