"""Building a network on the canvas with real gestures: drops, double-clicks, port drags, keys, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtWidgets import QApplication

from nnstudio.document import AddEdge, AddNodes
from nnstudio.gui.canvas import LAYER_MIME, EdgeItem
from tests.gui.gestures import click, drag, drop, port_center


def add_dense_chain(window, n=2):
    """Input -> n Dense layers built through the palette's double-click (add-after-selected)."""
    window.scene.select_ids(["input"])
    ids = []
    for _ in range(n):
        item = window.palette.item_for("Dense")
        window.palette.tree.itemActivated.emit(item, 0)
        ids.append(window.scene.selected_ids()[0])
    return ids


def test_drop_from_palette_creates_layer_at_drop_point(window):
    palette = window.palette
    mime = palette.tree.mimeData([palette.item_for("Conv2D")])
    assert bytes(mime.data(LAYER_MIME)) == b"Conv2D"
    event = drop(window.canvas, mime, QPointF(400, 200))
    assert event.isAccepted()
    assert window.document.ids() == ["input", "conv2d_1"]
    card = window.scene.cards["conv2d_1"]
    assert card.sceneBoundingRect().contains(QPointF(400, 200))
    assert window.undo_stack.undoText() == "Add Conv2D"


def test_drop_of_foreign_data_is_ignored(window):
    mime = QMimeData()
    mime.setText("hello")
    event = drop(window.canvas, mime, QPointF(0, 0))
    assert not event.isAccepted()
    assert window.document.ids() == ["input"]


def test_double_click_in_palette_adds_after_selected_and_wires(window):
    a, b = add_dense_chain(window, 2)
    assert window.document.edges() == [("input", a), (a, b)]
    assert window.document.position(b)[0] > window.document.position(a)[0]
    assert window.scene.cards[b].isSelected()
    assert window.summary.model.rowCount() == 3


def test_port_drag_connects_and_status_explains_refusals(window, qtbot):
    a, b = add_dense_chain(window, 2)
    window.editor.disconnect(a, b)
    assert (a, b) not in window.document.edges()
    view = window.canvas
    view.fit_all()
    drag(view, port_center(window.scene.cards[a], "out"), port_center(window.scene.cards[b], "in"))
    assert (a, b) in window.document.edges()
    assert window.undo_stack.undoText().startswith("Connect")

    # a cycle: b -> a would loop back
    drag(view, port_center(window.scene.cards[b], "out"), port_center(window.scene.cards[a], "in"))
    assert (b, a) not in window.document.edges()
    # a (Dense, single input) already receives input: refused
    assert "would make a loop" in window.statusBar().currentMessage() or \
        "takes one input" in window.statusBar().currentMessage()
    drag(view, port_center(window.scene.cards["input"], "out"), port_center(window.scene.cards[b], "in"))
    assert ("input", b) not in window.document.edges()
    assert "takes one input and already receives" in window.statusBar().currentMessage()


def test_cycle_is_refused_with_a_sentence(window):
    a, b = add_dense_chain(window, 2)
    merge = window.editor.add_layer("Add", (900, 0))
    assert window.editor.connect(b, merge)
    before = window.document.spec
    window.editor.connect(merge, a)  # a already has an input: refused first for that
    assert window.document.spec == before
    window.editor.disconnect("input", a)
    assert not window.editor.connect(merge, a)
    assert "would make a loop" in window.statusBar().currentMessage()


def test_dragging_from_an_input_port_connects_in_reverse(window):
    window.scene.select_ids([])
    nid = window.editor.add_layer("Dense", (400, 0))
    drag(window.canvas, port_center(window.scene.cards[nid], "in"),
         window.scene.cards["input"].sceneBoundingRect().center())
    assert ("input", nid) in window.document.edges()


def test_select_edge_and_delete_disconnects(window, qtbot):
    a, = add_dense_chain(window, 1)
    edge = window.scene.edge_items[("input", a)]
    window.scene.select_ids([])
    edge.setSelected(True)
    window.canvas.setFocus()
    window.actions.delete.trigger()
    assert window.document.edges() == []
    assert window.document.ids() == ["input", a]
    window.actions.undo.trigger()
    assert window.document.edges() == [("input", a)]


def test_delete_key_on_canvas_removes_selection(window, qtbot):
    a, b = add_dense_chain(window, 2)
    window.scene.select_ids([a])
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.waitUntil(lambda: window.canvas.hasFocus())
    qtbot.keyClick(window.canvas, Qt.Key_Delete)
    assert window.document.ids() == ["input", b]
    assert window.document.edges() == []


