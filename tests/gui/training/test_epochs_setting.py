"""The Epochs box decides how many epochs the next press of Train runs, also when nothing else changed."""

import pytest

from nnstudio import data
from nnstudio.project import Project


def _project() -> Project:
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}, "position": [0.0, 0.0]},
                      {"id": "h", "type": "Dense", "params": {"units": 6, "activation": "tanh"},
                       "position": [220.0, 0.0]},
                      {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"},
                       "position": [440.0, 0.0]}],
            "edges": [["x", "h"], ["h", "y"]]}
    p = Project(spec=spec, title="Epochs")
    p.data["source"] = data.generate("spiral", classes=2, n_samples=64).source
    p.training.update(epochs=3, batch_size=16)
    return p


@pytest.fixture
def window(make_window):
    return make_window(_project())


def _train(qtbot, w):
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=30000) as blocker:
        w.training.panel.train_btn.click()
    return blocker.args[0]


def test_changing_epochs_alone_applies_to_the_next_train(qtbot, window):
    # Regression (#20 item 6): the network prepared for the first session was reused (nothing it depends on
    # changed) together with that session's epoch count: set 2, Train, set 5, Train ran 2 more.
    panel = window.training.panel
    panel.epochs.setValue(2)
    assert _train(qtbot, window).reason == "completed"
    assert len(window.project.history["loss"]) == 2
    panel.epochs.setValue(5)
    job = _train(qtbot, window).job
    assert (job.initial_epoch, job.epochs) == (2, 5)
    assert len(window.project.history["loss"]) == 2 + 5
    panel.epochs.setValue(1)                        # and fewer again
    _train(qtbot, window)
    assert len(window.project.history["loss"]) == 2 + 5 + 1
