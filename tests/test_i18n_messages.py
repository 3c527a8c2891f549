"""Messages of the Qt-free parts under zh_CN hold no English piece: each case below makes one error (CSV cells,
columns and encodings, time series, opening projects, layer parameters of every type, weights that do not
fit, the perceptron rule, export refusals, losses and optimizers, downloads, --vary, weight edits, the
optimizer playground) and its sentence may keep only identifiers, the file's own names
and the values the user typed."""

from __future__ import annotations

import errno
import http.client
import io
import json
import os
import socket
import urllib.error
import urllib.request
import zipfile
from http import HTTPStatus
from pathlib import Path

import numpy as np
import pytest

from nnstudio import data, i18n
from nnstudio.data import network_fit, remote
from nnstudio.data.cache import dataset_dir
from nnstudio.data.csv_import import load_csv
from nnstudio.data.errors import DataError
from nnstudio.data.timeseries import load_timeseries
from nnstudio.document import sklearn_recipe
from nnstudio.engine import activations, initializers, layers, losses, optimizers, surfaces
from nnstudio.engine.errors import SpecError
from nnstudio.engine.network import Network
from nnstudio.engine.spec import analyze
from nnstudio.engine.trace import preview_update
from nnstudio.engine.training import fit
from nnstudio.export import FORMATS, export_network, keras
from nnstudio.project import Project, compare, load, weight_edits
from nnstudio.project.errors import ProjectError
from nnstudio.project.fit import checked

from .data.fixtures_idx import mnist_like, sha256
from .data.test_remote import _Server
from .english_words import english, identifiers

# the names the cases' files and networks use, what a user typed as a wrong value, the option values and
# project.json field names a message quotes (missing='drop'; spec.nodes) and the export formats' names
NAMES = {"missing", "drop", "mean", "spec", "nodes", "edges", "model", "keras_file", "keras_weights", "pytorch",
         "keras", "npy", "age", "price", "rooms", "nope", "twelve", "bogus", "csv", "nnproj", "npz", "json",
         "project", "weights", "history", "d", "k", "kernel", "bias", "h", "x", "y", "c", "xy", "bad", "t", "value",
         "run", "format", "name", "txt", "onnx", "py", "Keras", "PyTorch", "sum_squared_error"}


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _csv(tmp_path: Path, text: str | bytes, name: str = "age.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


CSV = "age,rooms,price\n1,2,3\n4,5,6\n7,8,9\n"
CSV_CASES = {
    "text cell": ("age,price\n1,2\ntwelve,3\n", {}),
    "not finite": ("age,price\n1,2\n1e999,3\n", {}),
    "missing cell": ("age,price\n1,2\n,3\n", {}),
    "ragged row": ("age,price\n1,2\n3\n4,5\n", {}),
    "bad encoding": (b"age,price\n1,2\n\xff\xfe,3\n", {"encoding": "utf-8"}),
    "no such target": (CSV, {"target": "nope"}),
    "no such target number": (CSV, {"target": 9}),
    "target of wrong type": (CSV, {"target": 1.5}),
    "no such feature": (CSV, {"features": ["nope"]}),
    "no such feature number": (CSV, {"features": [9]}),
    "feature of wrong type": (CSV, {"features": [1.5]}),
    "empty": ("", {}),
}
SERIES = "t,value\n1,2\n2,3\n3,4\n4,5\n5,6\n"
SERIES_CASES = {
    "no such column": (SERIES, {"columns": "nope"}),
    "no such column number": (SERIES, {"columns": 9}),
    "no such target": (SERIES, {"target": "nope"}),
    "no such target number": (SERIES, {"target": 9}),
    "column twice": (SERIES, {"columns": ["value", "value"]}),
    "no column": (SERIES, {"columns": []}),
    "column of wrong type": (SERIES, {"columns": [1.5]}),
    "text cell": ("t,value\n1,2\n2,twelve\n3,4\n", {}),
    "missing cell": ("t,value\n1,2\n2,\n3,4\n", {}),
    "too short": (SERIES, {"window": 10}),
    "bad window": (SERIES, {"window": 0}),
}


def _message(call) -> str:
    with pytest.raises((DataError, ProjectError, SpecError)) as caught:
        call()
    return str(caught.value)


def _check(message: str, *extra: str) -> None:
    assert english([message], identifiers() | NAMES | set(extra)) == [], message


@pytest.mark.parametrize("case", CSV_CASES)
def test_csv_errors(chinese, tmp_path, case):
    text, options = CSV_CASES[case]
    _check(_message(lambda: load_csv(_csv(tmp_path, text), **options)))


@pytest.mark.parametrize("case", SERIES_CASES)
def test_time_series_errors(chinese, tmp_path, case):
    text, options = SERIES_CASES[case]
    _check(_message(lambda: load_timeseries(_csv(tmp_path, text, "t.csv"), **options)))


def _zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path


def _project_json(spec: dict, **extra) -> str:
    doc = Project.new("x").project_json()
    doc["spec"] = spec
    return json.dumps({**doc, **extra})


DENSE = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                   {"id": "d", "type": "Dense", "params": {"units": 3}}], "edges": [["x", "d"]]}
PROJECT_CASES = {
    "missing": lambda p: p / "bad.nnproj",
    "folder": lambda p: p,
    "not a zip": lambda p: _csv(p, b"PK\x03\x04 damaged", "bad.nnproj"),
    "no project.json": lambda p: _zip(p / "bad.nnproj", {"x.txt": "x"}),
    "bad json": lambda p: _zip(p / "bad.nnproj", {"project.json": "{"}),
    "json not an object": lambda p: _zip(p / "bad.nnproj", {"project.json": "[]"}),
    "node twice": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(
        {"nodes": [DENSE["nodes"][0], DENSE["nodes"][0]], "edges": []})}),
    "unknown edge end": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(
        {"nodes": DENSE["nodes"], "edges": [["x", "y"]]})}),
    "wrong type": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json({"nodes": "x", "edges": []})}),
    "missing field": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json({"nodes": []})}),
    "unknown field": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(DENSE, bogus=1)}),
    "not UTF-8": lambda p: _zip(p / "bad.nnproj", {"project.json": b"\xff\xfe"}),
    "member twice": lambda p: _zip(p / "bad.nnproj", {"project.json": "{}", "../x": "x"}),
    "weights not npy": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(DENSE),
                                                         "weights.npz": _npz({"d/kernel.txt": b"x"})}),
}


