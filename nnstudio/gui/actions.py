"""Menus, toolbar and shortcuts of the main window (standard key sequences wherever Qt has one)."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from nnstudio import i18n

from . import language, project_properties
from .icons import icon
from .activation_explorer import open_activation_explorer
from .runs_view import open_runs_view
from .gradcheck_view import open_gradcheck_view
from .init_explorer import open_init_explorer
from .perceptron_view import open_perceptron_view
from .predict_dialog import open_predict_dialog
from .playground import open_playground
from .step_inside import open_step_inside
from .recipe_dialog import new_from_recipe


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


SK = QKeySequence.StandardKey


def _action(window, text: str, slot, shortcut=None, icon_name: str | None = None, tip: str = "",
            checkable: bool = False) -> QAction:
    a = QAction(text, window)
    if icon_name:
        a.setIcon(icon(icon_name))
    if shortcut is not None:
        if isinstance(shortcut, QKeySequence.StandardKey):
            a.setShortcuts(shortcut)
        else:
            a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(f"{text.replace('&', '').rstrip('…')} ({a.shortcut().toString(QKeySequence.NativeText)})"
                     if not a.shortcut().isEmpty() else text.replace("&", ""))
    a.setCheckable(checkable)
    if slot is not None:
        a.triggered.connect(slot)
    return a


def build(w) -> SimpleNamespace:
    """Create every action of MainWindow ``w`` and put them in menus and the toolbar."""
    f, c = w.files, w.canvas
    A = SimpleNamespace()
    A.new = _action(w, _tr("&New"), f.new, SK.New, "new", _tr("Start a new empty network"))
    A.open = _action(w, _tr("&Open…"), f.open, SK.Open, "open", _tr("Open a project file"))
    A.recipe = _action(w, _tr("New from scikit-learn &Recipe…"),
                       lambda: new_from_recipe(w), None, None,
                       _tr("Build a network from MLPRegressor or MLPClassifier arguments, for the current data"))
    A.save = _action(w, _tr("&Save"), f.save, SK.Save, "save", _tr("Save the project"))
    A.save_as = _action(w, _tr("Save &As…"), f.save_as, SK.SaveAs, None, _tr("Save the project under a new name"))
    A.revert = _action(w, _tr("&Revert"), f.revert, None, None, _tr("Reload the project as it was last saved"))
    A.export = _action(w, QCoreApplication.translate("Actions", "&Export Picture of the Canvas…"),
                       lambda: f.export_image(), "Ctrl+E", "export",
                       QCoreApplication.translate("Actions", "Save a picture of the network (PNG or SVG)"))
    A.export_model = _action(w, QCoreApplication.translate("Actions", "Export &Model…"), lambda: f.export_model(),
                             "Ctrl+Shift+E", None,
                             QCoreApplication.translate("Actions", "Write the trained network for PyTorch, "
                                                        "Keras or ONNX, or its weights for NumPy"))
    A.properties = _action(w, QCoreApplication.translate("Actions", "Project &Properties…"),
                           lambda: project_properties.edit(w), None, None,
                           QCoreApplication.translate("Actions", "The project's title, lesson, notes and goal"))
    A.welcome = _action(w, _tr("&Welcome Page"), w.show_welcome, None, None, _tr("Show the welcome page and samples"))
    # Ctrl+Q by name: Qt's standard Quit key has no binding on Windows, where most students are
    A.quit = _action(w, _tr("&Quit"), w.close, "Ctrl+Q", None, _tr("Close nnstudio"))

    A.undo = _action(w, _tr("&Undo"), w.undo, SK.Undo, "undo", _tr("Undo the last edit"))
    A.redo = _action(w, _tr("&Redo"), w.redo, SK.Redo, "redo", _tr("Redo the edit just undone"))
    A.cut = _action(w, _tr("Cu&t"), w.cut, SK.Cut, None, _tr("Copy the selected layers and delete them"))
    A.copy = _action(w, _tr("&Copy"), w.copy, SK.Copy, None, _tr("Copy the selected layers"))
    A.paste = _action(w, _tr("&Paste"), w.paste, SK.Paste, None, _tr("Paste copied layers"))
    A.duplicate = _action(w, _tr("D&uplicate"), w.duplicate, "Ctrl+D", None,
                          _tr("Copy and paste the selection at once"))
    A.delete = _action(w, _tr("&Delete"), w.delete_selection, SK.Delete, "delete",
                       _tr("Delete the selected layers and connections"))
    A.select_all = _action(w, _tr("Select &All"), w.select_all, SK.SelectAll, None, _tr("Select every layer"))
    A.arrange = _action(w, _tr("A&rrange"), w.arrange, "Ctrl+L", "arrange",
                        _tr("Lay the network out from left to right"))
    A.snap = _action(w, _tr("&Snap to Grid"), w.set_snap, None, None, _tr("Align moved layers to the grid"),
                     checkable=True)
    A.snap.setChecked(True)

    A.zoom_in = _action(w, _tr("Zoom &In"), lambda: c.zoom_by(1.25), SK.ZoomIn, "zoom_in", _tr("Zoom in"))
    A.zoom_in.setShortcuts(QKeySequence.keyBindings(SK.ZoomIn) + [QKeySequence("Ctrl+=")])
    A.zoom_out = _action(w, _tr("Zoom &Out"), lambda: c.zoom_by(1 / 1.25), SK.ZoomOut, "zoom_out", _tr("Zoom out"))
    A.fit = _action(w, _tr("&Fit Network"), c.fit_all, "Ctrl+0", "zoom_fit", _tr("Show the whole network"))
    A.actual = _action(w, _tr("&Actual Size"), lambda: (c.resetTransform(), c.zoomChanged.emit(1.0)), "Ctrl+1",
                       None, _tr("Zoom to 100%"))
    A.canvas_only = _action(w, _tr("&Canvas Only"), w.set_canvas_only, "Ctrl+Shift+F", None,
                            _tr("Hide every panel to give the network the whole window (again to bring them back)"),
                            checkable=True)
    A.presentation = _action(w, QCoreApplication.translate("Actions", "&Presentation"),
                             lambda on: w.presentation.set(on), "F11", None,
                             QCoreApplication.translate("Actions", "Large text, lines and points; only the canvas "
                                                        "and the views a class watches (again to leave)"),
                             checkable=True)
    A.shortcuts = _action(w, _tr("&Keyboard and Mouse…"), w.show_shortcuts, SK.HelpContents, None,
                          _tr("Every shortcut and mouse gesture"))
    A.about = _action(w, _tr("&About nnstudio"), w.show_about, None, None, _tr("Version and licence"))

    # canvas editing keys act only while the canvas has focus, so Del in a text box edits text
    for a in (A.cut, A.copy, A.paste, A.duplicate, A.delete, A.select_all):
        a.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    for a in (A.cut, A.copy, A.paste, A.duplicate, A.delete, None, A.select_all, A.arrange, A.fit):
        if a is None:
            sep = QAction(c)
            sep.setSeparator(True)
            c.addAction(sep)
        else:
            c.addAction(a)

    bar = w.menuBar()
    m = bar.addMenu(_tr("&File"))
    for a in (A.new, A.recipe, A.open):
        m.addAction(a)
    w.recent_menu = QMenu(_tr("Open &Recent"), w)
    m.addMenu(w.recent_menu)
    m.addSeparator()
    for a in (A.save, A.save_as, A.revert):
        m.addAction(a)
    m.addSeparator()
    m.addAction(A.export_model)
    m.addAction(A.export)
    m.addSeparator()
    m.addAction(A.properties)
    m.addAction(A.welcome)
    m.addSeparator()
    m.addAction(A.quit)

    m = bar.addMenu(_tr("&Edit"))
    for a in (A.undo, A.redo):
        m.addAction(a)
    m.addSeparator()
    for a in (A.cut, A.copy, A.paste, A.duplicate, A.delete):
        m.addAction(a)
    m.addSeparator()
    for a in (A.select_all, A.arrange, A.snap):
        m.addAction(a)

    m = bar.addMenu(_tr("&View"))
    for a in (A.zoom_in, A.zoom_out, A.fit, A.actual):
        m.addAction(a)
    m.addSeparator()
    m.addAction(A.canvas_only)
    m.addAction(A.presentation)
    w.panels_menu = m.addMenu(_tr("&Panels"))

    m.addSeparator()
    look = m.addMenu(_tr("&Appearance"))
    A.appearance = QActionGroup(w)
    for value, text in (("system", _tr("Follow &System")), ("light", _tr("&Light")), ("dark", _tr("&Dark"))):
        a = QAction(text, A.appearance)
        a.setData(value)
        a.setCheckable(True)
        a.setChecked(value == "system")
        a.setStatusTip(_tr("Colours of the window and the canvas (Light suits projectors)"))
        a.triggered.connect(lambda _checked=False, v=value: w.set_appearance(v))
        look.addAction(a)
    A.language = language.add_menu(w, m, i18n.language())

    m = bar.addMenu(_tr("&Tools"))
    # (attribute, menu text, opener, shortcut, status tip), in menu order
    tools = (
        ("playground", _tr("Optimizer &Playground…"), open_playground, "Ctrl+Shift+G",
         _tr("Watch SGD, momentum and Adam walk down a function of two variables")),
        ("step_inside", _tr("&Step Inside One Training Step…"), open_step_inside, None,
         _tr("Forward and backward node by node with the numbers, then the update, on a sample you pick")),
        ("perceptron_view", _tr("&Perceptron Rule Sample by Sample…"), open_perceptron_view, None,
         _tr("The perceptron's update and its line moving after each sample (perceptron optimizer)")),
        ("activation_explorer", _tr("&Activation Explorer…"), open_activation_explorer, None,
         _tr("Every activation and its slope, with the regions where it saturates")),
        ("init_explorer", _tr("&Initialisation Explorer…"), open_init_explorer, None,
         _tr("Activations and gradients through ten layers for zeros, N(0, 1), N(0, 0.01), Xavier and He")),
        ("gradcheck", _tr("&Gradient Check…"), open_gradcheck_view, None,
         _tr("Backpropagation against numerical gradients on the current network")),
        ("runs_view", _tr("&Compare Runs…"), open_runs_view, None,
         _tr("Every run of this project: curves side by side and a table of final and best values")),
        ("predict", _tr("P&redict New Samples…"), open_predict_dialog, None,
         _tr("Type new samples in the data's own units and see what the trained network predicts for them")),
    )
    for attr, text, opener, shortcut, tip in tools:
        action = _action(w, text, lambda _checked=False, o=opener: o(w), shortcut, None, tip)
        setattr(A, attr, action)
        m.addAction(action)

    m = bar.addMenu(_tr("&Help"))
    m.addAction(A.shortcuts)
    m.addAction(A.about)

    for a, short in ((A.export, QCoreApplication.translate("Actions", "Export picture")), (A.fit, _tr("Fit")),
                     (A.zoom_in, _tr("Zoom In")), (A.zoom_out, _tr("Zoom Out")), (A.open, _tr("Open")),
                     (A.undo, _tr("Undo")),
                     (A.redo, _tr("Redo"))):
        a.setIconText(short)
    tb = QToolBar(_tr("Main toolbar"), w)
    tb.setObjectName("main_toolbar")
    tb.setToolButtonStyle(Qt.ToolButtonTextUnderIcon)
    tb.setMovable(False)
    for a in (A.new, A.open, A.save, None, A.undo, A.redo, None, A.delete, A.arrange, None, A.zoom_in,
              A.zoom_out, A.fit, None, A.export):
        tb.addSeparator() if a is None else tb.addAction(a)
    w.addToolBar(Qt.TopToolBarArea, tb)
    w.toolbar = tb
    w.panels_menu.addAction(tb.toggleViewAction())
    return A
