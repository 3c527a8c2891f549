"""The welcome page: gallery of samples (or a friendly empty state), new network, recent files."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from nnstudio.gui import settings
from nnstudio.gui.welcome import find_samples
from nnstudio.project import Project


def make_sample(folder, name, title, lesson):
    p = Project.new(title)
    p.lesson = lesson
    p.spec["nodes"].append({"id": "h", "type": "Dense", "params": {"units": 4}, "position": [320.0, 0.0]})
    p.spec["edges"].append(["input", "h"])
    p.save(folder / f"{name}.nnproj")
    return p


def test_empty_gallery_is_friendly(window, tmp_path):
    window.show_welcome()
    window.welcome.load_samples(tmp_path)
    assert window.welcome.sample_cards() == []
    assert "No sample projects" in window.welcome.empty_label.text()


def test_gallery_lists_samples_and_a_click_opens_one(window, tmp_path, qtbot):
    make_sample(tmp_path, "b_xor", "XOR", "A hidden layer bends the boundary.")
    make_sample(tmp_path, "a_line", "A line", "One neuron draws one line.")
    (tmp_path / "junk.nnproj").write_bytes(b"not a project")  # skipped, not fatal
    window.show_welcome()
    assert window.on_welcome() and not window.docks["palette_dock"].isVisible()
    window.welcome.load_samples(tmp_path)
    cards = window.welcome.sample_cards()
    assert [c.sample.title for c in cards] == ["A line", "XOR"]
    assert cards[1].sample.lesson == "A hidden layer bends the boundary."
    qtbot.mouseClick(cards[1], Qt.LeftButton, pos=QPoint(20, 20))
    assert not window.on_welcome()
    assert window.document.ids() == ["input", "h"]
    assert window.project.title == "XOR"
    assert window.docks["palette_dock"].isVisible()


def test_new_empty_network_button(window, qtbot):
    window.show_welcome()
    qtbot.mouseClick(window.welcome.new_button, Qt.LeftButton)
    assert not window.on_welcome()
    assert window.document.ids() == ["input"]


def test_recent_list_opens_files(window, tmp_path):
    make_sample(tmp_path, "mine", "Mine", "")
    settings.add_recent(tmp_path / "mine.nnproj")
    window.refresh_recent()
    window.show_welcome()
    item = window.welcome.recent.item(0)
    assert item.text() == "mine.nnproj"
    window.welcome.recent.itemClicked.emit(item)
    assert window.document.ids() == ["input", "h"]


def test_shipped_samples_all_load():
    for sample in find_samples():  # whatever samples/ holds today must open cleanly
        assert sample.spec["nodes"] and sample.title


def test_appearance_can_be_forced_dark_and_is_remembered(window, tmp_path):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from nnstudio.gui import theme

    make_sample(tmp_path, "s", "S", "lesson")
    window.welcome.load_samples(tmp_path)
    try:
        window.actions.appearance.actions()[2].trigger()  # View > Appearance > Dark
        assert theme.is_dark()
        assert QApplication.palette().color(QPalette.Window).lightness() < 80
        assert settings.store().value("appearance") == "dark"
        assert theme.colors().muted.name() in window.styleSheet()
        # an unticked check box is drawn with a frame one can see (Fusion's, the window colour darkened, was
        # invisible on the dark base: the CSV dialog's column lists read as plain text)
        from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton
        box = QCheckBox("x", window)
        box.show()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        frame = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        lightest = max(image.pixelColor(x, y).lightness() for x in range(frame.left(), frame.right() + 1)
                       for y in range(frame.top(), frame.bottom() + 1))
        assert lightest > 110
        box.deleteLater()
        window.set_appearance("light")
        assert not theme.is_dark()
        assert QApplication.palette().color(QPalette.Window).lightness() > 180
    finally:
        theme.set_appearance("system")


def test_a_projector_wide_window_shows_three_samples_a_row(window, tmp_path, qtbot):
    """At 1024 x 768 (the whole screen) the gallery fills the page beside Start: two a row left a third empty."""
    for k in range(4):
        make_sample(tmp_path, f"s{k}", f"Sample {k}", "A lesson.")
    window.resize(1024, 768)
    window.show()
    window.show_welcome()
    window.welcome.load_samples(tmp_path)
    qtbot.waitUntil(lambda: window.welcome.viewport().width() > 900, timeout=3000)
    window.welcome._place()
    assert window.welcome._columns == 3
    cards = window.welcome.sample_cards()
    assert cards[2].geometry().right() < window.welcome.viewport().width()
