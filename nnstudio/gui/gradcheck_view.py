"""Gradient checks you can see: backpropagation against central and forward differences, tensor by tensor.

On the current project's network and a few of its training samples (in float64, as ``nnstudio gradcheck``
does): a table of every trainable tensor with its relative errors and kinks, what each method cost (one
backward pass gives every gradient; a numerical gradient costs two forward passes per weight, which is why
nobody trains with it), and for the selected tensor a scatter of numeric against backprop entries on the
line y = x. Entries at a kink (a ReLU input at exactly 0, a max-pool tie) are drawn apart and explained, not
counted as mismatches. The numbers come from ``nnstudio.engine.gradcheck.compare``, run off the GUI thread.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from nnstudio.data.errors import DataError
from nnstudio.engine.errors import SpecError
from nnstudio.engine.gradcheck import TOLERANCE, Comparison, TensorComparison, compare
from nnstudio.project.errors import ProjectError

from . import screen_fit, theme
from .background import Background, progress_controls
from .plots import base as plots
from .plots.base import match_scale, style_plot
from .presentation import ScaledText
from .table_headers import HeadersFollowTable

STEPS = (1e-2, 1e-4, 1e-6, 1e-8)
CENTRAL = (0, 114, 178)
FORWARD = (230, 159, 0)
KINK = (200, 30, 30)
COLUMNS = (QT_TRANSLATE_NOOP("GradcheckView", "tensor"), QT_TRANSLATE_NOOP("GradcheckView", "entries"),
           QT_TRANSLATE_NOOP("GradcheckView", "central"), QT_TRANSLATE_NOOP("GradcheckView", "forward"),
           QT_TRANSLATE_NOOP("GradcheckView", "kinks"), QT_TRANSLATE_NOOP("GradcheckView", "verdict"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("GradcheckView", text)


def _seconds(s: float) -> str:
    if s < 0.01:
        return f"{s * 1e3:.2g} ms"
    return f"{s * 1e3:.0f} ms" if s < 1 else f"{s:.2f} s"


WORD_JOINER = "\u2060"


def _unbreakable(text: str) -> str:
    """``text`` that never wraps inside: nowrap keeps Latin words together, but Qt still breaks Chinese between
    any two characters ('在折点上（不' / '是错误）'), so a word joiner goes beside each non-ASCII character
    (English words stay as they are, still searchable)."""
    return re.sub(r"(?<=[^\x00-\x7f])(?=.)|(?<=.)(?=[^\x00-\x7f])", WORD_JOINER, text)


def _legend_html() -> str:
    def dot(color, text):   # an entry never breaks inside; a narrow window wraps between entries
        return (f"<span style='white-space:nowrap'><span style='color:#%02x%02x%02x; font-size:15pt'>●</span>"
                f"&nbsp;{_unbreakable(text)}</span>") % color
    return "&nbsp;&nbsp; ".join((dot(CENTRAL, _tr("central differences")),
                                 dot(FORWARD, _tr("forward differences")),
                                 dot(KINK, _tr("at a kink (not an error)")),
                                 "<span style='color:#777; white-space:nowrap'>— y = x</span>"))


class GradcheckView(QWidget):
    """A window of its own: settings on top, the table and the costs on the left, the scatter on the right."""

    def __init__(self, parent=None, prepare: Callable | None = None):
        """``prepare()`` returns (network, X, y, loss) of the current project, or raises a domain error."""
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Gradient check"))
        self.setObjectName("gradcheck_view")
        self.prepare = prepare
        self.result: Comparison | None = None
        self.samples_used = 0              # the samples and step of the check shown, not of the controls
        self.step_used = ""
        self._asked = (0, "")              # those of the check running

        self.samples = QSpinBox(minimum=1, maximum=256, value=4)
        self.step = QComboBox()
        for h in STEPS:
            self.step.addItem(f"{h:g}", h)
        self.step.setCurrentIndex(STEPS.index(1e-6))
        self.entries = QSpinBox(minimum=1, maximum=1_000_000, value=200)
        self.entries.setToolTip(self.tr("Larger tensors are checked on this many entries drawn at random"))
        self.run = QPushButton(self.tr("Check"))
        self.run.setDefault(True)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)
        bar = QHBoxLayout()
        for label, widget in ((self.tr("Samples"), self.samples), (self.tr("Step h"), self.step),
                              (self.tr("At most entries per tensor"), self.entries)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.progress, self.cancel, self.run):
            bar.addWidget(widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        theme.set_tone(self.message, "error")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        font = self.table.font()
        font.setPointSize(max(font.pointSize(), 11))
        self.table.setFont(font)
        self._headers = HeadersFollowTable(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.costs = QLabel()
        self.costs.setWordWrap(True)
        self.costs.setTextFormat(Qt.RichText)
        self.kinks = QLabel()
        self.kinks.setWordWrap(True)
        for label in (self.costs, self.kinks):
            font = label.font()
            font.setPointSize(max(font.pointSize(), 11))
            label.setFont(font)
        left = QVBoxLayout()
        self.heading = heading = QLabel(self.tr("Relative error of each numerical gradient against backpropagation "
                                 "(entries at a kink left out):"))
        heading.setWordWrap(True)  # a long line would set the window's minimum width past a 1024 px screen
        # the formula the numbers come from (nnstudio.engine.gradcheck), for the teacher to point at
        self.formula = QLabel(self.tr("error = max|a − n| / max(max|a|, max|n|, 10⁻⁴) over a tensor's entries "
                                      "(a: backpropagation, n: numerical); ok when it is at most 10⁻⁴."))
        self.formula.setWordWrap(True)
        left.addWidget(heading)
        left.addWidget(self.formula)
        left.addWidget(self.table, 1)
        left.addWidget(self.costs)
        left.addWidget(self.kinks)
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.plot = pg.PlotWidget(background="w")
        self.plot_item = self.plot.getPlotItem()
        style_plot(self.plot_item, "", self.tr("backpropagation"), self.tr("numerical gradient"))
        self.plot_item.setMenuEnabled(False)
        self.diagonal = pg.PlotDataItem(pen=pg.mkPen((150, 150, 150), width=1.5, style=Qt.DashLine))
        self.forward_points = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(*FORWARD, 200), pen=None, symbol="t")
        self.central_points = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(*CENTRAL, 220), pen=None)
        self.kink_points = pg.ScatterPlotItem(size=16, brush=pg.mkBrush(None), pen=pg.mkPen(KINK, width=2.5),
                                              symbol="o")
        for item in (self.diagonal, self.forward_points, self.central_points, self.kink_points):
            self.plot_item.addItem(item)
        self.plot_title = QLabel()
        self.plot_title.setTextFormat(Qt.RichText)
        self.plot_title.setWordWrap(True)  # at presentation size its width would take the table's half
        self.legend = legend = QLabel(_legend_html())
        legend.setTextFormat(Qt.RichText)
        legend.setWordWrap(True)
        # the legend and the scatter's title are read from the back of the room as the table is
        self._scaled_text = ScaledText(self.table, self.costs, self.kinks, self.message, heading, self.formula,
                                       legend, self.plot_title)
        right = QVBoxLayout()
        right.addWidget(self.plot_title)
        right.addWidget(legend)
        right.addWidget(self.plot, 1)
        right_widget = QWidget()
        right_widget.setLayout(right)

        self.split = QSplitter(Qt.Horizontal)
        self.split.addWidget(left_widget)
        self.split.addWidget(right_widget)
        self.split.setSizes([600, 600])   # halves: the table needs about 480 px at a 1024 px screen
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(self.split, 1)

        self.background = Background(self)
        self._show_busy = progress_controls(self.background, self.progress, self.cancel)
        self.background.finished.connect(self.show_result)
        self.background.failed.connect(self._failed)
        self.background.cancelled.connect(self._cancelled)
        self.run.clicked.connect(self.start)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._busy(False)
        self._selection_changed()
        screen_fit.size_window(self, 1200, 720)

    def rescaled(self) -> None:
        """Presentation mode began or ended: the table and the sentences under it at its scale."""
        self._scaled_text.apply()
        self._selection_changed()                 # the title's tensor name has a size of its own
        self.table.resizeRowsToContents()
        larger = plots.current_scale() > 1.0      # the table's larger text needs more of the width
        self.split.setSizes([630, 370] if larger else [600, 600])
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The verdict column takes what the others leave. Qt stretches it only when the table is resized, so
        after the other columns grew to new rows or a larger font it kept its old width, one column too wide
        for the view (a horizontal scroll bar in presentation mode)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)

    # -- running ----------------------------------------------------------------------------------------------
    def start(self) -> None:
        try:
            net, X, y, loss = self.prepare()
            refuse_untrainable(net)
        except (ProjectError, DataError, SpecError) as exc:
            self.message.setText(str(exc))
            return
        n = min(self.samples.value(), len(X))
        X, y = X[:n], y[:n]
        h, most = float(self.step.currentData()), self.entries.value()
        self._asked = (n, self.step.currentText())
        self.message.clear()
        self._busy(True)
        self.background.start(lambda progress: compare(net, X, y, loss, eps=h, max_entries=most, progress=progress))

    def _busy(self, on: bool) -> None:
        self.run.setEnabled(not on)
        self._show_busy(on)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.message.setText(message)

    def _cancelled(self) -> None:
        self._busy(False)
        self.message.setText(self.tr("Check cancelled."))

    # -- showing ----------------------------------------------------------------------------------------------
    def show_result(self, result: Comparison) -> None:
        self._busy(False)
        self.result = result
        self.samples_used, self.step_used = self._asked
        tensors = list(result.tensors.values())
        self.table.setRowCount(len(tensors))
        for row, c in enumerate(tensors):
            whole = int(np.prod(c.shape))
            entries = str(whole) if c.index.size == whole else self.tr("{0} of {1}").format(c.index.size, whole)
            kinks = int(c.kink.sum())
            verdict = self.tr("ok") if c.central_error <= TOLERANCE else self.tr("MISMATCH")
            for col, text in enumerate((c.key, entries, f"{c.central_error:.1e}", f"{c.forward_error:.1e}",
                                        str(kinks), verdict)):
                item = QTableWidgetItem(text)
                if col in (1, 2, 3, 4):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if col == 5 and c.central_error > TOLERANCE:
                    item.setForeground(pg.mkColor(*KINK))
                self.table.setItem(row, col, item)
        self._fit_columns()
        self.costs.setText(self.cost_text(result))
        total_kinks = sum(int(c.kink.sum()) for c in tensors)
        self.kinks.setText(self.tr(
            "{0} entries sit at a kink, where the slope jumps (a ReLU input at exactly 0, a tie in a max-pool "
            "window): a finite difference there averages the two sides, while backpropagation takes one side's "
            "slope, as every framework does. They are circled in red and left out of the errors.").format(total_kinks)
            if total_kinks else self.tr("No entry sits at a kink (a ReLU input at exactly 0, a max-pool tie)."))
        if tensors:
            self.table.selectRow(0)

    def cost_text(self, result: Comparison) -> str:
        """What each method cost: passes and measured time (why numerical gradients are not used to train)."""
        tensors = result.tensors.values()
        n = sum(c.index.size for c in tensors)
        weights = sum(int(np.prod(c.shape)) for c in tensors)
        up = sum(c.seconds_up for c in tensors)
        down = sum(c.seconds_down for c in tensors)
        back = result.backprop_seconds
        lines = [
            self.tr("<b>Backpropagation</b>: 1 forward + 1 backward pass gives all {0} gradients: {1}.").format(
                weights, _seconds(back)),
            self.tr("<b>Central differences</b> (f(w+h) − f(w−h)) / 2h: 2 forward passes per weight, {0} passes "
                    "for {1} entries: {2}.").format(2 * n, n, _seconds(up + down)),
            self.tr("<b>Forward differences</b> (f(w+h) − f(w)) / h: 1 pass per weight, {0} passes: {1}; "
                    "half the cost, but its error shrinks only like h, not h².").format(n + 1, _seconds(up)),
        ]
        if back > 0 and n:
            per_weight = (up + down) / n
            lines.append(self.tr("Every training step needs the gradient of all {0} weights: numerically that "
                                 "is about {1} times the cost of backpropagation.").format(
                weights, f"{per_weight * weights / back:,.0f}"))
        return "<br>".join(lines)

    def selected(self) -> TensorComparison | None:
        rows = self.table.selectionModel().selectedRows() if self.result is not None else []
        if not rows:
            return None
        return list(self.result.tensors.values())[rows[0].row()]

    def _selection_changed(self) -> None:
        c = self.selected()
        if c is None:
            for item in (self.central_points, self.forward_points, self.kink_points, self.diagonal):
                item.setData([], [])
            self.plot_title.setText("" if self.result is not None else self.tr(
                "Press Check: each entry's numerical gradient is drawn against backpropagation's, on y = x."))
            return
        self.central_points.setData(c.analytic, c.central)
        self.forward_points.setData(c.analytic, c.forward)
        self.kink_points.setData(c.analytic[c.kink], c.central[c.kink])
        values = np.concatenate([c.analytic, c.central, c.forward])
        lo, hi = float(values.min(initial=0.0)), float(values.max(initial=0.0))
        pad = 0.05 * (hi - lo) or 1e-6
        self.diagonal.setData([lo - pad, hi + pad], [lo - pad, hi + pad])
        self.plot_item.setRange(xRange=(lo - pad, hi + pad), yRange=(lo - pad, hi + pad), padding=0)
        self.plot_title.setText(self.tr("<b style='font-size:12pt'>{0}</b>: {1} entries, on {2} samples, h = {3}")
                                .format(c.key, c.index.size, self.samples_used, self.step_used)
                                .replace("font-size:12pt", f"font-size:{12 * plots.current_scale():g}pt"))

    def clear(self) -> None:
        """Forget the check shown (and stop one running): the window opened another project."""
        self.background.stop()
        self._busy(False)
        self.result = None
        self.table.setRowCount(0)
        for label in (self.costs, self.kinks, self.message):
            label.clear()
        self._selection_changed()           # the empty plot says what Check will draw
        for item in (self.diagonal, self.forward_points, self.central_points, self.kink_points):
            item.setData([], [])

    def closeEvent(self, event) -> None:
        self.background.stop()
        super().closeEvent(event)


def refuse_untrainable(net) -> None:
    """SpecError when a layer's activation has no gradient (step, sign: the perceptron rule trains those)."""
    for node_id, layer in net.layers.items():
        if layer.ACTIVATED and not layer.activation.differentiable:
            raise SpecError(_tr("Node '{0}' uses the '{1}' activation, which has no gradient (it is trained by the "
                                "perceptron rule, not by backpropagation): nothing to check.").format(
                node_id, layer.activation.name), node_id)


def project_samples(window):
    """(network, X, y, loss) of the window's project: its network with the current weights, training data."""
    from nnstudio.project import runner
    window.spec_to_project()  # the document's latest edits into the project
    prepared = runner.prepare(window.project)
    return prepared.network, prepared.X, prepared.y, prepared.loss


def open_gradcheck_view(window) -> GradcheckView:
    """Show the view (one per main window), raising it when it is already open."""
    view = window.findChild(GradcheckView, "gradcheck_view")
    if view is None:
        view = GradcheckView(window, prepare=lambda: project_samples(window))
        window.projectReplaced.connect(view.clear)    # its table described the other project's network
        match_scale(view)                             # opened during presentation mode: at its scale
    view.show()
    view.raise_()
    view.activateWindow()
    return view
