"""The gallery of misclassified images as a class sees it: its words in Chinese, its text in presentation
mode, and what it says when not every mistake fits."""

import numpy as np
import pytest
from PySide6.QtGui import QFontMetrics

from nnstudio.gui import language
from nnstudio.gui.plots import base
from nnstudio.gui.plots.digits import MistakesGallery
from nnstudio.gui.training.snapshots import Snapshot, mistakes_part


def _snapshot(wrong: int, which: str = "validation") -> Snapshot:
    """``wrong`` mistakes among 100 4x4 images of 10 classes."""
    rng = np.random.default_rng(0)
    truth = np.arange(wrong) % 10
    pred = (truth + 1) % 10
    scores = rng.dirichlet(np.ones(10), size=wrong)
    matrix = np.zeros((10, 10), dtype=np.int64)
    np.add.at(matrix, (truth, pred), 1)
    matrix[np.arange(10), np.arange(10)] += (100 - wrong) // 10
    matrix[0, 0] += 100 - int(matrix.sum())
    mistakes = mistakes_part(rng.random((wrong, 16)), truth, pred, scores)
    return Snapshot(prediction={"kind": "confusion", "matrix": matrix, "which": which, "mistakes": mistakes})


@pytest.fixture
def gallery(qtbot):
    g = MistakesGallery()
    qtbot.addWidget(g)
    g.set_data((4, 4, 1), [str(d) for d in range(10)])
    return g


@pytest.fixture
def chinese(qapp):
    assert language.install(qapp, "zh_CN")
    yield
    language.install(qapp, "en")


@pytest.mark.parametrize("which, part", [("validation", "验证集"), ("training", "训练集")])
def test_the_heading_names_the_part_in_chinese(chinese, gallery, which, part):
    """The part's English name was spliced into the Chinese sentence: '359 张 validation 图片中认错了 13 张'."""
    gallery.on_snapshot(_snapshot(13, which))
    assert gallery.heading.startswith(f"100 张{part}图片中认错了 13 张")
    assert which not in gallery.heading


def test_the_text_is_larger_in_presentation_mode(gallery):
    """The plots' text grows 1.4 times in presentation mode; the gallery's stayed at 10 pt, and its caption
    band at 30 px."""
    gallery.resize(420, 300)
    gallery.on_snapshot(_snapshot(13))
    normal = gallery.text_font().pointSizeF(), gallery.caption_height()
    base.set_scale(1.4, [gallery])
    try:
        assert gallery.text_font().pointSizeF() == pytest.approx(normal[0] * 1.4)
        assert gallery.caption_height() > normal[1] * 1.3
        cols, size, rows = gallery.layout_tiles()
        assert rows * (size + gallery.caption_height()) <= gallery.height() - gallery._heading_height()
    finally:
        base.set_scale(1.0, [gallery])


def test_mistakes_that_do_not_fit_are_counted_in_the_last_place(gallery):
    """13 mistakes and room for 8 showed 8 without a word about the other 5."""
    gallery.resize(314, 260)          # the Mistakes dock at 1280x720
    gallery.on_snapshot(_snapshot(13))
    cols, _size, rows = gallery.layout_tiles()
    assert cols * rows < 13
    assert gallery.hidden() == (cols * rows - 1, 13 - cols * rows + 1)
    gallery.resize(900, 700)
    assert gallery.hidden() == (13, 0)
    assert not gallery.grab().isNull()


def test_the_count_of_more_mistakes_is_of_all_of_them(gallery):
    """A snapshot carries the 40 surest mistakes of 913: the last place said "+33 more", not "+906"."""
    snap = _snapshot(40)
    m = snap.prediction["matrix"]
    m[np.arange(10), np.arange(10)] = 0
    m[np.arange(10), (np.arange(10) + 1) % 10] = 91
    m[0, 0], m[0, 2] = 87, 3              # 1000 images, 913 wrong
    gallery.resize(314, 260)
    gallery.on_snapshot(snap)
    assert gallery.heading.startswith("913 of 1000 validation images wrong")
    shown, more = gallery.hidden()
    assert shown < 40 and shown + more == 913
    gallery.resize(2000, 2000)            # room for all 40 carried: the rest are still counted
    assert gallery.hidden() == (40, 873)
    assert not gallery.grab().isNull()


def language_more(n: int) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Digits", "+{n} more").format(n=n)


def ink_lines(gallery) -> tuple[int, int]:
    """(pixel rows with ink, one line's height) in the "+N more" place, as painted."""
    cols, size, _rows = gallery.layout_tiles()
    shown, _hidden = gallery.hidden()
    r, c = divmod(shown, cols)
    line = QFontMetrics(gallery.text_font()).height()
    x, y = 6 + c * (size + 6), gallery._heading_height() + r * (size + 2 * line + 2)
    image = gallery.grab().toImage()
    rows = [yy for yy in range(y, y + size)
            if any(image.pixelColor(xx, yy).lightness() < 160 for xx in range(x - 3, x + size + 3))]
    return len(rows), line


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_count_of_more_mistakes_stays_on_one_line(qapp, gallery, lang):
    """In presentation mode's six columns (the Mistakes dock at 1280x720) "还有 32 张" broke before its last
    character; the place says it on one line, shorter ("+32") when the sentence does not fit."""
    assert language.install(qapp, lang)
    base.set_scale(1.4, [gallery])
    try:
        gallery.resize(423, 272)
        gallery.on_snapshot(_snapshot(40))
        cols, size, _rows = gallery.layout_tiles()
        shown, hidden = gallery.hidden()
        assert cols == 6 and hidden > 9
        text, font = gallery.more_text(hidden, size + 6)
        assert QFontMetrics(font).horizontalAdvance(text) <= size + 6
        assert font.pointSizeF() == gallery.text_font().pointSizeF()   # as large as the captions
        assert str(hidden) in text
        ink, line = ink_lines(gallery)
        assert 0 < ink <= line                        # one line of text, not two
        assert gallery.more_text(hidden, 300)[0] == language_more(hidden)   # the sentence where it fits
    finally:
        base.set_scale(1.0, [gallery])
        language.install(qapp, "en")
