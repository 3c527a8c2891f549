"""Optimizers by name: Keras parameter names, torch.optim update rules and defaults.

Each rule is exactly ``torch.optim``'s (same epsilon placement, same weight-decay coupling), so a student can
check any step against PyTorch. ``step(params, grads)`` updates the arrays of ``params`` in place; both are
dicts keyed ``"node_id/param"`` and every piece of state (moments, step counts, L-BFGS history) lives here,
keyed the same way. Updates reuse per-parameter scratch buffers, so a step allocates nothing new.

Fast path: when ``params`` and ``grads`` are ``FlatArrays`` sharing one ``FlatLayout`` (the Network's weights
and gradients are views into one flat buffer each), the element-wise rules update the whole flat vector in a
handful of NumPy calls instead of a loop over tensors. The state stays per parameter (``slots[key][name]``
are views into flat state buffers), and the arithmetic is the same, element by element, so both paths give
bit-identical results.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .errors import SpecError
from .params import Configurable, ParamSpec, check_params, lookup, split_identifier
from ..i18n import N_, _

Arrays = dict[str, np.ndarray]


class FlatLayout:
    """Where each parameter sits in a flat buffer: ``keys`` in order and ``(start, stop, shape)`` per key."""

    __slots__ = ("keys", "spans", "size")

    def __init__(self, shapes: dict[str, tuple[int, ...]]):
        self.keys = tuple(shapes)
        self.spans: dict[str, tuple[int, int, tuple[int, ...]]] = {}
        offset = 0
        for key, shape in shapes.items():
            size = math.prod(shape)
            self.spans[key] = (offset, offset + size, tuple(shape))
            offset += size
        self.size = offset

    def views(self, flat: np.ndarray) -> dict[str, np.ndarray]:
        return {k: flat[a:b].reshape(shape) for k, (a, b, shape) in self.spans.items()}


class FlatArrays(dict):
    """A dict ``{"node_id/param": array}`` whose arrays are the views ``layout`` gives of ``flat``.
    Its entries must not be replaced (write into them instead); optimizers rely on that for the fast path."""

    def __init__(self, flat: np.ndarray, layout: FlatLayout):
        super().__init__(layout.views(flat))
        self.flat = flat
        self.layout = layout


def _all_finite(a: np.ndarray) -> bool:
    """Whether every element of the 1-D ``a`` is finite: its dot with itself (one fast BLAS pass) is NaN or
    inf when one is not, and when it overflows for finite values np.isfinite settles it. (NumPy warns of
    that overflow unless the caller ignores it, as fit does.)"""
    return math.isfinite(float(np.dot(a, a))) or bool(np.isfinite(a).all())


def _first_nonfinite_key(layout: FlatLayout, offset: int, delta: np.ndarray) -> str:
    at = offset + int(np.flatnonzero(~np.isfinite(delta))[0])
    return next(k for k in layout.keys if layout.spans[k][0] <= at < layout.spans[k][1])


_LR_HELP = "step size; may be changed between steps"
_CLIPNORM = ParamSpec("clipnorm", "float", None, N_("if set, each gradient tensor is scaled down to at most this "
                         "L2 norm before the update (Keras)"), min=0.0, exclusive_min=True)
_WEIGHT_DECAY = ParamSpec("weight_decay", "float", 0.0, N_("L2 penalty added to the gradient: g + wd * w"),
                          min=0.0)


class Optimizer(Configurable):
    """Stateful (moments, step counts), so compared by identity, not by config."""

    FAMILY = "optimizers"
    description: str = ""
    needs_closure = False    # lbfgs: step() needs closure() -> (loss, grads) at the current params
    per_sample_rule = False  # perceptron: the training loop applies the classic rule itself

    def __init__(self, **params: Any):
        super().__init__(**params)
        self.iterations = 0                          # number of step() calls
        self.slots: dict[str, dict[str, np.ndarray]] = {}  # saved per-parameter state
        self.counts: dict[str, int] = {}             # updates applied to each parameter
        self._scratch: dict[str, dict[str, np.ndarray]] = {}  # reusable work buffers, never saved
        self._bound: tuple | None = None  # the flat fast path's (layout, dtype, stretches), see _bind

    # --- the update -----------------------------------------------------------------------------------
    flat_rule = True  # the rule is element-wise: it may run on the whole flat parameter vector at once

    def flat_path(self, params: Arrays, grads: Arrays) -> bool:
        """True when ``step(params, grads)`` takes the flat fast path (so ``step_if_finite`` may be used)."""
        layout = getattr(params, "layout", None)
        return (layout is not None and getattr(grads, "layout", None) is layout and self.flat_rule
                and self.clipnorm is None and params.flat.dtype == grads.flat.dtype)

    def step(self, params: Arrays, grads: Arrays, closure: Callable | None = None):
        """Update every array of ``params`` that has a gradient, in place."""
        self.iterations += 1
        if self.flat_path(params, grads):
            self._step_flat(params, grads, params.layout, check=False)
            return
        self._bound = None  # the per-tensor path may reshape state: the flat binding is rebuilt when needed
        for key, p in params.items():
            g = grads.get(key)
            if g is None:
                continue  # e.g. a frozen parameter: no gradient, no update (as torch's grad=None)
            if g.shape != p.shape:
                raise ValueError(_("Optimizer '{name}': gradient of '{key}' has shape {gradient} but the "
                                   "parameter has shape {shape}.")
                                 .format(name=self.name, key=key, gradient=g.shape, shape=p.shape))
            self._match_layout(key, p)
            self.counts[key] = self.counts.get(key, 0) + 1
            g = self._clipped(key, g)
            self._update(key, p, g, self.counts[key])

    def step_if_finite(self, params: FlatArrays, grads: FlatArrays) -> str | None:
        """``step`` on the flat path (``flat_path(params, grads)`` must hold) that applies the update only if
        every element of it is finite: the training loop's divergence check, cheaper than copying every
        weight before each step. Returns None when applied, else the key of the first parameter whose update
        is not finite; then no weight changed (the moments and counts did, as after any step)."""
        self.iterations += 1
        return self._step_flat(params, grads, params.layout, check=True)

    def _update(self, key: str, p: np.ndarray, g: np.ndarray, count: int) -> None:
        self._apply(p, self._rule(p, g, count, lambda name, fill=0.0: self._slot(key, name, p, fill),
                                  lambda name="tmp": self._work(key, p, name)))

    def _rule(self, p: np.ndarray, g: np.ndarray, count: int, slot: Callable, work: Callable) -> np.ndarray:
        """The update of ``p`` from ``g`` after ``count`` updates: the array ``delta`` with p <- p - delta
        (``_apply`` subtracts it); ``p`` itself is left alone. ``slot(name, fill)`` gives a saved state array
        like ``p``, ``work(name)`` a scratch one. Element-wise, so ``p`` may be one tensor or a stretch of the
        flat parameter vector."""
        raise NotImplementedError

    def _apply(self, p: np.ndarray, delta: np.ndarray) -> None:
        p -= delta

    # --- the flat fast path ---------------------------------------------------------------------------
    def _step_flat(self, params: FlatArrays, grads: FlatArrays, layout: FlatLayout, check: bool) -> str | None:
        bound = self._bound
        if bound is None or bound[0] is not layout or bound[1] != params.flat.dtype:
            bound = self._bind(layout, params.flat.dtype)
        counts = self.counts
        for key in layout.keys:
            counts[key] = counts.get(key, 0) + 1
        p_flat, g_flat = params.flat, grads.flat
        updates = []
        for start, stop, first in bound[2]:  # stretches of parameters with the same update count
            p, g = p_flat[start:stop], g_flat[start:stop]
            delta = self._rule(p, g, counts[first],
                               lambda name, fill=0.0, a=start, b=stop: self._flat_slot(name, fill)[a:b],
                               lambda name="tmp", a=start, b=stop: self._flat_work(name)[a:b])
            if check and not _all_finite(delta):
                return _first_nonfinite_key(layout, start, delta)
            updates.append((p, delta))
        for p, delta in updates:  # only now: a step that is not finite changes no weight
            self._apply(p, delta)
        return None

    def _bind(self, layout: FlatLayout, dtype) -> tuple:
        """Prepare the flat state for ``layout``: per-parameter rules as the per-tensor path (a parameter
        whose shape changed starts afresh, a dtype change is cast), then stretches of equal step counts."""
        for key in layout.keys:
            shape = layout.spans[key][2]
            slots = self.slots.get(key)
            if slots:
                first = next(iter(slots.values()))
                if first.shape != shape:
                    self.slots.pop(key, None)
                    self.counts.pop(key, None)
        runs: list[tuple[int, int, str]] = []
        for key in layout.keys:
            a, b, _ = layout.spans[key]
            if b == a:
                continue
            if runs and runs[-1][1] == a and self.counts.get(runs[-1][2], 0) == self.counts.get(key, 0):
                runs[-1] = (runs[-1][0], b, runs[-1][2])
            else:
                runs.append((a, b, key))
        self._flat_slots: dict[str, np.ndarray] = {}
        self._flat_scratch: dict[str, np.ndarray] = {}
        self._bound = (layout, dtype, runs)
        return self._bound

    def _flat_slot(self, name: str, fill: float) -> np.ndarray:
        """The flat buffer of state ``name``; made on first use from the per-parameter arrays already
        saved (loaded state, or the per-tensor path's), ``fill`` elsewhere; the slots become its views."""
        buf = self._flat_slots.get(name)
        if buf is not None:
            return buf
        layout, dtype, _ = self._bound
        buf = self._flat_slots[name] = np.empty(layout.size, dtype=dtype)
        for key, view in layout.views(buf).items():
            slots = self.slots.setdefault(key, {})
            old = slots.get(name)
            if old is not None:
                np.copyto(view, old, casting="unsafe")
            else:
                view.fill(fill)
            slots[name] = view
        return buf

    def _flat_work(self, name: str) -> np.ndarray:
        buf = self._flat_scratch.get(name)
        if buf is None:
            layout, dtype, _ = self._bound
            buf = self._flat_scratch[name] = np.empty(layout.size, dtype=dtype)
        return buf

    def _match_layout(self, key: str, p: np.ndarray) -> None:
        # a parameter whose shape changed (the network was edited) starts afresh; a dtype change is cast
        slots = self.slots.get(key)
        known = slots or self._scratch.get(key)
        if not known:
            return
        first = next(iter(known.values()))
        if first.shape == p.shape and first.dtype == p.dtype:
            return
        self._scratch.pop(key, None)
        if first.shape != p.shape:
            self.slots.pop(key, None)
            self.counts.pop(key, None)
        elif slots:
            self.slots[key] = {n: a.astype(p.dtype) for n, a in slots.items()}

    # --- helpers for the rules ----------------------------------------------------------------------------
    def _slot(self, key: str, name: str, like: np.ndarray, fill: float = 0.0) -> np.ndarray:
        slots = self.slots.setdefault(key, {})
        buf = slots.get(name)
        if buf is None:
            buf = slots[name] = np.full_like(like, fill)
        return buf

    def _work(self, key: str, like: np.ndarray, name: str = "tmp") -> np.ndarray:
        """A scratch buffer of ``key``: allocated once, reused every step."""
        bufs = self._scratch.setdefault(key, {})
        buf = bufs.get(name)
        if buf is None:
            buf = bufs[name] = np.empty_like(like)
        return buf

    def _clipped(self, key: str, g: np.ndarray) -> np.ndarray:
        # Keras clipnorm: g * c / max(||g||, c), per tensor; the caller's array is left untouched
        if self.clipnorm is None:
            return g
        norm = math.sqrt(float(np.vdot(g, g)))
        if norm <= self.clipnorm:
            return g
        return np.multiply(g, self.clipnorm / norm, out=self._work(key, g, "clipped"))

    def _decayed(self, p: np.ndarray, g: np.ndarray, work: Callable) -> np.ndarray:
        # coupled L2 weight decay as torch: g + wd * p
        if not self.weight_decay:
            return g
        out = np.multiply(p, self.weight_decay, out=work("decayed"))
        out += g
        return out

    # --- description and state ----------------------------------------------------------------------------
    def state_dict(self) -> dict:
        """Plain copies (dicts of ndarrays and numbers) of everything a resumed run needs."""
        return {"name": self.name, "iterations": self.iterations, "counts": dict(self.counts),
                "slots": {k: {n: a.copy() for n, a in s.items()} for k, s in self.slots.items()}}

    def load_state_dict(self, state: dict) -> None:
        if state.get("name", self.name) != self.name:
            raise ValueError(_("Cannot load the state of a '{saved}' optimizer into '{name}'.")
                             .format(saved=state["name"], name=self.name))
        self.iterations = int(state.get("iterations", 0))
        self.counts = {k: int(v) for k, v in state.get("counts", {}).items()}
        self.slots = {k: {n: np.array(a) for n, a in s.items()} for k, s in state.get("slots", {}).items()}
        self._scratch = {}
        self._bound = None


class SGD(Optimizer):
    name, description = "sgd", "stochastic gradient descent with optional (Nesterov) momentum"
    PARAMS = (ParamSpec("learning_rate", "float", 0.01, _LR_HELP, min=0.0, exclusive_min=True),
              ParamSpec("momentum", "float", 0.0, N_("fraction of the previous step kept (0 = none)"),
                        min=0.0, max=1.0),
              ParamSpec("nesterov", "bool", False, N_("Nesterov momentum: look ahead along the velocity")),
              _WEIGHT_DECAY, _CLIPNORM)

    def _rule(self, p, g, count, slot, work):
        # torch.optim.SGD, dampening 0:  b <- mu b + g ;  d = g + mu b (nesterov) or b ;  w <- w - lr d
        d = self._decayed(p, g, work)
        if self.momentum:
            buf = slot("momentum_buffer")
            if count == 1:
                np.copyto(buf, d)
            else:
                buf *= self.momentum
                buf += d
            if self.nesterov:
                look = np.multiply(buf, self.momentum, out=work())
                look += d
                d = look
            else:
                d = buf
        return np.multiply(d, self.learning_rate, out=work())


class Adam(Optimizer):
    name, description = "adam", "adaptive moments (Kingma & Ba), torch.optim.Adam"
    PARAMS = (ParamSpec("learning_rate", "float", 0.001, _LR_HELP, min=0.0, exclusive_min=True),
              ParamSpec("beta_1", "float", 0.9, N_("decay of the running mean of gradients"), min=0.0, max=1.0),
              ParamSpec("beta_2", "float", 0.999, N_("decay of the running mean of squared gradients"),
                        min=0.0, max=1.0),
              ParamSpec("epsilon", "float", 1e-8, N_("added to sqrt(v_hat) to avoid division by zero"), min=0.0),
              _WEIGHT_DECAY, _CLIPNORM)
    decoupled = False

    def _rule(self, p, g, count, slot, work):
        # m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
        # w <- w - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)   (torch's epsilon placement)
        # (torch writes the first as m.lerp_(g, 1 - b1) = m + (1 - b1)(g - m): the same up to rounding, and
        # scaling m in place spares a two-input pass over the whole parameter vector)
        if not self.decoupled:  # AdamW decays the weights instead, in _apply
            g = self._decayed(p, g, work)
        m = slot("exp_avg")
        v = slot("exp_avg_sq")
        tmp = work()
        m *= self.beta_1
        np.multiply(g, 1 - self.beta_1, out=tmp)
        m += tmp
        v *= self.beta_2
        np.square(g, out=tmp)  # g * g, bit for bit, a faster loop
        tmp *= 1 - self.beta_2
        v += tmp
        # the scalars are folded so the update is 5 passes: w -= m / ((sqrt(v) / c2 + eps) / step_size)
        step_size = self.learning_rate / (1 - self.beta_1 ** count)
        c2 = math.sqrt(1 - self.beta_2 ** count)
        np.sqrt(v, out=tmp)
        tmp *= 1.0 / (c2 * step_size)
        tmp += self.epsilon / step_size
        return np.divide(m, tmp, out=tmp)

    def _apply(self, p, delta):
        if self.decoupled:  # AdamW: w <- w (1 - lr wd) - delta (delta does not depend on w: torch's order)
            p *= 1 - self.learning_rate * self.weight_decay
        p -= delta


class AdamW(Adam):
    name, description = "adamw", "Adam with decoupled weight decay, torch.optim.AdamW"
    PARAMS = tuple(s if s.name != "weight_decay" else
                   ParamSpec("weight_decay", "float", 0.01, N_("decoupled decay: w <- w (1 - lr wd) each step"),
                             min=0.0) for s in Adam.PARAMS)
    decoupled = True


class RMSprop(Optimizer):
    name, description = "rmsprop", "divide by a running RMS of the gradients, torch.optim.RMSprop"
    PARAMS = (ParamSpec("learning_rate", "float", 0.01, _LR_HELP, min=0.0, exclusive_min=True),
              ParamSpec("rho", "float", 0.99, N_("decay of the running mean of squared gradients (torch alpha)"),
                        min=0.0, max=1.0),
              ParamSpec("epsilon", "float", 1e-8, N_("added to the RMS to avoid division by zero"), min=0.0),
              ParamSpec("momentum", "float", 0.0, N_("momentum on the scaled step"), min=0.0, max=1.0),
              _WEIGHT_DECAY, _CLIPNORM)

    def _rule(self, p, g, count, slot, work):
        # s <- rho s + (1 - rho) g^2;  u = g / (sqrt(s) + eps);  w <- w - lr (b <- mu b + u, or u)
        g = self._decayed(p, g, work)
        s = slot("square_avg")
        tmp = work()
        s *= self.rho
        np.square(g, out=tmp)  # g * g, bit for bit, a faster loop
        tmp *= 1 - self.rho
        s += tmp
        np.sqrt(s, out=tmp)
        tmp += self.epsilon
        np.divide(g, tmp, out=tmp)
        if self.momentum:
            buf = slot("momentum_buffer")
            buf *= self.momentum
            buf += tmp
            np.multiply(buf, self.learning_rate, out=tmp)
        else:
            tmp *= self.learning_rate
        return tmp


class Adagrad(Optimizer):
    name, description = "adagrad", "divide by the root of all past squared gradients, torch.optim.Adagrad"
    PARAMS = (ParamSpec("learning_rate", "float", 0.01, _LR_HELP, min=0.0, exclusive_min=True),
              ParamSpec("initial_accumulator_value", "float", 0.0, N_("starting value of the sum of g^2"),
                        min=0.0),
              ParamSpec("epsilon", "float", 1e-10, N_("added to sqrt(sum) to avoid division by zero"), min=0.0),
              _WEIGHT_DECAY, _CLIPNORM)

    def _rule(self, p, g, count, slot, work):
        # S <- S + g^2;  w <- w - lr g / (sqrt(S) + eps)
        g = self._decayed(p, g, work)
        s = slot("sum", self.initial_accumulator_value)
        tmp = work()
        np.square(g, out=tmp)  # g * g, bit for bit, a faster loop
        s += tmp
        np.sqrt(s, out=tmp)
        tmp += self.epsilon
        np.divide(g, tmp, out=tmp)
        tmp *= self.learning_rate
        return tmp


class Perceptron(Optimizer):
    name = "perceptron"
    description = "the classic per-sample rule w <- w + lr (y - y_hat) x, for one Dense layer with step/sign"
    PARAMS = (ParamSpec("learning_rate", "float", 1.0, N_("size of each correction"), min=0.0,
                        exclusive_min=True),)
    per_sample_rule = True
    clipnorm = None
    flat_rule = False

    def step(self, params, grads, closure=None):
        raise RuntimeError(_("The perceptron rule is applied per sample by the training loop, not by step()."))


def _cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=None):
    # minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to bounds (torch's port of
    # polyinterp.lua); the midpoint when the cubic has no minimum
    xmin_bound, xmax_bound = bounds if bounds is not None else ((x1, x2) if x1 <= x2 else (x2, x1))
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 ** 2 - g1 * g2
    if d2_square >= 0:
        d2 = math.sqrt(d2_square)
        if x1 <= x2:
            min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(min_pos, xmin_bound), xmax_bound)
    return (xmin_bound + xmax_bound) / 2.0


