"""The Qt-free language choice and gettext catalog (nnstudio/i18n.py), and the CLI's --lang."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nnstudio import i18n
from nnstudio.gui import catalogs

NAMES = [("zh_CN", "zh_CN"), ("zh-CN.UTF-8", "zh_CN"), ("zh_Hans", "zh_CN"), ("zh", "zh_CN"), ("en_US.UTF-8", "en"),
         ("C", "en"), ("fr_FR", None), ("", None), (None, None)]


@pytest.mark.parametrize("name, lang", NAMES)
def test_normalize(name, lang):
    assert i18n.normalize(name) == lang


def test_environment_order_follows_gettext():
    assert i18n.from_environment({"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}) == "zh_CN"
    assert i18n.from_environment({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.from_environment({}) == "en"


@pytest.fixture
def restore_language():
    yield
    i18n.set_language("en")


def test_catalog_translates_and_english_is_untouched(restore_language):
    message = "Cannot open {label}: {problem}."
    assert i18n._(message) == message
    assert i18n.set_language("zh_CN") == "zh_CN"
    assert i18n._(message) != message and "{label}" in i18n._(message)
    assert i18n._("a message no catalog has") == "a message no catalog has"
    i18n.set_language("en")
    assert i18n._(message) == message


def test_read_po_skips_fuzzy_and_empty(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "a"\nmsgstr "甲"\n\n#, fuzzy\nmsgid "b"\nmsgstr "乙"\n\nmsgid "c"\nmsgstr ""\n\n'
                  'msgid "long "\n"line"\nmsgstr "长"\n"行"\n', encoding="utf-8")
    assert i18n.read_po(po) == {"a": "甲", "long line": "长行"}


def test_po_catalog_is_complete_and_not_stale():
    """Every _() message of the Qt-free code has a translation, and the catalog holds no other entry."""
    for lang in catalogs.LANGS:
        entries = i18n.read_po(i18n.catalog_path(lang, ".po"))
        wanted = catalogs.po_messages()
        assert sorted(set(wanted) - set(entries)) == [], f"untranslated in nnstudio_{lang}.po"
        assert sorted(set(entries) - set(wanted)) == [], f"obsolete in nnstudio_{lang}.po"


def _cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C"
    return subprocess.run([sys.executable, "-m", "nnstudio.cli", *args], capture_output=True, text=True, env=env)


def test_cli_lang_translates_errors(tmp_path):
    missing = str(tmp_path / "missing.nnproj")
    english = _cli("validate", missing)
    chinese = _cli("--lang", "zh_CN", "validate", missing)
    assert english.returncode == chinese.returncode == 2
    assert english.stderr == f"nnstudio: error: Cannot open {missing}: the file does not exist.\n"
    assert chinese.stderr == f"nnstudio: error: 无法打开 {missing}：文件不存在。\n"
    assert _cli("validate", missing, "--lang=zh_CN").stderr == chinese.stderr
