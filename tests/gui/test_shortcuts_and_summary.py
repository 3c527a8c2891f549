"""Standard shortcuts reach their actions; the summary's totals; thumbnails."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence

from nnstudio.gui import thumbnail


def test_standard_shortcuts_are_bound(window):
    a = window.actions
    assert QKeySequence(QKeySequence.Undo) in a.undo.shortcuts()
    assert QKeySequence(QKeySequence.Redo) in a.redo.shortcuts()
    assert QKeySequence(QKeySequence.Save) in a.save.shortcuts()
    assert QKeySequence(QKeySequence.Open) in a.open.shortcuts()
    assert QKeySequence("Ctrl+0") == a.fit.shortcut()
    assert QKeySequence("Ctrl+=") in a.zoom_in.shortcuts()
    assert a.delete.shortcutContext() == Qt.WidgetWithChildrenShortcut  # Del edits text in text boxes
    assert a.quit.shortcut() == QKeySequence("Ctrl+Q")     # Qt's standard Quit key is unbound on Windows


def test_ctrl_z_and_ctrl_shift_z_from_the_keyboard(window, qtbot):
    window.scene.select_ids(["input"])
    window.add_after_selected("Dense")
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.ids() == ["input"]
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(window.document) == 2


def test_summary_rows_and_totals_split_trainable(window):
    window.editor.set_params("input", {"shape": [4]}, "Set shape")
    window.scene.select_ids(["input"])
    dense = window.add_after_selected("Dense")          # 4*16 + 16 = 80
    bn = window.add_after_selected("BatchNormalization")  # gamma, beta trainable; moving stats not
    rows = window.summary.rows()
    assert [r[0] for r in rows] == ["input", dense, bn]
    assert rows[1][2:4] == ("(16,)", 80)
    assert rows[2][3] == 4 * 16
    text = window.summary.totals.text()
    assert "144" in text and "Trainable:</b> 112" in text and "Non-trainable:</b> 32" in text
    model = window.summary.model
    assert model.data(model.index(1, 2)) == "80"
    assert model.data(model.index(1, 0)) == f"{dense} (Dense)"          # Keras' "Layer (type)"


def test_thumbnail_draws_every_layer(qapp):
    spec = {"nodes": [{"id": "x", "type": "Input"}, {"id": "a", "type": "Dense"}, {"id": "b", "type": "Dense"},
                      {"id": "m", "type": "Add"}],
            "edges": [["x", "a"], ["x", "b"], ["a", "m"], ["b", "m"]]}
    pix = thumbnail.render(spec, QSize(200, 90))
    image = pix.toImage()
    assert (image.width(), image.height()) == (400, 180)  # drawn at twice the size for high-DPI screens
    background = image.pixelColor(2, 2)
    coloured = sum(image.pixelColor(x, y) != background for x in range(0, 400, 4) for y in range(0, 180, 4))
    assert coloured > 100
    empty = thumbnail.render({"nodes": [], "edges": []}, QSize(50, 20)).toImage()
    assert empty.pixelColor(10, 10) == empty.pixelColor(90, 30)


@pytest.mark.parametrize("panels", [False, True])
def test_no_stray_dock_tab_bars_over_the_window(qtbot, panels):
    from PySide6.QtWidgets import QTabBar

    from nnstudio.gui.main_window import MainWindow

    w = MainWindow(panels=panels)
    try:
        w.show()
        qtbot.waitExposed(w)

        def groups():
            bars = [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible()]
            return [tuple(b.tabText(i) for i in range(b.count())) for b in bars]

        # the clean-up runs once the window is up: then one bar per group of tabbed docks
        qtbot.waitUntil(lambda: len(groups()) == len(set(groups())) > 0)
        assert w.hide_ghost_tab_bars() == 0
    finally:
        w.mark_saved()
        w.close()


def test_canvas_only_hides_panels_and_brings_them_back(window):
    visible = {name for name, d in window.docks.items() if d.isVisible()}
    assert "palette_dock" in visible
    window.actions.canvas_only.trigger()
    assert not any(d.isVisible() for d in window.docks.values())
    window.actions.canvas_only.trigger()
    assert {name for name, d in window.docks.items() if d.isVisible()} == visible


def test_the_shortcut_list_keeps_its_columns_apart(window, monkeypatch):
    """"Middle-drag, or hold Space and drag" ran into "pan": the tables had no padding."""
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window.show_shortcuts()
    assert shown and shown[0].count("cellpadding=5") == 2 and "cellspacing=4" not in shown[0]
