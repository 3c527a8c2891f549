"""scikit-learn's MLPRegressor / MLPClassifier vocabulary, translated into an nnstudio spec and training settings.

A learner of the course writes ``MLPRegressor(hidden_layer_sizes=(50, 50, 50), alpha=1e-4, ...)``;
``translate(recipe, ...)`` gives the same network as a normal spec (Input, Dense layers) plus the training
settings that make it learn the same way. The correspondences (docs/sklearn-recipe.md says why):

- hidden_layer_sizes: one Dense layer per entry; activation identity/logistic/tanh/relu on every hidden layer.
- the output layer is scikit-learn's: linear for a regressor; sigmoid for a binary or multi-label classifier,
  softmax for several classes. Weights *and* biases start uniform on ±sqrt(f / (fan_in + fan_out)), f = 2
  for logistic and 6 otherwise, as scikit-learn's ``_init_coef``.
- the data loss: scikit-learn minimises ½·mean squared error (regressor) and the log-loss summed over the
  outputs and averaged over the samples (classifier). nnstudio's ``mse`` is twice the first and its
  ``binary_crossentropy`` averages over the outputs too; ``scale`` below is ours / scikit-learn's.
- alpha: scikit-learn adds 0.5·alpha·Σ‖W‖² / n_batch to each batch's loss (n_batch = the batch's rows), and
  leaves the biases alone. nnstudio's ``kernel_regularizer`` ``{"l2": λ}`` adds λ·‖W‖², so
  λ = scale · alpha / (2 · batch_size) on every Dense layer keeps the same balance between fit and penalty.
- solver: adam (same betas and epsilon), sgd (momentum 0.9, Nesterov, as scikit-learn's defaults; the
  learning rate divided by ``scale`` so each step is the same size), lbfgs (full batch, one iteration an epoch).
- batch_size 'auto' = min(200, n_train); max_iter = epochs; early_stopping holds out validation_fraction and
  stops once more than n_iter_no_change epochs in a row missed the best validation score (R² for a regressor,
  accuracy for a classifier) by tol, restoring the best weights; without it, training stops as scikit-learn's
  does when the training loss stops improving by tol.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .layout import arrange
from ..i18n import _

ACTIVATIONS = {"identity": "linear", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}
SOLVERS = ("adam", "sgd", "lbfgs")
ESTIMATORS = ("MLPRegressor", "MLPClassifier")
KINDS = ("regression", "binary", "multiclass", "multilabel")


@dataclass(frozen=True)
class _Output:
    activation: str
    loss: str
    scale_of: str  # how nnstudio's loss relates to scikit-learn's: "2", "1" or "1/outputs"
    score: str     # what scikit-learn's early stopping watches on the validation part (R², accuracy)


_OUTPUTS = {
    "regression": _Output("linear", "mse", "2", "val_r2"),
    "binary": _Output("sigmoid", "binary_crossentropy", "1", "val_accuracy"),
    "multilabel": _Output("sigmoid", "binary_crossentropy", "1/outputs", "val_loss"),
    "multiclass": _Output("softmax", "sparse_categorical_crossentropy", "1", "val_accuracy"),
}


@dataclass(frozen=True)
class Recipe:
    """The arguments of MLPRegressor / MLPClassifier that nnstudio follows (scikit-learn's defaults)."""
    hidden_layer_sizes: tuple[int, ...] = (100,)
    activation: str = "relu"
    solver: str = "adam"
    alpha: float = 0.0001
    batch_size: int | str = "auto"
    learning_rate_init: float = 0.001
    max_iter: int = 200
    early_stopping: bool = False
    validation_fraction: float = 0.1
    n_iter_no_change: int = 10
    tol: float = 1e-4
    random_state: int = 0


@dataclass(frozen=True)
class Translation:
    spec: dict
    training: dict
    validation_fraction: float | None  # early stopping: the part of the training rows held out
    batch_rows: int                      # the batch size alpha was scaled with


class RecipeError(ValueError):
    """A recipe argument scikit-learn would refuse, said in one sentence naming it."""


def _loss_scale(kind: str, outputs: int) -> float:
    scale_of = _OUTPUTS[kind].scale_of
    return {"2": 2.0, "1": 1.0, "1/outputs": 1.0 / outputs}[scale_of]


def check(recipe: Recipe) -> None:
    if not recipe.hidden_layer_sizes or any(int(n) < 1 for n in recipe.hidden_layer_sizes):
        raise RecipeError(_("hidden_layer_sizes needs one or more layer sizes of at least 1, e.g. (50, 50, 50)."))
    if recipe.activation not in ACTIVATIONS:
        raise RecipeError(_("activation must be one of {names}, not {activation!r}.")
                          .format(names=', '.join(ACTIVATIONS), activation=recipe.activation))
    if recipe.solver not in SOLVERS:
        raise RecipeError(_("solver must be one of {names}, not {solver!r}.")
                          .format(names=', '.join(SOLVERS), solver=recipe.solver))
    if recipe.alpha < 0:
        raise RecipeError(_("alpha must be 0 or more, not {alpha:g}.").format(alpha=recipe.alpha))
    if recipe.batch_size != "auto" and (not isinstance(recipe.batch_size, int) or recipe.batch_size < 1):
        raise RecipeError(_("batch_size must be 'auto' or a whole number of at least 1, not {batch_size!r}.")
                          .format(batch_size=recipe.batch_size))
    if recipe.learning_rate_init <= 0 or recipe.max_iter < 1 or recipe.n_iter_no_change < 1:
        raise RecipeError(_("learning_rate_init must be above 0, max_iter and n_iter_no_change at least 1."))
    if not 0 < recipe.validation_fraction < 1:
        raise RecipeError(_("validation_fraction must be between 0 and 1, not {validation_fraction:g}.")
                          .format(validation_fraction=recipe.validation_fraction))


def batch_rows(recipe: Recipe, n_train: int) -> int:
    """The rows per batch scikit-learn uses: min(200, n) for 'auto', never more than n; all rows for lbfgs."""
    if recipe.solver == "lbfgs":
        return n_train
    return min(200 if recipe.batch_size == "auto" else int(recipe.batch_size), n_train)


def _uniform(bound: float) -> dict:
    return {"name": "random_uniform", "minval": -bound, "maxval": bound}


def translate(recipe: Recipe, input_shape: tuple[int, ...], outputs: int, kind: str, n_rows: int,
              test_fraction: float = 0.0) -> Translation:
    """The spec and training settings of ``recipe`` for data with ``input_shape`` per sample, ``outputs`` output
    units of ``kind`` (one of KINDS) and ``n_rows`` rows of which ``test_fraction`` are kept for testing."""
    check(recipe)
    if kind not in KINDS:
        raise RecipeError(_("The task must be one of {names}, not {kind!r}.")
                          .format(names=', '.join(KINDS), kind=kind))
    validation = recipe.validation_fraction if recipe.early_stopping else None
    n_train = max(1, int(n_rows * (1 - test_fraction) * (1 - (validation or 0.0))))
    rows = batch_rows(recipe, n_train)
    scale = _loss_scale(kind, outputs)
    factor = 2.0 if recipe.activation == "logistic" else 6.0
    regularizer = {"l2": scale * recipe.alpha / (2 * rows)} if recipe.alpha > 0 else None

    nodes = [{"id": "x", "type": "Input", "name": "input", "params": {"shape": [int(n) for n in input_shape]}}]
    if len(input_shape) > 1:  # scikit-learn's MLPs read flat rows
        nodes.append({"id": "flat", "type": "Flatten", "name": "flatten", "params": {}})
    fan_in = math.prod(input_shape)
    sizes = [int(n) for n in recipe.hidden_layer_sizes] + [int(outputs)]
    for index, units in enumerate(sizes, start=1):
        last = index == len(sizes)
        bound = math.sqrt(factor / (fan_in + units))
        params = {"units": units,
                  "activation": _OUTPUTS[kind].activation if last else ACTIVATIONS[recipe.activation],
                  "kernel_initializer": _uniform(bound), "bias_initializer": _uniform(bound),
                  "kernel_regularizer": regularizer}
        nodes.append({"id": "out" if last else f"h{index}", "type": "Dense",
                      "name": "output" if last else f"hidden {index}", "params": params})
        fan_in = units
    spec = {"nodes": nodes, "edges": [[a["id"], b["id"]] for a, b in zip(nodes, nodes[1:])]}

    optimizer = {
        "adam": {"name": "adam", "learning_rate": recipe.learning_rate_init, "beta_1": 0.9, "beta_2": 0.999,
                 "epsilon": 1e-8},
        "sgd": {"name": "sgd", "learning_rate": recipe.learning_rate_init / scale, "momentum": 0.9,
                "nesterov": True},
        "lbfgs": {"name": "lbfgs", "learning_rate": 1.0, "max_iter": 1},
    }[recipe.solver]
    # scikit-learn stops once more than n_iter_no_change epochs in a row missed the best by tol: patience n + 1
    score = _OUTPUTS[kind].score
    stop = ({"monitor": score, "patience": recipe.n_iter_no_change + 1,
             "min_delta": recipe.tol * (scale if score == "val_loss" else 1.0), "restore_best_weights": True}
            if recipe.early_stopping else
            {"monitor": "loss", "patience": recipe.n_iter_no_change + 1, "min_delta": scale * recipe.tol,
             "restore_best_weights": False})
    training = {"loss": _OUTPUTS[kind].loss, "optimizer": optimizer, "epochs": int(recipe.max_iter),
                "batch_size": None if recipe.solver == "lbfgs" else rows, "shuffle": True,
                "seed": int(recipe.random_state), "early_stopping": stop}
    return Translation(spec, training, validation, rows)


def apply_to_project(project, translation: Translation, fit=None) -> None:
    """Give ``project`` the recipe's network and training (its data stays); the split gains the validation
    part early stopping holds out, as a fraction of all rows (once the project has data). ``fit``: the canvas
    sizes the network is laid out for, as Arrange takes them."""
    spec = translation.spec
    positions = arrange(spec, fit=fit)  # laid out as the canvas's Arrange would
    for node in spec["nodes"]:
        node["position"] = list(positions[node["id"]])
    project.spec = spec
    project.training = {**project.training, **translation.training}
    if translation.validation_fraction is not None and project.data:
        split = dict(project.data.get("split") or {})
        test = float(split.get("test", 0.0))
        split["val"] = round(translation.validation_fraction * (1 - test), 6)
        project.data = {**project.data, "split": split}
    project.weights = None
    project.history = None


def parse_sizes(text: str) -> tuple[int, ...]:
    """'50, 50, 50' or '(50, 50, 50)' -> (50, 50, 50)."""
    cells = [c.strip() for c in text.strip().strip("()[]").split(",") if c.strip()]
    try:
        sizes = tuple(int(c) for c in cells)
    except ValueError:
        raise RecipeError(_("hidden_layer_sizes must be whole numbers separated by commas, like 50, "
                            "50, 50; not {text!r}.").format(text=text)) from None
    if not sizes or min(sizes) < 1:
        raise RecipeError(_("hidden_layer_sizes needs one or more layer sizes of at least 1, e.g. (50, 50, 50)."))
    return sizes


def data_shape(estimator: str, dataset) -> tuple[tuple[int, ...], int, str, int]:
    """(input shape, output units, kind, rows) of ``dataset`` for ``estimator`` (one of ESTIMATORS)."""
    rows, shape = len(dataset.y), tuple(int(n) for n in dataset.X.shape[1:])
    y = dataset.y
    if estimator == "MLPRegressor":
        if dataset.task != "regression":
            raise RecipeError(_("MLPRegressor predicts numbers, but this data has classes: choose MLPClassifier."))
        return shape, 1 if y.ndim == 1 else int(y.shape[1]), "regression", rows
    if dataset.task == "regression":
        if y.ndim == 2 and np.isin(y, (0.0, 1.0)).all():  # several 0/1 columns: one label each
            return shape, int(y.shape[1]), "multilabel", rows
        raise RecipeError(_("MLPClassifier predicts classes, but this data's target is a number: "
                            "choose MLPRegressor."))
    if dataset.task == "binary":
        return shape, 1, "binary", rows
    return shape, int(dataset.n_classes), "multiclass", rows


def call_text(estimator: str, recipe: Recipe) -> str:
    """The scikit-learn call the recipe stands for, naming only the arguments that differ from the defaults."""
    defaults = Recipe()
    args = [f"{name}={getattr(recipe, name)!r}" for name in Recipe.__dataclass_fields__
            if getattr(recipe, name) != getattr(defaults, name)]
    return f"{estimator}({', '.join(args)})"


def notes(estimator: str, recipe: Recipe, translation: Translation) -> str:
    """Markdown for the new project's notes: the call, and what nnstudio made of it."""
    dense = [n for n in translation.spec["nodes"] if n["type"] == "Dense"]
    training = translation.training
    reg = dense[0]["params"]["kernel_regularizer"]
    hidden, output = dense[:-1], dense[-1]["params"]
    if training["batch_size"]:
        steps = _("- Optimizer {optimizer}, loss {loss}, batches of {batch_size}, up to {epochs} epochs.")
    else:
        steps = _("- Optimizer {optimizer}, loss {loss}, all rows at once, up to {epochs} epochs.")
    if reg:
        penalty = (_("- alpha = {alpha:g} becomes an L2 penalty of {l2:.3g} on each layer's weights.")
                   .format(alpha=recipe.alpha, l2=reg["l2"]))
    else:
        penalty = _("- No L2 penalty (alpha = 0).")
    if translation.validation_fraction is not None:
        stopping = (_("- Early stopping on the validation part ({fraction:g} of the training rows).")
                    .format(fraction=translation.validation_fraction))
    else:
        stopping = _("- Training stops when its loss has not improved by tol for more than n_iter_no_change "
                     "epochs.")
    lines = [_("# {estimator} recipe").format(estimator=estimator), "",
             _("Built from `{call}`.").format(call=call_text(estimator, recipe)), "",
             _("- {count} hidden Dense layers ({units} units, {activation}) and an output layer of {outputs} "
               "({output_activation}); weights and biases start as scikit-learn starts them.")
             .format(count=len(hidden), units=", ".join(str(n["params"]["units"]) for n in hidden),
                     activation=dense[0]["params"]["activation"], outputs=output["units"],
                     output_activation=output["activation"]),
             steps.format(optimizer=training["optimizer"]["name"], loss=training["loss"],
                          batch_size=training["batch_size"], epochs=training["epochs"]),
             penalty, stopping, "", _("docs/sklearn-recipe.md explains each correspondence.")]
    return "\n".join(lines) + "\n"
