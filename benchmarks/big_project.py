"""How long the window's GUI thread stands still while it saves and opens a project with a large embedded CSV
(#20 item 8). Prints figures; asserts nothing (speed is a benchmark, not a test).

    python benchmarks/big_project.py [--csv-mb 200] [--only save|open]

A numeric CSV of about --csv-mb MB is written to a temporary folder under /tmp (deleted afterwards) and
embedded in a project file there (outside any window, not timed). Then, each in a fresh process (offscreen Qt)
so its peak memory is its own:
- open: a main window (training panels included) opens the project with File ▸ Open's code path, until its
  data is shown;
- save: a window holding that project saves it under a new name with File ▸ Save As's code path.
"Freeze" is the longest gap between two ticks of a 10 ms QTimer on the GUI thread while the scenario runs;
"peak" is the process's peak resident memory above what it held just before the scenario started (Linux:
/proc/self/status, its peak reset through /proc/self/clear_refs).
"""

from __future__ import annotations

import argparse
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
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from nnstudio.gui import app as studio
from nnstudio.gui.main_window import MainWindow
from nnstudio.project import load

scenario, path = sys.argv[1], Path(sys.argv[2])
application = studio.application()
QMessageBox.critical = staticmethod(lambda *a, **k: print("DIALOG", a[1:3], flush=True))
window = MainWindow()
if scenario == "save":
    window.files.open_path(path, ask=False)
    window.mark_modified()
window.resize(1400, 900)
window.show()
for _ in range(20):
    application.processEvents()
    time.sleep(0.01)

def status_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

def reset_peak():
    # Linux: "5" resets the peak resident size to the current one, so the peak is this scenario's own
    # (the save scenario has opened the project first, which peaks higher)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")

ticks = []
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
state = {"done": False}

def run():
    if scenario == "open":
        state["ok"] = window.files.open_path(path, ask=False)
        ds = window.training.data_panel.dataset
        state["loaded"] = ds.describe() if ds is not None else None
        state["data_mb"] = (ds.X.size + ds.y.size) * 8 / 2**20 if ds is not None else None   # as float64
    else:
        target = path.with_name("saved-" + path.name)
        state["ok"] = window.files.save_to(target)
        state["saved_mb"] = target.stat().st_size / 1e6 if target.exists() else None
    state["done"] = True

reset_peak()
base = status_mb("VmRSS")
start = time.perf_counter()
timer.start()
ticks.append(start)
QTimer.singleShot(0, run)
while not state["done"] and time.perf_counter() - start < 900:
    application.processEvents()
    time.sleep(0.001)
end = time.perf_counter()
for _ in range(5):
    application.processEvents()
ticks.append(time.perf_counter())
timer.stop()
gaps = [b - a for a, b in zip(ticks, ticks[1:])]
out = {"scenario": scenario, "seconds": end - start, "freeze_s": max(gaps), "peak_extra_mb": status_mb("VmHWM") - base}
out.update({k: v for k, v in state.items() if k != "done"})
window.training.controller.shutdown()
window.mark_saved()
window.close()
print("RESULT " + json.dumps(out), flush=True)
"""


def make_project(csv: Path, target: Path) -> None:
    from nnstudio.data import load_csv
    from nnstudio.project import Project

    ds = load_csv(csv, target="price")
    p = Project.new("Big CSV")
    rel = p.embed(csv.name, csv.read_bytes())
    p.data["source"] = {**ds.source, "path": rel}
    p.spec["nodes"][0]["params"]["shape"] = [ds.X.shape[1]]
    p.spec["nodes"].append({"id": "y", "type": "Dense", "params": {"units": 1}, "position": [300.0, 0.0]})
    p.spec["edges"].append(["input", "y"])
    p.save(target)


def run_child(scenario: str, arg: str) -> dict:
    root = str(Path(__file__).resolve().parents[1])      # this checkout's nnstudio, not an installed one
    with tempfile.TemporaryDirectory(prefix="nnstudio-bench-") as home:   # settings and autosaves apart
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=root, XDG_CONFIG_HOME=home,
                   XDG_DATA_HOME=home, HOME=home)
        proc = subprocess.run([sys.executable, "-c", CHILD, scenario, arg], capture_output=True, text=True,
                              env=env, timeout=1800)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{scenario} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv-mb", type=float, default=200.0)
    ap.add_argument("--only", choices=("save", "open"))
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        csv = Path(tmp) / "big.csv"
        write_numeric_csv(csv, args.csv_mb)
        project = Path(tmp) / "big.nnproj"
        make_project(csv, project)
        sizes = {"csv_mb": round(csv.stat().st_size / 1e6, 1), "project_mb": round(project.stat().st_size / 1e6, 1)}
        for scenario in ("open", "save"):
            if args.only in (None, scenario):
                results.append({**run_child(scenario, str(project)), **sizes})
    for r in results:
        extra = {k: v for k, v in r.items() if k not in ("scenario", "seconds", "freeze_s", "peak_extra_mb")}
        times = f" = {r['peak_extra_mb'] / r['data_mb']:.2f} x the data" if r.get("data_mb") else ""
        print(f"{r['scenario']:>5}: GUI thread frozen at most {r['freeze_s']:.3f} s, done after "
              f"{r['seconds']:.2f} s, peak +{r['peak_extra_mb']:.0f} MB{times}  {json.dumps(extra)}")


if __name__ == "__main__":
    main()
