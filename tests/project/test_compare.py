"""Variants: parsing --vary, the grid's order, and applying a variant to a fresh copy of the project."""

import pytest

from nnstudio.project import ProjectError, compare, runner
from nnstudio.project.compare import Vary
from tests.project.test_runner import moons_project


@pytest.mark.parametrize("text, key, values", [
    ("training.batch_size=1,32,null", "training.batch_size", (1, 32, None)),
    ("training.optimizer.learning_rate=0.1, 0.01", "training.optimizer.learning_rate", (0.1, 0.01)),
    ("spec.*.activation=sigmoid,relu", "spec.*.activation", ("sigmoid", "relu")),
    ("training.shuffle=true,false", "training.shuffle", (True, False)),
])
def test_parse_vary(text, key, values):
    assert compare.parse_vary(text) == Vary(key, values)


def test_the_grid_varies_the_first_setting_slowest_and_names_each_variant():
    variants = compare.grid([Vary("training.batch_size", (1, None)), Vary("training.seed", (0, 1))])
    assert [v.as_dict() for v in variants] == [
        {"training.batch_size": 1, "training.seed": 0}, {"training.batch_size": 1, "training.seed": 1},
        {"training.batch_size": None, "training.seed": 0}, {"training.batch_size": None, "training.seed": 1}]
    assert variants[2].name == "batch_size=null, seed=0"


def test_a_variant_is_a_fresh_copy_with_its_settings():
    project = moons_project()
    project.training["optimizer"] = "sgd"
    runner.train(project, epochs=1)
    variant = compare.grid([Vary("training.optimizer.learning_rate", (0.5,)), Vary("spec.h.units", (3,))])[0]
    trial = compare.apply(project, variant)
    assert trial.training["optimizer"] == {"name": "sgd", "learning_rate": 0.5}
    assert trial.spec["nodes"][1]["params"]["units"] == 3
    assert trial.weights is None and trial.history is None and trial.resume_state is None
    assert len(trial.snapshots) == 0 and trial.runs == [] and trial.run.name == "learning_rate=0.5, units=3"
    assert trial.data["preprocessing"]["fitted"] is None
    assert project.training["optimizer"] == "sgd" and project.spec["nodes"][1]["params"]["units"] == 8
    assert project.weights is not None


def test_varying_inside_a_value_that_is_not_a_group_is_refused():
    project = moons_project()
    variant = compare.grid([Vary("training.epochs.count", (3,))])[0]
    with pytest.raises(ProjectError, match="Cannot vary training.epochs.count in the project: training.epochs is "
                                           "not a group of settings."):
        compare.apply(project, variant)
