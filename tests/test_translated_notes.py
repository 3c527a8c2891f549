"""Lesson notes of the shipped samples in Chinese (nnstudio/translated_notes.py)."""

from __future__ import annotations

import re

import pytest

from nnstudio import i18n, translated_notes
from nnstudio.paths import samples_dir
from nnstudio.project import load

SAMPLES = sorted(samples_dir().glob("*.nnproj"))
# commands, code and formulas a student types or compares: kept verbatim in a translation
_SPAN = re.compile(r"`([^`]*)`")


def _code(text: str) -> set[str]:
    return {" ".join(s.split()) for s in _SPAN.findall(text) if re.search(r"nnstudio|=|\(", s)}


def _notes(path) -> str:
    return load(path).notes


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_has_chinese_notes_for_its_current_english_text(path):
    english = _notes(path)
    chinese = translated_notes.translated(english, "zh_CN")
    assert chinese != english, f"{path.stem}: no notes_zh_CN file translates its current notes"
    assert re.search(r"[\u4e00-\u9fff]", chinese)
    assert _code(english) <= _code(chinese), path.stem


def test_no_translation_is_left_behind_by_a_change_of_the_english():
    current = {translated_notes.key(_notes(p)) for p in SAMPLES}
    files = sorted(translated_notes.folder("zh_CN").glob("*.md"))
    assert files
    for f in files:
        header = f.read_text(encoding="utf-8").splitlines()[0]
        assert re.fullmatch(r"<!-- en: [0-9a-f]{16} -->", header), f.name
        assert header[9:25] in current, f"{f.name} translates notes no sample has any more"


def test_other_notes_and_english_show_as_written():
    english = _notes(SAMPLES[0])
    assert translated_notes.translated(english, "en") == english
    own = "# My lesson\n\nA teacher's own words."
    assert translated_notes.translated(own, "zh_CN") == own
    assert translated_notes.translated("", "zh_CN") == ""


def test_the_app_language_chooses_by_default():
    english = _notes(samples_dir() / "spiral.nnproj")
    try:
        i18n.set_language("zh_CN")
        assert translated_notes.translated(english).startswith("# 螺旋")
    finally:
        i18n.set_language("en")
    assert translated_notes.translated(english) == english
