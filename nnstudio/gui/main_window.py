"""The studio window: canvas in the middle, palette, inspector, summary and problems in docks.

The window owns the current Project, one Document over its spec, and the undo stack; every edit goes
through ``self.editor``. Training panels attach themselves through the hooks documented in
docs/architecture.md (``add_panel``, ``set_structure_locked``, ``projectReplaced``, ...).
"""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QStackedWidget,
                               QTabBar, QUndoView, QWidget)

import nnstudio
from nnstudio.document import Document, overlapping
from nnstudio.document.layout import COLUMN_GAP, ROW_GAP, arrange
from nnstudio.project import Project

from . import actions, lesson_panel, presentation, settings, theme
from .canvas import CanvasScene, CanvasView
from .canvas import clipboard
from .canvas.clipboard import from_mime, to_mime
from .drawing_pad import add_drawing_pad
from .editor import Editor
from .files import FileActions
from .icons import icon
from .inspector import InspectorPanel
from .palette import Palette
from .problems_dock import ProblemsPanel
from .summary_dock import SummaryPanel
from .weight_edits import WeightEdits
from .welcome import WelcomePage

DEFAULT_SIZE = (1400, 900)  # on a smaller screen the window opens maximized (screen_fit.show_main)

SHORTCUTS_HTML = QT_TRANSLATE_NOOP("MainWindow", """
<h3>Building</h3>
<table cellspacing=4>
<tr><td>Drag a palette entry onto the canvas</td><td>add that layer there</td></tr>
<tr><td>Double-click a palette entry (or Enter)</td><td>add it after the selected layer, connected</td></tr>
<tr><td>Drag from a card's right port to another card</td><td>connect them</td></tr>
<tr><td>Select a connection, then Del</td><td>disconnect</td></tr>
<tr><td>Del</td><td>delete the selection</td></tr>
<tr><td>Ctrl+C / Ctrl+X / Ctrl+V / Ctrl+D</td><td>copy / cut / paste / duplicate</td></tr>
<tr><td>Ctrl+A</td><td>select every layer</td></tr>
<tr><td>Ctrl+L</td><td>arrange left to right</td></tr>
<tr><td>Ctrl+Z / Ctrl+Shift+Z</td><td>undo / redo</td></tr>
</table>
<h3>Looking around</h3>
<table cellspacing=4>
<tr><td>Mouse wheel, Ctrl++ / Ctrl+-</td><td>zoom</td></tr>
<tr><td>Ctrl+0 / Ctrl+1</td><td>fit the network / actual size</td></tr>
<tr><td>Middle-drag, or hold Space and drag</td><td>pan</td></tr>
<tr><td>Drag on empty canvas / Ctrl+click</td><td>select several layers</td></tr>
</table>
""")


