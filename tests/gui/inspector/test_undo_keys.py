"""Ctrl+Z in an inspector field, once its edit is recorded, undoes the network's change (not just the box's
text); text still being typed keeps the box's own Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox


def _dense(window, qtbot):
    window.scene.select_ids(["input"])
    nid = window.add_after_selected("Dense")
    window.inspector.show_nodes([nid])
    window.activateWindow()
    return nid


def test_ctrl_z_in_a_number_box_after_enter_undoes_the_change(window, qtbot):
    nid = _dense(window, qtbot)
    box = window.inspector.fields["units"].box
    assert isinstance(box, QAbstractSpinBox)
    line = box.lineEdit()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    line.selectAll()
    qtbot.keyClicks(line, "64")
    qtbot.keyClick(line, Qt.Key_Return)
    assert window.document.params(nid)["units"] == 64
    qtbot.keyClick(line, Qt.Key_Z, Qt.ControlModifier)          # the focus still in the box
    assert window.document.params(nid).get("units", 32) != 64    # the network's change undone
    qtbot.keyClick(line, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.document.params(nid)["units"] == 64


def _focused_name(window, qtbot):
    name = window.inspector.name_edit
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    return name


def test_ctrl_z_in_the_name_field_after_enter_undoes_the_rename(window, qtbot):
    nid = _dense(window, qtbot)
    before = window.document.display_name(nid)
    name = _focused_name(window, qtbot)
    name.selectAll()
    qtbot.keyClicks(name, "hidden")
    qtbot.keyClick(name, Qt.Key_Return)
    assert window.document.display_name(nid) == "hidden"
    steps = window.undo_stack.count()
    qtbot.keyClick(window.inspector.name_edit, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.display_name(nid) == before
    window.canvas.setFocus()                                      # leaving the field records nothing more
    assert window.undo_stack.count() == steps and window.undo_stack.index() == steps - 1


def test_text_still_being_typed_keeps_the_boxs_own_undo(window, qtbot):
    nid = _dense(window, qtbot)
    before = window.document.display_name(nid)
    name = _focused_name(window, qtbot)
    name.end(False)
    qtbot.keyClicks(name, "x")
    qtbot.keyClick(name, Qt.Key_Z, Qt.ControlModifier)          # undoes the typed "x" only
    assert name.text() == before and window.document.display_name(nid) == before
    assert window.document.has(nid)                              # the added layer was not undone
