"""Training continues exactly where it stopped: optimizer state and generators survive save and reopen."""

import io
import json
import zipfile

import numpy as np
import pytest

from nnstudio.project import Project, ProjectError, load, runner
from nnstudio.project.resume import STATE_JSON, STATE_NPZ


def _project(optimizer, dropout=True) -> Project:
    project = Project.new("Resume")
    nodes = [{"id": "x", "type": "Input", "params": {"shape": [2]}},
             {"id": "h", "type": "Dense", "params": {"units": 8, "activation": "tanh"}},
             {"id": "d", "type": "Dropout", "params": {"rate": 0.3}},
             {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}]
    if not dropout:
        nodes = [n for n in nodes if n["id"] != "d"]
    ids = [n["id"] for n in nodes]
    project.spec = {"nodes": nodes, "edges": [[a, b] for a, b in zip(ids, ids[1:])]}
    project.data["source"] = {"kind": "generator", "name": "moons", "params": {"n_samples": 60}, "seed": 1}
    project.data["split"] = {"val": 0.25, "test": 0.0, "seed": 0, "stratify": True}
    project.training.update(optimizer=optimizer, batch_size=8, seed=3)
    return project


def _same(a: Project, b: Project) -> None:
    assert a.weights.keys() == b.weights.keys()
    for nid in a.weights:
        for param in a.weights[nid]:
            np.testing.assert_array_equal(a.weights[nid][param], b.weights[nid][param])  # bitwise
    assert a.history == b.history


@pytest.mark.parametrize("optimizer", [{"name": "adam", "learning_rate": 0.02},
                                       {"name": "sgd", "learning_rate": 0.1, "momentum": 0.9},
                                       "rmsprop", "adagrad"])
def test_three_epochs_saved_and_reopened_then_two_equal_five_straight(optimizer, tmp_path):
    straight = _project(optimizer)
    runner.train(straight, epochs=5)

    first = _project(optimizer)
    runner.train(first, epochs=3)
    reopened = load(first.save(tmp_path / "three.nnproj"))
    assert reopened.resume_state["epochs"] == 3
    runner.train(reopened, epochs=2)
    _same(straight, reopened)
    # and once more through a file, to be sure the second record is saved as well
    again = load(reopened.save(tmp_path / "five.nnproj"))
    runner.train(again, epochs=1)
    runner.train(straight, epochs=1)
    _same(straight, again)


def test_lbfgs_resumes_its_curvature_history(tmp_path):
    optimizer = {"name": "lbfgs", "max_iter": 3}
    straight = _project(optimizer, dropout=False)
    straight.training["batch_size"] = None
    runner.train(straight, epochs=4)
    first = _project(optimizer, dropout=False)
    first.training["batch_size"] = None
    runner.train(first, epochs=2)
    reopened = load(first.save(tmp_path / "p.nnproj"))
    assert reopened.resume_state["optimizer"]["old_dirs"].ndim == 2
    runner.train(reopened, epochs=2)
    _same(straight, reopened)


def test_without_the_state_training_still_continues_but_afresh(tmp_path):
    straight = _project("adam")
    runner.train(straight, epochs=5)
    first = _project("adam")
    runner.train(first, epochs=3)
    first.resume_state = None  # as a file written before the state was stored
    path = first.save(tmp_path / "old.nnproj")
    assert STATE_JSON not in zipfile.ZipFile(path).namelist()
    reopened = load(path)
    assert reopened.resume_state is None
    runner.train(reopened, epochs=2)
    assert len(reopened.history["loss"]) == 5
    assert not np.array_equal(reopened.weights["y"]["kernel"], straight.weights["y"]["kernel"])


def test_state_is_used_only_while_it_belongs_to_the_weights():
    project = _project("adam")
    runner.train(project, epochs=2)
    prepared = runner.prepare(project)
    assert prepared.network.optimizer is not None and prepared.network.optimizer.iterations > 0

    project.training["optimizer"] = "sgd"  # another optimizer starts afresh
    assert runner.prepare(project).network.optimizer is None

    project.training["optimizer"] = "adam"
    project.history = None  # the curves were cleared, so the state no longer matches the weights
    assert runner.prepare(project).network.optimizer is None

    project.weights = None  # a reset project starts from new weights and a fresh optimizer
    assert runner.prepare(project).network.optimizer is None


def test_an_explicit_seed_keeps_the_optimizer_but_shuffles_anew():
    project = _project("adam")
    runner.train(project, epochs=2)
    prepared = runner.prepare(project, seed=11)
    assert prepared.network.optimizer.iterations == project.resume_state["optimizer"]["iterations"]
    expected = np.random.default_rng(11 + 2).bit_generator.state
    assert prepared.network.generator_state["shuffle"] == expected


def _rewrite(path, member: str, content: bytes, out):
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == member else src.read(info))
    return out


