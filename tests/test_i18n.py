"""The Qt-free language choice and gettext catalog (nnstudio/i18n.py), and the CLI's --lang."""

from __future__ import annotations

import argparse
import gettext
import os
import re
import string
import subprocess
import sys

import pytest

from nnstudio import argparse_words, cli, i18n
from nnstudio.data.csv_import import load_csv
from nnstudio.data.errors import DataError
from nnstudio.engine import activations, layers
from nnstudio.engine.errors import SpecError
from nnstudio.engine.spec import analyze
from nnstudio.gui import catalogs
from nnstudio.paths import samples_dir

from tests import english_words

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


def _fields(text: str) -> list[str]:
    """The replacement fields of a str.format template: name, conversion and format spec."""
    return sorted(f"{name}!{conv}:{spec}" for _lit, name, spec, conv in string.Formatter().parse(text)
                  if name is not None)


# argparse's own placeholders (%(default)s, %(prog)s, %s, %r) and a bare %, which argparse's % would choke on
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]?")


@pytest.mark.parametrize("lang", catalogs.LANGS)
def test_po_placeholders_match(lang):
    """A msgstr has exactly its msgid's {placeholders} and %-placeholders: a missing or renamed one breaks
    .format() or argparse's % under lang."""
    entries = i18n.read_po(i18n.catalog_path(lang, ".po"))
    assert [m for m, t in entries.items() if _fields(m) != _fields(t)] == []
    assert [m for m, t in entries.items() if sorted(_PERCENT.findall(m)) != sorted(_PERCENT.findall(t))] == []


def test_engine_errors_in_chinese(restore_language):
    no_input = {"nodes": [{"id": "d", "type": "Dense", "params": {"units": 2}}], "edges": []}
    image_into_dense = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4, 4, 1]}},
                                  {"id": "p", "type": "MaxPooling2D", "params": {"pool_size": 8}}],
                        "edges": [["x", "p"]]}
    english = [str(e) for spec in (no_input, image_into_dense) for e in analyze(spec).errors]
    assert any("has no Input node" in e for e in english) and any("pool, larger than" in e for e in english)
    i18n.set_language("zh_CN")
    chinese = [str(e) for spec in (no_input, image_into_dense) for e in analyze(spec).errors]
    assert "网络没有输入层 Input：请在数据进入的地方加一个。" in chinese
    assert any(e.startswith("MaxPooling2D 'p' 的池化窗口为 8x8") for e in chinese)
    with pytest.raises(SpecError, match="^激活函数必须是一个名称"):
        activations.get(5)


def test_data_errors_in_chinese(restore_language, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match=r"^empty\.csv: the file is empty\.$"):
        load_csv(empty)
    i18n.set_language("zh_CN")
    with pytest.raises(DataError, match=r"^empty\.csv：文件是空的。$"):
        load_csv(empty)


def test_layer_texts_are_translated_when_shown_not_at_import(restore_language):
    """Descriptions and help lines are class attributes made at import; the language chosen later applies."""
    dense = layers.get("Dense")
    assert dense.DESCRIPTION.startswith("Fully connected")     # the registry keeps the English
    i18n.set_language("zh_CN")
    assert i18n._(dense.DESCRIPTION).startswith("全连接层")
    assert i18n._(dense.PARAMS[0].help) == "神经元个数（输出个数）"


def test_cli_usage_error_in_chinese(tmp_path):
    sample = str(samples_dir() / "xor_hidden_layer.nnproj")
    chinese = _cli("--lang", "zh_CN", "train", sample, "--epochs", "0")
    assert chinese.returncode == 2
    assert chinese.stderr.startswith("nnstudio: error: --epochs 至少为 1，不能是 0")


def test_cli_success_output_in_chinese(tmp_path):
    """train, validate and evaluate say what they did in the language of --lang; the figures' names
    (loss, accuracy) are the identifiers Keras prints, and "ok:" stays for scripts as "nnstudio: error:" does."""
    sample = str(samples_dir() / "xor_hidden_layer.nnproj")
    out = str(tmp_path / "xor.nnproj")
    train = _cli("--lang", "zh_CN", "train", sample, "--epochs", "2", "--out", out)
    assert train.returncode == 0, train.stderr
    first, second = train.stdout.splitlines()
    assert first.startswith("训练了 2 轮，用时 ") and "loss" in first
    assert second == f"已保存 {out}"
    validate = _cli("--lang", "zh_CN", "validate", out)
    assert validate.stdout.startswith(f"ok: {out}：'") and validate.stdout.rstrip().endswith("已训练 2 轮")
    evaluate = _cli("--lang", "zh_CN", "evaluate", out).stdout.splitlines()
    assert evaluate[0].endswith("：已训练 2 轮") and evaluate[1].lstrip().startswith("训练集")
    english = _cli("train", sample, "--epochs", "2", "--out", out)
    assert english.stdout.startswith("Trained 2 epochs in ") and english.stdout.splitlines()[1] == f"Saved {out}"


