"""Whether a network's two ends and its loss suit a data set, and the changes that make them suit it.

Qt-free: the data panel shows the sentences and offers the fix, the window's Problems list names them, and
the fix is applied as one undoable edit (the spec's params) plus the training loss setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dataset import Dataset
from ..i18n import N_, _

# The output a course uses for each task; its loss is then losses.default_for(task, activation).
# "multilabel" is regression data whose several target columns hold only 0 and 1: one sigmoid per label.
TASK_OUTPUT = {"regression": "linear", "binary": "sigmoid", "multiclass": "softmax", "multilabel": "sigmoid"}
# Output activations that cannot produce the task's targets: the sentence saying why ({label}: the layer).
WRONG_OUTPUT = {
    "regression": {
        "sigmoid": N_("The output layer '{label}' uses sigmoid, which squeezes every prediction into 0..1: a "
                      "regression task needs a linear output."),
        "softmax": N_("The output layer '{label}' uses softmax, which makes the outputs probabilities that add "
                      "up to 1: a regression task needs a linear output."),
        "hard_sigmoid": N_("The output layer '{label}' uses hard_sigmoid, which squeezes every prediction into "
                           "0..1: a regression task needs a linear output."),
        "step": N_("The output layer '{label}' uses step, which can only answer 0 or 1: a regression task needs "
                   "a linear output.")},
    "binary": {
        "linear": N_("The output layer '{label}' uses linear, which gives unbounded scores, not a probability: a "
                     "two-class task needs a sigmoid output."),
        "relu": N_("The output layer '{label}' uses relu, which gives unbounded scores, not a probability: a "
                   "two-class task needs a sigmoid output.")},
    "multilabel": {
        "softmax": N_("The output layer '{label}' uses softmax, which makes the labels compete for one total of "
                      "1, but each label is its own yes/no: a multi-label task needs a sigmoid output.")},
    "multiclass": {
        "linear": N_("The output layer '{label}' uses linear, which gives unbounded scores, not class "
                     "probabilities: a multi-class task needs a softmax output."),
        "relu": N_("The output layer '{label}' uses relu, which gives unbounded scores, not class probabilities: "
                   "a multi-class task needs a softmax output."),
        "sigmoid": N_("The output layer '{label}' uses sigmoid, which gives independent yes/no scores, not "
                      "probabilities over the classes: a multi-class task needs a softmax output.")},
}
# The tasks each loss suits; any other loss (mse, mae, huber, ...) suits regression, and binary targets 0/1
# too (the perceptron and tanh lessons fit them with mse).
LOSS_TASKS = {"binary_crossentropy": ("binary", "multilabel"), "categorical_crossentropy": ("binary", "multiclass"),
              "sparse_categorical_crossentropy": ("binary", "multiclass")}
REGRESSION_LOSS_TASKS = ("regression", "binary", "multilabel")
# a loss that does not suit the task, per task ({name}: the loss)
LOSS_MISFIT = {"regression": N_("The loss '{name}' does not suit a regression task."),
               "binary": N_("The loss '{name}' does not suit a two-class task."),
               "multiclass": N_("The loss '{name}' does not suit a multi-class task."),
               "multilabel": N_("The loss '{name}' does not suit a multi-label task.")}


@dataclass(frozen=True)
class Mismatch:
    """One way the network (or the loss) and the data disagree; ``node_id`` None for the loss."""

    message: str
    node_id: str | None = None


@dataclass
class Fit:
    """What the data needs and what to change: ``params`` per node id (whole params dicts), and the loss
    setting to store (``loss_changed`` False: leave it)."""

    mismatches: list[Mismatch] = field(default_factory=list)
    params: dict[str, dict] = field(default_factory=dict)
    loss: str | dict | None = None
    loss_changed: bool = False
    changes: list[str] = field(default_factory=list)     # what the fix does, as clauses for one sentence

    @property
    def sentences(self) -> list[str]:
        return [m.message for m in self.mismatches]

    @property
    def fixable(self) -> bool:
        return bool(self.params) or self.loss_changed

    def summary(self) -> str:
        """One sentence saying what adapting changes."""
        if not self.changes:
            return ""
        changes = self.changes[0]
        for change in self.changes[1:]:
            changes = _("{one}; {other}").format(one=changes, other=change)
        return _("Adapted the network to the data: {changes}.").format(changes=changes)


def target_columns(dataset: Dataset) -> int:
    return 1 if dataset.y.ndim == 1 else int(dataset.y.shape[1])


def fit_task(dataset: Dataset) -> str:
    """The dataset's task, or "multilabel" for several target columns holding only 0 and 1."""
    y = dataset.y
    if dataset.task == "regression" and y.ndim == 2 and y.size and bool(((y == 0) | (y == 1)).all()):
        return "multilabel"
    return dataset.task


