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


def _loss(config: Any, graph: Graph) -> tuple[str, dict[str, Any]]:
    from nnstudio.engine import losses

    if config is None:
        name, _ = graph.output.activation() if "activation" in graph.output.params else ("linear", {})
        config = losses.default_for(_TASK_BY_ACTIVATION.get(name, "regression"), name)
    return split_identifier(losses.get(config).get_config(), "loss", "mse")


def _optimizer(config: Any) -> tuple[str, dict[str, Any]]:
    from nnstudio.engine import optimizers

    opt = optimizers.get(config if config is not None else "sgd")
    name, given = split_identifier(opt.get_config(), "optimizer", "adam")
    params = {p.name: p.default for p in optimizers.param_specs(name)}
    params.update(given)
    return name, params


def resolve(training: Mapping | None, graph: Graph) -> Settings:
    """Settings from a project's ``training`` dict (loss, optimizer, epochs, batch_size, seed)."""
    training = dict(training or {})
    loss, loss_params = _loss(training.get("loss"), graph)
    optimizer, optimizer_params = _optimizer(training.get("optimizer"))
    batch_size = training.get("batch_size", 32)
    return Settings(loss=loss, loss_params=loss_params, optimizer=optimizer,
                    optimizer_params=optimizer_params, epochs=int(training.get("epochs") or 10),
                    batch_size=None if batch_size is None else int(batch_size),
                    seed=int(training.get("seed") or 0))
