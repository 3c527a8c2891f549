"""runner.prepare / record / train: the headless training path shared by the CLI and the GUI worker."""

import math

import numpy as np
import pytest

from nnstudio.data import DataError
from nnstudio.engine.errors import TrainingDiverged
from nnstudio.engine.network import Network
from nnstudio.engine.training import History
from nnstudio.project import Project, ProjectError, load, runner


def _dense(node_id, units, activation):
    return {"id": node_id, "type": "Dense", "params": {"units": units, "activation": activation}}


def xor_project(output="sigmoid", units=1):
    project = Project.new("XOR")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                              _dense("h", 10, "tanh"), _dense("y", units, output)],
                    "edges": [["x", "h"], ["h", "y"]]}
    project.data["source"] = {"kind": "generator", "name": "xor", "params": {}, "seed": 0}
    project.data["split"]["val"] = 0.0
    project.training.update(epochs=200, batch_size=4, optimizer={"name": "adam", "learning_rate": 0.05})
    return project


def moons_project():
    project = Project.new("Moons")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                              _dense("h", 8, "relu"), _dense("y", 1, "sigmoid")],
                    "edges": [["x", "h"], ["h", "y"]]}
    project.data["source"] = {"kind": "generator", "name": "moons", "params": {"n_samples": 100}, "seed": 0}
    project.data["split"] = {"val": 0.2, "test": 0.1, "seed": 0, "stratify": True}
    project.training.update(epochs=5, batch_size=16)
    return project


def test_prepare_splits_scales_and_defaults_the_loss():
    prepared = runner.prepare(moons_project())
    assert prepared.loss == "binary_crossentropy"  # sigmoid output on binary data
    assert (len(prepared.train), len(prepared.val), len(prepared.test)) == (70, 20, 10)
    assert prepared.X.shape == (70, 2) and prepared.y.shape == (70, 1)
    assert prepared.X_val.shape == (20, 2) and prepared.X_test.shape == (10, 2)
    np.testing.assert_allclose(prepared.X.mean(axis=0), 0.0, atol=1e-12)  # standardized on the train part
    kwargs = prepared.fit_kwargs
    assert kwargs["epochs"] == 5 and kwargs["batch_size"] == 16 and kwargs["initial_epoch"] == 0
    assert kwargs["validation_data"][0] is prepared.X_val
    assert isinstance(prepared.network, Network)


def test_prepare_reports_its_steps_and_stops_where_progress_raises():
    reports = []
    plain = runner.prepare(moons_project())
    reported = runner.prepare(moons_project(), progress=lambda done, total: reports.append((done, total)))
    assert reports == [(k, runner.PREPARE_STEPS) for k in range(runner.PREPARE_STEPS + 1)]
    np.testing.assert_allclose(reported.X, plain.X)              # reporting changes nothing prepared

    class Stop(Exception):
        pass

    def stop_after_split(done, total):
        if done == 2:
            raise Stop
    with pytest.raises(Stop):
        runner.prepare(moons_project(), progress=stop_after_split)


def test_train_records_weights_preprocessing_history_and_names():
    project = xor_project()
    history = runner.train(project)
    assert history.history["accuracy"][-1] == 1.0
    assert len(project.history["loss"]) == 200 and project.history["accuracy"][-1] == 1.0
    assert set(project.weights) == {"h", "y"}
    assert project.data["preprocessing"]["fitted"]["fitted"]["mean"] == [0.5, 0.5]
    assert project.class_names == ["0", "1"] and project.feature_names == ["x1", "x2"]
    np.testing.assert_array_equal(project.network().get_weights()["y"]["kernel"], project.weights["y"]["kernel"])


def test_a_second_run_continues_from_the_saved_weights(tmp_path):
    project = xor_project()
    runner.train(project, epochs=20)
    saved = project.save(tmp_path / "xor.nnproj")
    reopened = load(saved)
    prepared = runner.prepare(reopened)
    before = prepared.network.evaluate(prepared.X, prepared.y, loss=prepared.loss)["loss"]
    assert before == pytest.approx(project.history["loss"][-1], rel=0.5)  # not back at the start
    history = runner.train(reopened, epochs=5)
    assert history.epoch == [20, 21, 22, 23, 24]
    assert len(reopened.history["loss"]) == 25
    assert reopened.history["loss"][:20] == project.history["loss"]


