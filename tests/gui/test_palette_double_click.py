"""Double-clicking a palette entry adds the layer after the selected layer, or after the network's last
layer when none is selected, wired to it and clear of every other card (#13 item 7)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nnstudio.gui.canvas.card import HEIGHT, WIDTH


def _double_click(window, qtbot, type_name: str) -> str:
    before = set(window.document.ids())
    item = window.palette.item_for(type_name)
    window.palette.tree.scrollToItem(item)
    rect = window.palette.tree.visualItemRect(item)
    viewport = window.palette.tree.viewport()
    qtbot.mouseClick(viewport, Qt.LeftButton, pos=rect.center())   # a real double-click starts with a click
    qtbot.mouseDClick(viewport, Qt.LeftButton, pos=rect.center())
    [nid] = set(window.document.ids()) - before
    return nid


def _clear_of_others(window, nid: str) -> bool:
    x, y = window.document.position(nid)
    return all(abs(x - ox) >= WIDTH or abs(y - oy) >= HEIGHT
               for other in window.document.ids() if other != nid
               for ox, oy in [window.document.position(other)])


def test_with_nothing_selected_the_layer_goes_after_the_last_one(window, qtbot):
    window.scene.clearSelection()
    first = _double_click(window, qtbot, "Dense")
    assert window.document.spec["edges"] == [["input", first]]       # wired, not dropped on Input
    assert _clear_of_others(window, first)
    assert window.document.position(first)[0] > window.document.position("input")[0]
    window.scene.clearSelection()
    second = _double_click(window, qtbot, "Dropout")
    assert window.document.spec["edges"] == [["input", first], [first, second]]
    assert _clear_of_others(window, second)


def test_with_a_layer_selected_the_layer_goes_after_it(window, qtbot):
    window.scene.select_ids(["input"])
    a = _double_click(window, qtbot, "Dense")
    window.scene.select_ids(["input"])                                 # a second branch from the Input
    b = _double_click(window, qtbot, "Dense")
    assert ["input", a] in window.document.spec["edges"] and ["input", b] in window.document.spec["edges"]
    assert _clear_of_others(window, a) and _clear_of_others(window, b)


def test_a_card_near_the_spot_is_not_covered(window, qtbot):
    x, y = window.document.position("input")
    stray = window.editor.add_layer("Dense", (x + 300.0, y + 20.0))    # near, not exactly where the new goes
    window.scene.select_ids(["input"])
    new = _double_click(window, qtbot, "Dropout")
    assert window.document.spec["edges"] == [["input", new]]
    assert stray in window.document.ids() and _clear_of_others(window, new)
