"""Tutorial 002, section 3 (RNN): the Keras `Sequential([LSTM(50, activation='relu', input_shape=(10, 1)),
Dense(1)])` forecaster, trained with Adam on the mean squared error: sample `lstm_forecast`."""

import numpy as np

from nnstudio.paths import samples_dir
from nnstudio.project import load, runner


def _sample():
    return load(samples_dir() / "lstm_forecast.nnproj")


def test_the_course_model_has_the_summary_keras_prints():
    project = _sample()
    rows = {r["id"]: r for r in project.network().summary_rows()}
    lstm, dense = rows["lstm"], rows["y"]
    assert lstm["type"] == "LSTM" and lstm["output_shape"] == (None, 50)
    assert project.spec["nodes"][1]["params"]["activation"] == "relu"
    # 4 gates x (50 x (1 input + 50 recurrent) + 50 biases), then 50 + 1
    assert lstm["params"] == 4 * (50 * (1 + 50) + 50) == 10_400
    assert dense["params"] == 51
    assert sum(r["params"] for r in rows.values()) == 10_451
    assert rows["x"]["output_shape"] == (None, 10, 1)
    assert project.training["loss"] == "mse" and project.training["optimizer"]["name"] == "adam"


def test_it_learns_to_forecast_the_validation_windows():
    project = _sample()
    untrained = runner.evaluate(project)
    runner.train(project, epochs=3)
    losses = np.asarray(project.history["val_loss"])
    assert len(losses) == 3 and np.all(np.isfinite(losses))
    assert losses[-1] < losses[0] < untrained["val"]["loss"]
