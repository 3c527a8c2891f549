"""Where the training panels and live views sit in the window: the default layout, made for a projector.

Layout only: what the panels do is wired in attach.py.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QScrollArea, QTabBar

from nnstudio.gui import settings


LESSON_MIN_W, LESSON_MAX_W = 200, 280      # the Lesson column's default width, by the window's
# of the height, for the views under the canvas: the decision boundary is a square as tall as that row
# allows, and a network's chain of cards needs less height than width
BOTTOM_SHARE = 0.42


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainingDocks", text)


class _OnResize(QObject):
    """Calls ``callback`` whenever ``window`` is resized."""

    def __init__(self, window, callback):
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._callback()
        return False


class TrainingDocks:
    """The Data and Training docks and the live views' docks of one window, and their default layout."""

    def __init__(self, window, data_panel, panel, views, timeline=None):
        self.window = window
        self.views = views
        self.data_dock = QDockWidget(_tr("Data"), window)
        self.data_dock.setObjectName("DataDock")
        self.data_dock.setWidget(_scrolling(data_panel))
        self.train_dock = QDockWidget(_tr("Training"), window)
        self.train_dock.setObjectName("TrainingDock")
        self.train_dock.setWidget(_scrolling(panel))
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        window.add_panel(self.data_dock, left)
        window.add_panel(self.train_dock, left)
        for dock, area in views.make_docks(window):
            window.add_panel(dock, area)
        self.timeline_dock = None
        if timeline is not None:
            self.timeline_dock = QDockWidget(_tr("Timeline"), window)
            self.timeline_dock.setObjectName("TimelineDock")
            self.timeline_dock.setWidget(timeline)
            window.add_panel(self.timeline_dock, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.left_docks: list[QDockWidget] = []
        self.bottom_heads: list[QDockWidget] = []
        self.groups: list[list[QDockWidget]] = []
        self._restored_layout = False
        self._refit_due = False
        self.arrange()
        for name in ("FiltersDock", "ForecastDock", "HiddenStateDock", "ThroughTimeDock"):
            if name in views.docks:          # shown by the views when a session finds they apply
                views.docks[name].visibilityChanged.connect(self._refit_later)
        for group in self.groups:            # a title that grows ("Problems (1)") may no longer fit
            for dock in group:
                dock.windowTitleChanged.connect(self._refit_later)
        # and a window made smaller (maximized on a 1024 px projector after it opened larger, or resized)
        self._resizes = _OnResize(window, self._refit_later)

    def arrange(self) -> None:
        """The default layout: the canvas gets the middle and most of the window.

        Left, full height: the layer palette with Data as a tab beside it, Training (with Inspector) below.
        Bottom, under the canvas, three tab groups side by side: the predictions (with History), the loss
        (with weights, filters, gradients and activations) and the accuracy (with the histograms, Summary and
        Problems), so the two curves and the decision boundary are visible at once. A saved layout (restored
        by the window) wins over this one."""
        w = self.window
        docks = w.docks
        v = self.views.docks
        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        w.setCorner(Qt.Corner.TopLeftCorner, left)          # the left column runs the full height
        w.setCorner(Qt.Corner.BottomLeftCorner, left)
        palette = docks.get("palette_dock")
        if palette is not None:
            w.tabifyDockWidget(palette, self.data_dock)
            palette.raise_()
        inspector = docks.get("inspector_dock")
        if inspector is not None:                # a tall column suits its forms and function plots
            w.removeDockWidget(inspector)
            w.addDockWidget(left, inspector)
            w.tabifyDockWidget(self.train_dock, inspector)
            inspector.show()
            self.train_dock.raise_()
        groups = [[v["PredictionDock"], v["ForecastDock"], v["HiddenStateDock"], v["MistakesDock"],
                   docks.get("history_dock")],
                  [v["LossDock"], v["WeightsDock"], v["FiltersDock"], v["GradientsDock"], v["ThroughTimeDock"],
                   v["ActivationsDock"]],
                  [v["MetricDock"], v["WeightHistDock"], docks.get("summary_dock"), docks.get("problems_dock")]]
        groups = [[d for d in g if d is not None] for g in groups]
        # re-added from scratch: Qt turns a split of a tabbed dock into one more tab, so the heads are
        # placed and split first and the rest tabbed onto them
        for g in groups:
            for d in g:
                w.removeDockWidget(d)
        heads = [g[0] for g in groups]
        w.addDockWidget(bottom, heads[0])
        for before, head in zip(heads, heads[1:]):
            w.splitDockWidget(before, head, Qt.Orientation.Horizontal)
        for g in groups:
            for d in g:
                d.show()
            for d in g[1:]:
                w.tabifyDockWidget(g[0], d)
        self.hide_inapplicable()
        for head in heads:
            head.raise_()
        if self.timeline_dock is not None:
            # under the three groups, as wide as they are together
            w.removeDockWidget(self.timeline_dock)
            w.addDockWidget(bottom, self.timeline_dock, Qt.Orientation.Vertical)
            self.timeline_dock.show()
        self.left_docks = [d for d in (palette, self.train_dock) if d is not None]
        self.bottom_heads = heads
        self.groups = groups
        self._restored_layout = settings.saved_layout() is not None
        if settings.saved_layout() is None:
            # now, so a layout saved before the window shows (the welcome page's) has the sizes, and again
            # once the window has its real geometry
            w.layout().activate()
            self._size()
            QTimer.singleShot(0, w, self._size)

    def hide_inapplicable(self) -> None:
        """The conditional docks (filters, forecast, hidden state, through time) shown only as the latest
        session found them to apply: a session on a network they apply to shows them. Also after a saved
        layout is restored, which may have been saved with them open for another network."""
        closed = []
        for name, applies in self.views.applies.items():
            dock = self.views.docks[name]
            if dock.isVisibleTo(self.window) and not applies:
                closed.append(dock)
            dock.setVisible(applies)
        for head in self.bottom_heads:     # a closed tab's group shows its head (boundary, loss, accuracy)
            if any(d in self.window.tabifiedDockWidgets(head) for d in closed):
                head.raise_()
        self.refit()

    def _size(self) -> None:
        """Sizes for the window as it is: a left column just wide enough for its forms, a bottom row of
        BOTTOM_SHARE of the height split evenly, the Lesson a fifth of the width, and the rest (the largest
        area) for the canvas."""
        w = self.window
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        left_w = self.train_dock.minimumSizeHint().width()
        if self.left_docks:
            w.resizeDocks([self.left_docks[0]], [left_w], horizontal)
        if len(self.left_docks) == 2:
            top = max(int(w.height() * 0.34), 260)
            w.resizeDocks(self.left_docks, [top, w.height() - top], vertical)
        lesson = w.docks.get("lesson_dock")
        if lesson is not None and lesson.isVisible():
            # a fifth of a projector's 1024 px: the notes wrap a little more, the canvas keeps its room
            w.resizeDocks([lesson], [min(max(w.width() // 5, LESSON_MIN_W), LESSON_MAX_W)], horizontal)
        heads = self.bottom_heads
        w.resizeDocks([heads[0]], [max(int(w.height() * BOTTOM_SHARE), 280)], vertical)
        gaps = w.style().pixelMetric(w.style().PixelMetric.PM_DockWidgetSeparatorExtent) * len(heads)
        w.resizeDocks(heads, self._fit_tabs(w.width() - left_w - gaps), horizontal)
        QTimer.singleShot(0, w.canvas, w.canvas.fit_all)     # once the new sizes are laid out: the whole network

    def _fit_tabs(self, room: int) -> list[int]:
        """The bottom groups' widths in ``room``: each as wide as its tab titles need, the rest shared out, so
        no group hides a tab behind scroll arrows. When the titles cannot all fit (1024 px in English), History
        and Activations join Training and Inspector, Summary and Problems join Layers and Data: the left column
        is tall and has room for their tabs, and the predictions keep their width. A window wide enough has
        them back under the canvas."""
        homes = self._side_homes()
        fronts = [d for d in self.window.findChildren(QDockWidget)
                  if d.isVisible() and not d.visibleRegion().isEmpty()]
        changed = False
        for moved in (0, len(homes)):
            for i, (dock, wide_home, narrow_home) in enumerate(homes):
                changed |= self._place(dock, narrow_home if i < moved else wide_home, wide_home)
            if sum(self._tab_needs()) <= room:
                break
        if changed:           # the tabs in front stay in front: a moved dock must not cover the one chosen
            for d in fronts or [*self.left_docks, *self.bottom_heads]:
                d.raise_()
        needs = self._tab_needs()
        if sum(needs) > room:
            return [max(room * n // sum(needs), 1) for n in needs]   # titles elide (theme.style_sheet)
        # as even as the titles allow: a group whose titles need more than an even share keeps that, the
        # others share the rest equally
        held: set[int] = set()
        while True:
            free = [i for i in range(len(needs)) if i not in held]
            level = (room - sum(needs[i] for i in held)) // len(free)
            over = {i for i in free if needs[i] > level}
            if not over:
                return [needs[i] if i in held else level for i in range(len(needs))]
            held |= over

    def _place(self, dock, home, wide_home) -> bool:
        """``dock`` tabbed onto ``home``; whether it moved."""
        w = self.window
        group = next(g for g in self.groups if wide_home in g)
        if dock in w.tabifiedDockWidgets(home):
            return False
        visible = not dock.isHidden()
        # removed first: tabifyDockWidget alone leaves a dock of another area where it was
        w.removeDockWidget(dock)
        w.addDockWidget(w.dockWidgetArea(home), dock)
        w.tabifyDockWidget(home, dock)
        dock.setVisible(visible)
        if home is wide_home and dock not in group:
            group.append(dock)
        elif home is not wide_home and dock in group:
            group.remove(dock)
        return True

    def _side_homes(self) -> list[tuple]:
        """(dock, its group's head under the canvas, its place in the left column on a narrow window), in the
        order they move."""
        w, v = self.window, self.views.docks
        palette = w.docks.get("palette_dock") or self.train_dock
        homes = [(w.docks.get("history_dock"), v["PredictionDock"], self.train_dock),
                 (w.docks.get("summary_dock"), v["MetricDock"], palette),
                 (w.docks.get("problems_dock"), v["MetricDock"], palette),
                 (v["ActivationsDock"], v["LossDock"], self.train_dock)]
        return [h for h in homes if h[0] is not None]

    def _refit_later(self, *_) -> None:
        if not self._refit_due and shiboken6.isValid(self.window):     # not while the window is destroyed
            self._refit_due = True
            QTimer.singleShot(0, self.window, self.refit)

    def refit(self) -> None:
        """After views appear or go (a CNN's Filters, a recurrent network's sequence views): the default
        layout's bottom row re-fitted to its tabs if one of them no longer fits. A saved layout is the user's."""
        self._refit_due = False
        if self._restored_layout or not self.bottom_heads or self.window.presentation.active:
            return
        needs = self._tab_needs()
        heads = self.bottom_heads
        if all(n <= h.width() for n, h in zip(needs, heads)) and len(needs) == len(heads):
            return
        self.window.resizeDocks(heads, self._fit_tabs(sum(h.width() for h in heads)), Qt.Orientation.Horizontal)

    def _tab_needs(self) -> list[int]:
        """How wide each bottom group's tab row is with every visible tab's title in full."""
        probe = QTabBar(self.window)          # a child of the window: the window's style sheet applies
        probe.hide()
        needs = []
        for g in self.groups:
            shown = [d for d in g if not d.isHidden() or d in self.bottom_heads]
            while probe.count():
                probe.removeTab(0)
            for d in shown:
                probe.addTab(d.windowTitle())
            needs.append(sum(probe.tabSizeHint(i).width() for i in range(probe.count())) if len(shown) > 1 else 0)
        probe.deleteLater()
        return needs

    def show_all_views(self, has_filters: bool) -> None:
        """Every live view open: each dock shown in its tab group, conv filters only when the network has
        image filters, the sequence views only for a recurrent one (as the latest session found), and the
        boundary, loss and accuracy tabs in front. Views behind another tab skip their redraws and catch up
        from the latest snapshot when their tab is chosen."""
        v = self.views.docks
        self.views.applies["FiltersDock"] = has_filters
        for name, dock in v.items():
            applies = self.views.applies.get(name, True)
            dock.setEnabled(applies)
            if applies:
                dock.show()
        for name in ("PredictionDock", "LossDock", "MetricDock"):
            v[name].raise_()
        self.refit()

    def floating(self) -> list:
        """The live views floating in windows of their own (a training frame paints them too)."""
        return [d for d in self.views.docks.values() if d.isFloating()]


def _scrolling(widget):
    area = QScrollArea()
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)   # fit the dock's width
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    # as wide as the form needs (combo boxes read in full) plus room for the vertical scroll bar
    bar = area.style().pixelMetric(area.style().PixelMetric.PM_ScrollBarExtent)
    area.setMinimumWidth(widget.minimumSizeHint().width() + bar + 4)
    return area