def test_seed_override_changes_initial_weights_and_is_reproducible():
    a = runner.prepare(xor_project(), seed=1).network.get_weights()["h"]["kernel"]
    b = runner.prepare(xor_project(), seed=1).network.get_weights()["h"]["kernel"]
    c = runner.prepare(xor_project(), seed=2).network.get_weights()["h"]["kernel"]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_trained_project_keeps_its_fitted_preprocessing():
    project = xor_project()
    runner.train(project, epochs=2)
    project.data["preprocessing"]["scale"] = "minmax"  # a later settings change must not rescale old weights
    prepared = runner.prepare(project)
    np.testing.assert_allclose(prepared.X.min(axis=0), -1.0)  # standardized: (0 - 0.5) / 0.5


@pytest.mark.parametrize("loss, shape", [("sparse_categorical_crossentropy", (4,)),
                                         ("categorical_crossentropy", (4, 2))])
def test_two_unit_softmax_reads_binary_data(loss, shape):
    project = xor_project(output="softmax", units=2)
    project.training["loss"] = loss
    prepared = runner.prepare(project)
    assert prepared.y.shape == shape
    runner.train(project, epochs=3)
    assert len(project.history["loss"]) == 3


def test_regression_defaults_to_mse_and_reports_mae_r2():
    project = Project.new("Houses")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}}, _dense("y", 1, "linear")],
                    "edges": [["x", "y"]]}
    project.data["source"] = {"kind": "generator", "name": "house_prices", "params": {}, "seed": 0}
    project.training.update(epochs=3, batch_size=5)
    assert runner.prepare(project).loss == "mse"
    runner.train(project)
    assert {"loss", "mae", "r2", "val_loss", "val_mae", "val_r2"} <= set(project.history)


def test_input_shape_mismatch_is_a_project_error():
    project = xor_project()
    project.spec["nodes"][0]["params"]["shape"] = [3]
    with pytest.raises(ProjectError, match=r"Input takes samples of shape \[3\], but the data has samples of "
                                           r"shape \[2\]"):
        runner.prepare(project)


def test_no_data_and_missing_csv_are_project_errors(tmp_path):
    project = xor_project()
    project.data["source"] = None
    with pytest.raises(ProjectError, match="has no data yet"):
        runner.prepare(project)
    project.data["source"] = {"kind": "csv", "path": "houses.csv", "options": {}}
    project.save(tmp_path / "p.nnproj")
    with pytest.raises(ProjectError, match=f"The data file {tmp_path / 'houses.csv'} used by the project "):
        runner.prepare(project)


def test_no_data_sentence_names_the_project_once(tmp_path):
    # Regression (#13 item 7): an unsaved project read "The project the project has no data yet".
    project = xor_project()
    project.data["source"] = None
    with pytest.raises(ProjectError) as info:
        runner.prepare(project)
    assert str(info.value) == "The project has no data yet: choose a dataset first."
    project.path = tmp_path / "p.nnproj"
    with pytest.raises(ProjectError) as info:
        runner.prepare(project)
    assert str(info.value) == f"The project {tmp_path / 'p.nnproj'} has no data yet: choose a dataset first."


def test_malformed_sources_are_one_sentence_errors(tmp_path):
    project = xor_project()
    project.data["source"] = {"kind": "csv", "path": project.embed("x.csv", b"a,b\n1,0\n0,1\n"),
                              "options": {"separator": ";"}}
    with pytest.raises(DataError, match="the recorded import option 'separator' is not one load_csv knows"):
        project.dataset()
    project.data["source"] = {"kind": "generator", "name": "xor", "params": {}, "seed": -1}
    path = project.save(tmp_path / "odd.nnproj")
    with pytest.raises(ProjectError, match=f"The data source recorded in {path} is malformed"):
        load(path).dataset()


