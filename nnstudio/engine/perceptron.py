"""The perceptron rule one sample at a time, as ``fit`` applies it, for a view that steps through it.

``rule_step`` is the rule on one sample: ŷ = act(x·W + b), then w ← w + η(t − ŷ)x and b ← b + η(t − ŷ), in
place. ``PerceptronWalk`` visits the samples in the order ``fit(seed=seed)`` visits them and remembers every
step, so a view can go forward, back and count mistakes per epoch; n steps of it end on ``fit``'s weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .training import _perceptron_layer, _perceptron_targets


@dataclass
class RuleStep:
    epoch: int              # counted from 0
    position: int           # place of the sample within its epoch
    index: int              # the sample's row in X
    x: np.ndarray
    target: np.ndarray      # t (for sign: -1/+1)
    z: np.ndarray           # x·W + b
    y_hat: np.ndarray       # act(z)
    error: np.ndarray       # t − ŷ
    kernel_before: np.ndarray
    bias_before: np.ndarray | None
    kernel_after: np.ndarray
    bias_after: np.ndarray | None

    @property
    def wrong(self) -> bool:
        return bool(np.any(self.error != 0))


def rule_step(kernel: np.ndarray, bias: np.ndarray | None, x: np.ndarray, t: np.ndarray, activation,
              learning_rate: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One sample of the rule, updating ``kernel`` and ``bias`` in place: (z, ŷ, t − ŷ). The same operations
    in the same order as ``fit``'s perceptron loop, so the weights agree to the last bit."""
    z = x @ kernel + bias if bias is not None else x @ kernel
    y_hat = activation.forward(z)
    diff = t - y_hat
    if np.any(diff != 0):
        kernel += (learning_rate * np.outer(x, diff)).astype(kernel.dtype)    # w <- w + lr (t - y_hat) x
        if bias is not None:
            bias += (learning_rate * diff).astype(bias.dtype)                  # b <- b + lr (t - y_hat)
    return z, y_hat, diff


class PerceptronWalk:
    """Steps the rule through (X, y) on ``net``'s own weights, sample by sample, in ``fit``'s order.

    ``shuffle`` and ``seed`` as ``fit``'s (seed None: the network's own shuffling generator). SpecError (one
    sentence) when the network is not one Dense layer with a step or sign activation."""

    def __init__(self, net, X, y, learning_rate: float = 1.0, shuffle: bool = True, seed: int | None = 0):
        layer, act = _perceptron_layer(net)
        self.net = net
        self.activation = layer.activation
        self.X = net._as_input(X)
        self.t = _perceptron_targets(np.asarray(y), act).reshape(len(self.X), -1)
        params = net._params[layer.node_id]
        self.kernel, self.bias = params["kernel"], params.get("bias")
        self.learning_rate = float(learning_rate)
        self.shuffle = shuffle
        self._rng = np.random.default_rng(seed) if seed is not None else net.shuffle_rng
        self._orders: list[np.ndarray] = []    # each epoch's visiting order, drawn once (back then forward
        self.steps: list[RuleStep] = []         # replays the same samples)

    @property
    def n(self) -> int:
        return len(self.X)

    @property
    def epoch(self) -> int:
        """The epoch the next step belongs to."""
        return len(self.steps) // self.n

    def order(self, epoch: int) -> np.ndarray:
        while len(self._orders) <= epoch:
            self._orders.append(self._rng.permutation(self.n) if self.shuffle else np.arange(self.n))
        return self._orders[epoch]

    def next_index(self) -> int:
        return int(self.order(self.epoch)[len(self.steps) % self.n])

    def step(self) -> RuleStep:
        epoch, position = self.epoch, len(self.steps) % self.n
        i = self.next_index()
        W, b = self.kernel, self.bias
        before = (W.copy(), None if b is None else b.copy())
        z, y_hat, diff = rule_step(W, b, self.X[i], self.t[i], self.activation, self.learning_rate)
        s = RuleStep(epoch, position, i, self.X[i].copy(), self.t[i].copy(), np.asarray(z), np.asarray(y_hat),
                     np.asarray(diff), before[0], before[1], W.copy(), None if b is None else b.copy())
        self.steps.append(s)
        self.net.step_count += 1
        return s

    def back(self) -> RuleStep | None:
        """Undo the latest step (the weights go back to what they were before it); None at the start."""
        if not self.steps:
            return None
        s = self.steps.pop()
        self.kernel[...] = s.kernel_before
        if self.bias is not None:
            self.bias[...] = s.bias_before
        self.net.step_count -= 1
        return s

    def run_epoch(self) -> list[RuleStep]:
        """The steps up to the end of the current epoch."""
        out = [self.step()]
        while len(self.steps) % self.n:
            out.append(self.step())
        return out

    def mistakes_per_epoch(self) -> list[int]:
        """Mistakes of each epoch begun so far (the last may be unfinished)."""
        counts = [0] * (self.epoch + (1 if len(self.steps) % self.n else 0))
        for s in self.steps:
            counts[s.epoch] += s.wrong
        return counts

    def settled(self) -> bool:
        """A whole epoch went by without a mistake: the rule will never change the weights again."""
        done = len(self.steps) // self.n
        return any(c == 0 for c in self.mistakes_per_epoch()[:done])