def test_moving_a_card_snaps_and_is_undoable(window):
    card = window.scene.cards["input"]
    start = card.sceneBoundingRect().center()
    window.canvas.fit_all()
    drag(window.canvas, start, start + QPointF(107, 53))
    x, y = window.document.position("input")
    assert (x % 20, y % 20) == (0, 0) and (x, y) != (0.0, 0.0)
    assert window.undo_stack.undoText() == "Move layer"
    window.undo()
    assert window.document.position("input") == (0.0, 0.0)
    assert card.pos() == QPointF(0, 0)


def test_rubber_band_and_ctrl_click_select_several(window):
    a, b = add_dense_chain(window, 2)
    window.canvas.fit_all()
    rect = window.scene.cards[a].sceneBoundingRect().united(window.scene.cards[b].sceneBoundingRect())
    drag(window.canvas, rect.topLeft() - QPointF(30, 30), rect.bottomRight() + QPointF(30, 30))
    assert set(window.scene.selected_ids()) == {a, b}
    click(window.canvas, window.scene.cards["input"].sceneBoundingRect().center(), Qt.ControlModifier)
    assert set(window.scene.selected_ids()) == {"input", a, b}
    assert "3 layers selected" in window.inspector.widget().findChildren(type(window.zoom_label))[0].text()


def test_copy_paste_and_duplicate_keep_inner_edges_with_fresh_ids(window):
    a, b = add_dense_chain(window, 2)
    window.scene.select_ids([a, b])
    assert window.copy()
    pasted = window.paste()
    assert len(pasted) == 2 and not set(pasted) & {a, b}
    assert (pasted[0], pasted[1]) in window.document.edges()
    assert window.scene.selected_ids() == pasted
    dup = window.duplicate()
    assert len(dup) == 2 and (dup[0], dup[1]) in window.document.edges()
    assert len(window.document) == 7


def test_a_second_paste_does_not_land_on_the_first(window):
    """Every paste went to the copy's place + (40, 40): the second sat exactly on the first, hiding it."""
    a, b = add_dense_chain(window, 2)
    window.scene.select_ids([a, b])
    assert window.copy()
    first, second = window.paste(), window.paste()
    spots = [tuple(window.document.node(n)["position"]) for n in [a, b, *first, *second]]
    assert len(set(spots)) == len(spots)


def test_cut_then_paste_restores_layers(window):
    a, = add_dense_chain(window, 1)
    window.scene.select_ids([a])
    window.cut()
    assert window.document.ids() == ["input"]
    assert window.paste() == [a]  # the id is free again


def test_arrange_is_one_undo_step(window):
    a, b = add_dense_chain(window, 2)
    window.editor.move({a: (1000.0, 500.0), b: (-300.0, 20.0)})
    before = window.document.spec
    window.actions.arrange.trigger()
    xs = [window.document.position(n)[0] for n in ["input", a, b]]
    assert xs == sorted(xs)
    assert window.undo_stack.undoText() == "Arrange"
    window.undo()
    assert window.document.spec == before


def test_undo_everything_restores_the_original_spec_and_redo_reapplies(window):
    original = window.document.spec
    a, b = add_dense_chain(window, 2)
    window.editor.add_layer("Dropout", (100, 300))
    window.editor.connect(b, "dropout_1")
    window.scene.select_ids([a])
    window.delete_selection()
    window.editor.arrange()
    final = window.document.spec
    while window.undo_stack.canUndo():
        window.undo()
    assert window.document.spec == original
    assert set(window.scene.cards) == {"input"}
    while window.undo_stack.canRedo():
        window.redo()
    assert window.document.spec == final
    assert set(window.scene.cards) == set(window.document.ids())
    assert set(window.scene.edge_items) == set(window.document.edges())


def test_edit_menu_lists_action_names(window):
    add_dense_chain(window, 1)
    assert window.actions.undo.text() == "&Undo Add Dense"
    window.undo()
    assert window.actions.redo.text() == "&Redo Add Dense"


def test_edges_show_live_shapes_and_invalid_cards_turn_red(window):
    nid = window.editor.add_layer("Conv2D", (320, 0), after="input")
    card = window.scene.cards[nid]
    assert card.error and "Conv2D" in card.error  # a 2-feature input is not an image
    assert card.error in card.toolTip()
    assert card.error in window.problems.messages()
    window.editor.set_params("input", {"shape": [8, 8, 1]}, "Set shape")
    assert card.error is None
    assert window.scene.edge_items[("input", nid)].label == "(8, 8, 1)"
    assert card.shape_text == "(8, 8, 16)"


