"""Number boxes write 0.9 as a person does: not 0.90000000 (the Training panel's optimizer settings did)."""

from __future__ import annotations

import pytest

from nnstudio.gui.number_box import CompactDoubleSpinBox


@pytest.mark.parametrize("value, text", [(0.9, "0.9"), (0.999, "0.999"), (0.0, "0"), (0.05, "0.05"),
                                         (1e-7, "0.0000001"), (1_000_000.0, "1000000"), (-2.5, "-2.5")])
def test_the_text_has_no_trailing_zeros_and_reads_back(qtbot, value, text):
    box = CompactDoubleSpinBox()
    qtbot.addWidget(box)
    box.setDecimals(8)
    box.setRange(-1e7, 1e7)
    box.setValue(value)
    assert box.text() == text
    assert box.valueFromText(box.text()) == pytest.approx(value)


def test_the_training_panel_shows_optimizer_settings_plainly(qtbot, make_window):
    from nnstudio.paths import samples_dir
    from nnstudio.project import load

    w = make_window(load(samples_dir() / "deep_sigmoid.nnproj"))
    panel = w.training.panel
    texts = {box.text() for box in panel.findChildren(CompactDoubleSpinBox) if box.isVisibleTo(panel)}
    assert "0.1" in texts and "0" in texts                 # learning rate 0.1, momentum 0
    assert not any(t.endswith("00") and "." in t for t in texts)
