"""The optimizer playground's frame cost: five optimizers stepping and redrawing (prints, never asserts).

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_playground.py

A frame at 60 fps has 16.7 ms. Each frame here advances all five optimizers by the steps due at the given
speed and repaints the window synchronously (repaint(), as a shown window paints each frame; grab() would
re-render everything without the map's cache), with paths growing to 2,000 points.
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def main() -> None:
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv)
    import nnstudio.gui  # noqa: F401
    from nnstudio.engine.surfaces import SURFACES
    from nnstudio.gui.playground import RUNNERS, OptimizerPlayground

    for name in ("bowl", "rosenbrock"):
        for steps_per_frame in (1, 4):
            view = OptimizerPlayground()
            view.resize(1280, 720)
            view.function.setCurrentIndex(list(SURFACES).index(name))
            for r in RUNNERS:
                view.checks[r.key].setChecked(True)
            view.show()
            app.processEvents()
            frames = []
            while len(view.walkers["sgd"].path) < 2000:
                start = time.perf_counter()
                view.advance(steps_per_frame)
                view.repaint()
                frames.append(time.perf_counter() - start)
            frames.sort()
            print(f"{name:<11} {steps_per_frame} step(s)/frame: median {frames[len(frames) // 2] * 1e3:5.2f} ms, "
                  f"p99 {frames[int(len(frames) * 0.99)] * 1e3:5.2f} ms per frame over {len(frames)} frames "
                  f"(5 optimizers, paths to 2,000 points)", flush=True)
            view.close()


if __name__ == "__main__":
    main()
