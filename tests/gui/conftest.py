"""GUI test fixtures: isolated settings, no stray dialogs, no leaked threads or timers, a main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThread, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from nnstudio.gui import pyside_refcount

pyside_refcount.guard()  # as the app does at start, before any test drives Qt


@pytest.fixture(autouse=True)
def gui_thread_collection(qapp):
    """As in the app: cyclic garbage collection only on the GUI thread (a worker thread that happened to
    collect a previous test's widgets crashed the process)."""
    from nnstudio.gui.collector import collect_on_gui_thread
    collect_on_gui_thread()


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path_factory):
    """Every test gets its own empty QSettings (an INI file in a temp folder) and autosave folder."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("nnstudio-tests")
    QCoreApplication.setApplicationName("nnstudio-tests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))
    s = QSettings()
    s.clear()
    s.setValue("autosave/dir", str(folder / "autosave"))
    s.sync()
    # app.application() names the app "nnstudio": its settings, autosave folder included, stay in here too
    real = QSettings(QSettings.IniFormat, QSettings.UserScope, "nnstudio", "nnstudio")
    real.clear()
    real.setValue("autosave/dir", str(folder / "autosave"))
    real.setValue("language", "en")  # English whatever the machine's locale: tests read English text
    real.sync()
    yield folder


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal dialog would hang an offscreen test forever: fail instead, unless the test answers it."""

    def refuse(name):
        def dialog(*args, **kwargs):
            texts = [a for a in args if isinstance(a, str)]
            raise AssertionError(f"unexpected {name} dialog: {texts}")
        return dialog

    for name in ("warning", "question", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse(f"QMessageBox.{name}"))
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, refuse(f"QFileDialog.{name}"))


@pytest.fixture(autouse=True)
def no_leaked_threads_or_timers(qapp):
    """Fail a test that leaves a QThread running, or an active nnstudio QTimer in a closed window."""
    yield
    QApplication.processEvents()
    problems = []
    # Menus are windows too: thousands of pyqtgraph's, left by the plots of closed windows, and searching
    # each of them after every test made the suite's teardowns grow to a second each; none owns a thread or
    # an nnstudio timer.
    roots = [w for w in QApplication.topLevelWidgets() if not isinstance(w, QMenu)] + [qapp]
    for root in roots:
        for thread in root.findChildren(QThread):
            if thread.isRunning():
                problems.append(f"QThread {thread.objectName() or thread!r} still running")
        if root is not qapp and not root.isVisible():
            for timer in root.findChildren(QTimer):
                # Qt's own widgets keep internal timers (QStatusBar messages): judge only nnstudio's
                owner = type(timer.parent()).__module__
                if timer.isActive() and owner.startswith("nnstudio"):
                    problems.append(f"QTimer {timer.objectName() or timer!r} (parent "
                                    f"{type(timer.parent()).__name__}) active in closed {root!r}")
    assert not problems, "; ".join(problems)


@pytest.fixture
def window(qtbot):
    """A shown main window (editor only, no training panels) with a new project, closed without prompting.

    Not registered with qtbot.addWidget: pytest-qt would close it before this fixture can mark it saved,
    and the unsaved-changes prompt would then fire during teardown.
    """
    from nnstudio.gui.main_window import MainWindow

    w = MainWindow(panels=False)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if not _deleted(w):
        w.mark_saved()
        w.close()
        w.deleteLater()


def _deleted(obj) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return True
    return False


@pytest.fixture
def make_window(qtbot):
    """``make(project, size=(1400, 900))``: shown main windows with the training panels; each is shut down and
    closed without prompting at the end of the test. 1400x900 is the default layout's size, where tabs are
    really in front or behind."""
    from nnstudio.gui.main_window import MainWindow

    made = []

    def make(project=None, size=(1400, 900)):
        w = MainWindow(project)
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        if not _deleted(w):
            w.training.controller.shutdown()
            w.mark_saved()
            w.close()
            w.deleteLater()
