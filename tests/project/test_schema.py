"""project.json field checks: the shipped JSON Schema, and sentences that name the field."""

import copy

import pytest

from nnstudio.project import schema


def test_valid_document_passes(document):
    assert schema.check(document) is None


def _set(doc, dotted, value):
    *parents, last = dotted.split(".")
    for key in parents:
        doc = doc[int(key)] if isinstance(doc, list) else doc[key]
    if value is KeyError:
        del doc[last]
    elif isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


MUTATIONS = [
    ("training.epochs", "10", "training.epochs must be an integer, not a string ('10')"),
    ("training.epochs", 10.0, "training.epochs must be an integer, not a number (10.0)"),
    ("training.epochs", True, "training.epochs must be an integer, not true or false"),
    ("training.epochs", 0, "training.epochs must be at least 1, not 0"),
    ("training.batch_size", None, None),
    ("data.split.val", 1.5, "data.split.val must be at most 0.9, not 1.5"),
    ("data.preprocessing.scale", "robust", "data.preprocessing.scale must be one of 'standard', 'minmax', "
                                           "null, not a string ('robust')"),
    ("data.source.kind", "url", "data.source.kind must be one of 'generator', 'builtin', 'csv'"),
    ("data.source.params", [], "data.source.params must be an object, not a list"),
    ("data.source.seed", "0", "data.source.seed must be an integer, not a string ('0')"),
    ("spec.nodes.0.position", [1, 2, 3], "spec.nodes[0].position must hold exactly 2 items, not 3"),
    ("spec.nodes.0.position", ["1", 2], "spec.nodes[0].position[0] must be a number, not a string ('1')"),
    ("spec.nodes.0.id", "", "spec.nodes[0].id must not be empty"),
    ("spec.nodes.0.type", KeyError, "spec.nodes[0] lacks the required field 'type'"),
    ("spec.edges", [["a"]], "spec.edges[0] must hold exactly 2 items, not 1"),
    ("spec", [], "spec must be an object, not a list"),
    ("format", "other", "format must be 'nnstudio-project', not a string ('other')"),
    ("training.surprise", 1, "training has the unknown field 'surprise'"),
    ("class_names", ["a", 2], "class_names[1] must be a string, not an integer (2)"),
    ("goal.epochs", KeyError, "goal lacks the required field 'epochs'"),
    ("goal", None, None),
    ("notes", ["x"], "notes must be a string, not a list"),
]


@pytest.mark.parametrize("field, value, message", MUTATIONS)
def test_each_wrong_type_is_named(document, field, value, message):
    doc = copy.deepcopy(document)
    _set(doc, field, value)
    problem = schema.check(doc)
    if message is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(message)


def test_history_definition():
    assert schema.check({"loss": [1.0, 0.5, None]}, "history") is None
    assert schema.check({"loss": [1.0, "x"]}, "history") == "loss[1] must be a number or null, not a string ('x')"


def test_schema_file_is_valid_json_schema_and_agrees_with_the_validator(document):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema.schema())
    validator = jsonschema.Draft202012Validator(schema.schema())
    assert validator.is_valid(document)
    for field, value, message in MUTATIONS:
        doc = copy.deepcopy(document)
        _set(doc, field, value)
        if value == 10.0:  # JSON Schema counts 10.0 as an integer; nnstudio wants a real int
            continue
        assert validator.is_valid(doc) == (message is None), field
