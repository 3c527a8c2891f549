"""The batch size box offers 1 (stochastic), any k, and all (full batch, stored as None)."""

from nnstudio.gui.training.panel import TrainingPanel
from nnstudio.project import Project


def test_batch_size_all_is_stored_as_none_and_shown_again(qtbot):
    project = Project.new()
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.load(project, "binary", "sigmoid")
    panel.batch.setValue(1)
    assert project.training["batch_size"] == 1
    panel.batch.setValue(0)
    assert project.training["batch_size"] is None
    assert panel.batch.text() == "all (full batch)"
    panel.batch.setValue(25)
    assert project.training["batch_size"] == 25
    project.training["batch_size"] = None
    panel.load(project, "binary", "sigmoid")
    assert panel.batch.value() == 0 and panel.batch.text() == "all (full batch)"
    assert project.training["batch_size"] is None
