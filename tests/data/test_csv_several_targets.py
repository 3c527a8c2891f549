"""Several target columns in a CSV file: multi-output regression (a point, a box) and multi-label 0/1 targets."""

import numpy as np
import pytest

from nnstudio.data import DataError, load_csv, network_fit
from nnstudio.data.preprocessing import Preprocessor
from nnstudio.project import Project, runner


def _boxes(path, n=120, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    Y = X @ rng.normal(size=(3, 4)) + 0.5
    lines = ["a,b,c,cx,cy,w,h"] + [",".join(f"{v:.6f}" for v in (*x, *y)) for x, y in zip(X, Y)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return X, Y


def _labels(path, n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    L = np.column_stack([X[:, 0] > 0, X[:, 1] + X[:, 2] > 0, X[:, 3] < 0.5]).astype(int)
    lines = ["x1,x2,x3,x4,sport,politics,music"] + [
        ",".join([*(f"{v:.6f}" for v in x), *(str(v) for v in lab)]) for x, lab in zip(X, L)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return X, L


def test_a_bounding_box_is_four_target_columns(tmp_path):
    path = tmp_path / "boxes.csv"
    X, Y = _boxes(path)
    ds = load_csv(path, target=["cx", "cy", "w", "h"])
    assert ds.task == "regression" and ds.y.shape == (120, 4) and ds.X.shape == (120, 3)
    assert ds.feature_names == ["a", "b", "c"] and ds.target_names == ["cx", "cy", "w", "h"]
    np.testing.assert_allclose(ds.y, Y, atol=1e-6)
    assert ds.columns[-4:] == ["cx", "cy", "w", "h"] and len(ds.head(2)[0]) == 7
    assert "regression targets 'cx', 'cy', 'w', 'h'" in ds.describe()
    assert ds.source["options"]["target"] == ["cx", "cy", "w", "h"]
    train, val, _ = ds.split(val=0.25, seed=0)
    assert train.y.shape[1] == 4 and train.target_names == ds.target_names
    pre = Preprocessor().fit(train)
    assert pre.transform(val)[1].shape == (len(val), 4)
    with pytest.raises(DataError, match="Scale target works on one target column; this data has 4"):
        Preprocessor(scale_target=True).fit(train)
    # a spec with one output is told it needs 4 numbers
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "linear"}}],
            "edges": [["x", "y"]]}
    fit = network_fit.check(spec, ds, "mse")
    assert fit.sentences == ["The output layer 'y' has units = 1, but the data needs 4 numbers."]
    assert fit.params["y"]["units"] == 4


def test_the_project_trains_on_several_columns_and_reloads_them(tmp_path):
    path = tmp_path / "boxes.csv"
    _boxes(path)
    project = Project.new("boxes")
    project.data["source"] = {"kind": "csv", "path": str(path), "options": {"target": ["cx", "cy", "w", "h"]}}
    project.data["split"] = {"val": 0.2, "test": 0.0, "seed": 0, "stratify": True}
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}},
                              {"id": "y", "type": "Dense", "params": {"units": 4}}], "edges": [["x", "y"]]}
    project.training.update(loss="mse", optimizer={"name": "adam", "learning_rate": 0.05}, epochs=150,
                            batch_size=None)
    runner.train(project)
    assert project.history["val_r2"][-1] > 0.95
    saved = project.save(tmp_path / "boxes.nnproj")
    from nnstudio.project import load
    assert load(saved).dataset().y.shape == (120, 4)


def test_several_sigmoids_learn_several_labels(tmp_path):
    path = tmp_path / "labels.csv"
    _, L = _labels(path)
    ds = load_csv(path, target=["sport", "politics", "music"])
    assert ds.y.shape == (200, 3) and set(np.unique(ds.y)) == {0.0, 1.0}
    assert network_fit.fit_task(ds) == "multilabel" and network_fit.output_needs(ds) == (3, "sigmoid")
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4]}},
                      {"id": "h", "type": "Dense", "params": {"units": 16, "activation": "relu"}},
                      {"id": "y", "type": "Dense", "params": {"units": 3, "activation": "sigmoid"}}],
            "edges": [["x", "h"], ["h", "y"]]}
    assert network_fit.check(spec, ds, "binary_crossentropy").mismatches == []
    softmax = {**spec, "nodes": [*spec["nodes"][:2], {"id": "y", "type": "Dense",
                                                      "params": {"units": 3, "activation": "softmax"}}]}
    fit = network_fit.check(softmax, ds, "categorical_crossentropy")
    assert fit.params["y"]["activation"] == "sigmoid" and fit.loss is None and fit.loss_changed
    assert "loss 'categorical_crossentropy' → binary_crossentropy" in fit.summary()
    assert network_fit.default_loss(ds, "sigmoid") == "binary_crossentropy"
    assert network_fit.default_loss(ds, "linear") == "mse"
    assert any("each label is its own yes/no" in s for s in fit.sentences)
    project = Project.new("labels")
    project.data["source"] = {"kind": "csv", "path": str(path),
                              "options": {"target": ["sport", "politics", "music"]}}
    project.spec = spec
    project.training.update(loss=None, optimizer={"name": "adam", "learning_rate": 0.02}, epochs=200,
                            batch_size=None)
    runner.train(project)  # the automatic loss for several 0/1 labels through sigmoids: binary cross-entropy
    assert runner.prepare(project).loss == "binary_crossentropy"
    assert project.history["loss"][-1] < 0.5 * project.history["loss"][0]
    from nnstudio.project.predict import predict_rows
    header, rows = predict_rows(project, np.zeros((2, 4)))
    assert header == ["prediction_0", "prediction_1", "prediction_2"] and len(rows[0]) == 3
    assert all(0.0 <= float(v) <= 1.0 for row in rows for v in row)  # one probability per label


@pytest.mark.parametrize("target, task, message", [
    (["cx", "cy"], "binary", "several target columns .* the task cannot be binary"),
    (["cx", "cx"], None, "the target column 'cx' is chosen twice"),
    ([], None, "choose at least one target column"),
    (["a", "b", "c", "cx", "cy", "w", "h"], None, "every column is a target"),
])
def test_several_targets_refusals(tmp_path, target, task, message):
    path = tmp_path / "boxes.csv"
    _boxes(path, n=10)
    with pytest.raises(DataError, match=message):
        load_csv(path, target=target, task=task)


def test_text_among_several_targets_and_a_target_as_feature(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("x,y1,kind\n1,2,cat\n2,3,dog\n3,4,cat\n", encoding="utf-8")
    with pytest.raises(DataError, match="'kind' .* holds text; with several target columns"):
        load_csv(path, target=["y1", "kind"])
    with pytest.raises(DataError, match="'y1' cannot also be a feature"):
        load_csv(path, target=["y1", "x"], features=["y1"])
