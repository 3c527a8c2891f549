"""The least NumPy can do for benchmark (a)'s MLP step: how much of a step stays outside the matrix products
when there is no engine at all (prints, never asserts).

    python benchmarks/numpy_floor.py        # OPENBLAS_NUM_THREADS=1 for the 1-thread figure

One hand-written step of 784-256(relu)-128(relu)-10(softmax), sparse cross-entropy, Adam, batch 128: the
same GEMMs as the engine, then only what any NumPy step must add: the batch gather, bias adds, relu and its
mask, softmax, bias gradients, and Adam in 10 passes over the weights (its moments kept divided by
1 - beta, one pass fewer per moment than the engine's torch-shaped state; no divergence check, no
metrics, no Python around it). engine.py prints its figure next to the engine's, as a floor for the
"outside the GEMMs" share of an element-wise update that NumPy runs one pass at a time on one core.
"""

from __future__ import annotations

import numpy as np

BATCH = 128
SIZES = ((784, 256), (256, 128), (128, 10))


class FloorMLP:
    def __init__(self, seed: int = 0):
        rng = np.random.default_rng(seed)
        total = sum(a * b + b for a, b in SIZES)
        self.p = (rng.normal(size=total) * 0.05).astype(np.float32)
        self.g, self.m, self.v, self.tmp = (np.zeros(total, np.float32) for _ in range(4))
        self.layers, o = [], 0
        for a, b in SIZES:  # kernel then bias, views of the flat vectors as in the engine
            self.layers.append((self.p[o:o + a * b].reshape(a, b), self.p[o + a * b:o + a * b + b],
                                self.g[o:o + a * b].reshape(a, b), self.g[o + a * b:o + a * b + b]))
            o += a * b + b
        self.ones = np.ones(BATCH, np.float32)
        self.rows = np.arange(BATCH)
        self.t = 0
        self.rng = rng

    def step(self, xb, yb):
        (w1, b1, gw1, gb1), (w2, b2, gw2, gb2), (w3, b3, gw3, gb3) = self.layers
        ones, n = self.ones, len(xb)
        a1 = xb @ w1
        a1 += b1
        np.maximum(a1, 0, out=a1)
        a2 = a1 @ w2
        a2 += b2
        np.maximum(a2, 0, out=a2)
        z = a2 @ w3
        z += b3
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        z[self.rows, yb] -= 1  # softmax - onehot
        z /= n
        np.matmul(a2.T, z, out=gw3)
        np.matmul(ones, z, out=gb3)
        d2 = z @ w3.T
        d2 *= a2 > 0
        np.matmul(a1.T, d2, out=gw2)
        np.matmul(ones, d2, out=gb2)
        d1 = d2 @ w2.T
        d1 *= a1 > 0
        np.matmul(xb.T, d1, out=gw1)
        np.matmul(ones, d1, out=gb1)
        # Adam, torch's rule with M = m / (1 - b1), V = v / (1 - b2): M <- b1 M + g, V <- b2 V + g^2
        self.t += 1
        b1_, b2_, lr, eps = 0.9, 0.999, 1e-3, 1e-8
        k = (1 - b2_) ** 0.5 / (1 - b2_ ** self.t) ** 0.5
        s = lr * (1 - b1_) / ((1 - b1_ ** self.t) * k)
        m, v, g, tmp = self.m, self.v, self.g, self.tmp
        m *= b1_
        m += g
        v *= b2_
        np.square(g, out=tmp)
        v += tmp
        np.sqrt(v, out=tmp)
        tmp += eps / k
        np.divide(m, tmp, out=tmp)
        tmp *= s
        self.p -= tmp

    def epoch(self, X, y):
        order = self.rng.permutation(len(X))
        for i in range(0, len(X) - len(X) % BATCH, BATCH):
            sel = order[i:i + BATCH]
            self.step(X.take(sel, axis=0), y.take(sel))
        return len(X) // BATCH

    def gemms(self, X, steps):
        """The step's matrix products alone, as engine.py times the engine's."""
        (w1, _, _, _), (w2, _, _, _), (w3, _, _, _) = self.layers
        xb = X[:BATCH]
        h1, h2, g3 = (np.full((BATCH, k), 0.5, np.float32) for k in (256, 128, 10))
        for _ in range(steps):
            xb @ w1, h1 @ w2, h2 @ w3
            h2.T @ g3, g3 @ w3.T
            h1.T @ h2, h2 @ w2.T
            xb.T @ h1


def floor_figures(X, y, repeats: int = 1) -> tuple[float, float]:
    """(seconds per step, seconds of its GEMMs alone per step), each the best of ``repeats`` epochs."""
    import time
    net = FloorMLP()
    net.epoch(X[:10 * BATCH], y[:10 * BATCH])
    steps = len(X) // BATCH
    step = gemm = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        net.epoch(X, y)
        step = min(step, (time.perf_counter() - t) / steps)
        t = time.perf_counter()
        net.gemms(X, steps)
        gemm = min(gemm, (time.perf_counter() - t) / steps)
    return step, gemm


if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from engine import data
    step, gemm = floor_figures(*data("mlp"), repeats=int(os.environ.get("BENCH_REPEATS", 4)))
    print(f"hand-written NumPy step {step * 1e3:.3f} ms, its GEMMs alone {gemm * 1e3:.3f} ms: outside the GEMMs "
          f"{max(step - gemm, 0) / step:.0%} of a step")
