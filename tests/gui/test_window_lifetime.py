"""A closed and deleted main window is left alone by what outlives it.

The system's colour-scheme signal held a lambda of every window ever made, which called into a deleted window
at the next scheme change; the layout's "fit the network" timer had no context object and ran over the
deleted canvas's cards. (pytest-qt fails a test on an exception raised in a slot.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from nnstudio.gui.main_window import MainWindow


def test_a_deleted_window_gets_no_timer_or_scheme_change_calls(qtbot):
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.training.controller.shutdown()
    window.mark_saved()
    window.close()
    window.deleteLater()
    destroyed = []
    window.destroyed.connect(lambda: destroyed.append(True))
    del window
    qtbot.waitUntil(lambda: destroyed == [True])
    qtbot.wait(50)                                           # timers the window had started come due
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark if scheme != Qt.ColorScheme.Dark else Qt.ColorScheme.Light)
    hints.colorSchemeChanged.emit(scheme)
