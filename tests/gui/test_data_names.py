"""Names nnstudio's own data sets give are shown in the window's language; the data keeps them."""

from __future__ import annotations

from nnstudio import data
from nnstudio.gui import data_names, language


def test_our_data_sets_names_are_shown_in_chinese_and_others_as_given(qapp):
    assert language.install(qapp, "zh_CN")
    try:
        memory = data.generate("memory", seed=0)
        assert data_names.shown(memory.class_names) == ["负", "正"]
        assert data_names.shown(memory.feature_names) == ["值", "标记"]
        assert memory.class_names == ["negative", "positive"]        # the data set itself is untouched
        assert data_names.shown(["setosa", "area_m2", 3]) == ["setosa", "area_m2", "3"]
        assert data_names.shown(None) is None
    finally:
        language.install(qapp, "en")
    assert data_names.shown(memory.class_names) == ["negative", "positive"]


def test_every_listed_name_is_one_our_data_sets_give():
    from nnstudio.data.builtin import _DOWNLOADED

    memory = data.generate("memory", seed=0)
    given = set(memory.class_names) | set(memory.feature_names)
    given |= set(data.generate("sine_windows", seed=0).feature_names)
    given |= set(data.load_builtin("breast_cancer").class_names) | set(_DOWNLOADED["fashion_mnist"][1])
    assert data_names.NAMES == given