def default_loss(dataset: Dataset, output_activation: str | None) -> str:
    """The loss an automatic setting means for this data: the course's, with several 0/1 labels read through
    sigmoids taking binary cross-entropy (the engine alone would see a regression and pick mse)."""
    from nnstudio.engine import losses   # late: the data layer needs the engine only here
    if fit_task(dataset) == "multilabel" and output_activation == "sigmoid":
        return "binary_crossentropy"
    return losses.default_for(dataset.task, output_activation)


def output_needs(dataset: Dataset) -> tuple[int, str]:
    """(units, activation) of the output layer a course would give this data."""
    if dataset.task == "regression":
        return target_columns(dataset), TASK_OUTPUT[fit_task(dataset)]
    if dataset.task == "binary":
        return 1, TASK_OUTPUT["binary"]
    return int(dataset.n_classes), TASK_OUTPUT["multiclass"]


def activation_name(params: dict) -> str | None:
    act = params.get("activation")
    return act.get("name") if isinstance(act, dict) else act


def _loss_name(loss) -> str | None:
    return loss.get("name") if isinstance(loss, dict) else loss


def _describe_output(units: int, act: str | None) -> str:
    template = _("{units} unit · {act}") if units == 1 else _("{units} units · {act}")
    return template.format(units=units, act=act or "linear")


def check(spec: dict, dataset: Dataset, loss: str | dict | None = None) -> Fit:
    """Compare the spec's Input, its single Dense output and the training ``loss`` setting with ``dataset``."""
    fit = Fit()
    from nnstudio.engine import layers
    from nnstudio.engine.spec import analyze   # late: the one place that knows which nodes are input and output

    nodes = {n["id"]: n for n in spec.get("nodes", [])}
    analysis = analyze(spec)
    inp = nodes.get(analysis.input_id)
    need_shape = list(dataset.input_shape)
    if inp is not None:
        params = dict(inp.get("params") or {})
        shape = list(params.get("shape") or [])
        if shape != need_shape:
            fit.mismatches.append(Mismatch(_("The Input layer takes shape {shape} but each sample of the data has "
                                             "shape {need}.").format(shape=shape, need=need_shape), inp["id"]))
            fit.params[inp["id"]] = {**params, "shape": need_shape}
            fit.changes.append(_("Input shape {shape} → {need}").format(shape=shape, need=need_shape))
    out = nodes.get(analysis.output_id) if analysis.output_id != analysis.input_id else None
    task = fit_task(dataset)
    out_act = None
    if out is not None and _has_units(layers, out.get("type")):
        out_act = _check_output(fit, out, dataset)
    name = _loss_name(loss)
    if name is not None and task not in LOSS_TASKS.get(name, REGRESSION_LOSS_TASKS):
        fit.mismatches.append(Mismatch(_(LOSS_MISFIT[task]).format(name=name)))
        fit.loss, fit.loss_changed = None, True        # automatic: default_loss(dataset, output activation)
        fit.changes.append(_("loss '{name}' → {new}").format(name=name, new=default_loss(dataset, out_act)))
    return fit


def _has_units(layers, type_name) -> bool:
    """A layer whose output size and activation the fix can set (its declaration has both)."""
    try:
        cls = layers.get(type_name)
    except ValueError:
        return False
    return cls.ACTIVATED and any(p.name == "units" for p in cls.PARAMS)


def _check_output(fit: Fit, out: dict, dataset: Dataset) -> str | None:
    """Add the output layer's mismatches and fix to ``fit``; returns its activation after the fix."""
    task = fit_task(dataset)
    params = dict(out.get("params") or {})
    units, act = int(params.get("units", 0)), activation_name(params)
    need_units, need_act = output_needs(dataset)
    label = out.get("name") or out["id"]
    binary_softmax = task == "binary" and units == 2 and act == "softmax"
    new = dict(params)
    if units != need_units and not binary_softmax:
        if task == "regression":
            template = (_("The output layer '{label}' has units = {units}, but the data needs one number.")
                        if need_units == 1 else
                        _("The output layer '{label}' has units = {units}, but the data needs {need} numbers."))
        elif task == "multilabel":
            template = _("The output layer '{label}' has units = {units}, but the data needs {need} label "
                         "probabilities.")
        elif task == "binary":
            template = _("The output layer '{label}' has units = {units}, but the data needs one probability "
                         "(2 classes).")
        else:
            template = _("The output layer '{label}' has units = {units}, but the data needs {need} class scores.")
        fit.mismatches.append(Mismatch(template.format(label=label, units=units, need=need_units), out["id"]))
        new["units"] = need_units
        if act in WRONG_OUTPUT[task] or (task not in ("regression", "multilabel") and act != need_act):
            new["activation"] = need_act
    elif act in WRONG_OUTPUT[task]:
        fit.mismatches.append(Mismatch(_(WRONG_OUTPUT[task][act]).format(label=label), out["id"]))
        new["activation"] = need_act
    if new != params:
        fit.params[out["id"]] = new
        fit.changes.append(_("output '{label}' {old} → {new}").format(
            label=label, old=_describe_output(units, act),
            new=_describe_output(int(new["units"]), activation_name(new))))
    return activation_name(new)