def _npz(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("case", PROJECT_CASES)
def test_project_open_errors(chinese, tmp_path, case):
    path = PROJECT_CASES[case](tmp_path)
    message = _message(lambda: load(path)).replace(str(path), "")
    # the JSON parser's own words stay as Python gives them (like a file's name): they follow the line and column
    _check(message.split("：", 2)[0] + message.split("：", 2)[1] if case == "bad json" else message)


WEIGHTS = {
    "wrong shape": {"d": {"kernel": np.zeros((5, 3)), "bias": np.zeros(3)}},
    "extra node": {"h": {"kernel": np.zeros((2, 3))}},
    "extra array": {"d": {"kernel": np.zeros((2, 3)), "bias": np.zeros(3), "gamma": np.zeros(3)}},
    "missing array": {"d": {"kernel": np.zeros((2, 3))}},
}


@pytest.mark.parametrize("verb", ["open", "save"])
@pytest.mark.parametrize("case", WEIGHTS)
def test_weights_that_do_not_fit(chinese, case, verb):
    _check(_message(lambda: checked(WEIGHTS[case], DENSE, "x.nnproj", None, verb)), "gamma")


def _bad_param_specs():
    """Each layer type after an Input, with each of its parameters given a value of the wrong kind."""
    for type_name in layers.names():
        if type_name == "Input":
            continue
        for param in layers.get(type_name).PARAMS:
            for value in ("bogus", -3):
                yield pytest.param(type_name, param.name, value, id=f"{type_name}-{param.name}-{value}")


@pytest.mark.parametrize("type_name, param, value", list(_bad_param_specs()))
def test_layer_parameter_errors(chinese, type_name, param, value):
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4, 4, 2]}},
                      {"id": "k", "type": type_name, "params": {param: value}}], "edges": [["x", "k"]]}
    for error in analyze(spec).errors:
        _check(str(error), type_name, param)


