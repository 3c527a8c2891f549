"""The perceptron rule one sample at a time: the sample, ŷ, the error, the update of (w1, w2, b) with its
numbers, and the separating line w1·x1 + w2·x2 + b = 0 moving in the data plot; mistakes counted per epoch.

On the current project's single-layer step/sign network, with its data as the network sees it and its
learning rate; the samples come in the order the next training session would take them. The steps run on a
copy of the network (the project is not changed). The numbers come from ``nnstudio.engine.perceptron``,
whose steps are exactly ``fit``'s.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from nnstudio.data.errors import DataError
from nnstudio.engine.errors import SpecError
from nnstudio.engine.perceptron import PerceptronWalk, RuleStep
from nnstudio.project.errors import ProjectError

from . import screen_fit
from .follow_project import Follower
from .plots.base import match_scale, style_plot
from .plots.colors import class_color
from .presentation import ScaledText
from .step_formulas import num, par

DOMAIN_ERRORS = (ProjectError, DataError, SpecError)
NEVER_SETTLES_AFTER = 10     # epochs with mistakes before the view says the rule will not settle
PLAY_MS = 250                # one sample every quarter second while playing
LINE = (40, 40, 40)
OLD_LINE = (150, 150, 150)


REGION_RES = 120


def _pale(color) -> tuple[int, int, int]:
    return tuple(int(c + (255 - c) * 0.8) for c in (color.red(), color.green(), color.blue()))


def _tr(text: str) -> str:
    return QCoreApplication.translate("PerceptronView", text)


@dataclass
class PerceptronSource:
    network: object               # a copy: the view steps on it
    X: np.ndarray
    y: np.ndarray
    learning_rate: float
    shuffle: bool
    feature_names: list[str]


def separating_line(kernel: np.ndarray, bias, xs: tuple[float, float], ys: tuple[float, float]):
    """Two end points of w1·x1 + w2·x2 + b = 0 across the box xs × ys, or None when w is zero."""
    w1, w2 = float(kernel[0, 0]), float(kernel[1, 0])
    b = 0.0 if bias is None else float(bias[0])
    if abs(w2) >= abs(w1):
        if w2 == 0:
            return None
        x = np.array(xs)
        return x, -(w1 * x + b) / w2
    y = np.array(ys)
    return -(w2 * y + b) / w1, y


class PerceptronView(QWidget):
    """A window of its own: buttons on top, the data and the line left, the rule and the mistakes right."""

    def __init__(self, parent=None, source: Callable[[], PerceptronSource] | None = None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("The perceptron rule, one sample at a time"))
        self.setObjectName("perceptron_view")
        self.source = source
        self.src: PerceptronSource | None = None
        self.walk: PerceptronWalk | None = None

        self.restart = QPushButton(self.tr("Restart"))
        self.back = QPushButton(self.tr("◀ Back"))
        self.step = QPushButton(self.tr("Next sample ▶"))
        self.step.setShortcut(Qt.Key_Right)
        self.back.setShortcut(Qt.Key_Left)
        self.epoch = QPushButton(self.tr("Rest of the epoch ▶▶"))
        self.play = QPushButton(self.tr("Play"))
        self.play.setCheckable(True)
        self.where = QLabel()
        bar = QHBoxLayout()
        for w in (self.restart, self.back, self.step, self.epoch, self.play):
            bar.addWidget(w)
        bar.addWidget(self.where, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        for label in (self.where, self.message):
            f = label.font()
            f.setPointSizeF(max(f.pointSizeF(), 10.0) + 1)
            label.setFont(f)

        self.plot = pg.PlotWidget(background="w")
        self.plot_item = self.plot.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.setAspectLocked(True)
        self.points = pg.ScatterPlotItem(size=14, pen=pg.mkPen((60, 60, 60), width=1))
        self.current = pg.ScatterPlotItem(size=30, brush=pg.mkBrush(None), pen=pg.mkPen((200, 30, 30), width=3))
        self.old_line = pg.PlotDataItem(pen=pg.mkPen(OLD_LINE, width=2, style=Qt.DashLine))
        self.line = pg.PlotDataItem(pen=pg.mkPen(LINE, width=3))
        self.regions = pg.ImageItem()          # pale class colours: which side predicts which class
        for item in (self.regions, self.old_line, self.line, self.points, self.current):
            self.plot_item.addItem(item)
        self._shown: RuleStep | None = None      # the step whose line and regions are drawn
        # the aspect lock widens the range the data asked for: shade and draw over what is on screen
        self.plot_item.getViewBox().sigRangeChanged.connect(self._range_changed)

        self.text = QTextBrowser()
        f = self.text.font()
        f.setPointSizeF(max(f.pointSizeF(), 10.0) + 2)
        self.text.setFont(f)
        self._scaled_text = ScaledText(self.text, self.message)     # not the button row: it sets the width
        self.mistakes = pg.PlotWidget(background="w")
        self.mistakes_item = self.mistakes.getPlotItem()
        self.mistakes_item.setMenuEnabled(False)
        style_plot(self.mistakes_item, "", self.tr("epoch"), self.tr("mistakes"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=pg.mkBrush(213, 94, 0, 200))
        self.mistakes_item.addItem(self.bars)
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.text)
        right.addWidget(self.mistakes)
        right.setSizes([440, 220])
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(right)
        split.setSizes([620, 560])
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_MS)
        self.timer.timeout.connect(self.next_sample)
        self.restart.clicked.connect(self.reload)
        self.back.clicked.connect(self.previous_sample)
        self.step.clicked.connect(self.next_sample)
        self.epoch.clicked.connect(self.rest_of_epoch)
        self.play.toggled.connect(self._play)
        screen_fit.size_window(self, 1200, 720)

    def rescaled(self) -> None:
        """Presentation mode began or ended: the rule's text and its messages at its scale."""
        self._scaled_text.apply()

    # -- data ---------------------------------------------------------------------------------------------------
    def reload(self) -> bool:
        """A fresh copy of the project's network and data: the walk starts again."""
        self.play.setChecked(False)
        try:
            src = self.source()
            walk = PerceptronWalk(src.network, src.X, src.y, src.learning_rate, src.shuffle, seed=None)
        except DOMAIN_ERRORS as exc:
            self.src = self.walk = None
            self.message.setText(str(exc))
            for w in (self.back, self.step, self.epoch, self.play, self.restart):
                w.setEnabled(w is self.restart)
            self.text.clear()
            return False
        self.src, self.walk = src, walk
        self.message.clear()
        for w in (self.step, self.epoch, self.play, self.restart):
            w.setEnabled(True)
        plane = src.X.ndim == 2 and src.X.shape[1] == 2 and walk.kernel.shape[1] == 1
        self.plot.setVisible(plane)
        if plane:
            names = (src.feature_names + ["x1", "x2"])[:2] if len(src.feature_names) >= 2 else ["x1", "x2"]
            style_plot(self.plot_item, "", names[0], names[1])
            labels = (walk.t[:, 0] > 0).astype(int)
            self.points.setData(src.X[:, 0], src.X[:, 1], brush=[pg.mkBrush(class_color(int(k))) for k in labels])
            lo, hi = src.X.min(axis=0), src.X.max(axis=0)
            pad = 0.25 * np.maximum(hi - lo, 1e-9) + 0.1
            self.box = ((lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1]))
            self.plot_item.setRange(xRange=self.box[0], yRange=self.box[1], padding=0)
        self.show_state(None)
        return True

    # -- stepping -------------------------------------------------------------------------------------------------
    def next_sample(self) -> None:
        if self.walk is not None:
            self.show_state(self.walk.step())
            if self.play.isChecked() and self.walk.settled():
                self.play.setChecked(False)     # the rule will never move the line again: nothing left to watch

    def previous_sample(self) -> None:
        if self.walk is not None and self.walk.back() is not None:
            self.show_state(self.walk.steps[-1] if self.walk.steps else None)

    def rest_of_epoch(self) -> None:
        if self.walk is not None:
            self.show_state(self.walk.run_epoch()[-1])

    def _play(self, on: bool) -> None:
        self.timer.start() if on else self.timer.stop()
        self.play.setText(self.tr("Pause") if on else self.tr("Play"))

    def closeEvent(self, event) -> None:
        self.timer.stop()
        super().closeEvent(event)

    # -- showing --------------------------------------------------------------------------------------------------
    def show_state(self, s: RuleStep | None) -> None:
        walk = self.walk
        self.back.setEnabled(bool(walk.steps))
        last = walk.steps[-1] if walk.steps else None
        self.where.setText(self.tr("Before the first sample") if last is None else
                           self.tr("Epoch {0}, step {1} of {2} ({3} steps in all)").format(
                               last.epoch + 1, last.position + 1, walk.n, len(walk.steps)))
        counts = walk.mistakes_per_epoch()
        self.bars.setOpts(x=np.arange(1, len(counts) + 1), height=np.array(counts, dtype=float), width=0.7)
        spacing = max(1, len(counts) // 8)
        self.mistakes_item.getAxis("bottom").setTickSpacing(spacing, spacing)
        self.mistakes_item.setRange(xRange=(0.4, max(len(counts), 5) + 0.6), yRange=(0, max(counts + [walk.n]) + 0.5),
                                    padding=0)
        self.text.setHtml(whole_formulas(self.rule_html(s)))
        self.message.setText(self.verdict())
        self._shown = s
        if self.plot.isVisible():
            self._draw_lines(s)

    def _range_changed(self, *_args) -> None:
        if self.walk is not None and self.plot.isVisible():
            self._draw_lines(self._shown)

    def _draw_lines(self, s: RuleStep | None) -> None:
        walk = self.walk
        (x0, x1), (y0, y1) = self.plot_item.getViewBox().viewRange()
        gx, gy = np.meshgrid(np.linspace(x0, x1, REGION_RES), np.linspace(y0, y1, REGION_RES), indexing="ij")
        z = gx * float(walk.kernel[0, 0]) + gy * float(walk.kernel[1, 0])
        if walk.bias is not None:
            z += float(walk.bias[0])
        positive = walk.activation.forward(z) > 0
        pale = np.array([_pale(class_color(0)), _pale(class_color(1))], dtype=np.uint8)
        self.regions.setImage(pale[positive.astype(int)], levels=(0, 255))
        self.regions.setRect(x0, y0, x1 - x0, y1 - y0)
        shown = ((x0, x1), (y0, y1))
        end = separating_line(walk.kernel, walk.bias, *shown)
        self.line.setData(*end) if end is not None else self.line.setData([], [])
        if s is not None and s.wrong:
            old = separating_line(s.kernel_before, s.bias_before, *shown)
            self.old_line.setData(*old) if old is not None else self.old_line.setData([], [])
        else:
            self.old_line.setData([], [])
        if s is not None:
            self.current.setData([s.x[0]], [s.x[1]])
        else:
            self.current.setData([], [])

    def verdict(self) -> str:
        walk = self.walk
        finished = len(walk.steps) // walk.n
        counts = walk.mistakes_per_epoch()[:finished]
        if walk.settled():
            first = counts.index(0) + 1
            return self.tr("Settled: epoch {0} went by without a mistake, so the line separates the classes and "
                           "the rule will never move it again.").format(first)
        if finished >= NEVER_SETTLES_AFTER:
            return self.tr("Still {0} mistakes in epoch {1}: no straight line separates these classes (as for "
                           "XOR), so the rule keeps moving the line and never settles.").format(counts[-1], finished)
        return ""

    def rule_html(self, s: RuleStep | None) -> str:
        walk = self.walk
        lr = walk.learning_rate
        if s is None:
            w = walk.kernel[:, 0]
            b = 0.0 if walk.bias is None else float(walk.bias[0])
            return (f"<h3>{self.tr('Before the first sample')}</h3>"
                    + self.tr("<p>w = {0}, b = {1}, η = {2}</p>").format(
                        "(" + ", ".join(num(v) for v in w) + ")", num(b), num(lr))
                    + self.tr("<p><b>ŷ = {0}(w·x + b)</b>; after each sample <b>w ← w + η(t − ŷ)x</b>, "
                              "<b>b ← b + η(t − ŷ)</b>: nothing changes when ŷ is right.</p>").format(
                        walk.activation.name))
        x, W0, b0 = s.x, s.kernel_before[:, 0], (None if s.bias_before is None else float(s.bias_before[0]))
        t, y_hat, err = float(s.target[0]), float(s.y_hat[0]), float(s.error[0])
        terms = " + ".join(f"{par(W0[i])}·{par(x[i])}" for i in range(len(x)))
        bias = "" if b0 is None else f" + {par(b0)}"
        sample = self.tr("Sample {0}").format(s.index + 1)
        rows = [f"<h3>{sample}</h3>",
                f"<p>x = ({', '.join(num(v) for v in x)}), t = {num(t)}</p>",
                f"<p>z = w·x + b = {terms}{bias} = <b>{num(s.z[0])}</b></p>",
                f"<p>ŷ = {walk.activation.name}(z) = <b>{num(y_hat)}</b></p>",
                self.tr("<p>error t − ŷ = {0} − {1} = <b>{2}</b></p>").format(num(t), num(y_hat), num(err))]
        if not s.wrong:
            rows.append(self.tr("<p>Right: the weights stay as they are.</p>"))
            return "".join(rows)
        rows.append(self.tr("<p><b>Wrong: w ← w + η(t − ŷ)x, b ← b + η(t − ŷ)</b></p>"))
        W1 = s.kernel_after[:, 0]
        for i in range(len(x)):
            rows.append(f"<p>w<sub>{i + 1}</sub> = {num(W0[i])} + {num(lr)}·{par(err)}·{par(x[i])} = "
                        f"<b>{num(W1[i])}</b></p>")
        if b0 is not None:
            rows.append(f"<p>b = {num(b0)} + {num(lr)}·{par(err)} = <b>{num(float(s.bias_after[0]))}</b></p>")
        rows.append(self.tr("<p style='color:#555'>The dashed line is where the boundary was; it moves toward "
                            "the misclassified sample.</p>"))
        return "".join(rows)


def window_source(window) -> PerceptronSource:
    """A copy of the window's network with the project's weights, its training data and settings."""
    from nnstudio.engine import optimizers
    from nnstudio.project import runner
    window.spec_to_project()
    prepared = runner.prepare(window.project, spec=window.document.spec)
    opt = optimizers.get(prepared.fit_kwargs.get("optimizer", "adam"))
    if not opt.per_sample_rule:
        raise SpecError(_tr("This view steps through the perceptron rule: choose the 'perceptron' optimizer "
                            "in the Training panel (it is '{0}').").format(opt.name))
    return PerceptronSource(prepared.network, prepared.X, prepared.y, float(opt.learning_rate),
                            bool(prepared.fit_kwargs.get("shuffle", True)), list(prepared.dataset.feature_names))


def open_perceptron_view(window) -> PerceptronView:
    view = window.findChild(PerceptronView, "perceptron_view")
    if view is None:
        view = PerceptronView(window, source=lambda: window_source(window))
        Follower(view, window, view.reload)
        match_scale(view)                   # opened during presentation mode: at its scale
    view.reload()
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def whole_formulas(html: str) -> str:
    """Each bold formula kept on one line: the rule wrapped as "w ← w + η(t −" / "ŷ)x" in a narrow pane. A line
    may still break after a comma or colon, between two formulas."""
    def keep(m):
        return "<b>" + re.sub(r"(?<![,:;]) ", "\u00a0", m.group(1)) + "</b>"
    return re.sub(r"<b>(.*?)</b>", keep, html)
