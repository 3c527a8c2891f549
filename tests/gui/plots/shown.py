"""A plot widget shown at a given size, as the plot tests need it."""

from __future__ import annotations


def shown(qtbot, widget, size=(360, 280)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def axis_texts(axis) -> list:
    """(rectangle in the axis's coordinates, text) of each tick label pyqtgraph draws on ``axis``."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis_spec, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in texts]
