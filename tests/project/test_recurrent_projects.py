"""A recurrent project through the command line: train, save, reload, summary, predict from a CSV of windows."""

import csv
import io
import shutil

import numpy as np

from nnstudio import cli
from nnstudio.paths import samples_dir
from nnstudio.project import load


def test_a_forecasting_project_trains_reloads_and_predicts_windows(tmp_path, capsys):
    path = shutil.copy(samples_dir() / "lstm_forecast.nnproj", tmp_path / "forecast.nnproj")
    assert cli.main(["train", str(path), "--epochs", "2"]) == 0
    project = load(path)
    assert project.data["source"]["name"] == "sine_windows" and project.weights["lstm"]["kernel"].shape == (1, 200)
    assert project.feature_names == [f"value t{k}" for k in range(1, 11)]  # one column per timestep
    capsys.readouterr()
    assert cli.main(["summary", str(path)]) == 0
    assert "Total params: 10,451" in capsys.readouterr().out

    ds = project.dataset()
    inputs = tmp_path / "windows.csv"
    with open(inputs, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(project.feature_names)
        for window in ds.X[-3:]:
            writer.writerow([repr(float(v)) for v in window.ravel()])
    out = tmp_path / "preds.csv"
    assert cli.main(["predict", str(path), "--input", str(inputs), "--output", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["prediction"] and len(rows) == 4
    expected = project.network().predict(ds.X[-3:])  # the sample is not scaled
    np.testing.assert_allclose([float(r[0]) for r in rows[1:]], expected.ravel(), rtol=1e-5, atol=1e-6)
