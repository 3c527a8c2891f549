"""The fit loop: batches, metrics, validation, early stopping, callbacks, divergence, the perceptron rule.

``Network.fit`` calls ``fit`` here. Callbacks are called on every batch (the GUI's training thread pauses
and single-steps inside them), and a second ``fit`` continues from the current weights and optimizer state.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from nnstudio.i18n import _

from . import blas_threads, heap, losses
from .errors import SpecError, TrainingDiverged
from .metrics import Accumulator

EARLY_STOPPING_DEFAULTS = {"monitor": "val_loss", "patience": 10, "min_delta": 0.0,
                           "restore_best_weights": True, "mode": "auto"}


class History:
    """Per-epoch logs: ``history[name]`` is a list with one value per epoch, ``epoch`` the epoch numbers."""

    def __init__(self):
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []
        self.stopped_epoch: int | None = None   # set when early stopping ended the run
        self.best_epoch: int | None = None

    def append(self, epoch: int, logs: dict[str, float]) -> None:
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(float(value))

    def to_dict(self) -> dict:
        return {"epoch": list(self.epoch), "history": {k: list(v) for k, v in self.history.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> History:
        h = cls()
        h.epoch = [int(e) for e in data.get("epoch", [])]
        h.history = {k: [float(x) for x in v] for k, v in data.get("history", {}).items()}
        return h

    def __repr__(self) -> str:
        return f"<History {len(self.epoch)} epochs: {', '.join(self.history)}>"


class EarlyStopping:
    """Stop when ``monitor`` has not improved by ``min_delta`` for ``patience`` epochs (Keras semantics)."""

    def __init__(self, config: dict | bool, has_validation: bool):
        cfg = dict(EARLY_STOPPING_DEFAULTS)
        if isinstance(config, dict):
            unknown = set(config) - set(cfg)
            if unknown:
                raise ValueError(f"early_stopping has no setting {sorted(unknown)[0]!r}; its settings are: "
                                 f"{', '.join(cfg)}.")
            cfg.update(config)
        monitor = cfg["monitor"]
        if monitor.startswith("val_") and not has_validation:
            monitor = monitor[4:]  # no validation data: watch the training value instead
        self.monitor = monitor
        self.patience = int(cfg["patience"])
        self.min_delta = abs(float(cfg["min_delta"]))
        self.restore = bool(cfg["restore_best_weights"])
        mode = cfg["mode"]
        if mode == "auto":
            mode = "max" if monitor.endswith(("accuracy", "r2")) else "min"
        if mode not in ("min", "max"):
            raise ValueError(f"early_stopping mode must be 'auto', 'min' or 'max', not {mode!r}.")
        self.sign = 1.0 if mode == "min" else -1.0
        self.best = math.inf
        self.best_epoch: int | None = None
        self.best_weights = None
        self.wait = 0

    def update(self, net, epoch: int, logs: dict) -> bool:
        if self.monitor not in logs:
            raise ValueError(f"early_stopping monitors '{self.monitor}', which training does not report; "
                             f"choose one of: {', '.join(logs)}.")
        value = self.sign * logs[self.monitor]
        if value < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore:
                self.best_weights = net.get_weights()
            return False
        self.wait += 1
        return self.wait >= self.patience


class Callback:
    """What ``fit`` tells a callback, each hook a no-op here: override those you need. ``fit`` calls only
    the hooks a callback overrides (the batch hooks run after every batch: tens of thousands of times a
    second on XOR), looked up once before ``on_train_begin``. A hook returning True stops training after
    the current batch.

    - on_train_begin(net, logs): epochs, initial_epoch, batches_per_epoch, samples
    - on_batch_begin(net, logs) / on_batch_end(net, logs): epoch, batch, step, batches_per_epoch, size
      (and loss, at the end), and metrics_so_far: a function giving the epoch's metrics over its batches up
      to now (Keras' running values; a function, so hooks that do not ask pay nothing)
    - on_epoch_end(net, logs): epoch and the epoch's metrics (loss, accuracy or mae and r2, val_...)
    - on_train_end(net, logs): the last epoch's metrics, or {"diverged": True}
    """

    def on_train_begin(self, net, logs: dict) -> bool | None:
        return None

    def on_batch_begin(self, net, logs: dict) -> bool | None:
        return None

    def on_batch_end(self, net, logs: dict) -> bool | None:
        return None

    def on_epoch_end(self, net, logs: dict) -> bool | None:
        return None

    def on_train_end(self, net, logs: dict) -> bool | None:
        return None


HOOKS = ("on_train_begin", "on_batch_begin", "on_batch_end", "on_epoch_end", "on_train_end")


def _call(callbacks, hook: str, net, logs: dict) -> bool:
    return _run(_hooks(callbacks, hook), net, logs)


def _hooks(callbacks, hook: str) -> list:
    """The callbacks' ``hook`` methods that do something: a Callback's inherited no-ops are left out. Any
    object with some of the hook methods serves as a callback too."""
    base = getattr(Callback, hook)
    return [fn for fn in (getattr(cb, hook, None) for cb in callbacks)
            if fn is not None and getattr(fn, "__func__", None) is not base]


def _run(hooks: list, net, logs: dict) -> bool:
    stop = False
    for fn in hooks:
        if fn(net, logs) is True:
            stop = True
    return stop


def batches_per_epoch(n: int, batch_size: int | None, optimizer) -> int:
    """How many batches ``fit`` cuts ``n`` samples into: the perceptron rule takes one sample at a time, an
    optimizer that re-evaluates the loss (a closure) and ``batch_size=None`` take all at once."""
    if getattr(optimizer, "per_sample_rule", False):
        return n
    if batch_size is None or getattr(optimizer, "needs_closure", False) or n == 0:
        return 1
    return -(-n // min(int(batch_size), n))


def _optimizer_name(opt) -> str | None:
    name = getattr(opt, "name", None)
    if name is None:
        cfg = opt.get_config()
        name = cfg if isinstance(cfg, str) else cfg.get("name")
    return name


def resolve_optimizer(net, optimizer):
    """The optimizer for this fit. None or a config of the same name keeps ``net.optimizer`` (the same
    object, its moments and step counts), with the new config's hyper-parameters applied; another name
    starts a new one."""
    if optimizer is None:
        if net.optimizer is None:
            from . import optimizers
            net.optimizer = optimizers.get("adam")
        return net.optimizer
    if hasattr(optimizer, "step"):  # an optimizer object
        net.optimizer = optimizer
        return optimizer
    from . import optimizers
    new = optimizers.get(optimizer)
    old = net.optimizer
    if old is not None and _optimizer_name(old) == _optimizer_name(new) and hasattr(new, "params"):
        for spec in new.params():
            setattr(old, spec.name, getattr(new, spec.name))
        return old
    net.optimizer = new
    return new


def _first_nonfinite_node(net, X) -> str:
    """The first layer (in flow order) whose weights or output is not finite, else the output node."""
    for nid in net.order:
        arrays = list(net._params[nid].values()) + list(net._state[nid].values())
        if any(not np.isfinite(a).all() for a in arrays):
            return nid
    with np.errstate(all="ignore"):
        outs = net.forward(X, False)
    for nid in net.order:
        if not np.isfinite(outs[nid]).all():
            return nid
    return net.output_id


def _weights_finite(net) -> bool:
    return bool(np.isfinite(net.flat_weights).all())


class _Snapshot:
    """A preallocated copy of every weight (trainable and state), the last finite state: refreshed before each
    update when the optimizer cannot check its update first (``Optimizer.step_if_finite``), else only at the
    start of each epoch, for the one way weights can still turn non-finite then (w - delta overflowing near
    the largest float). The weights live in two flat buffers, so this is two copies."""

    def __init__(self, net):
        self.pairs = [(live, np.empty_like(live)) for live in (net.flat_weights, net.flat_state) if live.size]

    def save(self) -> None:
        for live, copy in self.pairs:
            np.copyto(copy, live)

    def restore(self) -> None:
        for live, copy in self.pairs:
            np.copyto(live, copy)


def _diverged(net, snapshot: _Snapshot, X, value, epoch: int, history: History, callbacks,
              update_key: str | None = None) -> TrainingDiverged:
    """``update_key``: the optimizer refused a step whose update of that "node/param" was not finite."""
    lr = getattr(net.optimizer, "learning_rate", None)
    lr_text = _(" (it is {0})").format(f"{lr:g}") if isinstance(lr, (int, float)) else ""
    if update_key is not None:
        nid, param = update_key.rsplit("/", 1)  # parameter names have no "/", node ids might
        layer = net.layers[nid]
        what = _("the update of the {param} of {type} '{id}' was not finite (the loss was {loss}), so it was not "
                 "applied").format(param=param, type=layer.TYPE, id=nid, loss=f"{value:g}")
    else:
        nid = _first_nonfinite_node(net, X)
        if not _weights_finite(net):
            snapshot.restore()
        layer = net.layers[nid]
        what = _("the loss became {loss} and {type} '{id}' produced values that are not finite").format(
            loss=value, type=layer.TYPE, id=nid)
    err = TrainingDiverged(
        _("Training diverged in epoch {epoch}: {what}. The weights are the last finite ones; try a lower "
          "learning rate{lr}.").format(epoch=epoch + 1, what=what, lr=lr_text), node_id=nid, epoch=epoch, step=net.step_count, history=history)
    _call(callbacks, "on_train_end", net, {"diverged": True})
    return err


def fit(net, X, y, loss, optimizer=None, epochs: int = 1, batch_size: int | None = 32, shuffle: bool = True,
        seed: int | None = None, validation_split: float = 0.0, validation_data=None, early_stopping=None,
        callbacks=(), initial_epoch: int = 0) -> History:
    loss = losses.get(loss)
    net.loss = loss
    opt = resolve_optimizer(net, optimizer)
    X, y = net._as_input(X), net._as_target(y, loss)
    if len(X) != len(y):
        raise ValueError(f"The inputs have {len(X)} samples but the targets have {len(y)}: give one target "
                         "per sample.")
    if not getattr(opt, "per_sample_rule", False):
        y = net._checked_target(y, loss)  # once here, so the batches skip the checks
    if not 0.0 <= validation_split < 1.0:
        raise ValueError(f"validation_split must be at least 0 and below 1, not {validation_split}.")
    if validation_data is not None:
        Xv, yv = net._as_input(validation_data[0]), net._as_target(validation_data[1], loss)
    elif validation_split > 0:
        split_at = int(math.ceil(len(X) * (1.0 - validation_split)))  # the LAST fraction, before shuffling
        X, Xv, y, yv = X[:split_at], X[split_at:], y[:split_at], y[split_at:]
        if len(Xv) == 0:
            Xv = yv = None
    else:
        Xv = yv = None
    if len(X) == 0:
        raise ValueError("There are no training samples left to train on.")
    if epochs < 0 or (batch_size is not None and batch_size < 1):
        raise ValueError("epochs must be at least 0 and batch_size at least 1 (or None for the whole data).")
    rng = np.random.default_rng(seed) if seed is not None else net.shuffle_rng
    if seed is not None:
        net.reseed_dropout(seed)
    callbacks = list(callbacks)
    net.stop_training = False
    if getattr(opt, "per_sample_rule", False):
        return _fit_perceptron(net, X, y, Xv, yv, opt, epochs, shuffle, rng, callbacks, initial_epoch)
    batch = len(X) if batch_size is None or getattr(opt, "needs_closure", False) else min(int(batch_size), len(X))
    # overflow on the way to divergence is detected (non-finite loss or weights) and explained by
    # TrainingDiverged, so NumPy's floating-point warnings would only repeat it less clearly
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"), \
            blas_threads.for_training(net.product_per_sample * batch), heap.kept_for_training():
        return _fit_loop(net, X, y, Xv, yv, loss, opt, epochs, batch_size, shuffle, rng, early_stopping,
                         callbacks, initial_epoch)


def _fit_loop(net, X, y, Xv, yv, loss, opt, epochs, batch_size, shuffle, rng, early_stopping, callbacks,
              initial_epoch) -> History:
    closure_needed = getattr(opt, "needs_closure", False)
    can_check = not closure_needed and hasattr(opt, "step_if_finite")
    n = len(X)
    bs = n if batch_size is None or closure_needed else min(int(batch_size), n)
    batches = batches_per_epoch(n, batch_size, opt)
    history = History()
    stopper = EarlyStopping(early_stopping, Xv is not None) if early_stopping else None
    snapshot = _Snapshot(net)
    kind = loss.metric_kind
    params = net.params_flat
    fused = net._fusable(loss)
    begin_hooks, end_hooks, epoch_hooks = (_hooks(callbacks, h) for h in ("on_batch_begin", "on_batch_end",
                                                                          "on_epoch_end"))
    _call(callbacks, "on_train_begin", net, {"epochs": epochs, "initial_epoch": initial_epoch,
                                            "batches_per_epoch": batches, "samples": n})
    batch_hooks = bool(begin_hooks or end_hooks)
    logs: dict[str, Any] = {}
    stop = False
    for epoch in range(initial_epoch, initial_epoch + epochs):
        order = rng.permutation(n) if shuffle and batches > 1 else None
        snapshot.save()
        acc = Accumulator(kind)
        total, seen = 0.0, 0
        for b in range(batches):
            if order is None:
                Xb, yb = (X, y) if batches == 1 else (X[b * bs:(b + 1) * bs], y[b * bs:(b + 1) * bs])
            else:
                sel = order[b * bs:(b + 1) * bs]
                Xb, yb = X.take(sel, axis=0), y.take(sel, axis=0)
            if batch_hooks:
                blogs = {"epoch": epoch, "batch": b, "step": net.step_count, "batches_per_epoch": batches,
                         "size": len(Xb), "metrics_so_far": acc.result}
                if begin_hooks:
                    stop = _run(begin_hooks, net, blogs) or stop
            value, grads, out, caches = net._loss_and_gradients(Xb, yb, loss, fused=fused, checked=True)
            if not math.isfinite(value):
                raise _diverged(net, snapshot, Xb, value, epoch, history, callbacks)
            # the update is checked before it is applied when it can be (per step: a callback may set
            # clipnorm, which leaves the flat path), else the weights are copied first
            checked = can_check and opt.flat_path(params, grads)
            if not checked:
                snapshot.save()
            net._update_state(caches)
            if checked:
                bad = opt.step_if_finite(params, grads)
                if bad is not None:
                    raise _diverged(net, snapshot, Xb, value, epoch, history, callbacks, update_key=bad)
            elif closure_needed:
                def closure(Xb=Xb, yb=yb):
                    v, g, _, _ = net._loss_and_gradients(Xb, yb, loss, fused=fused, checked=True)
                    return v, g
                opt.step(params, grads, closure)
            else:
                opt.step(params, grads)
            net.step_count += 1
            total += value * len(Xb)
            seen += len(Xb)
            acc.update(out, yb, logits=fused)
            if end_hooks:
                blogs["loss"] = value
                stop = _run(end_hooks, net, blogs) or stop
            if stop or net.stop_training:
                stop = True
                break
        if not _weights_finite(net):
            raise _diverged(net, snapshot, Xb, float("nan"), epoch, history, callbacks)
        logs = {"loss": total / seen, **acc.result()}
        if Xv is not None:
            logs.update({f"val_{k}": v for k, v in net.evaluate(Xv, yv, loss, batch_size=bs).items()})
        history.append(epoch, logs)
        if epoch_hooks:
            stop = _run(epoch_hooks, net, {"epoch": epoch, **logs}) or stop
        stop = stop or net.stop_training
        if stopper is not None and stopper.update(net, epoch, logs):
            history.stopped_epoch = epoch
            stop = True
        if stop:
            break
    if stopper is not None:
        history.best_epoch = stopper.best_epoch
        if stopper.best_weights is not None and history.epoch and stopper.best_epoch != history.epoch[-1]:
            net.set_weights(stopper.best_weights)
    _call(callbacks, "on_train_end", net, dict(logs))
    return history


# --- the perceptron rule ----------------------------------------------------------------------------------

def _perceptron_layer(net):
    plan = net._plan
    ok = len(plan) == 1 and plan[0][1].TYPE == "Dense" and plan[0][2] == [net.input_id]
    act = net.output_activation
    if not ok or act not in ("step", "sign"):
        got = " -> ".join(net.layers[n].TYPE for n in net.order)
        if act in ("step", "sign"):
            template = _("The perceptron rule trains a single Dense layer with a 'step' or 'sign' activation "
                         "right after the Input, but this network is {got}: pick another optimizer or simplify "
                         "the network.")
        else:
            template = _("The perceptron rule trains a single Dense layer with a 'step' or 'sign' activation "
                         "right after the Input, but this network is {got} with a '{act}' output: pick another "
                         "optimizer or simplify the network.")
        raise SpecError(template.format(got=got, act=act), net.output_id)
    return plan[0][1], act


def _perceptron_targets(y: np.ndarray, act: str) -> np.ndarray:
    t = np.asarray(y, dtype=np.float64)
    if act == "sign" and np.isin(t, (0.0, 1.0)).all():
        t = 2 * t - 1  # sign outputs -1/+1: class 0 becomes -1
    return t


def perceptron_figures(net, X, y) -> dict[str, float]:
    """What the perceptron rule logs for data it does not train on: the share of samples whose output is
    not their target ("loss", the zero-one loss) and "accuracy", one minus it. ``nnstudio evaluate`` reports
    these for a perceptron, as training does (its loss setting, mse by default, does not describe it)."""
    _layer, act = _perceptron_layer(net)
    X = net._as_input(X)
    t = _perceptron_targets(y, act).reshape(len(X), -1)
    wrong = float(np.any(net.predict(X) != t, axis=1).mean()) if len(X) else 0.0
    return {"loss": wrong, "accuracy": 1.0 - wrong}


def _fit_perceptron(net, X, y, Xv, yv, opt, epochs, shuffle, rng, callbacks, initial_epoch) -> History:
    """Per sample: w <- w + lr (y - y_hat) x, b <- b + lr (y - y_hat); stops after an epoch without mistakes.
    The logged loss is the fraction of samples misclassified during the epoch (zero-one loss)."""
    layer, act = _perceptron_layer(net)
    p = net._params[layer.node_id]
    W, b = p["kernel"], p.get("bias")
    t = _perceptron_targets(y, act).reshape(len(X), -1)
    activation = layer.activation
    history = History()
    n = len(X)
    _call(callbacks, "on_train_begin", net, {"epochs": epochs, "initial_epoch": initial_epoch,
                                            "batches_per_epoch": n, "samples": n})
    logs: dict[str, Any] = {}
    for epoch in range(initial_epoch, initial_epoch + epochs):
        order = rng.permutation(n) if shuffle else np.arange(n)
        mistakes = 0
        stop = False
        for k, i in enumerate(order):
            blogs = {"epoch": epoch, "batch": k, "step": net.step_count, "batches_per_epoch": n, "size": 1}
            stop = _call(callbacks, "on_batch_begin", net, blogs) or stop
            x = X[i]
            z = x @ W + b if b is not None else x @ W
            diff = t[i] - activation.forward(z)
            wrong = bool(np.any(diff != 0))
            if wrong:
                mistakes += 1
                lr = opt.learning_rate
                W += (lr * np.outer(x, diff)).astype(W.dtype)
                if b is not None:
                    b += (lr * diff).astype(b.dtype)
            net.step_count += 1
            blogs["loss"] = float(wrong)
            stop = _call(callbacks, "on_batch_end", net, blogs) or stop or net.stop_training
            if stop:
                break
        seen = k + 1 if n else 1
        logs = {"loss": mistakes / seen, "accuracy": 1.0 - mistakes / seen, "mistakes": float(mistakes)}
        if Xv is not None:
            logs.update({f"val_{k}": v for k, v in perceptron_figures(net, Xv, yv).items()})
        history.append(epoch, logs)
        if callbacks:
            stop = _call(callbacks, "on_epoch_end", net, {"epoch": epoch, **logs}) or stop
        stop = stop or net.stop_training
        if stop or mistakes == 0:
            break
    _call(callbacks, "on_train_end", net, dict(logs))
    return history