class MainWindow(QMainWindow):
    projectReplaced = Signal()
    projectModified = Signal()   # from mark_modified: data, settings, weights or history (a run recorded)

    def __init__(self, project: Project | None = None, parent=None, panels: bool = True):
        """``panels=False`` skips the training panels (editor-only tests start faster without them)."""
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowIcon(icon("app"))
        self.project: Project = project or Project.new()
        self._tidy_layout(self.project)
        self.document = Document(self.project.spec)
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(self.document, self.undo_stack, self)
        self._extra_modified = False
        self._last_selection: list[str] = []
        self._panels_state: QByteArray | None = None  # dock layout saved while "Canvas Only" is on
        self._welcome_state: QByteArray | None = None  # dock layout saved while the welcome page shows

        self.scene = CanvasScene(self.editor, self)
        self.canvas = CanvasView(self.scene)
        self.welcome = WelcomePage()
        self.central = QStackedWidget()
        self.central.addWidget(self.canvas)
        self.central.addWidget(self.welcome)
        self.setCentralWidget(self.central)

        self.files = FileActions(self)
        self.palette = Palette()
        self.weight_edits = WeightEdits(self)
        self.inspector = InspectorPanel(self.editor, self.weight_edits)
        self.summary = SummaryPanel(self.document)
        self.problems = ProblemsPanel(self.document)
        self.history = QUndoView(self.undo_stack)
        self.history.setEmptyLabel(self.tr("Opened project"))
        self.history.setAccessibleName(self.tr("Edit history"))

        self.presentation = presentation.Presentation(self)
        self.actions = actions.build(self)
        self.docks: dict[str, QDockWidget] = {}
        self.add_panel(self._dock(self.tr("Layers"), "palette_dock", self.palette), Qt.LeftDockWidgetArea)
        self.add_panel(self._dock(self.tr("Inspector"), "inspector_dock", self.inspector), Qt.RightDockWidgetArea)
        self.add_panel(self._dock(self.tr("History"), "history_dock", self.history), Qt.RightDockWidgetArea)
        self.add_panel(self._dock(self.tr("Summary"), "summary_dock", self.summary), Qt.BottomDockWidgetArea)
        self.add_panel(self._dock(self.tr("Problems"), "problems_dock", self.problems), Qt.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["summary_dock"], self.docks["problems_dock"])
        self.tabifyDockWidget(self.docks["inspector_dock"], self.docks["history_dock"])
        self.docks["inspector_dock"].raise_()
        self.docks["summary_dock"].raise_()
        self.resizeDocks([self.docks["palette_dock"], self.docks["inspector_dock"]], [215, 320], Qt.Horizontal)
        self.resizeDocks([self.docks["summary_dock"]], [190], Qt.Vertical)

        self.zoom_label = QLabel(self.tr("Zoom {0}%").format(100))   # a bare "52%" read as a score
        self.problem_label = QLabel()
        self.statusBar().addPermanentWidget(self.problem_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._connect()
        self.refresh_recent()
        self.problems.refresh()  # again: its first count was emitted before the status bar listened
        self._update_title()
        self.resize(*DEFAULT_SIZE)
        self.setStyleSheet(theme.style_sheet())
        self.setAcceptDrops(True)  # a .nnproj dropped anywhere on the window (welcome page, docks) opens

        if panels and importlib.util.find_spec("nnstudio.gui.training.attach") is not None:
            importlib.import_module("nnstudio.gui.training.attach").attach(self)
            # while the panels were being tabbed, the docks briefly stood side by side and their summed
            # minimum widths grew the window; settle the layout and take the default size back
            self.layout().activate()
            self.resize(*DEFAULT_SIZE)
        if panels:
            add_drawing_pad(self)
        lesson_panel.attach(self)
        self._restore_settings()

    # ----- construction helpers ----------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        return dock

    def _connect(self) -> None:
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.editor.selectRequested.connect(self.scene.select_ids)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.analysisChanged.connect(self._refresh_after_analysis)
        self.scene.cardActivated.connect(self._card_activated)
        self.canvas.zoomChanged.connect(lambda z: self.zoom_label.setText(self.tr("Zoom {0}%").format(f"{z * 100:.0f}")))
        self.canvas.fileDropped.connect(self.files.open_path)
        self.palette.addRequested.connect(self.add_after_selected)
        self.problems.nodeChosen.connect(self.select_and_show)
        self.problems.countChanged.connect(self._problem_count)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_title())
        self.undo_stack.indexChanged.connect(lambda _i: self._update_title())
        self.undo_stack.undoTextChanged.connect(
            lambda t: self._set_action_text(self.actions.undo, self.tr("Undo"), t))
        self.undo_stack.redoTextChanged.connect(
            lambda t: self._set_action_text(self.actions.redo, self.tr("Redo"), t))
        self.undo_stack.canUndoChanged.connect(self.actions.undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.actions.redo.setEnabled)
        self.actions.undo.setEnabled(False)
        self.actions.redo.setEnabled(False)
        self.welcome.newRequested.connect(self.files.new)
        self.welcome.openRequested.connect(self.files.open)
        self.welcome.recipeRequested.connect(self.actions.recipe.trigger)
        self.welcome.fileChosen.connect(self.files.open_path)
        # a bound method, not a lambda: the application's style hints outlive this window, and a lambda held
        # there kept every closed window (its plots and data) alive and called into it once it was deleted
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._color_scheme_changed)

    def _color_scheme_changed(self, _scheme) -> None:
        self.apply_theme()

    @staticmethod
    def _set_action_text(action, verb: str, what: str) -> None:
        """Edit menu shows "Undo Add Dense"; the toolbar keeps the short verb."""
        action.setText(f"&{verb} {what}" if what else f"&{verb}")
        action.setIconText(verb)

    # ----- hooks for the training panels (see docs/architecture.md) ------------------------------------------
    def spec_to_project(self) -> None:
        """The project takes a copy of the document's spec (before saving). While the window is open the
        document owns the spec: read ``document.spec`` and ``document.analysis()``."""
        self.project.spec = self.document.spec

    def set_structure_locked(self, locked: bool, reason: str = "") -> None:
        """While locked the canvas refuses structural edits (moving stays allowed), with a visible banner."""
        self.editor.set_locked(locked, reason)
        self.canvas.set_banner(self.tr("Structure locked: {reason}").format(reason=reason) if locked else "")
        self.history.setEnabled(not locked)  # clicking a history line would undo past the lock

    def mark_modified(self) -> None:
        """Something outside the network (data, training settings, weights) changed and is unsaved."""
        self._extra_modified = True
        self._update_title()
        self.files.changed()
        self.projectModified.emit()

    def add_panel(self, dock: QDockWidget, area=Qt.RightDockWidgetArea) -> QDockWidget:
        """Add a dock, list it in View ▸ Panels, and let its place persist between sessions."""
        if not dock.objectName():
            dock.setObjectName(dock.windowTitle().lower().replace(" ", "_") + "_dock")
        self.addDockWidget(area, dock)
        self.docks[dock.objectName()] = dock
        self.panels_menu.addAction(dock.toggleViewAction())
        if getattr(self, "_restored", False):
            self.restoreDockWidget(dock)
        return dock

    # ----- project life cycle --------------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Replace the current project (New/Open/Revert/recovery); emits ``projectReplaced``."""
        self.scene.clearSelection()
        self.undo_stack.clear()
        self.project = project
        self._tidy_layout(project)
        self.document.reset(project.spec)
        self.undo_stack.setClean()
        self._extra_modified = False
        self._update_title()
        self.canvas.fit_all()
        self.projectReplaced.emit()

    @staticmethod
    def _tidy_layout(project: Project) -> None:
        """A file whose cards would sit on top of each other (or have no positions) opens arranged."""
        from .canvas.card import HEIGHT, WIDTH

        if project.spec.get("nodes") and overlapping(project.spec, WIDTH, HEIGHT):
            placed = arrange(project.spec)
            for node in project.spec["nodes"]:
                node["position"] = list(placed[node["id"]])

    def is_modified(self) -> bool:
        return self._extra_modified or not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()
        self._extra_modified = False
        self._update_title()

    def display_name(self, stem: bool = False) -> str:
        path = self.project.path
        if path is None:
            return self.project.title or self.tr("Untitled")
        return path.stem if stem else path.name

    def _update_title(self) -> None:
        try:
            self.undo_stack.isClean()
        except RuntimeError:  # the stack is destroyed with the window and still signals on its way out
            return
        star = "*" if self.is_modified() else ""
        self.setWindowTitle(f"{self.display_name()}{self.files.title_note()}{star} — nnstudio")
        self.actions.revert.setEnabled(self.project.path is not None)

    def refresh_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = settings.recent_files()
        for i, path in enumerate(files):
            a = menu.addAction(f"&{i + 1}  {path}")
            a.triggered.connect(lambda _checked=False, p=path: self.files.open_path(p))
        if files:
            menu.addSeparator()
            menu.addAction(self.tr("Clear Recent Files"), self._clear_recent)
        menu.setEnabled(bool(files))
        self.welcome.refresh_recent()

    def _clear_recent(self) -> None:
        settings.clear_recent()
        self.refresh_recent()

    def show_welcome(self) -> None:
        self.central.setCurrentWidget(self.welcome)
        if self._welcome_state is None:
            # the whole dock layout, tabs in front included, comes back with show_canvas
            self._welcome_state = self.saveState()
        for dock in self.docks.values():
            dock.hide()
        self.toolbar.hide()
        self.zoom_label.hide()
        self.problem_label.hide()
        self.welcome.setFocus()

    def show_canvas(self) -> None:
        if self.central.currentWidget() is self.welcome:
            if self._welcome_state is not None:
                self.restoreState(self._welcome_state)
                self._welcome_state = None
            self.toolbar.show()
            self.zoom_label.show()
            self.problem_label.show()
        self.central.setCurrentWidget(self.canvas)
        self.canvas.setFocus()
        QTimer.singleShot(0, self, self.hide_ghost_tab_bars)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.hide_ghost_tab_bars)

    def hide_ghost_tab_bars(self) -> int:
        """Hide dock tab bars Qt left behind (returns how many).

        Qt 6.12 leaves a stray copy of a dock tab bar, drawn at a stale place over the window, for each
        tabifyDockWidget made before the window is shown after the first one. A real bar sits right under
        the dock it switches, exactly as wide, and names only docks of that tab group; a copy that matches
        no dock that way is hidden.
        """
        hidden = 0
        docks = [d for d in self.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]
        for bar in self.findChildren(QTabBar):
            if bar.parent() is not self or not bar.isVisible():
                continue
            titles = {bar.tabText(i) for i in range(bar.count())}
            g = bar.geometry()
            owned = any(d.windowTitle() in titles and d.geometry().left() == g.left()
                        and d.geometry().width() == g.width() and abs(d.geometry().bottom() + 1 - g.top()) <= 2
                        and titles <= {t.windowTitle() for t in [d, *self.tabifiedDockWidgets(d)]}
                        for d in docks)
            if not owned:
                bar.hide()
                hidden += 1
        return hidden

    def set_canvas_only(self, on: bool) -> None:
        """View ▸ Canvas Only: every panel hidden (a projector wants the network big); off restores them."""
        if on and self._panels_state is None:
            self._panels_state = self.saveState()
            for dock in self.docks.values():
                dock.hide()
            QTimer.singleShot(0, self, self.canvas.fit_all)   # once the canvas has taken the freed room
        elif not on and self._panels_state is not None:
            self.restoreState(self._panels_state)
            self._panels_state = None
            QTimer.singleShot(0, self, self.canvas.fit_all)
        self.actions.canvas_only.setChecked(on)

    def on_welcome(self) -> bool:
        return self.central.currentWidget() is self.welcome

    # ----- editing commands ----------------------------------------------------------------------------------
    def undo(self) -> None:
        if self.editor.can_undo_redo(undo=True):
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.editor.can_undo_redo(undo=False):
            self.undo_stack.redo()

    def add_after_selected(self, type_name: str) -> str | None:
        """Double-click in the palette: a new layer to the right of the selected one (or, with none selected,
        of the network's last layer), wired to it and clear of every other card."""
        from .canvas.card import HEIGHT, WIDTH

        selected = self.scene.selected_ids()
        after = selected[-1] if selected else self._last_layer()
        if after is not None:
            x, y = self.document.position(after) or (0.0, 0.0)
            pos = (x + COLUMN_GAP, y)
            taken = [self.document.position(n) for n in self.document.ids()]
            while any(p is not None and abs(p[0] - pos[0]) < WIDTH and abs(p[1] - pos[1]) < HEIGHT
                      for p in taken):
                pos = (pos[0], pos[1] + ROW_GAP)  # below a card already there, not on it
        else:
            centre = self.canvas.mapToScene(self.canvas.viewport().rect().center())
            snapped = self.scene.snap(QPointF(centre.x() - 105, centre.y() - 49))
            pos = (snapped.x(), snapped.y())
        nid = self.editor.add_layer(type_name, pos, after=after)
        if nid is not None:
            self.show_canvas()
            self.canvas.ensureVisible(self.scene.cards[nid], 40, 40)
        return nid

    def _last_layer(self) -> str | None:
        """The end of the network: the most recently added layer that nothing consumes."""
        graph = self.document.graph()
        consumed = {src for src, _ in graph["edges"]}
        ends = [n["id"] for n in graph["nodes"] if n["id"] not in consumed]
        return ends[-1] if ends else None

    def delete_selection(self) -> None:
        ids, edges = self.scene.selected_ids(), self.scene.selected_edges()
        if not ids and not edges:
            self.statusBar().showMessage(self.tr("Select layers or connections to delete."), 4000)
            return
        self.editor.delete(ids, edges)

    def copy(self) -> bool:
        ids = self.scene.selected_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select layers to copy."), 4000)
            return False
        clipboard.put(to_mime(self.document, ids))
        self.statusBar().showMessage(self.tr("Copied {n} layers.").format(n=len(ids)) if len(ids) > 1
                                     else self.tr("Copied 1 layer."), 4000)
        return True

    def cut(self) -> None:
        if self.editor.locked:
            self.statusBar().showMessage(self.editor.refusal_while_locked(), 8000)
            return
        if self.copy():
            self.editor.delete(self.scene.selected_ids())

    def paste(self) -> list[str]:
        nodes, edges = from_mime(QApplication.clipboard().mimeData())
        if not nodes:
            self.statusBar().showMessage(self.tr("The clipboard holds no layers to paste."), 4000)
            return []
        return self.editor.paste(nodes, edges, self._free_offset(nodes))

    def duplicate(self) -> list[str]:
        ids = self.scene.selected_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select layers to duplicate."), 4000)
            return []
        chosen = set(ids)
        nodes = [self.document.node(i) for i in ids]
        edges = [(a, b) for a, b in self.document.edges() if a in chosen and b in chosen]
        return self.editor.paste(nodes, edges, self._free_offset(nodes))

    def _free_offset(self, nodes: list[dict], step: float = 40.0) -> tuple[float, float]:
        """How far a pasted copy moves from where it was copied: one step down and right, or as many as it
        takes for no card to land exactly on another (a second paste sat on the first, hiding it)."""
        taken = {tuple(round(v) for v in n.get("position", (0.0, 0.0))) for n in self.document.spec["nodes"]}
        spots = [n.get("position", (0.0, 0.0)) for n in nodes]
        for k in range(1, 100):
            d = step * k
            if all((round(x + d), round(y + d)) not in taken for x, y in spots):
                return d, d
        return step, step

    def arrange(self) -> None:
        """Edit ▸ Arrange: laid out for the canvas as it is now (a long chain wraps into rows in a small
        one), then shown whole."""
        viewport = self.canvas.viewport().size()
        if self.editor.arrange([(viewport.width(), viewport.height())]):
            self.canvas.fit_all()

    def select_all(self) -> None:
        self.scene.select_ids(self.document.ids())

    def set_snap(self, on: bool) -> None:
        self.scene.snap_enabled = bool(on)

    def select_and_show(self, node_id: str) -> None:
        self.show_canvas()
        self.scene.select_ids([node_id])
        self.canvas.center_on_card(node_id)

    # ----- reacting ------------------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        ids = self.scene.selected_ids()
        if ids != self._last_selection:
            self._last_selection = ids
            self.inspector.show_nodes(ids)

    def _card_activated(self, node_id: str) -> None:
        dock = self.docks["inspector_dock"]
        dock.show()
        dock.raise_()

    def _refresh_after_analysis(self) -> None:
        self.summary.refresh()
        self.problems.refresh()

    def _problem_count(self, n: int) -> None:
        self.problem_label.setText(self.tr("No problems") if n == 0 else self.tr("1 problem") if n == 1
                                   else self.tr("{n} problems").format(n=n))
        self.problem_label.setStyleSheet("" if n == 0 else f"color: {theme.ERROR}; font-weight: 600;")
        self.docks["problems_dock"].setWindowTitle(self.tr("Problems") if n == 0
                                                   else self.tr("Problems ({n})").format(n=n))

    # ----- dropping a project file anywhere on the window ----------------------------------------------------
    @staticmethod
    def _project_url(mime) -> str | None:
        for url in mime.urls():
            if url.toLocalFile().lower().endswith(".nnproj"):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event) -> None:
        if self._project_url(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._project_url(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.files.open_path(path)

    # ----- appearance -----------------------------------------------------------------------------------------
    def set_appearance(self, choice: str) -> None:
        """View ▸ Appearance: follow the system, or force light (projectors) or dark."""
        theme.set_appearance(choice)
        settings.store().setValue("appearance", choice)
        for action in self.actions.appearance.actions():
            action.setChecked(action.data() == choice)
        self.apply_theme()

    def apply_theme(self) -> None:
        """Re-colour what paints itself (canvas, plots, sample cards) after a scheme change."""
        self.setStyleSheet(theme.style_sheet())
        theme.retone(self)
        self.scene.refresh_theme()
        self.canvas.viewport().update()
        for card in self.welcome.sample_cards():
            card.restyle()
        self.inspector.show_nodes(self.scene.selected_ids())

    # ----- help ----------------------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        # room between the two columns ("hold Space and drag" ran into "pan"), in every translation alike
        text = self.tr(SHORTCUTS_HTML).replace("<table cellspacing=4>", "<table cellspacing=0 cellpadding=5>")
        QMessageBox.information(self, self.tr("Keyboard and mouse"), text)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About nnstudio"),
                          self.tr("<h3>nnstudio {version}</h3><p>Design neural networks visually and "
                                  "watch them learn. A pure-NumPy engine with a PySide6 studio.</p><p>MIT licence.</p>"
                                  ).format(version=nnstudio.__version__))

    # ----- closing and persistence ---------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = settings.store()
        geometry = s.value("window/geometry")
        state = settings.saved_layout()      # None when saved by an older default layout
        self.geometry_restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
            training = getattr(self, "training", None)
            if training is not None:        # a layout saved with another network's sequence or filter views open
                training.docks.hide_inapplicable()
        choice = str(s.value("appearance", "system"))
        if choice in theme.APPEARANCES and choice != theme.appearance():
            self.set_appearance(choice)
        snap = s.value("canvas/snap", True)
        self.actions.snap.setChecked(snap not in (False, "false"))
        self.set_snap(self.actions.snap.isChecked())
        self._restored = True

    def save_settings(self) -> None:
        s = settings.store()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/layout_version", settings.LAYOUT_VERSION)
        s.setValue("canvas/snap", self.actions.snap.isChecked())

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.on_welcome():
            self.show_canvas()  # store the working layout, not the welcome page's hidden docks
        self.set_canvas_only(False)
        self.presentation.set(False)
        self.save_settings()
        self.files.close()
        self._close_tool_windows()
        event.accept()

    def _close_tool_windows(self) -> None:
        """The Tools windows close with the studio (each stops its computation as it closes): Qt quits when the
        main window closes and would leave them to be destroyed with a thread still running."""
        for child in self.findChildren(QWidget):
            if child.isWindow() and child.isVisible() and child.parentWidget() is self \
                    and not isinstance(child, QDockWidget):
                child.close()
