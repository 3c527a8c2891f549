"""Damaged files: whatever bytes a project file holds, loading raises ProjectError or succeeds."""

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nnstudio.data import DataError
from nnstudio.project import Project, ProjectError, load


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> bytes:
    project = Project.new("Fuzz")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                              {"id": "y", "type": "Dense", "params": {"units": 2, "activation": "softmax"}}],
                    "edges": [["x", "y"]]}
    project.weights = project.network().get_weights()
    project.history = {"loss": [1.0, 0.5]}
    project.embed("d.csv", b"a,b\n1,2\n")
    return project.save(tmp_path_factory.mktemp("fuzz") / "p.nnproj").read_bytes()


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    return tmp_path_factory.mktemp("damaged") / "p.nnproj"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_archives_raise_only_project_errors(original, target, data):
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8), label="changes")):
        at = data.draw(st.integers(0, len(damaged) - 1), label="offset")
        damaged[at] = data.draw(st.integers(0, 255), label="byte")
    if data.draw(st.booleans(), label="truncate"):
        damaged = damaged[:data.draw(st.integers(0, len(damaged)), label="length")]
    target.write_bytes(bytes(damaged))
    try:
        project = load(target)
    except ProjectError as exc:
        assert str(target) in str(exc) and "\n" not in str(exc)
    else:  # the damage missed everything that matters: what loaded is still consistent
        if project.weights is not None:
            assert all(a.dtype == np.float32 for p in project.weights.values() for a in p.values())


# ---- odd but schema-valid data sources --------------------------------------------------------------
_SOURCES = [{"kind": "generator", "name": "moons", "params": {"n_samples": 20}, "seed": 0},
            {"kind": "builtin", "name": "iris", "as_images": False},
            {"kind": "csv", "path": "data/d.csv", "sha256": None, "options": {"target": "c"}}]
_KEYS = ["name", "params", "seed", "as_images", "path", "sha256", "options", "categories"]
_INNER = ["n_samples", "noise", "classes", "target", "features", "task", "missing", "encoding", "delimiter",
          "header", "decimal", "bogus"]
_VALUES = st.sampled_from([None, True, False, 0, -1, 1, 2, 2.5, -0.5, 1e300, "", "x", "c", "iris", "moons",
                           "data/d.csv", "data/nope.csv", "../d.csv", "error", "drop", "mean", "regression",
                           "utf-16", "no-such-codec", ";", [], [0], ["a", "a"], ["c"], {}, {"n_samples": "x"}])


def _mutate(data) -> dict:
    source = data.draw(st.sampled_from(_SOURCES), label="source")
    source = {k: dict(v) if isinstance(v, dict) else v for k, v in source.items()}
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        kind = data.draw(st.sampled_from(["set", "drop", "inner"]), label="kind")
        key = data.draw(st.sampled_from(_KEYS), label="key")
        if kind == "set":
            source[key] = data.draw(_VALUES, label="value")
        elif kind == "drop":
            source.pop(key, None)
        else:
            outer = data.draw(st.sampled_from(["params", "options"]), label="outer")
            inner = source[outer] = dict(source[outer]) if isinstance(source.get(outer), dict) else {}
            inner[data.draw(st.sampled_from(_INNER), label="inner")] = data.draw(_VALUES, label="value")
    return source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_odd_sources_give_a_dataset_or_one_sentence_naming_the_file(target, data):
    project = Project.new("Odd source")
    project.embed("d.csv", b"a,b,c\n1,x,0\n2,y,1\n3,x,0\n4,y,1\n")
    project.data["source"] = _mutate(data)
    try:
        project.save(target)  # the schema refuses some mutations outright: nothing more to see then
    except ProjectError as exc:
        assert "data.source" in str(exc)
        event("refused by the schema")
        return
    try:
        dataset = load(target).dataset()
    except ProjectError as exc:
        assert str(target) in str(exc) and "\n" not in str(exc)
        event("ProjectError")
    except DataError as exc:  # a problem with the data itself: names the data file, row and column
        assert "\n" not in str(exc) and str(exc).strip()
        event("DataError")
    else:
        assert len(dataset) > 0
        event("loaded")
