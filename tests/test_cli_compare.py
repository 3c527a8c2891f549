"""`nnstudio compare`: a grid of variants, each equal to `nnstudio train` of the reset project with its settings."""

import json

import numpy as np
import pytest

from nnstudio import cli
from nnstudio.project import load
from tests.project.test_runner import moons_project

TRAIN_KEYS = {"epochs", "total_epochs", "loss", "val_loss", "accuracy", "val_accuracy", "steps", "steps_per_s",
              "seconds", "fit_steps_per_s", "fit_seconds", "output", "interrupted"}
SAME = ("epochs", "total_epochs", "loss", "val_loss", "accuracy", "val_accuracy", "steps")


@pytest.fixture
def moons_file(tmp_path):
    project = moons_project()
    project.training.update(optimizer={"name": "sgd", "learning_rate": 0.1}, seed=4)
    return project.save(tmp_path / "moons.nnproj")


def _lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _train_alone(path, tmp_path, settings, capsys):
    """`nnstudio train --json` on a copy of the project with ``settings`` changed (dotted keys)."""
    project = load(path)
    for key, value in settings.items():
        section, *parts = key.split(".")
        doc = getattr(project, section)
        for part in parts[:-1]:
            doc = doc[part]
        doc[parts[-1]] = value
    alone = project.save(tmp_path / f"alone-{len(list(tmp_path.iterdir()))}.nnproj")
    assert cli.main(["train", str(alone), "--epochs", "4", "--json"]) == 0
    return _lines(capsys)[0], load(alone)


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_variant_equals_nnstudio_train_with_the_same_settings(moons_file, tmp_path, capsys, jobs):
    out = tmp_path / "compared.nnproj"
    assert cli.main(["compare", str(moons_file), "--vary", "training.batch_size=1,null",
                     "--vary", "training.optimizer.learning_rate=0.1,0.01", "--epochs", "4", "--json",
                     "--jobs", str(jobs), "--out", str(out)]) == 0
    printed = _lines(capsys)
    assert [p["vary"] for p in printed] == [
        {"training.batch_size": 1, "training.optimizer.learning_rate": 0.1},
        {"training.batch_size": 1, "training.optimizer.learning_rate": 0.01},
        {"training.batch_size": None, "training.optimizer.learning_rate": 0.1},
        {"training.batch_size": None, "training.optimizer.learning_rate": 0.01}]
    assert all(TRAIN_KEYS <= set(p) for p in printed)
    compared = load(out)
    assert [r.id for r in compared.runs] == ["run-2", "run-3", "run-4", "run-5"] == [p["run"] for p in printed]
    assert compared.weights is None and load(moons_file).runs == []      # the project's own run untouched
    for figures, run in zip(printed, compared.runs):
        alone_figures, alone = _train_alone(moons_file, tmp_path, figures["vary"], capsys)
        assert {k: figures[k] for k in SAME} == {k: alone_figures[k] for k in SAME}
        assert run.history == alone.history                       # the same computation: bit for bit
        for node, params in alone.weights.items():
            for param, value in params.items():
                np.testing.assert_array_equal(run.weights[node][param], value)
        assert run.info.settings.training == alone.training
        assert run.snapshots.epochs == [0, 1, 2, 3, 4]


def test_layer_settings_and_text_values(moons_file, capsys):
    assert cli.main(["compare", str(moons_file), "--vary", "spec.*.activation=tanh,relu", "--vary",
                     "spec.h.units=3", "--epochs", "1"]) == 0
    out = capsys.readouterr().out
    assert "run-2 activation=tanh, units=3: 1 epoch in" in out and f"Saved 2 runs in {moons_file}" in out
    project = load(moons_file)
    first, second = project.runs
    nodes = {n["id"]: n["params"] for n in second.info.settings.spec["nodes"]}
    assert nodes["h"] == {"units": 3, "activation": "relu"} and nodes["y"]["activation"] == "relu"
    assert first.weights["h"]["kernel"].shape == (2, 3)


@pytest.mark.parametrize("argv, phrase", [
    (["--vary", "batch_size=1,2"], "a setting starts with training., data. or spec."),
    (["--vary", "training.batch_size"], "--vary needs KEY=VALUE1,VALUE2,..."),
    (["--vary", "training.batch_size=1", "--vary", "training.batch_size=2"], "varied only once"),
    (["--vary", "spec.ghost.units=3"], "the network has no node 'ghost'"),
    (["--vary", "spec.*.rate=0.5"], "no layer has the parameter 'rate'"),
    (["--vary", "training.batch_size=" + ",".join(str(i) for i in range(1, 32))], "more than the 30 runs"),
    (["--vary", "training.batch_size=1", "--jobs", "0"], "--jobs must be at least 1"),
])
def test_bad_variations_are_one_line_errors_and_change_nothing(moons_file, capsys, argv, phrase):
    before = moons_file.read_bytes()
    assert cli.main(["compare", str(moons_file), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nnstudio: error: ") and err.count("\n") == 1 and phrase in err
    assert moons_file.read_bytes() == before


def test_a_wrong_setting_value_is_the_training_error(moons_file, capsys):
    assert cli.main(["compare", str(moons_file), "--vary", "training.optimizer.name=nosuch", "--epochs", "1"]) == 2
    assert "nosuch" in capsys.readouterr().err
