"""Spec analysis: every problem reported with its node id in a sentence a student understands."""

import time

import pytest

from nnstudio.engine import SpecError, analyze, normalize, validate
from nnstudio.engine.errors import SpecError as _SpecError

from .helpers import chain, node, xor_spec


def messages(spec):
    return [(e.node_id, e.message) for e in analyze(spec).errors]


def test_valid_spec_order_shapes_counts():
    result = analyze(xor_spec())
    assert result.ok and result.errors == []
    assert result.order == ["x", "l1", "l2"]
    assert result.shapes == {"x": (2,), "l1": (10,), "l2": (1,)}
    assert result.param_counts == {"x": 0, "l1": 30, "l2": 11}
    assert (result.input_id, result.output_id) == ("x", "l2")
    assert validate(xor_spec()).output_id == "l2"


def test_dense_on_an_image_says_add_flatten():
    spec = chain([6, 6, 1], ("Conv2D", {"filters": 16, "kernel_size": 1}), ("Dense", {"units": 3}))
    spec["nodes"][2]["id"] = "h2"
    spec["edges"][1][1] = "h2"
    assert messages(spec) == [("h2", "Dense 'h2' needs a flat input but receives (6, 6, 16): add a Flatten "
                                     "before it.")]


def test_too_many_inputs_sentence():
    spec = xor_spec()
    spec["nodes"].append(node("h2", "Dense", units=2))
    spec["edges"] += [["x", "h2"], ["l1", "h2"], ["h2", "l2"]]
    errs = messages(spec)
    assert ("h2", "Dense 'h2' takes one input but two are connected: keep one connection (use Add or "
                  "Concatenate to merge).") in errs
    assert any(nid == "l2" and "takes one input but two" in m for nid, m in errs)


def test_every_problem_is_reported_at_once():
    spec = {"nodes": [node("x", "Input", shape=[2]),
                      node("a", "Dense", units=0),
                      node("b", "Dense", units=3, activation="relux"),
                      node("c", "Dense", units=2, activation="tanh"),
                      node("c", "Dense", units=2),
                      node("d", "Dence"),
                      {"id": "", "type": "Dense", "params": {"units": 1}}],
            "edges": [["x", "a"], ["a", "b"], ["b", "c"], ["c", "ghost"]]}
    errs = messages(spec)
    text = "\n".join(m for _, m in errs)
    assert ("a", "Dense 'a' needs 'units' to be a whole number at least 1, but it is 0.") in errs
    assert any(nid == "b" and "Unknown activation 'relux'; choose one of: linear, step" in m for nid, m in errs)
    assert "Two nodes share the id 'c'" in text
    assert any(nid == "d" and "unknown type 'Dence'; valid types are: Input, Dense" in m for nid, m in errs)
    assert "has an empty id" in text
    assert any(nid == "c" and "'ghost', which is not a node" in m for nid, m in errs)
    assert any(nid == "d" and "leads nowhere" in m for nid, m in errs)  # c, which the data reaches, is the output


def test_cycle_names_its_nodes():
    spec = chain([2], ("Dense", {"units": 3}), ("Dense", {"units": 3}), ("Dense", {"units": 1}))
    spec["nodes"].append(node("m", "Add"))
    spec["edges"] = [["x", "m"], ["m", "l1"], ["l1", "l2"], ["l2", "m"], ["l2", "l3"]]
    errs = analyze(spec).errors
    loop = [e for e in errs if "form a loop" in e.message]
    assert len(loop) == 1
    assert set(loop[0].node_ids) == {"m", "l1", "l2"}
    assert "'m' -> 'l1' -> 'l2' -> 'm'" in loop[0].message or "'l1' -> 'l2' -> 'm' -> 'l1'" in loop[0].message \
        or "'l2' -> 'm' -> 'l1' -> 'l2'" in loop[0].message


def test_self_loop_is_a_cycle():
    spec = chain([2], ("Dense", {"units": 2}))
    spec["edges"].append(["l1", "l1"])
    assert any("'l1' -> 'l1' form a loop" in m for _, m in messages(spec))


def test_input_count_problems():
    spec = chain([2], ("Dense", {"units": 1}))
    spec["nodes"][0]["type"] = "Dense"
    spec["nodes"][0]["params"] = {"units": 2}
    assert any("no Input node" in m for _, m in messages(spec))
    two = chain([2], ("Dense", {"units": 1}))
    two["nodes"].append(node("x2", "Input", shape=[2]))
    errs = analyze(two).errors
    both = [e for e in errs if "2 Input nodes" in e.message]
    assert both and set(both[0].node_ids) == {"x", "x2"}


def test_several_outputs_and_dangling_nodes():
    spec = xor_spec()
    spec["nodes"].append(node("side", "Dense", units=4))
    spec["edges"].append(["l1", "side"])
    errs = messages(spec)
    assert ("l2", "Dense 'l2' leads nowhere: a network has one output ('side'), so connect 'l2' to a later "
                  "layer or delete it.") in errs
    lonely = xor_spec()
    lonely["nodes"].append(node("z", "Flatten"))
    errs = messages(lonely)
    assert any(nid == "z" and "takes one input but none is connected" in m for nid, m in errs)
    assert any(nid == "z" and "leads nowhere" in m for nid, m in errs)


