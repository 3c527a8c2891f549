"""Predictions for new samples: labels in the data's terms, probabilities per class, untrained refused."""

import numpy as np
import pytest

from nnstudio.data import DataError
from nnstudio.project import Project, ProjectError, load, runner
from nnstudio.project.predict import input_columns, predict_csv, predict_rows, read_features

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


_PETS = b"""weight,colour,size,kind
4.0,black,small,cat
30.5,brown,large,dog
3.5,white,small,cat
25.0,black,large,dog
5.0,brown,small,cat
28.0,white,large,dog
4.2,white,small,cat
35.0,brown,large,dog
"""


@pytest.fixture
def pets(tmp_path):
    """A trained project whose CSV has two text feature columns (one-hot encoded at import)."""
    project = Project.new("Pets")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [6]}},
                              {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
                    "edges": [["x", "y"]]}
    project.data["source"] = {"kind": "csv", "path": project.embed("pets.csv", _PETS),
                              "options": {"target": "kind"}}
    project.data["source"] = project.dataset().source  # as the GUI records it: with the categories
    project.data["split"]["val"] = 0.0
    project.training.update(epochs=20, batch_size=4)
    runner.train(project)
    return load(project.save(tmp_path / "pets.nnproj"))


def test_text_features_are_one_hot_encoded_as_at_training(pets, tmp_path):
    assert pets.data["source"]["categories"] == {"colour": ["black", "brown", "white"], "size": ["large", "small"]}
    assert input_columns(pets) == (["weight", "colour", "size"], pets.data["source"]["categories"])
    new = tmp_path / "new.csv"
    new.write_text("size,weight,colour,note\nsmall,4.0,black,a\n large ,30.5, brown,b\n")  # any order, spaces
    out = tmp_path / "out.csv"
    assert predict_csv(pets, new, out) == 2
    rows = out.read_text().splitlines()
    expected = predict_rows(pets, pets.dataset().X[:2])[1]
    assert rows[1:] == [",".join(r) for r in expected]
    encoded = read_features(new, *input_columns(pets)[:1], (6,), input_columns(pets)[1])
    np.testing.assert_array_equal(encoded, pets.dataset().X[:2])


@pytest.mark.parametrize("cells, message", [
    ("4.0,purple,small", "row 3, column 'colour': 'purple' is not one of the categories the network was "
                         "trained on ('black', 'brown', 'white')."),
    ("4.0,black,", "row 3, column 'size': the value is missing."),
    ("heavy,black,small", "row 3, column 'weight': 'heavy' is not a number."),
])
def test_unknown_categories_name_the_row_and_column(pets, tmp_path, cells, message):
    new = tmp_path / "new.csv"
    new.write_text(f"weight,colour,size\n4.0,black,small\n{cells}\n")
    with pytest.raises(DataError) as info:
        predict_csv(pets, new, tmp_path / "out.csv")
    assert str(info.value) == f"{new}, {message}" and info.value.row == 3
    assert not (tmp_path / "out.csv").exists()


def test_categories_that_do_not_match_the_features_are_not_used(pets):
    pets.data["source"]["categories"]["colour"] = ["black", "white"]  # not what the weights were trained on
    assert input_columns(pets) == (pets.feature_names, {})
