"""What a stop of "Step inside one training step" costs on the spiral sample (prints, never asserts).

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_step_inside.py

- trace: the engine's forward and backward pass keeping every value, plus the optimizer's preview;
- a stop: Forward or Back clicked, diagram and formula rebuilt and the window painted (repaint, synchronous),
  at 1280x720 and 1024x768.
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def _ms(times):
    times = sorted(times)
    return times[len(times) // 2] * 1e3, times[-1] * 1e3


def main() -> None:
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv)
    import nnstudio.gui  # noqa: F401  (binds pyqtgraph to PySide6)
    from nnstudio.gui import pyside_refcount
    pyside_refcount.guard()
    from nnstudio.engine import trace
    from nnstudio.engine.trace import preview_update
    from nnstudio.gui.step_inside import StepInside, StepSource
    from nnstudio.paths import samples_dir
    from nnstudio.project import runner
    from nnstudio.project.model import load

    project = load(samples_dir() / "spiral.nnproj")
    prepared = runner.prepare(project)
    src = StepSource(prepared.network, prepared.X, prepared.y, prepared.loss, prepared.fit_kwargs["optimizer"],
                     {n["id"]: n.get("name") or n["id"] for n in project.spec["nodes"]}, prepared.dataset.class_names)
    times = []
    for i in range(200):
        start = time.perf_counter()
        tr = trace(src.network, src.X[i:i + 1], src.y[i:i + 1], src.loss)
        preview_update(src.network, tr, src.optimizer)
        times.append(time.perf_counter() - start)
    print("trace + preview (spiral, 1 sample): median %.2f ms, max %.2f ms" % _ms(times), flush=True)

    for size in ((1280, 720), (1024, 768)):
        view = StepInside(source=lambda: src)
        view.resize(*size)
        view.show()
        view.reload()
        app.processEvents()
        times = []
        for _ in range(5):
            for button in [view.forward] * (len(view.stops) - 1) + [view.back] * (len(view.stops) - 1):
                start = time.perf_counter()
                button.click()
                view.repaint()
                times.append(time.perf_counter() - start)
        print("a stop forward or back, painted, %dx%d: median %.1f ms, max %.1f ms" % (size + _ms(times)),
              flush=True)
        times = []
        for k in range(20):
            start = time.perf_counter()
            view.sample.setValue(k + 2)       # another sample: a new trace at the same stop
            view.repaint()
            times.append(time.perf_counter() - start)
        print("another sample (new trace), painted: median %.1f ms, max %.1f ms" % _ms(times), flush=True)
        view.close()


if __name__ == "__main__":
    main()
