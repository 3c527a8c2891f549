"""Peak memory of loading data, headless, as a multiple of the data's own size (#20 item 8, #15). Prints
figures; asserts nothing (tests/data/test_memory.py holds generous bounds).

    python benchmarks/data_memory.py [--csv-mb 200] [--mnist 60000] [--only csv|save|open|prepare]

Each scenario runs in a fresh process, so its peak is its own. "peak" is the process's peak resident memory
above what it held just before the scenario (Linux: /proc/self/status VmHWM, reset through
/proc/self/clear_refs), "x data" that peak divided by the data's size: the loaded features and targets as
float64 for a CSV (what load_csv returns), the images as float32 for MNIST.
- csv: ``load_csv`` of a numeric CSV of about --csv-mb MB (20 columns, the last the target);
- save: ``Project.save`` of a project embedding that CSV, its dataset loaded (as the window holds it);
- open: ``project.load`` of the saved file and ``project.dataset()`` (File > Open's work, without a window);
- prepare: ``runner.prepare`` of the mnist_two_layer sample on a synthetic MNIST of --mnist training images
  (uint8 IDX files written to a temporary NNSTUDIO_DATA_DIR; nothing downloaded).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data_freeze import write_numeric_csv  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
import numpy as np
from nnstudio import data
from nnstudio.project import Project, load, runner

scenario, arg = sys.argv[1], Path(sys.argv[2])

def status_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")

def data_mb(ds, dtype):
    return (ds.X.size + ds.y.size) * np.dtype(dtype).itemsize / 2**20

held = {}
if scenario == "save":
    project = load(arg)
    held["dataset"] = project.dataset()
elif scenario == "prepare":
    project = load(arg)
    held["dataset"] = project.dataset()
reset_peak()
base = status_mb("VmRSS")
start = time.perf_counter()
if scenario == "csv":
    ds = data.load_csv(arg, target="price")
    size = data_mb(ds, np.float64)
elif scenario == "save":
    project.save(arg.with_name("saved-" + arg.name))
    size = data_mb(held["dataset"], np.float64)
elif scenario == "open":
    project = load(arg)
    ds = project.dataset()
    size = data_mb(ds, np.float64)
else:
    prepared = runner.prepare(project, dataset=held["dataset"])
    size = data_mb(held["dataset"], np.float32)
seconds = time.perf_counter() - start
peak = status_mb("VmHWM") - base
print("RESULT " + json.dumps({"scenario": scenario, "seconds": seconds, "peak_mb": peak, "data_mb": size,
                              "multiple": peak / size}), flush=True)
"""


def write_mnist(folder: Path, n_train: int, n_test: int = 10000) -> None:
    """The four gzipped IDX files of MNIST's layout, random pixels (the reader does not check checksums)."""
    import numpy as np
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.data.fixtures_idx import idx_bytes
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        (folder / f"{prefix}-images-idx3-ubyte.gz").write_bytes(
            gzip.compress(idx_bytes(rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)), compresslevel=1))
        (folder / f"{prefix}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(np.arange(n) % 10)))


def run_child(scenario: str, arg: str, env_extra: dict | None = None) -> dict:
    root = str(Path(__file__).resolve().parents[1])      # this checkout's nnstudio, not an installed one
    env = dict(os.environ, PYTHONPATH=root, **(env_extra or {}))
    proc = subprocess.run([sys.executable, "-c", CHILD, scenario, arg], capture_output=True, text=True, env=env,
                          timeout=1800)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{scenario} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv-mb", type=float, default=200.0)
    ap.add_argument("--mnist", type=int, default=60000)
    ap.add_argument("--only", choices=("csv", "save", "open", "prepare"))
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        tmp = Path(tmp)
        if args.only in (None, "csv", "save", "open"):
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from big_project import make_project
            csv = tmp / "big.csv"
            write_numeric_csv(csv, args.csv_mb)
            project = tmp / "big.nnproj"
            make_project(csv, project)
            for scenario, arg in (("csv", csv), ("save", project), ("open", project)):
                if args.only in (None, scenario):
                    results.append(run_child(scenario, str(arg)))
        if args.only in (None, "prepare"):
            write_mnist(tmp / "cache" / "mnist", args.mnist)
            sample = Path(__file__).resolve().parents[1] / "samples" / "mnist_two_layer.nnproj"
            results.append(run_child("prepare", str(sample), {"NNSTUDIO_DATA_DIR": str(tmp / "cache")}))
    for r in results:
        print(f"{r['scenario']:>8}: peak +{r['peak_mb']:.0f} MB = {r['multiple']:.2f} x the data "
              f"({r['data_mb']:.0f} MB), {r['seconds']:.2f} s")


if __name__ == "__main__":
    main()
