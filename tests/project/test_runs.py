"""A project's runs: a new run keeps the last one; runs are renamed, pinned, deleted, switched, and survive
saving and reopening with their settings, curves, weights, optimizer state and snapshots."""

import io
import json
import zipfile

import numpy as np
import pytest

from nnstudio.project import Project, ProjectError, load, runner
from nnstudio.project import runs


def _project() -> Project:
    project = Project.new("Runs")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                              {"id": "h", "type": "Dense", "params": {"units": 4, "activation": "tanh"}},
                              {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
                    "edges": [["x", "h"], ["h", "y"]]}
    project.data["source"] = {"kind": "generator", "name": "moons", "params": {"n_samples": 40}, "seed": 1}
    project.training.update(batch_size=8, seed=2)
    return project


def test_an_untrained_project_has_one_empty_current_run():
    project = _project()
    assert [r.id for r in runs.all_runs(project)] == ["run-1"]
    assert runs.start_new(project) is None            # nothing trained: nothing kept
    assert project.runs == [] and project.run.id == "run-2"


def test_a_new_run_keeps_the_last_one_with_the_settings_it_was_trained_with():
    project = _project()
    runner.train(project, epochs=3)
    trained = {n: {k: a.copy() for k, a in p.items()} for n, p in project.weights.items()}
    assert project.run.settings.training["batch_size"] == 8 and project.run.seconds > 0
    project.training["batch_size"] = 16                # changed after training: not what run-1 used
    kept = runs.start_new(project, name="bigger batches")
    assert kept.id == "run-1" and kept.epochs == 3
    assert kept.info.settings.training["batch_size"] == 8
    np.testing.assert_array_equal(kept.weights["h"]["kernel"], trained["h"]["kernel"])
    assert kept.snapshots.epochs == [0, 1, 2, 3]
    assert project.weights is None and project.history is None and project.resume_state is None
    assert len(project.snapshots) == 0
    assert (project.run.id, project.run.name) == ("run-2", "bigger batches")
    runner.train(project, epochs=2)
    assert [(r.id, r.epochs) for r in runs.all_runs(project)] == [("run-1", 3), ("run-2", 2)]
    assert project.run.settings.training["batch_size"] == 16


def test_runs_survive_saving_and_reopening(tmp_path):
    project = _project()
    project.training["optimizer"] = {"name": "adam", "learning_rate": 0.05}
    runner.train(project, epochs=3)
    runs.start_new(project)
    project.spec["nodes"][1]["params"]["units"] = 6    # the second run trains another network
    runner.train(project, epochs=2)
    runs.rename(project, "run-1", "four units")
    runs.pin(project, "run-1")
    back = load(project.save(tmp_path / "runs.nnproj"))
    assert back.run == project.run
    [kept], [original] = back.runs, project.runs
    assert kept.info == original.info and kept.info.pinned and kept.name == "four units"
    assert kept.history == original.history
    assert kept.weights["h"]["kernel"].shape == (2, 4) and back.weights["h"]["kernel"].shape == (2, 6)
    np.testing.assert_array_equal(kept.weights["y"]["kernel"], original.weights["y"]["kernel"])
    assert kept.snapshots.epochs == original.snapshots.epochs == [0, 1, 2, 3]
    assert kept.resume_state["optimizer"]["name"] == "adam"
    np.testing.assert_array_equal(kept.resume_state["optimizer"]["slots"]["h/kernel"]["exp_avg"],
                                  original.resume_state["optimizer"]["slots"]["h/kernel"]["exp_avg"])
    assert back.snapshots.epochs == [0, 1, 2]


def test_switching_to_a_kept_run_brings_back_its_settings_and_continues_it_exactly(tmp_path):
    """Run 1 (3 epochs), run 2, back to run 1 and 2 more epochs: the same as 5 epochs of run 1 in one go."""
    whole = _project()
    runner.train(whole, epochs=5)
    project = _project()
    runner.train(project, epochs=3)
    runs.start_new(project)
    project.training["batch_size"] = 4
    runner.train(project, epochs=1)
    project = load(project.save(tmp_path / "s.nnproj"))
    runs.switch(project, "run-1")
    assert project.run.id == "run-1" and project.training["batch_size"] == 8
    assert [r.id for r in project.runs] == ["run-2"]
    runner.train(project, epochs=2)
    assert project.history == whole.history
    for node, params in whole.weights.items():
        for param, value in params.items():
            np.testing.assert_array_equal(project.weights[node][param], value)


def test_deleting_and_renaming():
    project = _project()
    runner.train(project, epochs=1)
    runs.start_new(project)
    runner.train(project, epochs=1)
    runs.delete(project, "run-1")
    assert project.runs == []
    runs.delete(project, "run-2")                      # the current run: emptied, kept as the place to train
    assert project.run.id == "run-2" and project.weights is None and project.run.settings is None
    with pytest.raises(ProjectError, match="has no run 'run-9'"):
        runs.rename(project, "run-9", "x")
    with pytest.raises(ProjectError, match="cannot be empty"):
        runs.rename(project, "run-2", "  ")


