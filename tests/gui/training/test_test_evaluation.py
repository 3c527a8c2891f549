"""The window's final step: loss and accuracy on the held-out test part, off the GUI thread, in one sentence."""

import numpy as np

from nnstudio.gui.training.test_evaluation import describe
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner


def digits_with_test_part():
    project = load(samples_dir() / "digits_mlp.nnproj")
    project.data["split"] = {**project.data["split"], "test": 0.2}
    project.training["epochs"] = 2
    return project


def test_evaluate_on_test_reports_what_runner_evaluate_computes(qtbot, make_window):
    project = digits_with_test_part()
    runner.train(project)
    expected = runner.evaluate(project.snapshot())["test"]
    w = make_window(project, (1280, 720))
    box = w.training.test_evaluation
    assert box.isVisibleTo(w) and box.button.isEnabled() and box.result.isHidden()
    with qtbot.waitSignal(box.background.finished, timeout=30000):
        box.button.click()
    text = box.result.text()
    assert text.startswith(f"Held-out test set ({expected['samples']} samples, never used for training), "
                           "after 2 epochs")
    shown = float(text.split("accuracy ")[1].split("%")[0]) / 100
    assert np.isclose(shown, expected["accuracy"], atol=0.0001)
    assert f"loss {expected['loss']:.4g}" in text


def test_a_project_without_a_test_part_says_so():
    assert "sets no test part aside" in describe({"trained": False, "epochs": 0, "train": {}})


def test_evaluate_parts_and_given_dataset():
    project = digits_with_test_part()
    ds = project.dataset()
    only_test = runner.evaluate(project, parts=("test",), dataset=ds)
    assert set(only_test) == {"trained", "epochs", "test"} and only_test["test"]["samples"] == len(ds.split(
        val=0.2, test=0.2, seed=0)[2])
    assert runner.prepare(project, dataset=ds).dataset is ds      # the data in memory is not read again
