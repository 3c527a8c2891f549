import pytest

from nnstudio.project import Project


@pytest.fixture
def document():
    """A valid project.json document (the current format) to mutate in tests."""
    project = Project.new("Fixture")
    project.data["source"] = {"kind": "generator", "name": "xor", "params": {}, "seed": 0}
    project.goal = {"metric": "accuracy", "at_least": 0.9, "epochs": 10}
    project.class_names = ["0", "1"]
    project.feature_names = ["x1", "x2"]
    return project.project_json()
