"""Save and load time of a 10-million-parameter project (the issue asks for < 1 s each).

Run: python benchmarks/project.py [--params 10_000_000] [--repeat 3]
Prints the best and median of several runs, the file size, and where the time of a load goes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from nnstudio.project import Project, load


def big_project(n_params: int) -> Project:
    # Input(1000) -> Dense(units) -> Dense(10): the first kernel dominates the count.
    units = max(1, n_params // 1001)
    project = Project.new("benchmark")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [1000]}},
                              {"id": "h", "type": "Dense", "params": {"units": units, "activation": "relu"}},
                              {"id": "y", "type": "Dense", "params": {"units": 10, "activation": "softmax"}}],
                    "edges": [["x", "h"], ["h", "y"]]}
    project.weights = project.network().get_weights()
    project.history = {"loss": [1.0 / (i + 1) for i in range(1000)]}
    return project


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = big_project(args.params)
    count = sum(a.size for p in project.weights.values() for a in p.values())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.nnproj"
        saves = timed(lambda: project.save(path), args.repeat)
        loads = timed(lambda: load(path), args.repeat)
        size = path.stat().st_size
        from nnstudio.project.archive import read_npz, read_zip
        raw = timed(lambda: read_zip(path, label="bench"), args.repeat)
        members = read_zip(path, label="bench")
        npz = timed(lambda: read_npz(members["weights.npz"], label="bench"), args.repeat)
    print(f"project: {count:,} parameters (float32), file {size / 1e6:.1f} MB")
    for name, times in (("save (atomic, fsync)", saves), ("load (checked)", loads),
                        ("  of which: read zip members", raw), ("  of which: parse npz", npz)):
        print(f"{name:<30} best {min(times):.3f} s   median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
