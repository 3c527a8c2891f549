"""Connection checks, readable ids and the Arrange layout."""

import pytest

from nnstudio.document import arrange, check_edge, check_name, new_id, new_ids, snake

LIMITS = {"Input": 0, "Dense": 1, "Add": None, "Concatenate": None}


def limit(type_name):
    return LIMITS.get(type_name, 1)


def spec():
    return {"nodes": [{"id": "x", "type": "Input"}, {"id": "a", "type": "Dense"},
                      {"id": "b", "type": "Dense"}, {"id": "m", "type": "Add"}, {"id": "c", "type": "Dense"}],
            "edges": [["x", "a"], ["a", "b"], ["b", "m"], ["m", "c"]]}


def test_a_valid_connection_passes():
    assert check_edge(spec(), "a", "m", limit) is None


@pytest.mark.parametrize("src, dst, words", [
    ("c", "m", "would make a loop (m → c → m)"),
    ("a", "a", "cannot feed into itself"),
    ("x", "a", "already connected"),
    ("x", "b", "takes one input and already receives 'a'"),
    ("a", "x", "takes no inputs"),
    ("ghost", "a", "no layer 'ghost'"),
])
def test_refusals_explain_themselves(src, dst, words):
    message = check_edge(spec(), src, dst, limit)
    assert message is not None and words in message


def test_check_name_refuses_duplicates_and_empty():
    s = {"nodes": [{"id": "a", "type": "Dense", "name": "hidden"}, {"id": "b", "type": "Dense"}], "edges": []}
    assert "already called 'hidden'" in check_name(s, "b", "hidden")
    assert "already called 'b'" in check_name(s, "a", "b")
    assert "empty" in check_name(s, "b", "  ")
    assert check_name(s, "a", "hidden") is None


def test_snake_and_new_ids():
    assert snake("MaxPooling2D") == "max_pooling2d"
    assert snake("Conv2D") == "conv2d"
    assert snake("BatchNormalization") == "batch_normalization"
    assert new_id("Dense", {"dense_1"}) == "dense_2"
    assert new_id("Input", set()) == "input"
    assert new_ids(["Dense", "Dense", "Input"], {"input"}) == ["dense_1", "dense_2", "input_1"]


def test_arrange_places_columns_left_to_right_with_merges_after_branches():
    s = {"nodes": [{"id": i, "type": "Dense"} for i in ["x", "p", "q", "m", "y"]],
         "edges": [["x", "p"], ["x", "q"], ["p", "m"], ["q", "m"], ["m", "y"]]}
    pos = arrange(s)
    xs = {k: v[0] for k, v in pos.items()}
    assert xs["x"] < xs["p"] == xs["q"] < xs["m"] < xs["y"]
    assert pos["p"][1] != pos["q"][1]
    assert pos["x"][1] == pos["m"][1] == 0.0


def test_arrange_survives_a_cycle():
    s = {"nodes": [{"id": "a", "type": "Dense"}, {"id": "b", "type": "Dense"}],
         "edges": [["a", "b"], ["b", "a"]]}
    assert set(arrange(s)) == {"a", "b"}


def chain(n):
    ids = [f"n{i}" for i in range(n)]
    return {"nodes": [{"id": i, "type": "Dense"} for i in ids], "edges": [[a, b] for a, b in zip(ids, ids[1:])]}


def test_a_short_chain_stays_on_one_row_whatever_the_canvas():
    s = chain(3)
    assert arrange(s, fit=[(420, 260)]) == arrange(s)
    assert {y for _, y in arrange(s, fit=[(420, 260)]).values()} == {0.0}


def test_a_long_chain_wraps_into_rows_that_show_larger_in_a_small_canvas():
    from nnstudio.document.layout import (CARD_HEIGHT, CARD_WIDTH, READABLE, WRAP_GAIN, _columns, _zoom,
                                          columns_per_band, overlapping)

    s = chain(8)
    canvas = [(420, 260)]
    per_band = columns_per_band(s, canvas)
    _, columns, _ = _columns(s)
    assert 1 < per_band < 8
    assert _zoom(columns, 8, canvas) < READABLE
    assert _zoom(columns, per_band, canvas) >= WRAP_GAIN * _zoom(columns, 8, canvas)
    pos = arrange(s, fit=canvas)
    rows = sorted({y for _, y in pos.values()})
    assert len(rows) == -(-8 // per_band)
    for i in range(7):                       # read like text: left to right, then the next row down
        (x0, y0), (x1, y1) = pos[f"n{i}"], pos[f"n{i + 1}"]
        assert (y1 == y0 and x1 > x0) or (y1 > y0 and x1 < x0)
    placed = {"nodes": [{"id": k, "position": list(v)} for k, v in pos.items()]}
    assert not overlapping(placed, CARD_WIDTH, CARD_HEIGHT)
