"""Predictions for new samples: labels in the data's terms, probabilities per class, untrained refused."""

import numpy as np
import pytest

from nnstudio.project import ProjectError, runner
from nnstudio.project.predict import predict_rows

from .test_runner import xor_project


def test_binary_sigmoid_output_gives_both_class_probabilities():
    project = xor_project()
    runner.train(project)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    header, rows = predict_rows(project, corners)
    assert header == ["prediction", "probability_0", "probability_1"]
    assert [row[0] for row in rows] == ["0", "1", "1", "0"]
    for row in rows:
        p0, p1 = float(row[1]), float(row[2])
        assert p0 + p1 == pytest.approx(1.0) and (p1 > 0.5) == (row[0] == "1")


def test_untrained_project_is_refused():
    with pytest.raises(ProjectError, match="is not trained yet: run 'nnstudio train"):
        predict_rows(xor_project(), np.zeros((1, 2)))