def _parsers(parser: argparse.ArgumentParser):
    """``parser`` and every sub-command's parser below it, with the command words that lead to each."""
    yield [], parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if sub.add_help:              # `gui` is listed only: the app's own parser answers its --help
                    yield from (([name] + words, p) for words, p in _parsers(sub))


def _names(parser: argparse.ArgumentParser) -> set[str]:
    """Every word the student types or sees as a placeholder: option names, commands, metavars, choices."""
    words = set()
    for _words, p in _parsers(parser):
        for action in p._actions:
            texts = [*action.option_strings, action.dest, str(action.metavar or ""), *map(str, action.choices or ())]
            words |= {w for text in texts for w in english_words.IDENTIFIER.findall(text)}
    return words


# names in the help's sentences: project file keys (--vary), a JSON key, language codes, an environment
# variable, a data set's title, file formats (IDX, gzip, npz) and the number type
HELP_NAMES = {"spec", "training", "optimizer", "batch_size", "diverged", "null", "en", "zh_CN", "NNSTUDIO_DATA_MIRROR", "Fashion",
              "JSON", "nnproj", "npz", "URL", "SHA", "float64", "IDX", "gzip"}
COMMAND_LINES = [words for words, _p in _parsers(cli._build_parser())]


@pytest.mark.parametrize("words", COMMAND_LINES, ids=lambda words: " ".join(words) or "nnstudio")
def test_cli_help_in_chinese(words):
    """`nnstudio --lang zh_CN [COMMAND] --help`: argparse's own words and ours in Chinese; the English words
    left are the ones typed on the command line or in a project (options, commands, identifiers)."""
    result = _cli("--lang", "zh_CN", *words, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：nnstudio") and "选项:" in result.stdout and "显示此帮助信息并退出" in result.stdout
    allowed = english_words.identifiers() | _names(cli._build_parser()) | HELP_NAMES
    assert english_words.english([result.stdout], allowed) == []


def test_gui_help_in_chinese_and_the_language_left_as_it_was(restore_language):
    """`nnstudio --lang zh_CN gui --help` answers from the app's own options (nnstudio/gui_args.py), in Chinese;
    parsing them does not change the process's language."""
    from nnstudio import gui_args

    result = _cli("--lang", "zh_CN", "gui", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：nnstudio gui") and "打开 nnstudio 窗口。" in result.stdout
    options = {w for a in gui_args._parser()._actions
               for text in (*a.option_strings, a.dest, str(a.metavar or "")) for w in english_words.IDENTIFIER.findall(text)}
    allowed = english_words.identifiers() | options | {"nnstudio", "gui", "nnproj", "JSON", "PNG", "FILE", "en", "zh_CN", "WxH"}
    assert english_words.english([result.stdout], allowed) == []
    i18n.set_language("en")
    assert gui_args.parse_args(["x.nnproj", "--lang", "zh_CN"]).lang == "zh_CN" and i18n.language() == "en"


def test_cli_help_in_english_is_argparse_own(restore_language):
    """In English the translated parser prints exactly what plain argparse prints, for every command."""
    i18n.set_language("en")
    with argparse_words.translated():
        parser = cli._build_parser()
        ours = [p.format_help() for _words, p in _parsers(parser)]
    for _words, p in _parsers(parser):
        p.formatter_class = argparse.HelpFormatter
    assert ours == [p.format_help() for _words, p in _parsers(parser)]
    english = _cli("train", "--help").stdout
    assert english.startswith("usage: nnstudio train") and "show this help message and exit" in english
    assert "epochs to train (default: the project's setting)" in english.replace("\n" + " " * 19, " ")
    assert not re.search("[\u4e00-\u9fff]", english)


def test_argparse_complaints_in_chinese_and_argparse_restored(capsys, restore_language):
    """argparse's error messages come from our catalog too, and argparse's gettext is put back afterwards."""
    assert cli.main(["--lang", "zh_CN", "train"]) == 2
    assert capsys.readouterr().err == "nnstudio: error: 缺少必需的参数：project（见 'nnstudio train --help'）\n"
    assert cli.main(["--lang", "zh_CN", "train", "x.nnproj", "--epochs", "many"]) == 2
    assert capsys.readouterr().err.startswith("nnstudio: error: 参数 --epochs：无效的 int 值：'many'")
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
