"""Save and load time of a 10-million-parameter project (the issue asks for < 1 s each), with a kept run of
a small network holding 50 weight snapshots (format 2, issue #16 asks for the same < 1 s).

Run: python benchmarks/project.py [--params 10_000_000] [--snapshots 50] [--repeat 3]
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


def add_small_run(project: Project, snapshots: int) -> None:
    """Keep a run of a small network (2-16-16-1, 337 parameters) with ``snapshots`` weight snapshots."""
    from nnstudio.engine.network import Network
    from nnstudio.project.rewind import Snapshots
    from nnstudio.project.runs import Run, RunInfo, RunSettings

    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                      {"id": "a", "type": "Dense", "params": {"units": 16, "activation": "tanh"}},
                      {"id": "b", "type": "Dense", "params": {"units": 16, "activation": "tanh"}},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
            "edges": [["x", "a"], ["a", "b"], ["b", "y"]]}
    kept = Snapshots()
    for epoch in range(snapshots):
        kept.add(epoch, Network.from_config(spec, seed=epoch).get_weights())
    weights = kept.get(snapshots - 1) if snapshots else Network.from_config(spec, seed=0).get_weights()
    info = RunInfo(id="run-0", name="small", settings=RunSettings(spec, project.data, project.training))
    project.runs.append(Run(info=info, history={"loss": [1.0] * snapshots}, weights=weights, snapshots=kept))


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
    parser.add_argument("--snapshots", type=int, default=50, help="snapshots in a kept run of a small network")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = big_project(args.params)
    if args.snapshots:
        add_small_run(project, args.snapshots)
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
    kept = (f", a kept run with {args.snapshots} snapshots of a 337-parameter network" if args.snapshots
            else "")
    print(f"project: {count:,} parameters (float32){kept}, file {size / 1e6:.1f} MB")
    for name, times in (("save (atomic, fsync)", saves), ("load (checked)", loads),
                        ("  of which: read zip members", raw), ("  of which: parse npz", npz)):
        print(f"{name:<30} best {min(times):.3f} s   median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
