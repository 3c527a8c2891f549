"""Start the studio: ``main(argv)`` with an optional project file and the headless training options."""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from nnstudio.gui_args import parse_args

from . import excepthook, language, pyside_refcount, screen_fit, theme
from .collector import collect_on_gui_thread


def application() -> QApplication:
    """The QApplication (created once), with names for QSettings, Fusion style and the system palette; first the
    PySide6 reference-count guard (pyside_refcount), before any widget or signal is used."""
    pyside_refcount.guard()
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    app.setApplicationName("nnstudio")
    app.setOrganizationName("nnstudio")
    app.setApplicationDisplayName("nnstudio")
    theme.apply(app)
    collect_on_gui_thread()
    return app


def main(argv: list[str], meter=None) -> int:
    """``meter``: makes the object that measures a headless run (see gui/training/headless.py)."""
    args = parse_args(argv)
    headless = args.train or args.report or args.screenshot
    logging.basicConfig(level=logging.INFO, format="nnstudio: %(levelname)s: %(message)s")
    app = application()
    lang = language.chosen(args.lang)
    language.install(app, lang)
    from nnstudio.project import ProjectError, load

    from .icons import icon
    from .main_window import DEFAULT_SIZE, MainWindow

    app.setWindowIcon(icon("app"))
    project, problem = None, None
    if args.file:
        try:
            project = load(args.file)
        except ProjectError as exc:
            if headless:
                print(f"nnstudio: error: {exc}", file=sys.stderr)
                return 2
            problem = str(exc)
    window = MainWindow(project)
    excepthook.install(lambda text: window.statusBar().showMessage(text, 15000))
    if project is not None:
        from . import settings

        settings.add_recent(Path(args.file))
        window.refresh_recent()
    if args.size:
        window.resize(*args.size)
        window.show()
    else:
        screen_fit.show_main(window, *DEFAULT_SIZE, restored=window.geometry_restored)
    if project is not None:
        window.canvas.fit_all()
    else:
        window.show_welcome()
    if problem:
        window.files.show_error(QCoreApplication.translate("App", "Cannot open project"), problem)
    font_problem = language.missing_font(lang)
    if font_problem:
        window.statusBar().showMessage(font_problem)
        if not headless:
            QMessageBox.warning(window, "nnstudio", font_problem)
    if headless:
        headless_mod = importlib.import_module("nnstudio.gui.training.headless")
        extra = {} if meter is None else {"meter": meter()}
        result = headless_mod.run(window, epochs=args.epochs, quit_when_done=args.quit_when_done,
                                  report=args.report, screenshot=args.screenshot, train=args.train, **extra)
        if result is not None:
            return int(result)
    else:
        window.files.offer_recovery()
    code = app.exec()
    window.files.close()  # a headless run quits without closing the window: leave no autosave behind
    return code