def _strong_wolfe(obj_func, t, d, f, g, gtd, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25):
    """Line search for a step t meeting the strong Wolfe conditions; a line-by-line port of torch's."""
    d_norm = float(np.abs(d).max())
    g = g.copy()
    f_new, g_new = obj_func(t, d)
    ls_func_evals = 1
    gtd_new = float(g_new @ d)

    # bracket an interval containing a point satisfying the Wolfe criteria
    t_prev, f_prev, g_prev, gtd_prev = 0.0, f, g, gtd
    done = False
    ls_iter = 0
    while ls_iter < max_ls:
        if f_new > (f + c1 * t * gtd) or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new.copy()], [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        if gtd_new >= 0:
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new.copy()], [gtd_prev, gtd_new]
            break
        # extrapolate
        min_step = t + 0.01 * (t - t_prev)
        max_step = t * 10
        tmp = t
        t = _cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(min_step, max_step))
        t_prev, f_prev, g_prev, gtd_prev = tmp, f_new, g_new.copy(), gtd_new
        f_new, g_new = obj_func(t, d)
        ls_func_evals += 1
        gtd_new = float(g_new @ d)
        ls_iter += 1

    if ls_iter == max_ls:
        bracket, bracket_f, bracket_g = [0.0, t], [f, f_new], [g, g_new]

    # zoom: shrink the bracket until a point satisfies the conditions
    insuf_progress = False
    low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = _cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0],
                               bracket[1], bracket_f[1], bracket_gtd[1])
        # keep t at least 10% of the bracket away from its ends when progress is poor
        eps = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < eps:
            if insuf_progress or t >= max(bracket) or t <= min(bracket):
                t = max(bracket) - eps if abs(t - max(bracket)) < abs(t - min(bracket)) else min(bracket) + eps
                insuf_progress = False
            else:
                insuf_progress = True
        else:
            insuf_progress = False

        f_new, g_new = obj_func(t, d)
        ls_func_evals += 1
        gtd_new = float(g_new @ d)
        ls_iter += 1

        if f_new > (f + c1 * t * gtd) or f_new >= bracket_f[low_pos]:
            # Armijo condition not met, or not lower than the lowest point: new high end
            bracket[high_pos], bracket_f[high_pos] = t, f_new
            bracket_g[high_pos], bracket_gtd[high_pos] = g_new.copy(), gtd_new
            low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0:
                bracket[high_pos], bracket_f[high_pos] = bracket[low_pos], bracket_f[low_pos]
                bracket_g[high_pos], bracket_gtd[high_pos] = bracket_g[low_pos], bracket_gtd[low_pos]
            bracket[low_pos], bracket_f[low_pos] = t, f_new
            bracket_g[low_pos], bracket_gtd[low_pos] = g_new.copy(), gtd_new

    return bracket_f[low_pos], bracket_g[low_pos], bracket[low_pos], ls_func_evals


