"""A layer type registered through the public extension point appears in the GUI with no change to gui/:
in the palette (with the generic icon, as it ships none), on its card and in the inspector."""

from __future__ import annotations

from nnstudio.gui.icons import GENERIC_LAYER, icon, layer_icon
from nnstudio.gui.palette import Palette

from ..scale_layer import scale_layer  # noqa: F401  (fixture)


def test_it_is_in_the_palette_under_its_category_with_the_generic_icon(scale_layer, qtbot):
    p = Palette()
    qtbot.addWidget(p)
    item = p.item_for("Scale")
    assert item.parent().text(0) == "Core"
    assert "Multiplies every value by one learned number." in item.toolTip(0)
    assert layer_icon("Scale").cacheKey() == icon(GENERIC_LAYER).cacheKey()
    assert layer_icon("Scale").cacheKey() != layer_icon("Dense").cacheKey()
    p.filter.setText("learned number")  # the filter searches descriptions too
    assert [i.text(0) for i in p.items() if not i.isHidden()] == ["Scale"]


def test_it_is_placed_shown_on_its_card_and_edited_in_the_inspector(scale_layer, window):
    nid = window.editor.add_layer("Scale", (320, 0), after="input")
    assert nid == "scale_1"
    assert window.document.edges() == [("input", nid)]
    assert window.scene.cards[nid].subtitle == "Scale 1.0"
    assert window.scene.cards[nid].shape_text == "(2,)"
    assert window.inspector.node_id == nid
    field = window.inspector.fields["initial"]
    field.box.setValue(0.25)
    assert window.document.params(nid) == {"initial": 0.25}
    assert window.scene.cards[nid].subtitle == "Scale 0.25"
    window.undo()
    assert window.document.params(nid) == {}
