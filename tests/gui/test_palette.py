"""The palette lists the registry's layers by family, filters, and offers drags and double-clicks."""

from __future__ import annotations

from nnstudio.engine import layers
from nnstudio.gui.canvas import LAYER_MIME
from nnstudio.gui.palette import Palette


def test_every_registered_layer_is_listed_once_with_tooltip_and_icon(qtbot):
    p = Palette()
    qtbot.addWidget(p)
    types = [i.text(0) for i in p.items()]
    assert sorted(types) == sorted(layers.names())
    heads = [p.tree.topLevelItem(i).text(0) for i in range(p.tree.topLevelItemCount())]
    assert heads == ["Core", "Convolution", "Normalization", "Merge", "Recurrent"]
    for item in p.items():
        assert layers.get(item.text(0)).DESCRIPTION in item.toolTip(0)
        assert not item.icon(0).isNull()


def test_filter_hides_non_matching_entries_and_empty_groups(qtbot):
    p = Palette()
    qtbot.addWidget(p)
    p.filter.setText("pool")
    visible = [i.text(0) for i in p.items() if not i.isHidden()]
    assert visible == ["MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D"]
    hidden_heads = [p.tree.topLevelItem(i).text(0) for i in range(p.tree.topLevelItemCount())
                    if p.tree.topLevelItem(i).isHidden()]
    assert hidden_heads == ["Core", "Normalization", "Merge", "Recurrent"]
    with qtbot.waitSignal(p.addRequested) as blocker:
        p.filter.returnPressed.emit()
    assert blocker.args == ["MaxPooling2D"]
    p.filter.clear()
    assert all(not i.isHidden() for i in p.items())


def test_drag_carries_the_layer_type(qtbot):
    p = Palette()
    qtbot.addWidget(p)
    mime = p.tree.mimeData([p.item_for("BatchNormalization")])
    assert bytes(mime.data(LAYER_MIME)).decode() == "BatchNormalization"
    assert p.tree.mimeData([p.tree.topLevelItem(0)]) is None  # a group heading is not draggable
