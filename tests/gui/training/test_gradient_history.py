"""The gradient-norm history is as dense as the batch-loss curve (up to 16 points a progress report), not a
point per snapshot: a short run makes a few snapshots, and a line through two points looked like a measured
smooth decay."""

from __future__ import annotations

import numpy as np

from .test_window import spiral_project, train


def test_every_report_of_a_run_adds_its_gradient_norms(qtbot, make_window):
    w = make_window(spiral_project(epochs=30))
    views = w.training.views
    views.docks["GradientsDock"].raise_()
    qtbot.waitUntil(lambda: views.built("gradients") is not None, timeout=5000)
    reports, snapshots = [], []
    w.training.controller.progress.connect(reports.append)
    w.training.controller.snapshot.connect(snapshots.append)
    train(qtbot, w)
    measured = {step for r in reports for step, _ in r.grad_norms}
    steps = {s.step for s in snapshots}
    assert measured
    history = views.gradients.series["h0"].data()
    # every step measured, and the snapshots' own (the last one's, at the end of the run), none twice
    assert sorted(history[0].astype(int)) == sorted(measured | steps)
    step, norms = max((p for r in reports for p in r.grad_norms), key=lambda p: p[0])
    np.testing.assert_allclose(history[1][list(history[0]).index(step)], norms["h0"])
    assert set(norms) == {"h0", "h1", "y"}
    assert len(measured) > len(steps)       # denser than the snapshots: up to 16 points a report
    # drawn as well as recorded: the line shows every point
    assert len(views.gradients.items["h0"].xData) == len(history[0])


def test_a_narrow_gradient_plot_keeps_its_title_whole(qtbot):
    from nnstudio.gui.plots.gradients import GradientNormsPlot
    plot = GradientNormsPlot()
    qtbot.addWidget(plot)
    plot.resize(200, 300)
    plot.show()
    title = plot.plot_item.titleLabel
    qtbot.waitUntil(lambda: title.text == "Gradient norms", timeout=3000)   # not "Gradient norm per l…"
    assert title.full == "Gradient norm per layer"
