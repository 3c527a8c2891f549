"""The one-line label of narrow docks ends in an ellipsis and keeps its whole text in the tooltip."""

from __future__ import annotations

from nnstudio.gui.elided_label import ElidedLabel


def test_a_narrow_label_ends_in_an_ellipsis_and_tells_the_rest_in_its_tooltip(qtbot):
    text = "of 8 (validation) · recurrent (SimpleRNN 16, tanh)"
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(text)
    label.resize(label.fontMetrics().horizontalAdvance(text) + 20, 24)
    label.show()
    assert label.shown_text() == text
    label.resize(80, 24)
    shown = label.shown_text()
    assert shown.endswith("…") and text.startswith(shown[:-1]) and len(shown) < len(text)
    assert label.toolTip() == text
