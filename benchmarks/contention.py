"""The course CNN trained by several processes at once: how a busy machine slows a step (prints, never asserts).

    python benchmarks/contention.py            # 2 processes at once, then 1 alone, for both threadings
    python benchmarks/contention.py --procs 3 --steps 12

"engine parts" is what fit does now (engine/halves.py: BLAS on one thread, large products cut into parts);
"BLAS threads" switches those parts off, so that OpenBLAS's own threads do the large products (the engine
before 2026-12-03, stop 32). Each process reports the median of its steps after the first two.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

CHILD = """
import sys, time
import nnstudio
import numpy as np
from nnstudio.engine import Network, halves
halves.enabled = sys.argv[1] == "parts"
steps = int(sys.argv[2])
sys.path.insert(0, sys.argv[3])
from engine import MNIST_CNN
rng = np.random.default_rng(0)
X, y = rng.random((200 * steps, 28, 28, 1), np.float32), rng.integers(0, 10, 200 * steps)
net = Network.from_config(MNIST_CNN, seed=0)
times = []

class Clock:
    def on_batch_begin(self, net, logs):
        self.start = time.perf_counter()

    def on_batch_end(self, net, logs):
        times.append(time.perf_counter() - self.start)

net.fit(X, y, "sparse_categorical_crossentropy", optimizer="adam", epochs=1, batch_size=200, callbacks=[Clock()])
print(f"{np.median(times[2:]) * 1e3:.1f}")
"""


def run(mode: str, procs: int, steps: int) -> list[float]:
    here = os.path.dirname(os.path.abspath(__file__))
    children = [subprocess.Popen([sys.executable, "-c", CHILD, mode, str(steps), here], stdout=subprocess.PIPE,
                                 text=True) for _ in range(procs)]
    return [float(child.communicate()[0]) for child in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; course CNN, batch 200, median ms a step")
    for mode, label in (("parts", "engine parts"), ("blas", "BLAS threads")):
        alone = run(mode, 1, args.steps)
        start = time.perf_counter()
        together = run(mode, args.procs, args.steps)
        wall = time.perf_counter() - start
        print(f"{label:13s} alone {alone[0]:7.1f} | {args.procs} at once "
              + " ".join(f"{t:7.1f}" for t in together) + f"  (all done in {wall:.1f} s)", flush=True)
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
