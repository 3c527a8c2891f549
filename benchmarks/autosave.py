"""Autosave latency on the GUI thread, for a small and a large project. Prints figures; never asserts.

    python benchmarks/autosave.py [--repeat 5]

For each project: the time the GUI thread spends in ``FileActions.autosave()`` (taking the snapshot and handing
it to the worker), the longest pause of the event loop while the worker writes (the GIL is shared), the time
the worker then needs to write it, and, for comparison, a plain ``Project.save``
as the GUI thread did before autosave moved to a worker. Runs in the real window, offscreen, with its own
settings and autosave folder in a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402


def _projects():
    from nnstudio.paths import samples_dir
    from nnstudio.project import Project, load, runner

    small = load(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(small, epochs=20)
    yield "xor_hidden_layer, trained (41 parameters)", small

    large = Project.new("large")
    large.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [784]}, "position": [0.0, 0.0]},
                            {"id": "a", "type": "Dense", "params": {"units": 2048}, "position": [300.0, 0.0]},
                            {"id": "b", "type": "Dense", "params": {"units": 2048}, "position": [600.0, 0.0]},
                            {"id": "c", "type": "Dense", "params": {"units": 1024}, "position": [900.0, 0.0]},
                            {"id": "y", "type": "Dense", "params": {"units": 10}, "position": [1200.0, 0.0]}],
                  "edges": [["x", "a"], ["a", "b"], ["b", "c"], ["c", "y"]]}
    large.weights = large.network().get_weights()
    n = sum(a.size for p in large.weights.values() for a in p.values())
    yield f"5-layer MLP with weights ({n / 1e6:.1f} M parameters, {n * 4 / 1e6:.0f} MB)", large

    data = Project.new("embedded data")
    rng = np.random.default_rng(0)
    rows = "\n".join(",".join(f"{v:.6f}" for v in row) for row in rng.normal(size=(200_000, 10)))
    csv = ("a,b,c,d,e,f,g,h,i,target\n" + rows).encode()
    data.embed("big.csv", csv)
    yield f"embedded CSV ({len(csv) / 1e6:.0f} MB, deflated on save)", data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="nnstudio-bench-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, folder)
    from nnstudio.gui import app as studio

    app = studio.application()
    QSettings().setValue("autosave/dir", os.path.join(folder, "autosave"))
    from nnstudio.gui.main_window import MainWindow

    w = MainWindow(panels=False)
    w.show()
    app.processEvents()
    print(f"autosave latency, median of {args.repeat} (GUI thread = what freezes the window)")
    for label, project in _projects():
        w.set_project(project)
        app.processEvents()
        gui, worker, before, gaps = [], [], [], []
        for _ in range(args.repeat):
            w.mark_modified()
            t = time.perf_counter()
            w.files.autosave()
            gui.append(time.perf_counter() - t)
            # keep the event loop turning while the worker writes: the longest gap is what a user would feel
            future, last, gap = w.files.autosaver._last, time.perf_counter(), 0.0
            while not future.done():
                app.processEvents()
                time.sleep(0.002)
                now = time.perf_counter()
                gap, last = max(gap, now - last), now
            worker.append(time.perf_counter() - t)
            gaps.append(gap)
            t = time.perf_counter()
            project.snapshot().save(os.path.join(folder, "synchronous.nnproj"))
            before.append(time.perf_counter() - t)
        ms = lambda xs: f"{statistics.median(xs) * 1000:8.1f} ms"  # noqa: E731
        print(f"  {label}")
        print(f"    GUI thread {ms(gui)}   longest event-loop gap while the worker writes {ms(gaps)}")
        print(f"    written by the worker after {ms(worker)}   a save on the GUI thread (before) {ms(before)}")
    w.mark_saved()
    w.close()


if __name__ == "__main__":
    main()