def test_perceptron_rule_refuses_a_deeper_network(chinese):
    spec = {"nodes": [*DENSE["nodes"], {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
            "edges": [*DENSE["edges"], ["d", "y"]]}
    net = Network.from_config(spec)
    X, y = np.zeros((4, 2)), np.zeros((4, 1))
    _check(_message(lambda: fit(net, X, y, "mse", "perceptron", epochs=1)), "perceptron")


def _export(tmp_path, fmt="npz", weights=None, output=None, training=None):
    return lambda: export_network(DENSE, weights, fmt, tmp_path if output is None else tmp_path / output, training)


EXPORT_CASES = {
    "weights lack a node": lambda p: _export(p, weights={}),
    "weights lack an array": lambda p: _export(p, weights={"d": {"kernel": np.zeros((2, 3))}}),
    "weight of wrong shape": lambda p: _export(p, weights={"d": {"kernel": np.zeros((5, 3)), "bias": np.zeros(3)}}),
    "weight not finite": lambda p: _export(p, weights={"d": {"kernel": np.full((2, 3), np.nan), "bias": np.zeros(3)}}),
    "wrong suffix": lambda p: _export(p, "onnx", output="model.txt"),
    "no such folder": lambda p: _export(p, "onnx", output="nope/model.onnx"),
    "unknown format": lambda p: _export(p, "bogus"),
    "loss without Keras": lambda p: _export(p, "keras", training={"loss": "sum_squared_error"}),
}


@pytest.mark.parametrize("case", EXPORT_CASES)
def test_export_refusals(chinese, tmp_path, case):
    call = EXPORT_CASES[case](tmp_path)
    with pytest.raises((SpecError, ValueError)) as caught:
        call()
    _check(str(caught.value).replace(str(tmp_path), ""), "gamma")


def test_export_refuses_a_layer_without_writer(chinese, tmp_path, monkeypatch):
    monkeypatch.delitem(keras.WRITERS, "Dense")
    with pytest.raises(SpecError) as caught:
        _export(tmp_path, "keras")()
    _check(str(caught.value))


def test_csv_cell_error_is_one_chinese_sentence(chinese, tmp_path):
    message = _message(lambda: load_csv(_csv(tmp_path, CSV_CASES["text cell"][0])))
    assert message == "age.csv，第 3 行，第 'age' (1) 列：'twelve' 不是数字；请改正这个单元格，或者清空它，让它成为缺失值。"


# what the descriptions' formulas are written with: functions, symbols, parameters and the torch calls named
FORMULA = {"a", "z", "exp", "log", "erf", "sqrt", "max", "relu6", "Phi", "beta", "alpha", "threshold", "scale",
           "sum_j", "z_i", "a_i", "z_j", "gain", "fan", "fan_in", "fan_out", "mean", "stddev", "minval", "maxval",
           "value", "normal", "torch", "nn", "Linear", "Conv2d", "init", "kaiming_normal_", "kaiming_uniform_",
           "xavier_normal_", "xavier_uniform_", "kaiming_uniform", "Hardsigmoid", "CELU", "Kaiming", "silu"}


@pytest.mark.parametrize("family", [activations, initializers], ids=["activations", "initializers"])
def test_activation_and_initializer_descriptions_in_chinese(chinese, family):
    """What the activation explorer and the inspector show beside a name: words translated, formulas kept."""
    texts = [i18n._(family.get(name).description) for name in family.names()]
    assert all(texts)
    assert english(texts, identifiers() | FORMULA) == []


TASK_CSV = {"regression": ("age,rooms,price\n1,2,3.5\n4,5,6.5\n7,8,9.5\n", "price"),
            "binary": ("age,rooms,price\n1,2,0\n4,5,1\n7,8,0\n", "price"),
            "multiclass": ("age,rooms,price\n1,2,x\n4,5,y\n7,8,t\n", "price"),
            "multilabel": ("age,rooms,price\n1,0,1\n4,1,0\n7,1,1\n", ["rooms", "price"])}


@pytest.mark.parametrize("task", TASK_CSV)
def test_network_fit_sentences(chinese, tmp_path, task):
    """What the data panel and the Problems list say when the network's ends or the loss do not suit the data,
    and the sentence after adapting it."""
    text, target = TASK_CSV[task]
    ds = load_csv(_csv(tmp_path, text), target=target)
    said = []
    for act in ("linear", "relu", "sigmoid", "softmax", "hard_sigmoid", "step"):
        for units in (1, 7):
            for loss in ("mse", "binary_crossentropy", "categorical_crossentropy"):
                spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [5]}},
                                  {"id": "y", "type": "Dense", "params": {"units": units, "activation": act}}],
                        "edges": [["x", "y"]]}
                fit = network_fit.check(spec, ds, loss)
                said += [*fit.sentences, fit.summary()]
    assert len(said) > 36
    _check(" ".join(said))


