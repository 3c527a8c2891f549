"""``python benchmarks/window_variants.py PROJECT --epochs N``: the window's Compare variants dialog trains the
3x3 spiral grid of compare.py (batch size x learning rate) one variant after another in the background, while
the stall meter of stall_meter.py watches the GUI thread. Prints one JSON object: seconds (from the first
variant's start to the last one kept as a run), runs, and the meter's ui_stall_ms_* figures. compare.py runs it
in a fresh process (offscreen Qt) beside 9 sequential `nnstudio train` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stall_meter import StallMeter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch", default="8,32,null")
    parser.add_argument("--rate", default="0.1,0.03,0.01")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop

    from nnstudio.gui import app
    from nnstudio.gui.main_window import MainWindow
    from nnstudio.gui.variants_dialog import open_variants_dialog
    from nnstudio.project import compare, load

    qapp = app.application()
    window = MainWindow(load(args.project))
    window.resize(1280, 720)
    window.show()
    settle = time.perf_counter() + 1.0      # the window's start (data loading in the background) is not measured
    while time.perf_counter() < settle:
        qapp.processEvents()
        time.sleep(0.01)
    grid = compare.grid([compare.parse_vary(f"training.batch_size={args.batch}"),
                         compare.parse_vary(f"training.optimizer.learning_rate={args.rate}")])
    dialog = open_variants_dialog(window)
    dialog.epochs.setValue(args.epochs)
    window.spec_to_project()
    base = window.project.snapshot()
    loop = QEventLoop()
    meter = StallMeter()

    dialog.variantsDone.connect(loop.quit)
    dialog.background.failed.connect(lambda message: print(message, file=sys.stderr))
    meter.start()
    start = time.perf_counter()
    dialog.train_variants(base, [(v.name, v) for v in grid])
    loop.exec()
    seconds = time.perf_counter() - start
    meter.stop()
    print(json.dumps({"seconds": round(seconds, 3), "runs": len(window.project.runs), **meter.figures()}))
    sys.stdout.flush()
    dialog.close()
    window.training.controller.shutdown()
    window.mark_saved()          # the variants kept made it modified: closing must not ask (nobody answers)
    window.close()


if __name__ == "__main__":
    main()