class LBFGS(Optimizer):
    name = "lbfgs"
    description = "limited-memory BFGS quasi-Newton method for full-batch training, torch.optim.LBFGS"
    PARAMS = (ParamSpec("learning_rate", "float", 1.0, N_("initial step length of each iteration"), min=0.0,
                        exclusive_min=True),
              ParamSpec("max_iter", "int", 20, N_("iterations per step() call"), min=1),
              ParamSpec("history_size", "int", 100, N_("number of past updates remembered"), min=1),
              ParamSpec("tolerance_grad", "float", 1e-7, N_("stop when every |gradient| is below this"), min=0.0),
              ParamSpec("tolerance_change", "float", 1e-9, N_("stop when loss or weights change less"), min=0.0),
              ParamSpec("line_search", "choice", "strong_wolfe", N_("strong_wolfe, or None for fixed steps"),
                        choices=("strong_wolfe", None)),
              _CLIPNORM)
    needs_closure = True
    flat_rule = False
    _STATE_ARRAYS = ("d", "prev_flat_grad", "old_dirs", "old_stps", "ro")
    _STATE_NUMBERS = ("t", "H_diag", "prev_loss", "func_evals", "n_iter")

    def __init__(self, **params):
        super().__init__(**params)
        self.lbfgs: dict[str, Any] = {"func_evals": 0, "n_iter": 0}
        self._keys: list[str] | None = None  # parameter order of the last step (None: not known)

    # flat views over the parameter dict, in its key order
    def _flat_grad(self, keys, grads: Arrays) -> np.ndarray:
        missing = [k for k in keys if k not in grads]
        if missing:
            raise ValueError(_("Optimizer 'lbfgs': the closure returned no gradient for '{key}'.")
                             .format(key=missing[0]))
        return np.concatenate([self._clipped(k, grads[k]).ravel() for k in keys])

    @staticmethod
    def _add(params: Arrays, t: float, d: np.ndarray) -> None:
        offset = 0
        for p in params.values():
            p += t * d[offset:offset + p.size].reshape(p.shape)
            offset += p.size

    def step(self, params: Arrays, grads: Arrays | None = None, closure: Callable | None = None):
        """Up to ``max_iter`` L-BFGS iterations (torch.optim.LBFGS.step); returns the loss at the start."""
        if closure is None:
            raise ValueError(_("Optimizer 'lbfgs' needs a closure that returns (loss, grads) at the current "
                               "weights, because it evaluates the loss several times per step."))
        self.iterations += 1
        keys = list(params)
        size = sum(p.size for p in params.values())
        if self.lbfgs.get("d") is not None and (self.lbfgs["d"].size != size
                                              or self._keys not in (None, keys)):
            self.lbfgs = {"func_evals": 0, "n_iter": 0}  # the network changed: its curvature history is void
        self._keys = keys
        lr, max_iter, history_size = self.learning_rate, int(self.max_iter), int(self.history_size)
        tolerance_grad, tolerance_change = self.tolerance_grad, self.tolerance_change
        max_eval = max_iter * 5 // 4
        state = self.lbfgs

        def evaluate():
            loss, g = closure()
            return float(loss), self._flat_grad(keys, g)

        orig_loss, flat_grad = evaluate()
        loss = orig_loss
        current_evals = 1
        state["func_evals"] += 1
        if np.abs(flat_grad).max() <= tolerance_grad:
            return orig_loss

        d, t = state.get("d"), state.get("t")
        old_dirs, old_stps, ro = state.get("old_dirs"), state.get("old_stps"), state.get("ro")
        h_diag, prev_flat_grad, prev_loss = state.get("H_diag"), state.get("prev_flat_grad"), state.get("prev_loss")

        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            state["n_iter"] += 1
            # direction: -H g by the two-loop recursion over the stored (s, y) pairs
            if state["n_iter"] == 1:
                d = -flat_grad
                old_dirs, old_stps, ro = [], [], []
                h_diag = 1.0
            else:
                y = flat_grad - prev_flat_grad
                s = d * t
                ys = float(y @ s)
                if ys > 1e-10:  # keep only pairs with positive curvature
                    if len(old_dirs) == history_size:
                        old_dirs.pop(0)
                        old_stps.pop(0)
                        ro.pop(0)
                    old_dirs.append(y)
                    old_stps.append(s)
                    ro.append(1.0 / ys)
                    h_diag = ys / float(y @ y)
                num_old = len(old_dirs)
                al = [0.0] * num_old
                q = -flat_grad
                for i in range(num_old - 1, -1, -1):
                    al[i] = float(old_stps[i] @ q) * ro[i]
                    q += -al[i] * old_dirs[i]
                d = r = q * h_diag
                for i in range(num_old):
                    be_i = float(old_dirs[i] @ r) * ro[i]
                    r += (al[i] - be_i) * old_stps[i]

            prev_flat_grad = flat_grad.copy()
            prev_loss = loss
            # first iteration ever: a cautious step, as torch
            t = min(1.0, 1.0 / float(np.abs(flat_grad).sum())) * lr if state["n_iter"] == 1 else lr
            gtd = float(flat_grad @ d)
            if gtd > -tolerance_change:
                break  # not a descent direction any more

            ls_func_evals = 0
            if self.line_search is not None:
                x_init = {k: p.copy() for k, p in params.items()}

                def obj_func(step_t, direction):
                    self._add(params, step_t, direction)
                    result = evaluate()
                    for k, p in params.items():
                        np.copyto(p, x_init[k])
                    return result

                loss, flat_grad, t, ls_func_evals = _strong_wolfe(obj_func, t, d, loss, flat_grad, gtd,
                                                                  max_ls=max_eval - current_evals)
                self._add(params, t, d)
                opt_cond = np.abs(flat_grad).max() <= tolerance_grad
            else:
                self._add(params, t, d)
                opt_cond = False
                if n_iter != max_iter:
                    loss, flat_grad = evaluate()
                    opt_cond = np.abs(flat_grad).max() <= tolerance_grad
                    ls_func_evals = 1
            current_evals += ls_func_evals
            state["func_evals"] += ls_func_evals

            if (n_iter == max_iter or current_evals >= max_eval or opt_cond
                    or np.abs(d * t).max() <= tolerance_change or abs(loss - prev_loss) < tolerance_change):
                break

        state.update(d=d, t=t, old_dirs=old_dirs, old_stps=old_stps, ro=ro, H_diag=h_diag,
                     prev_flat_grad=prev_flat_grad, prev_loss=prev_loss)
        return orig_loss

    def state_dict(self) -> dict:
        out = {"name": self.name, "iterations": self.iterations}
        st = self.lbfgs
        for k in self._STATE_NUMBERS:
            if st.get(k) is not None:
                out[k] = float(st[k]) if k not in ("func_evals", "n_iter") else int(st[k])
        for k in ("d", "prev_flat_grad"):
            if st.get(k) is not None:
                out[k] = st[k].copy()
        if st.get("old_dirs") is not None:  # the history as (k, n) matrices
            n = 0 if st.get("d") is None else st["d"].size
            out["old_dirs"] = np.array(st["old_dirs"]).reshape(-1, n)
            out["old_stps"] = np.array(st["old_stps"]).reshape(-1, n)
            out["ro"] = np.array(st["ro"], dtype=np.float64)
        return out

    def load_state_dict(self, state: dict) -> None:
        if state.get("name", self.name) != self.name:
            raise ValueError(_("Cannot load the state of a '{saved}' optimizer into '{name}'.")
                             .format(saved=state["name"], name=self.name))
        self.iterations = int(state.get("iterations", 0))
        st: dict[str, Any] = {"func_evals": int(state.get("func_evals", 0)), "n_iter": int(state.get("n_iter", 0))}
        for k in ("t", "H_diag", "prev_loss"):
            if k in state:
                st[k] = float(state[k])
        for k in ("d", "prev_flat_grad"):
            if k in state:
                st[k] = np.array(state[k])
        if "old_dirs" in state:
            st["old_dirs"] = [np.array(r) for r in state["old_dirs"]]
            st["old_stps"] = [np.array(r) for r in state["old_stps"]]
            st["ro"] = [float(r) for r in state["ro"]]
        self.lbfgs = st
        self._keys = None


