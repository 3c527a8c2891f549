"""samples/course.json: the samples in teaching order, each exactly once; the gallery follows it."""

from __future__ import annotations

import json
from collections import Counter

from nnstudio.gui.course import COURSE_JSON, load_course
from nnstudio.gui.welcome import find_samples
from nnstudio.paths import samples_dir

from .test_welcome import make_sample


def test_every_shipped_sample_is_in_the_course_exactly_once():
    named = Counter(name for chapter in load_course() for name in chapter.samples)
    shipped = {p.stem for p in samples_dir().glob("*.nnproj")}
    assert shipped, "no samples found"
    assert {n: c for n, c in named.items() if c > 1} == {}
    assert set(named) == shipped


def test_the_course_starts_with_the_perceptron_and_ends_with_convolution():
    samples = find_samples()
    stems = [s.path.stem for s in samples]
    assert stems[:4] == ["perceptron_and", "perceptron_xor", "xor_step_units", "xor_hidden_layer"]
    assert stems.index("spiral") < stems.index("zero_init") < stems.index("house_prices")
    assert stems.index("iris_softmax") < stems.index("overfitting") < stems.index("digits_cnn")
    assert all(s.chapter for s in samples)


def test_gallery_shows_chapters_in_course_order_and_others_after(window, tmp_path):
    for name, title in (("a_first", "First"), ("b_second", "Second"), ("c_extra", "Extra")):
        make_sample(tmp_path, name, title, "")
    # deliberately not alphabetical: the file decides; a name without a file is skipped
    (tmp_path / COURSE_JSON).write_text(json.dumps({"chapters": [
        {"title": "Sooner", "samples": ["b_second", "missing_sample"]},
        {"title": "Later", "samples": ["a_first"]}]}), encoding="utf-8")
    window.show_welcome()
    window.welcome.load_samples(tmp_path)
    assert [c.sample.title for c in window.welcome.sample_cards()] == ["Second", "First", "Extra"]
    assert [c.sample.chapter for c in window.welcome.sample_cards()] == ["1 · Sooner", "2 · Later", ""]


def test_a_broken_course_file_falls_back_to_name_order(window, tmp_path):
    make_sample(tmp_path, "b", "B", "")
    make_sample(tmp_path, "a", "A", "")
    (tmp_path / COURSE_JSON).write_text("{not json", encoding="utf-8")
    window.show_welcome()
    window.welcome.load_samples(tmp_path)
    assert [c.sample.title for c in window.welcome.sample_cards()] == ["A", "B"]
