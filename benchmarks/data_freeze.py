"""How long the window's GUI thread stands still while the data panel handles large data. Prints figures;
asserts nothing (speed is a benchmark, not a test).

    python benchmarks/data_freeze.py [--samples 100000] [--csv-mb 200] [--columns 1000000] [--only NAME]

Scenarios, each in a fresh process (offscreen Qt) so its peak memory is its own:
- generated: the data panel draws a generated set of --samples points (scatter preview);
- csv: a numeric CSV of about --csv-mb MB, written to a temporary folder (deleted afterwards), opened in the
  import dialog and imported into the panel;
- wide: a CSV whose header line holds --columns columns, opened in the import dialog.
"Freeze" is the longest gap between two ticks of a 10 ms QTimer on the GUI thread while the scenario runs;
"peak" is the process's peak resident memory above what it held before the scenario started.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from nnstudio import data
from nnstudio.gui.csv_dialog import CsvDialog
from nnstudio.gui.data_panel import DataPanel
from nnstudio.project import Project

scenario, arg = sys.argv[1], sys.argv[2]
app = QApplication([])
project = Project.new()
panel = DataPanel(spec_provider=lambda: project.spec, ask=False)
panel.resize(320, 700)
panel.show()
panel.load(project)
app.processEvents()

ticks = []
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
state = {"done": False}

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

class Accepting(CsvDialog):
    # Import pressed at once; the dialog's own event loop runs while it loads (as when a user clicks)

    def exec(self):
        QTimer.singleShot(0, self.accept)
        return super().exec()

def finished(*_):
    state["done"] = True

def run():
    if scenario == "generated":
        panel.dataChanged.connect(finished)
        panel.kind.setCurrentIndex(panel.kind.findData("generator"))
        panel.generator.setCurrentIndex(panel.generator.findData("moons"))
        panel._param_widgets["n_samples"].setMaximum(10**7)
        panel._param_widgets["n_samples"].setValue(int(arg))
    elif scenario == "csv":
        panel.dataChanged.connect(finished)
        if not panel.import_csv(arg, dialog_factory=Accepting):
            state["done"] = True
    else:   # wide: the import dialog opens on the file (and is closed again)
        dialog = CsvDialog(arg, panel)
        dialog.show()
        app.processEvents()
        state["columns_shown"] = dialog.table.columnCount()
        state["message"] = dialog.problems.text()[:200]
        dialog.close()
        state["done"] = True

base = rss_mb()
start = time.perf_counter()
timer.start()
ticks.append(start)
QTimer.singleShot(0, run)
while not state["done"] and time.perf_counter() - start < 900:
    app.processEvents()
    time.sleep(0.001)
end = time.perf_counter()
for _ in range(5):
    app.processEvents()
ticks.append(time.perf_counter())
timer.stop()
gaps = [b - a for a, b in zip(ticks, ticks[1:])]
out = {"scenario": scenario, "seconds": end - start, "freeze_s": max(gaps), "peak_extra_mb": rss_mb() - base,
       "loaded": panel.dataset.describe() if panel.dataset is not None else None,
       "data_mb": (panel.dataset.X.size + panel.dataset.y.size) * 8 / 2**20 if panel.dataset is not None else None}
out.update({k: v for k, v in state.items() if k != "done"})
print("RESULT " + json.dumps(out), flush=True)
"""


def write_numeric_csv(path: Path, megabytes: float, cols: int = 20, seed: int = 0) -> None:
    import numpy as np
    rng = np.random.default_rng(seed)
    rows_per_chunk = 20000
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join([f"f{j}" for j in range(cols - 1)] + ["price"]) + "\n")
        while f.tell() < megabytes * 1e6:
            X = rng.normal(size=(rows_per_chunk, cols))
            X[:, -1] = X[:, :-1].sum(axis=1) * 1000.0 + 250000.0
            np.savetxt(f, X, fmt="%.6f", delimiter=",")


def write_wide_csv(path: Path, columns: int) -> None:
    path.write_text(",".join(f"c{j}" for j in range(columns)) + "\n" +
                    ",".join("1" for _ in range(columns)) + "\n", encoding="utf-8")


def run_child(scenario: str, arg: str) -> dict:
    root = str(Path(__file__).resolve().parents[1])      # this checkout's nnstudio, not an installed one
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=root)
    proc = subprocess.run([sys.executable, "-c", CHILD, scenario, arg], capture_output=True, text=True, env=env,
                          timeout=1800)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{scenario} failed:\n{proc.stderr[-2000:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", type=int, default=100_000)
    ap.add_argument("--csv-mb", type=float, default=200.0)
    ap.add_argument("--columns", type=int, default=1_000_000)
    ap.add_argument("--only", choices=("generated", "csv", "wide"))
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        if args.only in (None, "generated"):
            results.append(run_child("generated", str(args.samples)))
        if args.only in (None, "csv"):
            path = Path(tmp) / "big.csv"
            write_numeric_csv(path, args.csv_mb)
            r = run_child("csv", str(path))
            r["file_mb"] = path.stat().st_size / 1e6
            results.append(r)
        if args.only in (None, "wide"):
            path = Path(tmp) / "wide.csv"
            write_wide_csv(path, args.columns)
            r = run_child("wide", str(path))
            r["file_mb"] = path.stat().st_size / 1e6
            results.append(r)
    for r in results:
        extra = {k: v for k, v in r.items() if k not in ("scenario", "seconds", "freeze_s", "peak_extra_mb")}
        times = f" = {r['peak_extra_mb'] / r['data_mb']:.2f} x the data" if r.get("data_mb") else ""
        print(f"{r['scenario']:>10}: GUI thread frozen at most {r['freeze_s']:.3f} s, done after "
              f"{r['seconds']:.2f} s, peak +{r['peak_extra_mb']:.0f} MB{times}  {json.dumps(extra)}")


if __name__ == "__main__":
    main()