_CLASSES = (SGD, Adam, AdamW, RMSprop, Adagrad, LBFGS, Perceptron)
_REGISTRY: dict[str, type[Optimizer]] = {c.name: c for c in _CLASSES}
_ALIASES = {"l-bfgs": "lbfgs", "l_bfgs": "lbfgs", "rms_prop": "rmsprop"}


def names() -> list[str]:
    """Canonical optimizer names (aliases resolve but are not listed)."""
    return list(_REGISTRY)


def param_specs(name: str) -> list[ParamSpec]:
    """The parameters of optimizer ``name`` (the GUI builds its optimizer panel from these)."""
    return list(lookup(name, _REGISTRY, _ALIASES, "optimizer").PARAMS)


def get(identifier: Any) -> Optimizer:
    """An Optimizer from a name, a ``{"name": ..., **params}`` dict or an instance (returned as is)."""
    if isinstance(identifier, Optimizer):
        return identifier
    name, given = split_identifier(identifier, "optimizer", "adam")
    cls = lookup(name, _REGISTRY, _ALIASES, "optimizer")
    values = check_params(cls.PARAMS, given, _("Optimizer '{name}'").format(name=cls.name))
    # torch refuses these combinations too
    if values.get("nesterov") and not values.get("momentum"):
        raise SpecError(_("Optimizer 'sgd' parameter 'nesterov' needs momentum > 0 (Nesterov is a "
                          "kind of momentum)."),
                        param="nesterov")
    for beta in ("beta_1", "beta_2"):
        if values.get(beta, 0.0) >= 1.0:
            raise SpecError(_("Optimizer '{name}' parameter '{beta}' must be below 1, not {values!r}.")
                            .format(name=cls.name, beta=beta, values=values[beta]), param=beta)
    return cls(**values)