@pytest.mark.parametrize("shape", [[6], [4, 4, 2]], ids=["vector", "image"])
@pytest.mark.parametrize("type_name", ["SimpleRNN", "LSTM", "GRU"])
def test_recurrent_layer_on_a_non_sequence(chinese, type_name, shape):
    """The sentence says which Reshape to add, in Chinese."""
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": shape}},
                      {"id": "k", "type": type_name, "params": {"units": 3}}], "edges": [["x", "k"]]}
    errors = [str(e) for e in analyze(spec).errors]
    assert errors and all("Reshape" in e for e in errors)
    for error in errors:   # (timesteps, features): the shape as Keras's documentation writes it
        _check(error, type_name, "Reshape", "timesteps", "features")


def _raised(call, kinds=(ValueError, RuntimeError)) -> str:
    with pytest.raises(kinds) as caught:
        call()
    return str(caught.value)


P3 = np.full((2, 3), 1 / 3)
LOSS_CASES = {
    "no fused form": lambda: losses.get("mse").from_logits("sigmoid", np.zeros((2, 1)), np.zeros((2, 1))),
    "sequence output": lambda: losses.get("mse")(np.zeros((2, 3, 1)), np.zeros((2, 1))),
    "targets of wrong shape": lambda: losses.get("mse")(np.zeros((2, 2)), np.zeros((3, 2))),
    "outputs not a matrix": lambda: losses.get("categorical_crossentropy")(np.zeros(3), np.zeros(3)),
    "not probabilities": lambda: losses.get("binary_crossentropy")(np.full((2, 1), 2.0), np.zeros((2, 1))),
    "class indices for one-hot": lambda: losses.get("categorical_crossentropy")(P3, np.zeros(2)),
    "sparse targets of wrong shape": lambda: losses.get("sparse_categorical_crossentropy")(P3, np.zeros(3)),
    "sparse targets not integers": lambda: losses.get("sparse_categorical_crossentropy")(P3, np.array([0.5, 1])),
    "sparse target out of range": lambda: losses.get("sparse_categorical_crossentropy")(P3, np.array([0, 5])),
    "unknown task": lambda: losses.default_for("bogus", None),
    "no such parameter": lambda: losses.get({"name": "mse", "bogus": 1}),
    "parameter of wrong type": lambda: losses.get({"name": "huber", "delta": "bogus"}),
}


@pytest.mark.parametrize("case", LOSS_CASES)
def test_loss_errors(chinese, case):
    # the tasks' and the losses' parameters' names are what the code and the project file say
    _check(_raised(LOSS_CASES[case], (ValueError, SpecError)), "float64", "N", "binary", "multiclass", "regression",
           "delta")


def _lbfgs_without_gradient():
    opt = optimizers.get("lbfgs")
    opt.step({"w": np.zeros(2)}, closure=lambda: (0.0, {}))


OPTIMIZER_CASES = {
    "gradient of wrong shape": lambda: optimizers.get("sgd").step({"w": np.zeros(3)}, {"w": np.zeros(2)}),
    "state of another optimizer": lambda: optimizers.get("sgd").load_state_dict({"name": "adam"}),
    "state of another optimizer into lbfgs": lambda: optimizers.get("lbfgs").load_state_dict({"name": "adam"}),
    "lbfgs without closure": lambda: optimizers.get("lbfgs").step({"w": np.zeros(2)}, None),
    "lbfgs closure without gradient": _lbfgs_without_gradient,
    "perceptron step": lambda: optimizers.get("perceptron").step({}, {}),
    "no such parameter": lambda: optimizers.get({"name": "adam", "bogus": 1}),
    "parameter of wrong type": lambda: optimizers.get({"name": "adam", "learning_rate": "bogus"}),
    "per-sample rule on a surface": lambda: surfaces.Walker(surfaces.SURFACES["bowl"], (1, 1), "perceptron"),
    "update preview of lbfgs": lambda: preview_update(None, None, "lbfgs"),
}


