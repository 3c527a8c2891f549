"""A project's goal: a machine-readable promise such as "val_accuracy reaches 0.95 within 300 epochs".

``goal = {"metric": "val_accuracy", "at_least": 0.95, "epochs": 300}``; ``metric`` is a history key or the
difference of two (``"accuracy - val_accuracy"``, for a lesson about over-fitting). The bound applies to the
metric's value in the last epoch. The sample tests check every sample's goal; the GUI can show it.
"""

from __future__ import annotations

import math

from nnstudio.i18n import N_, _

# what a learner calls the history's keys (the goal line names them; the curves' legends say the same)
METRIC_NAMES = {
    "loss": N_("training loss"), "val_loss": N_("validation loss"),
    "accuracy": N_("training accuracy"), "val_accuracy": N_("validation accuracy"),
    "mae": N_("training mean absolute error"), "val_mae": N_("validation mean absolute error"),
    "rmse": N_("training RMSE"), "val_rmse": N_("validation RMSE"),
    "r2": N_("training R²"), "val_r2": N_("validation R²"),
}


def metric_name(metric: str) -> str:
    """``"val_accuracy"`` -> "validation accuracy"; ``"accuracy - val_accuracy"`` -> "training accuracy minus
    validation accuracy"; a key of the user's own stays as it is."""
    terms = [t.strip() for t in metric.split(" - ")]
    names = [_(METRIC_NAMES[t]) if t in METRIC_NAMES else t for t in terms]
    if len(names) == 2:
        return _("{0} minus {1}").format(*names)
    return " - ".join(names)


def metric_value(metric: str, value: float) -> str:
    """A goal's bound or a run's value as a learner reads it: accuracies (and their differences) in percent."""
    terms = [t.strip() for t in metric.split(" - ")]
    if all(t in ("accuracy", "val_accuracy") for t in terms):
        return _("{0}%").format(f"{100 * value:.3g}")
    return f"{value:.3g}"


def goal_value(metric: str, history: dict[str, list[float]]) -> float:
    """The metric's last value in ``history`` (NaN when it was not recorded)."""
    total, sign = 0.0, 1.0
    for token in metric.replace("-", " - ").split():
        if token == "-":
            sign = -1.0
            continue
        values = history.get(token) or []
        if not values:
            return math.nan
        total += sign * float(values[-1])
        sign = 1.0
    return total


def goal_met(goal: dict, history: dict[str, list[float]]) -> bool:
    """Whether the history keeps the goal's promise (both bounds, when both are given)."""
    value = goal_value(goal["metric"], history)
    if math.isnan(value):
        return False
    if "at_least" in goal and value < goal["at_least"]:
        return False
    return not ("at_most" in goal and value > goal["at_most"])


def describe(goal: dict) -> str:
    """One line for people: "validation accuracy at least 95% after 300 epochs"."""
    words = {"at_least": _("at least {0}"), "at_most": _("at most {0}")}
    bounds = [words[word].format(metric_value(goal["metric"], goal[word])) for word in ("at_least", "at_most")
              if word in goal]
    template = _("{metric} {bounds} after 1 epoch") if goal["epochs"] == 1 else _("{metric} {bounds} after {epochs} epochs")
    return template.format(metric=metric_name(goal["metric"]), bounds=_(" and ").join(bounds), epochs=goal["epochs"])