def test_clicking_a_problem_selects_its_card(window):
    nid = window.editor.add_layer("Conv2D", (320, 0), after="input")
    window.scene.select_ids([])
    item = next(window.problems.item(i) for i in range(window.problems.count())
                if window.problems.item(i).data(Qt.UserRole + 1) == nid)
    window.problems.itemClicked.emit(item)
    assert window.scene.selected_ids() == [nid]
    assert window.inspector.node_id == nid


def test_zoom_shortcuts_and_fit(window, qtbot):
    view = window.canvas
    view.setFocus()
    z = view.zoom()
    window.actions.zoom_in.trigger()
    assert view.zoom() > z
    window.actions.zoom_out.trigger()
    window.actions.zoom_out.trigger()
    assert view.zoom() < z
    window.actions.fit.trigger()
    assert window.zoom_label.text() == f"Zoom {view.zoom() * 100:.0f}%"     # named: a bare "52%" read as a score
    for _ in range(40):
        view.zoom_by(2)
    assert view.zoom() == pytest.approx(3.0)


def test_structure_lock_refuses_edits_but_allows_moves(window):
    a, = add_dense_chain(window, 1)
    window.set_structure_locked(True, "training is running")
    assert "training is running" in window.canvas.banner
    assert not window.history.isEnabled()
    before = window.document.spec
    assert window.editor.add_layer("Dense", (0, 300)) is None
    assert "training is running" in window.statusBar().currentMessage()
    window.scene.select_ids([a])
    window.delete_selection()
    assert not window.editor.connect("input", a)
    assert window.paste() == [] or window.document.spec == before
    assert window.document.spec == before
    assert window.editor.move({a: (600.0, 100.0)})
    window.undo()  # undoing the move is fine
    assert window.document.position(a) != (600.0, 100.0)
    window.undo()  # undoing the add is structural: refused while locked
    assert window.document.has(a)
    window.set_structure_locked(False, "")
    assert window.canvas.banner == ""
    window.undo()
    assert not window.document.has(a)


def test_card_overlay_hook_draws_an_image(window):
    from PySide6.QtGui import QImage

    img = QImage(8, 8, QImage.Format_RGB32)
    img.fill(Qt.red)
    window.canvas.set_card_overlay("input", img)
    card = window.scene.cards["input"]
    assert card.overlay is img
    picture = QImage(int(card.boundingRect().width()), int(card.boundingRect().height()), QImage.Format_RGB32)
    picture.fill(Qt.white)
    from PySide6.QtGui import QPainter

    painter = QPainter(picture)
    window.scene.render(painter, source=card.sceneBoundingRect())
    painter.end()
    reds = sum(picture.pixelColor(x, y).red() > 200 and picture.pixelColor(x, y).green() < 60
               for x in range(picture.width()) for y in range(0, picture.height(), 2))
    assert reds > 100  # the overlay is drawn on the card
    window.canvas.set_card_overlay("input", None)
    assert window.scene.cards["input"].overlay is None


def test_document_ops_from_elsewhere_show_up_on_canvas(window):
    window.editor.push(AddNodes(({"id": "q", "type": "Dense", "params": {"units": 3}, "position": [0, 200]},)))
    window.editor.push(AddEdge("input", "q"))
    assert "q" in window.scene.cards and ("input", "q") in window.scene.edge_items
    assert isinstance(window.scene.edge_items[("input", "q")], EdgeItem)
    assert QApplication.instance() is not None


def test_right_click_selects_the_card_and_offers_canvas_actions(window):
    a, = add_dense_chain(window, 1)
    window.scene.select_ids([])
    menu = window.canvas.context_menu(window.scene.cards[a].sceneBoundingRect().center())
    texts = [x.text() for x in menu.actions()]
    assert window.scene.selected_ids() == [a]
    assert "&Delete" in texts and "D&uplicate" in texts and "A&rrange" in texts
    menu.deleteLater()