@pytest.mark.parametrize("case", OPTIMIZER_CASES)
def test_optimizer_errors(chinese, case):
    _check(_raised(OPTIMIZER_CASES[case], (ValueError, RuntimeError, SpecError)), "w", "step", "closure",
           "grads")


def test_a_layer_without_parameters_says_so_in_chinese(chinese):
    spec = {"nodes": [DENSE["nodes"][0], {"id": "k", "type": "Flatten", "params": {"bogus": 1}}],
            "edges": [["x", "k"]]}
    errors = [str(e) for e in analyze(spec).errors]
    assert errors
    _check(" ".join(errors))


# what the playground's user typed, and the names a function may use
EXPRESSIONS = {"too long": "x0 + " * 50 + "1", "unreadable": "x0 +* 2", "unknown name": "x0 + bogus",
               "unknown function": "nope(x0)", "not allowed": "x0 if x1 else 2", "nested too deeply": "-" * 50 + "x0"}


@pytest.mark.parametrize("case", EXPRESSIONS)
def test_playground_expression_errors(chinese, case):
    with pytest.raises(surfaces.ExpressionError) as caught:
        surfaces.parse(EXPRESSIONS[case]).gradient((1.0, 1.0))
    _check(str(caught.value), *surfaces._FUNCTIONS, "x0", "x1", "pi", "if", "else")


def test_playground_surfaces_in_chinese(chinese):
    texts = [i18n._(text) for s in surfaces.SURFACES.values() for text in (s.title, s.note)]
    assert all(texts)
    _check(" ".join(texts), "x0", "x1", "Rosenbrock")


def test_weight_edit_refusals(chinese):
    initial = {"d": {"kernel": np.zeros((2, 3)), "bias": np.zeros(3)}}
    _check(_message(lambda: weight_edits.with_value(None, initial, "d", "gamma", (0,), 1.0)), "gamma")
    _check(_message(lambda: weight_edits.with_array(None, initial, "d", "kernel", np.zeros((3, 2)))))


VARY_CASES = {
    "no values": lambda: compare.parse_vary("bogus"),
    "no section": lambda: compare.parse_vary("bogus=1,2"),
    "varied twice": lambda: compare.grid([compare.parse_vary("training.epochs=1,2")] * 2),
    "too many variants": lambda: compare.grid([compare.parse_vary("training.epochs=" + ",".join(
        str(n) for n in range(1, compare.MAX_VARIANTS + 2)))]),
}


@pytest.mark.parametrize("case", VARY_CASES)
def test_vary_errors(chinese, case):
    # --vary and the setting names (training.batch_size) are what the user types
    _check(_raised(VARY_CASES[case], ValueError), "vary", "training", "data", "batch_size")


def test_sequence_targets_in_chinese(chinese):
    names = [data.generate("sine_windows", horizon=h).target_name for h in (1, 3)]
    names.append(data.generate("memory", lag=3).target_name)
    assert len(set(names)) == 3
    _check(" ".join(names))


@pytest.mark.parametrize("kind", sklearn_recipe.KINDS)
@pytest.mark.parametrize("recipe", [sklearn_recipe.Recipe(), sklearn_recipe.Recipe(
    alpha=0.0, batch_size=10_000, early_stopping=True, solver="lbfgs")], ids=["defaults", "lbfgs"])
def test_sklearn_recipe_notes_in_chinese(chinese, kind, recipe):
    """The Lesson panel's text for a project built from MLPRegressor/MLPClassifier(...)."""
    estimator = "MLPRegressor" if kind == "regression" else "MLPClassifier"
    translation = sklearn_recipe.translate(recipe, (8,), 3, kind, 1000)
    notes = sklearn_recipe.notes(estimator, recipe, translation)
    words = {"MLPRegressor", "MLPClassifier", "md", "docs", "sklearn", "recipe", "tol", "n_iter_no_change", "alpha",
             "hidden_layer_sizes", "batch_size", "early_stopping", "solver", "lbfgs", "auto", "True", "False"}
    _check(notes, *words)


