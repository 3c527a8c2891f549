"""The sample projects: in sync with samples/make_samples.py, complete, and keeping their goals.

Each goal is checked by training the sample from scratch with `nnstudio train` (in-process) for the goal's
number of epochs, then reading the promised figure from the saved history.
"""

import importlib.util
import json
import shutil
import zipfile

import pytest

from nnstudio import cli
from nnstudio.paths import samples_dir
from nnstudio.project import load
from nnstudio.project.goals import describe, goal_met, goal_value


def _make_samples_module():
    spec = importlib.util.spec_from_file_location("make_samples", samples_dir() / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


MAKE = _make_samples_module()
SLOW = {"digits_cnn", "mnist_two_layer", "mnist_cnn", "california_mlp"}  # seconds to minutes on a busy machine
NAMES = [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in MAKE.SAMPLES]
# samples on data downloaded on request (MNIST, California housing): their goals are checked where the data is downloaded
# (`nnstudio data fetch mnist` / `california_housing`, then `pytest -m slow tests/project/test_samples.py`); everywhere their
# structure is checked on MNIST-shaped digits (test_mnist_samples_train_on_mnist_shaped_data)
DOWNLOADED = {"mnist_two_layer", "mnist_cnn", "california_mlp"}


def test_committed_samples_match_their_source(tmp_path):
    written = MAKE.write_all(tmp_path)
    committed = sorted(p.name for p in samples_dir().glob("*.nnproj"))
    assert committed == sorted(p.name for p in written)
    for path in written:  # compared member by member: deflate output may differ between zlib versions
        assert _members(path) == _members(samples_dir() / path.name), (
            f"{path.name} differs from samples/make_samples.py: rerun python samples/make_samples.py")


@pytest.mark.parametrize("name", list(MAKE.SAMPLES))
def test_sample_is_complete_and_untrained(name):
    from nnstudio.data import DataError
    from nnstudio.data.builtin import is_downloaded

    project = load(samples_dir() / f"{name}.nnproj")
    assert project.title and project.notes.startswith("# ")
    assert project.lesson and "\n" not in project.lesson and len(project.lesson) <= 110
    assert project.goal is not None and project.goal["epochs"] >= 1
    assert project.history is None
    if name in MAKE.HAND_WIRED:  # the hand-chosen weights are the lesson: every node that has weights has them
        assert set(project.weights) == {n for n, p in project.network().get_weights().items() if p}
    else:
        assert project.weights is None
    project.network()  # builds
    source = project.data["source"]
    if name in DOWNLOADED and not is_downloaded(source["name"]):
        with pytest.raises(DataError, match=f"nnstudio data fetch {source['name']}"):  # says how to get it
            project.dataset()
    else:
        assert len(project.dataset()) > 0


@pytest.mark.parametrize("name", NAMES)
def test_training_keeps_the_goal(name, tmp_path, capsys):
    from nnstudio.data.builtin import is_downloaded

    if name in DOWNLOADED and not is_downloaded(load(samples_dir() / f"{name}.nnproj").data["source"]["name"]):
        pytest.skip("its data set is not downloaded here (nnstudio data fetch)")
    path = shutil.copy(samples_dir() / f"{name}.nnproj", tmp_path / f"{name}.nnproj")
    goal = load(path).goal
    assert cli.main(["train", str(path), "--epochs", str(goal["epochs"]), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    history = load(path).history
    value = goal_value(goal["metric"], history)
    assert goal_met(goal, history), f"{name}: promised {describe(goal)}, got {value:.4f}"
    if " - " not in goal["metric"]:
        assert figures[goal["metric"]] == pytest.approx(value)


def test_paired_lessons_differ_as_promised():
    # the deep sigmoid and ReLU/He samples are the same network but for activation and initializer
    sigmoid = load(samples_dir() / "deep_sigmoid.nnproj")
    relu = load(samples_dir() / "deep_relu_he.nnproj")
    assert [n["type"] for n in sigmoid.spec["nodes"]] == [n["type"] for n in relu.spec["nodes"]]
    assert sigmoid.spec["edges"] == relu.spec["edges"] and sigmoid.training == relu.training
    assert sigmoid.data == relu.data


def test_goal_helpers():
    history = {"accuracy": [0.5, 1.0], "val_accuracy": [0.5, 0.75]}
    assert goal_value("accuracy - val_accuracy", history) == 0.25
    assert goal_met({"metric": "accuracy", "at_least": 1.0, "epochs": 2}, history)
    assert not goal_met({"metric": "val_accuracy", "at_least": 0.8, "epochs": 2}, history)
    assert not goal_met({"metric": "val_loss", "at_most": 1.0, "epochs": 2}, history)  # never recorded
    assert describe({"metric": "accuracy", "at_most": 0.75, "epochs": 50}) == "training accuracy at most 75% after 50 epochs"


def _column_spread(kernel):
    """How far the hidden units' weight columns are from the first one, relative to the weights' size."""
    import numpy as np
    return float(np.abs(kernel - kernel[:, :1]).max() / np.abs(kernel).max())


def test_zero_init_units_move_but_stay_identical():
    # identical up to rounding: BLAS kernels round different columns differently, so never compare bitwise
    from nnstudio.project import runner

    project = load(samples_dir() / "zero_init.nnproj")
    runner.train(project, epochs=100)
    kernel = project.weights["h"]["kernel"]
    assert abs(kernel).max() > 0.05  # the weights did learn something...
    assert _column_spread(kernel) < 1e-3  # ...but every hidden unit has the same weights


def test_zero_init_keeps_differences_far_larger_than_rounding_small():
    # The lesson holds on any CPU only if the training damps (or barely grows) a difference between units.
    # Start two units 1e-5 apart, a hundred times more than float32 rounding can put between them.
    import numpy as np

    from nnstudio.project import runner

    prepared = runner.prepare(load(samples_dir() / "zero_init.nnproj"))
    weights = prepared.network.get_weights()
    weights["h"]["kernel"][:, 0] += 1e-5
    prepared.network.set_weights(weights)
    history = prepared.network.fit(prepared.X, prepared.y, **prepared.fit_kwargs)
    kernel = prepared.network.get_weights()["h"]["kernel"]
    assert float(np.abs(kernel[:, 1:] - kernel[:, 1:2]).max()) < 1e-3 * float(np.abs(kernel).max())
    assert float(np.abs(kernel[:, 0] - kernel[:, 1]).max()) < 1e-3
    assert history.history["accuracy"][-1] <= 0.7


def test_deep_sigmoid_gradients_vanish_and_relu_he_gradients_do_not():
    import numpy as np

    from nnstudio.project import runner

    ratios = {}
    for name in ("deep_sigmoid", "deep_relu_he"):
        prepared = runner.prepare(load(samples_dir() / f"{name}.nnproj"))
        _, grads = prepared.network.gradients(prepared.X, prepared.y, prepared.loss)
        first, last = (float(np.abs(grads[n]["kernel"]).mean()) for n in ("h1", "y"))
        ratios[name] = last / first
    assert ratios["deep_sigmoid"] > 1000  # "thousands of times smaller" at the first layer
    assert ratios["deep_relu_he"] < 10


def test_mnist_samples_train_on_mnist_shaped_data(tmp_path, monkeypatch):
    # MNIST itself is not shipped; the 8x8 digits, drawn into MNIST's 28x28 format the way its digits were
    # (20x20 box, centred), stand in for it: the samples build, load their data, split off the official test
    # part and learn
    import gzip

    import numpy as np

    from nnstudio import data
    from nnstudio.data.drawing import DIGIT_FORMATS, to_digit_input
    from nnstudio.project import runner

    from ..data.fixtures_idx import idx_bytes

    digits = data.load_builtin("digits", as_images=True)
    images = np.stack([to_digit_input(im[:, :, 0] / 16.0, DIGIT_FORMATS["mnist"]) for im in digits.X])
    images = np.round(images).astype(np.uint8)
    monkeypatch.setenv("NNSTUDIO_DATA_DIR", str(tmp_path))
    folder = tmp_path / "mnist"
    folder.mkdir()
    parts = {"train": slice(0, 1500), "t10k": slice(1500, None)}
    for prefix, rows in parts.items():
        (folder / f"{prefix}-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images[rows])))
        (folder / f"{prefix}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(digits.y[rows])))
    for name, epochs in (("mnist_two_layer", 80), ("mnist_cnn", 3)):  # MNIST has 40 times more batches
        project = load(samples_dir() / f"{name}.nnproj")
        prepared = runner.prepare(project)
        assert len(prepared.test) == 297 and prepared.X.shape[1:] == (28, 28, 1)
        assert float(prepared.X.max()) <= 1.0  # pixels scaled to [0, 1] as in the course
        history = runner.train(project, epochs=epochs)
        assert history.history["val_accuracy"][-1] > 0.6, name  # far above the 0.1 of guessing


# ---- comparison lessons: claims about several runs of one sample, checked with `nnstudio compare` --------------
def _final(run, key):
    return run.history[key][-1]


def _batch_sizes_hold(by_value, diverged):
    one, mini, whole = by_value[1], by_value[16], by_value[None]
    assert not any(diverged.values())
    # per epoch, more updates go further: 150, 10 and 1 update an epoch
    assert _final(one, "loss") < _final(mini, "loss") < _final(whole, "loss")
    assert _final(whole, "loss") > 0.6 and _final(whole, "val_accuracy") < 0.8      # barely left its start
    assert _final(one, "val_accuracy") >= 0.9
    # per update, the batch run's steps are steady: its loss falls at every epoch (one update each)
    loss = whole.history["loss"]
    assert all(b < a for a, b in zip(loss, loss[1:]))


def _learning_rates_hold(by_value, diverged):
    small, right, large, huge = (by_value[v] for v in (0.01, 0.3, 0.8, 3))
    assert diverged == {0.01: None, 0.3: None, 0.8: None, 3: diverged[3]} and diverged[3]
    assert _final(small, "loss") > 0.3                                        # too small: still far off
    assert _final(right, "val_loss") <= 0.02 and right.history["loss"][5] <= 0.02  # right: there in 5 epochs
    assert large.history["loss"][5] > 3 * right.history["loss"][5]           # too large: zigzags, slower
    assert _final(large, "val_loss") <= 0.02                                  # ... but settles
    assert len(huge.history["loss"]) < 40                                     # diverging: stopped early


COMPARISONS = {
    "gd_batch_sizes": ("training.batch_size", [1, 16, None], _batch_sizes_hold),
    "learning_rates": ("training.optimizer.learning_rate", [0.01, 0.3, 0.8, 3], _learning_rates_hold),
}


@pytest.mark.parametrize("name", sorted(COMPARISONS))
def test_comparison_lessons_keep_their_claims(name, tmp_path, capsys):
    key, values, hold = COMPARISONS[name]
    path = shutil.copy(samples_dir() / f"{name}.nnproj", tmp_path / f"{name}.nnproj")
    text = ",".join("null" if v is None else json.dumps(v) for v in values)
    assert cli.main(["compare", str(path), "--vary", f"{key}={text}", "--json"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    project = load(path)
    by_value = {p["vary"][key]: run for p, run in zip(printed, project.runs)}
    hold(by_value, {p["vary"][key]: p["diverged"] for p in printed})
    notes = project.notes
    assert f"nnstudio compare {name}.nnproj --vary {key}=" in notes.replace("\n", " ")