def _npz(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


@pytest.fixture
def trained_file(tmp_path):
    project = _project("adam")
    runner.train(project, epochs=1)
    return project.save(tmp_path / "trained.nnproj")


def test_entries_that_name_no_weight_or_have_another_shape_are_dropped(trained_file, tmp_path):
    with zipfile.ZipFile(trained_file) as zf:
        arrays = dict(np.load(io.BytesIO(zf.read(STATE_NPZ)), allow_pickle=False))
        doc = json.loads(zf.read(STATE_JSON))
    arrays["slots/gone/kernel/exp_avg"] = np.zeros(3, np.float32)
    arrays["slots/h/kernel/exp_avg"] = np.zeros((5, 5), np.float32)   # not the kernel's shape
    doc["optimizer"]["counts"]["gone/kernel"] = 4
    out = _rewrite(trained_file, STATE_NPZ, _npz(**arrays), tmp_path / "a.nnproj")
    out = _rewrite(out, STATE_JSON, json.dumps(doc).encode(), tmp_path / "b.nnproj")
    state = load(out).resume_state["optimizer"]
    assert "gone/kernel" not in state["slots"] and "gone/kernel" not in state["counts"]
    assert set(state["slots"]["h/kernel"]) == {"exp_avg_sq"}   # the misshapen moment was dropped
    assert state["slots"]["y/kernel"]["exp_avg"].dtype == np.float32
    assert runner.prepare(load(out)).network.optimizer.name == "adam"


@pytest.mark.parametrize("change, phrase", [
    (lambda d: d["optimizer"].update(iterations="3"), "optimizer.iterations must be an integer"),
    (lambda d: d["optimizer"].update(name="warp"), "'warp' is not an optimizer this nnstudio knows"),
    (lambda d: d["rng"].update(shuffle={"bit_generator": "MT19937", "state": {"state": 1, "inc": 1}}),
     "rng.shuffle.bit_generator must be one of 'PCG64'"),
    (lambda d: d.update(epochs=-1), "epochs must be at least 0"),
])
def test_damaged_state_json_is_refused_naming_the_file(trained_file, tmp_path, change, phrase):
    with zipfile.ZipFile(trained_file) as zf:
        doc = json.loads(zf.read(STATE_JSON))
    change(doc)
    out = _rewrite(trained_file, STATE_JSON, json.dumps(doc).encode(), tmp_path / "bad.nnproj")
    with pytest.raises(ProjectError, match=phrase) as info:
        load(out)
    assert str(out) in str(info.value) and "\n" not in str(info.value)


def test_non_numeric_or_stray_state_arrays_are_refused(trained_file, tmp_path):
    out = _rewrite(trained_file, STATE_NPZ, _npz(**{"slots/h/kernel/exp_avg": np.array(["a", "b"])}),
                   tmp_path / "text.nnproj")
    with pytest.raises(ProjectError, match="non-numeric"):
        load(out)
    out = _rewrite(trained_file, STATE_NPZ, _npz(stray=np.zeros(2)), tmp_path / "stray.nnproj")
    with pytest.raises(ProjectError, match="'stray' is not an optimizer state entry"):
        load(out)


def test_untrained_projects_write_no_state(tmp_path):
    project = _project("adam")
    runner.train(project, epochs=1)
    project.weights = None
    names = zipfile.ZipFile(project.save(tmp_path / "reset.nnproj")).namelist()
    assert STATE_JSON not in names and STATE_NPZ not in names


def test_an_lbfgs_history_that_does_not_hang_together_starts_afresh(tmp_path):
    project = _project({"name": "lbfgs", "max_iter": 2}, dropout=False)
    project.training["batch_size"] = None
    runner.train(project, epochs=2)
    path = project.save(tmp_path / "lbfgs.nnproj")
    with zipfile.ZipFile(path) as zf:
        arrays = dict(np.load(io.BytesIO(zf.read(STATE_NPZ)), allow_pickle=False))
    assert {"state/d", "state/old_dirs", "state/ro"} <= set(arrays)
    assert "old_dirs" in load(path).resume_state["optimizer"]
    arrays["state/ro"] = np.zeros(99)  # not one ratio per remembered step
    state = load(_rewrite(path, STATE_NPZ, _npz(**arrays), tmp_path / "odd.nnproj")).resume_state["optimizer"]
    assert "old_dirs" not in state and "d" not in state and state["name"] == "lbfgs"


def _fit_as_the_gui_worker_does(project: Project, epochs: int) -> None:
    # the GUI's worker: prepare, drive Network.fit itself with the prepared settings, then record
    prepared = runner.prepare(project)
    kw = prepared.fit_kwargs
    history = prepared.network.fit(prepared.X, prepared.y, kw["loss"], optimizer=kw["optimizer"], epochs=epochs,
                                   initial_epoch=kw["initial_epoch"], batch_size=kw["batch_size"],
                                   seed=kw["seed"], validation_data=kw["validation_data"],
                                   early_stopping=kw["early_stopping"])
    runner.record(project, prepared, history)


def test_a_run_driven_like_the_gui_worker_continues_exactly_too(tmp_path):
    straight = _project("adam")
    runner.train(straight, epochs=4)
    first = _project("adam")
    _fit_as_the_gui_worker_does(first, 1)
    reopened = load(first.save(tmp_path / "gui.nnproj"))
    _fit_as_the_gui_worker_does(reopened, 3)
    _same(straight, reopened)
