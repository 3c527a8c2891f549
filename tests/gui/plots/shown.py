"""A plot widget shown at a given size, as the plot tests need it."""

from __future__ import annotations


def shown(qtbot, widget, size=(360, 280)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
