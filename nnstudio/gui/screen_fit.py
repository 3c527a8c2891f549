"""Windows that fit the screen they open on.

The studio and its tool windows have sizes chosen for a laptop or a desktop monitor (the main window
1400 x 900, the tools up to 1200 x 760). A classroom projector is often 1024 x 768, where a window of that
size would hang past the screen's edges, its bottom and right parts out of reach. Each window therefore asks
for its preferred size and gets at most the screen's free area (without task bars), centred over its parent
or the screen; the main window opens maximized when its preferred size does not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room kept around a window that is not maximized for the window manager's frame: borders and title bar
FRAME = QMargins(8, 32, 8, 8)


def free_area(widget: QWidget | None = None) -> QRect:
    """The free area (QScreen.availableGeometry) of the screen ``widget`` (or its parent window) is on, or
    of the primary screen."""
    screen = None
    if widget is not None:
        anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
        screen = anchor.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def client_area(area: QRect) -> QRect:
    """Where a framed window's contents can go inside a screen's free ``area``."""
    return area.marginsRemoved(FRAME)


def fits(width: int, height: int, area: QRect) -> bool:
    """Whether a window with contents of this size, and its frame, fits inside ``area``."""
    inner = client_area(area)
    return width <= inner.width() and height <= inner.height()


def fitted(width: int, height: int, area: QRect) -> QSize:
    """The preferred contents size, cut down to what ``area`` holds with the window's frame."""
    inner = client_area(area)
    return QSize(max(1, min(width, inner.width())), max(1, min(height, inner.height())))


def centred(size: QSize, over: QRect, area: QRect) -> QRect:
    """Contents of ``size`` centred over ``over``, moved back where the frame would leave ``area``."""
    inner = client_area(area)
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(over.center())
    left = max(inner.left(), min(rect.left(), inner.right() + 1 - size.width()))
    top = max(inner.top(), min(rect.top(), inner.bottom() + 1 - size.height()))
    rect.moveTopLeft(QPoint(left, top))
    return rect


def size_window(widget: QWidget, width: int, height: int) -> None:
    """Give a tool window its preferred size, at most what the screen holds, centred over its parent."""
    area = free_area(widget)
    size = fitted(width, height, area)
    parent = widget.parentWidget()
    over = parent.window().frameGeometry() if parent is not None and parent.window().isVisible() else area
    widget.setGeometry(centred(size, over, area))


def show_main(window: QWidget, width: int, height: int, restored: bool) -> None:
    """Show the main window: as the user left it when its geometry was ``restored``; else at its preferred
    size centred on the screen when that fits, maximized when it does not."""
    if restored:
        window.show()
        return
    area = free_area(window)
    if fits(width, height, area):
        window.setGeometry(centred(QSize(width, height), area, area))
        window.show()
    else:
        window.showMaximized()
