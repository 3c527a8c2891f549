"""The inspector fits its dock at a projector's 1024x768 in both languages: in Chinese the rows are labelled by
identifiers (kernel_regularizer) and the left column is narrower, and a row wider than the dock ran off its right
edge (the horizontal scroll bar is off) until long rows wrapped their field under the label."""

from __future__ import annotations

import pytest

from nnstudio.gui import language
from nnstudio.project import load
from nnstudio.paths import samples_dir


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_hand_wired_xor_inspector_fits_its_dock_at_1024x768(lang, qapp, make_window, qtbot):
    assert language.install(qapp, lang)
    try:
        w = make_window(load(samples_dir() / "xor_step_units.nnproj"), size=(1024, 768))
        qtbot.waitUntil(lambda: not w.training.preview.running(), timeout=20000)
        w.scene.select_ids(["h"])
        w.docks["inspector_dock"].raise_()
        qtbot.waitUntil(lambda: w.inspector.weights is not None)
        body = w.inspector.widget()
        assert body.minimumSizeHint().width() <= w.inspector.viewport().width()
        assert body.width() <= w.inspector.viewport().width()
    finally:
        language.install(qapp, "en")
