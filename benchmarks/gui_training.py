"""Live training in the real window against headless training, on the same projects.

For each project this runs

    nnstudio gui PROJECT --train --epochs N --quit-when-done --report report.json   (every view open)
    nnstudio train PROJECT --epochs N --json --out copy.nnproj                       (headless)

in fresh subprocesses (offscreen Qt, empty settings) and prints the GUI report's steps_per_s,
ui_stall_ms_p50/p99/max (lateness of a 10 ms GUI-thread timer while training runs), updates (view
refreshes), and the ratio of GUI to headless throughput, where headless is timed like the window's report:
the same ``runner.prepare``, then ``fit`` start to end (``nnstudio train``'s own figure, which also counts
preparing the data and network, is printed beside it). Targets: p99 stall <= 50 ms, ratio >= 0.85.

Each project trains for about five seconds per run, so the stall percentiles rest on hundreds of timer ticks.
The window and the headless fit run ``--repeat`` times (default 3), interleaved, so a busy moment on a shared
machine hits both; the table gives the median of the per-pair ratios and the median run's stall figures, with
the worst p99 beside it.

    python benchmarks/gui_training.py [--repeat 3] [--only xor,spiral,digits]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnstudio import data  # noqa: E402
from nnstudio.paths import samples_dir  # noqa: E402
from nnstudio.project import Project, load  # noqa: E402


def spiral_project(folder: Path) -> Path:
    """2-16-16-1 (tanh, sigmoid output) on the two-arm spiral: the Playground classic."""
    nodes = [{"id": "x", "type": "Input", "params": {"shape": [2]}, "name": "input", "position": [0.0, 0.0]}]
    edges = []
    prev = "x"
    for i, (nid, units, act) in enumerate((("h1", 16, "tanh"), ("h2", 16, "tanh"), ("out", 1, "sigmoid"))):
        nodes.append({"id": nid, "type": "Dense", "params": {"units": units, "activation": act}, "name": nid,
                      "position": [220.0 * (i + 1), 0.0]})
        edges.append([prev, nid])
        prev = nid
    p = Project(spec={"nodes": nodes, "edges": edges}, title="Spiral")
    p.data["source"] = data.generate("spiral", classes=2, n_samples=400, noise=0.05).source
    p.training.update(epochs=300, batch_size=16, optimizer={"name": "adam", "learning_rate": 0.01})
    path = folder / "spiral.nnproj"
    p.save(path)
    return path


def sample(name: str, folder: Path) -> Path:
    src = samples_dir() / f"{name}.nnproj"
    if not src.is_file():
        raise SystemExit(f"sample {src} is missing: run samples/make_samples.py")
    p = load(src)
    path = folder / src.name
    p.save(path)
    return path


CASES = {  # name -> (project maker, epochs): about five seconds of headless training each
    "xor": (lambda d: sample("xor_hidden_layer", d), 120000),      # 4 samples, one batch per epoch
    "spiral": (spiral_project, 3600),                                # 320 training rows / 16 = 20 batches
    "digits": (lambda d: sample("digits_mlp", d), 1200),            # 1437 training rows / 32 = 45 batches
}


def _env(folder: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(folder / "config"))
    env.setdefault("PYTHONPATH", str(ROOT))
    return env


def gui_run(project: Path, epochs: int, folder: Path) -> dict:
    report = folder / "report.json"
    if report.exists():
        report.unlink()
    cmd = [sys.executable, "-m", "nnstudio.cli", "gui", str(project), "--train", "--epochs", str(epochs),
           "--quit-when-done", "--report", str(report)]
    out = subprocess.run(cmd, env=_env(folder), capture_output=True, text=True, timeout=900)
    if not report.exists():
        raise SystemExit(f"no report from {' '.join(cmd)}:\n{out.stderr[-2000:]}")
    return json.loads(report.read_text())


def headless_run(project: Path, epochs: int, folder: Path) -> dict:
    cmd = [sys.executable, "-m", "nnstudio.cli", "train", str(project), "--epochs", str(epochs), "--json",
           "--out", str(folder / "headless.nnproj")]
    out = subprocess.run(cmd, env=_env(folder), capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


FIT_ONLY = """
import json, sys, time
from nnstudio.project import load, runner
project = load(sys.argv[1])
prepared = runner.prepare(project)
kwargs = dict(prepared.fit_kwargs, epochs=int(sys.argv[2]))
net = prepared.network
before = int(getattr(net, "step_count", 0))
t0 = time.perf_counter()
net.fit(prepared.X, prepared.y, **kwargs)
seconds = time.perf_counter() - t0
steps = int(getattr(net, "step_count", 0)) - before
print(json.dumps({"steps": steps, "seconds": seconds, "steps_per_s": steps / seconds}))
"""


def headless_fit_run(project: Path, epochs: int, folder: Path) -> dict:
    """Headless, timed like the window's report: the same runner.prepare, then fit start to end only (the
    CLI's figure also counts preparing the data and network)."""
    cmd = [sys.executable, "-c", FIT_ONLY, str(project), str(epochs)]
    out = subprocess.run(cmd, env=_env(folder), capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"headless fit failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=",".join(CASES))
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="nnstudio-bench-") as tmp:
        folder = Path(tmp)
        for name in args.only.split(","):
            make, epochs = CASES[name]
            project = make(folder)
            head = headless_run(project, epochs, folder)
            pairs = []
            for _ in range(args.repeat):
                gui = gui_run(project, epochs, folder)
                fit = headless_fit_run(project, epochs, folder)
                pairs.append((gui["steps_per_s"] / fit["steps_per_s"], gui, fit))
            pairs.sort(key=lambda p: p[0])
            ratio, gui, fit = pairs[len(pairs) // 2]
            worst_p99 = max((p[1]["ui_stall_ms_p99"] or 0.0) for p in pairs)
            rows.append((name, epochs, gui["steps"], head["steps_per_s"], fit["steps_per_s"], gui["steps_per_s"],
                         ratio, gui["ui_stall_ms_p50"], gui["ui_stall_ms_p99"], worst_p99, gui["ui_stall_ms_max"],
                         gui["ui_ticks"], gui["updates"], gui["seconds"]))
            print(f"{name}: ratios {', '.join(f'{p[0]:.2f}' for p in pairs)}; p99 "
                  f"{', '.join(str(p[1]['ui_stall_ms_p99']) for p in pairs)} ms", flush=True)
    print(f"{'project':8} {'epochs':>6} {'steps':>7} {'cli/s':>8} {'fit/s':>8} {'gui/s':>8} {'ratio':>6} "
          f"{'stall p50':>9} {'p99':>8} {'worst p99':>9} {'max':>8} {'ticks':>6} {'updates':>7} {'seconds':>7}")
    for r in rows:
        print(f"{r[0]:8} {r[1]:6d} {r[2]:7d} {r[3]:8.0f} {r[4]:8.0f} {r[5]:8.0f} {r[6]:6.2f} {r[7]:7.1f}ms "
              f"{r[8]:6.1f}ms {r[9]:7.1f}ms {r[10]:6.1f}ms {r[11]:6d} {r[12]:7d} {r[13]:7.2f}")
    print("cli/s: `nnstudio train --json` (its time includes preparing data and network); fit/s: the same "
          "runner.prepare, fit timed alone (like the window's report); ratio = gui/s / fit/s of the same pair")
    print(f"(median of {args.repeat} interleaved window/headless pairs; machine: {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
