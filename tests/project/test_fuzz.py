"""Damaged files: whatever bytes a project file holds, loading raises ProjectError or succeeds."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
