"""Every released format version keeps a golden file in tests/golden/ that must keep loading."""

import math
from pathlib import Path

import numpy as np
import pytest

from nnstudio.project import FORMAT_VERSION, load

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_there_is_a_golden_file_for_every_format_version():
    present = sorted(int(p.stem.removeprefix("format")) for p in GOLDEN.glob("format*.nnproj"))
    assert present == list(range(1, FORMAT_VERSION + 1))


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("format*.nnproj")), ids=lambda p: p.name)
def test_golden_file_loads_and_builds(path):
    project = load(path)
    net = project.network()
    assert net.predict(np.zeros((1,) + tuple(net.input_shape))).shape[0] == 1


def test_format1_content():
    project = load(GOLDEN / "format1.nnproj")
    assert project.title == "Golden format 1"
    assert project.notes.endswith("Unicode: ∂L/∂w, é, 中文.")
    assert [n["name"] for n in project.spec["nodes"]] == ["inputs", "hidden", "output"]
    assert project.spec["nodes"][1]["position"] == [160.0, -20.5]
    assert project.spec["edges"] == [["x", "h"], ["h", "y"]]
    assert project.training["optimizer"] == {"name": "sgd", "learning_rate": 0.5}
    assert project.goal == {"metric": "accuracy", "at_least": 0.5, "epochs": 3}
    assert project.class_names == ["0", "1"] and project.feature_names == ["x1", "x2"]
    np.testing.assert_array_equal(project.weights["h"]["kernel"],
                                  (np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5) / 4)
    np.testing.assert_array_equal(project.weights["y"]["bias"], [-0.5])
    assert project.history["loss"] == [0.75, 0.7, 0.65]
    assert project.history["accuracy"][:2] == [0.5, 0.5] and math.isnan(project.history["accuracy"][2])
    assert project.embedded == {"xor.csv": b"x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"}
    ds = project.dataset()  # read from the embedded copy
    assert ds.X.shape == (4, 2) and list(ds.y) == [0, 1, 1, 0]
    # the hand-set weights give a known output for (0, 0): sigmoid(1.5 tanh(0.1) - 2 tanh(-0.2) + 0.25 tanh(0.3) - 0.5)
    z = 1.5 * math.tanh(0.1) - 2.0 * math.tanh(-0.2) + 0.25 * math.tanh(0.3) - 0.5
    assert project.network().predict(np.zeros((1, 2)))[0, 0] == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-6)


def test_format1_training_state_keeps_loading_and_is_applied():
    """A format-1 file with the optional optimizer.json/optimizer.npz members (Adam moments, generators)."""
    import io
    import zipfile

    from nnstudio.project import runner

    path = GOLDEN / "resume-format1.nnproj"
    with zipfile.ZipFile(path) as archive:
        stored = dict(np.load(io.BytesIO(archive.read("optimizer.npz")), allow_pickle=False))
    project = load(path)
    assert len(project.history["loss"]) == 3
    prepared = runner.prepare(project)
    state = prepared.network.optimizer.state_dict()
    assert state["name"] == "adam" and state["iterations"] == 3
    assert prepared.network.step_count == 3
    for key, value in stored.items():          # "slots/<node>/<param>/<slot>"
        _, node, param, slot = key.split("/")
        np.testing.assert_array_equal(state["slots"][f"{node}/{param}"][slot], value)
    assert len(stored) == 8                    # two Adam moments for each of four tensors


def test_format1_opens_as_one_run():
    project = load(GOLDEN / "format1.nnproj")
    assert project.run.id == "run-1" and project.run.settings is None
    assert project.runs == [] and len(project.snapshots) == 0


def test_format2_content():
    """Two runs: a kept, pinned SGD-with-momentum run (4 epochs, snapshots, optimizer state) and the current
    full-batch Adam run (2 epochs, snapshots of epochs 0-2)."""
    project = load(GOLDEN / "format2.nnproj")
    assert project.title == "Golden format 2"
    assert project.run.id == "run-2" and project.run.name == "Full batch" and not project.run.pinned
    assert project.run.seconds == 0.5
    assert project.run.settings.training["optimizer"] == {"name": "adam", "learning_rate": 0.1}
    assert project.training["batch_size"] is None
    assert len(project.history["loss"]) == 2 and project.snapshots.epochs == [0, 1, 2]
    np.testing.assert_array_equal(project.snapshots.get(2)["h"]["kernel"], project.weights["h"]["kernel"])
    [kept] = project.runs
    assert (kept.id, kept.name, kept.info.pinned, kept.info.seconds) == ("run-1", "SGD momentum", True, 1.25)
    assert kept.info.settings.training["optimizer"] == {"name": "sgd", "learning_rate": 0.5, "momentum": 0.9}
    assert kept.history["loss"][:3] == [0.75, 0.7, 0.65] and len(kept.history["loss"]) == 4
    assert kept.snapshots.epochs == [0, 3, 4]
    # epoch 3 of the kept run is the format-1 golden file's hand-set weights; epoch 0 half of them
    np.testing.assert_array_equal(kept.snapshots.get(3)["h"]["kernel"],
                                  (np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5) / 4)
    np.testing.assert_array_equal(kept.snapshots.get(0)["h"]["kernel"],
                                  (np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5) / 8)
    np.testing.assert_array_equal(kept.snapshots.get(4)["y"]["bias"], kept.weights["y"]["bias"])
    assert kept.resume_state["optimizer"]["name"] == "sgd" and kept.resume_state["epochs"] == 4
    assert set(kept.resume_state["optimizer"]["slots"]["h/kernel"]) == {"momentum_buffer"}
