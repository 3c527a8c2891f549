"""Weight snapshots over time: the thinning grid, the byte cap, the recorder, and what they hold."""

import numpy as np
import pytest

from nnstudio.project import Project, load, runner
from nnstudio.project.rewind import Recorder, SnapshotPolicy, Snapshots, on_grid, weights_nbytes


def _weights(value: float, n: int = 4) -> dict:
    return {"h": {"kernel": np.full((n,), value, dtype=np.float32)}}


def _xor_project() -> Project:
    project = Project.new("Rewind")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                              {"id": "h", "type": "Dense", "params": {"units": 4, "activation": "tanh"}},
                              {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
                    "edges": [["x", "h"], ["h", "y"]]}
    project.data["source"] = {"kind": "generator", "name": "xor", "params": {}, "seed": 0}
    project.data["split"] = {"val": 0.0, "test": 0.0, "seed": 0, "stratify": True}
    project.training.update(batch_size=4, seed=1)
    return project


def test_the_grid_keeps_recent_epochs_and_coarsens_with_distance():
    assert all(on_grid(e, 100, 16) for e in range(85, 101))
    assert on_grid(84, 100, 16) and not on_grid(83, 100, 16)       # distance 16-31: even epochs
    assert on_grid(64, 100, 16) and not on_grid(66, 100, 16)       # distance 32-63: multiples of 4
    assert on_grid(0, 100, 16) and on_grid(0, 10**9, 16)           # the untrained network always stays


def test_a_dropped_epoch_never_comes_back_as_training_goes_on():
    kept_before = None
    for newest in range(0, 3000):
        kept = {e for e in range(newest + 1) if on_grid(e, newest, 8)}
        if kept_before is not None:
            assert kept - {newest} <= kept_before
        kept_before = kept


def test_snapshots_of_a_long_xor_run_stay_under_their_cap():
    """10,000 epochs of XOR with a cap of 40 snapshots' bytes: memory never exceeds it, the recent past is
    there epoch by epoch, and the untrained network is kept."""
    project = _xor_project()
    net = project.network()
    size = weights_nbytes(net.get_weights())
    snapshots = Snapshots(policy=SnapshotPolicy(recent=16, cap_bytes=40 * size))

    class Watch:
        peak = 0

        def on_epoch_end(self, net, logs):
            Watch.peak = max(Watch.peak, snapshots.nbytes)

    prepared = runner.prepare(project)
    prepared.network.fit(prepared.X, prepared.y, loss="binary_crossentropy", optimizer="sgd", epochs=10_000,
                         batch_size=4, callbacks=[Recorder(snapshots), Watch()])
    assert Watch.peak <= 40 * size
    assert snapshots.nbytes == sum(weights_nbytes(w) for _, w in snapshots)
    epochs = snapshots.epochs
    assert epochs[-16:] == list(range(10_000 - 15, 10_001))
    assert 0 in epochs
    np.testing.assert_array_equal(snapshots.get(10_000)["h"]["kernel"], prepared.network.get_weights()["h"]["kernel"])


def test_the_cap_drops_the_most_crowded_snapshot_first_never_the_newest():
    size = weights_nbytes(_weights(0.0))
    snapshots = Snapshots(policy=SnapshotPolicy(recent=100, cap_bytes=3 * size))
    for e in (0, 1, 2, 10):
        snapshots.add(e, _weights(float(e)))
    assert snapshots.epochs == [0, 2, 10]          # 1 sat between 0 and 2: the smallest gap
    assert snapshots.nbytes == 3 * size


def test_a_network_larger_than_the_cap_keeps_no_snapshots():
    snapshots = Snapshots(policy=SnapshotPolicy(cap_bytes=8))
    snapshots.add(0, _weights(1.0))
    assert len(snapshots) == 0 and snapshots.nbytes == 0


def test_going_back_replaces_what_lay_after_and_at_or_before_finds_the_state_then():
    snapshots = Snapshots()
    for e in range(6):
        snapshots.add(e, _weights(float(e)))
    assert snapshots.at_or_before(3)[0] == 3 and snapshots.at_or_before(99)[0] == 5
    snapshots.add(2, _weights(-2.0))
    assert snapshots.epochs == [0, 1, 2] and snapshots.get(2)["h"]["kernel"][0] == -2.0
    assert Snapshots().at_or_before(3) is None


def test_snapshots_are_the_weights_of_that_epoch_and_survive_saving(tmp_path):
    """Snapshot k of a 5-epoch run equals the weights after training k epochs (the same computation)."""
    project = _xor_project()
    runner.train(project, epochs=5)
    assert project.snapshots.epochs == [0, 1, 2, 3, 4, 5]
    for k in (0, 2, 5):
        short = _xor_project()
        if k:
            runner.train(short, epochs=k)
        expected = short.weights if k else short.network().get_weights()
        for node, params in expected.items():
            for param, value in params.items():
                np.testing.assert_array_equal(project.snapshots.get(k)[node][param], value)
    back = load(project.save(tmp_path / "r.nnproj"))
    assert back.snapshots.epochs == project.snapshots.epochs
    for e, weights in project.snapshots:
        np.testing.assert_array_equal(back.snapshots.get(e)["y"]["kernel"], weights["y"]["kernel"])


def test_continuing_adds_to_the_snapshots_and_an_edit_drops_those_that_no_longer_fit(tmp_path):
    project = _xor_project()
    runner.train(project, epochs=2)
    project = load(project.save(tmp_path / "c.nnproj"))
    runner.train(project, epochs=2)
    assert project.snapshots.epochs == [0, 1, 2, 3, 4]
    project.spec["nodes"][1]["params"]["units"] = 6       # a structural edit; the window drops the weights
    project.weights = project.resume_state = None
    project.history = None
    runner.train(project, epochs=1)
    assert project.snapshots.epochs == [0, 1]
    assert project.snapshots.get(1)["h"]["kernel"].shape == (2, 6)


def test_a_snapshot_list_without_epochs_is_refused(tmp_path):
    import io
    import zipfile

    project = _xor_project()
    runner.train(project, epochs=1)
    path = project.save(tmp_path / "s.nnproj")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    arrays = dict(np.load(io.BytesIO(members["snapshots.npz"]), allow_pickle=False))
    del arrays["epochs/"]
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    members["snapshots.npz"] = buf.getvalue()
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    from nnstudio.project import ProjectError
    with pytest.raises(ProjectError, match=r"snapshots\.npz\): it has no list of distinct epochs"):
        load(path)


def test_training_without_a_recorder_after_an_edit_drops_snapshots_that_no_longer_fit(tmp_path):
    """The window's sessions record no snapshots yet: the old network's must not make the project unsavable."""
    project = _xor_project()
    runner.train(project, epochs=2)
    project.spec["nodes"][1]["params"]["units"] = 6
    project.weights = project.resume_state = project.history = None
    prepared = runner.prepare(project)
    history = prepared.network.fit(prepared.X, prepared.y, **{**prepared.fit_kwargs, "epochs": 1})
    runner.record(project, prepared, history)
    assert len(project.snapshots) == 0
    assert load(project.save(tmp_path / "e.nnproj")).weights["h"]["kernel"].shape == (2, 6)
