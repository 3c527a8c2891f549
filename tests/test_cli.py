"""The nnstudio command: in-process main() for speed, plus subprocess runs of the console script."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import types
import zipfile

import numpy as np
import pytest

from nnstudio import cli
from nnstudio.project import Project, load
from tests.project.test_runner import _dense, xor_project


@pytest.fixture
def xor_file(tmp_path):
    return xor_project().save(tmp_path / "xor.nnproj")


@pytest.fixture
def iris_file(tmp_path):
    project = Project.new("Iris")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4]}},
                              _dense("h", 8, "relu"), _dense("y", 3, "softmax")],
                    "edges": [["x", "h"], ["h", "y"]]}
    project.data["source"] = {"kind": "builtin", "name": "iris", "as_images": False}
    project.data["split"] = {"val": 0.2, "test": 0.1, "seed": 0, "stratify": True}
    project.training.update(epochs=3, batch_size=16)
    return project.save(tmp_path / "iris.nnproj")


@pytest.fixture
def houses_file(tmp_path):
    project = Project.new("Houses")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}}, _dense("y", 1, "linear")],
                    "edges": [["x", "y"]]}
    project.data["source"] = {"kind": "generator", "name": "house_prices", "params": {}, "seed": 0}
    project.training.update(epochs=3, batch_size=5)
    return project.save(tmp_path / "houses.nnproj")


def _one_error_line(capsys):
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("nnstudio: error: ")
    return err


def test_train_json_figures_and_saves_in_place(xor_file, capsys):
    assert cli.main(["train", str(xor_file), "--json"]) == 0
    captured = capsys.readouterr()
    figures = json.loads(captured.out)
    assert captured.err == ""  # not a terminal: no progress bar
    assert figures["epochs"] == 200 and figures["accuracy"] == 1.0 and figures["val_loss"] is None
    assert figures["loss"] < 0.05 and figures["steps"] == 200 and figures["steps_per_s"] > 0
    assert figures["seconds"] > 0 and figures["output"] == str(xor_file)
    # training alone (what the window's report times) excludes loading the data and building the network
    assert 0 < figures["fit_seconds"] < figures["seconds"]
    assert figures["fit_steps_per_s"] == pytest.approx(200 / figures["fit_seconds"])
    trained = load(xor_file)
    assert trained.weights is not None and len(trained.history["loss"]) == 200


def test_train_to_another_file_continues_numbering(xor_file, tmp_path, capsys):
    out = tmp_path / "trained.nnproj"
    assert cli.main(["train", str(xor_file), "--epochs", "7", "--seed", "3", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Trained 7 epochs in ") and f"Saved {out}" in text
    assert load(xor_file).weights is None  # the original stays untrained
    assert cli.main(["train", str(out), "--epochs", "3", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["epochs"] == 3 and figures["total_epochs"] == 10


def test_train_in_two_runs_equals_one_run(iris_file, tmp_path, capsys):
    straight = tmp_path / "straight.nnproj"
    assert cli.main(["train", str(iris_file), "--epochs", "5", "--out", str(straight)]) == 0
    assert cli.main(["train", str(iris_file), "--epochs", "3"]) == 0
    assert cli.main(["train", str(iris_file), "--epochs", "2"]) == 0
    a, b = load(straight), load(iris_file)
    assert a.history == b.history and len(b.history["loss"]) == 5
    for nid in a.weights:
        for param in a.weights[nid]:
            np.testing.assert_array_equal(a.weights[nid][param], b.weights[nid][param])


def test_train_progress_bar_on_a_terminal(xor_file, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["train", str(xor_file), "--epochs", "5"]) == 0
    bar = terminal.getvalue()
    assert "\repoch 5/5 [" in bar and "loss " in bar and "accuracy " in bar and "ETA " in bar
    assert bar.endswith("\n")


def test_train_regression_reports_mae_and_r2(houses_file, capsys):
    assert cli.main(["train", str(houses_file), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {"mae", "r2", "val_mae", "val_r2", "val_loss"} <= set(figures) and "accuracy" not in figures


def test_train_says_when_its_errors_are_on_a_scaled_target(houses_file, capsys):
    assert cli.main(["train", str(houses_file)]) == 0
    assert "scaled target" not in capsys.readouterr().out        # errors in the target's units already
    project = load(houses_file)
    project.data["preprocessing"]["scale_target"] = True
    project.save(houses_file)
    assert cli.main(["train", str(houses_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("mae and rmse are on the scaled target") and "nnstudio evaluate" in out[1]


def test_evaluate_text_and_json(iris_file, capsys):
    assert cli.main(["train", str(iris_file)]) == 0
    capsys.readouterr()
    assert cli.main(["evaluate", str(iris_file), "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results["trained"] and results["epochs"] == 3
    assert [results[p]["samples"] for p in ("train", "val", "test")] == [105, 30, 15]
    assert 0.0 <= results["val"]["accuracy"] <= 1.0
    assert cli.main(["evaluate", str(iris_file)]) == 0
    text = capsys.readouterr().out
    assert "Iris: trained for 3 epochs" in text and "  val       30 samples  loss " in text


def test_predict_classification_writes_labels_and_probabilities(iris_file, tmp_path, capsys):
    cli.main(["train", str(iris_file)])
    project = load(iris_file)
    ds = project.dataset()
    inputs = tmp_path / "new.csv"
    with open(inputs, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["extra"] + list(reversed(project.feature_names)))  # order and extras do not matter
        for row in ds.X[:5]:
            writer.writerow(["?"] + [repr(float(v)) for v in reversed(row)])
    out = tmp_path / "preds.csv"
    assert cli.main(["predict", str(iris_file), "--input", str(inputs), "--output", str(out)]) == 0
    assert "Wrote 5 predictions" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["prediction"] + [f"probability_{c}" for c in project.class_names]
    net = project.network()
    from nnstudio.data import Preprocessor
    probs = net.predict(Preprocessor.from_config(project.data["preprocessing"]["fitted"]).transform_X(ds.X[:5]))
    for row, p in zip(rows[1:], probs):
        assert row[0] == project.class_names[int(np.argmax(p))]
        np.testing.assert_allclose([float(v) for v in row[1:]], p, rtol=1e-5)


def test_predict_regression_in_original_units(houses_file, tmp_path):
    cli.main(["train", str(houses_file), "--epochs", "2"])
    project = load(houses_file)
    inputs = tmp_path / "houses.csv"
    inputs.write_text(",".join(project.feature_names) + "\n100,3\n60,2\n")
    out = tmp_path / "preds.csv"
    assert cli.main(["predict", str(houses_file), "--input", str(inputs), "--output", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["prediction"] and len(rows) == 3
    from nnstudio.data import Preprocessor
    pre = Preprocessor.from_config(project.data["preprocessing"]["fitted"])
    expected = project.network().predict(pre.transform_X(np.array([[100.0, 3.0], [60.0, 2.0]])))
    np.testing.assert_allclose([float(r[0]) for r in rows[1:]], expected.ravel(), rtol=1e-5)


def test_predict_errors(xor_file, tmp_path, capsys):
    inputs = tmp_path / "in.csv"
    inputs.write_text("x1,x2\n1,0\n")
    out = tmp_path / "out.csv"
    assert cli.main(["predict", str(xor_file), "--input", str(inputs), "--output", str(out)]) == 2
    assert "is not trained yet: run 'nnstudio train" in _one_error_line(capsys)
    cli.main(["train", str(xor_file), "--epochs", "2"])
    capsys.readouterr()
    inputs.write_text("x1,width\n1,0\n")
    assert cli.main(["predict", str(xor_file), "--input", str(inputs), "--output", str(out)]) == 2
    assert "the column 'x2' the network was trained on is missing" in _one_error_line(capsys)
    inputs.write_text("x1,x2\n1,0\n0,abc\n")
    assert cli.main(["predict", str(xor_file), "--input", str(inputs), "--output", str(out)]) == 2
    assert f"{inputs}, row 3, column 'x2': 'abc' is not a number." in _one_error_line(capsys)
    assert not out.exists()


def test_predict_a_csv_project_with_a_text_feature(tmp_path, capsys):
    table = tmp_path / "fruit.csv"  # beside the project: the path is resolved from the project's folder
    table.write_text("weight,colour,fruit\n" + "".join(f"{w},{c},{f}\n" for w, c, f in [
        (150, "red", "apple"), (120, "yellow", "banana"), (160, "green", "apple"), (110, "yellow", "banana"),
        (140, "red", "apple"), (130, "green", "banana")]))
    project = Project.new("Fruit")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4]}}, _dense("y", 1, "sigmoid")],
                    "edges": [["x", "y"]]}
    project.data["source"] = {"kind": "csv", "path": "fruit.csv", "options": {"target": "fruit"}}
    project.path = tmp_path / "fruit.nnproj"
    project.data["source"] = {**project.dataset().source, "path": "fruit.csv"}
    project.data["split"]["val"] = 0.0
    project.training.update(epochs=5, batch_size=2)
    path = project.save()
    assert cli.main(["train", str(path), "--json"]) == 0
    capsys.readouterr()
    inputs, out = tmp_path / "new.csv", tmp_path / "out.csv"
    inputs.write_text("colour,weight\nyellow,115\nred,150\n")
    assert cli.main(["predict", str(path), "--input", str(inputs), "--output", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["prediction", "probability_apple", "probability_banana"] and len(rows) == 3
    inputs.write_text("colour,weight\nyellow,115\nblue,150\n")
    assert cli.main(["predict", str(path), "--input", str(inputs), "--output", str(out)]) == 2
    assert _one_error_line(capsys) == (f"nnstudio: error: {inputs}, row 3, column 'colour': 'blue' is not one of "
                                       f"the categories the network was trained on ('green', 'red', "
                                       f"'yellow').\n")


def test_summary_gradcheck_validate(xor_file, capsys):
    assert cli.main(["summary", str(xor_file)]) == 0
    out = capsys.readouterr().out
    assert "h (Dense)" in out and "Total params: 41" in out
    assert cli.main(["gradcheck", str(xor_file)]) == 0
    out = capsys.readouterr().out
    assert out.count(" ok\n") == 4 and "4 tensors checked on 4 samples in float64" in out
    assert cli.main(["validate", str(xor_file)]) == 0
    assert capsys.readouterr().out == f"ok: {xor_file}: 'XOR', 3 nodes, 41 parameters, untrained\n"


def test_gradcheck_mismatch_exits_1(xor_file, capsys, monkeypatch):
    from nnstudio.engine.gradcheck import TensorCheck

    gradcheck_module = sys.modules["nnstudio.engine.gradcheck"]
    monkeypatch.setattr(gradcheck_module, "check", lambda *a, **k: {"h/kernel": TensorCheck(0.3, 0, 20),
                                                                     "h/bias": TensorCheck(1e-9, 0, 10)})
    assert cli.main(["gradcheck", str(xor_file)]) == 1
    assert "h/kernel  max relative error 3.00e-01  MISMATCH" in capsys.readouterr().out


def test_gradcheck_explains_relu_kinks_instead_of_a_mismatch(tmp_path, capsys):
    # Regression (#13 item 7): the digits CNN's conv bias read "MISMATCH 1.31e-01": blank pixels and a zero
    # bias put its ReLU inputs at exactly 0, where the slope jumps.
    project = Project.new("CNN")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [8, 8, 1]}},
                              {"id": "c", "type": "Conv2D", "params": {"filters": 4, "kernel_size": 3,
                                                                       "activation": "relu", "padding": "same"}},
                              {"id": "p", "type": "MaxPooling2D", "params": {"pool_size": 2}},
                              {"id": "f", "type": "Flatten", "params": {}}, _dense("y", 10, "softmax")],
                    "edges": [["x", "c"], ["c", "p"], ["p", "f"], ["f", "y"]]}
    project.data["source"] = {"kind": "builtin", "name": "digits", "as_images": True}
    project.data["preprocessing"] = {"scale": None}     # blank pixels stay exactly 0
    path = project.save(tmp_path / "cnn.nnproj")
    assert cli.main(["gradcheck", str(path)]) == 0
    out = capsys.readouterr().out
    assert "MISMATCH" not in out
    assert re.search(r"^c/bias +max relative error \S+  ok  \(\d+ of 4 at a kink, skipped\)$", out, re.M)
    assert "a ReLU input at exactly 0" in out


def test_gradcheck_of_the_digits_cnn_sample_passes(tmp_path, capsys):
    from nnstudio.paths import samples_dir

    path = shutil.copy(samples_dir() / "digits_cnn.nnproj", tmp_path / "cnn.nnproj")
    assert cli.main(["gradcheck", str(path)]) == 0
    assert "MISMATCH" not in capsys.readouterr().out


def test_validate_reports_an_unbuildable_network(tmp_path, capsys):
    project = Project.new("Broken")
    project.spec["nodes"].append(_dense("y", 0, "relu"))
    project.spec["edges"].append(["input", "y"])
    path = project.save(tmp_path / "broken.nnproj")
    assert cli.main(["validate", str(path)]) == 2
    err = _one_error_line(capsys)
    assert "is a readable project, but its network has 1 problem(s)" in err


@pytest.mark.parametrize("argv, phrase", [
    (["train", "missing.nnproj"], "Cannot open missing.nnproj: the file does not exist."),
    (["train"], "the following arguments are required: project"),
    (["train", "x.nnproj", "--epochs", "many"], "argument --epochs: invalid int value: 'many'"),
    (["bogus"], "invalid choice: 'bogus'"),
    (["export", "x.nnproj", "--format", "tflite", "--output", "m"], "invalid choice: 'tflite'"),
    (["--json"], "unrecognized arguments: --json"),
])
def test_errors_are_one_line_and_exit_2(argv, phrase, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    assert phrase in _one_error_line(capsys)


def test_bad_epochs_and_project_file_errors(xor_file, tmp_path, capsys):
    assert cli.main(["train", str(xor_file), "--epochs", "0"]) == 2
    assert "--epochs must be at least 1, not 0" in _one_error_line(capsys)
    bad = tmp_path / "bad.nnproj"
    bad.write_text("not a zip")
    assert cli.main(["validate", str(bad)]) == 2
    assert f"Cannot open {bad}: it is not a zip archive" in _one_error_line(capsys)


def test_help_and_version_exit_0(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    # every command is listed, the app's own too (#13 item 7: `gui` was missing)
    for name in ("gui", "train", "evaluate", "predict", "summary", "gradcheck", "validate", "export"):
        assert re.search(rf"^    {name}\b", out, re.M), name
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("nnstudio ")


@pytest.mark.parametrize("argv, forwarded", [
    ([], []),
    (["lesson.nnproj"], ["lesson.nnproj"]),
    (["lesson.nnproj", "--train"], ["lesson.nnproj", "--train"]),
    (["gui", "--train", "--epochs", "5", "x.nnproj"], ["--train", "--epochs", "5", "x.nnproj"]),
])
def test_gui_dispatch(argv, forwarded, monkeypatch):
    calls = []
    app = types.ModuleType("nnstudio.gui.app")
    app.main = lambda args: calls.append(list(args)) or 0
    gui = types.ModuleType("nnstudio.gui")
    gui.app = app
    monkeypatch.setitem(sys.modules, "nnstudio.gui", gui)
    monkeypatch.setitem(sys.modules, "nnstudio.gui.app", app)
    assert cli.main(argv) == 0
    assert calls == [forwarded]


def test_export_npz(xor_file, tmp_path, capsys):
    export = pytest.importorskip("nnstudio.export")
    if not hasattr(export, "export_project"):
        pytest.skip("nnstudio.export has no export_project yet")
    out = tmp_path / "weights.npz"
    assert cli.main(["export", str(xor_file), "--format", "npz", "--output", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    arrays = np.load(out, allow_pickle=False)
    assert set(arrays.files) == {"h/kernel", "h/bias", "y/kernel", "y/bias"}


def test_export_without_onnx_says_how_to_install_it(xor_file, tmp_path, capsys, monkeypatch):
    # Regression (#13 item 7): the hint named only `pip install 'nnstudio[onnx]'`, a registry package,
    # which does not work from a source checkout.
    monkeypatch.setitem(sys.modules, "onnx", None)  # as if the optional extra were not installed
    assert cli.main(["export", str(xor_file), "--format", "onnx", "--output", str(tmp_path / "m.onnx")]) == 2
    line = _one_error_line(capsys)
    assert "pip install onnx " in line and 'pip install -e ".[onnx]"' in line
    assert "nnstudio[onnx]" not in line


def test_export_keras_file(xor_file, tmp_path, capsys):
    pytest.importorskip("h5py")
    out = tmp_path / "xor.keras"
    assert cli.main(["export", str(xor_file), "--format", "keras_file", "--output", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["config.json", "metadata.json", "model.weights.h5"]


def test_export_keras_file_without_h5py_says_how_to_install_it(xor_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "h5py", None)
    assert cli.main(["export", str(xor_file), "--format", "keras_file", "--output", str(tmp_path / "m.keras")]) == 2
    line = _one_error_line(capsys)
    assert "pip install h5py " in line and 'pip install -e ".[keras]"' in line


def _console_script():
    script = shutil.which("nnstudio")
    if script is None:
        pytest.skip("the nnstudio console script is not installed (pip install -e .)")
    return script


def test_console_script_validate_and_error(xor_file, tmp_path):
    script = _console_script()
    ok = subprocess.run([script, "validate", str(xor_file)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ")
    bad = subprocess.run([script, "train", str(tmp_path / "nope.nnproj")], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == f"nnstudio: error: Cannot open {tmp_path / 'nope.nnproj'}: the file does not exist.\n"


def test_console_script_stays_qt_free(xor_file):
    code = ("import sys\nfrom nnstudio.cli import main\n"
            f"rc = main(['summary', {str(xor_file)!r}])\n"
            "assert not [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')]\n"
            "sys.exit(rc)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_predict_images_takes_one_column_per_pixel(tmp_path, capsys):
    from nnstudio.data import load_builtin
    from nnstudio.paths import samples_dir

    path = shutil.copy(samples_dir() / "digits_cnn.nnproj", tmp_path / "cnn.nnproj")
    assert cli.main(["train", str(path), "--epochs", "1"]) == 0
    assert "Trained 1 epoch in " in capsys.readouterr().out      # one epoch, in the singular
    images = load_builtin("digits", as_images=True).X[:3]
    inputs = tmp_path / "pixels.csv"
    inputs.write_text(",".join(f"p{i}" for i in range(64)) + "\n"
                      + "\n".join(",".join(str(v) for v in img.ravel()) for img in images) + "\n")
    out = tmp_path / "digits.csv"
    assert cli.main(["predict", str(path), "--input", str(inputs), "--output", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert len(rows) == 4 and len(rows[0]) == 11 and rows[0][0] == "prediction"
    assert all(abs(sum(float(v) for v in row[1:]) - 1.0) < 1e-4 for row in rows[1:])
    inputs.write_text("a,b\n1,2\n")
    capsys.readouterr()
    assert cli.main(["predict", str(path), "--input", str(inputs), "--output", str(out)]) == 2
    assert "the network takes 64 values per sample but the header has 2 columns" in _one_error_line(capsys)


def test_gradcheck_refuses_non_differentiable_activations(tmp_path, capsys):
    from nnstudio.paths import samples_dir

    path = shutil.copy(samples_dir() / "perceptron_and.nnproj", tmp_path / "and.nnproj")
    assert cli.main(["gradcheck", str(path)]) == 2
    assert "node 'y' uses the 'step' activation, which has no gradient" in _one_error_line(capsys)


def test_ctrl_c_stops_after_the_batch_and_saves(xor_file, capsys, monkeypatch):
    import os
    import signal

    from nnstudio.project import runner

    real_train = runner.train

    class CtrlC:
        def on_batch_end(self, net, logs):
            if logs["step"] == 4:
                os.kill(os.getpid(), signal.SIGINT)  # what pressing Ctrl-C does, delivered to our handler

    def train(project, epochs=None, seed=None, callbacks=()):
        return real_train(project, epochs=epochs, seed=seed, callbacks=[CtrlC(), *callbacks])

    monkeypatch.setattr(runner, "train", train)
    handler = signal.getsignal(signal.SIGINT)
    assert cli.main(["train", str(xor_file), "--json"]) == 130
    figures = json.loads(capsys.readouterr().out)
    assert figures["interrupted"] is True and figures["epochs"] == 5
    assert len(load(xor_file).history["loss"]) == 5  # the work so far was saved
    assert signal.getsignal(signal.SIGINT) is handler  # the previous handler was restored


def test_divergence_is_one_line_exit_1_and_leaves_the_file(houses_file, capsys):
    project = load(houses_file)
    project.data["preprocessing"]["scale"] = None
    project.training.update(optimizer={"name": "sgd", "learning_rate": 1.0}, batch_size=20)
    project.save()
    before = houses_file.read_bytes()
    assert cli.main(["train", str(houses_file), "--epochs", "50"]) == 1
    assert "Training diverged in epoch" in _one_error_line(capsys)
    assert houses_file.read_bytes() == before
