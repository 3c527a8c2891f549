"""A project's goal: a machine-readable promise such as "val_accuracy reaches 0.95 within 300 epochs".

``goal = {"metric": "val_accuracy", "at_least": 0.95, "epochs": 300}``; ``metric`` is a history key or the
difference of two (``"accuracy - val_accuracy"``, for a lesson about over-fitting). The bound applies to the
metric's value in the last epoch. The sample tests check every sample's goal; the GUI can show it.
"""

from __future__ import annotations

import math

from nnstudio.i18n import _


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
    """One line for people: "val_accuracy at least 0.95 after 300 epochs"."""
    words = {"at_least": _("at least {0}"), "at_most": _("at most {0}")}
    bounds = [words[word].format(f"{goal[word]:g}") for word in ("at_least", "at_most") if word in goal]
    template = _("{metric} {bounds} after 1 epoch") if goal["epochs"] == 1 else _("{metric} {bounds} after {epochs} epochs")
    return template.format(metric=goal["metric"], bounds=_(" and ").join(bounds), epochs=goal["epochs"])
