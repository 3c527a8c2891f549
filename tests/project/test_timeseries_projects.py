"""A project with a time-series source: saved and reloaded unchanged (file embedded or beside it), trained by the
command line, refused by name when its recorded options are unknown."""

import numpy as np
import pytest

from nnstudio import cli
from nnstudio.data.timeseries import load_timeseries
from nnstudio.project import Project, ProjectError, load


def _series_csv(tmp_path):
    path = tmp_path / "level.csv"
    t = np.arange(80)
    path.write_text("t,level\n" + "".join(f"{i},{np.sin(i / 4):.4f}\n" for i in t))
    return path


def _project(tmp_path, source):
    project = Project.new("levels")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [6, 1]}},
                              {"id": "r", "type": "GRU", "params": {"units": 4}},
                              {"id": "y", "type": "Dense", "params": {"units": 1}}],
                    "edges": [["x", "r"], ["r", "y"]]}
    project.data = {"source": source, "preprocessing": {"scale": "standard", "scale_target": True, "fitted": None},
                    "split": {"val": 0.25, "test": 0.0, "seed": 0, "stratify": False}}
    project.training = {**project.training, "epochs": 2, "batch_size": 16}
    return project


@pytest.mark.parametrize("embedded", [True, False])
def test_a_timeseries_source_round_trips_and_trains(tmp_path, embedded):
    csv = _series_csv(tmp_path)
    ds = load_timeseries(csv, columns="level", window=6, horizon=2, stride=2)
    project = _project(tmp_path, dict(ds.source))
    if embedded:
        project.data["source"]["path"] = project.embed(csv.name, csv.read_bytes())
    else:
        project.data["source"]["path"] = csv.name        # beside the project file
    path = project.save(tmp_path / "levels.nnproj")
    if embedded:
        csv.unlink()                                     # the project carries its own copy
    again = load(path)
    assert again.data["source"] == project.data["source"]
    rebuilt = again.dataset()
    np.testing.assert_array_equal(rebuilt.X, ds.X)
    np.testing.assert_array_equal(rebuilt.y, ds.y)
    assert cli.main(["train", str(path)]) == 0
    assert len(load(path).history["val_loss"]) == 2


def test_an_unknown_recorded_option_is_named(tmp_path):
    csv = _series_csv(tmp_path)
    source = dict(load_timeseries(csv, columns="level", window=6).source)
    source["options"] = {**source["options"], "lag": 3}
    source["path"] = csv.name
    path = _project(tmp_path, source).save(tmp_path / "odd.nnproj")
    with pytest.raises(Exception) as err:
        load(path).dataset()
    assert "'lag'" in str(err.value) and "load_timeseries" in str(err.value)


def test_an_unknown_source_kind_is_still_refused(tmp_path):
    project = _project(tmp_path, {"kind": "spreadsheet", "path": "x.csv"})
    with pytest.raises(ProjectError) as err:
        project.save(tmp_path / "bad.nnproj")
    assert "'timeseries'" in str(err.value) and "'spreadsheet'" in str(err.value)