def test_csv_beside_the_project_and_embedded(tmp_path):
    csv = b"x1,x2,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n"
    (tmp_path / "xor.csv").write_bytes(csv)
    project = xor_project()
    project.data["source"] = {"kind": "csv", "path": "xor.csv", "options": {"target": "label"}}
    load(project.save(tmp_path / "beside.nnproj")).dataset()
    project.data["source"]["path"] = project.embed("xor.csv", csv)
    (tmp_path / "xor.csv").unlink()
    moved = load(project.save(tmp_path / "embedded.nnproj"))
    ds = moved.dataset()
    assert ds.class_names == ["no", "yes"] and ds.source["path"] == "data/xor.csv"


def test_bad_training_setting_is_a_project_error():
    project = xor_project()
    project.training["early_stopping"] = {"patience": 3, "bogus": 1}
    with pytest.raises(ProjectError, match="Cannot train the project: early_stopping has no setting 'bogus'"):
        runner.train(project, epochs=2)


def test_divergence_records_the_history_so_far(monkeypatch):
    def diverging_fit(self, X, y, **kwargs):
        history = History()
        history.append(kwargs["initial_epoch"], {"loss": 1.0, "accuracy": 0.5})
        raise TrainingDiverged("Training diverged in epoch 2.", epoch=1, history=history)

    monkeypatch.setattr(Network, "fit", diverging_fit)
    project = xor_project()
    with pytest.raises(TrainingDiverged):
        runner.train(project)
    assert project.history == {"loss": [1.0], "accuracy": [0.5]} and project.weights is not None


def test_history_gains_a_metric_padded_with_nan():
    project = xor_project()
    project.history = {"loss": [3.0, 2.0]}
    prepared = runner.prepare(project)
    runner.record(project, prepared, {"loss": [1.0], "val_loss": [1.5]})
    assert project.history["loss"] == [3.0, 2.0, 1.0]
    assert math.isnan(project.history["val_loss"][0]) and project.history["val_loss"][2] == 1.5


def test_evaluate_reports_every_part_of_the_split():
    project = moons_project()
    untrained = runner.evaluate(project)
    assert untrained["trained"] is False and untrained["epochs"] == 0
    runner.train(project, epochs=2)
    results = runner.evaluate(project)
    assert results["trained"] is True and results["epochs"] == 2
    assert [results[p]["samples"] for p in ("train", "val", "test")] == [70, 20, 10]
    assert set(results["val"]) == {"loss", "accuracy", "samples"}
    prepared = runner.prepare(project)  # the same figures as evaluating the prepared validation arrays
    expected = prepared.network.evaluate(prepared.X_val, prepared.y_val, loss=prepared.loss)
    assert results["val"]["loss"] == pytest.approx(expected["loss"])


@pytest.mark.parametrize("sample, accuracy", [("perceptron_and", 1.0), ("perceptron_xor", None)])
def test_evaluate_reports_a_perceptrons_accuracy_as_its_training_does(sample, accuracy):
    """A perceptron's loss setting (mse) does not describe it: evaluate gave mae, rmse and r2 where training
    reported the zero-one loss and accuracy."""
    from nnstudio.paths import samples_dir
    project = load(samples_dir() / f"{sample}.nnproj")
    runner.train(project)
    results = runner.evaluate(project)
    train = results["train"]
    assert set(train) == {"loss", "accuracy", "samples"}
    assert train["loss"] == pytest.approx(1.0 - train["accuracy"])
    if accuracy is not None:
        assert train["accuracy"] == accuracy
    else:                          # XOR: one line cannot separate it
        assert train["accuracy"] < 1.0


@pytest.mark.parametrize("preprocessing, standardized", [({}, True), ({"fitted": None}, True),
                                                          ({"scale": "standard"}, True),
                                                          ({"scale": None}, False)])
def test_scaling_defaults_to_standard_unless_explicitly_null(preprocessing, standardized, tmp_path):
    project = moons_project()
    project.data["preprocessing"] = preprocessing
    prepared = runner.prepare(load(project.save(tmp_path / "p.nnproj")))  # the file form is schema-valid
    assert prepared.preprocessor.to_config()["scale"] == ("standard" if standardized else None)
    mean = np.abs(prepared.X.mean(axis=0)).max()
    assert (mean < 1e-12) == standardized


