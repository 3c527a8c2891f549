"""The window in Chinese: catalogs complete and current, the translator loaded by language, View ▸ Language,
the font check, and a walk over menus, toolbars and docks that fails on English left untranslated."""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox, QToolBar

from nnstudio import i18n
from nnstudio.gui import app, catalogs, language

from ..english_words import ALLOWED

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def catalog(lang: str) -> ET.Element:
    return ET.parse(i18n.catalog_path(lang, ".ts")).getroot()


def messages(root: ET.Element) -> set[tuple[str, str]]:
    return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}


@pytest.mark.parametrize("lang", catalogs.LANGS)
def test_ts_catalog_matches_the_source_and_is_finished(lang, tmp_path):
    """lupdate over today's source adds nothing to the committed .ts and marks nothing vanished; every entry has
    a finished translation (a new tr() string fails here until it is translated)."""
    committed = i18n.catalog_path(lang, ".ts")
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    catalogs.lupdate([fresh], tmp_path / "work")
    before, after = catalog(lang), ET.parse(fresh).getroot()
    assert sorted(messages(after) - messages(before)) == [], "run python -m nnstudio.gui.catalogs, then translate"
    states = {(c.findtext("name"), m.findtext("source")): m.find("translation").get("type")
              for c in after.iter("context") for m in c.iter("message")}
    assert sorted(k for k, v in states.items() if v in ("vanished", "obsolete")) == []
    assert sorted(k for k, v in states.items() if v == "unfinished") == []
    assert all(m.find("translation").text for m in before.iter("message"))


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)s|%[a-z]|%\d")   # {0}, {name}, %(x)s, %p (a progress bar's)


@pytest.mark.parametrize("lang", catalogs.LANGS)
def test_ts_translations_keep_their_sources_placeholders(lang):
    """A translation with a placeholder missing, renamed or renumbered raises when the window formats it
    (IndexError, KeyError) or shows the wrong number: each keeps exactly its source's."""
    wrong = [(c.findtext("name"), m.findtext("source"))
             for c in catalog(lang).iter("context") for m in c.iter("message")
             if sorted(PLACEHOLDER.findall(m.findtext("source") or "")) !=
             sorted(PLACEHOLDER.findall(m.find("translation").text or ""))]
    assert wrong == []


@pytest.mark.parametrize("lang", catalogs.LANGS)
def test_qm_is_compiled_from_the_committed_ts(lang, tmp_path):
    built = tmp_path / "x.qm"
    catalogs.lrelease(i18n.catalog_path(lang, ".ts"), built)
    assert built.read_bytes() == i18n.catalog_path(lang, ".qm").read_bytes(), "run python -m nnstudio.gui.catalogs"


def literal_tr_calls(tree: ast.AST):
    """The literal text of each tr / _tr / translate / QT_TRANSLATE_NOOP call in ``tree`` (f-strings included)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        place = {"tr": 0, "_tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
        if place is not None and len(node.args) > place and isinstance(node.args[place], ast.Constant):
            yield node.args[place].value


def test_every_literal_tr_call_reaches_the_catalog():
    """A tr() lupdate cannot see (inside an f-string, or through a helper it cannot read) is never translated."""
    known = {source for _ctx, source in messages(catalog("zh_CN"))}
    hidden = sorted({(path.name, text) for path in catalogs.GUI.rglob("*.py")
                     for text in literal_tr_calls(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(text, str) and text not in known})
    assert hidden == []


def test_spelled_out_helper_calls_keep_their_lines():
    source = ('def _tr(text: str) -> str:\n    return QCoreApplication.translate("Ctx", text)\n\n'
              'x = _tr("a")\ny = self.tr("b")\n')
    out = catalogs.spelled_out(source)
    assert 'x = QCoreApplication.translate("Ctx", "a")' in out and 'self.tr("b")' in out and "def _tr(" in out
    assert out.count("\n") == source.count("\n")


@pytest.fixture
def chinese(qapp):
    assert language.install(qapp, "zh_CN")
    yield
    language.install(qapp, "en")


def menu_texts(menu: QMenu, skip: set) -> list[str]:
    out = [menu.title()]
    for a in menu.actions():
        if a.menu() is not None:
            if a.menu() not in skip:
                out += menu_texts(a.menu(), skip)
        elif not a.isSeparator():
            out.append(a.text())
    return out


def visible_texts(window) -> list[str]:
    """Menu titles and entries (not the recent file paths, not the language names), dock titles, toolbar."""
    skip = {window.recent_menu}
    texts = []
    for a in window.menuBar().actions():
        texts += menu_texts(a.menu(), skip)
    texts += [d.windowTitle() for d in window.findChildren(QDockWidget)]
    for bar in window.findChildren(QToolBar):
        texts += [bar.windowTitle()] + [a.iconText() for a in bar.actions() if not a.isSeparator()]
    return [t for t in texts if t not in i18n.LANGUAGES.values()]


def english_words(texts: list[str]) -> list[str]:
    return sorted({w for t in texts for w in WORD.findall(re.sub(r"\(&\w\)|&", "", t)) if w not in ALLOWED})


def test_menus_and_docks_show_chinese_under_zh_cn(chinese, make_window):
    w = make_window()
    titles = [a.menu().title() for a in w.menuBar().actions()]
    assert titles[0] == "文件(&F)" and "帮助(&H)" in titles
    assert english_words(visible_texts(w)) == []


def test_english_comes_back_with_english(qapp, make_window):
    language.install(qapp, "zh_CN")
    language.install(qapp, "en")
    w = make_window()
    assert w.menuBar().actions()[0].menu().title() == "&File"
    assert i18n._("the file does not exist") == "the file does not exist"


def test_language_order_flag_then_setting_then_system():
    assert language.chosen("zh-CN") == "zh_CN"
    assert language.chosen(None) == "en"          # the test settings say English
    language.settings.store().setValue(language.SETTING, "zh_CN")
    assert language.chosen(None) == "zh_CN"
    assert language.chosen("en") == "en"


def test_language_menu_saves_the_choice_and_says_when_it_applies(make_window, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    w = make_window()
    [chinese] = [a for a in w.actions.language.actions() if a.data() == "zh_CN"]
    chinese.trigger()
    assert language.saved_choice() == "zh_CN"
    assert len(said) == 1 and "next time it starts" in said[0] and "下次启动" in said[0]
    [english] = [a for a in w.actions.language.actions() if a.data() == "en"]
    english.trigger()                              # the language already showing: nothing to restart for
    assert language.saved_choice() == "en" and len(said) == 1


def test_missing_cjk_font_names_a_package(monkeypatch):
    monkeypatch.setattr(QFontDatabase, "families", lambda *args: [])
    sentence = language.missing_font("zh_CN")
    assert "fonts-noto-cjk" in sentence and "boxes" in sentence
    assert language.missing_font("en") is None
    monkeypatch.setattr(QFontDatabase, "families", lambda *args: ["Noto Sans CJK SC"])
    assert language.missing_font("zh_CN") is None


def test_gui_lang_flag():
    assert app.parse_args(["x.nnproj", "--lang", "zh_CN"]).lang == "zh_CN"
