"""Wrapping Chinese help by terminal columns (nnstudio/argparse_words.py)."""

from __future__ import annotations

import pytest

from nnstudio.argparse_words import _columns, wrap

TEXT = ("一个设置及其取值，例如 training.batch_size=1,32,null、training.optimizer.learning_rate=0.1,0.01；"
        "重复给出即组成网格（第一个 --vary 变化最慢）")


@pytest.mark.parametrize("width", [20, 37, 60, 200])
def test_wrap_fits_keeps_words_and_punctuation(width):
    lines = wrap(TEXT, width)
    too_long = [line for line in lines if _columns(line) > width]
    assert all(line.rstrip("，、；").isascii() and " " not in line for line in too_long)   # one word, alone
    assert too_long == [] or width < 45
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")          # nothing lost or reordered
    assert not any(line[0] in "，。；：、）" or line[-1] == "（" for line in lines)
    for word in ("training.batch_size=1,32,null", "--vary"):                  # identifiers are never split
        assert any(word in line for line in lines)


def test_wrap_counts_a_chinese_character_as_two_columns():
    assert wrap("训练的轮数", 6) == ["训练的", "轮数"]
    assert wrap("a b c", 3) == ["a b", "c"]
