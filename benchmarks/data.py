"""How fast load_csv reads big files. Prints figures; asserts nothing (speed is not a test).

    python benchmarks/data.py [--rows 100000] [--cols 50] [--repeat 3]

The files are generated into a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from nnstudio import data
from nnstudio.data.errors import NotDownloaded


def _write(path: Path, rows: int, cols: int, kind: str, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    X = np.round(rng.normal(size=(rows, cols - 1)), 6)
    header = [f"f{j}" for j in range(cols - 1)] + ["target"]
    delim = ";" if kind == "semicolon, decimal commas" else ","
    body = np.char.mod("%.6g", X)
    if kind == "semicolon, decimal commas":
        body = np.char.replace(body, ".", ",")
    if kind in ("numbers, text target", "quoted text target", "quoted, a blank line", "quoted, gaps (mean)"):
        target = np.array(["cat", "dog", "eel"])[rng.integers(0, 3, rows)]
        if kind != "numbers, text target":
            target = np.char.add(np.char.add('"', target), ' fish"')
    else:
        target = np.char.mod("%.6g", X @ rng.normal(size=cols - 1))
        if delim == ";":
            target = np.char.replace(target, ".", ",")
    if "gaps" in kind:                      # 1 % of the feature cells missing, written NA
        body[rng.random(body.shape) < 0.01] = "NA"
    lines = [delim.join(header)] + [delim.join(r) for r in np.c_[body, target].tolist()]
    if kind == "trailing delimiter":        # Excel's delimiter at the end of every line
        lines = [ln + delim for ln in lines]
    if "blank line" in kind:
        lines.insert(rows // 2, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--cols", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    kinds = ["all numbers", "numbers, text target", "semicolon, decimal commas", "numbers with gaps (mean)",
             "quoted text target", "a blank line", "quoted, a blank line", "quoted, gaps (mean)",
             "trailing delimiter"]
    print(f"load_csv on {args.rows:,} rows x {args.cols} columns ({args.repeat} runs each; CPU time is the "
          f"process's own, less disturbed by other work on a shared machine)")
    with tempfile.TemporaryDirectory(prefix="nnstudio-bench-") as tmp:
        for kind in kinds:
            path = Path(tmp) / "bench.csv"
            _write(path, args.rows, args.cols, kind)
            size = path.stat().st_size / 1e6
            times, cpu = [], []
            for _ in range(args.repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                ds = data.load_csv(path, missing="mean" if "gaps" in kind else "error")
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            print(f"  {kind:33s} {size:5.1f} MB  wall best {min(times):5.2f} s, median {np.median(times):5.2f} s;"
                  f"  CPU best {min(cpu):5.2f} s  -> {ds.describe()}")
        t0, c0 = time.perf_counter(), time.process_time()
        data.preview_csv(path)
        print(f"  preview_csv of the last file (parses its first lines only): wall {time.perf_counter() - t0:5.2f} s, "
              f"CPU {time.process_time() - c0:5.2f} s")
    for line in builtin_lines():
        print(line)


def builtin_lines() -> list[str]:
    """The time to load every built-in set on this machine; a set fetched on request that is not in the cache
    (tests and CI never download) is one line saying it was skipped and how to get it, not a crash."""
    loaded, skipped, t0 = 0, [], time.perf_counter()
    for name in data.BUILTINS:
        try:
            data.load_builtin(name)
            loaded += 1
        except NotDownloaded:
            skipped.append(f"  {name}: not downloaded, skipped (nnstudio data fetch {name})")
    return [f"{loaded} of {len(data.BUILTINS)} built-in sets: {time.perf_counter() - t0:.2f} s", *skipped]


if __name__ == "__main__":
    main()
