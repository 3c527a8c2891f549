"""Editing a 200-layer graph in the real window: time to add, move and undo, per operation and in total.

Prints figures; never asserts. Run: python benchmarks/gui_editing.py [--no-panels]
Every operation goes through the editor and the undo stack exactly as a mouse gesture would, and each is
followed by processing events, so the canvas, summary, problems list and inspector updates are included.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N = 200


def timed(fn, app) -> float:
    t = time.perf_counter()
    fn()
    app.processEvents()
    return time.perf_counter() - t


def report(label: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(f"  {label:38s} n={len(ms):4d}  mean {statistics.mean(ms):7.2f} ms  median {statistics.median(ms):7.2f} ms"
          f"  max {max(ms):7.2f} ms  total {sum(ms) / 1000:6.2f} s")


def main() -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    from nnstudio.gui import app as studio

    app = studio.application()
    from nnstudio.gui.main_window import MainWindow

    panels = "--no-panels" not in sys.argv
    w = MainWindow(panels=panels)
    w.resize(1400, 900)
    w.show()
    app.processEvents()
    print(f"{N}-layer graph in the real window ({'with' if panels else 'without'} training panels)")

    # a long chain with a side branch merged back every 10 layers, so the graph is a real DAG
    add_times, last = [], "input"
    for i in range(N):
        kind = "Dense" if i % 10 else "Dropout"
        w.scene.select_ids([last])
        add_times.append(timed(lambda k=kind: w.add_after_selected(k), app))
        last = w.scene.selected_ids()[0]
    report("add a layer (after the selected one)", add_times)

    ids = w.document.ids()
    move_one = []
    for nid in ids[1:101]:
        x, y = w.document.position(nid)
        move_one.append(timed(lambda n=nid, x=x, y=y: w.editor.move({n: (x, y + 40.0)}), app))
    report("move one layer", move_one)
    move_all = [timed(lambda k=k: w.editor.move({n: (w.document.position(n)[0] + 20.0 * (k % 2 * 2 - 1),
                                                    w.document.position(n)[1]) for n in ids}), app)
                for k in range(10)]
    report(f"move all {len(ids)} layers at once", move_all)
    report("arrange", [timed(w.editor.arrange, app)])
    w.scene.select_ids([ids[100]])
    report("select a layer (inspector rebuild)", [timed(lambda: w.scene.select_ids([ids[100 + k]]), app)
                                                 for k in range(20)])
    units = w.inspector.fields["units"].box if "units" in w.inspector.fields else None
    if units is not None:
        report("change units in the inspector", [timed(lambda v=v: units.setValue(v), app)
                                                 for v in range(20, 40)])

    undo_times = []
    while w.undo_stack.canUndo():
        undo_times.append(timed(w.undo, app))
    report("undo (every step back to the start)", undo_times)
    redo_times = []
    while w.undo_stack.canRedo():
        redo_times.append(timed(w.redo, app))
    report("redo (every step)", redo_times)
    report("fit the whole graph in view", [timed(w.canvas.fit_all, app)])
    w.mark_saved()
    w.close()


if __name__ == "__main__":
    main()