def test_old_unpinned_runs_make_room_and_pinned_ones_stay(monkeypatch):
    monkeypatch.setattr(runs, "MAX_KEPT_RUNS", 2)
    project = _project()
    for _ in range(4):
        project.history = {"loss": [1.0]}
        runs.start_new(project)
        if project.runs[-1].id == "run-1":
            runs.pin(project, "run-1")
    assert [r.id for r in project.runs] == ["run-1", "run-4"]
    runs.pin(project, "run-4")
    project.history = {"loss": [1.0]}
    with pytest.raises(ProjectError, match="keeps 2 pinned runs"):
        runs.start_new(project)


def _rewrite(path, change):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)


def _edit_json(change):
    def edit(members):
        doc = json.loads(members["project.json"])
        change(doc)
        members["project.json"] = json.dumps(doc).encode()
    return edit


@pytest.mark.parametrize("change, phrase", [
    (_edit_json(lambda d: d["runs"][0].update(id="run-2")), "the run id 'run-2' is used twice"),
    (_edit_json(lambda d: d["runs"][0].update(id="../x")), "the run id '../x' is not of the form 'run-<n>'"),
    (_edit_json(lambda d: d["runs"][0].update(settings=None)), "the kept run 'run-1' records no settings"),
    (_edit_json(lambda d: d["runs"][0]["settings"]["spec"]["nodes"][1]["params"].update(units=5)),
     "h/kernel"),
    (_edit_json(lambda d: d["run"].update(pinned="yes")), "run.pinned must be true or false"),
])
def test_damaged_runs_are_refused_in_one_sentence(tmp_path, change, phrase):
    project = _project()
    runner.train(project, epochs=1)
    runs.start_new(project)
    path = project.save(tmp_path / "d.nnproj")
    _rewrite(path, change)
    with pytest.raises(ProjectError, match=phrase) as info:
        load(path)
    assert str(info.value).startswith(f"Cannot open {path}")


def test_kept_run_arrays_are_never_unpickled(tmp_path):
    project = _project()
    runner.train(project, epochs=1)
    runs.start_new(project)
    path = project.save(tmp_path / "p.nnproj")

    def poison(members):
        buf = io.BytesIO()
        np.savez(buf, **{"h/kernel": np.array([object()], dtype=object)})
        members["runs/run-1/weights.npz"] = buf.getvalue()
    _rewrite(path, poison)
    with pytest.raises(ProjectError, match="non-numeric type object"):
        load(path)


def test_saving_refuses_what_loading_would(tmp_path):
    project = _project()
    runner.train(project, epochs=1)
    runs.start_new(project)
    project.runs[0].info.id = "run 1"
    with pytest.raises(ProjectError, match="is not of the form 'run-<n>'"):
        project.save(tmp_path / "x.nnproj")
    assert not (tmp_path / "x.nnproj").exists()


def test_continue_from_a_snapshot_branches_a_new_run_with_a_fresh_optimizer():
    project = _project()
    project.training["optimizer"] = {"name": "adam", "learning_rate": 0.05}
    runner.train(project, epochs=5)
    source = runs.branch(project, "run-1", 3)
    assert source.id == "run-1" and [r.id for r in project.runs] == ["run-1"]
    assert project.run.name == "Run 1 from epoch 3" and project.run.id == "run-2"
    np.testing.assert_array_equal(project.weights["h"]["kernel"], source.snapshots.get(3)["h"]["kernel"])
    assert project.history == {k: v[:3] for k, v in source.history.items()}
    assert project.snapshots.epochs == [0, 1, 2, 3] and project.resume_state is None
    runner.train(project, epochs=2)
    assert len(project.history["loss"]) == 5 and project.history["loss"][:3] == source.history["loss"][:3]
    assert project.snapshots.epochs == [0, 1, 2, 3, 4, 5]
    # without Adam's moments the continuation differs from the original run's epochs 4 and 5
    assert project.history["loss"][3:] != source.history["loss"][3:]
    with pytest.raises(ProjectError, match="keeps no snapshot at or before epoch -1"):
        runs.branch(project, "run-1", -1)


def test_curves_without_their_weights_are_kept_and_training_starts_a_new_run(tmp_path):
    """A file that lost weights.npz: `nnstudio train` went on at epoch 21 from fresh weights."""
    import zipfile

    from nnstudio.paths import samples_dir
    from nnstudio.project import load, runner, runs
    p = load(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(p, epochs=4)
    p.save(tmp_path / "x.nnproj")
    with zipfile.ZipFile(tmp_path / "x.nnproj") as z, zipfile.ZipFile(tmp_path / "lost.nnproj", "w") as out:
        for name in z.namelist():
            if name != "weights.npz":
                out.writestr(name, z.read(name))
    lost = load(tmp_path / "lost.nnproj")
    assert lost.weights is None and len(lost.history["loss"]) == 4
    assert not runs.continues(lost)
    runner.train(lost, epochs=2)
    assert len(lost.history["loss"]) == 2 and [len(r.history["loss"]) for r in lost.runs] == [4]
