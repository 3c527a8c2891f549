"""Each document operation: its effect, its inverse restoring the spec exactly, and change events."""

import copy

import pytest

from nnstudio.document import (AddEdge, AddNodes, Batch, Document, DocumentError, MoveNodes, RemoveEdge,
                               RemoveNodes, SetName, SetParams, describe, is_structural)


def xor_spec():
    return {
        "nodes": [
            {"id": "x", "type": "Input", "params": {"shape": [2]}, "position": [0.0, 0.0]},
            {"id": "h", "type": "Dense", "params": {"units": 4, "activation": "tanh"}, "name": "hidden"},
            {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}},
        ],
        "edges": [["x", "h"], ["h", "y"]],
    }


def roundtrip(doc, op):
    """Apply op, undo it, redo it; check undo restores the original and redo the edited spec."""
    before = doc.spec
    inverse = doc.apply(op)
    after = doc.spec
    redo = doc.apply(inverse)
    assert doc.spec == before
    doc.apply(redo)
    assert doc.spec == after
    return after


def test_add_nodes_appends_and_undo_removes():
    doc = Document(xor_spec())
    node = {"id": "d", "type": "Dropout", "params": {"rate": 0.5}}
    after = roundtrip(doc, AddNodes((node,), (("h", "d"),)))
    assert after["nodes"][-1] == node
    assert after["edges"][-1] == ["h", "d"]


def test_remove_middle_node_reinserts_at_original_indices():
    doc = Document(xor_spec())
    after = roundtrip(doc, RemoveNodes(("h",)))
    assert [n["id"] for n in after["nodes"]] == ["x", "y"]
    assert after["edges"] == []
    doc.apply(RemoveNodes(("h",))) if doc.has("h") else None


def test_remove_then_undo_keeps_edge_order_with_merges():
    spec = {"nodes": [{"id": i, "type": "Dense", "params": {"units": 2}} for i in "abcd"],
            "edges": [["a", "d"], ["b", "d"], ["c", "d"], ["a", "b"]]}
    doc = Document(spec)
    inv = doc.apply(RemoveNodes(("b",)))
    assert doc.edges() == [("a", "d"), ("c", "d")]
    doc.apply(inv)
    assert doc.spec == spec


def test_add_and_remove_edge_restore_input_order():
    spec = {"nodes": [{"id": i, "type": "Dense", "params": {}} for i in "abc"],
            "edges": [["a", "c"], ["b", "c"]]}
    doc = Document(spec)
    inv = doc.apply(RemoveEdge("a", "c"))
    assert doc.edges() == [("b", "c")]
    assert inv == AddEdge("a", "c", 0)
    doc.apply(inv)
    assert doc.spec == spec
    roundtrip(doc, AddEdge("a", "b"))


def test_move_nodes_inverse_removes_position_that_was_absent():
    doc = Document(xor_spec())
    original = doc.spec
    inv = doc.apply(MoveNodes({"h": (10.0, 20.0), "x": (5.0, 5.0)}))
    assert doc.position("h") == (10.0, 20.0)
    doc.apply(inv)
    assert doc.spec == original
    assert "position" not in doc.node("h")


def test_set_params_replaces_whole_dict_and_undo_is_exact():
    doc = Document(xor_spec())
    after = roundtrip(doc, SetParams("h", {"units": 8}))
    assert after["nodes"][1]["params"] == {"units": 8}


def test_set_params_on_node_without_params_key_undoes_to_no_key():
    spec = {"nodes": [{"id": "f", "type": "Flatten"}], "edges": []}
    doc = Document(spec)
    inv = doc.apply(SetParams("f", {}))
    assert doc.node("f")["params"] == {}
    doc.apply(inv)
    assert doc.spec == spec


def test_set_name_and_clear_name():
    doc = Document(xor_spec())
    roundtrip(doc, SetName("h", "first hidden"))
    roundtrip(doc, SetName("h", None))
    assert doc.display_name("y") == "y"


