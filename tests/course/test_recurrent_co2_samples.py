"""The CO2 forecasting samples (LSTM, and GRU against LSTM): a real series from the bundled CSV, embedded in the
project, cut into windows, split in time order, scaled on the training part; parameter counts as Keras counts."""

import shutil

import numpy as np
import pytest

from nnstudio import cli
from nnstudio.data import Preprocessor
from nnstudio.paths import samples_dir
from nnstudio.project import load

# sample -> (recurrent layer, its parameters, the Dense's): LSTM 4 x (16 x (1 + 16) + 16);
# GRU (reset_after, two bias rows) 3 x 16 x (1 + 16) + 2 x 3 x 16; Dense 16 + 1
SAMPLES = {"co2_forecast": ("LSTM", 1152, 17), "co2_gru": ("GRU", 912, 17)}


@pytest.mark.parametrize("name", SAMPLES)
def test_the_sample_opens_with_the_series_embedded_and_counts_its_parameters(name):
    project = load(samples_dir() / f"{name}.nnproj")
    source = project.data["source"]
    assert source["kind"] == "timeseries" and source["path"] == "data/co2_monthly.csv"
    assert project.embedded["co2_monthly.csv"] == (samples_dir() / "data" / "co2_monthly.csv").read_bytes()
    kind, recurrent, dense = SAMPLES[name]
    rows = {r["id"]: r for r in project.network().summary_rows()}
    assert rows["rnn"]["type"] == kind and rows["rnn"]["params"] == recurrent and rows["y"]["params"] == dense
    ds = project.dataset()
    assert ds.input_shape == (24, 1) and len(ds) == 452 - 24 and ds.chronological


def test_the_two_samples_differ_only_in_the_layer_type():
    lstm, gru = (load(samples_dir() / f"{n}.nnproj") for n in SAMPLES)
    assert lstm.data == gru.data and lstm.training == gru.training
    assert [n["params"] for n in lstm.spec["nodes"]] == [n["params"] for n in gru.spec["nodes"]]
    assert [n["type"] for n in lstm.spec["nodes"]] == ["Input", "LSTM", "Dense"]
    assert [n["type"] for n in gru.spec["nodes"]] == ["Input", "GRU", "Dense"]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_sample_trains_and_its_scaling_comes_from_the_earlier_months_only(name, tmp_path):
    path = shutil.copy(samples_dir() / f"{name}.nnproj", tmp_path / f"{name}.nnproj")
    assert cli.main(["train", str(path), "--epochs", "2"]) == 0
    project = load(path)
    assert len(project.history["val_mae"]) == 2 and np.isfinite(project.history["val_mae"]).all()
    train, val, _ = project.dataset().split(val=0.2)
    fitted = Preprocessor.from_config(project.data["preprocessing"]["fitted"]).fitted
    np.testing.assert_allclose(fitted["mean"], [train.X.mean()])
    np.testing.assert_allclose(fitted["y_mean"], train.y.mean())
    assert train.y.max() < val.y.max()                   # the validation months reach beyond the training ones
    # the saved project still reads the same series from its embedded copy
    assert load(path).dataset().source["kind"] == "timeseries"