def test_dropping_a_project_on_the_welcome_page_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    from nnstudio.project import Project

    Project.new("w").save(tmp_path / "w.nnproj")
    window.show_welcome()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "w.nnproj"))])
    window.dropEvent(QDropEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert not window.on_welcome() and window.project.title == "w"


def test_space_drag_pans_instead_of_selecting(window, qtbot):
    from PySide6.QtWidgets import QGraphicsView

    view = window.canvas
    view.setFocus()
    qtbot.keyPress(view, Qt.Key_Space)
    assert view.dragMode() == QGraphicsView.ScrollHandDrag
    qtbot.keyRelease(view, Qt.Key_Space)
    assert view.dragMode() == QGraphicsView.RubberBandDrag


def test_real_double_click_on_a_palette_entry_adds_and_wires(window, qtbot):
    window.scene.select_ids(["input"])
    tree = window.palette.tree
    item = window.palette.item_for("Dense")
    rect = tree.visualItemRect(item)
    # the event sequence of a real double-click: press, release, double-click, release
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseRelease(tree.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.document.ids() == ["input", "dense_1"]
    assert window.document.edges() == [("input", "dense_1")]


def test_arrow_keys_nudge_the_selection_as_one_undo_step(window, qtbot):
    window.scene.select_ids(["input"])
    window.canvas.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.canvas, Qt.Key_Right)
    qtbot.keyClick(window.canvas, Qt.Key_Down, Qt.ShiftModifier)
    assert window.document.position("input") == (60.0, 100.0)
    assert window.undo_stack.count() == 1
    window.undo()
    assert window.document.position("input") == (0.0, 0.0)


def test_problems_name_layers_as_their_cards_do(window):
    nid = window.editor.add_layer("Conv2D", (320, 0), after="input")
    window.editor.rename(nid, "features")
    card = window.scene.cards[nid]
    assert "'features'" in card.error and f"'{nid}'" not in card.error
    assert card.error in window.problems.messages()


def test_the_lock_banner_wraps_in_a_narrow_canvas_rather_than_cutting_its_message(window, qtbot):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QFontMetrics

    from nnstudio.gui.canvas.view import BANNER_MARGIN

    view = window.canvas
    window.set_structure_locked(True, "training is running (Stop to edit layers)")
    font = QFont(view.font())
    font.setPointSizeF(10.5)
    font.setBold(True)
    metrics = QFontMetrics(font)
    one_line = metrics.horizontalAdvance(view.banner)
    view.resize(one_line * 2, 300)
    assert view.banner_rect(metrics).height() == 30
    view.resize(int(one_line * 0.6), 300)
    band = view.banner_rect(metrics)
    assert band.height() > 30 and band.width() == view.viewport().width()
    inner = QRect(0, 0, int(band.width()) - 2 * BANNER_MARGIN, 10_000)
    used = metrics.boundingRect(inner, Qt.AlignCenter | Qt.TextWordWrap, view.banner)
    assert used.width() <= inner.width() and used.height() <= band.height()
    view.viewport().grab()                      # paints the wrapped band without error


def test_arrange_in_a_small_canvas_wraps_a_long_chain_and_its_wires_back_pass_between_the_rows(window):
    from nnstudio.gui.canvas.edge import LEAD

    ids = add_dense_chain(window, 7)
    window.resize(900, 700)
    window.canvas.setFixedSize(420, 260)
    window.actions.arrange.trigger()
    ys = sorted({window.document.position(n)[1] for n in ["input", *ids]})
    assert len(ys) > 1 and window.canvas.zoom() >= 0.35
    assert window.undo_stack.undoText() == "Arrange"
    cards = window.scene.cards
    wires_back = [e for e in window.scene.edge_items.values() if e.dst.pos().x() < e.src.pos().x()]
    assert len(wires_back) == len(ys) - 1
    for edge in wires_back:
        path = edge.path()
        # out of its port, along the gap, into the next row's first card: never far outside the rows' span
        a, b = edge.src.port_pos("out"), edge.dst.port_pos("in")
        assert path.boundingRect().right() <= a.x() + LEAD + 1 and path.boundingRect().left() >= b.x() - LEAD - 1
        mid = path.pointAtPercent(0.5).y()
        assert edge.src.sceneBoundingRect().bottom() < mid < edge.dst.sceneBoundingRect().top()
        for nid, card in cards.items():
            if nid in edge.key:
                continue
            # no card is crossed: only the ends of a wire touch cards, those it connects
            assert not path.intersects(card.sceneBoundingRect().adjusted(2, 2, -2, -2)), (edge.key, nid)


def test_a_card_bottom_line_never_runs_its_shape_into_its_parameter_count(window):
    from PySide6.QtGui import QFont, QFontMetrics

    from nnstudio.gui.canvas.card import BOTTOM_GAP, WIDTH

    card = window.scene.cards["input"]
    font = QFont(card.scene().font())
    font.setPointSizeF(9.0)
    fm = QFontMetrics(font)
    card.shape_text, card.param_count = "(11, 11, 64)", 18496
    shape, params = card.bottom_line(fm, WIDTH - 30)
    assert params == "18,496 params" and shape in ("out (11, 11, 64)", "(11, 11, 64)")
    assert fm.horizontalAdvance(shape) + BOTTOM_GAP + fm.horizontalAdvance(params) <= WIDTH - 30
    card.shape_text = "(1000, 1000, 1000, 1000)"
    shape, params = card.bottom_line(fm, WIDTH - 30)
    assert shape.endswith("…") and fm.horizontalAdvance(shape) + BOTTOM_GAP + fm.horizontalAdvance(params) <= WIDTH - 30