def test_batch_inverse_undoes_in_reverse_order():
    doc = Document(xor_spec())
    op = Batch((AddNodes(({"id": "z", "type": "Dense", "params": {"units": 3}},)),
                RemoveEdge("h", "y"), AddEdge("h", "z"), AddEdge("z", "y")), label="Insert z")
    after = roundtrip(doc, op)
    assert after["edges"] == [["x", "h"], ["h", "z"], ["z", "y"]]
    assert describe(op) == "Insert z"


def test_failed_batch_leaves_document_unchanged():
    doc = Document(xor_spec())
    before = doc.spec
    with pytest.raises(DocumentError, match="no layer 'nope'"):
        doc.apply(Batch((RemoveEdge("h", "y"), AddEdge("nope", "y"))))
    assert doc.spec == before


@pytest.mark.parametrize("op, message", [
    (AddNodes(({"id": "h", "type": "Dense"},)), "already exists"),
    (AddNodes(({"id": "q", "type": "Dense"},), (("x", "y"),)), "does not touch an added layer"),
    (AddEdge("x", "h"), "already connected"),
    (RemoveEdge("x", "y"), "not connected"),
    (MoveNodes({"ghost": (0.0, 0.0)}), "no layer 'ghost'"),
    (SetParams("ghost", {}), "no layer 'ghost'"),
])
def test_invalid_operations_are_refused_with_a_sentence(op, message):
    doc = Document(xor_spec())
    before = doc.spec
    with pytest.raises(DocumentError, match=message):
        doc.apply(op)
    assert doc.spec == before


def test_subscribers_hear_what_changed_and_can_unsubscribe():
    doc = Document(xor_spec())
    seen = []
    unsubscribe = doc.subscribe(seen.append)
    doc.apply(MoveNodes({"h": (1.0, 2.0)}))
    doc.apply(AddNodes(({"id": "o", "type": "Dense", "params": {"units": 1}},), (("y", "o"),)))
    assert seen[0].nodes == {"h"} and not seen[0].structural and not seen[0].edges
    assert seen[1].added == {"o"} and seen[1].edges and seen[1].structural
    unsubscribe()
    doc.apply(RemoveNodes(("o",)))
    assert len(seen) == 2


def test_spec_is_a_copy_consumers_cannot_corrupt():
    doc = Document(xor_spec())
    s = doc.spec
    s["nodes"][0]["params"]["shape"] = [99]
    n = doc.node("x")
    n["type"] = "Broken"
    assert doc.spec == xor_spec()


def test_reset_replaces_spec_and_notifies():
    doc = Document()
    seen = []
    doc.subscribe(seen.append)
    doc.reset(xor_spec())
    assert doc.spec == xor_spec() and seen[-1].reset


def test_structural_classification():
    assert is_structural(AddEdge("a", "b"))
    assert not is_structural(MoveNodes({}))
    assert not is_structural(SetName("a", "b"))
    assert is_structural(Batch((MoveNodes({}), SetParams("a", {}))))


def test_document_does_not_alias_caller_spec():
    spec = xor_spec()
    doc = Document(spec)
    doc.apply(SetParams("h", {"units": 1}))
    assert spec == xor_spec()
    assert copy.deepcopy(doc.spec)["nodes"][1]["params"] == {"units": 1}


def test_duplicate_ids_in_loaded_spec_are_refused():
    with pytest.raises(DocumentError, match="same id"):
        Document({"nodes": [{"id": "a", "type": "Dense"}, {"id": "a", "type": "Dense"}], "edges": []})


def test_graph_is_the_structure_only():
    doc = Document(xor_spec())
    assert doc.graph() == {"nodes": [{"id": "x", "type": "Input"}, {"id": "h", "type": "Dense"},
                                     {"id": "y", "type": "Dense"}], "edges": [["x", "h"], ["h", "y"]]}