def test_export_format_descriptions_in_chinese(chinese):
    texts = [i18n._(text) for text in FORMATS.values()]
    _check(" ".join(texts), "nn", "Module", "build_model", "models", "load_model", "load_weights", "h5py", "h5",
           "node_id", "param", "py", "npz", "onnx", "keras", "weights")


def test_data_set_titles_in_chinese(chinese):
    _check(" ".join(i18n._(s.title) for s in remote.REMOTE.values()), "Fashion")


# downloads: the set below names MNIST's files; a failed download names the URL, the file and the folder (removed
# before the check), and may quote the server's or the system's own words (an HTTP reason, an OS error)
FILES = mnist_like()


def _mnist(mirrors):
    entries = tuple(remote.RemoteFile(n, sha256(b), len(b)) for n, b in FILES.items())
    return remote.RemoteSet("mnist", "MNIST", entries, tuple(mirrors), "test data")


def _download_error(tmp_path, mirror, cancelled=None, kind=DataError) -> str:
    with pytest.raises(kind) as caught:
        remote.fetch(_mnist([mirror]), folder=tmp_path / "mnist", timeout=5, cancelled=cancelled)
    message = str(caught.value).replace(str(tmp_path), "").replace(mirror.rstrip("/"), "")
    for name in FILES:
        message = message.replace(name, "")
    assert "\n" not in message
    return message


SERVED = {
    "checksum differs": lambda: _Server({f"/{n}": b[:-1] + bytes([b[-1] ^ 0xFF]) for n, b in FILES.items()}),
    "truncated": lambda: _Server({f"/{n}": b for n, b in FILES.items()}, lie={f"/{n}": len(b) + 1000
                                                                           for n, b in FILES.items()}),
    "not found": lambda: _Server({}),
}


@pytest.mark.parametrize("case", SERVED)
def test_download_errors_from_a_local_server(chinese, tmp_path, case):
    server = SERVED[case]()
    try:
        message = _download_error(tmp_path, server.url + "/")
    finally:
        server.close()
    _check(message.replace(HTTPStatus.NOT_FOUND.phrase, ""), "NNSTUDIO_DATA_MIRROR", "mirror", "SHA")


def test_download_from_a_server_gone_and_cancelled(chinese, tmp_path):
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    message = _download_error(tmp_path, f"http://127.0.0.1:{port}/")
    _check(message.replace(os.strerror(errno.ECONNREFUSED), ""), "NNSTUDIO_DATA_MIRROR", "mirror")
    server = _Server({f"/{n}": b for n, b in FILES.items()})
    try:
        _check(_download_error(tmp_path, server.url + "/", lambda: True, remote.DownloadCancelled))
    finally:
        server.close()


# the reasons a transfer fails without a server to stage them: what urlopen raises
RAISED = {
    "no answer": urllib.error.URLError(socket.timeout()),
    "stopped sending": socket.timeout(),
    "broke off": http.client.IncompleteRead(b""),
    "writing failed": OSError(errno.ENOSPC, "设备上没有空间"),
}


@pytest.mark.parametrize("case", RAISED)
def test_download_failures_in_chinese(chinese, tmp_path, monkeypatch, case):
    def urlopen(url, timeout):
        raise RAISED[case]
    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    message = _download_error(tmp_path, "http://127.0.0.1:9/")
    _check(message, "NNSTUDIO_DATA_MIRROR", "mirror", "IncompleteRead", "part")


def test_a_data_set_not_downloaded_yet(chinese):
    _check(_message(lambda: data.load_builtin("fashion_mnist")).replace(
        str(dataset_dir("fashion_mnist")), ""), "Fashion", "NNSTUDIO_DATA_MIRROR", "mirror", "fashion_mnist",
        "data", "fetch", "gz", "idx3", "idx1", "ubyte", "images", "labels", "train", "t10k")
