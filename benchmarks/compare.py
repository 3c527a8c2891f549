"""A 3x3 grid of spiral variants: `nnstudio compare` against 9 sequential `nnstudio train` runs.

    nnstudio train COPY_i --epochs N --json      for each of the 9 settings (a fresh process each, as a student
                                                 would run them one after another)
    nnstudio compare SPIRAL --vary training.batch_size=8,32,null
                            --vary training.optimizer.learning_rate=0.1,0.03,0.01 --epochs N --jobs J

    python benchmarks/window_variants.py SPIRAL --epochs N     the same grid from the window's Compare variants
                                                               dialog, with the GUI stall meter

in fresh subprocesses; wall time of each whole command (the window's: from the first variant's start to the last
one kept), best and median of ``--repeat`` rounds (the rounds interleave the ways, as this shared machine's
speed drifts), and the window's GUI stall p99 (target <= 16 ms) while the variants train. Target: compare /
sequential <= 1.0; and whether --jobs 2 (two processes on two cores) beats --jobs 1.

    python benchmarks/compare.py [--epochs 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPIRAL = ROOT / "samples" / "spiral.nnproj"
BATCH = ("8", "32", "null")
RATE = ("0.1", "0.03", "0.01")


def _run(argv: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nnstudio.cli", *argv], check=True, env=env, capture_output=True,
                   timeout=900)
    return time.perf_counter() - start


def sequential(tmp: Path, epochs: int) -> float:
    sys.path.insert(0, str(ROOT))
    from nnstudio.project import load

    total = 0.0
    for i, (batch, rate) in enumerate(itertools.product(BATCH, RATE)):
        project = load(SPIRAL)
        project.training["batch_size"] = json.loads(batch)
        project.training["optimizer"]["learning_rate"] = json.loads(rate)
        path = project.save(tmp / f"seq{i}.nnproj")
        total += _run(["train", str(path), "--epochs", str(epochs), "--json"])
    return total


def compared(tmp: Path, epochs: int, jobs: int) -> float:
    return _run(["compare", str(SPIRAL), "--vary", "training.batch_size=" + ",".join(BATCH),
                 "--vary", "training.optimizer.learning_rate=" + ",".join(RATE), "--epochs", str(epochs),
                 "--jobs", str(jobs), "--json", "--out", str(tmp / f"compare{jobs}.nnproj")])


def in_window(epochs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "window_variants.py"), str(SPIRAL),
                          "--epochs", str(epochs), "--batch", ",".join(BATCH), "--rate", ",".join(RATE)],
                         check=True, env=env, capture_output=True, text=True, timeout=900)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-cli", action="store_true", help="only the window against 9 x nnstudio train")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"9 x nnstudio train": [], "window dialog": []}
    if not args.skip_cli:
        times.update({"compare --jobs 1": [], "compare --jobs 2": []})
    stalls = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            times["9 x nnstudio train"].append(sequential(Path(tmp), args.epochs))
            if not args.skip_cli:
                times["compare --jobs 1"].append(compared(Path(tmp), args.epochs, 1))
                times["compare --jobs 2"].append(compared(Path(tmp), args.epochs, 2))
            window = in_window(args.epochs)
            times["window dialog"].append(window["seconds"])
            stalls.append(window)
    base = statistics.median(times["9 x nnstudio train"])
    print(f"3x3 spiral grid (batch {', '.join(BATCH)} x learning rate {', '.join(RATE)}), {args.epochs} epochs "
          f"each, {os.cpu_count()} cores")
    for name, values in times.items():
        print(f"{name:<20} best {min(values):6.2f} s   median {statistics.median(values):6.2f} s   "
              f"ratio {statistics.median(values) / base:.2f}")
    print("window GUI stall while the variants train: p99 " + ", ".join(f"{w['ui_stall_ms_p99']}" for w in stalls)
          + " ms (worst " + f"{max(w['ui_stall_ms_max'] for w in stalls)} ms max; Python probe p99 "
          + ", ".join(f"{w['ui_stall_ms_p99_python']}" for w in stalls) + " ms)")


if __name__ == "__main__":
    main()
