"""Runs side by side: one metric's curves for every run of the project, and a table of their figures.

Train solid, validation dashed, one colour per run; the legend sits under the x axis (never over a curve). The x
axis counts epochs, training samples seen, or seconds (a run's wall time spread over its epochs): the SGD vs
batch lesson needs all three. The table (sortable) gives each run's final and best value of the metric, epochs
and wall time. The figures come from ``nnstudio.project.compare`` (``x_values``, ``summarize``); the runs from
``nnstudio.project.runs.all_runs``.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from nnstudio.project import compare, goals, runs

from . import run_names, screen_fit
from .activation_explorer import COLORS
from .plots.base import OutsideLegend, style_plot
from .plots.curves import METRIC_LABELS

METRICS = ("loss", "accuracy", "mae", "rmse", "r2")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunsComparison", text)


def _axis_names() -> dict[str, str]:
    return {"epochs": _tr("epochs"), "samples": _tr("samples seen"), "seconds": _tr("seconds")}


class _Number(QTableWidgetItem):
    """A table cell that sorts by its number (empty cells last)."""

    def __init__(self, value: float | None, text: str):
        super().__init__(text)
        self.value = value
        self.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)

    def __lt__(self, other):
        mine = float("inf") if self.value is None else self.value
        theirs = float("inf") if getattr(other, "value", None) is None else other.value
        return mine < theirs


def _figure(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3e}" if value != 0 and abs(value) < 1e-3 or abs(value) >= 1e6 else f"{value:.4f}"


class RunsComparison(QWidget):
    """A window of its own over ``project_source()`` (called on refresh: the window's current project).
    ``commands`` (the window's WindowTraining: switch_run, rename_run, pin_run, delete_run, each one undo step)
    and ``compare`` (opens the Compare variants dialog) add the buttons that act on the selected run."""

    def __init__(self, project_source, parent=None, commands=None, compare=None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Compare runs"))
        self.setObjectName("runs_comparison")
        self.project_source = project_source
        self.commands = commands
        self.metric_box = QComboBox()
        self.metric_box.setAccessibleName(self.tr("Metric"))
        self.axis_box = QComboBox()
        self.axis_box.setAccessibleName(self.tr("X axis"))
        for key, name in _axis_names().items():
            self.axis_box.addItem(name, key)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.plot = pg.PlotWidget(background="w")
        self.plot_item = self.plot.getPlotItem()
        self.legend = OutsideLegend(self.plot_item)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("run"), self.tr("final"), self.tr("best"), self.tr("epochs"),
                                              self.tr("wall time (s)")])
        # the figures' columns as wide as their headers ("final validation loss") and numbers, the run names
        # take the rest: at a fixed 100 px a header was cut on both sides ("al validation lo")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)   # the runs' own order first
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.buttons = {}
        actions = QHBoxLayout()
        if compare is not None:
            self.buttons["compare"] = QPushButton(self.tr("Compare variants…"))
            self.buttons["compare"].clicked.connect(compare)
            actions.addWidget(self.buttons["compare"])
        actions.addStretch(1)
        if commands is not None:
            for key, text, slot in (("switch", self.tr("Make current"), self._switch),
                                    ("rename", self.tr("Rename…"), self._rename),
                                    ("pin", self.tr("Pin"), self._pin),
                                    ("delete", self.tr("Delete"), self._delete)):
                self.buttons[key] = QPushButton(text)
                self.buttons[key].clicked.connect(slot)
                actions.addWidget(self.buttons[key])
            self.buttons["switch"].setToolTip(self.tr("Its weights, curves, network and settings become the "
                                                      "window's (Edit ▸ Undo goes back)"))
            self.buttons["pin"].setToolTip(self.tr("A pinned run is never let go to make room for new ones"))
            self.table.itemSelectionChanged.connect(self._selection_changed)
        table_part = QWidget()
        table_layout = QVBoxLayout(table_part)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addLayout(actions)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Metric:")))
        bar.addWidget(self.metric_box)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("X axis:")))
        bar.addWidget(self.axis_box)
        bar.addStretch(1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.plot)
        split.addWidget(table_part)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)
        self.metric_box.currentIndexChanged.connect(self.redraw)
        self.axis_box.currentIndexChanged.connect(self.redraw)
        screen_fit.size_window(self, 900, 640)
        self.refresh()

    # ---- acting on the selected run (through the window's undoable commands) ---------------------------
    def selected_run(self) -> runs.Run | None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1:
            return None
        run_id = self.table.item(rows.pop(), 0).data(Qt.UserRole)
        return next((r for r in self.runs() if r.id == run_id), None)

    def select(self, run_id: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.UserRole) == run_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        run = self.selected_run()
        current = run is not None and run.id == self.project_source().run.id
        self.buttons["switch"].setEnabled(run is not None and not current)
        for key in ("rename", "pin", "delete"):
            self.buttons[key].setEnabled(run is not None)
        self.buttons["pin"].setText(self.tr("Unpin") if run is not None and run.info.pinned else self.tr("Pin"))

    def _switch(self) -> None:
        if (run := self.selected_run()) is not None:
            self.commands.switch_run(run.id)

    def _rename(self) -> None:
        if (run := self.selected_run()) is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename run"), self.tr("Name:"), QLineEdit.Normal,
                                        run_names.shown(run.name))
        name = run_names.stored(name, run.name) if ok else ""
        if name and name != run.name:    # the shown name confirmed unchanged: an automatic name stays automatic
            self.commands.rename_run(run.id, name)

    def _pin(self) -> None:
        if (run := self.selected_run()) is not None:
            self.commands.pin_run(run.id, not run.info.pinned)

    def _delete(self) -> None:
        if (run := self.selected_run()) is not None:
            self.commands.delete_run(run.id)

    # ---- reading the project ---------------------------------------------------------------------------
    def runs(self) -> list[runs.Run]:
        return [r for r in runs.all_runs(self.project_source()) if r.history]

    def refresh(self) -> None:
        """Read the runs again (after training, a compare, or opening another project); the selection stays."""
        chosen_run = self.selected_run() if self.commands is not None else None
        available = []
        for run in self.runs():
            for key in run.history:
                base = key.removeprefix("val_")
                if base in METRICS and base not in available:
                    available.append(base)
        chosen = self.metric_box.currentData()
        self.metric_box.blockSignals(True)
        self.metric_box.clear()
        for key in sorted(available, key=METRICS.index):
            self.metric_box.addItem(_metric_words(key), key)
        if chosen in available:
            self.metric_box.setCurrentIndex(self.metric_box.findData(chosen))
        self.metric_box.blockSignals(False)
        self.redraw()
        if chosen_run is not None:
            self.select(chosen_run.id)
        if self.commands is not None:
            self._selection_changed()

    # ---- drawing ---------------------------------------------------------------------------------------
    def redraw(self) -> None:
        metric = self.metric_box.currentData()
        axis = self.axis_box.currentData()
        self.plot_item.clear()
        self.legend.clear()
        shown = self.runs()
        words = _metric_words(metric) if metric else ""
        style_plot(self.plot_item, title=words, x_label=_axis_names()[axis], y_label=words)
        for side in ("left", "bottom"):
            # pyqtgraph 0.14 scales a unitless axis spanning at most 1 by 1000 even with the SI prefix off
            # (updateAutoSIPrefix ignores the switch, setLabel resets the ranges): none may enable it
            self.plot_item.getAxis(side).setSIPrefixEnableRanges(((math.inf, math.inf),))
        missing = []
        self.curves: dict[tuple[str, str], pg.PlotDataItem] = {}
        for i, run in enumerate(shown):
            color = COLORS[i % len(COLORS)]
            x = compare.x_values(run, axis)
            if x is None:
                missing.append(run_names.shown(run.name))
                continue
            for key, style in ((metric, Qt.SolidLine), (f"val_{metric}", Qt.DashLine)):
                values = (run.history or {}).get(key)
                if not values:
                    continue
                pen = pg.mkPen(color, width=2, style=style)
                label = run_names.shown(run.name)
                label = label if key == metric else self.tr("{0} (validation)").format(label)
                self.curves[(run.id, key)] = self.plot_item.plot(x[:len(values)], values, pen=pen, name=label,
                                                                 connect="finite")
        notes = [self.tr("Solid: training; dashed: validation.")]
        if axis == "seconds":
            notes.append(self.tr("Seconds spread each run's wall time evenly over its epochs."))
        if missing:
            notes.append(self.tr("Not drawn (this axis was not recorded): {0}.").format(", ".join(missing)))
        if not shown:
            notes = [self.tr("No run has been trained yet: train, or compare variants with "
                             "'nnstudio compare'.")]
        self.note.setText(" ".join(notes))
        self._fill_table(shown, metric)

    def _fill_table(self, shown: list[runs.Run], metric: str | None) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(shown))
        key = f"val_{metric}" if any(f"val_{metric}" in (r.history or {}) for r in shown) else metric
        words = goals.metric_name(key) if key else ""      # "validation loss", not "val_loss"
        self.table.horizontalHeaderItem(1).setText(self.tr("final {0}").format(words))
        self.table.horizontalHeaderItem(2).setText(self.tr("best {0}").format(words))
        for row, run in enumerate(shown):
            s = compare.summarize(run, key) if key else None
            called = run_names.shown(run.name)
            name = QTableWidgetItem(self.tr("{0} (pinned)").format(called) if run.info.pinned else called)
            name.setData(Qt.UserRole, run.id)
            if run.id == self.project_source().run.id:
                font = name.font()
                font.setBold(True)       # the current run: the window's weights and curves
                name.setFont(font)
                name.setToolTip(self.tr("The current run"))
            name.setForeground(pg.mkColor(COLORS[row % len(COLORS)]))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, _Number(s and s.final, _figure(s and s.final)))
            self.table.setItem(row, 2, _Number(s and s.best, _figure(s and s.best)))
            self.table.setItem(row, 3, _Number(run.epochs, str(run.epochs)))
            self.table.setItem(row, 4, _Number(run.info.seconds, f"{run.info.seconds:.2f}"))
        self.table.setSortingEnabled(True)
        rows = min(max(len(shown), 1), 6)       # up to six runs in view without scrolling
        self.table.setMinimumHeight(self.table.horizontalHeader().height() + rows * self.table.verticalHeader()
                                    .defaultSectionSize() + 4)


def open_runs_view(window) -> RunsComparison:
    """Show the comparison (one per main window) over the window's project, raising and refreshing it."""
    view = window.findChild(RunsComparison, "runs_comparison")
    if view is None:
        from .variants_dialog import open_variants_dialog

        view = RunsComparison(lambda: window.project, window, commands=window.training,
                              compare=lambda: open_variants_dialog(window))
        window.projectReplaced.connect(view.refresh)
        window.training.runsChanged.connect(view.refresh)
        window.projectModified.connect(view.refresh)
    else:
        view.refresh()
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def _metric_words(key: str) -> str:
    """A history key as the curves name it ("loss" -> 损失 in Chinese), not the key itself."""
    return QCoreApplication.translate("CurvePlot", METRIC_LABELS[key]) if key in METRIC_LABELS else key