def _images_project(n=3000, n_test=500, val=0.2):
    """A project on MNIST-shaped float32 images with an official test part, like the MNIST samples."""
    from nnstudio.data import Dataset
    rng = np.random.default_rng(0)
    X = rng.integers(0, 256, (n, 28, 28, 1)).astype(np.float32)
    ds = Dataset(X, np.arange(n) % 10, [], "label", "multiclass", [str(k) for k in range(10)],
                 {"kind": "builtin", "name": "mnist", "as_images": True})
    ds.fixed_test = np.arange(n - n_test, n)
    project = Project.new("Images")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [28, 28, 1]}},
                              {"id": "f", "type": "Flatten", "params": {}}, _dense("y", 10, "softmax")],
                    "edges": [["x", "f"], ["f", "y"]]}
    project.data["split"] = {"val": val, "test": 0.1, "seed": 0, "stratify": True}
    return project, ds


@pytest.mark.parametrize("val", [0.0, 0.2])
def test_prepare_copies_an_image_set_once(val):
    import tracemalloc

    import numpy.ma  # noqa: F401 - np.unique imports it on first use (~1.5 MB of modules, not a copy of data)
    project, ds = _images_project(val=val)
    tracemalloc.start()
    try:
        prepared = runner.prepare(project, dataset=ds)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.25 * ds.X.nbytes                  # one copy (scaled), not a gather and then a scaled copy
    assert prepared.train.X is prepared.X and prepared.test.X is prepared.X_test
    lo, hi = float(ds.X[prepared.train.indices].min()), float(ds.X[prepared.train.indices].max())
    expected = (ds.X[prepared.train.indices] - np.float32(lo)) / np.float32(hi - lo)
    assert np.array_equal(prepared.X, expected)      # same arithmetic as a fresh copy, in place
    assert np.array_equal(prepared.X_test, (ds.X[-500:] - np.float32(lo)) / np.float32(hi - lo))
    assert float(ds.X.max()) == 255.0                 # the dataset itself is untouched


def test_prepare_leaves_a_caller_dataset_untouched_when_a_part_is_a_view():
    project = moons_project()
    project.data["split"] = {"val": 0.0, "test": 0.0, "seed": 0, "stratify": True}
    ds = project.dataset()
    raw = ds.X.copy()
    prepared = runner.prepare(project, dataset=ds)
    assert np.array_equal(ds.X, raw) and not np.array_equal(prepared.X, raw)


def test_evaluate_gives_errors_in_the_targets_own_units_when_it_was_scaled_for_training(tmp_path):
    # MAE came back in the target's units but RMSE in scaled units, side by side in the same table
    project = Project.new("Prices")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}}, _dense("y", 1, "linear")],
                    "edges": [["x", "y"]]}
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    price = 100 + 30 * X[:, 0] - 10 * X[:, 1] + rng.normal(size=60) * 3
    csv = tmp_path / "prices.csv"
    csv.write_text("a,b,price\n" + "".join(f"{a},{b},{p}\n" for (a, b), p in zip(X, price)))
    project.data["source"] = {"kind": "csv", "path": str(csv), "options": {"target": "price"}}
    project.data["preprocessing"] = {"scale": "standard", "scale_target": True, "fitted": None}
    project.data["split"] = {"val": 0.25, "test": 0.0, "seed": 0, "stratify": False}
    project.training.update(epochs=3, batch_size=16, loss="mse")
    runner.train(project)
    result = runner.evaluate(project)
    prepared = runner.prepare(project)
    own = prepared.preprocessor.inverse_transform_y
    for part, Xp, yp in (("train", prepared.X, prepared.y), ("val", prepared.X_val, prepared.y_val)):
        error = own(prepared.network.predict(Xp)) - own(yp)
        assert result[part]["mae"] == pytest.approx(np.abs(error).mean(), rel=1e-5)
        assert result[part]["rmse"] == pytest.approx(np.sqrt((error ** 2).mean()), rel=1e-5)
        scaled = prepared.network.evaluate(Xp, yp, loss="mse")
        assert result[part]["r2"] == pytest.approx(scaled["r2"], rel=1e-9)     # unchanged by scaling
        assert result[part]["rmse"] > 5 * scaled["rmse"]                      # in the price's units