def test_conv_problems():
    flat = chain([16], ("Conv2D", {"filters": 2, "kernel_size": 3}))
    assert any("needs an image input (height, width, channels) but receives (16,)" in m for _, m in messages(flat))
    big = chain([4, 4, 1], ("Conv2D", {"filters": 2, "kernel_size": 5}))
    assert messages(big) == [("l1", "Conv2D 'l1' has a 5x5 kernel, larger than its 4x4 input: use a smaller "
                                    "kernel_size or padding 'same'.")]
    same = chain([4, 4, 1], ("Conv2D", {"filters": 2, "kernel_size": 5, "padding": "same"}))
    assert messages(same) == []
    missing = chain([4, 4, 1], ("Conv2D", {"filters": 2}))
    assert messages(missing)[0][1].startswith("Conv2D 'l1' needs the parameter 'kernel_size'")
    bad_pad = chain([4, 4, 1], ("Conv2D", {"filters": 2, "kernel_size": 2, "padding": "full"}))
    assert "needs 'padding' to be one of 'valid', 'same'" in messages(bad_pad)[0][1]


def test_a_layer_too_big_to_allocate_is_a_spec_error_not_a_memory_error():
    # a typo (units 1e9) or a project file asking for terabytes: named before anything is allocated
    dense = chain([4], ("Dense", {"units": 10**9}))
    assert messages(dense) == [("l1", "Dense 'l1' would have 5,000,000,000 weights, more than the 500,000,000 a "
                                      "layer may have here: use fewer units or filters, or a smaller kernel.")]
    conv = chain([8, 8, 1], ("Conv2D", {"filters": 2, "kernel_size": 10**30, "padding": "same"}))
    assert messages(conv)[0][1].startswith("Conv2D 'l1' would have about 2e+60 weights")
    with pytest.raises(SpecError, match="'l1' would have"):
        validate(conv)
    assert messages(chain([4], ("Dense", {"units": 10**8}))) == []   # 500 million weights: allowed


def test_add_over_mismatched_shapes_names_them():
    spec = {"nodes": [node("x", "Input", shape=[3]), node("a", "Dense", units=4), node("b", "Dense", units=5),
                      node("s", "Add")],
            "edges": [["x", "a"], ["x", "b"], ["a", "s"], ["b", "s"]]}
    assert messages(spec) == [("s", "Add 's' adds inputs of different shapes (4,), (5,): they must all have the "
                                    "same shape.")]


def test_reshape_and_param_problems():
    assert "12 values" in messages(chain([12], ("Reshape", {"target_shape": [5, 2]})))[0][1]
    assert "at most one -1" in messages(chain([12], ("Reshape", {"target_shape": [-1, -1]})))[0][1]
    assert "not a multiple of 5" in messages(chain([12], ("Reshape", {"target_shape": [5, -1]})))[0][1]
    assert "has no parameter 'unit'" in messages(chain([2], ("Dense", {"unit": 3})))[0][1]
    assert "below 1" in messages(chain([2], ("Dropout", {"rate": 1.0})))[0][1]
    assert "'rate' to be a number at least 0 and at most 1" in messages(chain([2], ("Dropout", {"rate": 2})))[0][1]
    reg = messages(chain([2], ("Dense", {"units": 1, "kernel_regularizer": {"l3": 1}})))
    assert reg[0][0] == "l1" and "kernel_regularizer" in reg[0][1]


def test_extra_keys_are_kept_and_defaults_filled():
    spec = xor_spec()
    spec["nodes"][1].update(name="hidden", position=[120.0, 40.0])
    out = normalize(spec)
    assert out["nodes"][1]["name"] == "hidden" and out["nodes"][1]["position"] == [120.0, 40.0]
    assert out["nodes"][1]["params"]["kernel_initializer"] == "glorot_uniform"
    assert spec["nodes"][1]["params"] == {"units": 10, "activation": "tanh"}  # the original is untouched


def test_garbage_never_raises_from_analyze():
    for bad in (None, 3, {"nodes": 5}, {"nodes": [1, {"id": 3}], "edges": "x"},
                {"nodes": [], "edges": [[1, 2, 3]]}):
        assert analyze(bad).errors
    with pytest.raises(_SpecError):
        validate({"nodes": []})


def test_analyze_is_fast_for_200_nodes():
    """Not a timing assertion: reports the figure; the canvas calls analyze on every edit."""
    spec = chain([8], *[("Dense", {"units": 8, "activation": "relu"})] * 199)
    result = analyze(spec)
    assert result.ok and len(result.order) == 200
    start = time.perf_counter()
    for _ in range(5):
        analyze(spec)
    print(f"analyze 200 nodes: {(time.perf_counter() - start) / 5 * 1e3:.2f} ms")


def test_spec_error_is_importable_from_engine():
    assert SpecError is _SpecError


def test_remembered_params_still_reject_lookalike_values():
    analyze(chain([2], ("Dense", {"units": 1})))  # {"units": 1} is now remembered as valid
    assert "whole number" in messages(chain([2], ("Dense", {"units": True})))[0][1]
    assert "whole number" in messages(chain([2], ("Dense", {"units": 1.0})))[0][1]
    assert "true or false" in messages(chain([2], ("Dense", {"units": 1, "use_bias": 1})))[0][1]
