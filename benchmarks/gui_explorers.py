"""What the three "see inside" views cost (prints, never asserts).

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_explorers.py

- activation explorer: one redraw after selecting another activation (shading and sentence), painted;
- initialisation explorer: the engine's five-initializer computation (in its worker thread in the app) and
  drawing its results, for the default 10 tanh layers of 100 units and for 30 layers of 300;
- gradient check: backpropagation against central differences on the sample projects (engine only).
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def _median(times):
    times = sorted(times)
    return times[len(times) // 2] * 1e3


def main() -> None:
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv)
    import nnstudio.gui  # noqa: F401
    from nnstudio.gui import pyside_refcount
    pyside_refcount.guard()  # as the app does at start
    from nnstudio.engine import activations
    from nnstudio.engine.depth_stats import stack_spec
    from nnstudio.engine.gradcheck import compare as gradcheck_compare
    from nnstudio.gui.activation_explorer import ActivationExplorer
    from nnstudio.gui.init_explorer import InitExplorer, measured
    from nnstudio.project import runner
    from nnstudio.project.model import load

    view = ActivationExplorer()
    view.resize(1280, 720)
    view.show()
    app.processEvents()
    times = []
    for name in activations.names() * 3:
        start = time.perf_counter()
        view.select(name)
        view.repaint()
        times.append(time.perf_counter() - start)
    print(f"activation explorer: select and repaint median {_median(times):.1f} ms", flush=True)
    view.close()

    init = InitExplorer()
    init.resize(1280, 720)
    init.show()
    while init.background.running():  # its own first computation, started when it opened
        app.processEvents()
    for layers, width in ((10, 100), (30, 300)):
        start = time.perf_counter()
        results = measured(stack_spec(layers, width, "tanh"))
        computed = time.perf_counter() - start
        start = time.perf_counter()
        init.show_results(results)
        init.repaint()
        drawn = time.perf_counter() - start
        print(f"initialisation explorer {layers} x {width}: compute {computed * 1e3:.0f} ms (worker thread), "
              f"draw {drawn * 1e3:.0f} ms", flush=True)
    init.background.stop()
    init.close()

    for sample in ("xor_hidden_layer", "spiral", "digits_cnn"):
        prepared = runner.prepare(load(os.path.join("samples", f"{sample}.nnproj")))
        result = gradcheck_compare(prepared.network, prepared.X[:4], prepared.y[:4], prepared.loss)
        n = sum(c.index.size for c in result.tensors.values())
        numeric = sum(c.seconds_up + c.seconds_down for c in result.tensors.values())
        print(f"gradient check {sample}: {n} weights, backprop {result.backprop_seconds * 1e3:.2f} ms, "
              f"central differences {numeric * 1e3:.0f} ms ({2 * n} passes, "
              f"{numeric / result.backprop_seconds:,.0f} x)", flush=True)


if __name__ == "__main__":
    main()
